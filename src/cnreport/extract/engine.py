"""Find and classify every quantity in one report text.

:func:`extract_quantities` reads a decoded report and returns one row per
quantified statement (value, unit, base value, measure, sign, actual or target,
qualifier, period, indicator phrase, heading path, sentence) and one row per
other number-like span that is not an indicator (dates, periods, names,
thresholds, descriptors), with the reason. Every Arabic digit run of the text
ends in exactly one of the two lists; :func:`coverage` checks it.

Offsets are Python string indices into the decoded original text (``end``
exclusive), so ``text[start:end] == row["text"]`` for every row. Matching runs on
a normalised copy (Simplified script, ASCII digits, pinyin glosses and stray
spaces removed, see :mod:`cnreport.core.normalize`) whose spans are mapped back.

The rules are about the language of these reports, not about one text; the
word lists they use are in ``src/cnreport/core/lexicon/*.csv``.
"""

from __future__ import annotations

import bisect
import re
import string
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from cnreport.core import lexicon, normalize, numerals, structure
from cnreport.core.files import ReportMeta

COLUMNS = ("report_id", "start", "end", "text", "value", "value_high", "unit", "value_base",
           "unit_base", "measure", "status", "period", "qualifier", "indicator_zh", "section", "sentence")
EXCLUDED_COLUMNS = ("start", "end", "text", "reason", "note")
MEASURES = ("level", "growth_pct", "share_pct", "rate_pct", "pp_change", "abs_change")
STATUSES = ("actual", "target")
QUALIFIERS = ("exact", "more_than", "at_least", "at_most", "about", "range", "each")
REASONS = ("date", "period", "name", "threshold", "descriptor", "other")

_CLAUSE_END = ",;。:!?\n"
_SENTENCE_END = ";。!?\n"
_CN_DIGIT_CHARS = "一二两三四五六七八九"
_CJK = re.compile(r"[\u3400-\u9fff]")
_DIGIT = re.compile(r"\d")
# [0-9０-９]+, written to open with a character class (X+ as XX*): then the regex engine
# jumps from one such character to the next instead of trying every position.
_ANY_WIDTH_DIGITS = re.compile(r"[0-9\uff10-\uff19][0-9\uff10-\uff19]*")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_CLAUSE_END_RE = re.compile(f"[{_CLAUSE_END}]")
_QUOTED = re.compile(r"[“\"「『]([^”\"」』\n]{1,20})[”\"」』]")
_LEADING_NUMBER = re.compile(r"\s*(\d+)")


@dataclass
class Extraction:
    """The result of extracting one report.

    Attributes
    ----------
    rows : list of dict
        Quantities, keyed by :data:`COLUMNS`, sorted by ``start``.
    excluded : list of dict
        Other number-like spans, keyed by :data:`EXCLUDED_COLUMNS`, sorted by ``start``.
    assumptions : list of str
        What was assumed because metadata was missing.
    """

    rows: list[dict]
    excluded: list[dict]
    assumptions: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _patterns() -> dict:
    units = lexicon.units()
    unit_alt = lexicon.alternation(units)
    mag_alt = lexicon.alternation(lexicon.magnitudes())
    arabic = numerals.ARABIC_RE
    cn = rf"[{_CN_DIGIT_CHARS}十百千万亿零〇]+(?:点[零〇{_CN_DIGIT_CHARS}]+)?"
    num = rf"(?:{arabic})"
    quantity = re.compile(
        rf"(?P<pct>百分之)?(?P<n1>{num}|{cn})"
        rf"(?:(?P<rsep>-|~|至|到)(?P<n2>{num}|{cn}))?"
        rf"(?P<approx>多|余)?(?P<mag>{mag_alt})?(?P<unit>{unit_alt})?")
    bare = re.compile(rf"(?P<mag>{mag_alt})(?P<unit>美元|元|吨|亩)")
    cue = lexicon.cues()
    exclusions = _exclusion_patterns(cue)
    # What can follow the first character of a Chinese numeral in a match that states an amount:
    # more of the numeral, 点, a range separator, 多/余, a magnitude or unit word, 分 of 百分之.
    # A Chinese numeral character followed by anything else is the whole match, with no unit,
    # which the caller rejects (一般, 百姓): the search skips it.
    unit_initials = "".join(sorted({u[0] for u in units}))
    cn_next = re.escape(f"{_CN_DIGIT_CHARS}十百千万亿零〇点-~至到多余分{unit_initials}")
    return {
        "quantity": quantity,
        # a quantity starts with a digit or a Chinese numeral character (百 of 百分之 is one)
        "quantity_start": re.compile(rf"[\d{_CN_DIGIT_CHARS}十百千万亿零〇](?:(?<=\d)|(?=[{cn_next}]))"),
        "bare": bare,
        "unit_initials": unit_initials,
        "digits": re.compile(r"[0-9\uff10-\uff19]+"),
        "exclusions": exclusions,
        "exclusion_reach": _exclusion_reach(exclusions),
        "cue": cue,
        "endings": {kind: _Endings(words) for kind, words in cue.items()},
        # the longest negative or positive verb a phrase ends with (negative first when as long)
        "verbs": _Endings(tuple(sorted(cue["negative"] + cue["positive"], key=len, reverse=True))),
        "negative": frozenset(cue["negative"]),
        "indicator_lead_initials": frozenset(w[0] for w in cue["indicator_strip_lead"] if w),
        "indicator_tail": _Endings(cue["indicator_strip_tail"] + cue["qualifier_before_more_than"]
                                   + cue["qualifier_before_at_least"] + cue["qualifier_before_about"]
                                   + cue["qualifier_before_each"] + cue["comparison"] + ("可比",)),
        "bare_qualifier": (cue["qualifier_before_more_than"] + cue["qualifier_before_at_least"]
                           + cue["qualifier_before_about"] + ("达", "达到", "上")),
        "qualifier_after": (cue["qualifier_after_more_than"] + cue["qualifier_after_at_most"]
                            + cue["qualifier_after_about"]),
        # every qualifier_before_* word, for one test that none of them ends a phrase
        "qualifier_before": tuple(w for kind, _ in _QUALIFIERS_BEFORE for w in cue[kind]),
        # any target cue word (a search finds one exactly when ``any(w in text ...)`` would)
        "target_cue": re.compile(lexicon.alternation(cue["target_cue"])),
        "share_word": re.compile(lexicon.alternation(cue["share_word"][:5])),     # the first five
        "comparison": re.compile(lexicon.alternation(cue["comparison"])),
        # the units that have context overrides, for one test that a unit has none
        "override_units": tuple({unit_zh for unit_zh, _, _ in lexicon.unit_overrides()}),
    }


