"""The heading structure and sentences of a report, as character ranges.

Chinese government reports number their headings in three tiers: parts
(``一、``), sections (``(一)`` or ``（一）``) and items (``1.`` or ``1、``), each at
the start of a line. A heading's ``path`` joins the labels of the tiers above it,
e.g. ``一/(一)``. Offsets are Python string indices into the decoded text;
``end`` is exclusive.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from operator import attrgetter

_CN_DIGITS = "一二三四五六七八九十"
# With re.MULTILINE: at the start of the text or after a line break, including a lone "\r"
# (old Mac line ends, which ^ does not see).
_LINE_LEAD = r"(?:^|(?<=\r))[ \t\u3000\u00a0]*"
_HEADING_RES = (
    (1, re.compile(_LINE_LEAD + rf"(?P<label>[{_CN_DIGITS}]{{1,3}})、", re.MULTILINE)),
    (2, re.compile(_LINE_LEAD + rf"[(（](?P<label>[{_CN_DIGITS}]{{1,3}})[)）]", re.MULTILINE)),
    (3, re.compile(_LINE_LEAD + r"(?P<label>\d{1,2})[.、．](?![\d])", re.MULTILINE)),
)
_TITLE_END = re.compile(r"[。！？\r\n]")
_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』)）]?|\n+")


@dataclass(frozen=True)
class Section:
    """One heading and the text it governs.

    Attributes
    ----------
    level : int
        1 for a part (一、), 2 for a section ((一)), 3 for an item (1.).
    label : str
        The heading's own label as a path component: ``一``, ``(一)``, ``1``.
    path : str
        Labels from the part down, joined with ``/``: ``一/(一)``.
    title : str
        Heading text after the label, up to the first full stop or line end.
    start, end : int
        Range of the heading and its body (up to the next heading of the same or
        a higher tier, or the end of the text).
    heading_end : int
        End of the heading title.
    """

    level: int
    label: str
    path: str
    title: str
    start: int
    end: int
    heading_end: int


def find_sections(text: str) -> list[Section]:
    """List every heading of ``text`` in order, with the range it governs.

    Parameters
    ----------
    text : str
        Decoded report text (Simplified or Traditional; labels are the same).

    Returns
    -------
    list of Section
        Sorted by ``start``. Items (tier 3) are only recognised inside a section
        or part, so that a stray "1." line in a preamble is not a heading.
    """
    hits = []
    for level, rx in _HEADING_RES:
        for m in rx.finditer(text):
            hits.append((m.start("label") - (1 if level == 2 else 0), level, m))
    hits.sort(key=lambda h: h[0])
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    for start, level, m in hits:
        if level == 3 and not stack:
            continue
        label = m.group("label")
        label = f"({label})" if level == 2 else label
        stack = [s for s in stack if s[0] < level] + [(level, label)]
        stop = _TITLE_END.search(text, m.end())
        heading_end = stop.start() if stop else len(text)
        sections.append(Section(level, label, "/".join(s[1] for s in stack),
                                text[m.end():heading_end].strip(), start, len(text), heading_end))
    # close each section at the next heading of the same or a higher tier
    closed = []
    for i, sec in enumerate(sections):
        end = len(text)
        for j in range(i + 1, len(sections)):
            if sections[j].level <= sec.level:
                end = sections[j].start
                break
        closed.append(Section(sec.level, sec.label, sec.path, sec.title, sec.start, end, sec.heading_end))
    return closed


def section_at(sections: list[Section], offset: int) -> Section | None:
    """The innermost section containing ``offset``, or None before the first heading.

    ``sections`` must be sorted by start (as :func:`find_sections` returns them):
    the latest-starting section that contains ``offset`` is the innermost.
    """
    k = bisect.bisect_right(sections, offset, key=attrgetter("start")) - 1
    while k >= 0:
        if sections[k].start <= offset < sections[k].end:
            return sections[k]
        k -= 1
    return None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences (。！？； or line breaks end one).

    Returns
    -------
    list of (start, end)
        Ranges with surrounding whitespace trimmed, covering every non-blank
        stretch of the text in order.
    """
    spans = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if m.group().strip() else m.start()
        _append_trimmed(text, pos, end, spans)
        pos = m.end()
    _append_trimmed(text, pos, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sections_table(text: str) -> list[dict]:
    """The headings of ``text`` as rows (path, level, title, start, end, characters).

    A convenience for notebooks and the CLI; see :func:`find_sections`.
    """
    return [
        {"path": s.path, "level": s.level, "title": s.title, "start": s.start, "end": s.end,
         "characters": s.end - s.start}
        for s in find_sections(text)
    ]
