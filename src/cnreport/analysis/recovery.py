"""COVID-era recovery analyses; each returns a tidy frame (notebook 03 calls them).

Inputs are the processed tables of :mod:`cnreport.clean.dataset` (``indicators``,
``panel``, ``directions``). No number is typed here: values come from report
spans or cited benchmark rows, and each output row names its source.
"""

from __future__ import annotations

import calendar
import re

import pandas as pd

HEADLINE = ("gdp", "industrial_va_above_size", "fai", "retail_sales", "budget_revenue",
            "disposable_income_urban", "disposable_income_rural")
# Cumulative national periods in calendar order, for the "V".
CUMULATIVE_PERIODS = ("2020Q1", "2020H1", "2020Q1-Q3", "2020", "2021H1")
_SOURCE_ORDER = {"report": 0, "benchmark": 1, "derived": 2}


def _pick(rows: pd.DataFrame) -> pd.Series | None:
    """One value among several sources: stated before derived, then report before benchmark."""
    if rows.empty:
        return None
    order = rows.assign(_o=(rows["origin"] != "stated").astype(int) * 10 + rows["source_kind"].map(_SOURCE_ORDER))
    return order.sort_values(["_o", "source_id"]).iloc[0]


def source_ref(row) -> str:
    """A row's source as one string: ``report@start-end``, ``benchmarks.csv:<line>``, or both inputs."""
    start = row["source_start"]
    if row["source_kind"] == "report" and not pd.isna(start):
        return f"{row['source_id']}@{int(start)}-{int(row['source_end'])}"
    return row["source_id"]


def growth(panel: pd.DataFrame, geo_id: str, indicator_id: str, period: str) -> pd.Series | None:
    """The growth rate of one place, indicator and period (stated preferred to derived), or None."""
    rows = panel[(panel["geo_id"] == geo_id) & (panel["indicator_id"] == indicator_id)
                 & (panel["period"] == period) & (panel["measure"] == "growth_pct")]
    return _pick(rows)


def scorecard(panel: pd.DataFrame, directions: pd.DataFrame, place: str, period: str,
              comparators: tuple[str, ...], indicators: tuple[str, ...] = HEADLINE) -> pd.DataFrame:
    """(a) Headline growth of ``place`` against ``comparators``, one row per indicator and place.

    A missing figure is a row with ``status`` missing (and, for the place itself, the
    report's own words about the direction where it gives any), never a dropped row.
    ``gap_pp`` is the place's rate minus the comparator's, in percentage points.
    """
    names = panel.drop_duplicates("indicator_id").set_index("indicator_id")["indicator_en"]
    geos = panel.drop_duplicates("geo_id").set_index("geo_id")["geo_en"]
    geos_zh = panel.drop_duplicates("geo_id").set_index("geo_id")["geo_zh"]
    rows = []
    for iid in indicators:
        own = growth(panel, place, iid, period)
        for geo in (place, *comparators):
            hit = own if geo == place else growth(panel, geo, iid, period)
            note = ""
            if hit is None and geo == place:
                said = directions[(directions["indicator_id"] == iid) & (directions["report_id"].isin(
                    panel.loc[(panel["geo_id"] == place) & (panel["period"] == period) &
                              (panel["source_kind"] == "report"), "source_id"].unique()))]
                note = "; ".join(f"report says {t}" for t in said["text"])
            rows.append({
                "indicator_id": iid, "indicator_en": names.get(iid, iid), "geo_id": geo,
                "geo_zh": geos_zh.get(geo, geo), "geo_en": geos.get(geo, geo),
                "period": period, "value": None if hit is None else hit["value"],
                "status": "missing" if hit is None else hit["origin"],
                "price_basis": None if hit is None else hit["price_basis"],
                "gap_pp": None if hit is None or own is None or geo == place else round(own["value"] - hit["value"], 2),
                "source": None if hit is None else source_ref(hit), "note": note or None,
            })
    return pd.DataFrame(rows)