def _exclusion_patterns(cue: dict) -> list[tuple[str, re.Pattern, str, re.Pattern]]:
    """(reason, pattern, note, needs) for dates, periods, names and ranks, in order of precedence.

    ``needs`` finds the characters of which every match holds one, in the match or
    in a lookaround (月 for the month patterns, the letters for names like 5G): a
    text where it finds none has no match.

    A pattern that starts with ``\\d+`` starts only at the first digit of a run
    (``(?<!\\d)``): a match found from a later digit would also be found from the
    first one, and without the lookbehind a long digit run takes quadratic time.

    Every pattern needs a digit, and writes out each Chinese character it can match
    (年, 个月, 计划), never a range or class of them such as ``[\\u4e00-\\u9fff]``:
    :func:`_exclusion_reach` relies on this. And every pattern needs, in its match or a
    lookaround, a character that :data:`_PLAIN_STRETCH` does not allow (a separator such
    as ``-`` or ``:``, a Chinese character, a letter): :func:`_find_exclusions` relies on this.
    """
    name_suffix = lexicon.alternation(cue["name_suffix"])
    suffix_initials = "".join(sorted({w[0] for w in cue["name_suffix"]}))
    d = r"\d"
    table = [
        ("date", rf"{d}{{4}}-{d}{{1,2}}-{d}{{1,2}}(?:\s*{d}{{1,2}}:{d}{{2}}(?::{d}{{2}})?)?", "date", "-"),
        ("date", rf"{d}{{4}}/{d}{{1,2}}/{d}{{1,2}}", "date", "/"),
        ("date", rf"(?:{d}{{4}}年)?{d}{{1,2}}月{d}{{1,2}}[日号]", "date", "月"),
        ("date", rf"(?:{d}{{4}}年)?{d}{{1,2}}月(?:份)?(?:底|末|初|上旬|中旬|下旬)", "date", "月"),
        ("period", rf"(?:{d}{{4}}年)?{d}{{1,2}}\s*[-~至到]\s*{d}{{1,2}}月(?:份)?", "months", "月"),
        ("period", rf"{d}{{4}}\s*[-~至到]\s*{d}{{4}}年?", "years", "-~至到"),
        ("period", rf"{d}{{4}}年(?:度)?(?:{d}{{1,2}}月(?:份)?)?", "year", "年"),
        ("period", rf"(?<![\d.]){d}{{1,2}}月(?:份)?", "month", "月"),
        ("period", rf"(?<!\d){d}+个月", "duration in months", "月"),
        ("period", rf"{d}{{4}}(?=[)）]?(?:不变价|可比价))", "price base year", "价"),
        ("date", rf"(?<![\d.]){d}{{1,2}}:{d}{{2}}(?![\d.])", "clock time", ":"),
        ("name", r"[A-Za-z]+\d+(?:\.\d+)?[A-Za-z]*|(?<!\d)\d+(?:\.\d+)?[A-Za-z]+\d*", "name with letters and digits",
         string.ascii_letters),
        ("name", rf"(?<!\d)\d+(?:{name_suffix})", "programme or road name", suffix_initials),
        ("other", r"第\d+", "ordinal or rank", "第"),
        ("other", r"(?:前|后)\d+(?:名|位|强)", "rank", "前后"),
        ("other", r"(?<!\d)\d+(?:个)?位次?", "rank or change in rank", "位"),
        ("other", r"(?<!\d)\d+强", "ranking list name", "强"),
        ("other", r"\[\d+\]", "footnote marker", "["),
        ("other", r"(?<=表)\d+", "table number", "表"),
        ("other", r"(?<!\d)\d+周年", "anniversary", "周"),
    ]
    return [(reason, re.compile(rx), note, re.compile(f"[{re.escape(needs)}]")) for reason, rx, note, needs in table]


def _exclusion_reach(exclusions) -> tuple[re.Pattern, str, frozenset[str]]:
    """The characters the exclusion patterns can read: a regex for a run of them, a separator, the ideographs written.

    The patterns match a Chinese character only where they write it out, so every
    other ideograph stops a match or a lookaround exactly as the end of the text
    does. The regex matches a (possibly empty) run of all other characters; the
    separator is an ideograph that no pattern writes out.
    """
    written = {ch for _, rx, _, _ in exclusions for ch in rx.pattern if _CJK.match(ch)}
    ranges, low = [], 0x3400          # the ideographs of _CJK that no pattern writes out
    for ch in sorted(written):
        if ord(ch) > low:
            ranges.append(f"{chr(low)}-{chr(ord(ch) - 1)}")
        low = ord(ch) + 1
    ranges.append(f"{chr(low)}-\u9fff")
    separator = next(chr(c) for c in range(0x4E00, 0x9FFF) if chr(c) not in written)
    return re.compile(f"[^{''.join(ranges)}]*"), separator, frozenset(written)


# --------------------------------------------------------------------------- public API


def extract_quantities(text: str, meta: ReportMeta | None = None) -> Extraction:
    """Extract every quantity of a report, and account for every other number.

    Parameters
    ----------
    text : str
        The decoded report text (see :func:`cnreport.core.files.read_report`).
    meta : ReportMeta, optional
        The report's metadata. It gives ``report_id``, the genre and the periods
        of actuals and targets. Without it the extractor assumes a report of
        unknown genre, leaves ``period`` empty and says so in ``assumptions``.

    Returns
    -------
    Extraction
        Quantity rows (:data:`COLUMNS`), excluded rows (:data:`EXCLUDED_COLUMNS`)
        and assumptions. Offsets index ``text``; ``end`` is exclusive.
    """
    pat = _patterns()
    assumptions = []
    if meta is None:
        assumptions.append("no metadata: genre unknown and period left empty; "
                           "status (actual or target) from headings and wording only")
    norm = normalize.normalize(text, pat["unit_initials"])
    s = norm.text
    ctx = _Context(text, norm, meta, structure.find_sections(text), structure.sentence_spans(text), _Bounds(s))
    protected, protected_spans = _find_exclusions(s, ctx)
    candidates = _find_candidates(s, protected_spans, ctx)
    rows, excluded = [], list(protected)
    for cand in candidates:
        if cand.threshold:
            excluded.append(_ex(cand.start, cand.end, "threshold", cand.threshold))
        else:
            rows.append(cand)
    rows = _classify(rows, s, ctx)
    out_rows = _to_rows(rows, ctx)
    out_ex = [_ex_row(e, ctx) for e in excluded]
    out_ex += _leftover_digits(text, out_rows, out_ex)
    out_rows.sort(key=lambda r: (r["start"], r["end"]))
    out_ex.sort(key=lambda r: (r["start"], r["end"]))
    return Extraction(out_rows, out_ex, assumptions)


