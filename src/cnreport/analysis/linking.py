"""Link each target a report sets to the outcome a later report of the same place states.

Rows in, tidy frame out: :func:`link` takes the extracted rows and the mapped facts of
several reports (with their texts and metadata) and returns one row per target, per
outcome without a target, and per explicitly absent target, with the columns of
:data:`LINK_COLUMNS`. Offsets are the extractor's, so ``text[start:end]`` gives both spans.

A target (a row with status ``target``) is linked to an outcome (status ``actual``) when

1. the outcome comes from another report of the same place (``place_zh``);
2. both measure the same indicator: the mapping's ``indicator_id``, or, where the
   mapping only inherited a subject or found none, the row's own phrase (see
   :func:`indicator_key`);
3. both have the same measure (growth with growth, an amount with an amount in a
   unit of the same kind);
4. the outcome covers the target's period (the same period; a half-year target
   against a full-year outcome is linked but judged ``unclear``).

The verdict follows :mod:`cnreport.analysis.verdicts`. A multi-place news item
("主要预期目标 大湾区九市": 广州, 深圳, 惠州 ...) holds targets of other places: each
section counts for the place its heading names (see :func:`place_sections`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from cnreport.analysis import verdicts
from cnreport.analysis.linking_keys import indicator_key, phrase_groups, respective_keys, terms
from cnreport.clean import mapping
from cnreport.core import normalize, structure
from cnreport.core.files import ReportMeta

LINK_COLUMNS = ("place_id", "indicator_id", "target_report_id", "target_start", "target_end", "target_text",
                "target_qualifier", "target_period", "outcome_report_id", "outcome_start", "outcome_end",
                "outcome_text", "outcome_period", "verdict", "reason", "confidence")
_HEADING_LINE = re.compile(r"^[ \t\u3000]*([\u3400-\u9fff]{2,8})[ \t\u3000]*$", re.M)
_ADMIN_SUFFIX = re.compile(r"(?:市|区|县|州|盟|旗)$")
_ADMIN_UNIT = re.compile(r".+?(?:自治州|地区|市|区|县|旗|盟)")
_QUAL_TEXT = {"about": "左右", "more_than": "以上", "at_least": "以上", "at_most": "以内"}


@dataclass(frozen=True)
class LinkReport:
    """One report's inputs to the linking step.

    Attributes
    ----------
    meta : ReportMeta
        Its metadata (place, periods).
    text : str
        The decoded text the offsets refer to.
    extracted : list of dict
        The extractor's rows (:data:`cnreport.extract.COLUMNS`).
    facts : list of dict
        The mapped facts (:data:`cnreport.clean.COLUMNS`) of those rows.
    """

    meta: ReportMeta
    text: str
    extracted: list
    facts: list


def place_sections(text: str, place_zh: str) -> list[tuple[int, int, str | None]]:
    """The stretches of ``text`` and the place each is about (``None``: the report's own place).

    A multi-place item puts each place under a heading line that is only its name
    ("广州", "深圳", "惠州": 2-3 Han characters, or up to 5 ending in 市/区/县). When a
    heading line names the report's own place (the last level of ``place_zh``, with or
    without 市/区/县), each place heading opens that place's stretch, which runs to the
    next place heading; other heading lines ("重点工作") do not end it. Text before the
    first place heading, and every text without a heading naming its own place, is
    about the report's own place.

    Returns
    -------
    list of (start, end, place)
        Character ranges of ``text`` covering it in order; ``place`` is ``None`` or the heading.
    """
    units = _ADMIN_UNIT.findall(re.sub(r"^.*?(?:省|自治区)", "", place_zh.strip()))
    last = units[-1] if units else place_zh.strip()
    names = {last, _ADMIN_SUFFIX.sub("", last)} - {""}
    heads = [m for m in _HEADING_LINE.finditer(text)
             if len(m.group(1)) <= 3 or (len(m.group(1)) <= 5 and _ADMIN_SUFFIX.search(m.group(1)))]
    if not any(m.group(1) in names for m in heads):
        return [(0, len(text), None)]
    out: list[tuple[int, int, str | None]] = [(0, heads[0].start(), None)]
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        out.append((m.start(), end, None if m.group(1) in names else m.group(1)))
    return out


_KEY_RANK = {"mapping": 0, "respective": 0, "equivalent": 1, "phrase": 1, "words": 2, "none": 3}
_TRUSTED = ("exact", "contains", "respective", "counter_noun")


def _row_keys(rows: list[dict], facts: list[dict], dictionary: mapping.Dictionary) -> dict[int, list[tuple]]:
    """``{start: [(key, how), ...]}``: what each extracted row measures (one key per fact of a split)."""
    by_start: dict[int, list[dict]] = {}
    for f in facts:
        by_start.setdefault(int(f["source_start"]), []).append(f)
    out: dict[int, list[tuple]] = {}
    for group in phrase_groups(rows):
        respective = respective_keys(group, dictionary) if len(group) > 1 else None
        for i, row in enumerate(group):
            start = int(row["start"])
            if respective:
                out[start] = [(respective[i], "respective")]
                continue
            keys = [(f["indicator_id"], "mapping") for f in by_start.get(start, [])
                    if f["indicator_id"] and f["mapping"] in _TRUSTED]
            out[start] = keys or [indicator_key(row["indicator_zh"], dictionary)]
    return out


def _words_before(text: str, start: int, spans: list[tuple[int, int]], kind: str) -> str:
    """The first word of ``kind`` in the sentence before ``start`` (simplified), or ``""``."""
    sentence = next((a for a, b in spans if a <= start < b), start)
    before = normalize.to_simplified(text[sentence:start])
    return next((w for w in terms().get(kind, {}) if w in before), "")


def _estimate(text: str, start: int, spans: list[tuple[int, int]]) -> str:
    """预计 / 初步核算 in the sentence before an outcome, or 预计(下同) anywhere before it."""
    word = _words_before(text, start, spans, "estimate")
    if word:
        return word
    earlier = normalize.to_simplified(text[:start])
    return "预计" if re.search(r"预计[(（]下同[)）]", earlier) else ""


def report_items(rep: LinkReport, dictionary: mapping.Dictionary) -> list[dict]:
    """The report's rows about its own place, each with what it measures (``key``) and its wording.

    Returns
    -------
    list of dict
        ``report_id, place_zh, place_id, status, period, measure, unit, value, value_high,
        qualifier, start, end, text, key, how, modal, estimate``; ``value`` is a signed float
        in base units (percent as written).
    """
    sections = place_sections(rep.text, rep.meta.place_zh)
    sentences = structure.sentence_spans(rep.text)
    keys = _row_keys(rep.extracted, rep.facts, dictionary)
    place_id = rep.facts[0]["geo_id"] if rep.facts else rep.meta.report_id.split("_")[0]
    items = []
    for row in rep.extracted:
        start, end = int(row["start"]), int(row["end"])
        other = next((p for a, b, p in sections if a <= start < b), None)
        for key, how in keys[start]:
            items.append({
                "report_id": rep.meta.report_id, "place_zh": other or rep.meta.place_zh,
                "place_id": other or place_id,
                "status": row["status"], "period": row["period"], "measure": row["measure"],
                "unit": row["unit_base"], "value": float(row["value_base"]),
                "value_high": _high(row), "qualifier": row["qualifier"], "start": start, "end": end,
                "text": row["text"], "key": key, "how": how,
                "modal": _words_before(rep.text, start, sentences, "strive")
                or _words_before(rep.text, start, sentences, "ensure"),
                "estimate": _estimate(rep.text, start, sentences) if row["status"] == "actual" else ""})
    return items


def word_outcomes(rep: LinkReport, dictionary: mapping.Dictionary) -> list[dict]:
    """Outcomes stated in words, not numbers: "居民消费价格同比持平" is growth of 0%.

    A clause without a digit that ends in a ``flat`` word of ``linking_terms.csv`` (持平)
    gives an outcome item for the report's ``period_actual`` whose span is that word and
    whose key comes from the words before it. Reports that review no period give none.
    """
    if not rep.meta.period_actual:
        return []
    simple = normalize.to_simplified(rep.text)
    sentences = structure.sentence_spans(rep.text)
    place_id = rep.facts[0]["geo_id"] if rep.facts else rep.meta.report_id.split("_")[0]
    out = []
    for word in terms().get("flat", {}):
        for m in re.finditer(re.escape(word), simple):
            a = max(simple.rfind(ch, 0, m.start()) for ch in ",;。:\n") + 1
            clause = simple[a:m.start()]
            key, how = indicator_key(clause, dictionary)
            if any(ch.isdigit() for ch in clause) or not key:
                continue
            out.append({"report_id": rep.meta.report_id, "place_zh": rep.meta.place_zh, "place_id": place_id,
                        "status": "actual", "period": rep.meta.period_actual, "measure": "growth_pct",
                        "unit": "percent", "value": 0.0, "value_high": None, "qualifier": "exact",
                        "start": m.start(), "end": m.end(), "text": rep.text[m.start():m.end()], "key": key,
                        "how": how, "modal": "", "estimate": _estimate(rep.text, m.start(), sentences)})
    return out


def _high(row: dict) -> float | None:
    if not row.get("value_high"):
        return None
    value, base = float(row["value"]), float(row["value_base"])
    return float(row["value_high"]) * (base / value if value else 1.0)


def _period_relation(target: str, outcome: str) -> str:
    """``same``, ``part`` (2020H2 target, 2020 outcome) or ``""`` (not comparable)."""
    if target == outcome and target:
        return "same"
    if re.fullmatch(r"\d{4}(H[12]|Q[1-4])", target or "") and outcome == target[:4]:
        return "part"
    return ""


def _compatible(t: dict, o: dict) -> bool:
    if t["measure"] != o["measure"]:
        return False
    if t["measure"] in ("level", "abs_change"):
        return mapping.unit_family(t["unit"]) == mapping.unit_family(o["unit"])
    return t["unit"] == o["unit"]


def candidates(target: dict, outcomes: list[dict], order: dict[str, int]) -> list[dict]:
    """Outcomes that can answer ``target``, best first.

    Another report of the place, the same key, a compatible measure and a period that
    covers the target's; ranked by period (same before part), how surely the key was
    found (the mapping before words), the outcome report's order, then position.
    """
    found = [o for o in outcomes if o["report_id"] != target["report_id"] and target["key"]
             and o["key"] == target["key"] and _compatible(target, o)
             and _period_relation(target["period"], o["period"])]
    return sorted(found, key=lambda o: (_period_relation(target["period"], o["period"]) != "same",
                                        _KEY_RANK[o["how"]], order[o["report_id"]], o["start"]))


def _qualifier(item: dict) -> str:
    """The target's qualifier and wording: ``more_than``, ``about;strive`` (力争), ``exact;ensure`` (确保)."""
    kind = "strive" if item["modal"] in terms().get("strive", {}) else "ensure" if item["modal"] else ""
    return f"{item['qualifier']};{kind}" if kind else item["qualifier"]


