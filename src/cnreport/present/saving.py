"""Saving figures: layout and collision checks, then PNG/SVG/PDF bytes with no dates.

:func:`save` refuses a figure whose content spills out of it, whose text is under
:data:`MIN_FONT_PT`, or whose labels collide (:mod:`cnreport.present.collisions`);
it renders every format in memory and writes each file atomically. SVG gets a
fixed hash salt and no date, PDF no creation date, so the same figure gives the
same bytes on every run. :mod:`cnreport.present.style` re-exports the public names.
"""

from __future__ import annotations

import io as _io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cnreport.core import files, paths
from cnreport.present import collisions

if TYPE_CHECKING:  # imported for type hints only
    from matplotlib.figure import Figure

MIN_FONT_PT = 8.0
DPI = 300
_TOLERANCE_IN = 1 / 72  # a spill-over of less than a point is not clipping

# --- Saving ----------------------------------------------------------------
SVG_HASHSALT = "cnreport"
FORMATS = ("png", "svg")
_METADATA = {
    # PNG records "Software: Matplotlib version ..." and no time; the version is pinned.
    "png": None,
    "svg": {"Date": None},
    "pdf": {"CreationDate": None},
}
_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def check_layout(fig: Figure, name: str = "figure") -> None:
    """Raise if any drawn content lies outside the figure or any text is under 8 pt.

    Parameters
    ----------
    fig : Figure
        The figure; it is laid out (not rendered) to measure it.
    name : str
        Used in the error message.

    Returns
    -------
    None

    Raises
    ------
    ValueError
        Content spills over an edge (it would be clipped), naming the edge and
        by how much, or a text is smaller than :data:`MIN_FONT_PT`.
    """
    from matplotlib.text import Text

    small = sorted({f"{t.get_text()!r} at {t.get_fontsize():g} pt"
                    for t in fig.findobj(Text)
                    if t.get_visible() and t.get_text().strip() and t.get_fontsize() < MIN_FONT_PT - 1e-9})
    if small:
        raise ValueError(f"{name}: text smaller than {MIN_FONT_PT:g} pt: {'; '.join(small)}")
    fig.draw_without_rendering()  # runs constrained layout
    bbox = fig.get_tightbbox()  # inches, over what is drawn
    width_in, height_in = fig.get_size_inches()
    spills = {"left": -bbox.x0, "bottom": -bbox.y0, "right": bbox.x1 - width_in, "top": bbox.y1 - height_in}
    over = [f"{edge} by {inches:.2f} in" for edge, inches in spills.items() if inches > _TOLERANCE_IN]
    if over:
        raise ValueError(f"{name}: content would be clipped ({', '.join(over)}); "
                         "shorten the text, wrap it or enlarge the figure")


def render(fig: Figure, fmt: str) -> bytes:
    """Render ``fig`` to bytes in one format, with no dates (byte-deterministic).

    Parameters
    ----------
    fig : Figure
        The figure.
    fmt : {"png", "svg", "pdf"}
        Output format. PNG is rendered at :data:`DPI`.

    Returns
    -------
    bytes
        The file content.

    Raises
    ------
    ValueError
        An unsupported format.
    """
    import matplotlib as mpl

    if fmt not in _METADATA:
        raise ValueError(f"figure format {fmt!r}: expected one of {', '.join(_METADATA)}")
    buf = _io.BytesIO()
    with mpl.rc_context({"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "path"}):
        fig.savefig(buf, format=fmt, dpi=DPI, metadata=_METADATA[fmt])
    return buf.getvalue()


def save(fig: Figure, name: str, pdf: bool = False, directory: Path | str | None = None) -> list[Path]:
    """Write ``<name>.png`` (300 dpi) and ``<name>.svg`` (and ``.pdf``), byte-deterministically.

    Every file is rendered in memory first and then written atomically through
    :func:`cnreport.core.files.write_bytes_atomic`, so a failure leaves earlier files
    intact. The figure is not closed.

    Parameters
    ----------
    fig : Figure
        The figure, finished with :func:`finish`.
    name : str
        File stem, e.g. ``"fig03_sector_growth"`` (``_zh`` suffix for Chinese
        variants); no folder and no extension.
    pdf : bool
        Also write a PDF.
    directory : Path or str, optional
        Where to write; ``figures/`` of the repository by default.

    Returns
    -------
    list of Path
        The files written: PNG, SVG, then PDF if asked.

    Raises
    ------
    ValueError
        A name with a folder or an extension, content that would be clipped or
        text under 8 pt (see :func:`check_layout`), or labels that collide with
        each other, with data marks or with reference lines
        (:func:`cnreport.present.collisions.check_collisions`).
    """
    if not _NAME_RE.fullmatch(name) or name.lower().endswith((".png", ".svg", ".pdf")):
        raise ValueError(f"figure name {name!r}: expected a file stem such as 'fig03_sector_growth'")
    check_layout(fig, name)
    collisions.check_collisions(fig, name)
    folder = Path(directory) if directory is not None else paths.FIGURES
    formats: Sequence[str] = (*FORMATS, "pdf") if pdf else FORMATS
    rendered = [(folder / f"{name}.{fmt}", render(fig, fmt)) for fmt in formats]
    for path, data in rendered:
        files.write_bytes_atomic(path, data)
    return [path for path, _ in rendered]
