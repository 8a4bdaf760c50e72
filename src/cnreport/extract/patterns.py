"""Every compiled pattern of the extractor, built from the lexicon (``core/lexicon/*.csv``).

Fixed regexes (punctuation, digits, dates, table cells) are module constants here,
defined before any code that uses them; the patterns that hold words of the lexicon
(units, magnitudes, cue words) are built once by :func:`compiled`. No other module
of :mod:`cnreport.extract` compiles a regex.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from cnreport.core import lexicon, numerals

# --------------------------------------------------------------------------- characters and punctuation

CLAUSE_END = ",;。:!?\n"
SENTENCE_END = ";。!?\n"
CN_DIGIT_CHARS = "一二两三四五六七八九"
CJK = re.compile(r"[\u3400-\u9fff]")
DIGIT = re.compile(r"\d")
# [0-9０-９]+, written to open with a character class (X+ as XX*): then the regex engine
# jumps from one such character to the next instead of trying every position.
ANY_WIDTH_DIGITS = re.compile(r"[0-9\uff10-\uff19][0-9\uff10-\uff19]*")
DECIMAL = re.compile(r"\d+(?:\.\d+)?")
CLAUSE_END_RE = re.compile(f"[{CLAUSE_END}]")

# --------------------------------------------------------------------------- exclusions

QUOTED = re.compile(r"[“\"「『]([^”\"」』\n]{1,20})[”\"」』]")
LEADING_NUMBER = re.compile(r"\s*(\d+)")
# Digits, decimal points, percent signs, clause punctuation and whitespace: no exclusion pattern
# can match in a stretch made only of these (see exclusion_patterns).
PLAIN_STRETCH = re.compile(r"[\d.,%‰;。、\s]*")
PLAIN_FROM_DIGIT = re.compile(r"\d[\d.,%‰;。、\s]*")     # a digit and the plain characters after it

# --------------------------------------------------------------------------- ratios and tables

UNIT_DECLARATION = re.compile(r"单位\s*[:：]\s*(万亿|亿|千万|百万|万|千)?([\u4e00-\u9fff%]{1,4})")
LINE = re.compile(r"[^\n]*")
TABLE_CELL = re.compile(r"(?:(?<=\|)|^)\s*(-?\d+(?:\.\d+)?)\s*(?=\||$)")
RATIO = re.compile(r"(?<![\d.:])\d+(?:\.\d+)?(?::\d+(?:\.\d+)?){1,4}(?![\d:])")
DIGIT_COLON_DIGIT = re.compile(r":(?<=\d:)(?=\d)")    # opens with ":" for a fast scan

# --------------------------------------------------------------------------- thresholds

CHAINED_THRESHOLD = re.compile(r"(?:及|或|和|、)(?:\d+(?:\.\d+)?)?(?:万亿|千亿|百亿|亿|千万|百万|万|千)?(?:元|美元)")

# --------------------------------------------------------------------------- status and period

HEADING_LINE = re.compile(r"(?:^|\n)[ \t]*([^\n。,;]{2,24})(?=\n)")
RATIO_BEFORE = re.compile(r"[\d.]+(?::[\d.]+)*:$")
LAST_YEAR_AT_END = re.compile(r"(?:上年|去年)(?:末)?(?:同期)?的?$")
FROM = re.compile(r"由|从")
FROM_YEAR_AT_END = re.compile(r"(?:由|从)(\d{4})年(?:末)?的?$")
MONTH_AT_END = re.compile(r"(\d{1,2})月(?:份)?(?:末|底)?的?$")
FIRST_QUARTER = re.compile(r"(?<![比较与])(?:一季度|1-3月)(?!末)")
VERSUS_FIRST_QUARTER = re.compile(r"(?:比|较|与)(?:一季度|1-3月)")

# --------------------------------------------------------------------------- indicator phrase and rows

PARENTHESIS = re.compile(r"\([^()]{0,12}\)")
QUOTE_MARK = re.compile(r"[“”\"「」『』]")
DATE_WORDS = re.compile(r"\d{4}年(?:度)?|\d{1,2}\s*-\s*\d{1,2}月(?:份)?|\d{1,2}月(?:份)?(?:底|末)?")
PHRASE_AFTER = re.compile(r"([\u4e00-\u9fff“”]{2,14}?)(?=[,;。、:]|实现|完成|列入|开工|入围|通过|获评|向|$)")
GLOSS_AFTER = re.compile(r"\([a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]{1,7}\)")
TRUNCATED_TAIL = re.compile(r"\s*[.．]?\s*[万亿千百萬億]*\s*")
DECIMAL_PART = re.compile(r"[.．]([0-9０-９]+)")

# The qualifier_before_* kinds of cues.csv and the qualifier each gives, in order of precedence.
QUALIFIERS_BEFORE = (("qualifier_before_more_than", "more_than"), ("qualifier_before_at_least", "at_least"),
                     ("qualifier_before_at_most", "at_most"), ("qualifier_before_about", "about"),
                     ("qualifier_before_each", "each"))


class Endings:
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


def compiled() -> dict:
    """The patterns and word tables built from the lexicon, once.

    Rule: a quantity is a number (Arabic, or Chinese numerals, or 百分之N), an
    optional range end (-, ~, 至, 到), an optional 多/余, an optional magnitude word
    and a unit word from ``units.csv``: in "地区生产总值711.1亿元" the match is
    ``711.1亿元`` (n1=711.1, mag=亿, unit=元).

    Returns
    -------
    dict
        ``quantity`` and ``quantity_start`` (where a quantity can start), ``bare``
        (a magnitude word with no digits, 超亿元), ``exclusions`` (see
        :func:`exclusion_patterns`), the cue lists and the tables built from them.
        Built once for each folder of word lists (see :func:`cnreport.core.lexicon.folder`).
    """
    return _compiled(lexicon.folder())


@lru_cache(maxsize=4)
def _compiled(folder: str) -> dict:
    """:func:`compiled` for the word lists in ``folder`` (the lexicon functions read it themselves)."""
    units = lexicon.units()
    unit_alt = lexicon.alternation(units)
    mag_alt = lexicon.alternation(lexicon.magnitudes())
    cn = rf"[{CN_DIGIT_CHARS}十百千万亿零〇]+(?:点[零〇{CN_DIGIT_CHARS}]+)?"
    num = rf"(?:{numerals.ARABIC_RE})"
    quantity = re.compile(
        rf"(?P<pct>百分之)?(?P<n1>{num}|{cn})"
        rf"(?:(?P<rsep>-|~|至|到)(?P<n2>{num}|{cn}))?"
        rf"(?P<approx>多|余)?(?P<mag>{mag_alt})?(?P<unit>{unit_alt})?")
    cue = lexicon.cues()
    exclusions = exclusion_patterns(cue)
    # What can follow the first character of a Chinese numeral in a match that states an amount:
    # more of the numeral, 点, a range separator, 多/余, a magnitude or unit word, 分 of 百分之.
    # A Chinese numeral character followed by anything else is the whole match, with no unit,
    # which the caller rejects (一般, 百姓): the search skips it.
    unit_initials = "".join(sorted({u[0] for u in units}))
    cn_next = re.escape(f"{CN_DIGIT_CHARS}十百千万亿零〇点-~至到多余分{unit_initials}")
    return {
        "quantity": quantity,
        # a quantity starts with a digit or a Chinese numeral character (百 of 百分之 is one)
        "quantity_start": re.compile(rf"[\d{CN_DIGIT_CHARS}十百千万亿零〇](?:(?<=\d)|(?=[{cn_next}]))"),
        "bare": re.compile(rf"(?P<mag>{mag_alt})(?P<unit>{lexicon.alternation(cue['bare_magnitude_unit'])})"),
        "unit_initials": unit_initials,
        "exclusions": exclusions,
        "exclusion_reach": exclusion_reach(exclusions),
        "cue": cue,
        **_cue_tables(cue),
    }


def _cue_tables(cue: dict) -> dict:
    """Lookup tables built from the cue lists of ``cues.csv`` (see :func:`compiled`)."""
    def anywhere(*kinds: str) -> re.Pattern:
        """A regex that finds any word of these kinds (a search finds one exactly when ``any(w in text ...)`` would)."""
        return re.compile(lexicon.alternation({w for kind in kinds for w in cue[kind]}))

    verbs = tuple(sorted(cue["negative"] + cue["positive"], key=len, reverse=True))
    return {
        "endings": {kind: Endings(words) for kind, words in cue.items()},
        # the longest negative or positive verb a phrase ends with (negative first when as long)
        "verbs": Endings(verbs),
        "negative": frozenset(cue["negative"]),
        "narrowing_verb": frozenset(cue["narrowing_verb"]),
        "indicator_lead_initials": frozenset(w[0] for w in cue["indicator_strip_lead"] if w),
        "indicator_tail": Endings(cue["indicator_strip_tail"] + cue["qualifier_before_more_than"]
                                  + cue["qualifier_before_at_least"] + cue["qualifier_before_about"]
                                  + cue["qualifier_before_each"] + cue["comparison"]),
        "bare_qualifier": (cue["qualifier_before_more_than"] + cue["qualifier_before_at_least"]
                           + cue["qualifier_before_about"] + cue["bare_magnitude_lead"]),
        "qualifier_after": (cue["qualifier_after_more_than"] + cue["qualifier_after_at_most"]
                            + cue["qualifier_after_about"]),
        # every qualifier_before_* word, for one test that none of them ends a phrase
        "qualifier_before": tuple(w for kind, _ in QUALIFIERS_BEFORE for w in cue[kind]),
        "target_cue": anywhere("target_cue"),
        "share_word": anywhere("share_word"),
        "share_or_rate_word": anywhere("share_word", "rate_word"),
        "growth_noun": anywhere("growth_noun"),
        "decline_rate": anywhere("decline_rate"),
        "decline_word": anywhere("decline_word", "decline_rate", "negative"),
        "comparison": anywhere("comparison"),
        "ratio_cue": anywhere("ratio_cue"),
        "by_standard": anywhere("standard_lead"),
        "standard_after": re.compile(rf"[^,;。]*(?:{lexicon.alternation(cue['standard_word'])})"),
        "threshold_tail": re.compile(f"(?:{lexicon.alternation(cue['threshold_tail'])})"),
        # the units that have context overrides, for one test that a unit has none
        "override_units": tuple({unit_zh for unit_zh, _, _ in lexicon.unit_overrides()}),
    }


def exclusion_patterns(cue: dict) -> list[tuple[str, re.Pattern, str, re.Pattern]]:
    """(reason, pattern, note, needs) for dates, periods, names and ranks, in order of precedence.

    Rule: a number that is part of a date (2020年3月5日), a period (1-6月, 2020年),
    a name (5G, 十三五 written 13五 is not one; 4S店), an ordinal (第3) or a rank
    (前10名) is not a quantity. ``needs`` finds the characters of which every match
    holds one, in the match or in a lookaround (月 for the month patterns, the letters
    for names like 5G): a text where it finds none has no match.

    A pattern that starts with ``\\d+`` starts only at the first digit of a run
    (``(?<!\\d)``): a match found from a later digit would also be found from the
    first one, and without the lookbehind a long digit run takes quadratic time.

    Every pattern needs a digit, and writes out each Chinese character it can match
    (年, 个月, 计划), never a range or class of them such as ``[\\u4e00-\\u9fff]``:
    :func:`exclusion_reach` relies on this. And every pattern needs, in its match or a
    lookaround, a character that :data:`PLAIN_STRETCH` does not allow (a separator such
    as ``-`` or ``:``, a Chinese character, a letter): the exclusion search relies on this.
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


def exclusion_reach(exclusions) -> tuple[re.Pattern, str, frozenset[str]]:
    """The characters the exclusion patterns can read: a regex for a run of them, a separator, the ideographs written.

    The patterns match a Chinese character only where they write it out, so every
    other ideograph stops a match or a lookaround exactly as the end of the text
    does. The regex matches a (possibly empty) run of all other characters; the
    separator is an ideograph that no pattern writes out.
    """
    written = {ch for _, rx, _, _ in exclusions for ch in rx.pattern if CJK.match(ch)}
    ranges, low = [], 0x3400          # the ideographs of CJK that no pattern writes out
    for ch in sorted(written):
        if ord(ch) > low:
            ranges.append(f"{chr(low)}-{chr(ord(ch) - 1)}")
        low = ord(ch) + 1
    ranges.append(f"{chr(low)}-\u9fff")
    separator = next(chr(c) for c in range(0x4E00, 0x9FFF) if chr(c) not in written)
    return re.compile(f"[^{''.join(ranges)}]*"), separator, frozenset(written)