def numeric_row(row: dict) -> dict:
    """A copy of ``row`` with ``value``, ``value_high`` and ``value_base`` as numbers (for JSON)."""
    out = dict(row)
    for key in ("value", "value_high", "value_base"):
        if out.get(key) not in (None, ""):
            out[key] = numerals.to_plain(Decimal(out[key]))
    return out


def coverage(text: str, rows: list[dict], excluded: list[dict]) -> dict:
    """Check that every Arabic digit run lies inside exactly one row.

    Parameters
    ----------
    text : str
        The decoded original text.
    rows, excluded : list of dict
        Quantity and excluded rows with ``start`` and ``end``.

    Returns
    -------
    dict
        ``digit_runs`` (count), ``in_quantities``, ``in_excluded``, ``uncovered``
        (list of (start, text)) and ``multiple`` (runs inside more than one row).
    """
    spans = sorted([(r["start"], r["end"], "q") for r in rows] + [(r["start"], r["end"], "x") for r in excluded])
    starts = [sp[0] for sp in spans]
    result = {"digit_runs": 0, "in_quantities": 0, "in_excluded": 0, "uncovered": [], "multiple": []}
    for m in _ANY_WIDTH_DIGITS.finditer(text):
        a, b = m.span()
        result["digit_runs"] += 1
        i = bisect.bisect_right(starts, a)
        holders = [sp for sp in spans[max(0, i - 8):i] if sp[0] <= a and b <= sp[1]]
        if not holders:
            result["uncovered"].append((a, m.group()))
        elif len(holders) > 1:
            result["multiple"].append((a, m.group()))
        else:
            result["in_quantities" if holders[0][2] == "q" else "in_excluded"] += 1
    return result


# --------------------------------------------------------------------------- internals


class _Bounds:
    """Clause and sentence boundaries of the normalised text, found once and looked up by bisection.

    A clause ends at any of ``,;。:!?`` or a line break, a sentence at any of ``;。!?``
    or a line break.
    """

    def __init__(self, s: str):
        self.length = len(s)
        self.clause_ends = [m.start() for m in _CLAUSE_END_RE.finditer(s)]
        self.sentence_ends = [i for i in self.clause_ends if s[i] in _SENTENCE_END]   # a sentence end ends a clause too

    def clause_start(self, i: int) -> int:
        """Start of the clause holding offset ``i`` (just after the last clause end before ``i``)."""
        k = bisect.bisect_left(self.clause_ends, i)
        return self.clause_ends[k - 1] + 1 if k else 0

    def sentence_start(self, i: int) -> int:
        """Start of the sentence holding offset ``i`` (just after the last sentence end before ``i``)."""
        k = bisect.bisect_left(self.sentence_ends, i)
        return self.sentence_ends[k - 1] + 1 if k else 0

    def sentence(self, i: int) -> tuple[int, int]:
        """(start, end) of the sentence holding offset ``i``; ``end`` is the sentence end at or after ``i``."""
        k = bisect.bisect_left(self.sentence_ends, i)
        start = self.sentence_ends[k - 1] + 1 if k else 0
        end = self.sentence_ends[k] if k < len(self.sentence_ends) else self.length
        return start, end


@dataclass
class _Context:
    text: str
    norm: normalize.Normalized
    meta: ReportMeta | None
    sections: list
    sentences: list
    bounds: _Bounds

    sentence_starts: list[int] = field(init=False)

    def __post_init__(self):
        self.sentence_starts = [a for a, _ in self.sentences]


@dataclass(slots=True)
class _Cand:
    start: int            # normalised offsets
    end: int
    value: Decimal
    value_high: Decimal | None
    unit: str             # as written (Simplified), magnitude included
    unit_base: str
    factor: Decimal
    qualifier: str = "exact"
    threshold: str = ""
    measure: str = "level"
    sign: int = 1
    status: str = "actual"
    period: str = ""
    indicator: str = ""
    forced_measure: str = ""


class _Spans:
    """Disjoint, non-empty half-open intervals with O(log n) overlap queries."""

    def __init__(self, spans=()):
        pairs = sorted(spans)
        self.starts: list[int] = [a for a, _ in pairs]
        self.ends: list[int] = [b for _, b in pairs]

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.starts, b) - 1
        return i >= 0 and self.ends[i] > a

    def add(self, a: int, b: int) -> None:
        i = bisect.bisect_left(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)


def _ex(start: int, end: int, reason: str, note: str) -> dict:
    return {"nstart": start, "nend": end, "reason": reason, "note": note}


