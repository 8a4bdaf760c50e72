"""Publication figures, one per analysis of :mod:`cnreport.analysis` (notebook 04 calls them).

Every plot function takes the tidy frame of its analysis and the report's
metadata, and returns ``(fig, drawn)``: the figure and a frame with one row per
mark, in drawing order, holding the value drawn and its source. Tests check
``drawn`` against the processed data, not pixels. Titles and source lines come
from the metadata and the data; ``lang="zh"`` gives the Chinese variant.
:data:`FIGURES` lists each figure with its caption for ``figures/README.md``.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from cnreport.core import files, paths
from cnreport.core.files import ReportMeta
from cnreport.present import style

_T = {  # the few fixed words of the figures, in both languages
    "growth": (style.unit_label("percent_yoy", "en"), style.unit_label("percent_yoy", "zh")),
    "share": ("Share of target reached by mid-year (%)", "上半年完成目标比例（%）"),
    "derived": ("derived from levels (nominal)", "由总量推算（名义）"),
    "missing": ("not reported", "未公布"),
    "no_benchmark": ("not in our benchmarks", "基准数据中没有"),
    "chart": ("Chart: cnreport.", "制图：cnreport。"),
    "benchmarks": ("Benchmarks: data/external/", "基准数据：data/external/"),
    "line_suffix": ("", "行"),
}


def _t(key: str, lang: str) -> str:
    return _T[key][lang == "zh"]


def _benchmark_lines(sources) -> dict[str, list[int]]:
    """Lines of each benchmark file named in a column of sources (``benchmarks.csv:12``)."""
    lines: dict[str, set[int]] = {}
    for src in sources:
        if isinstance(src, str):
            for name, n in re.findall(r"(benchmarks[a-z_]*\.csv):(\d+)", src):
                lines.setdefault(name, set()).add(int(n))
    return {name: sorted(found) for name, found in sorted(lines.items())}


def _source(meta: ReportMeta | None, sources, lang: str, also: tuple[ReportMeta, ...] = ()) -> str:
    """The report's source line (and those of ``also``) plus the benchmark rows a figure draws on."""
    parts = []
    named = {m.report_id for m in (meta, *also) if m is not None}
    cited = sorted({m.group(1) for src in sources if isinstance(src, str)
                    for m in re.finditer(r"(?:^|; )([a-z0-9_]+)@\d+", src)} - named)
    reports = [m for m in (meta, *also, *(files.read_metadata(rid) for rid in cited)) if m is not None]
    if len(reports) <= 2:
        for m in reports:
            parts.append(style.source_line(m, lang).replace(" Chart: cnreport.", "").replace("制图：cnreport。", ""))
    else:  # many reports: one compact line naming each by place, genre and date
        items = []
        for m in reports:
            date = f" ({m.published})" if lang == "en" and m.published else (f"（{m.published}）" if m.published else "")
            genre = style.genre_name(m.genre, lang)
            items.append(f"{style.short_place(m, lang)}{' ' if lang == 'en' else ''}{genre}{date}")
        parts.append(f"Sources: {', '.join(items)}, in data/raw/." if lang == "en"
                     else f"资料来源：{'、'.join(items)}（data/raw/）。")
    sep = "、" if lang == "zh" else ", "
    cited_lines = [f"{name} {'第' if lang == 'zh' else 'line'}{'s' if lang == 'en' and len(ns) > 1 else ''}"
                   f"{'' if lang == 'zh' else ' '}{sep.join(map(str, ns))}{_t('line_suffix', lang)}"
                   for name, ns in _benchmark_lines(sources).items()]
    if cited_lines:
        parts.append(_t("benchmarks", lang) + ("；" if lang == "zh" else "; ").join(cited_lines) + ("。" if lang == "zh" else "."))
    parts.append(_t("chart", lang))
    return " ".join(parts)


def _num(value: float, digits: int = 1) -> str:
    """A value label with a true minus sign, like the tick labels (−1.6, not -1.6)."""
    return f"{value:.{digits}f}".replace("-", "\u2212")


def _place(geo_zh: str, geo_en: str, lang: str) -> str:
    return style.short_place_name(geo_zh, geo_en, lang)


def _zero(ax, axis: str = "x") -> None:
    (ax.axvline if axis == "x" else ax.axhline)(0, color=style.INK, linewidth=0.8, zorder=1)


