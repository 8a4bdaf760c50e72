"""The annotated report page: one self-contained HTML file per report.

The page shows the full text with every extracted quantity highlighted (colour by
measure, plus an underline style; a target is a dashed box, an actual a filled tint),
excluded numbers hatched grey with their reason, and direction words (降幅收窄) with a
wavy underline. Hovering, focusing (Tab) or tapping a mark shows what was parsed.

Rules the file keeps:

- Self-contained: styles, script, data and a font are inline; nothing is fetched. The
  font is Noto Sans CJK SC (SIL OFL 1.1, from ``noto-cjk-sans-otc``) cut down to the
  characters the page uses and embedded as a WOFF data URI, so the page shows Chinese
  on a machine or phone without CJK fonts, and looks the same everywhere.
- Escaped: the template engine (Jinja2) escapes everything; the text body is built
  with :func:`markupsafe.escape`, and tooltips are filled with ``textContent``, so a
  report holding ``<script>`` shows it as text.
- Exact text: marks add no characters (no CSS-generated content inside the text), so
  selecting and copying gives the source text.
- Deterministic: same text and metadata give the same bytes.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

from cnreport.analysis.recovery import HEADLINE
from cnreport.core import files, paths
from cnreport.core.files import ReportMeta
from cnreport.present import style
from cnreport.present.annotate import Annotated, annotate, simplified

FONT_FAMILY = "cnreport Noto Sans CJK SC"
_CJK_FACE_INDEX = 2   # Noto Sans CJK SC inside the collection (JP, KR, SC, TC, HK, ...)
HEADLINE_MAX = 12


@lru_cache(maxsize=1)
def _env():
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("cnreport.present", "templates"),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def _open_tag(m: dict, k: int, prefix: str) -> str:
    """The opening tag of one mark; attribute values are escaped."""
    if m["kind"] == "quantity":
        cls = f"q m-{m['measure']} s-{m['status']}"
        ident = f' id="{prefix}q-{m["n"]}"'
    elif m["kind"] == "excluded":
        cls, ident = f"x r-{m['reason']}", ""
    else:
        cls, ident = f"d d-{m['direction']}", ""
    return f'<span class="{escape(cls)}"{ident} data-k="{k}" tabindex="0" aria-describedby="tip">'


def body_html(ann: Annotated, text: str | None = None, prefix: str = "") -> Markup:
    """The report text as HTML, marks nested as spans, section anchors as empty spans.

    Parameters
    ----------
    ann : Annotated
        The report and its marks (:func:`cnreport.present.annotate.annotate`).
    text : str, optional
        The text to show, of the same length as ``ann.text`` (the Simplified view);
        default ``ann.text``.
    prefix : str
        Prefix of element ids, so that two views on one page do not share ids.

    Returns
    -------
    Markup
        Escaped HTML whose text content equals ``text``.
    """
    text = ann.text if text is None else text
    anchors = sorted((s.start, i) for i, s in enumerate(ann.sections))
    out: list[str] = []
    pos, a = 0, 0

    def emit(upto: int) -> None:
        nonlocal pos, a
        while a < len(anchors) and anchors[a][0] < upto:
            at, i = anchors[a]
            out.append(str(escape(text[pos:at])) + f'<span class="anchor" id="{prefix}sec-{i}"></span>')
            pos, a = max(pos, at), a + 1
        out.append(str(escape(text[pos:upto])))
        pos = upto

    stack: list[dict] = []
    for k, m in enumerate(ann.marks):
        while stack and stack[-1]["end"] <= m["start"]:
            emit(stack.pop()["end"])
            out.append("</span>")
        emit(m["start"])
        out.append(_open_tag(m, k, prefix))
        stack.append(m)
    while stack:
        emit(stack.pop()["end"])
        out.append("</span>")
    emit(len(text))
    return Markup("".join(out))


def headline_rows(ann: Annotated) -> list[dict]:
    """The report's headline figures (GDP, industry, investment ...) in text order, for the summary table.

    Headline indicators are :data:`cnreport.analysis.recovery.HEADLINE`; when the report
    names none of them, its first mapped actual quantities stand in. At most
    :data:`HEADLINE_MAX` rows.
    """
    quantities = [m for m in ann.marks if m["kind"] == "quantity" and m["indicators"]]
    rows = [m for m in quantities if any(i["id"] in HEADLINE for i in m["indicators"])]
    if not rows:
        rows = [m for m in quantities if m["status"] == "actual"]
    return rows[:HEADLINE_MAX]


def _font_face(chars: str) -> str:
    """A WOFF subset of Noto Sans CJK SC holding ``chars``, as a ``data:`` URI."""
    from fontTools import subset, ttLib

    opts = subset.Options()
    opts.flavor, opts.hinting, opts.desubroutinize, opts.layout_features = "woff", False, True, []
    font = ttLib.TTFont(str(style.font_path()), fontNumber=_CJK_FACE_INDEX, lazy=True, recalcTimestamp=False)
    sub = subset.Subsetter(opts)
    sub.populate(text=chars)
    sub.subset(font)
    buf = io.BytesIO()
    font.flavor = "woff"
    font.save(buf)
    return "data:font/woff;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _tip_data(ann: Annotated) -> list[dict]:
    keep = ("kind", "text", "value", "value_high", "unit", "value_base", "unit_base", "measure", "measure_en",
            "status", "status_en", "period", "qualifier", "qualifier_en", "phrase", "indicators", "reason",
            "reason_en", "note", "direction_kind", "direction", "subject", "indicator_en", "has_number", "term", "definition",
            "start", "end", "u16_start", "u16_end")
    return [{k: m[k] for k in keep if k in m} for m in ann.marks]


def render_page(ann: Annotated) -> str:
    """The annotated page of one report, as a complete HTML document.

    Parameters
    ----------
    ann : Annotated
        The report and its marks.

    Returns
    -------
    str
        The HTML document (self-contained; see the module docstring).
    """
    meta = ann.meta
    counts = {kind: sum(1 for m in ann.marks if m["kind"] == kind) for kind in ("quantity", "excluded", "direction")}
    traditional = meta.script == "traditional"
    context = {
        "meta": meta, "counts": counts, "sections": ann.sections, "headline": headline_rows(ann),
        "body": body_html(ann), "body_simplified": body_html(ann, simplified(ann.text), "s-") if traditional else None,
        "tips": _tip_data(ann), "dropped": len(ann.dropped), "font_family": FONT_FAMILY,
    }
    template = _env().get_template("page.html.j2")
    draft = template.render(context, font_uri="")
    context["font_uri"] = _font_face("".join(sorted(set(draft))))
    return template.render(context)


def report_page(path: Path | str, meta: ReportMeta) -> str:
    """Read a report file and return its annotated page (HTML).

    Raises
    ------
    ReportError
        The file cannot be read or decoded (see :func:`cnreport.core.files.read_report`).
    """
    return render_page(annotate(files.read_report(path).text, meta))


def index_html(metas: list[ReportMeta], counts: dict[str, dict]) -> str:
    """``docs/index.html``: one line per report, linking its page.

    Parameters
    ----------
    metas : list of ReportMeta
        The reports, in the order listed.
    counts : dict
        Per report id, the number of marks of each kind.
    """
    draft = _env().get_template("index.html.j2").render(metas=metas, counts=counts, font_family=FONT_FAMILY,
                                                         font_uri="")
    return _env().get_template("index.html.j2").render(metas=metas, counts=counts, font_family=FONT_FAMILY,
                                                       font_uri=_font_face("".join(sorted(set(draft)))))


def write_pages(report_ids: list[str] | None = None, out_dir: Path | None = None) -> list[Path]:
    """Write ``docs/<report_id>.html`` for every report in ``data/raw`` and ``docs/index.html``.

    Returns
    -------
    list of Path
        The files written, index last.
    """
    out_dir = paths.DOCS if out_dir is None else out_dir
    report_ids = files.list_report_ids() if report_ids is None else report_ids
    written, metas, counts = [], [], {}
    for rid in report_ids:
        meta = files.read_metadata(rid)
        ann = annotate(files.read_report(paths.raw_report(rid)).text, meta)
        target = out_dir / f"{rid}.html"
        files.write_text_atomic(target, render_page(ann))
        written.append(target)
        metas.append(meta)
        counts[rid] = {kind: sum(1 for m in ann.marks if m["kind"] == kind) for kind in ("quantity", "excluded", "direction")}
    index = out_dir / "index.html"
    files.write_text_atomic(index, index_html(metas, counts))
    return [*written, index]