def _find_exclusions(s: str, ctx: _Context) -> tuple[list[dict], _Spans]:
    """Dates, periods, names, ordinals: spans no quantity may overlap (as rows and as :class:`_Spans`).

    Each pattern in turn claims its matches that overlap no earlier claim. The
    patterns run over the digit-holding stretches of characters they can read (see
    :func:`_exclusion_reach`) that are not plain numbers, one stretch at a time (a
    match cannot reach past a stretch, and its ends read like the ends of the text):
    this finds the same matches as a run over the whole text, on a small part of it.
    A pattern runs only on the stretches that hold a character it needs, found with
    one search of the stretches joined by a separator that no pattern reads.
    """
    pat = _patterns()
    reach, separator, written = pat["exclusion_reach"]
    stretches = _number_stretches(s, reach, written)
    joined = separator.join(s[a:b] for a, b in stretches)
    joined_starts = []               # where each stretch starts in ``joined``
    pos = 0
    for a, b in stretches:
        joined_starts.append(pos)
        pos += b - a + len(separator)
    spans = _Spans()
    out = []

    def free(a, b):
        return not spans.overlaps(a, b)

    for reason, rx, note, needs in pat["exclusions"]:
        pos = 0
        while (hit := needs.search(joined, pos)) is not None:
            k = bisect.bisect_right(joined_starts, hit.start()) - 1
            a, b = stretches[k]
            pos = joined_starts[k] + b - a          # the end of stretch k in ``joined``
            for m in rx.finditer(s, a, b):
                if m.end() > m.start() and _DIGIT.search(m.group()) and free(m.start(), m.end()):
                    spans.add(m.start(), m.end())
                    out.append(_ex(m.start(), m.end(), reason, note))
    # digits inside Chinese quotation marks name a programme or slogan ("333"行动, "510英才计划")
    for m in _QUOTED.finditer(s):
        inner = m.group(1)
        if _DIGIT.search(inner) and not any(q.group("unit") for q in pat["quantity"].finditer(inner)):
            for d in _DECIMAL.finditer(inner):
                a, b = m.start(1) + d.start(), m.start(1) + d.end()
                if free(a, b):
                    spans.add(a, b)
                    out.append(_ex(a, b, "name", "number inside quotation marks names a programme"))
    # numbers of item headings ("1." at a line start)
    for sec in ctx.sections:
        if sec.level == 3:
            m = _LEADING_NUMBER.match(s, _norm_index(ctx.norm, sec.start))
            if m and free(m.start(1), m.end(1)):
                spans.add(m.start(1), m.end(1))
                out.append(_ex(m.start(1), m.end(1), "other", "heading number"))
    return out, spans


# Digits, decimal points, percent signs, clause punctuation and whitespace: no exclusion pattern
# can match in a stretch made only of these (see _exclusion_patterns).
_PLAIN_STRETCH = re.compile(r"[\d.,%‰;。、\s]*")
_PLAIN_FROM_DIGIT = re.compile(r"\d[\d.,%‰;。、\s]*")     # a digit and the plain characters after it


def _number_stretches(s: str, reach: re.Pattern, written: frozenset[str]) -> list[tuple[int, int]]:
    """The maximal runs of characters matched by ``reach`` that hold a digit, as (start, end).

    Runs of plain numbers and punctuation (3.6%。, see :data:`_PLAIN_STRETCH`) are left
    out: no exclusion pattern can match there. Most are found at once: plain
    characters from a digit on, between two ideographs that ``reach`` does not match
    (not in ``written``) or the ends of the text.
    """
    def unreadable(ch: str) -> bool:          # "" for the ends of the text
        return not ch or ("\u3400" <= ch <= "\u9fff" and ch not in written)

    backwards = s[::-1]
    n = len(s)
    out: list[tuple[int, int]] = []
    end = 0            # end of the last run found
    for m in _PLAIN_FROM_DIGIT.finditer(s):
        a, b = m.span()
        if a < end:
            continue       # in the run of an earlier digit
        if unreadable(s[a - 1:a]) and unreadable(s[b:b + 1]):
            end = b
            continue       # a plain run of its own
        start, end = n - reach.match(backwards, n - a).end(), reach.match(s, a).end()
        if not _PLAIN_STRETCH.fullmatch(s, start, end):
            out.append((start, end))
    return out


def _norm_index(norm: normalize.Normalized, orig: int) -> int:
    return bisect.bisect_left(norm.origin, orig)


@lru_cache(maxsize=4096)
def _parse(token: str) -> Decimal | None:
    """The value of a number token, or None; cached, as the same numbers recur (Chinese ones parse slowly)."""
    try:
        return numerals.parse_number(token)
    except numerals.NumberError:
        return None


def _find_candidates(s: str, protected: _Spans, ctx: _Context) -> list[_Cand]:
    pat = _patterns()
    cue = pat["cue"]
    out: list[_Cand] = []
    pending: list[tuple[int, int, Decimal]] = []   # numbers waiting for a shared unit
    # The quantity pattern can only start at a digit or a Chinese numeral character, and
    # the regex engine has no fast scan for a pattern that opens with an optional group
    # (百分之): so jump to the next such character and try the pattern there (as search would).
    quantity_start, quantity = pat["quantity_start"], pat["quantity"]
    pos = 0
    while (c := quantity_start.search(s, pos)) is not None:
        m = quantity.match(s, c.start())
        if m is None:
            pos = c.start() + 1
            continue
        ms, me = m.span()
        pos = me
        pct, n1, rsep, n2, approx, mag, unit_word = m.group("pct", "n1", "rsep", "n2", "approx", "mag", "unit")
        unit_word, mag = unit_word or "", mag or ""
        if pct:
            unit_word, mag = "%", ""
        is_cn = not n1[0].isdigit()
        if is_cn:
            # not an amount, or a protected span (date, name...) inside: try again from the next character
            if not _cn_quantity_ok(s, m, n1, unit_word, mag, cue) or protected.overlaps(ms, me):
                pos = ms + 1
                continue
        elif protected.overlaps(ms, me):
            # a protected span (date, name...) may sit inside a greedy match: retry after it
            if pct:
                pos = ms + 1
                continue
            if protected.overlaps(m.start("n1"), m.end("n1")):
                pending = []
                continue
        if n2 and rsep in "-~" and not unit_word and not mag:
            pending = []
            continue
        v1 = _parse(n1)
        if v1 is None:
            pos = ms + 1
            continue
        if not unit_word:
            if is_cn:
                pos = ms + 1
                continue
            # a bare number: it may share the unit of a later number (2.3和5.7个百分点)
            nxt = s[me:me + 1]
            if nxt in ("、", "和", "与", "及") and mag == "":
                pending.append((ms, me, v1))
            else:
                pending = []
            continue
        v2 = _parse(n2) if n2 else None
        unit_base, factor = _unit_factor(mag, unit_word)
        cand = _Cand(ms, me, v1, v2, mag + unit_word, unit_base, factor)
        if v2 is not None:
            cand.qualifier = "range"
        if approx:
            cand.qualifier = "more_than"
        for a, b, v in pending:
            out.append(_Cand(a, b, v, None, mag + unit_word, unit_base, factor))
        pending = []
        out.append(cand)
    taken = _Spans((c.start, c.end) for c in out)
    bare = _bare_magnitudes(s, protected, taken)
    for c in bare:
        taken.add(c.start, c.end)
    out += bare
    out += _ratios_and_tables(s, protected, taken, ctx)
    out.sort(key=lambda c: c.start)
    for c in out:
        c.threshold = _threshold_reason(s, c, cue, ctx)
    return out


