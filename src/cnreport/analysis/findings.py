"""Finding sentences built from computed values, as Markdown; each names its source.

Notebook 03 states its findings with these functions, so that a change in the
data changes the sentence. Every function takes the tidy frame of one analysis
(and a :class:`cnreport.analysis.sources.Sources` for the publishers) and returns
Markdown: findings first, in words; the caveats stay in the notebook's
"What this cannot tell us" paragraphs.
"""

from __future__ import annotations

import pandas as pd

from cnreport.analysis.basis import BASIS_EN
from cnreport.analysis.sources import Sources


def pct(value: float, digits: int = 1, sign: bool = False) -> str:
    """``-5.9`` -> ``"−5.9%"`` (true minus); ``sign=True`` writes ``+`` for rises."""
    text = f"{value:{'+' if sign else ''}.{digits}f}%"
    return text.replace("-", "\u2212")


def points(value: float, digits: int = 1) -> str:
    """A difference in percentage points with its sign: ``"+0.7 points"``."""
    return f"{value:+.{digits}f} points".replace("-", "\u2212")


def _basis(row) -> str:
    if row["status"] == "derived":
        return "nominal, derived from two levels"
    return BASIS_EN.get(row["price_basis"], str(row["price_basis"]))


def scorecard_findings(card: pd.DataFrame, place: str, sources: Sources) -> str:
    """The headline comparison in words: each stated rate against each comparator, with bases.

    Parameters
    ----------
    card : DataFrame
        :func:`cnreport.analysis.basis.mark_bases` of :func:`cnreport.analysis.scorecard`.
    place : str
        The report's own ``geo_id``.
    sources : Sources
        Publishers.

    Returns
    -------
    str
        Markdown: one bullet per indicator the place has a rate for, then the
        indicators with no stated rate, then the benchmark gaps.
    """
    own = card[card["geo_id"] == place]
    lines = []
    for r in own[own["value"].notna()].itertuples():
        others = card[(card["indicator_id"] == r.indicator_id) & (card["geo_id"] != place) & card["value"].notna()]
        verb = "fell" if r.value < 0 else "grew"
        text = (f"- **{r.indicator_en}** {verb} {pct(abs(r.value), 2 if r.status == 'derived' else 1)} "
                f"({_basis(card.loc[r.Index])}; {sources.name(r.source)})")
        comps = [f"{o.geo_en} {pct(o.value)} ({BASIS_EN.get(o.price_basis, o.price_basis)}; {sources.name(o.source)}): "
                 f"{points(o.gap_pp)}{', compared across bases' if o.comparison.startswith('across') else ''}"
                 for o in others.itertuples()]
        lines.append(text + (". Against " + "; ".join(comps) + "." if comps else "; no comparator rate in our benchmarks."))
    unstated = own[own["status"] != "stated"]
    if len(unstated):
        said = []
        for r in unstated.itertuples():
            if r.status == "derived":
                said.append(f"{r.indicator_en} (a level only; the rate above is derived)")
            elif isinstance(r.note, str) and r.note:
                said.append(f"{r.indicator_en} ({r.note.replace('report says ', 'says only ')})")
            else:
                said.append(f"{r.indicator_en} (no figure)")
        lines.append(f"\nThe report states a growth rate for {len(own) - len(unstated)} of the {len(own)} headline "
                     f"indicators. None for: {'; '.join(said)}.")
    gaps = card[(card["geo_id"] != place) & card["value"].isna()]
    if len(gaps):
        by_geo = "; ".join(f"{g}: {', '.join(sub['indicator_en'])}" for g, sub in gaps.groupby("geo_en", sort=False))
        lines.append(f"\nNot in our benchmarks (not collected, which does not mean unpublished): {by_geo}.")
    return "\n".join(lines)


def comparison_findings(comparisons: pd.DataFrame, sources: Sources, own: tuple[str, float | None] | None = None) -> str:
    """The reports' own comparison statements, quoted, with the rate they are about.

    Parameters
    ----------
    comparisons : DataFrame
        :func:`cnreport.analysis.comparisons.own_comparisons` rows (any reports).
    sources : Sources
        Publishers.
    own : (str, float or None), optional
        The report's own place and its rate of the same indicator, said beside the statements
        (nothing is said when the rate is None or NaN).

    Returns
    -------
    str
        Markdown, one sentence per report; "" if there are none.
    """
    out = []
    for rid, sub in comparisons.groupby("report_id", sort=True):
        first = sub.iloc[0]
        said = ", ".join(f"“{r.text}” ({r.relation} {r.compared_with})" for r in sub.itertuples())
        out.append(f"- The report `{rid}` says its {first['indicator_en']} growth of {pct(first['value'])} was {said} "
                   f"({sources.name(first['value_source'])}; statement at characters {sub['start'].min()}–{sub['end'].max()}).")
    if out and own is not None and own[1] is not None and not pd.isna(own[1]):
        out.append(f"- {own[0]} itself reported {pct(own[1])} for the same indicator.")
    return "\n".join(out)


