"""Plan progress read properly: both readings, qualifiers, seasonality, and pairs that differ.

:func:`cnreport.analysis.plan_progress` pairs each first-half actual with the
report's target for the same indicator and computes two readings. This module
adds what a careful reader needs before drawing a conclusion from them:

- the **qualifier words** around each number, read from the text with the
  project's cue lists (``core/lexicon/cues.csv``): an actual written 超1万座 or
  1万座以上 is a lower bound, so its share is "at least"; a target written
  突破2000亿元 is a threshold that the year's running total is to pass, so only the
  full-year reading applies;
- whether the actual and the target **name the same thing** (:func:`same_measure`);
- a **seasonality reference** (:func:`seasonality_reference`): the share of the
  year that the first half held for the same indicator where a source gives both.
"""

from __future__ import annotations

import re

import pandas as pd

from cnreport.analysis.recovery import plan_progress
from cnreport.core import lexicon
from cnreport.core.normalize import to_simplified

#: A target introduced by one of these words is a full-year (running-total) threshold:
#: 突破2000亿元 says the year's total will pass 2000亿元, not that the second half adds 2000亿元.
FULL_YEAR_CUES = ("突破",)
#: Verbs that report an amount without changing what is counted (完成施工产值 = 施工产值).
NEUTRAL_VERBS = ("完成", "实现", "达到", "累计")
_LOWER = ("more_than", "at_least")


def qualifier_words(text: str, start: int, end: int) -> tuple[str, str]:
    """The qualifier cue words written just before and just after a number.

    Parameters
    ----------
    text : str
        The report's text.
    start, end : int
        The number's span in ``text`` (end exclusive).

    Returns
    -------
    (str, str)
        E.g. ``("超", "")`` for 超1万座, ``("", "以上")`` for 90%以上, ``("突破", "")``.
    """
    cues = lexicon.cues()
    simple = to_simplified(text)
    before = next((w for k, ws in cues.items() if k.startswith("qualifier_before_") for w in ws
                   if simple[max(0, start - len(w)):start] == w), "")
    after = next((w for k, ws in cues.items() if k.startswith("qualifier_after_") for w in ws
                  if simple[end:end + len(w)] == w), "")
    return before, after


def same_measure(actual_phrase: str, target_phrase: str) -> tuple[bool, str]:
    """Whether an actual and a target name the same thing, judged from their phrases.

    Rule: two phrases name the same quantity when, after dropping verbs that only
    report an amount (:data:`NEUTRAL_VERBS`), they hold the same characters in any
    order (城镇新增就业 = 新增城镇就业). Otherwise the characters each has that the
    other lacks are returned, so the reader sees the difference: 改建农村户厕 against
    户厕改造 gives "建农村 vs 造" (rebuilt against renovated).

    Parameters
    ----------
    actual_phrase, target_phrase : str
        The indicator phrases as written (``indicator_phrase``).

    Returns
    -------
    (bool, str)
        ``(True, "")`` or ``(False, "<only in actual> vs <only in target>")``.
    """
    def chars(phrase: str) -> list[str]:
        for verb in NEUTRAL_VERBS:
            phrase = phrase.replace(verb, "")
        return sorted(re.sub(r"\W", "", phrase))

    a, t = chars(actual_phrase), chars(target_phrase)
    if a == t:
        return True, ""
    only_a, only_t = list(a), list(t)
    for ch in a:
        if ch in only_t:
            only_t.remove(ch)
            only_a.remove(ch)
    keep = lambda phrase, pool: "".join(ch for ch in phrase if ch in pool)  # noqa: E731 - in phrase order
    return False, f"{keep(actual_phrase, only_a) or '—'} vs {keep(target_phrase, only_t) or '—'}"