# --- (a) scorecard ----------------------------------------------------------------------------

def scorecard_figure(card: pd.DataFrame, names: pd.DataFrame, meta: ReportMeta,
                     geos: tuple[str, ...], lang: str = "en"):
    """Grouped bars: growth of the district and its comparators, by headline indicator.

    Parameters
    ----------
    card : DataFrame
        :func:`cnreport.analysis.scorecard`.
    names : DataFrame
        ``indicator_id``, ``name_en``, ``name_zh`` (the dictionary), and ``geo_id``-keyed
        place names via ``card``.
    meta : ReportMeta
        The district's report.
    geos : tuple of str
        Places drawn, in this order (the first is the district).

    Returns
    -------
    (Figure, DataFrame)
        ``drawn``: indicator_id, geo_id, value (NaN where not reported), status, source.
    """
    style.use()
    label = names.set_index("indicator_id")["name_zh" if lang == "zh" else "name_en"]
    inds = list(dict.fromkeys(card["indicator_id"]))[::-1]  # first indicator on top
    fig, ax = style.new_figure("page", 5.4)
    height = 0.8 / len(geos)
    lo = min(-2.0, float(np.nanmin(card["value"])) - 3) if card["value"].notna().any() else -2.0
    hi = max(2.0, float(np.nanmax(card["value"])) + 3) if card["value"].notna().any() else 2.0
    drawn = []
    for k, geo in enumerate(geos):
        sub = card[card["geo_id"] == geo].set_index("indicator_id")
        for i, iid in enumerate(inds):
            r = sub.loc[iid]
            y = i + (len(geos) - 1 - k - (len(geos) - 1) / 2) * height
            value = r["value"]
            if pd.isna(value):
                sep = "：" if lang == "zh" else ": "
                gap = _t("missing" if k == 0 else "no_benchmark", lang)
                ax.text(0.3, y, f"{_legend_place(card, geo, lang)}{sep}{gap}", va="center",
                        ha="left", fontsize=style.MIN_FONT_PT, color=style.GREY)
            else:
                ax.barh(y, value, height=height * 0.92, color=style.PALETTE[k],
                        hatch="////" if r["status"] == "derived" else None, edgecolor="white", linewidth=0.3,
                        label=None)
                ax.text(value + (0.3 if value >= 0 else -0.3), y, _num(value), va="center",
                        ha="left" if value >= 0 else "right", fontsize=style.MIN_FONT_PT)
            drawn.append({"indicator_id": iid, "geo_id": geo, "value": value, "status": r["status"],
                          "source": r["source"]})
        ax.barh(np.nan, 0, color=style.PALETTE[k], label=_legend_place(card, geo, lang))
    ax.barh(np.nan, 0, color="white", edgecolor=style.GREY, hatch="////", label=_t("derived", lang))
    ax.set_yticks(range(len(inds)), [_wrap_label(label[i], lang) for i in inds])
    ax.set_xlabel(_t("growth", lang))
    _zero(ax)
    # room right of zero for the "not reported" / "not in our benchmarks" notes
    ax.set_xlim(lo, max(hi + 4, -1.5 * lo if card["value"].isna().any() else 0.0))
    ax.set_ylim(-0.75, len(inds) - 0.4)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=2, borderaxespad=0.2)
    what = "Headline growth against benchmarks" if lang == "en" else "主要指标增速与基准比较"
    style.finish(fig, title=style.title(what, meta, lang), source=_source(meta, card["source"], lang))
    return fig, pd.DataFrame(drawn)


def _legend_place(card: pd.DataFrame, geo: str, lang: str) -> str:
    row = card[card["geo_id"] == geo].iloc[0]
    return _place(row["geo_zh"], row["geo_en"], lang)


def _wrap_label(text: str, lang: str, width: int = 28) -> str:
    if lang == "zh" or len(text) <= width:
        return text
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "\n".join(lines + [line])


# --- (b) baseline -----------------------------------------------------------------------------