@lru_cache(maxsize=256)
def _unit_factor(mag: str, unit_word: str) -> tuple[str, Decimal]:
    """(base unit, factor to it) of a unit word after a magnitude word (万 + 吨 -> tonne, 10000)."""
    u = lexicon.units()[unit_word]
    return u.unit_base, Decimal(lexicon.magnitudes().get(mag, 1)) * u.factor


def _cn_quantity_ok(s: str, m: re.Match, n1: str, unit_word: str, mag: str, cue: dict) -> bool:
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
    if m.start() > 0 and s[m.start() - 1] in "第前首" + _CN_DIGIT_CHARS + "十百千万亿":
        return False
    if _inside_quotes(s, m.start()):
        return False
    if not any(ch in _CN_DIGIT_CHARS for ch in n1):
        return False
    value = _parse(n1 + mag) or Decimal(0)
    return value >= 10


def _inside_quotes(s: str, i: int) -> bool:
    """Whether an opening quotation mark, not yet closed, stands at most 12 characters before ``i``."""
    near = max(0, i - 12)
    left = max(s.rfind("“", near, i), s.rfind("「", near, i))
    right = max(s.rfind("”", near, i), s.rfind("」", near, i))
    return left > right and i - left <= 12


def _bare_magnitudes(s: str, protected: _Spans, taken: _Spans) -> list[_Cand]:
    """超亿元, 突破千亿元: an amount written with a magnitude word and no digits (none inside ``taken``)."""
    pat = _patterns()
    units = lexicon.units()
    mags = lexicon.magnitudes()
    out = []
    for m in pat["bare"].finditer(s):
        if taken.overlaps(m.start(), m.end()) or protected.overlaps(m.start(), m.end()):
            continue
        if m.start() > 0 and (s[m.start() - 1].isdigit() or s[m.start() - 1] in _CN_DIGIT_CHARS + "十百千万亿点."):
            continue
        mag = m.group("mag")
        u = units[m.group("unit")]
        unit = mag[-1] + m.group("unit") if len(mag) > 1 else mag + m.group("unit")
        value = Decimal(mags[mag]) / Decimal(mags[mag[-1]]) if len(mag) > 1 else Decimal(1)
        factor = Decimal(mags[mag[-1]]) * u.factor
        out.append(_Cand(m.start(), m.end(), value, None, unit, u.unit_base, factor, forced_measure="bare"))
    return out


def _ratios_and_tables(s: str, protected: _Spans, taken: _Spans, ctx: _Context) -> list[_Cand]:
    """Structure ratios (4.6:51.6:43.8) and numeric table cells with a declared unit (none inside ``taken``)."""
    out = []
    for m in _ratios(s):
        if protected.overlaps(m.start(), m.end()) or taken.overlaps(m.start(), m.end()):
            continue
        before = s[ctx.bounds.sentence(m.start())[0]:m.start()]
        if not _RATIO_CUE.search(before):
            continue
        for part in _DECIMAL.finditer(m.group()):
            a, b = m.start() + part.start(), m.start() + part.end()
            out.append(_Cand(a, b, Decimal(part.group()), None, "", "percent", Decimal(1),
                             forced_measure="share_pct"))
    unit_decl = list(_UNIT_DECLARATION.finditer(s))
    units = lexicon.units()
    mags = lexicon.magnitudes()
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
        for cell in _TABLE_CELL.finditer(line.group()):
            a, b = line.start() + cell.start(1), line.start() + cell.end(1)
            if protected.overlaps(a, b) or taken.overlaps(a, b):
                continue
            c = _Cand(a, b, Decimal(cell.group(1)), None, mag + unit_word, units[unit_word].unit_base,
                      Decimal(mags.get(mag, 1)) * units[unit_word].factor, forced_measure="level")
            c.indicator = line.group().split("|")[0].strip().lstrip("#")
            out.append(c)
    return out


_UNIT_DECLARATION = re.compile(r"单位\s*[:：]\s*(万亿|亿|千万|百万|万|千)?([\u4e00-\u9fff%]{1,4})")
_LINE = re.compile(r"[^\n]*")
_TABLE_CELL = re.compile(r"(?:(?<=\|)|^)\s*(-?\d+(?:\.\d+)?)\s*(?=\||$)")


def _ratios(s: str):
    """The matches of ``_RATIO`` in ``s``, as ``finditer`` finds them, without scanning the whole text.

    A ratio's first colon stands between digits, and the ratio starts where the run
    of digits and points before that colon does: try the pattern there for each such
    colon that no earlier ratio holds.
    """
    pos = 0
    for colon in _DIGIT_COLON_DIGIT.finditer(s):
        start = colon.start()
        if start < pos:
            continue
        while start > 0 and (s[start - 1].isdecimal() or s[start - 1] == "."):   # isdecimal: what \d matches
            start -= 1
        if start < pos:
            continue
        m = _RATIO.match(s, start)
        if m:
            pos = m.end()
            yield m


def _table_lines(s: str):
    """The lines of ``s`` that hold a ``|``, as matches of ``_LINE``, found from each ``|``.

    The same lines as ``re.finditer(r"[^\\n]*\\|[^\\n]*", s)``, without its scan from every
    character of a line that has no ``|`` (quadratic in the line's length).
    """
    i = s.find("|")
    while i >= 0:
        line = _LINE.match(s, s.rfind("\n", 0, i) + 1)
        yield line
        i = s.find("|", line.end())


def _threshold_reason(s: str, c: _Cand, cue: dict, ctx: _Context) -> str:
    """A quantity that defines a category (亿元以上项目) is a threshold, not an indicator."""
    if c.forced_measure in ("share_pct",) or c.unit_base in ("percent", "pp", "permille"):
        return ""
    rest = s[c.end:c.end + 30]
    # skip a chained second threshold: 亿元及千万美元以上项目, 10亿元及1亿美元以上
    chain = _CHAINED_THRESHOLD.match(rest)
    if chain and c.unit_base in ("CNY", "USD"):
        rest = rest[chain.end():]
    if (c.unit_base in ("CNY", "USD") and _BY_STANDARD.search(s, ctx.bounds.clause_start(c.start), c.start)
            and _STANDARD_AFTER.match(rest)):
        return "defines a standard (按…标准)"
    tail = _THRESHOLD_TAIL.match(rest)
    if tail:
        after = rest[tail.end():tail.end() + 1]
        if after and (_CJK.match(after) or after in "“\"") and after not in "的":
            return "defines a category (… 以上/以下/级 + noun)"
        if after == "的" and c.unit_base in ("CNY", "USD"):
            return "defines a category (… 以上的 + noun)"
        return ""
    if c.forced_measure == "bare":
        before = s[max(0, c.start - 2):c.start]
        if not before.endswith(_patterns()["bare_qualifier"]):
            return "magnitude word naming a class of projects or firms"
    return ""


