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
# A heading at the start of a line (matched only there, see _line_starts), after spaces:
# a part (一、), a section ((一) or （一）) or an item (1. or 1、). The label's first
# character tells the three apart, so at most one of them matches.
_HEADING = re.compile(r"[ \t\u3000\u00a0]*(?:"
                      rf"(?P<part>[{_CN_DIGITS}]{{1,3}})、"
                      rf"|[(（](?P<section>[{_CN_DIGITS}]{{1,3}})[)）]"
                      r"|(?P<item>\d{1,2})[.、．](?![\d]))")
_LEVELS = {"part": 1, "section": 2, "item": 3}
_TITLE_END = re.compile(r"[。！？\r\n]")
# A run of sentence-final marks with an optional closing quote or bracket, or a run of line
# breaks: [。！？!?；;]+[”’」』)）]?|\n+, written to open with one character class so that
# the regex engine can jump from one such character to the next.
_SENTENCE_END = re.compile(r"[。！？!?；;\n](?:(?<=\n)\n*|(?<!\n)[。！？!?；;]*[”’」』)）]?)")


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
    heads = []      # (level, label, path, title, start, heading_end), in order
    stack: list[tuple[int, str]] = []
    for line_start in _line_starts(text):
        m = _HEADING.match(text, line_start)
        if not m:
            continue
        tier = m.lastgroup
        level = _LEVELS[tier]
        if level == 3 and not stack:
            continue
        label = m.group(tier)
        label = f"({label})" if level == 2 else label
        stack = [s for s in stack if s[0] < level] + [(level, label)]
        stop = _TITLE_END.search(text, m.end())
        heading_end = stop.start() if stop else len(text)
        start = m.start(tier) - (1 if level == 2 else 0)       # a section starts at its bracket
        heads.append((level, label, "/".join(s[1] for s in stack), text[m.end():heading_end].strip(),
                      start, heading_end))
    # close each section at the next heading of the same or a higher tier: the headings
    # still open form a stack of rising tiers, and a new heading closes those of its tier or lower
    ends = [len(text)] * len(heads)
    open_heads: list[int] = []
    for i, head in enumerate(heads):
        while open_heads and heads[open_heads[-1]][0] >= head[0]:
            ends[open_heads.pop()] = head[4]
        open_heads.append(i)
    return [Section(level, label, path, title, start, end, heading_end)
            for (level, label, path, title, start, heading_end), end in zip(heads, ends, strict=False)]


def _line_starts(text: str) -> list[int]:
    """0 and every offset just after a line break, ``\\n`` or ``\\r`` (old Mac line ends), in order."""
    starts = [0]
    for brk in ("\n", "\r") if "\r" in text else ("\n",):
        i = text.find(brk)
        while i >= 0:
            starts.append(i + 1)
            i = text.find(brk, i + 1)
    if "\r" in text:
        starts.sort()
    return starts


def section_at(sections: list[Section], offset: int, starts: list[int] | None = None) -> Section | None:
    """The innermost section containing ``offset``, or None before the first heading.

    ``sections`` must be sorted by start (as :func:`find_sections` returns them):
    the latest-starting section that contains ``offset`` is the innermost.
    ``starts``, the sections' starts, saves looking them up when there are many offsets.
    """
    if starts is None:
        k = bisect.bisect_right(sections, offset, key=attrgetter("start")) - 1
    else:
        k = bisect.bisect_right(starts, offset) - 1
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
        a, b = m.span()
        _append_trimmed(text, pos, a if text[a] == "\n" else b, spans)   # line breaks stay outside
        pos = b
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
