"""Numbers that are not indicators: dates, periods, names, ranks, headings and thresholds.

:func:`find_exclusions` claims the spans no quantity may overlap, before quantities
are searched; :func:`threshold_reason` tells, for a quantity found, whether it
defines a category (亿元以上项目) rather than stating an amount.
"""

from __future__ import annotations

import bisect
import re

from cnreport.extract import patterns as P
from cnreport.extract.model import Cand, Context, Spans, excluded_span, norm_index


def find_exclusions(s: str, ctx: Context) -> tuple[list[dict], Spans]:
    """Dates, periods, names, ordinals: spans no quantity may overlap (as rows and as :class:`Spans`).

    Rule: the exclusion patterns (:func:`~cnreport.extract.patterns.exclusion_patterns`)
    claim their matches in order of precedence, then digits inside Chinese quotation
    marks ("333"行动) and the numbers of item headings ("1." at a line start). In
    "2020年1-6月,地区生产总值增长3.2%", ``2020年`` and ``1-6月`` are claimed and 3.2% is not.

    Parameters
    ----------
    s : str
        The normalised text.
    ctx : Context
        The report (its sections give the item headings).

    Returns
    -------
    (list of dict, Spans)
        The excluded spans (normalised offsets) and the same spans for overlap queries.
    """
    spans = Spans()
    out: list[dict] = []

    def claim(a: int, b: int, reason: str, note: str) -> None:
        if not spans.overlaps(a, b):
            spans.add(a, b)
            out.append(excluded_span(a, b, reason, note))

    _claim_pattern_matches(s, claim)
    _claim_quoted_numbers(s, claim)
    for sec in ctx.sections:          # numbers of item headings ("1." at a line start)
        if sec.level == 3:
            m = P.LEADING_NUMBER.match(s, norm_index(ctx.norm, sec.start))
            if m:
                claim(m.start(1), m.end(1), "other", "heading number")
    return out, spans


def _claim_pattern_matches(s: str, claim) -> None:
    """Each exclusion pattern in turn claims its matches (that ``claim`` accepts when they overlap no earlier claim).

    The patterns run over the digit-holding stretches of characters they can read (see
    :func:`~cnreport.extract.patterns.exclusion_reach`) that are not plain numbers, one
    stretch at a time (a match cannot reach past a stretch, and its ends read like the
    ends of the text): this finds the same matches as a run over the whole text, on a
    small part of it. A pattern runs only on the stretches that hold a character it
    needs, found with one search of the stretches joined by a separator that no pattern reads.
    """
    pat = P.compiled()
    reach, separator, written = pat["exclusion_reach"]
    stretches = number_stretches(s, reach, written)
    joined = separator.join(s[a:b] for a, b in stretches)
    joined_starts = []               # where each stretch starts in ``joined``
    pos = 0
    for a, b in stretches:
        joined_starts.append(pos)
        pos += b - a + len(separator)
    for reason, rx, note, needs in pat["exclusions"]:
        pos = 0
        while (hit := needs.search(joined, pos)) is not None:
            k = bisect.bisect_right(joined_starts, hit.start()) - 1
            a, b = stretches[k]
            pos = joined_starts[k] + b - a          # the end of stretch k in ``joined``
            for m in rx.finditer(s, a, b):
                if m.end() > m.start() and P.DIGIT.search(m.group()):
                    claim(m.start(), m.end(), reason, note)


def _claim_quoted_numbers(s: str, claim) -> None:
    """Rule: digits inside Chinese quotation marks name a programme or slogan ("333"行动, "510英才计划").

    A quoted stretch that holds a quantity with a unit ("增长5%") is not a name.
    """
    quantity = P.compiled()["quantity"]
    for m in P.QUOTED.finditer(s):
        inner = m.group(1)
        if P.DIGIT.search(inner) and not any(q.group("unit") for q in quantity.finditer(inner)):
            for d in P.DECIMAL.finditer(inner):
                claim(m.start(1) + d.start(), m.start(1) + d.end(), "name",
                      "number inside quotation marks names a programme")


def number_stretches(s: str, reach: re.Pattern, written: frozenset[str]) -> list[tuple[int, int]]:
    """The maximal runs of characters matched by ``reach`` that hold a digit, as (start, end).

    Runs of plain numbers and punctuation (3.6%。, see :data:`~cnreport.extract.patterns.PLAIN_STRETCH`)
    are left out: no exclusion pattern can match there. Most are found at once: plain
    characters from a digit on, between two ideographs that ``reach`` does not match
    (not in ``written``) or the ends of the text.
    """
    def unreadable(ch: str) -> bool:          # "" for the ends of the text
        return not ch or ("\u3400" <= ch <= "\u9fff" and ch not in written)

    backwards = s[::-1]
    n = len(s)
    out: list[tuple[int, int]] = []
    end = 0            # end of the last run found
    for m in P.PLAIN_FROM_DIGIT.finditer(s):
        a, b = m.span()
        if a < end:
            continue       # in the run of an earlier digit
        if unreadable(s[a - 1:a]) and unreadable(s[b:b + 1]):
            end = b
            continue       # a plain run of its own
        start, end = n - reach.match(backwards, n - a).end(), reach.match(s, a).end()
        if not P.PLAIN_STRETCH.fullmatch(s, start, end):
            out.append((start, end))
    return out


def threshold_reason(s: str, c: Cand, ctx: Context) -> str:
    """Why a quantity defines a category rather than stating an amount, or ``""``.

    Rule: an amount followed by 以上/以下/及以上/级 and a noun names a class
    (规模以上 ... "亿元以上项目", "5000万元以上的项目"), as does an amount under a
    standard (按…标准) and a bare magnitude word without a verb before it ("亿元项目").
    Percentages are never thresholds. A chained second threshold is skipped:
    "10亿元及1亿美元以上项目" makes both thresholds.
    """
    if c.forced_measure in ("share_pct",) or c.unit_base in ("percent", "pp", "permille"):
        return ""
    pat = P.compiled()
    rest = s[c.end:c.end + 30]
    chain = P.CHAINED_THRESHOLD.match(rest)
    if chain and c.unit_base in ("CNY", "USD"):
        rest = rest[chain.end():]
    if (c.unit_base in ("CNY", "USD") and pat["by_standard"].search(s, ctx.bounds.clause_start(c.start), c.start)
            and pat["standard_after"].match(rest)):
        return "defines a standard (按…标准)"
    tail = pat["threshold_tail"].match(rest)
    if tail:
        after = rest[tail.end():tail.end() + 1]
        if after and (P.CJK.match(after) or after in "“\"") and after not in "的":
            return "defines a category (… 以上/以下/级 + noun)"
        if after == "的" and c.unit_base in ("CNY", "USD"):
            return "defines a category (… 以上的 + noun)"
        return ""
    if c.forced_measure == "bare":
        before = s[max(0, c.start - 2):c.start]
        if not before.endswith(pat["bare_qualifier"]):
            return "magnitude word naming a class of projects or firms"
    return ""