def _row(place_id: str, key: str, target: dict | None, outcome: dict | None, verdict: str, reason: str,
         confidence: float) -> dict:
    t, o = target or {}, outcome or {}
    return {"place_id": place_id, "indicator_id": key, "target_report_id": t.get("report_id"),
            "target_start": t.get("start"), "target_end": t.get("end"), "target_text": t.get("text"),
            "target_qualifier": _qualifier(t) if t.get("qualifier") else None,
            "target_period": t.get("period"), "outcome_report_id": o.get("report_id"),
            "outcome_start": o.get("start"), "outcome_end": o.get("end"), "outcome_text": o.get("text"),
            "outcome_period": o.get("period"), "verdict": verdict, "reason": reason,
            "confidence": round(confidence, 2)}


def _judged(t: dict, cands: list[dict], lower: frozenset) -> dict:
    """The link row of a target and its best outcome, with verdict, reason and confidence."""
    best = cands[0]
    same = _period_relation(t["period"], best["period"]) == "same"
    verdict, reason = verdicts.judge({**t, "text_zh": t["text"] + _QUAL_TEXT.get(t["qualifier"], "")}, best,
                                     t["key"] in lower, same)
    confidence = 1.0 - 0.1 * max(_KEY_RANK[t["how"]], _KEY_RANK[best["how"]])
    if t["how"] == "words" or best["how"] == "words":
        reason += f"; indicator matched by the report's words ({t['key'].removeprefix('phrase:')})"
    rivals = {c["value"] for c in cands if c["report_id"] == best["report_id"]} - {best["value"]}
    if rivals:
        confidence -= 0.3
        reason += f"; {len(rivals)} other value(s) of this indicator in {best['report_id']}"
    if not any(ch.isdigit() for ch in best["text"]):
        reason += f"; the outcome is stated in words ({best['text']}, read as 0%)"
    if best["estimate"]:
        confidence -= 0.1
        reason += f"; the outcome is an estimate or preliminary figure ({best['estimate']})"
    if t["modal"]:
        reason += f"; the target is worded {t['modal']}"
    if verdict == "unclear":
        confidence = min(confidence, 0.5)
    return _row(t["place_id"], t["key"], t, best, verdict, reason, confidence)


