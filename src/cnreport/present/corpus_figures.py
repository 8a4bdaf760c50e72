"""The corpus notebook's figure: how a growth rate is spread across the reports of a corpus."""

from __future__ import annotations

import pandas as pd

from cnreport.present import style


def growth_histogram(frame: pd.DataFrame, *, indicator_en: str, period: str, highlight: str | None, source: str):
    """Histogram of one growth rate across reports, real and synthetic reports stacked, one report marked.

    Parameters
    ----------
    frame : pandas.DataFrame
        :func:`cnreport.analysis.corpus.growth_by_report` with an ``origin`` column (``real``/``synthetic``).
    indicator_en, period : str
        What is shown ("GDP", "2020H1"), for the title and axis.
    highlight : str, optional
        A ``report_id`` drawn as a vertical line with its value (skipped when absent from ``frame``).
    source : str
        The source line inside the image.

    Returns
    -------
    (Figure, pandas.DataFrame)
        The figure and the frame it drew (bins counted by seaborn from ``growth_pct``).
    """
    import seaborn as sns

    fig, ax = style.new_figure("page", 3.2)
    sns.histplot(frame, x="growth_pct", hue="origin", hue_order=["synthetic", "real"], multiple="stack",
                 binwidth=1.0, ax=ax, palette=[style.color("sky_blue"), style.color("blue")])
    ax.axvline(0, color="black", linewidth=0.8)
    row = frame[frame["report_id"] == highlight] if highlight else frame.iloc[0:0]
    if len(row):
        value = float(row["growth_pct"].iloc[0])
        ax.axvline(value, color=style.color("vermillion"), linestyle="--", linewidth=1.2)
        ax.annotate(f"{highlight}: {value:+.1f}%", (value, ax.get_ylim()[1] * 0.92), xytext=(4, 0),
                    textcoords="offset points", fontsize=8, color=style.color("vermillion"),
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax.set_xlabel(f"{indicator_en} growth, {style.format_period(period)} (% year on year)")
    ax.set_ylabel("Reports")
    style.finish(fig, ax, title=f"{indicator_en} growth in {style.format_period(period)} across "
                                f"{len(frame)} reports of the corpus", source=source)
    return fig, frame
