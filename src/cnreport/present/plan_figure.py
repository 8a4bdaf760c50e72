"""The plan-progress figure (fig04): what was done by the end of the report's period against its targets.

Split from :mod:`cnreport.present.figures`, which re-exports :func:`plan_figure`.
Both readings of a target are drawn: as a full-year total (bars) and, where it is an
amount for the rest of the year, as that amount (diamonds); 超/以上/突破 keep their bounds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cnreport.core.files import ReportMeta
from cnreport.present import grammar, style
from cnreport.present.labels import label
from cnreport.present.marks import (
    _fit_xlim,
    _num,
    _place,
    _where,
    _wrap_label,
)
from cnreport.present.sourcelines import source_line

# --- (d) plan progress ------------------------------------------------------------------------

def _plan_label(r, lang: str) -> str:
    """'≤30.4%  607.4亿元 / 突破2000亿元': the bar's share with its bound, then actual / target as written."""
    bound = {"at_least": label("at_least", lang), "at_most": label("at_most", lang)}.get(r["share_bound"], "")
    return f"{bound}{_num(r['share_full_year'])}%  {r['actual_words']}{r['actual_text']} / {r['target_words']}{r['target_text']}"


def plan_figure(readings: pd.DataFrame, meta: ReportMeta, lang: str = "en", reference: float = 50.0):
    """Bars: each first-half amount as a share of its target if the target is the year's total;
    a diamond for the first half's share of the year if the target is added in the second half;
    a tick for the first-half share of the year where a source gives one. Pairs whose actual and
    target name different things, and rate targets, are listed beside the axis, not drawn.

    Parameters
    ----------
    readings : DataFrame
        :func:`cnreport.analysis.plan.plan_readings`.
    meta : ReportMeta
        The report.
    lang : {"en", "zh"}
    reference : float
        Where the dashed reference line is drawn (50: half of a full-year target).

    Returns
    -------
    (Figure, DataFrame)
        ``drawn``: indicator_id, reading (full_year, second_half, seasonal_reference, or
        ``not_compared``/``rate`` for listed rows), value, actual_text, target_text.
    """
    style.use()
    rs = grammar.role_style("focal")
    bars = readings[readings["same_measure"] & (readings["measure"] == "level")].sort_values("share_full_year")
    bars = bars.reset_index(drop=True)
    notes = len(_plan_notes(readings, lang, [])) + 1
    fig, (ax, note) = style.new_figure("page", 2.3 + 0.14 * notes + 0.35 * len(bars), nrows=2,
                                       height_ratios=[0.9 + 0.35 * len(bars), 0.14 * notes])
    drawn = []
    for i, r in bars.iterrows():
        ax.barh(i, r["share_full_year"], color=rs.color, height=0.55)
        marks = [r["share_full_year"]]
        drawn.append(_plan_row(r, "full_year", r["share_full_year"]))
        if pd.notna(r["share_second_half"]):
            ax.scatter(r["share_second_half"], i, marker="D", s=30, color="white", edgecolors=style.INK, zorder=4)
            marks.append(r["share_second_half"])
            drawn.append(_plan_row(r, "second_half", r["share_second_half"]))
        if pd.notna(r["h1_share_reference"]):
            ax.scatter(r["h1_share_reference"], i, marker="|", s=260, color=style.INK, linewidths=1.6, zorder=4)
            marks.append(r["h1_share_reference"])
            drawn.append(_plan_row(r, "seasonal_reference", r["h1_share_reference"]))
        start = max(marks) + 2
        if start < reference + 2 < start + 40:  # keep the label clear of the reference line
            start = reference + 2
        ax.text(start, i, _plan_label(r, lang), va="center", ha="left", fontsize=style.MIN_FONT_PT)
    names = bars["indicator_zh"] if lang == "zh" else bars["indicator_en"]
    ax.set_yticks(range(len(bars)), [_wrap_label(n, lang, 24) for n in names])
    ax.axvline(reference, color=style.GREY, linestyle="--", linewidth=0.8, zorder=1)
    ax.set_ylim(-0.6, len(bars) - 0.4)
    ax.set_xlim(0, 130)
    ax.set_xlabel(label("axis_share_of_target", lang))
    ax.barh(np.nan, 0, color=rs.color, label=label("reading_full_year", lang))
    ax.scatter([], [], marker="D", color="white", edgecolors=style.INK, label=label("reading_second_half", lang))
    ax.plot([], [], color=style.GREY, linestyle="--", linewidth=0.8, label=label("on_schedule", lang))
    refs = bars[bars["reference_source"].notna()]
    if len(refs):
        r = refs.iloc[0]
        place = _place(r["reference_geo_zh"], r["reference_geo_en"], lang)
        ax.scatter([], [], marker="|", s=80, color=style.INK, label=label(
            "seasonal_later" if r["reference_later"] else "seasonal_reference", lang, place=place, year=str(int(r["reference_year"]))))
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=2, borderaxespad=0.2)
    note.axis("off")
    text = "\n".join(style.wrap_text(line, style.PAGE_WIDTH_IN - 2.2, style.MIN_FONT_PT) if line else line
                     for line in _plan_notes(readings, lang, drawn))
    note.text(0, 1, text, va="top", ha="left", fontsize=style.MIN_FONT_PT, transform=note.transAxes)
    style.finish(fig, title=label("title_plan", lang, **_where(meta, lang)),
                 source=source_line(meta, readings.get("reference_source", pd.Series(dtype=str)).dropna(), lang))
    _fit_xlim(ax)
    return fig, pd.DataFrame(drawn)


def _plan_row(r, reading: str, value: float) -> dict:
    return {"indicator_id": r["indicator_id"], "reading": reading, "value": value,
            "actual_text": r["actual_text"], "target_text": r["target_text"]}


def _plan_notes(readings: pd.DataFrame, lang: str, drawn: list) -> list[str]:
    """Lines for the side panel: 突破 targets, rate targets, and pairs not compared."""
    lines = []
    if (readings["readings"] == "full year only").any():
        lines += [label("reading_full_year_only", lang)]
    for r in readings[readings["same_measure"] & (readings["measure"] != "level")].itertuples():
        name = r.indicator_zh if lang == "zh" else r.indicator_en
        text = label("rate_target", lang, name=name, actual=r.actual_text, target=r.target_text, needed=f"{r.h2_needed:.1f}%")
        lines += [text, ""]
        drawn.append({"indicator_id": r.indicator_id, "reading": "rate", "value": r.h2_needed,
                      "actual_text": r.actual_text, "target_text": r.target_text})
    differ = readings[~readings["same_measure"]]
    if len(differ):
        lines.append(label("not_compared", lang))
        for r in differ.itertuples():
            lines.append(f"{r.actual_phrase} {r.actual_text} / {r.target_phrase} {r.target_text}")
            drawn.append({"indicator_id": r.indicator_id, "reading": "not_compared", "value": np.nan,
                          "actual_text": r.actual_text, "target_text": r.target_text})
    return lines