def _unanswered(t: dict, outcomes: list[dict]) -> dict:
    covering = sorted({o["report_id"] for o in outcomes if o["report_id"] != t["report_id"]
                       and _period_relation(t["period"], o["period"])})
    if not covering:
        return _row(t["place_id"], t["key"], t, None, "no_outcome",
                    f"no other report of this place in the run states outcomes for {t['period']}", 1.0)
    other = [o for o in outcomes if o["key"] == t["key"] and t["key"] and o["report_id"] in covering]
    reason = (f"no outcome of {t['key'] or 'this (unmapped) indicator'} as {t['measure']} for {t['period']} "
              f"in {', '.join(covering)}")
    if other:
        reason += f" (only another measure: {other[0]['text']} as {other[0]['measure']})"
    return _row(t["place_id"], t["key"], t, None, "no_outcome", reason, 0.8)


def absent_targets(rep: LinkReport, dictionary: mapping.Dictionary) -> list[dict]:
    """Targets a report says it does not set ("今年不设GDP增长目标"), one item per clause.

    The clause holding an ``absent`` word of ``linking_terms.csv`` is the span; the
    longest dictionary phrase in it names the indicator (empty when none does).
    """
    simple = normalize.to_simplified(rep.text)
    out = []
    for word in terms().get("absent", {}):
        for m in re.finditer(re.escape(word), simple):
            a = max(simple.rfind(ch, 0, m.start()) for ch in ",;。:\n") + 1
            ends = [i for i in (simple.find(ch, m.end()) for ch in ",;。\n") if i >= 0]
            b = min(ends) if ends else len(simple)
            hit = dictionary.longest_in(simple[a:b])
            if "目标" in simple[m.end():b] or "指标" in simple[m.end():b]:
                out.append({"report_id": rep.meta.report_id, "start": a, "end": b, "text": rep.text[a:b],
                            "period": rep.meta.period_plan or "", "key": hit[0] if hit else ""})
    return sorted({(i["start"], i["key"]): i for i in out}.values(), key=lambda i: i["start"])