def seasonality_reference(panel: pd.DataFrame, indicator_id: str, year: int) -> pd.DataFrame:
    """First-half shares of a full year for one indicator, where a source gives both levels.

    For every place and year up to ``year`` with a stated first-half level
    (``<y>H1``) and a stated full-year level (``<y>``) of the indicator:
    ``h1_share`` = 100 × H1 / year. A share from ``year`` itself was published after
    a mid-year report and is marked ``later``.

    Parameters
    ----------
    panel : DataFrame
        The panel.
    indicator_id : str
        The indicator.
    year : int
        The report's year.

    Returns
    -------
    DataFrame
        ``indicator_id``, ``geo_id``, ``geo_en``, ``geo_zh``, ``year``, ``h1``, ``full_year``,
        ``h1_share`` (1 decimal), ``later`` (bool), ``source_h1``, ``source_year``;
        earlier years first.
    """
    lv = panel[(panel["indicator_id"] == indicator_id) & (panel["measure"] == "level") & (panel["origin"] == "stated")]
    rows = []
    for (geo, y), _ in lv.assign(y=lv["period"].str[:4]).groupby(["geo_id", "y"]):
        if not y.isdigit() or int(y) > year:
            continue
        h1, full = lv[(lv["geo_id"] == geo) & (lv["period"] == f"{y}H1")], lv[(lv["geo_id"] == geo) & (lv["period"] == y)]
        if h1.empty or full.empty:
            continue
        a, b = h1.sort_values("source_id").iloc[0], full.sort_values("source_id").iloc[0]
        rows.append({"indicator_id": indicator_id, "geo_id": geo, "geo_en": a["geo_en"], "geo_zh": a["geo_zh"], "year": int(y),
                     "h1": a["value"], "full_year": b["value"], "h1_share": round(100 * a["value"] / b["value"], 1),
                     "later": int(y) == year, "source_h1": a["source_id"], "source_year": b["source_id"]})
    cols = ["indicator_id", "geo_id", "geo_en", "geo_zh", "year", "h1", "full_year", "h1_share", "later", "source_h1", "source_year"]
    return pd.DataFrame(rows, columns=cols).sort_values(["later", "year", "geo_id"], kind="stable").reset_index(drop=True)


def _bound(actual_q: str, target_q: str, full_year_only: bool) -> str:
    """What a share actual/target is, given the qualifiers: exact, a lower or an upper bound, or neither."""
    low_a, low_t = actual_q in _LOWER, target_q in _LOWER and not full_year_only
    if full_year_only and target_q in _LOWER:
        low_t = True
    if low_a and low_t:
        return "unbounded"
    return "at_least" if low_a else ("at_most" if low_t else "exact")


def plan_readings(indicators: pd.DataFrame, panel: pd.DataFrame, text: str, report_id: str,
                  period_actual: str, period_plan: str) -> pd.DataFrame:
    """:func:`cnreport.analysis.plan_progress` with qualifiers, the applicable readings,
    whether the pair measures one thing, and a seasonality reference.

    Parameters
    ----------
    indicators, panel : DataFrame
        The processed tables.
    text : str
        The report's text (for the words around each number).
    report_id, period_actual, period_plan : str
        The report and its periods (``meta.period_actual``, ``meta.period_plan``).

    Returns
    -------
    DataFrame
        The plan-progress columns plus ``actual_words``/``target_words`` (cue words
        around each number), ``share_bound`` (exact, at_least, at_most, unbounded),
        ``readings`` ("full year and second half" or "full year only"),
        ``same_measure`` (bool) and ``measure_difference``, ``h1_share_reference``
        and ``reference_source`` (first reference, earlier years first; NaN if none), with
        its place (``reference_geo_en``, ``reference_geo_zh``), ``reference_year`` and
        ``reference_later`` (published after the report).
    """
    plan = plan_progress(indicators, report_id, period_actual, period_plan)
    if plan.empty:
        return plan
    rep = indicators[indicators["report_id"] == report_id]
    out = []
    for r in plan.to_dict("records"):
        a_start, a_end = (int(x) for x in r["source_actual"].split("@")[1].split("-"))
        t_start, t_end = (int(x) for x in r["source_target"].split("@")[1].split("-"))
        a_q = rep.loc[rep["source_start"] == a_start, "qualifier"].iloc[0]
        words_a, words_t = qualifier_words(text, a_start, a_end), qualifier_words(text, t_start, t_end)
        full_only = words_t[0] in FULL_YEAR_CUES
        same, diff = same_measure(r["actual_phrase"], r["target_phrase"])
        ref = seasonality_reference(panel, r["indicator_id"], int(period_actual[:4]))
        r.update({"actual_qualifier": a_q, "actual_words": "".join(words_a), "target_words": "".join(words_t),
                  "share_bound": _bound(a_q, r["target_qualifier"], full_only),
                  "readings": "full year only" if full_only else "full year and second half",
                  "same_measure": same, "measure_difference": diff,
                  "h1_share_reference": ref["h1_share"].iloc[0] if len(ref) else None,
                  "reference_geo_en": ref["geo_en"].iloc[0] if len(ref) else None,
                  "reference_geo_zh": ref["geo_zh"].iloc[0] if len(ref) else None,
                  "reference_year": int(ref["year"].iloc[0]) if len(ref) else None,
                  "reference_later": bool(ref["later"].iloc[0]) if len(ref) else None,
                  "reference_source": (f"{ref['geo_en'].iloc[0]}, {ref['year'].iloc[0]}"
                                       f"{' (published later)' if ref['later'].iloc[0] else ''}: "
                                       f"{ref['source_h1'].iloc[0]} ; {ref['source_year'].iloc[0]}") if len(ref) else None})
        if full_only:
            r["share_second_half"] = r["h2_pace_ratio"] = None
        out.append(r)
    return pd.DataFrame(out)


