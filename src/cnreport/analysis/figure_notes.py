"""What the reader should see in each figure: one or two sentences computed from the drawn data.

Notebook 04 prints these under each figure. They say what to look for, with the
numbers that make it true, so that a change in the data changes the sentence.
"""

from __future__ import annotations

import pandas as pd

from cnreport.analysis.findings import pct, points


def _short(name: str) -> str:
    return name.split(",")[0]


def see_scorecard(card: pd.DataFrame, place: str) -> str:
    """Fig. 1: how many headline rates the report states, and the largest gap it shows.

    Parameters
    ----------
    card : DataFrame
        :func:`cnreport.analysis.basis.mark_bases` of the scorecard.
    place : str
        The report's ``geo_id``.
    """
    own = card[card["geo_id"] == place]
    stated = own[own["status"] == "stated"]
    derived = own[own["status"] == "derived"]
    gaps = card[(card["geo_id"] != place) & card["gap_pp"].notna()]
    text = (f"Only {len(stated)} of the {len(own)} bars for {_short(own['geo_en'].iloc[0])} are rates the report states; "
            f"{len(derived)} are hollow (derived from two levels) and {len(own) - len(stated) - len(derived)} are missing.")
    if len(gaps):
        g = gaps.loc[gaps["gap_pp"].abs().idxmax()]
        text += (f" The widest gap is {g['indicator_en'].lower()}: {points(g['gap_pp'])} against {_short(g['geo_en'])}"
                 f"{', across price bases' if str(g['comparison']).startswith('across') else ''}.")
    return text


def see_baseline(base: pd.DataFrame, before: str, now: str) -> str:
    """Fig. 2: every dumbbell points the same way (or not), and by how much."""
    slower = base[base["change_pp"] < 0]
    lo, hi = base.loc[base["change_pp"].idxmax()], base.loc[base["change_pp"].idxmin()]
    below = base[base["growth_now"] < 0]["indicator_en"].tolist()
    text = (f"{len(slower)} of {len(base)} stars sit left of their {before} circle: growth in {now} was lower for "
            f"{'every' if len(slower) == len(base) else 'most'} indicator, by {abs(lo['change_pp']):.1f} "
            f"({lo['indicator_en'].lower()}) to {abs(hi['change_pp']):.1f} points ({hi['indicator_en'].lower()}).")
    if below:
        text += f" Only {', '.join(b.lower() for b in below)} is below zero."
    return text


def see_sectors(sectors: pd.DataFrame, moves: pd.DataFrame, not_activity: tuple[str, ...] = ("environment",)) -> str:
    """Fig. 3: the spread of the rates and what is only described."""
    on = sectors[~sectors["sector"].isin(not_activity)]
    top = on.iloc[0]
    narrowing = moves[moves["kind"] == "decline_narrowing"]
    return (f"The bars run from {pct(on['growth_pct'].min())} to {pct(top['growth_pct'])} ({top['indicator_en'].lower()}); "
            f"{len(narrowing)} indicators still falling appear only as words beside the chart, so the chart shows "
            f"the rates the report chose to print.")


def see_plan(readings: pd.DataFrame, reference: float = 50.0) -> str:
    """Fig. 4: which bars pass the reference line, and what the seasonality tick says."""
    bars = readings[readings["same_measure"] & (readings["measure"] == "level")]
    past = bars[bars["share_full_year"] >= reference]
    text = (f"{len(past)} of the {len(bars)} bars {'passes' if len(past) == 1 else 'pass'} the {reference:g}% line"
            + (f" ({', '.join(past['indicator_en'].str.lower())})" if len(past) else "")
            + f"; {int((bars['share_second_half'] < reference).sum())} of the "
            f"{int(bars['share_second_half'].notna().sum())} diamonds are left of it (a diamond is the first half's share "
            f"of the year if the target is added in the second half).")
    ref = bars[bars["h1_share_reference"].notna()]
    for r in ref.itertuples():
        near = "close to" if abs(r.h1_share_reference - reference) <= 5 else "far from"
        text += (f" For {r.indicator_en.lower()}, the tick at {r.h1_share_reference:.1f}% is the first half's share of the "
                 f"year in {r.reference_geo_en.split(',')[0]} {int(r.reference_year)}: {near} a straight {reference:g}% line.")
    return text


def see_districts(cross: pd.DataFrame) -> str:
    """Fig. 5: the two clusters of bars and the gap between them."""
    places = cross[cross["level"] != "country"]
    groups = places.groupby("province_en")["growth_pct"].agg(["count", "min", "max"])
    multi = groups[groups["count"] > 1].sort_values("min")
    if len(multi) < 2:
        return f"The bars run from {pct(places['growth_pct'].min())} to {pct(places['growth_pct'].max())}."
    low, high = multi.iloc[0], multi.iloc[-1]
    return (f"The bars fall into two groups: {multi.index[0].replace(' Province', '')} places from {pct(low['min'])} to "
            f"{pct(low['max'])} and {multi.index[-1].replace(' Province', '')} places from {pct(high['min'])} to "
            f"{pct(high['max'])}, at least {high['min'] - low['max']:.1f} points apart.")


def see_cumulative(v: pd.DataFrame, place: str, country: str, period: str) -> str:
    """Fig. 6: why the lines rise, and where the report's own point sits."""
    cn = v[v["geo_id"] == country].set_index("period")["growth_pct"]
    own = v[(v["geo_id"] == place) & (v["period"] == period)]
    text = ("Each line rises because each point adds months to a total counted from January, not because each "
            "quarter grew faster than the one before.")
    if len(own) and period in cn.index:
        gap = own["growth_pct"].iloc[0] - cn[period]
        text += (f" The star, {pct(own['growth_pct'].iloc[0])}, sits {abs(gap):.1f} points {'above' if gap >= 0 else 'below'} "
                 f"the country's {pct(cn[period])} for {period}.")
    return text
