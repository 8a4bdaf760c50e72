"""Parsing numbers as Chinese reports write them.

Arabic numbers (``711.1``, ``1,234.5``), Chinese numerals (``两万``, ``三千``,
``三点五``, ``一点八万``, capital ``壹仟贰佰``; parsed with the cn2an library), mixed
forms (``2万5000``, ``3亿5千万``) and magnitude words (``万``, ``亿``, ``万亿``).
Values are :class:`decimal.Decimal` so that ``711.1 × 1e8`` is exactly
``71110000000``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

CN_DIGITS = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
CN_NUMERAL_CHARS = CN_DIGITS + "十百千万亿点拾佰仟"
ARABIC_RE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Arabic digits with magnitude characters between them: 2万5000, 1万2千, 3亿5千万, 3亿5000万. The part
# after the magnitude must fill it (four digits after 万, or one digit and 千), so 1万2 is not one.
MIXED_RE = r"\d{1,4}亿(?:\d{1,4}万|\d千万)|\d{1,4}万(?:\d{4}|\d千)"
_MIXED = re.compile(MIXED_RE)
_BIG_TAIL = re.compile(r"[十百千万亿]+$")
_ARABIC = re.compile(ARABIC_RE)
_ARABIC_WITH_MAGNITUDE = re.compile(rf"({ARABIC_RE})((?:万亿|亿|千万|百万|十万|万|千|百)?)")


MAX_DIGITS = 28    # decimal's default precision: a longer number would be rounded, or overflow


class NumberError(ValueError):
    """A string that is not a number in any form this module reads."""


class NumberTooLong(ValueError):
    """A number of more than ``MAX_DIGITS`` digits: refused, never rounded.

    Deliberately not a :class:`NumberError` (which means "not a number here, read on"):
    the caller must stop and say so, because any value it reported would be wrong.
    """


def parse_arabic(text: str) -> Decimal:
    """Parse an Arabic number with optional thousands separators.

    A number of more than ``MAX_DIGITS`` digits (leading zeros aside) is refused
    rather than rounded: no report states a quantity to 29 digits.

    Raises
    ------
    NumberError
        ``text`` is not an Arabic number.
    NumberTooLong
        More than ``MAX_DIGITS`` digits.

    >>> parse_arabic("1,234.5")
    Decimal('1234.5')
    """
    if not _ARABIC.fullmatch(text):
        raise NumberError(f"not an Arabic number: {text!r}")
    digits = text.replace(",", "").lstrip("0.")
    if len(digits) - digits.count(".") > MAX_DIGITS:
        raise NumberTooLong(f"a number of {len(digits) - digits.count('.')} digits ({text[:12]}...) is "
                            f"longer than the {MAX_DIGITS} digits read exactly; refused rather than rounded")
    return Decimal(text.replace(",", ""))


@lru_cache(maxsize=1)
def _cn2an():
    import cn2an

    return cn2an.cn2an


def parse_chinese(text: str) -> Decimal:
    """Parse a Chinese numeral (``两万`` -> 20000, ``三点五`` -> 3.5, ``百`` -> 100).

    Uses cn2an; a leading 十/百/千/万/亿 without a digit reads as one of it. A
    magnitude after the decimal part multiplies the whole (``一点八万`` -> 18000).

    Raises
    ------
    NumberError
        ``text`` is not a Chinese numeral.
    """
    if not text or any(ch not in CN_NUMERAL_CHARS for ch in text):
        raise NumberError(f"not a Chinese numeral: {text!r}")
    if "点" in text and (tail := _BIG_TAIL.search(text)) and tail.start() > text.index("点"):
        return parse_chinese(text[:tail.start()]) * magnitude_factor(tail.group())
    src = "一" + text if text[0] in "十百千万亿" and text[0] != "十" else text
    try:
        value = _cn2an()(src, "normal")
    except (ValueError, KeyError, IndexError):
        raise NumberError(f"not a Chinese numeral: {text!r}") from None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise NumberError(f"not a Chinese numeral: {text!r}") from None


def parse_number(text: str) -> Decimal:
    """Parse an Arabic number, a Chinese numeral, or a mix such as ``1.2万``.

    A trailing magnitude word multiplies: ``1.2万`` -> 12000, ``3.5亿`` -> 350000000.
    """
    text = text.strip()
    m = _ARABIC_WITH_MAGNITUDE.fullmatch(text)
    if m:
        return parse_arabic(m.group(1)) * magnitude_factor(m.group(2))
    if _MIXED.fullmatch(text):
        return Decimal(str(_cn2an()(text, "smart")))
    return parse_chinese(text)


_MAGNITUDE = {"": 1, "十": 10, "百": 100, "千": 1000, "万": 10**4, "十万": 10**5, "百万": 10**6,
              "千万": 10**7, "亿": 10**8, "十亿": 10**9, "百亿": 10**10, "千亿": 10**11, "万亿": 10**12}


def magnitude_factor(word: str) -> int:
    """The multiplier of a magnitude word: ``万`` -> 10**4, ``亿`` -> 10**8, ``""`` -> 1.

    Raises
    ------
    NumberError
        Unknown magnitude word.
    """
    try:
        return _MAGNITUDE[word]
    except KeyError:
        raise NumberError(f"not a magnitude word: {word!r}") from None


def to_plain(value: Decimal) -> int | float:
    """A Decimal as an int when integral, else a float (for tables)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def format_decimal(value: Decimal) -> str:
    """Plain decimal text without exponent or trailing zeros: 7.111E+10 -> '71110000000'.

    The same text as ``str(int(value))`` for an integer and ``format(value.normalize(), "f")``
    otherwise, found faster: from ``str(value)``, which is fixed-point unless the exponent
    is positive or the value tiny.
    """
    text = str(value)
    if "E" in text or not text[-1:].isdigit():     # exponent notation, or NaN or an infinity
        if not value.is_finite():
            if value == value.to_integral_value():     # an infinity: int() raises, as it always did
                return str(int(value))
            return format(value.normalize(), "f")
        text = format(value, "f")
    # fixed-point text: no trailing zeros after the point, no point without decimals, no "-0"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
