"""Classify each quantity: qualifier, measure and sign, status, period, indicator phrase, unit override.

All from the words before the number in its clause and sentence, and from the
part of the report it stands in. The words come from ``core/lexicon/cues.csv``.
"""

from __future__ import annotations

import bisect

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
    prev = prev_done = None
    for c in cands:
        start = c.start
        # the words that classify a number stand at most P.LOOKBACK characters before it:
        # work per number stays bounded on a text with no clause end
        cs = max(clause_start(start), start - P.LOOKBACK)
        left = prev.end if prev and cs < prev.end <= start else cs
        prev = c
        pre = s[left:start]
        core = _qualify(c, pre, s, pat)
        sa = sentence_start(start)
        sentence_pre = s[max(sa, start - P.SENTENCE_LOOKBACK):start]
        if _continues_list(prev_done, c, s, cs):
            c.measure, c.sign = prev_done.measure, 1 if c.value < 0 else prev_done.sign
        else:
            c.measure, c.sign = measure_and_sign(c, core, s[cs:start], sentence_pre, pat)
        prev_done = c
        c.status = zones[bisect.bisect_right(zone_starts, start) - 1][1]
        if c.status == "actual" and pat["target_cue"].search(sentence_pre):
            c.status = "target"
        c.period = period(c, ctx.meta, sentence_pre, pat["cue"])
        if not c.indicator:
            ind = indicator_phrase(pre, pat["cue"]["indicator_strip_lead"], pat["indicator_lead_initials"],
                                   pat["indicator_tail"])
            if len(ind) < 2:
                ind = last_indicator_by_sentence.get(sa, "") or phrase_after(s, c.end)
            c.indicator = ind
        last_indicator_by_sentence[sa] = c.indicator
        if c.unit.endswith(pat["override_units"]):
            _override_unit(c, sentence_pre, pat)
    return cands


def _continues_list(prev: Cand | None, c: Cand, s: str, clause_start: int) -> bool:
    """Rule: an item of a list takes the measure and sign of the item before it.

    In "生物医药、农副产品加工同比分别下降11.9%、3.7%" the 3.7% follows 11.9% in the same
    clause with only 、 (or 和, 及, 与) between, in the same base unit: it is -3.7 growth too.
    """
    return (prev is not None and clause_start <= prev.end >= c.start - 3 and prev.unit_base == c.unit_base
            and not c.forced_measure and s[prev.end:c.start].strip() in P.LIST_JOINERS)


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


def _override_unit(c: Cand, sentence_pre: str, pat: dict) -> None:
    """Rule: a unit's base depends on what it counts (``unit_overrides.csv``).

    "新增市场主体1.2万户" counts firms (count), not households; "每万人发明专利
    拥有量12件" is per 10,000 people. An override anchored with ``^`` reads only the
    indicator phrase, others also the sentence before the number.
    """
    for unit_zh, rx, base in pat["unit_overrides"]:
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

    Rules: the sign is :func:`_sign`'s; pp is always ``pp_change`` ("提高1.5个百分点");
    a percent's measure is :func:`_percent_measure`'s; an amount after a verb of change
    with a comparison ("比上年增加2.3亿元") is ``abs_change``; anything else is a ``level``.
    A value with a written minus (增速-9.6%) keeps its own sign, whatever the verb.
    """
    if c.forced_measure in ("share_pct", "level"):
        return c.forced_measure, 1
    verb = pat["verbs"].of(core)
    sign = 1 if c.value < 0 else _sign(verb, clause_pre, sentence_pre, pat)
    if c.unit_base == "pp":
        return "pp_change", sign
    if c.unit_base in ("percent", "permille"):
        return _percent_measure(c, verb, core, clause_pre, pat, sign)
    if verb and pat["comparison"].search(clause_pre):
        return "abs_change", sign
    return "level", 1


def _sign(verb: str, clause_pre: str, sentence_pre: str, pat: dict) -> int:
    """The sign a quantity's words give it.

    Rules: the sign of the verb the phrase ends with (下降, 负 -1; 增长 +1); a
    narrowing after a decline word in the sentence is a rise ("同比下降3.2%,较一季度
    收窄2.4个百分点": +2.4); a widening of a decline is a fall ("降幅比一季度扩大1.1个百分点":
    -1.1); with no verb at the end, the last comparative of the clause gives it
    ("低于全省平均0.5个百分点": -0.5; "高于全市平均增速2个百分点": +2).
    """
    if not verb:
        cue = pat["cue"]
        last = max((clause_pre.rfind(w), w in cue["comparative_negative"])
                   for w in cue["comparative_negative"] + cue["comparative_positive"])
        return -1 if last[0] >= 0 and last[1] else 1
    if verb in pat["narrowing_verb"] and pat["decline_word"].search(sentence_pre[: -len(verb)]):
        return 1
    if verb in pat["widening_verb"] and pat["decline_rate"].search(clause_pre):
        return -1
    return -1 if verb in pat["negative"] else 1


def _percent_measure(c: Cand, verb: str, core: str, clause_pre: str, pat: dict, sign: int) -> tuple[str, int]:
    """(measure, sign) of a percent.

    Rules: 贡献率 makes a ``contribution_pct`` ("消费对经济增长的贡献率达62.4%"); a
    plan or target word with 完成率 or before 的 a ``plan_progress_pct`` ("完成全年目标的
    52.3%", "占年度计划的47%"); growth after 平均/年均 a ``growth_avg_pct`` ("两年平均增长
    6.1%"); after a growth word a ``growth_pct`` ("同比增长3.2%", "增速为-3%"); after a share
    word (or 成, tenths) a ``share_pct``; otherwise a ``rate_pct`` ("城镇登记失业率3.1%").
    A share that rises or falls by a percent is a ``pp_change``.
    """
    endings = pat["endings"]
    if pat["contribution_word"].search(clause_pre):
        return "contribution_pct", sign
    if pat["plan_word"].search(clause_pre) and (pat["plan_rate"].search(clause_pre) or endings["share_ending"].of(core)):
        return "plan_progress_pct", 1
    level_to = endings["level_to"].of(core)
    growth_word = endings["growth_word"].of(core)
    growth = "growth_avg_pct" if endings["average_word"].of(core[: len(core) - len(verb or growth_word)]) else "growth_pct"
    if growth_word in pat["cue"]["decline_rate"]:
        return growth, -1 if c.value >= 0 else 1
    if level_to or not verb:
        if growth_word or pat["growth_noun"].search(clause_pre) and not pat["share_or_rate_word"].search(clause_pre):
            return growth, -1 if (pat["decline_rate"].search(clause_pre) and not level_to and c.value >= 0) else 1
        tenths = pat["unit_kind"].get(c.unit[-1:]) == "share"
        if (pat["share_word"].search(clause_pre) or endings["share_ending"].of(core)
                or tenths and not pat["rate_word"].search(clause_pre)):
            return "share_pct", 1
        return "rate_pct", 1
    if pat["share_word"].search(clause_pre):
        return "pp_change", sign
    return growth, sign