def baseline(panel: pd.DataFrame, place: str, now: str, before: str) -> pd.DataFrame:
    """(b) Growth in ``before`` and ``now`` for every indicator where the place has both.

    A rate is stated where the report gives one and derived (nominal, from two
    levels a year apart) where it gives only a level; ``basis_now`` and
    ``basis_before`` say which. ``change_pp`` = now − before.
    """
    ids = sorted(set(panel.loc[(panel["geo_id"] == place) & (panel["measure"] == "growth_pct"), "indicator_id"]))
    rows = []
    for iid in ids:
        a, b = growth(panel, place, iid, now), growth(panel, place, iid, before)
        if a is None or b is None:
            continue
        rows.append({"indicator_id": iid, "indicator_en": a["indicator_en"], "growth_before": b["value"],
                     "growth_now": a["value"], "change_pp": round(a["value"] - b["value"], 2),
                     "basis_before": f"{b['origin']}, {b['price_basis']}", "basis_now": f"{a['origin']}, {a['price_basis']}",
                     "source_before": source_ref(b), "source_now": source_ref(a),
                     "derivation_now": a["derivation"] if a["origin"] == "derived" else None})
    if not rows:
        return pd.DataFrame(columns=["indicator_id", "indicator_en", "growth_before", "growth_now", "change_pp",
                                     "basis_before", "basis_now", "source_before", "source_now", "derivation_now"])
    return pd.DataFrame(rows).sort_values("change_pp", kind="stable").reset_index(drop=True)


def unsaid(indicators: pd.DataFrame, directions: pd.DataFrame, now_report: str, before_report: str) -> pd.DataFrame:
    """(b) Indicators whose growth the earlier report states and the later one does not.

    For each, whether the later report gives a level instead, and what it says in
    words about the direction (``directions``).
    """
    actual = indicators[indicators["status"] == "actual"]
    before, now = actual[actual["report_id"] == before_report], actual[actual["report_id"] == now_report]
    stated_before = before[before["measure"] == "growth_pct"].drop_duplicates("indicator_id")
    rows = []
    for r in stated_before.itertuples():
        if ((now["indicator_id"] == r.indicator_id) & (now["measure"] == "growth_pct")).any():
            continue
        said = directions[(directions["report_id"] == now_report) & (directions["indicator_id"] == r.indicator_id)]
        rows.append({"indicator_id": r.indicator_id, "indicator_en": r.indicator_en,
                     "growth_before": r.value, "source_before": f"{before_report}@{r.source_start}-{r.source_end}",
                     "level_now": bool(((now["indicator_id"] == r.indicator_id) & (now["measure"] == "level")).any()),
                     "words_now": "; ".join(said["text"]) or None})
    return pd.DataFrame(rows)


def sector_growth(indicators: pd.DataFrame, report_id: str) -> pd.DataFrame:
    """(c) Every actual growth rate of one report, ranked, with its sector."""
    f = indicators[(indicators["report_id"] == report_id) & (indicators["status"] == "actual")
                   & (indicators["measure"] == "growth_pct") & indicators["indicator_id"].notna()]
    out = f[["indicator_id", "indicator_en", "indicator_zh", "sector", "period", "value", "source_start",
             "source_end", "source_text"]].rename(columns={"value": "growth_pct"})
    return out.sort_values(["growth_pct", "indicator_id"], ascending=[False, True], kind="stable").reset_index(drop=True)


def direction_statements(directions: pd.DataFrame, indicators: pd.DataFrame, report_id: str) -> pd.DataFrame:
    """(c) The report's statements of direction without a number, with the indicator's sector."""
    d = directions[(directions["report_id"] == report_id) & (directions["has_number"] == "false")]
    sectors = indicators.drop_duplicates("indicator_id").set_index("indicator_id")["sector"]
    out = d[["start", "end", "text", "kind", "direction", "subject_zh", "indicator_id", "indicator_en"]].copy()
    out["sector"] = out["indicator_id"].map(sectors)
    out["scope"] = out["indicator_id"].notna().map({True: "indicator", False: "economy or sector in general"})
    return out.reset_index(drop=True)


