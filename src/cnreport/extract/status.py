"""Actual or target, and the period a quantity refers to.

The part of the report a number stands in (a plan section, a heading 2020年工作安排)
sets its status; the words just before it (上年, 1-3月, 6月末) its period.
"""

from __future__ import annotations

from cnreport.core import normalize
from cnreport.core.files import ReportMeta
from cnreport.extract import patterns as P
from cnreport.extract.model import Cand, Context, norm_index


def heading_lines(s: str):
    """The matches of ``HEADING_LINE`` in ``s``, as ``finditer`` finds them.

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
        m = P.HEADING_LINE.match(s, i)
        if m:
            yield m


def status_zones(s: str, ctx: Context, cue: dict) -> list[tuple[int, str]]:
    """(normalised offset, status) change points from part headings and heading lines.

    Rule: a part heading with a plan word (``plan_heading`` cues: 安排, 目标, 计划)
    and no actual word starts a target zone ("二、2020年经济社会发展的主要目标");
    one with an actual word (``actual_heading``: 回顾, 执行情况) an actual zone. In a
    plan or government work report every numbered part after the first is a target
    zone. Unnumbered heading lines ("2020年工作安排") count the same.
    """
    genre = ctx.meta.genre if ctx.meta else ""
    marks = []
    for sec in ctx.sections:
        if sec.level != 1:
            continue
        title = normalize.to_simplified(sec.title)
        a = norm_index(ctx.norm, sec.start)
        status = _heading_status(title, cue)
        if not status:
            status = "target" if genre in ("plan_report", "gov_work_report") and sec.label != "一" else "actual"
        marks.append((a, status))
    for m in heading_lines(s):
        status = _heading_status(m.group(1), cue)
        if status:
            marks.append((m.start(1), status))
    return [(0, "actual")] + sorted(marks)


def _heading_status(line: str, cue: dict) -> str:
    """"target" for a heading with a plan word and no actual word, "actual" for one with an actual word, else ""."""
    actual = any(w in line for w in cue["actual_heading"])
    if any(w in line for w in cue["plan_heading"]) and not actual:
        return "target"
    return "actual" if actual else ""


def period(c: Cand, meta: ReportMeta | None, sentence_pre: str) -> str:
    """The period a quantity refers to, from the metadata and the words just before it.

    Rules: a target refers to the plan period (its year after 全年); an actual to
    the report's period, unless the words before it name another: "比上年末" or
    "由2019年的" the previous or named year, "6月末" a month (2020M06), "一季度" or
    "1-3月" the first quarter (not after 比/较, and not when 上半年 follows).
    Without metadata the period is left empty.
    """
    if meta is None:
        return ""
    if c.status == "target":
        plan = meta.period_plan or ""
        if plan and any(w in sentence_pre for w in P.compiled()["cue"]["plan_year_cue"]):
            return plan[:4]
        return plan
    year = meta.period_actual[:4]
    if sentence_pre.endswith(":"):
        sentence_pre = P.RATIO_BEFORE.sub("", sentence_pre)   # later parts of a ratio 4.6:51.6
    near = sentence_pre[-8:]
    if "年" in sentence_pre[-12:]:          # a match of either pattern below holds 年 there
        m = P.LAST_YEAR_AT_END.search(near)
        if m and P.FROM.search(sentence_pre[-12:]):
            return str(int(year) - 1)
        m = P.FROM_YEAR_AT_END.search(sentence_pre[-12:])
        if m:
            return m.group(1)
    m = P.MONTH_AT_END.search(near) if "月" in near else None
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{year}M{int(m.group(1)):02d}"
    q1 = P.FIRST_QUARTER.search(sentence_pre) if "季度" in sentence_pre or "1-3月" in sentence_pre else None
    if q1 and not P.VERSUS_FIRST_QUARTER.search(sentence_pre) and "上半年" not in sentence_pre[q1.end():]:
        return f"{year}Q1"
    return meta.period_actual
