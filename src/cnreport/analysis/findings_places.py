"""Finding sentences about places: the spread across districts and the cumulative path of 2020.

Companion of :mod:`cnreport.analysis.findings`; every number comes from the frame passed in.
"""

from __future__ import annotations

import math

import pandas as pd

from cnreport.analysis.basis import BASIS_EN
from cnreport.analysis.findings import pct, points
from cnreport.analysis.sources import Sources


def district_findings(cross: pd.DataFrame, place: str, sources: Sources) -> str:
    """Where the report's place sits among all places, the spread within and between provinces, and bases.

    Parameters
    ----------
    cross : DataFrame
        :func:`cnreport.analysis.cross_district` (with ``price_basis``; see
        :func:`cnreport.analysis.basis.with_stated_bases` for report rates).
    place : str
        The report's own ``geo_id``.
    sources : Sources
        Publishers.

    Returns
    -------
    str
        Markdown.
    """
    lines = []
    own = cross[cross["geo_id"] == place]
    places = cross[cross["level"] != "country"]
    if len(own):
        r = own.iloc[0]
        faster = int((places["growth_pct"] > r["growth_pct"]).sum())
        tied = int((places["growth_pct"] == r["growth_pct"]).sum()) - 1
        lines.append(f"{r['geo_en'].split(',')[0]} grew {pct(r['growth_pct'])} ({sources.name(r['source'])}); "
                     f"of the other {len(places) - 1} places (the country apart), {faster} grew faster"
                     f"{f' and {tied} as fast' if tied else ''}.")
    groups = places.groupby("province_en")["growth_pct"].agg(["count", "min", "max"])
    multi = groups[groups["count"] > 1].sort_values("min")
    if len(multi) >= 2:
        low, high = multi.iloc[0], multi.iloc[-1]
        gap = high["min"] - low["max"]
        within = "; ".join(f"{n}: {g['count']:.0f} places, {pct(g['min'])} to {pct(g['max'])} "
                           f"(range {g['max'] - g['min']:.1f} points)" for n, g in multi.iterrows())
        verdict = (f"every place in {multi.index[-1]} grew faster than every place in {multi.index[0]}, by at least "
                   f"{gap:.1f} points, more than the range within either province"
                   if gap > (multi["max"] - multi["min"]).max() else "the provinces' ranges overlap or nearly so")
        lines.append(f"Within provinces with more than one place: {within}. So {verdict}.")
    counts = cross["price_basis"].map(lambda b: BASIS_EN.get(b, b)).value_counts()
    if len(counts) > 1:
        lines.append("These rates are on different price bases: " + "; ".join(f"{n} {b}" for b, n in counts.items())
                     + ", so small gaps between them are not meaningful.")
    return "\n\n".join(lines)


def cumulative_findings(v: pd.DataFrame, place: str, country: str, period: str, sources: Sources) -> str:
    """The cumulative (year-to-date) path of GDP growth in words, with the report's place on it.

    A figure for 2020 H1 covers January to June; the fall and rise it shows is of
    growth to date, not of each quarter. The rebound of the next year's first half
    is set beside the two-year average it implies, computed from the two rates
    (``100 × (√((1 + g₂₀₂₁/100)(1 + g₂₀₂₀/100)) − 1)``), so the base effect is measured, not asserted.

    Parameters
    ----------
    v : DataFrame
        :func:`cnreport.analysis.national_v`.
    place, country : str
        ``geo_id`` of the report's place and of the country.
    period : str
        The report's period (``2020H1``).
    sources : Sources
        Publishers.

    Returns
    -------
    str
        Markdown.
    """
    cn = v[v["geo_id"] == country].set_index("period")
    own = v[v["geo_id"] == place].set_index("period")
    lines = []
    if cn.empty:
        return ""
    first = cn.sort_values("period_order").iloc[0]
    if period in cn.index:
        lines.append(f"{first['geo_en']}'s GDP growth to date was {pct(first['growth_pct'])} in {first.name} "
                     f"({sources.name(first['source'])}) and {pct(cn.loc[period, 'growth_pct'])} over {period} "
                     f"({sources.name(cn.loc[period, 'source'])}): each figure covers the year from January, "
                     f"so the rise between them is of growth to date, not of one quarter.")
    if period in own.index and period in cn.index:
        o = own.loc[period]
        lines.append(f"{o['geo_en'].split(',')[0]} reported {pct(o['growth_pct'])} for {period} "
                     f"({sources.name(o['source'])}), {points(o['growth_pct'] - cn.loc[period, 'growth_pct'])} against "
                     f"the country; its own earlier quarters are not in our sources, so only this one point is drawn.")
    nxt = f"{int(period[:4]) + 1}{period[4:]}"
    if nxt in cn.index and period in cn.index:
        a, b = cn.loc[nxt, "growth_pct"], cn.loc[period, "growth_pct"]
        two_year = 100 * (math.sqrt((1 + a / 100) * (1 + b / 100)) - 1)
        lines.append(f"Growth in {nxt} was {pct(a)} against the depressed {period} ({sources.name(cn.loc[nxt, 'source'])}); "
                     f"over the two years from {int(period[:4]) - 1}{period[4:]} the average is {pct(two_year)} a year "
                     f"(computed from {pct(a)} and {pct(b)}).")
    return "\n\n".join(lines)
