"""Every report side by side (notebook 05), and how far such a comparison can be trusted.

One row per report of ``data/raw/``: the headline growth rates it states for its own
period (GDP, general public budget revenue, fixed-asset investment), each with its
source span. The paragraph on trust is built from the same table: how many genres,
periods and excerpts stand side by side, and how many reports share a period.
"""

from __future__ import annotations

import re

import pandas as pd

from cnreport.core.files import ReportMeta

SIDE_BY_SIDE = (("gdp", "GDP"), ("budget_revenue", "Budget revenue"), ("fai", "Fixed-asset investment"))


def side_by_side(indicators: pd.DataFrame, metas: list[ReportMeta]) -> pd.DataFrame:
    """Headline growth stated by each report for its own period, in long form.

    Rule: only a rate the report states as an actual for the period in its metadata
    counts (a bulletin's "比上年增长3.0%" for 2020); a rate for another span in the same
    text (a quarter inside a year) is left out, so rows compare like with like.

    Parameters
    ----------
    indicators : DataFrame
        The cleaned facts of every report.
    metas : list of ReportMeta
        Every report's metadata.

    Returns
    -------
    DataFrame
        One row per report and indicator: ``report_id``, ``place``, ``genre``, ``period``,
        ``complete``, ``indicator``, ``growth_pct`` (None where the report states none), ``source``.
    """
    rows = []
    for meta in sorted(metas, key=lambda m: m.report_id):
        own = indicators[(indicators["report_id"] == meta.report_id) & (indicators["status"] == "actual")
                         & (indicators["measure"] == "growth_pct") & (indicators["period"] == meta.period_actual)]
        for iid, name in SIDE_BY_SIDE:
            hit = own[own["indicator_id"] == iid].sort_values("source_start")
            first = hit.iloc[0] if not hit.empty else None
            rows.append({"report_id": meta.report_id, "place": re.sub(r"\s*\(.*?\)", "", meta.place_en.split(",")[0]), "genre": meta.genre,
                         "period": meta.period_actual or "", "complete": bool(meta.complete), "indicator": name,
                         "growth_pct": None if first is None else float(first["value"]),
                         "source": None if first is None else
                         f"{meta.report_id}@{int(first['source_start'])}-{int(first['source_end'])}"})
    return pd.DataFrame(rows)


def wide_table(table: pd.DataFrame, report_id: str) -> pd.DataFrame:
    """The side-by-side table one row per report, "not stated" where a report gives no rate."""
    wide = table.pivot(index=["report_id", "place", "genre", "period"], columns="indicator", values="growth_pct")
    shown = wide.astype(object).where(wide.notna(), "not stated")
    return shown.assign(this_run=wide.index.get_level_values("report_id") == report_id)


def trust_paragraph(table: pd.DataFrame) -> str:
    """How far the side-by-side comparison can be trusted, from the table itself."""
    reports = table.drop_duplicates("report_id")
    n = len(reports)
    stated = table.dropna(subset=["growth_pct"])
    by_period = reports.groupby("period").size().sort_values(ascending=False)
    largest = by_period.index[0] if not by_period.empty else ""
    genres = reports["genre"].value_counts()
    excerpts = int((~reports["complete"]).sum())
    parts = [
        f"The table holds {n} reports of {len(genres)} genres ({', '.join(f'{g} {c}' for g, c in genres.items())}) "
        f"covering {len(by_period)} different periods; only reports of the same period compare directly, and the "
        f"largest such group is {by_period.iloc[0] if n else 0} reports for {largest or 'no period'}.",
        f"Of {n * len(SIDE_BY_SIDE)} possible headline figures, {len(stated)} are stated; a blank is a figure the "
        "text does not give, not a zero.",
        f"{excerpts} of the {n} texts are excerpts, so a figure missing there may sit in the part that was not kept.",
        "Genres differ in what a number means: a statistical bulletin gives the year's final count, a plan report "
        "a first release for part of the year, a news item whatever the reporter quoted; and county rates are "
        "not always stated at comparable prices, while national and provincial ones are.",
    ]
    return " ".join(parts)