def _share(value: float, bound: str) -> str:
    word = {"at_least": "at least ", "at_most": "at most ", "unbounded": "an unbounded "}.get(bound, "")
    return f"{word}{value:.1f}%"


def plan_findings(readings: pd.DataFrame, report_id: str, sources=None) -> str:
    """Plan progress in words: both readings, bounds, seasonality, and pairs not compared.

    Pairs whose actual and target name different things (:func:`same_measure`) are
    listed apart and given no progress figure. Each remaining amount gets its
    full-year reading (the first half's amount as a share of the target) and, unless
    the target is a full-year threshold (突破), its second-half reading (the first
    half's share of the year if the target is added in the second half), with any
    seasonality reference beside it. A rate target (a share of days) gets the rate
    the second half would need under the full-year reading.

    Parameters
    ----------
    readings : DataFrame
        :func:`plan_readings`.
    report_id : str
        The report (for source references).
    sources : Sources, optional
        Publishers (:class:`cnreport.analysis.sources.Sources`), to name the
        seasonality reference's publisher; without it the reference is cited by row.

    Returns
    -------
    str
        Markdown bullets.
    """
    if readings.empty:
        return "The report sets no target for an indicator it also gives a first-half figure for."
    ref = lambda s: f"characters {s.split('@')[1].replace('-', '–')}"  # noqa: E731
    lines = []
    for r in readings[readings["same_measure"]].itertuples():
        head = (f"- **{r.indicator_en}**: {r.actual_words}{r.actual_text} in the first half ({ref(r.source_actual)}) "
                f"against a target of {r.target_words}{r.target_text} ({ref(r.source_target)})")
        if r.measure != "level":
            lines.append(f"{head}. If the target is for the whole year, the second half needs {r.h2_needed:.1f}%; "
                         f"if it is for the second half alone, {r.target:g}%.")
            continue
        text = f"{head}: {_share(r.share_full_year, r.share_bound)} of the target if it is the year's total"
        if r.readings == "full year only":
            text += f" ({r.target_words} names a threshold for the year's running total, so no second-half reading)"
        else:
            text += (f", or {r.share_second_half:.1f}% of the year if the target is added in the second half "
                     f"(the second half then has to go {r.h2_pace_ratio:.2f} times as fast)")
        if isinstance(r.reference_source, str):
            where, refs = r.reference_source.split(": ", 1)
            named = sources.name(refs) if sources is not None else refs
            text += f". For scale: the first half held {r.h1_share_reference:.1f}% of the year in {where} ({named})"
        else:
            text += ". No source in our data gives this indicator's usual first-half share"
        lines.append(text + ".")
    differ = readings[~readings["same_measure"]]
    if len(differ):
        lines.append("- Not read as progress, because the actual and the target name different things: " + "; ".join(
            f"{r.indicator_en} ({r.actual_phrase} {r.actual_text} against {r.target_phrase} {r.target_text}: "
            f"{r.measure_difference})" for r in differ.itertuples()) + ".")
    return "\n".join(lines)
