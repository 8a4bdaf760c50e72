"""Find the quantities of a normalised text: number, range, magnitude and unit.

:func:`find_candidates` returns every quantity (:class:`~cnreport.extract.model.Cand`)
with its value, unit and base unit, not yet classified: numbers with a unit word
(711.1亿元, 3.2%, 百分之五十), bare magnitude words (超亿元), structure ratios
(4.6:51.6:43.8) and table cells under a unit declaration (单位:亿元).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from cnreport.core import lexicon, numerals
from cnreport.extract import patterns as P
from cnreport.extract.exclusions import threshold_reason
from cnreport.extract.model import Cand, Context, Spans


@lru_cache(maxsize=4096)
def parse(token: str) -> Decimal | None:
    """The value of a number token, or None; cached, as the same numbers recur (Chinese ones parse slowly)."""
    try:
        return numerals.parse_number(token)
    except numerals.NumberError:
        return None


def find_candidates(s: str, protected: Spans, ctx: Context) -> list[Cand]:
    """Every quantity of the normalised text ``s`` outside the ``protected`` spans, sorted by start.

    Rule: numbers with a unit first (:func:`_quantities`), then magnitude words with
    no digits (超亿元), ratios and table cells where no quantity is; then each is
    tested for being a threshold (:func:`~cnreport.extract.exclusions.threshold_reason`).
    """
    out = _quantities(s, protected, P.compiled())
    taken = Spans((c.start, c.end) for c in out)
    bare = _bare_magnitudes(s, protected, taken)
    for c in bare:
        taken.add(c.start, c.end)
    out += bare
    out += _ratios(s, protected, taken, ctx) + _table_cells(s, protected, taken)
    out.sort(key=lambda c: c.start)
    for c in out:
        c.threshold = threshold_reason(s, c, ctx)
    return out


def _quantities(s: str, protected: Spans, pat: dict) -> list[Cand]:
    """The matches of the quantity pattern that state an amount (see :func:`_read`).

    Rule: a bare number before 、/和/与/及 shares the unit of the next number with a
    unit: "分别增长2.3、5.7和6.1个百分点" gives three quantities in pp.

    The quantity pattern can only start at a digit or a Chinese numeral character, and
    the regex engine has no fast scan for a pattern that opens with an optional group
    (百分之): so jump to the next such character and try the pattern there (as search would).
    """
    out: list[Cand] = []
    pending: list[tuple[int, int, Decimal]] = []   # numbers waiting for a shared unit
    quantity_start, quantity, cue = pat["quantity_start"], pat["quantity"], pat["cue"]
    pos = 0
    while (c := quantity_start.search(s, pos)) is not None:
        m = quantity.match(s, c.start())
        if m is None:
            pos = c.start() + 1
            continue
        pos, cand = _read(s, m, protected, pending, cue)
        if cand is not None:
            out += [Cand(a, b, v, None, cand.unit, cand.unit_base, cand.factor) for a, b, v in pending]
            pending.clear()
            out.append(cand)
    return out


def _read(s: str, m: re.Match, protected: Spans, pending: list, cue: dict) -> tuple[int, Cand | None]:
    """(where to search next, the quantity or None) for one match of the quantity pattern.

    Rules: a Chinese numeral must state an amount (:func:`_cn_quantity_ok`); a match
    over a protected span (date, name) is retried after it; an Arabic range with no
    unit (1-6) is not a quantity; a bare number waits in ``pending`` for a shared
    unit. "2.3万余人" gives 23000 persons, more_than; "3-5亿元" a range.
    """
    ms, me = m.span()
    pct, n1, rsep, n2, approx, mag, unit_word = m.group("pct", "n1", "rsep", "n2", "approx", "mag", "unit")
    unit_word, mag = unit_word or "", mag or ""
    if pct:
        unit_word, mag = "%", ""
    is_cn = not n1[0].isdigit()
    if is_cn:
        # not an amount, or a protected span (date, name...) inside: try again from the next character
        if not _cn_quantity_ok(s, m, n1, unit_word, mag) or protected.overlaps(ms, me):
            return ms + 1, None
    elif protected.overlaps(ms, me):
        # a protected span (date, name...) may sit inside a greedy match: retry after it
        if pct:
            return ms + 1, None
        if protected.overlaps(m.start("n1"), m.end("n1")):
            pending.clear()
            return me, None
    if n2 and rsep in "-~" and not unit_word and not mag:
        pending.clear()
        return me, None
    v1 = parse(n1)
    if v1 is None:
        return ms + 1, None
    if not unit_word:
        if is_cn:
            return ms + 1, None
        # a bare number: it may share the unit of a later number (2.3和5.7个百分点)
        if s[me:me + 1] in ("、", "和", "与", "及") and mag == "":
            pending.append((ms, me, v1))
        else:
            pending.clear()
        return me, None
    v2 = parse(n2) if n2 else None
    unit_base, factor = unit_factor(mag, unit_word)
    cand = Cand(ms, me, v1, v2, mag + unit_word, unit_base, factor)
    if v2 is not None:
        cand.qualifier = "range"
    if approx:
        cand.qualifier = "more_than"
    return me, cand


def unit_factor(mag: str, unit_word: str) -> tuple[str, Decimal]:
    """(base unit, factor to it) of a unit word after a magnitude word (万 + 吨 -> tonne, 10000)."""
    return _unit_factor(mag, unit_word, lexicon.folder())


@lru_cache(maxsize=256)
def _unit_factor(mag: str, unit_word: str, folder: str) -> tuple[str, Decimal]:
    u = lexicon.units()[unit_word]
    return u.unit_base, Decimal(lexicon.magnitudes().get(mag, 1)) * u.factor


def _cn_quantity_ok(s: str, m: re.Match, n1: str, unit_word: str, mag: str) -> bool:
    """Chinese numerals are quantities only when they clearly state an amount.

    A unit must follow, the numeral must hold a digit character and be worth at
    least 10 (两万人, 三千家, 十三个), or be written 百分之N. Single digits with a
    measure word (三家, 六个方面) are deliberately left out: in these reports they
    are far more often descriptors and slogans than indicators.
    """
    if m.group("pct"):
        return True
    if not unit_word or m.group("n2"):
        return False
    if m.start() > 0 and s[m.start() - 1] in "第前首" + P.CN_DIGIT_CHARS + "十百千万亿":
        return False
    if _inside_quotes(s, m.start()):
        return False
    if not any(ch in P.CN_DIGIT_CHARS for ch in n1):
        return False
    value = parse(n1 + mag) or Decimal(0)
    return value >= 10


def _inside_quotes(s: str, i: int) -> bool:
    """Whether an opening quotation mark, not yet closed, stands at most 12 characters before ``i``."""
    near = max(0, i - 12)
    left = max(s.rfind("“", near, i), s.rfind("「", near, i))
    right = max(s.rfind("”", near, i), s.rfind("」", near, i))
    return left > right and i - left <= 12


def _bare_magnitudes(s: str, protected: Spans, taken: Spans) -> list[Cand]:
    """超亿元, 突破千亿元: an amount written with a magnitude word and no digits (none inside ``taken``).

    Rule: 亿元 alone is one 亿 yuan, 千亿元 is ten 百亿 ... as the unit 亿元 with value
    10; a magnitude word right after a digit or numeral is part of that number.
    """
    units = lexicon.units()
    mags = lexicon.magnitudes()
    out = []
    for m in P.compiled()["bare"].finditer(s):
        if taken.overlaps(m.start(), m.end()) or protected.overlaps(m.start(), m.end()):
            continue
        if m.start() > 0 and (s[m.start() - 1].isdigit() or s[m.start() - 1] in P.CN_DIGIT_CHARS + "十百千万亿点."):
            continue
        mag = m.group("mag")
        u = units[m.group("unit")]
        unit = mag[-1] + m.group("unit") if len(mag) > 1 else mag + m.group("unit")
        value = Decimal(mags[mag]) / Decimal(mags[mag[-1]]) if len(mag) > 1 else Decimal(1)
        factor = Decimal(mags[mag[-1]]) * u.factor
        out.append(Cand(m.start(), m.end(), value, None, unit, u.unit_base, factor, forced_measure="bare"))
    return out


def _ratios(s: str, protected: Spans, taken: Spans, ctx: Context) -> list[Cand]:
    """Structure ratios: each part a share in percent (none inside ``taken``).

    Rule: numbers joined by colons after 结构/比例/之比/构成 in the same sentence are
    shares: "三次产业结构比例为4.6:51.6:43.8" gives 4.6, 51.6 and 43.8 (share_pct).
    """
    out = []
    for m in _ratio_matches(s):
        if protected.overlaps(m.start(), m.end()) or taken.overlaps(m.start(), m.end()):
            continue
        before = s[ctx.bounds.sentence(m.start())[0]:m.start()]
        if not P.compiled()["ratio_cue"].search(before):
            continue
        for part in P.DECIMAL.finditer(m.group()):
            a, b = m.start() + part.start(), m.start() + part.end()
            out.append(Cand(a, b, Decimal(part.group()), None, "", "percent", Decimal(1),
                            forced_measure="share_pct"))
    return out


def _table_cells(s: str, protected: Spans, taken: Spans) -> list[Cand]:
    """Numeric table cells under a unit declaration, as levels (none inside ``taken``).

    Rule: a line with ``|`` after "单位:亿元" holds amounts in that unit, and its
    first cell names the indicator: "| 地区生产总值 | 711.1 |" gives 711.1亿元.
    """
    unit_decl = list(P.UNIT_DECLARATION.finditer(s))
    units = lexicon.units()
    mags = lexicon.magnitudes()
    out = []
    for line in (_table_lines(s) if unit_decl else ()):
        decl = [d for d in unit_decl if d.start() < line.start()]
        if not decl:
            continue
        d = decl[-1]
        unit_word = d.group(2)
        while unit_word and unit_word not in units:
            unit_word = unit_word[:-1]
        if not unit_word:
            continue
        mag = d.group(1) or ""
        for cell in P.TABLE_CELL.finditer(line.group()):
            a, b = line.start() + cell.start(1), line.start() + cell.end(1)
            if protected.overlaps(a, b) or taken.overlaps(a, b):
                continue
            c = Cand(a, b, Decimal(cell.group(1)), None, mag + unit_word, units[unit_word].unit_base,
                     Decimal(mags.get(mag, 1)) * units[unit_word].factor, forced_measure="level")
            c.indicator = line.group().split("|")[0].strip().lstrip("#")
            out.append(c)
    return out


def _ratio_matches(s: str):
    """The matches of ``RATIO`` in ``s``, as ``finditer`` finds them, without scanning the whole text.

    A ratio's first colon stands between digits, and the ratio starts where the run
    of digits and points before that colon does: try the pattern there for each such
    colon that no earlier ratio holds.
    """
    pos = 0
    for colon in P.DIGIT_COLON_DIGIT.finditer(s):
        start = colon.start()
        if start < pos:
            continue
        while start > 0 and (s[start - 1].isdecimal() or s[start - 1] == "."):   # isdecimal: what \d matches
            start -= 1
        if start < pos:
            continue
        m = P.RATIO.match(s, start)
        if m:
            pos = m.end()
            yield m


def _table_lines(s: str):
    """The lines of ``s`` that hold a ``|``, as matches of ``LINE``, found from each ``|``.

    The same lines as ``re.finditer(r"[^\\n]*\\|[^\\n]*", s)``, without its scan from every
    character of a line that has no ``|`` (quadratic in the line's length).
    """
    i = s.find("|")
    while i >= 0:
        line = P.LINE.match(s, s.rfind("\n", 0, i) + 1)
        yield line
        i = s.find("|", line.end())
