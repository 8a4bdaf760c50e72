"""Publication figures, one per analysis of :mod:`cnreport.analysis` (notebook 04 calls them).

Every plot function takes the tidy frame of its analysis and the report's
metadata, and returns ``(fig, drawn)``: the figure and a frame with one row per
mark, in drawing order, holding the value drawn and its source. Tests check
``drawn`` against the processed data, not pixels. All fixed words come from the
bilingual labels table (:mod:`cnreport.present.labels`); places are drawn by
role (:mod:`cnreport.present.grammar`), so the report's own place has the same
colour, marker and hatch in every figure. ``lang="zh"`` gives the Chinese variant.
:data:`FIGURES` lists each figure with its caption for ``figures/README.md``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cnreport.core.files import ReportMeta
from cnreport.present import grammar, style
from cnreport.present.labels import label
from cnreport.present.manifest import FIGURES, manifest_markdown, write_manifest
from cnreport.present.marks import (
    _LABEL_OFFSETS,
    _append_note,
    _bar,
    _basis,
    _fit_xlim,
    _legend_patch,
    _num,
    _paren,
    _period_tick,
    _place,
    _place_clear,
    _role_label,
    _where,
    _wrap_label,
    _zero,
)
from cnreport.present.plan_figure import plan_figure
from cnreport.present.sourcelines import benchmark_lines, source_line

__all__ = ["FIGURES", "baseline_figure", "benchmark_lines", "districts_figure", "manifest_markdown",
           "national_v_figure", "plan_figure", "scorecard_figure", "sectors_figure", "write_manifest"]


# --- (a) scorecard ----------------------------------------------------------------------------

def scorecard_figure(card: pd.DataFrame, names: pd.DataFrame, meta: ReportMeta,
                     geos: tuple[str, ...], lang: str = "en"):
    """Grouped bars: growth of the report's place and its comparators, by headline indicator.

    Each bar has its place's role colour and hatch; each value label names its
    price basis; a missing figure is written out, saying whether the report does
    not state it or our benchmark file does not hold it.

    Parameters
    ----------
    card : DataFrame
        :func:`cnreport.analysis.scorecard` (with ``price_basis``).
    names : DataFrame
        The dictionary (``indicator_id``, ``name_en``, ``name_zh``).
    meta : ReportMeta
        The report.
    geos : tuple of str
        Places drawn, in this order; the report's own place first.
    lang : {"en", "zh"}

    Returns
    -------
    (Figure, DataFrame)
        ``drawn``: indicator_id, geo_id, role, value (NaN where missing), status, basis, source.
    """
    style.use()
    label_of = names.set_index("indicator_id")["name_zh" if lang == "zh" else "name_en"]
    inds = list(dict.fromkeys(card["indicator_id"]))[::-1]  # first indicator on top
    fig, ax = style.new_figure("page", 6.0)
    height = 0.84 / len(geos)
    drawn = []
    for k, geo in enumerate(geos):
        sub = card[card["geo_id"] == geo].set_index("indicator_id")
        first = sub.iloc[0]
        role = grammar.role_of(first["geo_zh"], meta.place_zh)
        name = _place(first["geo_zh"], first["geo_en"], lang)
        for i, iid in enumerate(inds):
            r = sub.loc[iid]
            y = i + ((len(geos) - 1) / 2 - k) * height
            if pd.isna(r["value"]):
                why = label("missing_report" if role == "focal" else "missing_benchmark", lang)
                ax.text(0.4, y, f"{name}{'：' if lang == 'zh' else ': '}{why}", va="center", ha="left",
                        fontsize=style.MIN_FONT_PT, color=style.GREY)
            else:
                _bar(ax, y, r["value"], height * 0.9, role, r["status"] == "derived")
                tag = _basis(r["price_basis"], r["status"], lang)
                right = r["value"] >= 0
                ax.text(r["value"] + (0.3 if right else -0.3), y, f"{_num(r['value'])}{_paren(tag, lang)}", va="center",
                        ha="left" if right else "right", fontsize=style.MIN_FONT_PT)
            drawn.append({"indicator_id": iid, "geo_id": geo, "role": role, "value": r["value"], "status": r["status"],
                          "basis": _basis(r["price_basis"], r["status"], "en"), "source": r["source"]})
        _legend_patch(ax, role, _role_label(role, name, lang))
    _legend_patch(ax, "focal", label("legend_derived", lang), derived=True)
    ax.set_yticks(range(len(inds)), [_wrap_label(label_of[i], lang, 26) for i in inds])
    ax.set_xlabel(label("axis_growth", lang))
    _zero(ax)
    held = card["value"].dropna()
    ax.set_xlim(min(-2.0, float(held.min()) if len(held) else 0.0) - 6, max(2.0, float(held.max()) if len(held) else 0.0) + 10)
    ax.set_ylim(-0.6, len(inds) - 0.45)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=2, borderaxespad=0.2)
    others = [n for n in (_place(card.loc[card["geo_id"] == g, "geo_zh"].iloc[0],
                                 card.loc[card["geo_id"] == g, "geo_en"].iloc[0], lang) for g in geos[1:])]
    title = label("title_scorecard", lang, others=("、" if lang == "zh" else " and ").join(others), **_where(meta, lang))
    style.finish(fig, title=title, source=source_line(meta, card["source"], lang))
    _fit_xlim(ax)
    return fig, pd.DataFrame(drawn)


# --- (b) baseline -----------------------------------------------------------------------------

def _dumbbell_labels(ax, i: int, before: float, now: float, span: float) -> None:
    """Value labels above a dumbbell, each extending away from the other mark and never across zero."""
    room = 0.07 * span  # about the width of a label
    for value, other in ((before, now), (now, before)):
        leftward = value < other
        if leftward and 0 < value < room:
            leftward = False
        if not leftward and -room < value < 0:
            leftward = True
        ax.text(value + (-0.15 if leftward else 0.15), i + 0.2, _num(value, 2 if value != round(value, 1) else 1),
                ha="right" if leftward else "left", va="bottom", fontsize=style.MIN_FONT_PT)


def baseline_figure(base: pd.DataFrame, names: pd.DataFrame, meta: ReportMeta, meta_before: ReportMeta,
                    lang: str = "en"):
    """Dumbbells: growth in the same half of the year before (``meta_before``'s report)
    and in the report's period, for the report's own place.

    The earlier rate is a grey circle, the later one the place's role marker (a
    star), hollow where it is derived from two levels.

    Returns
    -------
    (Figure, DataFrame)
        ``drawn``: indicator_id, period, value, basis, source (two marks per indicator).
    """
    style.use()
    before, now = meta_before.period_actual, meta.period_actual
    label_of = names.set_index("indicator_id")["name_zh" if lang == "zh" else "name_en"]
    base = base.iloc[::-1].reset_index(drop=True)
    rs = grammar.role_style("focal")
    fig, ax = style.new_figure("page", 3.6)
    values = pd.concat([base["growth_before"], base["growth_now"]])
    lo, hi = min(0.0, float(values.min())) - 2.5, max(0.0, float(values.max())) + 2.5
    drawn = []
    for i, r in base.iterrows():
        derived = r["basis_now"].startswith("derived")
        ax.plot([r["growth_before"], r["growth_now"]], [i, i], color=style.GREY, linewidth=1.0, zorder=2)
        ax.scatter(r["growth_before"], i, marker="o", s=30, color=style.GREY, zorder=3)
        ax.scatter(r["growth_now"], i, marker=rs.marker, s=grammar.marker_area("focal"), zorder=rs.zorder,
                   color="white" if derived else rs.color, edgecolors=rs.color, linewidths=1.0)
        _dumbbell_labels(ax, i, r["growth_before"], r["growth_now"], hi - lo)
        drawn += [{"indicator_id": r["indicator_id"], "period": before, "value": r["growth_before"],
                   "basis": r["basis_before"], "source": r["source_before"]},
                  {"indicator_id": r["indicator_id"], "period": now, "value": r["growth_now"],
                   "basis": r["basis_now"], "source": r["source_now"]}]
    stated = lambda col: "、".join(sorted({_basis(b.split(", ")[-1], "stated", lang) for b in base[col]  # noqa: E731
                                         if not b.startswith("derived")}))
    ax.scatter([], [], marker="o", color=style.GREY,
               label=label("legend_stated", lang, period=style.format_period(before, lang), basis=stated("basis_before")))
    ax.scatter([], [], marker=rs.marker, s=grammar.marker_area("focal"), color=rs.color,
               label=label("legend_stated", lang, period=style.format_period(now, lang), basis=stated("basis_now")))
    ax.scatter([], [], marker=rs.marker, s=grammar.marker_area("focal"), color="white", edgecolors=rs.color,
               label=label("legend_derived", lang))
    ax.set_yticks(range(len(base)), [_wrap_label(label_of[i], lang, 34) for i in base["indicator_id"]])
    ax.set_ylim(-0.6, len(base) - 0.1)
    ax.set_xlim(lo, hi)
    ax.set_xlabel(label("axis_growth", lang))
    _zero(ax)
    ax.legend(loc="lower left", bbox_to_anchor=(1.0, 0.0))
    what = label("title_baseline", lang, before=style.format_period(before, lang), now=style.format_period(now, lang),
                 place=style.short_place(meta, lang))
    style.finish(fig, title=what,
                 source=source_line(meta, [], lang, also=(meta_before,)))
    _fit_xlim(ax)
    return fig, pd.DataFrame(drawn)


# --- (c) sectors ------------------------------------------------------------------------------

_SECTOR_ZH = {"macro": "综合", "industry": "工业", "services": "服务业", "agriculture": "农业", "construction": "建筑业",
              "investment": "投资", "trade_fdi": "外贸外资", "innovation_talent": "创新人才", "fiscal_finance": "财政金融",
              "business_environment": "营商环境", "employment_income": "就业收入", "environment": "环境",
              "social": "社会", "urban_rural": "城乡建设"}


def _sector(sector: str, lang: str) -> str:
    return _SECTOR_ZH.get(sector, sector) if lang == "zh" else sector.replace("_", " ")


def sectors_figure(sectors: pd.DataFrame, moves: pd.DataFrame, meta: ReportMeta, lang: str = "en",
                   not_activity: tuple[str, ...] = ("environment",), bases: dict[str, str] | None = None):
    """Ranked bars of every growth rate of activity in the report, labelled with its sector,
    and beside them the rates that are not activity (a pollutant's concentration) and the
    report's statements of direction without a number.

    Parameters
    ----------
    sectors, moves : DataFrame
        :func:`cnreport.analysis.sector_growth`, :func:`cnreport.analysis.direction_statements`.
    meta : ReportMeta
        The report.
    lang : {"en", "zh"}
    not_activity : tuple of str
        Sectors whose rates are listed beside the axis instead of on it.
    bases : dict, optional
        :func:`cnreport.analysis.basis.by_source`; each bar's label then names its
        price basis, or one note does when all share one.

    Returns
    -------
    (Figure, DataFrame)
        ``drawn``: indicator_id, sector, value, text, where (``axis`` for bars, ``note`` for
        the listed rates, ``words`` for the statements, whose ``value`` is empty).
    """
    style.use()
    rs = grammar.role_style("focal")
    on_axis = sectors[~sectors["sector"].isin(not_activity)].iloc[::-1].reset_index(drop=True)
    fig, (ax, note) = style.new_figure("page", 3.6, ncols=2, width_ratios=[1.55, 1])
    drawn = []
    tags = [_basis((bases or {}).get(f"{meta.report_id}@{int(r['source_start'])}-{int(r['source_end'])}"), "stated", lang)
            for _, r in on_axis.iterrows()]
    one_basis = len(set(tags)) == 1
    for i, r in on_axis.iterrows():
        ax.barh(i, r["growth_pct"], color=rs.color, height=0.7)
        note_text = _sector(r["sector"], lang) if one_basis or not tags[i] else f"{_sector(r['sector'], lang)}; {tags[i]}"
        ax.text(max(r["growth_pct"], 0) + 0.6, i, f"{_num(r['growth_pct'])}{_paren(note_text, lang)}",
                va="center", ha="left", fontsize=style.MIN_FONT_PT)
        drawn.append({"indicator_id": r["indicator_id"], "sector": r["sector"], "value": r["growth_pct"],
                      "text": r["source_text"], "where": "axis"})
    names = on_axis["indicator_zh"] if lang == "zh" else on_axis["indicator_en"]
    ax.set_yticks(range(len(on_axis)), [_wrap_label(n, lang, 30) for n in names])
    ax.set_xlim(min(0.0, float(on_axis["growth_pct"].min())) - 2 if len(on_axis) else -2,
                max(0.0, float(on_axis["growth_pct"].max())) + 14 if len(on_axis) else 14)
    ax.set_xlabel(label("axis_growth", lang))
    _zero(ax)
    note.axis("off")
    lines = [style.wrap_text(label("basis_all", lang, basis=tags[0]), 2.6, style.MIN_FONT_PT), ""] if one_basis and tags[0] else []
    apart = sectors[sectors["sector"].isin(not_activity)]
    if len(apart):
        lines.append(label("not_activity", lang))
        for r in apart.itertuples():
            name = r.indicator_zh if lang == "zh" else r.indicator_en
            lines.append(f"{name}{'：' if lang == 'zh' else ': '}{_num(r.growth_pct)}%")
            drawn.append({"indicator_id": r.indicator_id, "sector": r.sector, "value": r.growth_pct,
                          "text": r.source_text, "where": "note"})
        lines.append("")
    lines.append(label("said_in_words", lang))
    for r in moves.itertuples():
        lines.append(f"{r.subject_zh if isinstance(r.subject_zh, str) else ''}{r.text}")
        drawn.append({"indicator_id": r.indicator_id, "sector": r.sector, "value": np.nan, "text": r.text, "where": "words"})
    if lang == "en":
        lines += ["", label("glossary_narrowing", lang), label("glossary_recovering", lang)]
    note.text(0, 1, "\n".join(lines), va="top", ha="left", fontsize=style.MIN_FONT_PT, transform=note.transAxes)
    style.finish(fig, title=label("title_sectors", lang, **_where(meta, lang)), source=source_line(meta, [], lang))
    _fit_xlim(ax)
    return fig, pd.DataFrame(drawn)


# --- (e) districts ----------------------------------------------------------------------------

def _with_province(r, lang: str) -> str:
    """'Tianmen City (Hubei)' / '天门市（湖北省）': a place with the province it lies in, when that differs."""
    name = _place(r["geo_zh"], r["geo_en"], lang)
    if r["province_zh"] in (r["geo_zh"], "中国") or r["level"] in ("province", "country"):
        return name
    province = r["province_zh"] if lang == "zh" else str(r["province_en"]).replace(" Province", "")
    return f"{name}（{province}）" if lang == "zh" else f"{name} ({province})"


def districts_figure(cross: pd.DataFrame, meta: ReportMeta, lang: str = "en"):
    """Bars: headline GDP growth of every place for one period, by role relative to the
    report's place (colour and hatch), each labelled with its province and its price basis.

    Returns
    -------
    (Figure, DataFrame)
        ``drawn``: geo_id, role, province_zh, value, basis, source.
    """
    style.use()
    data = cross.reset_index(drop=True)
    fig, ax = style.new_figure("page", max(3.6, 1.4 + 0.24 * len(data)))
    drawn, roles = [], {}
    for i, r in data.iterrows():
        role = grammar.role_of(r["geo_zh"], meta.place_zh)
        roles.setdefault(role, r)
        _bar(ax, i, r["growth_pct"], 0.7, role, r["origin"] == "derived")
        right = r["growth_pct"] >= 0
        tag = _basis(r["price_basis"], r["origin"], lang)
        ax.text(r["growth_pct"] + (0.6 if right else -0.6), i, f"{_num(r['growth_pct'])}{_paren(tag, lang)}",
                va="center", ha="left" if right else "right", fontsize=style.MIN_FONT_PT)
        drawn.append({"geo_id": r["geo_id"], "role": role, "province_zh": r["province_zh"], "value": r["growth_pct"],
                      "basis": _basis(r["price_basis"], r["origin"], "en"), "source": r["source"]})
    ax.set_yticks(range(len(data)), [_with_province(r, lang) for _, r in data.iterrows()])
    for role in grammar.ROLES:
        if role in roles:
            r = roles[role]
            _legend_patch(ax, role, _role_label(role, _place(r["geo_zh"], r["geo_en"], lang), lang))
    ax.set_xlim(float(data["growth_pct"].min()) - 14, max(0.0, float(data["growth_pct"].max())) + 14)
    ax.set_xlabel(label("axis_growth", lang))
    _zero(ax)
    fig.legend(loc="outside right upper")
    period = style.format_period(data["period"].iloc[0], lang)
    style.finish(fig, title=label("title_districts", lang, period=period), source=source_line(meta, data["source"], lang))
    _fit_xlim(ax)
    return fig, pd.DataFrame(drawn)


# --- (f) growth to date -----------------------------------------------------------------------
def national_v_figure(v: pd.DataFrame, meta: ReportMeta, place: str, lang: str = "en",
                      bases: dict[str, str] | None = None):
    """Lines: cumulative (year-to-date) year-on-year GDP growth by period for the country and
    provinces, by role; a period a place does not have is a gap in its line, not a bridge. The
    report's own point is the focal star, set a little to the right so it hides no other mark,
    and labelled with its value.

    ``bases`` (:func:`cnreport.analysis.basis.by_source`) puts each place's price
    basis in the legend, so a comparison across bases is visible.

    Returns
    -------
    (Figure, DataFrame)
        ``drawn``: geo_id, role, period, value, basis, source, in drawing order.
    """
    style.use()
    bases = bases or {}
    labels = []
    periods = list(dict.fromkeys(v.sort_values("period_order")["period"]))
    fig, ax = style.new_figure("column" if len(periods) <= 5 else "page", 4.6)
    drawn = []
    for geo, rows in v.groupby("geo_id", sort=False):
        rows = rows.sort_values("period_order")
        name = _place(rows["geo_zh"].iloc[0], rows["geo_en"].iloc[0], lang)
        role = grammar.role_of(rows["geo_zh"].iloc[0], meta.place_zh)
        rs = grammar.role_style(role)
        legend = name if role == "other" else _role_label(role, name, lang)
        tags = sorted({_basis(bases[src], "stated", lang) for src in rows["source"] if src in bases})
        if tags:
            legend = _append_note(legend, ("、" if lang == "zh" else ", ").join(tags), lang)
        legend = style.wrap_text(legend, style.COLUMN_WIDTH_IN - 1.3, style.MIN_FONT_PT)
        if geo == place:
            x = rows["period_order"] + 0.18
            ax.scatter(x, rows["growth_pct"], marker=rs.marker, s=grammar.marker_area(role), color=rs.color,
                       zorder=rs.zorder, label=legend)
            for xx, yy in zip(x, rows["growth_pct"], strict=True):
                labels.append(ax.annotate(_num(yy), (xx, yy), xytext=_LABEL_OFFSETS[0], textcoords="offset points",
                                          ha="left", va="bottom", fontsize=style.MIN_FONT_PT, color=rs.color))
        else:
            full = rows.set_index("period")["growth_pct"].reindex(periods)  # NaN where missing: a gap
            ax.plot(range(len(periods)), full.to_numpy(), marker=rs.marker, markersize=4.5, color=rs.color,
                    linewidth=1.3, zorder=rs.zorder, label=legend,
                    markerfacecolor=rs.color if role != "other" else "white")
        for r in rows.itertuples():
            drawn.append({"geo_id": geo, "role": role, "period": r.period, "value": r.growth_pct,
                          "basis": bases.get(r.source), "source": r.source})
    ax.set_xticks(range(len(periods)), [_period_tick(p, lang) for p in periods])
    ax.set_xlim(-0.4, len(periods) - 0.6)
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.set_ylabel(label("axis_growth_cumulative", lang))
    _zero(ax, "y")
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.2), ncols=1, handletextpad=0.4)
    first, last = (style.format_period(p, lang) for p in (periods[0], periods[-1]))
    style.finish(fig, title=label("title_cumulative", lang, first=first, last=last), source=source_line(meta, v["source"], lang))
    for ann in labels:
        _place_clear(fig, ann)
    return fig, pd.DataFrame(drawn)