def baseline_figure(base: pd.DataFrame, names: pd.DataFrame, meta: ReportMeta, meta_before: ReportMeta,
                    lang: str = "en"):
    """Dumbbells: growth in the same half of the year before (``meta_before``'s report)
    and in the report's period.

    Returns
    -------
    (Figure, DataFrame)
        ``drawn``: indicator_id, period, value, basis, source (two marks per indicator).
    """
    style.use()
    before = meta_before.period_actual
    label = names.set_index("indicator_id")["name_zh" if lang == "zh" else "name_en"]
    base = base.iloc[::-1].reset_index(drop=True)
    fig, ax = style.new_figure("page", 3.4)
    drawn = []
    for i, r in base.iterrows():
        ax.plot([r["growth_before"], r["growth_now"]], [i, i], color=style.GREY, linewidth=1.2, zorder=2)
        ax.scatter(r["growth_before"], i, marker="o", s=36, color=style.PALETTE[0], zorder=3)
        derived = r["basis_now"].startswith("derived")
        ax.scatter(r["growth_now"], i, marker="s", s=36, zorder=3, color="white" if derived else style.PALETTE[1],
                   edgecolors=style.PALETTE[1], linewidths=1.4)
        for value, ha, dx in ((r["growth_before"], "left", 0.35), (r["growth_now"], "right", -0.35)):
            ax.text(value + dx, i + 0.22, _num(value), ha=ha, va="bottom", fontsize=style.MIN_FONT_PT)
        drawn += [{"indicator_id": r["indicator_id"], "period": before, "value": r["growth_before"],
                   "basis": r["basis_before"], "source": r["source_before"]},
                  {"indicator_id": r["indicator_id"], "period": meta.period_actual, "value": r["growth_now"],
                   "basis": r["basis_now"], "source": r["source_now"]}]
    ax.scatter([], [], marker="o", color=style.PALETTE[0], label=style.format_period(before, lang))
    ax.scatter([], [], marker="s", color=style.PALETTE[1], label=style.format_period(meta.period_actual, lang))
    ax.scatter([], [], marker="s", color="white", edgecolors=style.PALETTE[1], label=_t("derived", lang))
    ax.set_yticks(range(len(base)), [_wrap_label(label[i], lang, 34) for i in base["indicator_id"]])
    ax.set_ylim(-0.6, len(base) - 0.2)
    values = pd.concat([base["growth_before"], base["growth_now"]])
    ax.set_xlim(min(0.0, float(values.min())) - 2, max(0.0, float(values.max())) + 2)
    ax.set_xlabel(_t("growth", lang))
    _zero(ax)
    ax.legend(loc="lower left", bbox_to_anchor=(1.0, 0.0))
    what = ("Growth before and after the shock" if lang == "en" else "疫情前后增速比较")
    style.finish(fig, title=style.title(what, meta, lang), source=_source(meta, [], lang, also=(meta_before,)))
    return fig, pd.DataFrame(drawn)


# --- (c) sectors ------------------------------------------------------------------------------

_SECTOR_ZH = {"macro": "宏观", "industry": "工业", "services": "服务业", "agriculture": "农业", "construction": "建筑业",
              "investment": "投资", "trade_fdi": "外贸外资", "innovation_talent": "创新人才", "fiscal_finance": "财政金融",
              "business_environment": "营商环境", "employment_income": "就业收入", "environment": "环境",
              "social": "社会", "urban_rural": "城乡建设"}


