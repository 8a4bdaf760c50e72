"""The label-collision check of the save step: no text overlaps another text, a data
mark or a reference line.

After laying the figure out, every drawn text (titles, axis and tick labels, value
labels, legend entries, the source line) is measured from its rendered extent, and
so is every mark (bars, scatter points, line paths and their markers, reference
lines such as a zero or a 50% line). Two texts whose boxes overlap, a text box that
a mark or an axis line enters, or a legend box that covers a mark is a collision. A text
drawn on an opaque background box (a count inside a bar segment) may sit on bars and
points, which its box masks, but not on other texts or lines.
:func:`cnreport.present.style.save` calls :func:`check_collisions` and refuses to
write a figure that has one, so the build fails instead of publishing it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Overlaps smaller than this (points) are rounding, not collisions.
TOLERANCE_PT = 0.75


def _texts(fig: Figure) -> list[tuple[str, object, object]]:
    """(description, Text, owner) for every visible, non-empty text; owner groups a legend's entries."""
    out, seen = [], set()

    def add(t, owner=None):
        if t is not None and id(t) not in seen and t.get_visible() and t.get_text().strip():
            seen.add(id(t))
            out.append((repr(t.get_text()[:40]), t, owner))

    for t in fig.texts:
        add(t)
    add(getattr(fig, "_suptitle", None))
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for t in ax.texts:
            add(t)
        for t in (ax.title, ax._left_title, ax._right_title):
            add(t)
        if ax.axison:
            for axis in (ax.xaxis, ax.yaxis):
                if axis.get_visible():
                    add(axis.label)
                    lo, hi = sorted(axis.get_view_interval())
                    for tick, loc in zip(axis.get_major_ticks(), axis.get_majorticklocs(), strict=False):
                        if lo - 1e-9 <= loc <= hi + 1e-9 and tick.get_visible():
                            add(tick.label1)
    for leg in _legends(fig):
        for t in leg.get_texts():
            add(t, leg)
        add(leg.get_title(), leg)
    return out


def _legends(fig: Figure) -> list:
    return [leg for leg in [*fig.legends, *(ax.get_legend() for ax in fig.axes)] if leg is not None and leg.get_visible()]


def _marks(fig: Figure, renderer) -> list[tuple[str, str, object]]:
    """(description, kind, geometry): kind "box" with a Bbox, or "path" with a display-space Path."""
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import Bbox

    out = []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        clip = ax.get_window_extent(renderer)
        if ax.axison:
            for side, spine in ax.spines.items():
                if spine.get_visible():
                    out.append((f"the {side} axis line", "path", spine.get_transform().transform_path(spine.get_path())))
        for patch in ax.patches:
            if not patch.get_visible() or not isinstance(patch, Rectangle):
                continue
            box = patch.get_window_extent(renderer)
            if np.all(np.isfinite(box.get_points())) and box.width > 0.5 and box.height > 0.5:
                out.append((f"bar at {patch.get_y():.2f}", "box", Bbox.intersection(box, clip) or box))
        for line in ax.lines:
            if not line.get_visible():
                continue
            path = line.get_transform().transform_path(line.get_path())
            verts = path.vertices
            finite = np.all(np.isfinite(verts), axis=1)
            if line.get_linestyle() not in ("None", "none", "", " ") and finite.sum() >= 2:
                out.append((f"line {line.get_label()!r}", "path", path))
            if line.get_marker() not in (None, "None", "none", ""):
                half = line.get_markersize() * fig.dpi / 72 / 2
                for x, y in verts[finite]:
                    out.append((f"marker of {line.get_label()!r}", "box", Bbox([[x - half, y - half], [x + half, y + half]])))
        for coll in ax.collections:
            if not coll.get_visible() or not len(coll.get_offsets()):
                continue
            sizes = coll.get_sizes() if len(coll.get_sizes()) else [36.0]
            points = coll.get_offset_transform().transform(coll.get_offsets())
            for k, (x, y) in enumerate(points):
                if not (np.isfinite(x) and np.isfinite(y)):
                    continue
                half = np.sqrt(sizes[k % len(sizes)]) * fig.dpi / 72 / 2
                out.append(("point", "box", Bbox([[x - half, y - half], [x + half, y + half]])))
    return out


def _boxed(text) -> bool:
    """Whether a text is drawn on an opaque background box: a label placed on a bar on purpose
    (a count inside a stacked segment). Such a text may sit on bars and points, which its box
    masks; it must still clear other texts, lines and reference lines."""
    patch = text.get_bbox_patch()
    return patch is not None and patch.get_visible() and patch.get_facecolor()[3] > 0


def _shrunk(box, pad: float):
    from matplotlib.transforms import Bbox

    return Bbox([[box.x0 + pad, box.y0 + pad], [box.x1 - pad, box.y1 - pad]])


def _overlap(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def find_collisions(fig: Figure) -> list[str]:
    """Every collision in a laid-out figure, described in words.

    Parameters
    ----------
    fig : Figure
        The figure; it is laid out (not rendered to a file) to measure it.

    Returns
    -------
    list of str
        E.g. ``"text '50%' overlaps line 'reference'"``; empty if none.
    """
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    pad = TOLERANCE_PT * fig.dpi / 72
    texts = [(d, _shrunk(t.get_window_extent(renderer), pad), _boxed(t)) for d, t, _owner in _texts(fig)]
    marks = _marks(fig, renderer)
    found = []
    for i, (da, a, boxed) in enumerate(texts):
        for db, b, _other in texts[i + 1:]:
            if _overlap(a, b):
                found.append(f"text {da} overlaps text {db}")
        for dm, kind, geom in marks:
            if (kind == "box" and not boxed and _overlap(a, _shrunk(geom, pad))) or (
                    kind == "path" and geom.intersects_bbox(a, filled=False)):
                found.append(f"text {da} overlaps {dm}")
    for leg in _legends(fig):
        box = _shrunk(leg.get_window_extent(renderer), pad)
        for dm, kind, geom in marks:
            if (kind == "box" and _overlap(box, _shrunk(geom, pad))) or (kind == "path" and geom.intersects_bbox(box, filled=False)):
                found.append(f"legend overlaps {dm}")
    return list(dict.fromkeys(found))


def check_collisions(fig: Figure, name: str = "figure") -> None:
    """Raise if any label collides (see :func:`find_collisions`).

    Parameters
    ----------
    fig : Figure
        The figure.
    name : str
        Used in the error message.

    Returns
    -------
    None

    Raises
    ------
    ValueError
        Naming the figure and the first few collisions.
    """
    found = find_collisions(fig)
    if found:
        more = f" (and {len(found) - 5} more)" if len(found) > 5 else ""
        raise ValueError(f"{name}: labels collide: {'; '.join(found[:5])}{more}; move the label or the mark")
