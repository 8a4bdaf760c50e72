"""Drawing helpers shared by the figures: value labels, role-styled bars, label placement.

Split from :mod:`cnreport.present.figures` so that module holds the six plot functions;
these helpers draw one kind of mark or fit one label, the same way in every figure.
"""

from __future__ import annotations

import re

import numpy as np

from cnreport.core.files import ReportMeta
from cnreport.present import grammar, style
from cnreport.present.labels import label


def _num(value: float, digits: int = 1) -> str:
    """A value label with a true minus sign, like the tick labels (−1.6, not -1.6)."""
    return f"{value:.{digits}f}".replace("-", "\u2212")


def _place(geo_zh: str, geo_en: str, lang: str) -> str:
    """A place's short name; in Chinese the country is 全国, as the reports write it."""
    if lang == "zh" and geo_zh == "中国":
        return "全国"
    return style.short_place_name(geo_zh, geo_en, lang)


def _where(meta: ReportMeta, lang: str) -> dict[str, str]:
    """``place`` and ``period`` of the report, for a title label."""
    return {"place": style.short_place(meta, lang), "period": style.format_period(meta.period_actual, lang)}


def _fit_xlim(ax, pad_frac: float = 0.02) -> None:
    """Widen the x range until every value label drawn in data coordinates lies inside the axes.

    Label widths are fixed in points, so on a narrow range of values a label can reach
    past the axis line; the range is widened from the labels' drawn extents (three
    passes, since widening shrinks each label in data units).
    """
    fig = ax.figure
    for _ in range(3):
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        lo, hi = ax.get_xlim()
        inverse = ax.transData.inverted()
        x0 = min([lo, *(inverse.transform(t.get_window_extent(renderer))[:, 0].min() for t in ax.texts
                        if t.get_transform() == ax.transData)])
        x1 = max([hi, *(inverse.transform(t.get_window_extent(renderer))[:, 0].max() for t in ax.texts
                        if t.get_transform() == ax.transData)])
        if x0 >= lo and x1 <= hi:
            return
        pad = pad_frac * (x1 - x0)
        ax.set_xlim(x0 - pad if x0 < lo else lo, x1 + pad if x1 > hi else hi)


def _zero(ax, axis: str = "x") -> None:
    (ax.axvline if axis == "x" else ax.axhline)(0, color=style.INK, linewidth=0.8, zorder=1)


def _basis(price_basis, status: str, lang: str) -> str:
    """The price-basis tag of a value label: real, nominal, basis not stated, or derived."""
    if status == "derived":
        return label("basis_derived", lang)
    return label(f"basis_{price_basis}", lang) if isinstance(price_basis, str) else ""


def _append_note(text: str, note: str, lang: str) -> str:
    """'China' + 'real' -> 'China (real)'; 'Tongzhou (this report)' -> 'Tongzhou (this report; real)'."""
    if lang == "zh":
        return f"{text[:-1]}，{note}）" if text.endswith("）") else f"{text}（{note}）"
    return f"{text[:-1]}; {note})" if text.endswith(")") else f"{text} ({note})"


def _paren(text: str, lang: str) -> str:
    """' (text)' in English, '（text）' in Chinese."""
    return f"（{text}）" if lang == "zh" else f" ({text})"


def _role_label(role: str, name: str, lang: str) -> str:
    return label(f"role_{role}", lang, place=name)


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


def _legend_patch(ax, role: str, text: str, derived: bool = False) -> None:
    rs = grammar.role_style(role)
    ax.barh(np.nan, 0, color="white" if derived else rs.color, hatch=rs.hatch or None,
            edgecolor=rs.color if derived else grammar.HATCH_EDGE.get(role, "white"), label=text)


def _bar(ax, y: float, value: float, height: float, role: str, derived: bool) -> None:
    """One bar in a role's colour and hatch; a derived value is hollow with the role's edge."""
    rs = grammar.role_style(role)
    ax.barh(y, value, height=height, color="white" if derived else rs.color, hatch=rs.hatch or None,
            edgecolor=rs.color if derived else grammar.HATCH_EDGE.get(role, "white"),
            linewidth=1.0 if derived else 0.3, zorder=rs.zorder)



#: Offsets (points) tried in turn for a point's value label: up right, down right, up left, down left, further out.
_LABEL_OFFSETS = ((6, 4), (6, -14), (-26, 4), (-26, -14), (10, 12), (10, -22))


def _place_clear(fig, ann) -> None:
    """Move a point's value label to the first offset where it collides with nothing (else leave the first)."""
    from cnreport.present.collisions import find_collisions

    name = repr(ann.get_text()[:40])
    for offset in _LABEL_OFFSETS:
        ann.set_position(offset)
        if not any(name in c for c in find_collisions(fig)):
            return
    ann.set_position(_LABEL_OFFSETS[0])


_SPAN = {"Q1": ("Q1", "一季度"), "H1": ("H1", "上半年"), "Q1-Q3": ("Q1–Q3", "前三季度"), "": ("year", "全年")}


def _period_tick(period: str, lang: str) -> str:
    """A cumulative period as a two-line tick label: ``2020Q1-Q3`` -> "2020\\nQ1–Q3" / "2020年\\n前三季度"."""
    m = re.fullmatch(r"(\d{4})(Q1|H1|Q1-Q3)?", str(period))
    if not m:
        return str(period)
    span = _SPAN[m.group(2) or ""][lang == "zh"]
    return f"{m.group(1)}年\n{span}" if lang == "zh" else f"{m.group(1)}\n{span}"
