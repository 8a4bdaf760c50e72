"""Convert an HTML page to plain report text, with the standard library only.

``cnreport extract`` refuses HTML page source (offsets into markup would be
meaningless to a reader). :func:`html_to_text` turns a saved page into the plain
text a reader sees; that text file is then the raw text that every extracted
offset refers to.

What it does:

- drops ``<script>``, ``<style>``, ``<noscript>``, ``<template>`` and comments;
- turns block elements (``p``, ``div``, ``br``, ``li``, ``tr``, ``h1``-``h6`` and the
  other block-level elements) into line breaks, and ends each table cell with a
  bar (``|``) so that a table row reads ``粮食 | 143972 |`` as in ``data/raw``;
- decodes character references (``&nbsp;``, ``&#20159;``); the no-break space
  becomes a plain space;
- collapses whitespace the way a browser does (line breaks in the markup are not
  line breaks on the page, except inside ``<pre>``; runs of spaces become one),
  strips spaces at the ends of lines, and collapses runs of blank lines into one.

Full-width spaces (``\\u3000``) used for paragraph indents are kept: they are text.

Unfinished markup is made harmless first, in one linear pass (:func:`_close_or_escape`).
The standard library's ``HTMLParser`` looks for the end of every ``<`` construct to the
end of the page, so a page of unclosed tags (``<a <a <a ...``) or unclosed comments
took quadratic time (60 KB in 34 s), and ``<![ foo`` stopped it with an
``AssertionError``. A ``<`` whose construct never ends is text (``&lt;``), as a
browser shows it, and ``<![...`` is a bogus comment, as in a browser. Why the standard
library and not inscriptis, html5lib or lxml: README, "Why each dependency is there".
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_DROP = frozenset({"script", "style", "noscript", "template"})
_BLOCK = frozenset({
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "dl", "dt",
    "figcaption", "figure", "footer", "form", "header", "hr", "html", "main", "nav", "ol", "pre",
    "section", "table", "tbody", "tfoot", "thead", "title", "ul",
})
_CELL = frozenset({"td", "th"})
_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_SPACES = re.compile(r"[ \t]{2,}")
_LINE_EDGE = re.compile(r"^[ \t]+|[ \t]+$", re.M)
_BLANK_LINES = re.compile(r"\n{3,}")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._drop = 0       # depth inside <script>, <style>...
        self._pre = 0        # depth inside <pre>

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _DROP:
            self._drop += 1
        elif tag == "pre":
            self._pre += 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        # <br/>, <img/>: no content and no end tag; never opens a dropped element
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            self._drop = max(0, self._drop - 1)
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in _CELL:
            self.parts.append(" | ")
        if tag in _BLOCK and tag != "br":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._drop:
            return
        data = data.replace("\xa0", " ")
        if not self._pre:
            data = _ASCII_SPACE.sub(" ", data)
        self.parts.append(data)


_MARKUP_OPEN = re.compile(r"<(?:!--|!\[|[A-Za-z/!?])")


def _close_or_escape(html: str) -> str:
    """``html`` with every ``<`` that opens a construct which never ends escaped as ``&lt;``.

    A comment ends at a later ``-->``, anything else at a later ``>``; ``<![`` (a CDATA or
    marked section, which HTML reads as a bogus comment up to the next ``>``) becomes
    ``<! [``, which the parser also reads as a bogus comment. Linear: the last ``>`` and
    ``-->`` are found once.
    """
    last_gt, last_comment_end = html.rfind(">"), html.rfind("-->")

    def fix(m: re.Match) -> str:
        opener, pos = m.group(), m.start()
        if opener == "<!--":
            return opener if last_comment_end >= pos + 4 else "&lt;!--"
        if last_gt < pos:
            return "&lt;" + opener[1:]
        return "<! [" if opener == "<![" else opener

    return _MARKUP_OPEN.sub(fix, html)


def html_to_text(html: str) -> str:
    """The text a reader sees on an HTML page, one block per line.

    Parameters
    ----------
    html : str
        The decoded page source.

    Returns
    -------
    str
        Plain text with ``\\n`` line ends, at most one blank line in a row, ending
        in a single ``\\n`` (or ``""`` if the page holds no text).
    """
    parser = _TextParser()
    parser.feed(_close_or_escape(html))
    parser.close()
    text = "".join(parser.parts).replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_EDGE.sub("", _SPACES.sub(" ", text))
    text = _BLANK_LINES.sub("\n\n", text).strip("\n")
    return text + "\n" if text else ""
