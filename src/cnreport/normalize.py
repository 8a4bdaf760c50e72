"""Normalise report text for matching while keeping every offset.

:func:`normalize` returns the matching text and a map from each of its
characters back to the decoded original, so a span found in the normalised text
is reported with offsets into the original (``source[start:end] == text``).

What changes (for matching only; the original is never altered):

- Traditional characters become Simplified with OpenCC (``t2s``), character for
  character, so lengths do not change.
- Full-width digits, letters and punctuation become ASCII (``１２．５％`` -> ``12.5%``;
  ``，`` -> ``,``); the ideographic space becomes a space.
- Pinyin glosses inserted after characters by mirror sites (``國(guó)``) are dropped.
- Whitespace, including line breaks, inside a number or between a number and its
  unit (``3 个``, ``1218 亿元``, ``711.\\n1``, ``0.2 %``) is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_GLOSS_RE = re.compile(r"(?<=[\u3400-\u9fff])\([a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]{1,7}\)")
_FW_PUNCT = {"\u3000": " ", "\u00a0": " ", "，": ",", "；": ";", "：": ":", "（": "(", "）": ")",
             "％": "%", "．": ".", "～": "~", "－": "-", "—": "-", "–": "-", "−": "-", "〜": "~"}


@dataclass(frozen=True)
class Normalized:
    """Matching text plus its map back to the original.

    Attributes
    ----------
    text : str
        The normalised text.
    origin : tuple of int
        ``origin[i]`` is the index in the original text of ``text[i]``; it has one
        extra entry, the original length, so that ``origin[len(text)]`` is valid.
    """

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span ``[start, end)`` to the original text (``end`` exclusive)."""
        if end <= start:
            o = self.origin[start]
            return o, o
        return self.origin[start], self.origin[end - 1] + 1


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional -> Simplified with OpenCC, guaranteed to keep the length.

    OpenCC's ``t2s`` maps character for character; should a phrase mapping ever
    change the length, the text is converted one character at a time instead.
    """
    if text.isascii():
        return text
    out = _converter().convert(text)
    if len(out) != len(text):
        conv = _converter().convert
        out = "".join(c if len(c := conv(ch)) == 1 else ch for ch in text)
    return out


_FOLD_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD_TABLE.update({ord(k): v for k, v in _FW_PUNCT.items()})


def normalize(text: str, unit_initials: str = "") -> Normalized:
    """Normalise ``text`` for matching.

    Parameters
    ----------
    text : str
        Decoded original text.
    unit_initials : str
        Characters that can start a unit or magnitude word; whitespace between a
        digit and one of these is dropped (``3 个``).

    Returns
    -------
    Normalized
        Matching text and the offset map back to ``text``.
    """
    folded = to_simplified(text).translate(_FOLD_TABLE)   # one character for one character
    chars = list(folded)
    keep = [True] * len(chars)
    for m in _GLOSS_RE.finditer(folded):
        keep[m.start():m.end()] = [False] * (m.end() - m.start())
    _drop_inner_whitespace(chars, keep, unit_initials)
    origin = [i for i, k in enumerate(keep) if k]
    out = "".join([chars[i] for i in origin]) if len(origin) < len(chars) else folded
    origin.append(len(text))
    return Normalized(out, tuple(origin))


_NUMERIC = set("0123456789.")
_SPACE_AFTER_NUMBER = re.compile(r"[0-9.万亿千百](\s+)")
_MAGNITUDES = set("万亿千百")


def _drop_inner_whitespace(chars: list[str], keep: list[bool], unit_initials: str) -> None:
    """Mark whitespace between a number and its continuation for removal."""
    follow = _NUMERIC | set("%‰") | set(unit_initials) | _MAGNITUDES
    n = len(chars)
    text = "".join(chars)
    for m in _SPACE_AFTER_NUMBER.finditer(text):
        i = m.start(1)
        if not keep[i]:
            continue
        j = i
        while j < n and chars[j].isspace():
            j += 1
        run = "".join(chars[i:j])
        prev = _prev_kept(chars, keep, i)
        if (prev is not None and j < n and run.count("\n") <= 1 and len(run) <= 4
                and (chars[prev] in _NUMERIC or (chars[prev] in _MAGNITUDES and _is_digit_before(chars, keep, prev)))
                and chars[j] in follow and not (chars[prev].isdigit() and chars[j].isdigit() and not _thousands(chars, j))):
            for k in range(i, j):
                keep[k] = False


def _prev_kept(chars, keep, i):
    k = i - 1
    while k >= 0 and not keep[k]:
        k -= 1
    return k if k >= 0 else None


def _is_digit_before(chars, keep, i):
    k = _prev_kept(chars, keep, i)
    return k is not None and chars[k].isdigit()


def _thousands(chars, j):
    """A space before exactly three digits is a thousands separator (450 933)."""
    digits = 0
    while j + digits < len(chars) and chars[j + digits].isdigit():
        digits += 1
    return digits == 3