_RATIO = re.compile(r"(?<![\d.:])\d+(?:\.\d+)?(?::\d+(?:\.\d+)?){1,4}(?![\d:])")
_DIGIT_COLON_DIGIT = re.compile(r":(?<=\d:)(?=\d)")    # opens with ":" for a fast scan
_RATIO_CUE = re.compile(r"结构|比例|之比|构成")
_CHAINED_THRESHOLD = re.compile(r"(?:及|或|和|、)(?:\d+(?:\.\d+)?)?(?:万亿|千亿|百亿|亿|千万|百万|万|千)?(?:元|美元)")
_BY_STANDARD = re.compile(r"按照|按")
_STANDARD_AFTER = re.compile(r"[^,;。]*(?:标准|口径)")
_THRESHOLD_TAIL = re.compile(r"(?:及以上|以上|以下|级)")


class _Endings:
    """A list of words, to ask which of them a text ends with (built once per list).

    The words are filed by their last character, so that :meth:`of` tests only
    those that end with the text's last character.
    """

    def __init__(self, words: tuple[str, ...]):
        if "" in words:                # every text ends with "": no later word can be the first
            words = words[:words.index("")]
        self.by_last_char: dict[str, list[str]] = {}
        for w in words:
            self.by_last_char.setdefault(w[-1], []).append(w)

    def of(self, text: str) -> str:
        """The first word (in the list's order) that ``text`` ends with, or ``""``."""
        for word in self.by_last_char.get(text[-1:], ()):
            if text.endswith(word):
                return word
        return ""


def _classify(cands: list[_Cand], s: str, ctx: _Context) -> list[_Cand]:
    cue = lexicon.cues()
    pat = _patterns()
    qualifier_before, qualifier_after = pat["qualifier_before"], pat["qualifier_after"]
    target_cue, override_units = pat["target_cue"], pat["override_units"]
    lead, lead_initials, tail = cue["indicator_strip_lead"], pat["indicator_lead_initials"], pat["indicator_tail"]
    clause_start, sentence_start = ctx.bounds.clause_start, ctx.bounds.sentence_start
    zones = _status_zones(s, ctx, cue)
    zone_starts = [start for start, _ in zones]
    meta = ctx.meta
    last_indicator_by_sentence: dict[int, str] = {}
    prev = None
    for c in cands:
        start = c.start
        cs = clause_start(start)
        # the phrase before this number starts after the previous quantity of the same clause
        left = cs
        if prev and prev.end > cs and prev.end <= start:
            left = prev.end
        prev = c
        pre = s[left:start]
        pre_q = pre.rstrip()
        if pre_q.endswith(qualifier_before):       # one test for the usual case: no qualifier
            pre_q, qual = _strip_qualifier_before(pre_q, cue)
            if c.qualifier == "exact":
                c.qualifier = qual
        if c.qualifier == "exact" and s.startswith(qualifier_after, c.end, c.end + 4):
            aq = _starts_with(s[c.end:c.end + 4], qualifier_after)
            if aq:
                c.qualifier = ("more_than" if aq in cue["qualifier_after_more_than"] else
                               "at_most" if aq in cue["qualifier_after_at_most"] else "about")
        core = pre_q.rstrip()
        if core.endswith("了"):
            core = core[:-1]
        sa = sentence_start(start)
        sentence_pre = s[sa:start]
        c.measure, c.sign = _measure_and_sign(c, core, s[cs:start], sentence_pre, pat)
        # status and period
        c.status = zones[bisect.bisect_right(zone_starts, start) - 1][1]
        if c.status == "actual" and target_cue.search(sentence_pre):
            c.status = "target"
        c.period = _period(c, meta, sentence_pre)
        # indicator phrase
        if not c.indicator:
            ind = _indicator_phrase(pre, lead, lead_initials, tail)
            if len(ind) < 2:
                ind = last_indicator_by_sentence.get(sa, "") or _phrase_after(s, c.end)
            c.indicator = ind
        last_indicator_by_sentence[sa] = c.indicator
        if c.unit.endswith(override_units):
            for unit_zh, rx, base in lexicon.unit_overrides():
                if c.unit.endswith(unit_zh) and (rx.search(c.indicator) or (
                        not rx.pattern.startswith("^") and rx.search(sentence_pre))):
                    c.unit_base = base
    return cands


def _starts_with(text: str, words: tuple[str, ...]) -> str:
    """The first of ``words`` (in their order) that ``text`` starts with, or ``""``."""
    if not text.startswith(words):    # one test for the usual case: none of them
        return ""
    for w in words:
        if text.startswith(w):
            return w
    return ""


_QUALIFIERS_BEFORE = (("qualifier_before_more_than", "more_than"), ("qualifier_before_at_least", "at_least"),
                      ("qualifier_before_at_most", "at_most"), ("qualifier_before_about", "about"),
                      ("qualifier_before_each", "each"))


def _strip_qualifier_before(p: str, cue: dict) -> tuple[str, str]:
    """``p`` (right-stripped) without the qualifier word it ends with, and the qualifier ("exact" if none)."""
    endings = _patterns()["endings"]
    for kind, qual in _QUALIFIERS_BEFORE:
        w = endings[kind].of(p)
        if w:
            # 近/约/超 only when they stand alone (not 最近, 接近 is its own cue)
            return p[: -len(w)], qual
    return p, "exact"


_DECLINE_WORD = re.compile(r"降幅|下降|下滑|减少|负增长")