def sectors_figure(sectors: pd.DataFrame, moves: pd.DataFrame, meta: ReportMeta, lang: str = "en"):
    """Ranked bars of every growth rate in the report, coloured and labelled by sector,
    with the report's unquantified statements of direction listed beside them.

    Returns
    -------
    (Figure, DataFrame)
        ``drawn``: indicator_id, sector, value, source_text (bars), then the statements
        (indicator_id, text) with ``value`` empty.
    """
    style.use()
    data = sectors.iloc[::-1].reset_index(drop=True)
    order = list(dict.fromkeys(sectors["sector"]))
    colours = {s: style.PALETTE[k % len(style.PALETTE)] for k, s in enumerate(order)}
    fig, (ax, note) = style.new_figure("page", 3.6, ncols=2, width_ratios=[1.6, 1])
    drawn = []
    for i, r in data.iterrows():
        sector = _SECTOR_ZH[r["sector"]] if lang == "zh" else r["sector"].replace("_", " ")
        ax.barh(i, r["growth_pct"], color=colours[r["sector"]], height=0.7)
        # labels sit right of the bar, or right of zero for a fall, clear of the indicator names
        ax.text(max(r["growth_pct"], 0) + 0.5, i, f"{_num(r['growth_pct'])} ({sector})",
                va="center", ha="left", fontsize=style.MIN_FONT_PT)
        drawn.append({"indicator_id": r["indicator_id"], "sector": r["sector"], "value": r["growth_pct"],
                      "text": r["source_text"]})
    labels = [_wrap_label(n, lang, 30) for n in (data["indicator_zh"] if lang == "zh" else data["indicator_en"])]
    ax.set_yticks(range(len(data)), labels)
    lo, hi = float(data["growth_pct"].min()), float(data["growth_pct"].max())
    ax.set_xlim(min(0, lo) - 9, hi + 12)
    ax.set_xlabel(_t("growth", lang))
    _zero(ax)
    note.axis("off")
    head = "Said in words, without a rate:" if lang == "en" else "只有文字表述、没有数字的："
    lines = [head]
    for r in moves.itertuples():
        subject = r.subject_zh if isinstance(r.subject_zh, str) else ""
        lines.append(style.wrap_text(f"{subject}{r.text}", 1.9, style.MIN_FONT_PT))  # the note column is ~2.7 in, less layout
        drawn.append({"indicator_id": r.indicator_id, "sector": r.sector, "value": np.nan, "text": r.text})
    if lang == "en":
        lines.append("")
        lines.append("降幅收窄: a fall got smaller;\n回升/回暖: picking up again.")
    note.text(0, 1, "\n".join(lines), va="top", ha="left", fontsize=style.MIN_FONT_PT, transform=note.transAxes)
    what = "Growth rates by sector" if lang == "en" else "分领域增速"
    style.finish(fig, title=style.title(what, meta, lang), source=_source(meta, [], lang))
    return fig, pd.DataFrame(drawn)


# --- (d) plan progress ------------------------------------------------------------------------

def plan_figure(plan: pd.DataFrame, meta: ReportMeta, lang: str = "en"):
    """Bars: share of each target reached by mid-year if the target is for the full year,
    with a marker for the first half's share if the target is for the second half only.

    Returns
    -------
    (Figure, DataFrame)
        ``drawn``: indicator_id, reading (full_year or second_half), value, actual_text, target_text.
    """
    style.use()
    levels = plan[plan["measure"] == "level"].sort_values("share_full_year").reset_index(drop=True)
    fig, ax = style.new_figure("page", 3.4)
    drawn = []
    for i, r in levels.iterrows():
        ax.barh(i, r["share_full_year"], color=style.color("actual"), height=0.6)
        ax.scatter(r["share_second_half"], i, marker="D", s=28, color=style.color("target"), zorder=3)
        ax.text(max(r["share_full_year"], r["share_second_half"]) + 2, i,
                f"{r['actual_text']} / {r['target_text']}", va="center", fontsize=style.MIN_FONT_PT)
        drawn += [{"indicator_id": r["indicator_id"], "reading": "full_year", "value": r["share_full_year"],
                   "actual_text": r["actual_text"], "target_text": r["target_text"]},
                  {"indicator_id": r["indicator_id"], "reading": "second_half", "value": r["share_second_half"],
                   "actual_text": r["actual_text"], "target_text": r["target_text"]}]
    names = levels["indicator_en"] if lang == "en" else levels["indicator_zh"]
    ax.set_yticks(range(len(levels)), [_wrap_label(n, lang, 30) for n in names])
    ax.axvline(50, color=style.GREY, linestyle="--", linewidth=0.8)
    ax.text(50, len(levels) - 0.4, " 50%", color=style.GREY, fontsize=style.MIN_FONT_PT, va="bottom")
    ax.set_xlim(0, 130)
    ax.set_xlabel(_t("share", lang))
    full = "target = full year (bar)" if lang == "en" else "目标为全年（柱）"
    half = "target = second half only (◆)" if lang == "en" else "目标仅为下半年（◆）"
    ax.barh(np.nan, 0, color=style.color("actual"), label=full)
    ax.scatter([], [], marker="D", color=style.color("target"), label=half)
    ax.legend(loc="lower right")
    what = "Progress toward the report's own targets" if lang == "en" else "上半年目标完成进度"
    style.finish(fig, title=style.title(what, meta, lang), source=_source(meta, [], lang))
    return fig, pd.DataFrame(drawn)


# --- (e) districts ----------------------------------------------------------------------------

