"""The figure of notebook 07: how many targets were met, by kind of indicator.

:func:`plot_targets_met` takes the verdict table of
:func:`cnreport.analysis.linking_summary.verdicts_by` and returns ``(fig, drawn)``:
the figure and a frame with one row per bar segment (kind, verdict, count, left edge).
"""

from __future__ import annotations

import pandas as pd

from cnreport.core.files import ReportMeta
from cnreport.present import style

SEGMENTS = (  # verdict, English label, Chinese label, colour, hatch (colour is never the only cue)
    ("met", "met", "达成", "bluish_green", ""),
    ("missed", "missed", "未达成", "vermillion", "///"),
    ("unclear", "unclear", "无法判断", "yellow", "..."),
    ("no_outcome", "no outcome found", "未见结果", "sky_blue", "xx"),
)
SECTOR_LABELS = {
    "macro": ("GDP and prices", "地区生产总值与价格"), "industry": ("industry", "工业"),
    "services": ("services and retail", "服务业与消费"), "investment": ("investment", "投资"),
    "trade_fdi": ("trade and FDI", "外贸与外资"), "fiscal_finance": ("fiscal revenue", "财政收入"),
    "employment_income": ("jobs and incomes", "就业与收入"), "innovation_talent": ("innovation", "创新"),
    "other": ("other (report's own words)", "其他（按原文用语）"),
}


def _label(sector: str, lang: str) -> str:
    en, zh = SECTOR_LABELS.get(sector, (sector.replace("_", " "), sector))
    return zh if lang == "zh" else en


def plot_targets_met(table: pd.DataFrame, metas: list[ReportMeta], lang: str = "en"):
    """Horizontal stacked bars: per kind of indicator, targets met, missed, unclear, with no outcome.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`cnreport.analysis.linking_summary.verdicts_by` with ``by="sector"``.
    metas : list of ReportMeta
        The reports linked (for the title's places and years, and the source line).
    lang : {"en", "zh"}
        Language of the labels.

    Returns
    -------
    (Figure, pandas.DataFrame)
        The figure, and one row per drawn segment: ``sector, verdict, count, left``.
    """
    table = table[table[[s[0] for s in SEGMENTS]].sum(axis=1) > 0].iloc[::-1]
    fig, ax = style.new_figure("page", 3.4)
    drawn = []
    for i, row in enumerate(table.itertuples()):
        left = 0
        for verdict, en, zh, colour, hatch in SEGMENTS:
            n = int(getattr(row, verdict))
            if n:
                ax.barh(i, n, left=left, color=style.color(colour), hatch=hatch, edgecolor="white",
                        label=zh if lang == "zh" else en)
                ax.text(left + n / 2, i, str(n), ha="center", va="center", fontsize=style.MIN_FONT_PT,
                        color=style.INK, bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.8})
                drawn.append({"sector": row.sector, "verdict": verdict, "count": n, "left": left})
            left += n
    ax.set_yticks(range(len(table)), [_label(s, lang) for s in table["sector"]])
    ax.set_xlabel("目标个数" if lang == "zh" else "Number of targets")
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    ax.legend(unique.values(), unique.keys(), loc="lower right", frameon=False, fontsize=style.MIN_FONT_PT)
    ax.spines[["top", "right"]].set_visible(False)
    places = sorted({style.short_place_name(m.place_zh, m.place_en, "zh") if lang == "zh"
                     else m.place_en.split(",")[0].split(" (")[0] for m in metas})
    years = sorted({(m.period_actual or m.period_plan or "")[:4] for m in metas} - {""})
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (years[0] if years else "")
    title = (f"地方政府是否完成了自己设定的目标：{'、'.join(places)}，{span}" if lang == "zh" else
             f"Did local governments meet their own targets? {', '.join(places)}, {span}")
    source = ("资料来源：各地政府工作报告、计划执行情况报告与统计发布（data/linking）；"
              "判定规则见 cnreport.analysis.verdicts。制图：cnreport。" if lang == "zh" else
              "Sources: each place's target text and outcome report (data/linking, one work-report news item, "
              "plan-execution report or statistics release each); verdict rules in cnreport.analysis.verdicts. "
              "Chart: cnreport.")
    style.finish(fig, ax, title=title, source=source)
    return fig, pd.DataFrame(drawn, columns=["sector", "verdict", "count", "left"])