def _measure_and_sign(c: _Cand, core: str, clause_pre: str, sentence_pre: str, pat: dict) -> tuple[str, int]:
    if c.forced_measure in ("share_pct", "level"):
        return c.forced_measure, 1
    endings = pat["endings"]
    verb = pat["verbs"].of(core)
    sign = -1 if verb in pat["negative"] else 1
    if verb == "收窄" and _DECLINE_WORD.search(sentence_pre[: -len(verb)]):
        sign = 1   # a narrowing decline: the growth rate rose
    if c.unit_base == "pp":
        return "pp_change", sign
    if c.unit_base in ("percent", "permille"):
        level_to = endings["level_to"].of(core)
        growth_word = endings["growth_word"].of(core)
        if growth_word in pat["cue"]["decline_rate"]:
            return "growth_pct", -1
        if level_to or not verb:
            if growth_word or _GROWTH_WORD.search(clause_pre) and not _SHARE_OR_RATE_WORD.search(clause_pre):
                return "growth_pct", -1 if ("降幅" in clause_pre and not level_to) else 1
            if pat["share_word"].search(clause_pre) or core.endswith("的"):
                return "share_pct", 1
            return "rate_pct", 1
        if _SHARE_WORD.search(clause_pre) and verb in ("提高", "提升", "上升", "下降", "降低"):
            return "pp_change", sign
        return "growth_pct", sign
    if verb in ("增加", "减少", "增长", "下降", "多", "少", "降低", "提高") and pat["comparison"].search(clause_pre):
        return "abs_change", sign
    return "level", 1


# A search finds one of these words exactly when ``any(w in text for w in words)`` would.
_GROWTH_WORD = re.compile("增长|增幅|增速|涨幅|降幅")
_SHARE_OR_RATE_WORD = re.compile("比重|占比|率")
_SHARE_WORD = re.compile("比重|占比")


_HEADING_LINE = re.compile(r"(?:^|\n)[ \t]*([^\n。,;]{2,24})(?=\n)")


def _heading_lines(s: str):
    """The matches of ``_HEADING_LINE`` in ``s``, as ``finditer`` finds them.

    A match starts at the start of the text or at a line break and stops before the
    next one, so the pattern is tried only there (the regex engine would try it at
    every character).
    """
    if s.startswith("\n"):
        starts = []              # the line break at 0 is tried below, where ^ is tried too
    else:
        starts = [0]
    i = s.find("\n")
    while i >= 0:
        starts.append(i)
        i = s.find("\n", i + 1)
    for i in starts:
        m = _HEADING_LINE.match(s, i)
        if m:
            yield m


def _status_zones(s: str, ctx: _Context, cue: dict) -> list[tuple[int, str]]:
    """(normalised offset, status) change points from part headings and heading lines."""
    genre = ctx.meta.genre if ctx.meta else ""
    zones = [(0, "actual")]
    marks = []
    for sec in ctx.sections:
        if sec.level != 1:
            continue
        title = normalize.to_simplified(sec.title)
        a = _norm_index(ctx.norm, sec.start)
        if any(w in title for w in cue["plan_heading"]) and not any(w in title for w in cue["actual_heading"]):
            marks.append((a, "target"))
        elif any(w in title for w in cue["actual_heading"]):
            marks.append((a, "actual"))
        elif genre in ("plan_report", "gov_work_report") and sec.label != "一":
            marks.append((a, "target"))
        else:
            marks.append((a, "actual"))
    # unnumbered heading lines (政府工作报告: "2019年工作回顾", "2020年工作安排")
    for m in _heading_lines(s):
        line = m.group(1)
        if any(w in line for w in cue["plan_heading"]) and not any(w in line for w in cue["actual_heading"]):
            marks.append((m.start(1), "target"))
        elif any(w in line for w in cue["actual_heading"]):
            marks.append((m.start(1), "actual"))
    return zones + sorted(marks)


def _period(c: _Cand, meta: ReportMeta | None, sentence_pre: str) -> str:
    if meta is None:
        return ""
    if c.status == "target":
        plan = meta.period_plan or ""
        if plan and "全年" in sentence_pre:
            return plan[:4]
        return plan
    period = meta.period_actual
    if period is None:      # a targets-only text reviews no past period: an actual has no known period
        return ""
    year = period[:4]
    if sentence_pre.endswith(":"):
        sentence_pre = _RATIO_BEFORE.sub("", sentence_pre)   # later parts of a ratio 4.6:51.6
    near = sentence_pre[-8:]
    if "年" in sentence_pre[-12:]:          # a match of either pattern below holds 年 there
        m = _LAST_YEAR_AT_END.search(near)
        if m and _FROM.search(sentence_pre[-12:]):
            return str(int(year) - 1)
        m = _FROM_YEAR_AT_END.search(sentence_pre[-12:])
        if m:
            return m.group(1)
    m = _MONTH_AT_END.search(near) if "月" in near else None
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{year}M{int(m.group(1)):02d}"
    q1 = _FIRST_QUARTER.search(sentence_pre) if "季度" in sentence_pre or "1-3月" in sentence_pre else None
    if q1 and not _VERSUS_FIRST_QUARTER.search(sentence_pre) and "上半年" not in sentence_pre[q1.end():]:
        return f"{year}Q1"
    return period


_RATIO_BEFORE = re.compile(r"[\d.]+(?::[\d.]+)*:$")
_LAST_YEAR_AT_END = re.compile(r"(?:上年|去年)(?:末)?(?:同期)?的?$")
_FROM = re.compile(r"由|从")
_FROM_YEAR_AT_END = re.compile(r"(?:由|从)(\d{4})年(?:末)?的?$")
_MONTH_AT_END = re.compile(r"(\d{1,2})月(?:份)?(?:末|底)?的?$")
_FIRST_QUARTER = re.compile(r"(?<![比较与])(?:一季度|1-3月)(?!末)")
_VERSUS_FIRST_QUARTER = re.compile(r"(?:比|较|与)(?:一季度|1-3月)")


_TRIM_LEAD = ",、;:和及与以在对为"      # stripped from the start of a phrase, with whitespace
_TRIM_TAIL = ",、;:和及与"              # stripped from its end, with whitespace


def _trim(p: str) -> str:
    """``p`` without its leading run of whitespace and ``_TRIM_LEAD`` characters and its trailing
    run of whitespace and ``_TRIM_TAIL`` characters (as the regex ``^[\\s…]+|[\\s…]+$`` would)."""
    if p and p[0] not in _TRIM_LEAD and p[-1] not in _TRIM_TAIL and not p[0].isspace() and not p[-1].isspace():
        return p                 # the usual case: nothing to trim
    while (q := p.lstrip().lstrip(_TRIM_LEAD)) != p:
        p = q
    while (q := p.rstrip().rstrip(_TRIM_TAIL)) != p:
        p = q
    return p