def districts_figure(cross: pd.DataFrame, meta: ReportMeta, lang: str = "en"):
    """Bars: headline GDP growth of every place for one period, coloured by province,
    hatched where the figure is a benchmark rather than a report.

    Returns
    -------
    (Figure, DataFrame)
        ``drawn``: geo_id, province_zh, value, source.
    """
    style.use()
    data = cross.reset_index(drop=True)
    provinces = list(dict.fromkeys(data.sort_values("growth_pct")["province_zh"]))
    colours = {p: style.PALETTE[k % len(style.PALETTE)] for k, p in enumerate(provinces)}
    fig, ax = style.new_figure("page", 3.4)
    drawn = []
    for i, r in data.iterrows():
        benchmark = str(r["source"]).startswith("benchmarks")
        ax.barh(i, r["growth_pct"], color=colours[r["province_zh"]], height=0.7,
                hatch="////" if benchmark else None, edgecolor="white", linewidth=0.3)
        ax.text(r["growth_pct"] + (0.6 if r["growth_pct"] >= 0 else -0.6), i, _num(r["growth_pct"]),
                va="center", ha="left" if r["growth_pct"] >= 0 else "right", fontsize=style.MIN_FONT_PT)
        drawn.append({"geo_id": r["geo_id"], "province_zh": r["province_zh"], "value": r["growth_pct"],
                      "source": r["source"]})
    ax.set_yticks(range(len(data)), [_place(z, e, lang) for z, e in zip(data["geo_zh"], data["geo_en"], strict=False)])
    for p in provinces:
        name = p if lang == "zh" else data.loc[data["province_zh"] == p, "province_en"].iloc[0]
        ax.barh(np.nan, 0, color=colours[p], label=name)
    ax.barh(np.nan, 0, color="white", edgecolor=style.GREY, hatch="////",
            label="official benchmark" if lang == "en" else "官方基准数据")
    ax.set_xlim(float(data["growth_pct"].min()) - 6, max(0.0, float(data["growth_pct"].max())) + 6)
    ax.set_xlabel(_t("growth", lang))
    _zero(ax)
    fig.legend(loc="outside right upper")
    period = style.format_period(data["period"].iloc[0], lang)
    what = f"GDP growth across places, {period}" if lang == "en" else f"各地地区生产总值增速，{period}"
    style.finish(fig, title=what, source=_source(meta, data["source"], lang))
    return fig, pd.DataFrame(drawn)


# --- (f) national V ---------------------------------------------------------------------------

_SPAN_LABEL = {"Q1": ("Q1 {y}", "{y}年一季度"), "H1": ("H1 {y}", "{y}年上半年"), "Q1-Q3": ("Q1–Q3 {y}", "{y}年前三季度"),
               "": ("{y}", "{y}年")}


def _period_label(period: str, lang: str) -> str:
    """A cumulative period on the V's axis: ``2020Q1-Q3`` -> "Q1–Q3 2020" / "2020年前三季度"."""
    year, span = period[:4], period[4:]
    if span not in _SPAN_LABEL:
        return style.format_period(period, lang)
    return _SPAN_LABEL[span][lang == "zh"].format(y=year)


def national_v_figure(v: pd.DataFrame, meta: ReportMeta, place: str, lang: str = "en"):
    """Lines: cumulative year-on-year GDP growth by period for the country and provinces,
    with the district's own point(s).

    Returns
    -------
    (Figure, DataFrame)
        ``drawn``: geo_id, period, value, source, in drawing order.
    """
    style.use()
    fig, ax = style.new_figure("column", 3.2)
    markers = ("o", "s", "^", "D", "v")
    drawn = []
    for k, (geo, rows) in enumerate(v.groupby("geo_id", sort=False)):
        rows = rows.sort_values("period_order")
        name = _place(rows["geo_zh"].iloc[0], rows["geo_en"].iloc[0], lang)
        if geo == place:
            ax.scatter(rows["period_order"], rows["growth_pct"], marker="*", s=110, color=style.INK, zorder=4,
                       label=name)
        else:
            ax.plot(rows["period_order"], rows["growth_pct"], marker=markers[k % len(markers)], markersize=4,
                    color=style.PALETTE[k], label=name, linewidth=1.3)
        for r in rows.itertuples():
            drawn.append({"geo_id": geo, "period": r.period, "value": r.growth_pct, "source": r.source})
    periods = list(dict.fromkeys(v.sort_values("period_order")["period"]))
    ax.set_xticks(range(len(periods)), [_period_label(p, lang) for p in periods],
                  rotation=30, ha="right")
    ax.set_ylabel("Cumulative growth (% y/y)" if lang == "en" else "累计同比增长（%）")
    _zero(ax, "y")
    ax.legend(loc="lower right")
    first, last = (_period_label(p, lang) for p in (periods[0], periods[-1]))
    what = f"GDP growth to date, {first} to {last}" if lang == "en" else f"累计GDP增速：{first}至{last}"
    style.finish(fig, title=what, source=_source(meta, v["source"], lang))
    return fig, pd.DataFrame(drawn)


