"""The one plot style for every cnreport figure: font, palette, sizes, saving.

Importing this module registers no font and changes no matplotlib setting.
:func:`use` does both, once, and every plot function calls it (through
:func:`new_figure`). The CJK font is Noto Sans CJK (OFL-1.1), shipped by the
pinned PyPI package ``noto-cjk-sans-otc`` and registered by path, so the result
does not depend on the fonts installed on the machine.

Text is set in DejaVu Sans (bundled with matplotlib) with Noto Sans CJK SC as
the fallback for characters DejaVu Sans lacks; both fonts have U+2212, so axes
keep the true minus sign. Figures are laid out with matplotlib's constrained
layout at a fixed width (:data:`COLUMN_WIDTH_IN` or :data:`PAGE_WIDTH_IN`);
:func:`finish` adds the title and the source line inside the image, and
:func:`save` refuses a figure whose content spills out of it.

:func:`save` writes PNG (300 dpi) and SVG, and PDF when asked, with no dates
and a fixed SVG hash salt, so the same figure gives the same bytes on every run.
PNG, SVG and PDF record the matplotlib version, which is pinned.

Titles, source lines, periods and unit labels as words live in
:mod:`cnreport.present.wording` (no matplotlib) and are re-exported here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from cnreport.present.saving import (  # re-exported: every figure is saved with style.save(fig, name)
    DPI,
    FORMATS,
    MIN_FONT_PT,
    SVG_HASHSALT,
    check_layout,
    render,
    save,
)
from cnreport.present.wording import (  # re-exported: figures call style.title(...), style.source_line(...)
    format_period,
    genre_name,
    short_place,
    short_place_name,
    source_line,
    title,
    unit_label,
)

if TYPE_CHECKING:  # imported for type hints only: importing style must stay cheap
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# --- Fonts -----------------------------------------------------------------
LATIN_FAMILY = "DejaVu Sans"
CJK_FAMILY = "Noto Sans CJK SC"
FONT_FAMILY = (LATIN_FAMILY, CJK_FAMILY)

# --- Colours: Okabe & Ito (2008), colour-blind safe, in a fixed order --------
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
#: Colour cycle for series, in this order. Yellow is last: it is faint on white.
PALETTE = tuple(OKABE_ITO[k] for k in (
    "blue", "orange", "bluish_green", "vermillion", "sky_blue", "reddish_purple", "yellow"))
#: Text, zero lines and axes.
INK = OKABE_ITO["black"]
#: Source lines and other secondary text (contrast 7.5:1 on white).
GREY = "#555555"
#: Colours for the project's recurring categories, so a category keeps its colour across figures.
SEMANTIC_COLORS = {
    # status of a fact
    "actual": OKABE_ITO["blue"],
    "target": OKABE_ITO["orange"],
    # where a panel value comes from
    "report": OKABE_ITO["blue"],
    "benchmark": OKABE_ITO["bluish_green"],
    "derived": OKABE_ITO["reddish_purple"],
    # level of a place
    "district": OKABE_ITO["blue"],
    "county": OKABE_ITO["sky_blue"],
    "city": OKABE_ITO["reddish_purple"],
    "prefecture": OKABE_ITO["orange"],
    "province": OKABE_ITO["vermillion"],
    "country": OKABE_ITO["bluish_green"],
}

# --- Sizes -----------------------------------------------------------------
COLUMN_WIDTH_IN = 3.5
PAGE_WIDTH_IN = 7.2
DEFAULT_HEIGHT_IN = 2.6
TITLE_FONT_PT = 10.0
LABEL_FONT_PT = 9.0
SOURCE_FONT_PT = MIN_FONT_PT
_PAD_IN = 0.04  # gap between the figure edge and the title or source line
_LINE_SPACING = 1.2  # matplotlib's default for multi-line text

RC_PARAMS = {
    "font.family": list(FONT_FAMILY),
    "font.size": LABEL_FONT_PT,
    "axes.titlesize": TITLE_FONT_PT,
    "axes.labelsize": LABEL_FONT_PT,
    "xtick.labelsize": MIN_FONT_PT,
    "ytick.labelsize": MIN_FONT_PT,
    "legend.fontsize": MIN_FONT_PT,
    "legend.title_fontsize": MIN_FONT_PT,
    "figure.titlesize": TITLE_FONT_PT,
    "figure.labelsize": LABEL_FONT_PT,
    "axes.unicode_minus": True,  # DejaVu Sans and Noto Sans CJK both have U+2212
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "text.color": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlelocation": "left",
    "legend.frameon": False,
    "figure.figsize": (COLUMN_WIDTH_IN, DEFAULT_HEIGHT_IN),
    "figure.constrained_layout.use": True,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.dpi": DPI,
    "svg.fonttype": "path",  # glyphs as paths: the SVG shows the same letters without the font
    "svg.hashsalt": SVG_HASHSALT,
}

_CJK_CHAR = r"[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"
# Closing punctuation stays with the character before it, opening punctuation with the one after.
_CJK_CLOSING = r"[\u3001\u3002\uff0c\uff1b\uff1a\uff01\uff1f\uff09\u300b\u300d\u300f\u3011\u201d\u2019]"
_CJK_OPENING = r"[\uff08\u300a\u300c\u300e\u3010\u201c\u2018]"
_LATIN_RUN = r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff08\uff09\uff0c\uff1b\uff1a\uff01\uff1f\u201c\u201d\u2018\u2019]+"
_TOKEN_RE = re.compile(rf"{_CJK_OPENING}*(?:{_CJK_CHAR}|{_LATIN_RUN}){_CJK_CLOSING}*\s*|\S\s*|\s+")
def font_path() -> Path:
    """Path of the Noto Sans CJK collection shipped by ``noto-cjk-sans-otc``.

    Returns
    -------
    Path
        ``NotoSansCJK-Regular.ttc`` inside the installed package.

    Raises
    ------
    FileNotFoundError
        The package is installed but its font file is missing.
    """
    import noto_cjk_sans_otc  # the package's own API: FONT_PATH, via importlib.resources

    path = Path(str(noto_cjk_sans_otc.FONT_PATH))
    if not path.is_file():
        raise FileNotFoundError(f"{path}: font file of noto-cjk-sans-otc is missing (reinstall with make env)")
    return path


def register_fonts() -> Path:
    """Register the Noto Sans CJK collection with matplotlib, once.

    Registering by path works whatever fonts the machine has and whatever
    matplotlib's font cache holds. Calling it again does nothing.

    Returns
    -------
    Path
        The registered font file.
    """
    from matplotlib import font_manager

    path = font_path()
    if not any(Path(f.fname) == path for f in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(str(path))
    return path


def use() -> None:
    """Apply the cnreport style: register the CJK font and set matplotlib's rcParams.

    Sets the font family (DejaVu Sans, then Noto Sans CJK SC for Chinese), font
    sizes of at least :data:`MIN_FONT_PT`, the Okabe–Ito colour cycle, the
    default figure size (column width), constrained layout, 300 dpi for saving
    and a fixed SVG hash salt. Call it before drawing; :func:`new_figure` does.

    Returns
    -------
    None
    """
    import matplotlib as mpl
    from cycler import cycler

    register_fonts()
    mpl.rcParams.update(RC_PARAMS)
    mpl.rcParams["axes.prop_cycle"] = cycler(color=list(PALETTE))


def color(key: str) -> str:
    """Colour of a recurring category, e.g. ``"actual"``, ``"target"``, ``"benchmark"``.

    Parameters
    ----------
    key : str
        A key of :data:`SEMANTIC_COLORS` or an Okabe–Ito colour name from
        :data:`OKABE_ITO` (``"blue"``, ``"vermillion"``, ...).

    Returns
    -------
    str
        A hex colour.

    Raises
    ------
    KeyError
        Unknown key; the message lists the known ones.
    """
    if key in SEMANTIC_COLORS:
        return SEMANTIC_COLORS[key]
    if key in OKABE_ITO:
        return OKABE_ITO[key]
    known = ", ".join(sorted({*SEMANTIC_COLORS, *OKABE_ITO}))
    raise KeyError(f"no colour for {key!r} (known: {known})")


def figure_width(width: str | float) -> float:
    """Figure width in inches for ``"column"`` (3.5 in), ``"page"`` (7.2 in) or a number.

    Parameters
    ----------
    width : {"column", "page"} or float
        A named width or a width in inches.

    Returns
    -------
    float
        Width in inches.

    Raises
    ------
    ValueError
        An unknown name or a width that is not positive.
    """
    if isinstance(width, str):
        named = {"column": COLUMN_WIDTH_IN, "page": PAGE_WIDTH_IN}
        if width not in named:
            raise ValueError(f"figure width {width!r}: expected 'column', 'page' or inches")
        return named[width]
    if not width > 0:
        raise ValueError(f"figure width {width!r}: must be positive (inches)")
    return float(width)


def new_figure(width: str | float = "column", height_in: float = DEFAULT_HEIGHT_IN,
               nrows: int = 1, ncols: int = 1, **subplot_kw) -> tuple[Figure, Axes]:
    """A new figure in the cnreport style, with constrained layout.

    Parameters
    ----------
    width : {"column", "page"} or float
        Column width (3.5 in), page width (7.2 in) or inches.
    height_in : float
        Height in inches.
    nrows, ncols : int
        Grid of axes, as in :func:`matplotlib.pyplot.subplots`.
    **subplot_kw
        Passed on to :meth:`matplotlib.figure.Figure.subplots` (``sharex``, ...).

    Returns
    -------
    (Figure, Axes or array of Axes)
        The figure and its axes. The figure is not attached to pyplot's state
        unless pyplot made it, so nothing needs closing except in notebooks.
    """
    import matplotlib.pyplot as plt

    use()
    fig = plt.figure(figsize=(figure_width(width), height_in), layout="constrained")
    axes = fig.subplots(nrows, ncols, **subplot_kw)
    return fig, axes


def wrap_text(text: str, width_in: float, size_pt: float, weight: str = "normal") -> str:
    """Break ``text`` into lines no wider than ``width_in`` at ``size_pt``.

    Latin text breaks at spaces; Chinese text may break between any two
    characters, never before closing punctuation (，。、）》). Existing line
    breaks are kept. Widths are measured with the style's fonts, so call
    :func:`use` first (:func:`finish` does).

    Parameters
    ----------
    text : str
        The text, possibly with ``\\n``.
    width_in : float
        Maximum line width in inches.
    size_pt : float
        Font size in points.
    weight : str
        Font weight, as in matplotlib.

    Returns
    -------
    str
        The text with ``\\n`` inserted. A single word wider than the line stays whole.
    """
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer = RendererAgg(1, 1, 72)  # 72 dpi: widths come back in points
    prop = FontProperties(family=list(FONT_FAMILY), size=size_pt, weight=weight)
    limit = width_in * 72 * 0.97  # a 3% margin: widths measured at 72 dpi differ slightly when drawn at 100 or 300

    def width(s: str) -> float:
        return renderer.get_text_width_height_descent(s, prop, ismath=False)[0] if s else 0.0

    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for token in _TOKEN_RE.findall(paragraph):
            candidate = line + token
            if line.strip() and width(candidate.rstrip()) > limit:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line = candidate
        lines.append(line.rstrip())
    return "\n".join(lines)


def finish(fig: Figure, ax: Axes | None = None, *, title: str, source: str) -> Figure:
    """Add the title (top left) and the source line (bottom left) inside the image.

    Both are wrapped to the figure's width (:func:`wrap_text`). Constrained
    layout makes room for them, so nothing is clipped at the figure's fixed
    width; :func:`save` checks this.

    Parameters
    ----------
    fig : Figure
        The figure, preferably from :func:`new_figure`.
    ax : Axes, optional
        Not needed (the title belongs to the whole figure); accepted so that
        ``finish(fig, ax, ...)`` and ``finish(fig, ...)`` both work.
    title : str
        What, where and when, e.g. ``"GDP growth, Tongzhou District, 2020 H1"``
        (see :func:`title`), at :data:`TITLE_FONT_PT`. Regular weight: the
        CJK font has no bold face, and asking for one makes matplotlib log
        "Failed to find font weight bold" on stderr. Keep CJK text outside ``$...$``.
    source : str
        The source line (see :func:`source_line`), in :data:`GREY` at
        :data:`SOURCE_FONT_PT`.

    Returns
    -------
    Figure
        The same figure, for chaining.

    Raises
    ------
    ValueError
        An empty title or source.
    """
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    if not title or not title.strip():
        raise ValueError("figure title is empty: say what, where and when")
    if not source or not source.strip():
        raise ValueError("figure source line is empty: name the source")
    use()
    width_in, height_in = fig.get_size_inches()
    text_width = width_in - 2 * _PAD_IN
    fig.suptitle(wrap_text(title.strip(), text_width, TITLE_FONT_PT),
                 x=_PAD_IN / width_in, ha="left", fontsize=TITLE_FONT_PT, color=INK)
    src = wrap_text(source.strip(), text_width, SOURCE_FONT_PT)
    fig.text(_PAD_IN / width_in, _PAD_IN / height_in, src, ha="left", va="bottom",
             fontsize=SOURCE_FONT_PT, color=GREY, gid="cnreport-source")
    # Constrained layout ignores free figure text, so keep the axes above the source line.
    src_height_in = (src.count("\n") + 1) * SOURCE_FONT_PT * _LINE_SPACING / 72
    bottom = (src_height_in + 2 * _PAD_IN) / height_in
    if not isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine):
        fig.set_layout_engine("constrained")
    fig.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))
    return fig


__all__ = ["DPI", "FORMATS", "MIN_FONT_PT", "SVG_HASHSALT", "check_layout", "render", "save",
           "format_period", "genre_name", "short_place", "short_place_name", "source_line", "title", "unit_label"]