_PARENTHESIS = re.compile(r"\([^()]{0,12}\)")
_QUOTE_MARK = re.compile(r"[“”\"「」『』]")
_DATE_WORDS = re.compile(r"\d{4}年(?:度)?|\d{1,2}\s*-\s*\d{1,2}月(?:份)?|\d{1,2}月(?:份)?(?:底|末)?")


def _indicator_phrase(pre: str, lead: tuple[str, ...], lead_initials: frozenset[str], tail: _Endings) -> str:
    """The indicator named before a number: ``pre`` without dates, brackets, quotes, and
    the ``lead`` words (whose first characters are ``lead_initials``) at its start and
    ``tail`` words (verbs, qualifiers) at its end."""
    p = _PARENTHESIS.sub("", pre) if "(" in pre else pre     # (下同), (AQI)
    p = _QUOTE_MARK.sub("", p)
    if "年" in p or "月" in p:               # every date word holds one of them
        p = _DATE_WORDS.sub("", p)
    changed = True
    while changed:
        changed = False
        p2 = _trim(p)
        if p2[:1] in lead_initials and p2.startswith(lead):
            for w in lead:
                if p2.startswith(w):
                    p2 = p2[len(w):]
        w = tail.of(p2)
        if w:
            p2 = p2[: -len(w)]
        if p2 != p:
            p, changed = p2, True
    return p.strip()


_PHRASE_AFTER = re.compile(r"([\u4e00-\u9fff“”]{2,14}?)(?=[,;。、:]|实现|完成|列入|开工|入围|通过|获评|向|$)")


def _phrase_after(s: str, end: int) -> str:
    m = _PHRASE_AFTER.match(s[end:end + 16])
    return m.group(1).strip("“”") if m else ""


_GLOSS_AFTER = re.compile(r"\([a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]{1,7}\)")


def _to_rows(cands: list[_Cand], ctx: _Context) -> list[dict]:
    """The output rows (:data:`COLUMNS`) of classified candidates, with offsets into the original text."""
    text, span, sections, sentences, sentence_starts = (
        ctx.text, ctx.norm.span, ctx.sections, ctx.sentences, ctx.sentence_starts)
    report_id = ctx.meta.report_id if ctx.meta else "unknown"
    section_starts = [sec.start for sec in sections]
    fmt = numerals.format_decimal
    rows = []
    for c in cands:
        a, b = span(c.start, c.end)
        if b > a and text.startswith("(", b) and _CJK.match(text[b - 1]):
            gloss = _GLOSS_AFTER.match(text, b)
            if gloss:
                b = gloss.end()        # a pinyin gloss inserted after the unit's last character
        sec = structure.section_at(sections, a, section_starts)
        k = bisect.bisect_right(sentence_starts, a) - 1
        sa, sb = sentences[k] if k >= 0 and sentences[k][0] <= a < sentences[k][1] else (a, b)
        rows.append({
            "report_id": report_id,
            "start": a, "end": b, "text": text[a:b],
            "value": fmt(c.value),
            "value_high": fmt(c.value_high) if c.value_high is not None else None,
            "unit": c.unit, "value_base": fmt(c.value * c.factor * c.sign), "unit_base": c.unit_base,
            "measure": c.measure, "status": c.status, "period": c.period, "qualifier": c.qualifier,
            "indicator_zh": c.indicator, "section": sec.path if sec else "",
            "sentence": text[sa:sb],
        })
    return rows


def _ex_row(e: dict, ctx: _Context) -> dict:
    a, b = ctx.norm.span(e["nstart"], e["nend"])
    return {"start": a, "end": b, "text": ctx.text[a:b], "reason": e["reason"], "note": e["note"]}


_TRUNCATED_TAIL = re.compile(r"\s*[.．]?\s*[万亿千百萬億]*\s*")


def _uncovered_digit_runs(text: str, rows: list[dict], excluded: list[dict]) -> list[tuple[int, str]]:
    """``coverage(text, rows, excluded)["uncovered"]``: the digit runs that no row holds, as (start, digits).

    When the rows do not overlap (as the extractor makes them), a digit run lies in
    no row exactly when it reaches into a gap between rows, or runs on across the
    boundary of two rows that touch: so only the gaps and those boundaries are
    searched, not every digit run.
    """
    spans = sorted([(r["start"], r["end"]) for r in rows] + [(r["start"], r["end"]) for r in excluded])
    if any(a >= b for a, b in spans) or any(spans[i][1] > spans[i + 1][0] for i in range(len(spans) - 1)):
        return coverage(text, rows, excluded)["uncovered"]
    found: dict[int, str] = {}

    def take(i: int) -> int:
        """Record the digit run that holds text[i]; return its end."""
        while i > 0 and _ANY_WIDTH_DIGITS.match(text, i - 1, i):
            i -= 1
        run = _ANY_WIDTH_DIGITS.match(text, i)
        found[i] = run.group()
        return run.end()

    gap_start = 0
    for a, b in spans + [(len(text), len(text))]:
        pos = gap_start
        while (m := _ANY_WIDTH_DIGITS.search(text, pos, a)) is not None:
            pos = take(m.start())
        if 0 < gap_start == a < len(text) and _ANY_WIDTH_DIGITS.fullmatch(text, a - 1, a + 1):
            take(a)            # a run across the boundary of two rows that touch
        gap_start = b
    return sorted(found.items())


def _leftover_digits(text: str, rows: list[dict], excluded: list[dict]) -> list[dict]:
    """Digit runs no rule claimed: excluded as 'other', so that nothing is lost silently."""
    runs = _uncovered_digit_runs(text, rows, excluded)
    uncovered = {start for start, _ in runs}
    out = []
    for start, digits in runs:
        end = start + len(digits)
        # take a decimal part along (189.3 at the end of an excerpt) when no other row holds it
        m = re.match(r"[.．]([0-9０-９]+)", text[end:end + 40])
        if m and end + 1 in uncovered:
            end += m.end()
        if out and out[-1]["start"] <= start < out[-1]["end"]:
            continue
        # the text ends here, or after a decimal point or magnitude word: cut off mid-number (711. / 1218 亿)
        at_end = _TRUNCATED_TAIL.fullmatch(text, end) is not None
        out.append({"start": start, "end": end, "text": text[start:end], "reason": "other",
                    "note": "truncated at the end of the text" if at_end else "number without a unit"})
    return out
