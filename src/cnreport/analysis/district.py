"""What to compare a report with, and the sentences the notebooks print, for any district.

Comparators follow from the place (:func:`comparators`): the country, the report's
province and its prefecture city, each present only where ``data/external/`` has
figures for it. The baseline is the same place's report for the same span of an
earlier year (:func:`earlier_report`). Every ``*_text`` function returns finished
sentences built from computed values, or one sentence saying why the analysis cannot
be done for this report; none prints ``nan`` or names a province the place is not in.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from cnreport.core.files import ReportError, ReportMeta
from cnreport.core.metadata import division_en
from cnreport.core.places import resolve_place

_SPAN_EN = {"H1": "the first half of {y}", "H2": "the second half of {y}", "Q1": "the first quarter of {y}",
            "Q2": "the second quarter of {y}", "Q3": "the third quarter of {y}", "Q4": "the fourth quarter of {y}",
            "Q1-Q3": "the first three quarters of {y}", "": "{y}"}


def period_en(period: str | None) -> str:
    """A period id in words: ``2020H1`` -> "the first half of 2020", ``2020Q1-Q3`` -> "the first three quarters of 2020"."""
    m = re.fullmatch(r"(\d{4})(.*)", str(period or ""))
    if not m or m.group(2) not in _SPAN_EN:
        return str(period)
    return _SPAN_EN[m.group(2)].format(y=m.group(1))


def comparators(place_zh: str, panel: pd.DataFrame, chosen: tuple[str, ...] = ()) -> pd.DataFrame:
    """The country, province and prefecture of a place, and whether our benchmarks hold each.

    Parameters
    ----------
    place_zh : str
        The report's place (``"湖北省天门市"``).
    panel : DataFrame
        The panel (:mod:`cnreport.clean.panel`); benchmark places are looked up in it.
    chosen : tuple of str
        ``geo_id`` values to use instead (the notebooks' ``comparators`` parameter).

    Returns
    -------
    DataFrame
        ``role`` (country, province, prefecture or chosen), ``name_zh``, ``geo_id`` (None when
        not in our benchmarks), ``geo_en``.
    """
    bench = panel[panel["source_kind"] == "benchmark"].drop_duplicates("geo_id")
    if chosen:
        rows = [{"role": "chosen", "name_zh": _first(bench, "geo_id", g, "geo_zh") or g, "geo_id": g,
                 "geo_en": _first(bench, "geo_id", g, "geo_en") or g} for g in chosen]
        return pd.DataFrame(rows)
    wanted = []  # nearest first: prefecture, province, country
    try:
        place = resolve_place(place_zh)
        if place.prefecture_zh and place.level == "county":
            wanted += [("prefecture", place.prefecture_zh)]
        if place.level != "province":
            wanted += [("province", place.province_zh)]
    except ReportError:
        pass  # not in the division table: the metadata check said so; only the country is compared
    wanted += [("country", "中国")]
    rows = []
    for role, name in wanted:
        geo = _first(bench, "geo_zh", name, "geo_id")
        rows.append({"role": role, "name_zh": name, "geo_id": geo,
                     "geo_en": _first(bench, "geo_zh", name, "geo_en") or division_en(name)})
    return pd.DataFrame(rows)


def _first(frame: pd.DataFrame, key: str, value: str, column: str) -> str | None:
    hit = frame.loc[frame[key] == value, column]
    return None if hit.empty else str(hit.iloc[0])


def comparator_ids(comps: pd.DataFrame) -> tuple[str, ...]:
    """The ``geo_id`` of every comparator our benchmarks hold, in order."""
    return tuple(g for g in comps["geo_id"] if isinstance(g, str))


def geo_of(indicators: pd.DataFrame, meta: ReportMeta) -> str:
    """The report's ``geo_id`` in the cleaned data (the first word of the report id when it has no fact)."""
    hit = indicators.loc[indicators["report_id"] == meta.report_id, "geo_id"]
    return str(hit.iloc[0]) if not hit.empty else meta.report_id.split("_")[0]


def drawn_geos(card: pd.DataFrame, place: str, comps: pd.DataFrame) -> tuple[str, ...]:
    """The place and the comparators with at least one figure in the scorecard, for a figure."""
    held = set(card.loc[card["value"].notna(), "geo_id"]) if not card.empty else set()
    return (place, *(g for g in comparator_ids(comps) if g in held))


def comparators_text(meta: ReportMeta, comps: pd.DataFrame) -> str:
    """One sentence naming the comparators, and those not in our benchmarks."""
    held = [f"{r.geo_en} ({r.name_zh})" for r in comps.itertuples() if isinstance(r.geo_id, str)]
    absent = [f"{r.geo_en} ({r.name_zh})" for r in comps.itertuples() if not isinstance(r.geo_id, str)]
    text = f"{meta.place_en} is compared with " + ("; ".join(held) if held else "nothing") + "."
    if absent:
        text += " Not in our benchmarks: " + "; ".join(absent) + " (add rows to data/external/benchmarks_user.csv)."
    return text


def earlier_report(meta: ReportMeta, metas: list[ReportMeta]) -> ReportMeta | None:
    """The same place's report for the same span of the latest earlier year, or None.

    Rule: a pre-COVID baseline must cover the same months (2020H1 against 2019H1, 2020
    against 2019), so ``tongzhou_2020h1`` takes ``tongzhou_2019h1_plan``, never the 2019 bulletin.
    """
    m = re.fullmatch(r"(\d{4})(.*)", meta.period_actual or "")
    if not m:
        return None
    same = [o for o in metas if o.place_zh == meta.place_zh and o.report_id != meta.report_id and o.period_actual
            and o.period_actual[4:] == m.group(2) and o.period_actual[:4] < m.group(1)]
    return max(same, key=lambda o: (o.period_actual, o.report_id), default=None)


def v_periods(period: str) -> tuple[str, ...]:
    """The cumulative periods around a report's year: Q1, H1, Q1-Q3 and the year, then H1 of the next year."""
    year = int(str(period)[:4])
    return (f"{year}Q1", f"{year}H1", f"{year}Q1-Q3", f"{year}", f"{year + 1}H1")


def _pct(value: float) -> str:
    return f"{value:+.1f}%"


def headline_text(card: pd.DataFrame, place: str, comps: pd.DataFrame, meta: ReportMeta) -> str:
    """Sentences on GDP and investment growth against each comparator, and what the report leaves out."""
    if card.empty:
        return "The report states no actual period, so there is no headline growth to compare."
    values = card.set_index(["indicator_id", "geo_id"])["value"]
    out = []
    for iid, name in (("gdp", "GDP"), ("fai", "Fixed-asset investment")):
        own = values.get((iid, place))
        if own is None or _missing(own):
            out.append(f"The report gives no {name} growth rate for {period_en(meta.period_actual)}.")
            continue
        parts = []
        for r in comps.itertuples():
            other = values.get((iid, r.geo_id)) if isinstance(r.geo_id, str) else None
            if other is None or _missing(other):
                parts.append(f"{r.geo_en}: not in our benchmarks")
            else:
                parts.append(f"{r.geo_en} {_pct(other)} ({own - other:+.1f} points)")
        out.append(f"{name} grew {_pct(own)} in {period_en(meta.period_actual)}; " + "; ".join(parts) + ".")
    missing = card[(card["geo_id"] == place) & (card["status"] == "missing")]["indicator_en"].tolist()
    if missing:
        out.append("The report gives no growth rate for: " + "; ".join(missing) + ".")
    return "\n".join(out)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def baseline_text(base: pd.DataFrame, before: ReportMeta | None) -> str:
    """One line per indicator reported in both periods, or why there is no baseline."""
    if before is None:
        return ("No earlier report of the same place for the same months is in data/raw/, so there is no "
                "pre-COVID baseline for this report.")
    if base.empty:
        return f"The report and {before.report_id} share no indicator with a growth rate, so there is no baseline."
    lines = [f"{r.indicator_en}: {r.growth_before:+.1f}% -> {r.growth_now:+.2f}% ({r.change_pp:+.2f} points; "
             f"now {r.basis_now})" for r in base.itertuples()]
    return "\n".join([*lines, *base["derivation_now"].dropna()])


def plan_text(plan: pd.DataFrame, meta: ReportMeta) -> str:
    """Progress toward the report's targets under the full-year reading, or why there is none."""
    if not meta.period_plan or not meta.period_actual:
        return "The report does not both state results and set targets, so there is no plan progress to measure."
    if plan.empty:
        return "No target in the report matches an actual figure of the same indicator and unit."
    levels = plan[plan["measure"] == "level"]
    out = []
    if not levels.empty:
        ahead = levels.loc[levels["share_full_year"] >= 50, "indicator_en"].tolist()
        out.append(f"Read as full-year totals, {len(ahead)} of {len(levels)} targets were at least half done: "
                   f"{'; '.join(ahead) or 'none'}.")
        hardest = levels.sort_values("h2_pace_ratio").iloc[-1]
        out.append(f"Read as amounts for the rest of the year, the hardest is {hardest.indicator_en}: "
                   f"{hardest.h2_pace_ratio:.1f} times the pace so far.")
    for r in plan[plan["measure"] != "level"].itertuples():
        if not _missing(r.h2_needed):
            out.append(f"{r.indicator_en}: {r.actual_text} so far against {r.target_text}; a full-year reading needs "
                       f"{r.h2_needed:.1f}% in the rest of the year.")
    return "\n".join(out)


def sectors_text(sectors: pd.DataFrame, moves: pd.DataFrame) -> str:
    """The fastest and slowest growth rates of the report and its declines without a number."""
    economic = sectors[sectors["indicator_id"] != "pm25"]
    if economic.empty:
        return "The report states no growth rate mapped to an indicator."
    top, bottom = economic.iloc[0], economic.iloc[-1]
    out = [f"Fastest: {top.indicator_en} {top.growth_pct:+.1f}%; slowest: {bottom.indicator_en} {bottom.growth_pct:+.1f}%."]
    narrowing = moves[moves["kind"] == "decline_narrowing"]["indicator_en"].dropna().tolist()
    if narrowing:
        out.append("Still falling, but by less (降幅收窄), with no rate given: " + "; ".join(narrowing) + ".")
    return "\n".join(out)


def district_geos(panel: pd.DataFrame, indicators: pd.DataFrame, period: str) -> tuple[str, ...]:
    """Places for a cross-district view of one period: report places of that period, their provinces, the country.

    Rule: only reports of comparable periods stand side by side (2020H1 with 2020H1), and a
    province appears only when a report place lies in it.
    """
    facts = indicators[indicators["period"] == period]
    places = facts.drop_duplicates("geo_id")[["geo_id", "place_zh"]]
    bench = panel[panel["source_kind"] == "benchmark"].drop_duplicates("geo_id")
    geos = set(places["geo_id"])
    for place_zh in places["place_zh"]:
        try:
            province = resolve_place(place_zh).province_zh
        except ReportError:
            continue
        geos.update(bench.loc[bench["geo_zh"] == province, "geo_id"])
    geos.update(bench.loc[bench["geo_level"] == "country", "geo_id"])
    return tuple(sorted(geos))


def cross_text(cross: pd.DataFrame, meta: ReportMeta) -> str:
    """Range of growth by province for one period, from the cross-district table."""
    if cross.empty or (cross["level"] != "country").sum() < 2:
        return f"Fewer than two places have GDP growth for {period_en(meta.period_actual)}: no comparison across districts."
    by = cross[cross["level"] != "country"].groupby("province_en")["growth_pct"].agg(["count", "min", "max"])
    return "\n".join(f"{name}: {int(r['count'])} place(s), {r['min']:+.1f}% to {r['max']:+.1f}%"
                     for name, r in by.iterrows())


def v_text(v: pd.DataFrame, place: str, comps: pd.DataFrame, meta: ReportMeta) -> str:
    """Where the place's own figure sits on the path of the country's cumulative growth."""
    country_id = _first(comps, "role", "country", "geo_id")
    country = v[v["geo_id"] == country_id].set_index("period")["growth_pct"]
    own = v[v["geo_id"] == place].set_index("period")["growth_pct"]
    if country.empty:
        return "Our benchmarks hold no national growth path for these periods."
    path = "; ".join(f"{period_en(p)} {_pct(x)}" for p, x in country.items())
    text = f"{_first(comps, 'role', 'country', 'geo_en')}'s GDP growth to date: {path}."
    if meta.period_actual in own.index and meta.period_actual in country.index:
        gap = own[meta.period_actual] - country[meta.period_actual]
        text += (f" {meta.place_en.split(',')[0]} stood at {_pct(own[meta.period_actual])} in "
                 f"{period_en(meta.period_actual)}, {gap:+.1f} points from the national figure.")
    else:
        text += f" {meta.place_en.split(',')[0]} has no GDP growth for a period on this path."
    return text