_MONTHS = {None: range(1, 13), "H1": range(1, 7), "H2": range(7, 13), "Q1": range(1, 4), "Q2": range(4, 7),
           "Q3": range(7, 10), "Q4": range(10, 13), "Q1-Q3": range(1, 10)}


def _days(period: str) -> int:
    """Days in a period: 2020H1 (182 in a leap year), 2020H2 (184), 2020Q1-Q3 (274), 2020 (366)."""
    m = re.fullmatch(r"(\d{4})(H[12]|Q[1-4]|Q1-Q3)?", period)
    if not m:
        raise ValueError(f"period {period!r} is not a year, half-year or quarter")
    year = int(m.group(1))
    months = _MONTHS[m.group(2)]
    return sum(calendar.monthrange(year, mo)[1] for mo in months)


# Totals of different project lists share an indicator but are not the same quantity twice.
NOT_COMPARABLE_ACROSS_LISTS = ("project_investment",)


def plan_progress(indicators: pd.DataFrame, report_id: str, period_actual: str, period_plan: str,
                  exclude: tuple[str, ...] = NOT_COMPARABLE_ACROSS_LISTS) -> pd.DataFrame:
    """(d) H1 actuals against the report's targets for the same indicator, under two readings.

    A target in part 二 of a half-year plan report may mean the full-year total or
    what is still to be done in the second half; reports rarely say which.

    - ``full_year`` reading: the target is the year's total. ``share_full_year`` =
      actual / target; at the half-year mark 50% is on schedule. For a rate (the
      share of good-air days), ``h2_needed`` is the second-half rate that brings the
      year to the target, weighting each half by its days.
    - ``second_half`` reading: the target is added to the first half. ``share_second_half``
      = actual / (actual + target) is the first half's share of the year, and
      ``h2_pace_ratio`` = target / actual how much faster the second half must go.

    ``exclude`` leaves out indicators whose actual and target total different lists
    (the investment of 38 registered projects against that of 20 major ones).
    """
    f = indicators[(indicators["report_id"] == report_id) & indicators["indicator_id"].notna()
                   & ~indicators["indicator_id"].isin(exclude)]
    actual = f[(f["status"] == "actual") & (f["period"] == period_actual)]
    target = f[(f["status"] == "target") & (f["period"] == period_plan)]
    rows = []
    for t in target.itertuples():
        match = actual[(actual["indicator_id"] == t.indicator_id) & (actual["measure"] == t.measure)
                       & (actual["unit"] == t.unit)]
        for a in match.itertuples():
            row = {"indicator_id": t.indicator_id, "indicator_en": t.indicator_en, "indicator_zh": t.indicator_zh,
                   "measure": t.measure,
                   "unit": t.unit, "actual": a.value, "actual_text": a.source_text, "actual_phrase": a.indicator_phrase,
                   "target": t.value, "target_text": t.source_text, "target_phrase": t.indicator_phrase,
                   "target_qualifier": t.qualifier, "source_actual": f"{report_id}@{a.source_start}-{a.source_end}",
                   "source_target": f"{report_id}@{t.source_start}-{t.source_end}"}
            if t.measure == "level":
                row["share_full_year"] = round(100 * a.value / t.value, 1)
                row["share_second_half"] = round(100 * a.value / (a.value + t.value), 1)
                row["h2_pace_ratio"] = round(t.value / a.value, 2)
                row["h2_needed"] = None
            else:
                d1, d2 = _days(period_actual), _days(period_plan)
                row["share_full_year"] = row["share_second_half"] = row["h2_pace_ratio"] = None
                row["h2_needed"] = round((t.value * (d1 + d2) - a.value * d1) / d2, 1)
            row["gap"] = round(t.value - a.value, 2)
            rows.append(row)
    return pd.DataFrame(rows)