def link(reports: list[LinkReport], dictionary: mapping.Dictionary) -> pd.DataFrame:
    """Link every target of ``reports`` to an outcome of another report of the same place.

    Parameters
    ----------
    reports : list of LinkReport
        Reports of one or more places, in any order.
    dictionary : Dictionary
        The indicator dictionary (:func:`cnreport.clean.read_dictionary`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LINK_COLUMNS`, one row per target (``met``, ``missed``, ``unclear``
        or ``no_outcome``), per explicitly absent target (``absent``) and per outcome
        of a targeted period that no target asked for (``no_target``). Sorted by place,
        then target report and offset, then outcome report and offset.
    """
    lower = frozenset(terms().get("lower_is_better", {}))
    ordered = sorted(reports, key=lambda r: (r.meta.place_zh, r.meta.period_actual or r.meta.period_plan or "",
                                             r.meta.report_id))
    order = {r.meta.report_id: i for i, r in enumerate(ordered)}
    rows = []
    every = [i for r in ordered for i in report_items(r, dictionary) + word_outcomes(r, dictionary)]
    for place in sorted({r.meta.place_zh for r in ordered} | {i["place_zh"] for i in every}):
        reps = [r for r in ordered if r.meta.place_zh == place]
        items = [i for i in every if i["place_zh"] == place]
        targets = [i for i in items if i["status"] == "target"]
        outcomes = [i for i in items if i["status"] == "actual"]
        used: set[tuple] = set()
        for t in targets:
            cands = candidates(t, outcomes, order)
            rows.append(_judged(t, cands, lower) if cands else _unanswered(t, outcomes))
            if cands:
                used.add((cands[0]["report_id"], cands[0]["start"], cands[0]["key"]))
        place_id = items[0]["place_id"] if items else reps[0].meta.report_id.split("_")[0] if reps else place
        for r in reps:
            for a in absent_targets(r, dictionary):
                found = sorted((o for o in outcomes if a["key"] and o["key"] == a["key"] and o["report_id"] != r.meta.report_id
                                and _period_relation(a["period"], o["period"])),
                               key=lambda o: (o["measure"] != "growth_pct", order[o["report_id"]], o["start"]))
                if found:
                    used.add((found[0]["report_id"], found[0]["start"], found[0]["key"]))
                rows.append(_row(place_id, a["key"], {**a, "qualifier": "absent", "modal": ""},
                                 found[0] if found else None, "absent",
                                 f"the report says it sets no target here: {a['text']}", 0.9))
        setting = {(t["report_id"], t["period"]) for t in targets}
        setting |= {(r.meta.report_id, r.meta.period_plan) for r in reps if r.meta.period_plan}
        periods = {p for _, p in setting} | {p[:4] for _, p in setting}
        for o in outcomes:
            own = any(rid == o["report_id"] and o["period"] in (p, p[:4]) for rid, p in setting)
            if o["period"] in periods and not own and (o["report_id"], o["start"], o["key"]) not in used:
                rows.append(_row(o["place_id"], o["key"], None, o, "no_target",
                                 f"no target of this place for {o['key'] or 'this (unmapped) indicator'} "
                                 f"as {o['measure']} in {o['period']}", 0.8))
    frame = pd.DataFrame(rows, columns=list(LINK_COLUMNS))
    offsets = ["target_start", "target_end", "outcome_start", "outcome_end"]
    frame[offsets] = frame[offsets].astype("Int64")
    return frame
