"""Classify each quantity: qualifier, measure and sign, status, period, indicator phrase, unit override.

All from the words before the number in its clause and sentence, and from the
part of the report it stands in. The words come from ``core/lexicon/cues.csv``.
"""

from __future__ import annotations

import bisect

from cnreport.core import lexicon
from cnreport.extract import patterns as P
from cnreport.extract.indicator import indicator_phrase, phrase_after
from cnreport.extract.model import Cand, Context
from cnreport.extract.status import period, status_zones


def classify(cands: list[Cand], s: str, ctx: Context) -> list[Cand]:
    """Set qualifier, measure, sign, status, period and indicator of each candidate (in place).

    Rule: the phrase before a number runs from the start of its clause, or from the
    end of the previous quantity in the same clause, to the number. In
    "地区生产总值711.1亿元,同比增长3.2%", 3.2% has the phrase "同比增长" (growth,
    positive) and takes the indicator 地区生产总值 from the sentence's earlier quantity.

    Parameters
    ----------
    cands : list of Cand
        Candidates sorted by start (normalised offsets into ``s``).
    s : str
        The normalised text.
    ctx : Context
        The report.

    Returns
    -------
    list of Cand
        ``cands``, classified.
    """
    pat = P.compiled()
    clause_start, sentence_start = ctx.bounds.clause_start, ctx.bounds.sentence_start
    zones = status_zones(s, ctx, pat["cue"])
    zone_starts = [start for start, _ in zones]
    last_indicator_by_sentence: dict[int, str] = {}
    prev = None
    for c in cands:
        start = c.start
        cs = clause_start(start)
        left = prev.end if prev and cs < prev.end <= start else cs
        prev = c
        pre = s[left:start]
        core = _qualify(c, pre, s, pat)
        sa = sentence_start(start)
        sentence_pre = s[sa:start]
        c.measure, c.sign = measure_and_sign(c, core, s[cs:start], sentence_pre, pat)
        c.status = zones[bisect.bisect_right(zone_starts, start) - 1][1]
        if c.status == "actual" and pat["target_cue"].search(sentence_pre):
            c.status = "target"
        c.period = period(c, ctx.meta, sentence_pre)
        if not c.indicator:
            ind = indicator_phrase(pre, pat["cue"]["indicator_strip_lead"], pat["indicator_lead_initials"],
                                   pat["indicator_tail"])
            if len(ind) < 2:
                ind = last_indicator_by_sentence.get(sa, "") or phrase_after(s, c.end)
            c.indicator = ind
        last_indicator_by_sentence[sa] = c.indicator
        if c.unit.endswith(pat["override_units"]):
            _override_unit(c, sentence_pre)
    return cands


def _qualify(c: Cand, pre: str, s: str, pat: dict) -> str:
    """Set the qualifier of ``c`` from the words around it; return the phrase before it without them.

    Rule: a qualifier word before the number (超过, 约, 近, 不低于, 各) or after it
    (以上, 左右, 以内) qualifies it: "超过100亿元" is more_than, "5%左右" about. A
    range or 多/余 (set when the number was read) wins. A final 了 is dropped
    from the phrase ("增长了3%").
    """
    cue = pat["cue"]
    pre_q = pre.rstrip()
    if pre_q.endswith(pat["qualifier_before"]):       # one test for the usual case: no qualifier
        pre_q, qual = _strip_qualifier_before(pre_q, pat)
        if c.qualifier == "exact":
            c.qualifier = qual
    qualifier_after = pat["qualifier_after"]
    if c.qualifier == "exact" and s.startswith(qualifier_after, c.end, c.end + 4):
        aq = starts_with(s[c.end:c.end + 4], qualifier_after)
        if aq:
            c.qualifier = ("more_than" if aq in cue["qualifier_after_more_than"] else
                           "at_most" if aq in cue["qualifier_after_at_most"] else "about")
    core = pre_q.rstrip()
    if core.endswith("了"):
        core = core[:-1]
    return core


def _override_unit(c: Cand, sentence_pre: str) -> None:
    """Rule: a unit's base depends on what it counts (``unit_overrides.csv``).

    "新增市场主体1.2万户" counts firms (count), not households; "每万人发明专利
    拥有量12件" is per 10,000 people. An override anchored with ``^`` reads only the
    indicator phrase, others also the sentence before the number.
    """
    for unit_zh, rx, base in lexicon.unit_overrides():
        if c.unit.endswith(unit_zh) and (rx.search(c.indicator) or (
                not rx.pattern.startswith("^") and rx.search(sentence_pre))):
            c.unit_base = base


def starts_with(text: str, words: tuple[str, ...]) -> str:
    """The first of ``words`` (in their order) that ``text`` starts with, or ``""``."""
    if not text.startswith(words):    # one test for the usual case: none of them
        return ""
    for w in words:
        if text.startswith(w):
            return w
    return ""


def _strip_qualifier_before(p: str, pat: dict) -> tuple[str, str]:
    """``p`` (right-stripped) without the qualifier word it ends with, and the qualifier ("exact" if none)."""
    endings = pat["endings"]
    for kind, qual in P.QUALIFIERS_BEFORE:
        w = endings[kind].of(p)
        if w:
            # 近/约/超 only when they stand alone (not 最近, 接近 is its own cue)
            return p[: -len(w)], qual
    return p, "exact"


def measure_and_sign(c: Cand, core: str, clause_pre: str, sentence_pre: str, pat: dict) -> tuple[str, int]:
    """(measure, sign) of a quantity from the verb its phrase ends with and the words of its clause.

    Rules:

    - the sign is that of the last verb (下降 -1, 增长 +1); a narrowing decline
      ("降幅收窄2.1个百分点") is +1;
    - pp is always ``pp_change`` ("提高1.5个百分点");
    - a percent after a growth word is ``growth_pct`` ("同比增长3.2%"), after a
      share word ``share_pct`` ("占比达45.2%"), otherwise ``rate_pct`` ("城镇登记失业率3.1%");
      a share that rises or falls by a percent is a ``pp_change``;
    - an amount after a verb of change with a comparison ("比上年增加2.3亿元") is ``abs_change``;
      anything else is a ``level``.
    """
    if c.forced_measure in ("share_pct", "level"):
        return c.forced_measure, 1
    endings = pat["endings"]
    verb = pat["verbs"].of(core)
    sign = -1 if verb in pat["negative"] else 1
    if verb in pat["narrowing_verb"] and pat["decline_word"].search(sentence_pre[: -len(verb)]):
        sign = 1   # a narrowing decline: the growth rate rose
    if c.unit_base == "pp":
        return "pp_change", sign
    if c.unit_base in ("percent", "permille"):
        level_to = endings["level_to"].of(core)
        growth_word = endings["growth_word"].of(core)
        if growth_word in pat["cue"]["decline_rate"]:
            return "growth_pct", -1
        if level_to or not verb:
            if growth_word or pat["growth_noun"].search(clause_pre) and not pat["share_or_rate_word"].search(clause_pre):
                return "growth_pct", -1 if (pat["decline_rate"].search(clause_pre) and not level_to) else 1
            if pat["share_word"].search(clause_pre) or endings["share_ending"].of(core):
                return "share_pct", 1
            return "rate_pct", 1
        if pat["share_word"].search(clause_pre):
            return "pp_change", sign
        return "growth_pct", sign
    if verb and pat["comparison"].search(clause_pre):
        return "abs_change", sign
    return "level", 1
