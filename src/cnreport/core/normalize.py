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
- Digits of other scripts become ASCII digits (Arabic-Indic ``١٢٫٥`` -> ``12.5``, Devanagari
  ``१२``, every Unicode decimal digit), one character for one character.
- Invisible format characters are dropped: zero-width space, non-joiner and joiner,
  word joiner, byte-order mark (mid-text), soft hyphen, and the directional marks,
  embeddings, overrides and isolates (``总值7\u200b11.1亿元`` reads 711.1亿元, not 11.1亿元).
  A span over them maps back to the original with them inside, so ``source[start:end]``
  still holds; bidirectional overrides are read in the stored (logical) order.
- Whitespace, including line breaks, inside a number or between a number and its
  unit (``3 个``, ``1218 亿元``, ``711.\\n1``, ``0.2 %``) is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# a bracket after a Chinese character; the bracket comes first so that the regex engine can scan for it
_GLOSS_RE = re.compile(r"\((?<=[\u3400-\u9fff]\()[a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]{1,7}\)")
_FW_PUNCT = {"\u3000": " ", "\u00a0": " ", "，": ",", "；": ";", "：": ":", "（": "(", "）": ")",
             "％": "%", "．": ".", "～": "~", "－": "-", "—": "-", "–": "-", "−": "-", "〜": "~"}


@dataclass(frozen=True)
class Normalized:
    """Matching text plus its map back to the original.

    Attributes
    ----------
    text : str
        The normalised text.
    origin : tuple or range of int
        ``origin[i]`` is the index in the original text of ``text[i]``; it has one
        extra entry, the original length, so that ``origin[len(text)]`` is valid.
        A ``range`` when nothing was dropped (``origin[i] == i``).
    """

    text: str
    origin: tuple[int, ...] | range

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


_FOLD = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_FOLD.update(_FW_PUNCT)
# every other script's decimal digits (Arabic-Indic, Devanagari, Thai...) and the Arabic
# decimal and thousands separators; unicodedata.decimal is the digit's value
# (found by one regex scan over the code points: `\d` is exactly Unicode category Nd)
_FOLD.update({ch: str(unicodedata.decimal(ch)) for ch in re.findall(r"\d", "".join(map(chr, range(0x80, 0x20000))))
              if ch not in _FOLD})
_FOLD.update({"٫": ".", "٬": ","})
# zero-width and directional format characters, soft hyphen, word joiner, BOM
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+")
# one class per plane: a class that also holds astral characters is scanned ten times slower
_FOLDABLE = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_FOLD) if ch <= "\uffff") + "]")
_FOLDABLE_ASTRAL = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_FOLD) if ch > "\uffff") + "]")


def _fold_width(text: str) -> str:
    """Full-width digits, letters and punctuation, and other scripts' digits, as ASCII,
    one character for one character.

    Every replacement is ASCII and every replaced character is not, so replacing
    one character at a time gives the same result as replacing all at once.
    """
    found = set(_FOLDABLE.findall(text))
    if text and max(text) > "\uffff":
        found.update(_FOLDABLE_ASTRAL.findall(text))
    for ch in found:
        text = text.replace(ch, _FOLD[ch])
    return text


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
    folded = _fold_width(to_simplified(text))   # one character for one character
    invisible = [m.span() for m in _INVISIBLE.finditer(folded)]
    if not invisible:
        return _normalize_visible(folded, unit_initials)
    # drop the invisible characters first, then normalise what is left exactly as if they had
    # never been there (glosses, whitespace inside numbers), and compose the two offset maps
    pieces, kept, start = [], [], 0
    for a, b in invisible:
        pieces.append(folded[start:a])
        kept.extend(range(start, a))
        start = b
    pieces.append(folded[start:])
    kept.extend(range(start, len(folded)))
    kept.append(len(text))
    inner = _normalize_visible("".join(pieces), unit_initials)
    return Normalized(inner.text, tuple(kept[k] for k in inner.origin))


def _normalize_visible(folded: str, unit_initials: str) -> Normalized:
    """Drop pinyin glosses and whitespace inside numbers from ``folded`` (see :func:`normalize`)."""
    drops = [m.span() for m in _GLOSS_RE.finditer(folded)]    # dropped ranges (start, end), disjoint
    dropped: set[int] = set()                                  # and the indices in them
    for a, b in drops:
        dropped.update(range(a, b))
    _drop_inner_whitespace(folded, dropped, drops, unit_initials)
    if not drops:
        return Normalized(folded, range(len(folded) + 1))
    # keep the stretches between dropped ranges
    pieces, origin, start = [], [], 0
    for a, b in sorted(drops):
        pieces.append(folded[start:a])
        origin.extend(range(start, a))
        start = b
    pieces.append(folded[start:])
    origin.extend(range(start, len(folded)))
    origin.append(len(folded))
    return Normalized("".join(pieces), tuple(origin))


_NUMERIC = set("0123456789.")
_NUMBER_END = frozenset("0123456789.万亿千百")
_MAGNITUDES = set("万亿千百")


def _drop_inner_whitespace(chars: str, dropped: set[int], drops: list[tuple[int, int]], unit_initials: str) -> None:
    """Add to ``dropped`` the indices, and to ``drops`` the ranges, of whitespace between a
    number and its continuation."""
    follow = _follow(unit_initials)
    n = len(chars)
    for i, j in _whitespace_runs(chars):
        if i == 0 or chars[i - 1] not in _NUMBER_END or i in dropped:
            continue           # not after a digit, point or magnitude word
        run = chars[i:j]
        prev = _prev_kept(dropped, i)
        if (prev is not None and j < n and run.count("\n") <= 1 and len(run) <= 4
                and (chars[prev] in _NUMERIC or (chars[prev] in _MAGNITUDES and _is_digit_before(chars, dropped, prev)))
                and chars[j] in follow and not (chars[prev].isdigit() and chars[j].isdigit() and not _thousands(chars, j))):
            dropped.update(range(i, j))
            drops.append((i, j))


def _whitespace_runs(chars: str) -> list[tuple[int, int]]:
    """(start, end) of every maximal run of whitespace in ``chars``, in order.

    Found from the words of ``str.split()``, which splits at exactly these runs
    (faster than a regex scan of every character).
    """
    runs, pos = [], 0
    for word in chars.split():
        start = chars.find(word, pos)       # the word starts right after the run before it
        if start > pos:
            runs.append((pos, start))
        pos = start + len(word)
    if pos < len(chars):
        runs.append((pos, len(chars)))
    return runs


@lru_cache(maxsize=8)
def _follow(unit_initials: str) -> frozenset[str]:
    """Characters that continue a number after whitespace: digits, point, %, ‰, unit initials, magnitudes."""
    return frozenset(_NUMERIC | set("%‰") | set(unit_initials) | _MAGNITUDES)


def _prev_kept(dropped, i):
    k = i - 1
    while k >= 0 and k in dropped:
        k -= 1
    return k if k >= 0 else None


def _is_digit_before(chars, dropped, i):
    k = _prev_kept(dropped, i)
    return k is not None and chars[k].isdigit()


def _thousands(chars, j):
    """A space before exactly three digits is a thousands separator (450 933)."""
    digits = 0
    while j + digits < len(chars) and chars[j + digits].isdigit():
        digits += 1
    return digits == 3