def province_of(geo_zh: str, known: list[str]) -> str:
    """The province-level unit a place lies in, from Chinese place names.

    "湖北省天门市" -> "湖北省"; a province or municipality is its own ("北京市"); a
    city without its province ("南通市") takes the province of a known place that
    contains it ("江苏省南通市通州区"); the country is "中国".
    """
    m = re.match(r"^(.{2,3}?省|.{2}自治区|北京市|天津市|上海市|重庆市)", geo_zh)
    if m:
        return m.group(1)
    for name in known:
        hit = re.match(r"^(.{2,3}?省)", name)
        if hit and geo_zh in name:
            return hit.group(1)
    return geo_zh


def cross_district(panel: pd.DataFrame, indicators: pd.DataFrame, period: str, indicator_id: str = "gdp",
                   geos: tuple[str, ...] | None = None) -> pd.DataFrame:
    """(e) One growth rate per place for a period: the report places and the given benchmark places.

    ``geos`` limits the places (default: every place in the panel). ``province_zh``/``province_en``
    group places by the province they lie in (from the Chinese place names, :func:`province_of`);
    ``level`` says whether it is a district, county, city, province or the country. Sorted by value.
    """
    names = sorted(panel["geo_zh"].unique())
    english = panel.drop_duplicates("geo_zh").set_index("geo_zh")["geo_en"]
    rows = []
    for geo in sorted(panel["geo_id"].unique() if geos is None else set(geos)):
        hit = growth(panel, geo, indicator_id, period)
        if hit is None:
            continue
        province = province_of(hit["geo_zh"], names)
        rows.append({"geo_id": geo, "geo_zh": hit["geo_zh"], "geo_en": hit["geo_en"], "level": hit["geo_level"],
                     "province_zh": province, "province_en": english.get(province, province), "period": period,
                     "indicator_id": indicator_id, "growth_pct": hit["value"], "origin": hit["origin"],
                     "price_basis": hit["price_basis"], "source": source_ref(hit)})
    if not rows:
        return pd.DataFrame(columns=["geo_id", "geo_zh", "geo_en", "level", "province_zh", "province_en", "period",
                                     "indicator_id", "growth_pct", "origin", "price_basis", "source"])
    return pd.DataFrame(rows).sort_values(["growth_pct", "geo_id"], kind="stable").reset_index(drop=True)


def cumulative_order(period: str) -> tuple[int, int] | None:
    """Calendar position of a cumulative period (Q1, H1, Q1-Q3, year); None for any other period.

    Rule: reports and statistics give growth "to date" (1-3月, 1-6月, 1-9月, 全年), so
    only these four spans of a year line up as one path: ``2020Q1`` -> (2020, 1),
    ``2020Q1-Q3`` -> (2020, 3), ``2020`` -> (2020, 4); ``2020Q2`` -> None.
    """
    m = re.fullmatch(r"(\d{4})(Q1|H1|Q1-Q3)?", str(period))
    if not m:
        return None
    return int(m.group(1)), {"Q1": 1, "H1": 2, "Q1-Q3": 3, None: 4}[m.group(2)]


def national_v(panel: pd.DataFrame, geos: tuple[str, ...], indicator_id: str = "gdp",
               periods: tuple[str, ...] | None = None) -> pd.DataFrame:
    """(f) Cumulative year-on-year growth by period for a few places: the national V and where others sit.

    ``periods`` defaults to every cumulative period (:func:`cumulative_order`) in which one of
    ``geos`` has a figure, in calendar order.
    """
    if periods is None:
        found = panel.loc[panel["geo_id"].isin(geos) & (panel["indicator_id"] == indicator_id)
                          & (panel["measure"] == "growth_pct"), "period"].unique()
        periods = tuple(sorted((p for p in found if cumulative_order(p)), key=cumulative_order))
    rows = []
    for geo in geos:
        for k, period in enumerate(periods):
            hit = growth(panel, geo, indicator_id, period)
            if hit is not None:
                rows.append({"geo_id": geo, "geo_zh": hit["geo_zh"], "geo_en": hit["geo_en"], "period": period,
                             "period_order": k,
                             "growth_pct": hit["value"], "origin": hit["origin"], "source": source_ref(hit)})
    return pd.DataFrame(rows, columns=["geo_id", "geo_zh", "geo_en", "period", "period_order", "growth_pct",
                                       "origin", "source"])
