"""Small multiples of every report side by side (notebook 05), drawn with seaborn.

seaborn's ``barplot`` with ``hue`` gives one colour per period across the panels, so
reports of different periods look different at a glance; each label also names its period.
"""

from __future__ import annotations

import pandas as pd

from cnreport.present import style


def cross_district_figure(table: pd.DataFrame):
    """One panel per headline indicator: each report's stated growth, coloured by period.

    Parameters
    ----------
    table : DataFrame
        :func:`cnreport.analysis.crossdistrict.side_by_side`.

    Returns
    -------
    (Figure, DataFrame)
        ``drawn``: report_id, indicator, growth_pct, period, source (the bars drawn).
    """
    import seaborn as sns

    indicators = list(dict.fromkeys(table["indicator"]))
    labels = {r.report_id: f"{r.place}, {r.period or 'no period'} ({r.genre.replace('_', ' ')})" for r in table.itertuples()}
    order = [labels[r] for r in dict.fromkeys(table["report_id"])]
    periods = sorted(p for p in table["period"].unique() if p)
    palette = {p: style.PALETTE[k % len(style.PALETTE)] for k, p in enumerate(periods)}
    height = 1.0 + 0.22 * len(order)
    fig, axes = style.new_figure("page", height, ncols=len(indicators), sharey=True)
    axes = list(axes) if len(indicators) > 1 else [axes]
    drawn = table.dropna(subset=["growth_pct"]).assign(label=lambda t: t["report_id"].map(labels))
    for ax, name in zip(axes, indicators, strict=True):
        sub = drawn[drawn["indicator"] == name]
        sns.barplot(data=sub, x="growth_pct", y="label", hue="period", order=order, hue_order=periods,
                    palette=palette, dodge=False, ax=ax, legend=False)  # the period is in each label
        ax.axvline(0, color=style.INK, linewidth=0.6)
        ax.set_title(name, fontsize=style.LABEL_FONT_PT)
        ax.set_xlabel("% y/y")
        ax.set_ylabel("")
    style.finish(fig, title="Headline growth stated by each report, for its own period",
                 source=f"Sources: the {table['report_id'].nunique()} reports in data/raw/ (see README). Chart: cnreport.")
    return fig, drawn[["report_id", "indicator", "growth_pct", "period", "source"]].reset_index(drop=True)