# --- the manifest -------------------------------------------------------------------------------

FIGURES = (
    ("fig01_scorecard", "scorecard_figure", "analysis.scorecard",
     "Growth in the report's period: the place against its province and the country, by headline indicator; "
     "hatched bars are growth derived from two levels (nominal); 'not reported' marks figures the report does not give, "
     "'not in our benchmarks' comparator figures missing from data/external/."),
    ("fig02_baseline", "baseline_figure", "analysis.baseline",
     "Growth in the earlier and the later period for each indicator the place reports in both years; "
     "hollow squares are growth derived from levels."),
    ("fig03_sectors", "sectors_figure", "analysis.sector_growth, analysis.direction_statements",
     "Every growth rate in the report, ranked and labelled by sector, with the report's statements of "
     "direction that carry no number."),
    ("fig04_plan_progress", "plan_figure", "analysis.plan_progress",
     "Share of each target reached by the end of the report's period: bars if the target is the full-year total, "
     "diamonds if it is an amount for the rest of the year alone; labels give actual / target as written."),
    ("fig05_districts", "districts_figure", "analysis.cross_district",
     "GDP growth in the report's period for every report place of that period, their provinces and the country; "
     "hatched bars are official benchmarks."),
    ("fig06_national_v", "national_v_figure", "analysis.national_v",
     "Cumulative year-on-year GDP growth by period for the country and the place's province, with the place's "
     "own figures (star)."),
    ("fig07_targets_met", "linking_figure.plot_targets_met", "analysis.linking_summary.verdicts_by",
     "Targets each place set for a year and what became of them in its outcome report, by kind of indicator: "
     "met, missed, unclear, or no outcome found (drawn by notebook 07)."),
)


def manifest_markdown(written: dict[str, list[str]]) -> str:
    """``figures/README.md``: each figure file with its caption, function and data.

    Parameters
    ----------
    written : dict
        Figure name (``fig01_scorecard`` or ``fig01_scorecard_zh``) -> files written.
    """
    lines = ["# Figures", "",
             "Made by `notebooks/04_figures.ipynb` with `cnreport.present.figures`; every figure is drawn from",
             "`data/processed/` (tables described in `data/README.md`) through `cnreport.analysis`. PNG at 300 dpi",
             "and SVG, byte-identical on every run (`make check-determinism`). `_zh` files are the Chinese variants.",
             "Fonts: DejaVu Sans and Noto Sans CJK SC (OFL-1.1, from the PyPI package `noto-cjk-sans-otc`).", "",
             "| Files | Caption | Function | Data |", "|---|---|---|---|"]
    for name, function, data, caption in FIGURES:
        files = [f for key in (name, f"{name}_zh") for f in written.get(key, [])]
        if not files:   # drawn by a later notebook: list the files it committed
            files = [f"{key}.{fmt}" for key in (name, f"{name}_zh") for fmt in style.FORMATS
                     if (paths.FIGURES / f"{key}.{fmt}").exists()]
        if not files:
            continue
        shown = "<br>".join(f"[`{f}`]({f})" for f in files)
        where = f"cnreport.present.{function}" if "." in function else f"cnreport.present.figures.{function}"
        lines.append(f"| {shown} | {caption} | `{where}` | `cnreport.{data}` |")
    return "\n".join(lines) + "\n"


def write_manifest(written: dict[str, list[str]], directory: Path | str | None = None) -> str:
    """Write ``README.md`` of the figures folder (``figures/`` by default) atomically; return its path."""
    path = Path(directory or paths.FIGURES) / "README.md"
    files.write_text_atomic(path, manifest_markdown(written))
    return paths.relative(path)