def baseline_findings(base: pd.DataFrame, unsaid: pd.DataFrame, real: pd.DataFrame, sources: Sources,
                      before: str, now: str) -> str:
    """The pre-COVID comparison in words: what the later report stops stating, what the levels imply,
    how far each rate fell below its earlier pace, and real income growth where a deflator exists.

    Parameters
    ----------
    base : DataFrame
        :func:`cnreport.analysis.baseline`.
    unsaid : DataFrame
        :func:`cnreport.analysis.unsaid`.
    real : DataFrame
        :func:`cnreport.analysis.basis.deflate` of the derived rates (may be empty).
    sources : Sources
        Publishers.
    before, now : str
        The two periods as written in titles (``"2019 H1"``, ``"2020 H1"``).

    Returns
    -------
    str
        Markdown.
    """
    lines = []
    levels_only = unsaid[unsaid["level_now"].astype(bool)] if "level_now" in unsaid else unsaid
    if len(levels_only):
        lines.append(f"The {now} report gives levels with no growth rate for {_join(levels_only['indicator_en'])}; "
                     f"the {before} report gave a rate for each.")
    for r in base.itertuples():
        if r.basis_now.startswith("derived"):
            arithmetic = r.derivation_now.rsplit(" (", 1)[0]
            if r.growth_now < 0:
                lines.append(f"- **{r.indicator_en} fell outright**: {pct(r.growth_now, 2)} implied by the two levels "
                             f"({arithmetic}; {sources.name(r.source_now)}), after {pct(r.growth_before, sign=True)} "
                             f"in {before} ({sources.name(r.source_before)}).")
            else:
                lines.append(f"- **{r.indicator_en}** grew {pct(r.growth_now, 2)} (nominal, implied by the levels: {arithmetic}), "
                             f"{r.growth_now / r.growth_before:.2f} times its {before} pace of {pct(r.growth_before)} "
                             f"({sources.name(r.source_before)}).")
    for r in base[~base["basis_now"].str.startswith("derived")].itertuples():
        bases = {BASIS_EN.get(b.split(", ")[-1], b) for b in (r.basis_before, r.basis_now)}
        lines.append(f"- {r.indicator_en}: {pct(r.growth_now)} in {now} against {pct(r.growth_before)} in {before} "
                     f"({points(r.change_pp)}; as the reports state them, {' and '.join(sorted(bases))}).")
    names = base.set_index("indicator_id")["indicator_en"]
    for r in real.itertuples():
        lines.append(f"- Deflated by consumer prices ({pct(r.prices, sign=True)} in {now}, {sources.name(r.deflator_source)}), "
                     f"{names.get(r.indicator_id, r.indicator_id)} grew about {pct(r.real_approx, 2, sign=True)} in real terms "
                     f"({r.formula}; an approximation: the price index is not the place's own).")
    return "\n".join(lines)


def _join(items) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def sector_findings(sectors: pd.DataFrame, moves: pd.DataFrame, report_id: str,
                    not_activity: tuple[str, ...] = ("environment",)) -> str:
    """Which rates of the report are highest and lowest, and what is said without a rate.

    Parameters
    ----------
    sectors : DataFrame
        :func:`cnreport.analysis.sector_growth`.
    moves : DataFrame
        :func:`cnreport.analysis.direction_statements`.
    report_id : str
        The report (for source references).
    not_activity : tuple of str
        Sectors whose rates are not growth of output or spending (a pollutant's
        concentration falling is not a contraction); they are reported apart.

    Returns
    -------
    str
        Markdown.
    """
    activity = sectors[~sectors["sector"].isin(not_activity)]
    other = sectors[sectors["sector"].isin(not_activity)]
    ref = lambda r: f"`{report_id}` characters {int(r['source_start'])}–{int(r['source_end'])}"  # noqa: E731
    lines = []
    if len(activity):
        top, low = activity.iloc[0], activity.iloc[-1]
        lines.append(f"Of the {len(activity)} growth rates of output, sales or investment in the report, the highest is "
                     f"{top['indicator_en']} at {pct(top['growth_pct'], sign=True)} ({ref(top)}) and the lowest "
                     f"{low['indicator_en']} at {pct(low['growth_pct'], sign=True)} ({ref(low)}); none is negative"
                     if (activity["growth_pct"] >= 0).all() else
                     f"Of the {len(activity)} growth rates of output, sales or investment, the highest is "
                     f"{top['indicator_en']} at {pct(top['growth_pct'], sign=True)} and the lowest {low['indicator_en']} "
                     f"at {pct(low['growth_pct'], sign=True)} ({ref(top)}; {ref(low)})")
        lines[-1] += "."
    for r in other.itertuples():
        lines.append(f"{r.indicator_en} changed {pct(r.growth_pct, sign=True)} ({ref(sectors.loc[r.Index])}): a change "
                     f"in a level of pollution or the environment, not of activity, so it is kept off the ranking.")
    narrowing = moves[moves["kind"] == "decline_narrowing"]
    if len(narrowing):
        lines.append("Still falling, by less each month, with no rate given: " + "; ".join(
            f"{r.indicator_en or r.subject_zh} (“{r.text}”, characters {r.start}–{r.end})" for r in narrowing.itertuples()) + ".")
    return "\n\n".join(lines)
