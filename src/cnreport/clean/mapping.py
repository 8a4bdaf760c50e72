"""Turn extracted rows into tidy facts with canonical bilingual indicator names.

The extractor names each number with the report's own phrase (``indicator_zh``:
"完成一般公共预算收入", "──城镇居民人均可支配收入"). This module maps that phrase to a canonical
indicator of ``clean/dictionary/indicators.csv`` (data, not code) and writes one row per fact in
base units, each still pointing at its characters in the raw report.

How a row is mapped, in order (the ``mapping`` column records which step did it):

``counter_noun``
    A count followed directly by the noun it counts ("9家企业入围…", "12个考核断面
    水质达标率", "5所学校通过…"): the words after the number name the indicator,
    not the phrase before it.
``exact``
    The cleaned phrase is one of the dictionary's phrases.
``contains``
    The longest dictionary phrase contained in the cleaned phrase.
``respective``
    Several numbers share one phrase that lists as many subjects ("A、B分别为x和y",
    "轻、重工业增加值", "第一、二、三产业", "城乡居民人均可支配收入" -> urban, rural:
    :func:`cnreport.clean.sentences.expand_enumeration`) or an indicator with components (三次产业结构 4.3:51.9:43.8 ->
    primary, secondary and tertiary shares): the i-th number goes to the i-th subject.
``inherited``
    A phrase that names a comparison, not a subject ("降幅比一季度收窄", "两年平均",
    "比年初", "调整为"): the subject of the previous number in the same sentence, when the
    row is a change or a share, never a level, and never when the phrase names a new
    subject (:func:`cnreport.clean.sentences.is_carry_over`).

A ratio or pull of a name ("工业增加值率", "…的贡献率", "拉动…") maps only to a rate
(:func:`cnreport.clean.sentences.rate_after`). ``subject`` names another place the sentence
gives the figure for ("高于全国(2.3%)", "比全省高": :mod:`cnreport.clean.subjects`).
``variant``
    The phrase without decoration (place and period words, 实现/完成/累计, spaces and
    line breaks: "全市实现财政总收入" -> "财政总收入") is, or contains, a dictionary phrase.
``lead``
    The extractor gave no phrase (a name split by a line break, a table cell): the words
    before the number in its clause, rejoined, name the indicator.
``breakdown``
    A breakdown by bare categories after the paragraph's topic ("固定资产投资增长7.0%。
    分产业看,第一、二、三产业分别增长…"): the categories take the topic's head noun
    (第一产业投资 ...).
``unmapped``
    Nothing matched. The row is kept with an empty ``indicator_id`` and listed for review.

A number that applies to several subjects becomes several rows (``split``):
``each`` when the text says 各 ("绿色品牌、有机品牌各3个"), ``shared_rate`` when a
rate or share follows a list of subjects that each map on their own
("受污染耕地安全利用率、污染地块安全利用率达90%"). Amounts after a list are
totals ("减免各类房租、电费8772万元") and are not split.
"""

from __future__ import annotations

import re
from decimal import Decimal

from cnreport.clean import sentences, subjects
from cnreport.clean.indicators import (  # noqa: F401  (re-exported: the mapping API)
    DICTIONARY,
    DICTIONARY_COLUMNS,
    SECTORS,
    Dictionary,
    Indicator,
    clean_phrase,
    read_dictionary,
    unit_family,
)
from cnreport.clean.subjects import row_subjects  # noqa: F401  (re-exported: the mapping API)
from cnreport.core.files import ReportMeta

MAPPINGS = ("counter_noun", "exact", "contains", "variant", "lead", "respective", "inherited", "breakdown",
            "unmapped")
SPLITS = ("each", "shared_rate")

COLUMNS = ("report_id", "geo_id", "place_zh", "place_en", "genre", "period", "status", "indicator_id",
           "indicator_en", "indicator_zh", "sector", "measure", "value", "value_high", "unit", "qualifier",
           "source_start", "source_end", "source_text", "section", "subject", "indicator_phrase", "mapping", "split",
           "value_as_written", "unit_as_written")

# The clause after a number ends at these; "、" does not end it ("6家省、市级集聚区").
_CLAUSE_STOP = re.compile(r"[,;。:!?\n]")
_TAIL_CHARS = 30
# A number followed by these is not followed by the noun it measures (以上, 左右, 的 ...).
_NOT_A_NOUN_START = set("的以左多余次及和与或等之共为")
# Phrases that restate the previous subject (按当年汇率折算, 调整为, 区本级) rather than name one.
_RESTATING = ("折算", "调整", "本级")
_CHANGE_MEASURES = {"growth_pct", "pp_change", "abs_change", "share_pct", "rate_pct", "growth_avg_pct", "plan_progress_pct",
                    "contribution_pct"}
_IN_SHARE = re.compile(r"在.+中(?:的|所)?(?:占|比重)")
_BASIS = re.compile(r"按[^,;。]*?(?:计算|折算)的?")
_BREAK = re.compile(r"\n\s*\n|\n\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、])")


def counter_tail(source: str, row: dict) -> str:
    """The noun right after a level, in the matching form, or ``""``.

    Chinese puts a counted noun after its number and measure word: "9家企业入围…",
    "12个考核断面", "150公里乡村道路安全防护提升工程". Then the words after the number
    name what it measures, not the phrase before it. For "新增上云企业200家。" nothing
    follows in the clause. "以上", "左右", "的" and the like do not start a noun.
    """
    if row["measure"] != "level":
        return ""
    end = int(row["end"])
    if not ("\u3400" <= source[end:end + 1] <= "\u9fff"):
        return ""
    tail = _CLAUSE_STOP.split(clean_phrase(source[end:end + _TAIL_CHARS]), maxsplit=1)[0]
    if not tail or tail[0] in _NOT_A_NOUN_START:
        return ""
    return tail


def _subject(phrase: str) -> str:
    """The subject of a share phrase: "研发投入占地区生产总值比重" -> "研发投入".

    In "X占Y(的)比重" and "X在Y中的占比" (高新技术产业产值在规模工业产值中的占比) the number
    measures X; Y is only the denominator. A phrase that
    starts with 占 ("占全县生产总值42.7%") names no subject of its own: ``""``.
    """
    if _IN_SHARE.search(phrase):
        return phrase.split("在", 1)[0]
    return phrase.split("占", 1)[0]


def _items(phrase: str) -> list[str]:
    return [p for p in phrase.split("、") if p]


def _geo(meta: ReportMeta, geos: list[dict]) -> tuple[str, str]:
    """``(geo_id, geo_en)`` for a report's place.

    A benchmark geography whose Chinese name ends the report's ``place_zh`` is the
    same place ("江苏省南通市通州区" ends with "南通市通州区" -> ``tz``). Other places
    get the first word of the report id ("qidong_2020_plan" -> ``qidong``).
    """
    for geo in sorted(geos, key=lambda g: -len(g["geo_zh"])):
        if geo["geo_zh"] and meta.place_zh.endswith(geo["geo_zh"]):
            return geo["geo_id"], geo["geo_en"]
    return meta.report_id.split("_")[0], meta.place_en


def _base_high(row: dict) -> str:
    """``value_high`` in base units, scaled and signed like ``value_base``."""
    if not row["value_high"]:
        return ""
    value, base = Decimal(row["value"]), Decimal(row["value_base"])
    if value == 0:
        return row["value_high"]
    return _plain(Decimal(row["value_high"]) * base / value)


def _plain(d: Decimal) -> str:
    text = format(d.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def map_report(rows: list[dict], source: str, meta: ReportMeta, dictionary: Dictionary,
               geos: list[dict]) -> list[dict]:
    """Map one report's extracted rows to facts (see the module docstring for the rules).

    Parameters
    ----------
    rows : list of dict
        Extracted rows of one report (:data:`cnreport.extract.COLUMNS`), in text order.
    source : str
        The decoded raw text the offsets refer to.
    meta : ReportMeta
        The report's metadata (place, genre).
    dictionary : Dictionary
        The indicator dictionary.
    geos : list of dict
        Benchmark geographies (``geo_id``, ``geo_zh``, ``geo_en``), to name the place.

    Returns
    -------
    list of dict
        Facts keyed by :data:`COLUMNS`, at least one per extracted row.
    """
    geo_id, _ = _geo(meta, geos)
    assigned = assign_indicators(rows, source, dictionary)
    places = subjects.row_subjects(rows, source, meta.place_zh)
    facts = []
    for row, targets, place in zip(rows, assigned, places, strict=True):
        for iid, phrase, how, split in targets:
            ind = dictionary.indicators.get(iid) if iid else None
            facts.append({
                "report_id": meta.report_id, "geo_id": geo_id, "place_zh": meta.place_zh,
                "place_en": meta.place_en, "genre": meta.genre, "period": row["period"],
                "status": row["status"], "indicator_id": iid or "",
                "indicator_en": ind.name_en if ind else "", "indicator_zh": ind.name_zh if ind else "",
                "sector": ind.sector if ind else "", "measure": row["measure"],
                "value": row["value_base"], "value_high": _base_high(row), "unit": row["unit_base"],
                "qualifier": row["qualifier"], "source_start": int(row["start"]), "source_end": int(row["end"]),
                "source_text": row["text"], "section": row["section"], "subject": place or meta.place_zh,
                "indicator_phrase": phrase, "mapping": how, "split": split, "value_as_written": row["value"],
                "unit_as_written": row["unit"],
            })
    return facts


def assign_indicators(rows: list[dict], source: str, dictionary: Dictionary) -> list[list[tuple]]:
    """Per extracted row, its targets ``(indicator_id or None, phrase, mapping, split)``.

    One target per row, or several when one number applies to several subjects
    (``split`` = each, shared_rate). The rules are those of the module docstring.
    """
    leads = subjects.leads(rows, source)
    assigned: list[list[tuple]] = []
    prev: tuple[list[dict], list] | None = None
    topic: tuple[int, str] | None = None  # (end, indicator_id) of the last row that named its subject
    for group in _group(rows):
        result = _map_group(group, source, leads, dictionary)
        if all(r[0][0] is None for r in result) and prev is not None:
            inherited = _inherit(group, prev, source, dictionary)
            if inherited:
                result = inherited
        if all(r[0][0] is None for r in result) and topic and not _paragraph_break(source[topic[0]:int(group[0]["start"])]):
            result = _breakdown(group, topic[1], dictionary) or result
        named = [r[0] for r in result if r[0][0] and r[0][2] in ("exact", "contains", "variant")]
        if named:
            topic = (int(group[-1]["end"]), named[-1][0])
        assigned.extend(result)
        prev = (group, result)
    return assigned


def _paragraph_break(between: str) -> bool:
    """A blank line or a heading ("二、", "(三)", "3.") between two numbers: a new topic.

    A single line break between two characters of a sentence is a hard wrap of the
    page ("增\n长-39.7%"), not a break.
    """
    return _BREAK.search(between) is not None


def _breakdown(group: list[dict], topic_id: str, dictionary: Dictionary):
    """A breakdown by bare categories takes its head noun from the paragraph's topic.

    "固定资产投资增长7.0%。分产业看,第一、二、三产业分别同比增长64.6%、7.9%、3.5%": the
    sectors are sectors of investment, so "第一产业" + "投资" -> 第一产业投资 (``breakdown``).
    The head is a tail of the topic's Chinese name (投资 of 固定资产投资); the composed
    phrase must be a dictionary phrase exactly, one distinct indicator per number.
    """
    phrase = clean_phrase(group[0]["indicator_zh"])
    items = sentences.expand_enumeration(phrase, len(group)) if len(group) > 1 else [phrase]
    name = dictionary.indicators[topic_id].name_zh
    if not items or not all(items):
        return None
    for k in range(2, len(name)):
        ids = [dictionary.by_phrase.get(item + name[-k:]) for item in items]
        if all(ids) and len(set(ids)) == len(ids):
            return [[(iid, item + name[-k:], "breakdown", "")] for iid, item in zip(ids, items, strict=True)]
    return None


def _group(rows: list[dict]) -> list[list[dict]]:
    """Consecutive rows of one sentence that share one phrase, one measure and one unit."""
    groups: list[list[dict]] = []
    for row in rows:
        last = groups[-1][-1] if groups else None
        if (last is not None and last["indicator_zh"] == row["indicator_zh"] and last["sentence"] == row["sentence"]
                and last["measure"] == row["measure"] and last["unit_base"] == row["unit_base"]
                and row["indicator_zh"]):
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def _map_group(group: list[dict], source: str, leads: dict[int, str], dictionary: Dictionary) -> list[list[tuple]]:
    phrase = _strip_basis(clean_phrase(group[0]["indicator_zh"]))
    if len(group) > 1:
        candidates = [phrase] if dictionary.match(phrase) else [phrase, _strip_basis(subjects.joined(leads[int(group[0]["start"])]))]
        for candidate in candidates:
            respective = _respective(group, candidate, dictionary) if candidate else None
            if respective:
                return respective
    return [_map_row(row, phrase, leads[int(row["start"])], source, dictionary) for row in group]


def _strip_basis(phrase: str) -> str:
    """Drop a leading basis clause: "按常住人口、户籍人口计算的人均地区生产总值" -> "人均地区生产总值".

    The list inside 按…计算 names bases, not subjects, so it is not spread over the numbers.
    """
    m = _BASIS.match(phrase)
    return phrase[m.end():] if m and phrase[m.end():] else phrase


def _respective(group: list[dict], phrase: str, dictionary: Dictionary):
    """Assign the i-th number to the i-th subject or component, when the counts agree."""
    whole = dictionary.match(phrase)
    if whole and whole[1] == "exact":
        comps = dictionary.indicators[whole[0]].components
        if len(comps) == len(group):
            return [[(comp, phrase, "respective", "")] for comp in comps]
    items = sentences.expand_enumeration(phrase, len(group))
    if items:
        hits = [_match_any(_subject(item), None, dictionary) for item in items]
        if all(hits) and len({h[0] for h in hits}) == len(hits):
            return [[(h[0], item, "respective", "")] for h, item in zip(hits, items, strict=True)]
    if whole:
        comps = dictionary.indicators[whole[0]].components
        if len(comps) == len(group):
            return [[(comp, phrase, "respective", "")] for comp in comps]
    return None


def _match_any(phrase: str, unit: str | None, dictionary: Dictionary) -> tuple[str, str] | None:
    """Exact, contained, then the undecorated variant (``variant``)."""
    hit = dictionary.match(phrase, unit)
    if hit:
        return hit
    plain = sentences.variant(phrase)
    if plain and plain != phrase:
        hit = dictionary.match(plain, unit)
        if hit:
            return hit[0], "variant"
    return None


def _map_row(row: dict, phrase: str, lead: str, source: str, dictionary: Dictionary) -> list[tuple]:
    unit = row["unit_base"] if row["measure"] in ("level", "abs_change") else None
    tail = counter_tail(source, row)
    if tail:
        found = dictionary.longest_in(tail, unit)
        if found:
            return [(found[0], tail, "counter_noun", "")]
    items = _items(phrase)
    if len(items) > 1 and not dictionary.exact(phrase, unit):
        hits = [dictionary.match(item, unit) for item in items]
        distinct = all(hits) and len({h[0] for h in hits}) == len(hits)
        if distinct and row["qualifier"] == "each":
            return [(h[0], item, h[1], "each") for h, item in zip(hits, items, strict=False)]
        if distinct and row["measure"] in ("rate_pct", "share_pct"):
            return [(h[0], item, h[1], "shared_rate") for h, item in zip(hits, items, strict=False)]
    if not _restating(phrase):
        hit = dictionary.exact(phrase, unit)
        if hit:
            return [(hit, phrase, "exact", "")]
        hit = _match_any(_subject(phrase), unit, dictionary)
        if hit:
            return [(hit[0], phrase, hit[1], "")]
    joined = subjects.joined(lead)
    if joined != phrase and not sentences.is_carry_over(joined) and (not phrase or phrase in joined):
        # the phrase was cut short (a line break, "(当年价)"): read the whole clause before the number
        hit = _match_any(_subject(joined), unit, dictionary)
        if hit:
            return [(hit[0], joined, "lead", "")]
    return [(None, phrase or tail, "unmapped", "")]


def _restating(phrase: str) -> bool:
    """A phrase that restates the previous subject on another basis: "按常住人口计算",
    "按当年汇率折算", "调整为", "(区本级"."""
    return phrase.startswith("按") or any(word in phrase for word in _RESTATING)


def _inherit(group: list[dict], prev: tuple[list[dict], list], source: str, dictionary: Dictionary):
    """Give a subject-less group the subject of the previous group in the same sentence.

    Only when the phrase carries the subject over (a comparison: "同比", "两年平均",
    "比年初"), never when it names something else ("收入分别增长x%、y%"). A pull after a
    contribution rate ("贡献率为6.6%,拉动GDP 0.2个百分点") is the same sector's pull.
    """
    prev_group, prev_result = prev
    between = source[int(prev_group[-1]["end"]):int(group[0]["start"])]
    if "。" in between or _paragraph_break(between):
        # a new sentence or paragraph; a ";"-clause ("…增长12.8%;两年平均增长6.0%") goes on
        return None
    phrase = clean_phrase(group[0]["indicator_zh"])
    ids = [targets[0][0] for targets in prev_result]
    pull = bool(ids[0]) and ids[0].endswith("_contribution") and "拉动" in phrase
    if len(set(ids)) == 1 and pull and ids[0].replace("_contribution", "_pull") in dictionary.indicators:
        # "第一产业对经济增长的贡献率为6.6%,拉动GDP 0.2个百分点": the same sector's pull
        iid = ids[0].replace("_contribution", "_pull")
        return [[(iid, phrase, "inherited", "")] for _ in group]
    restating = _restating(phrase)
    share_of_previous = phrase.startswith(("占", "所占")) and all(r["measure"] == "share_pct" for r in group)
    if not (restating or share_of_previous or sentences.is_carry_over(phrase)):
        return None
    if len(group) == len(prev_group) > 1 and prev_result[0][0][2] == "respective" and all(ids):
        # "三次产业结构由 4.6:45.7:49.7 调整为 4.3:51.9:43.8": the same components again.
        return [[(iid, targets[0][1], "inherited", "")] for iid, targets in zip(ids, prev_result, strict=False)]
    if len(set(ids)) == 1 and ids[0] and (restating or all(r["measure"] in _CHANGE_MEASURES for r in group)):
        return [[(ids[0], prev_result[-1][0][1], "inherited", "")] for _ in group]
    return None


def benchmark_geos(benchmarks: list[dict]) -> list[dict]:
    """The distinct geographies of the benchmark rows (``geo_id``, ``geo_zh``, ``geo_en``, ``level``)."""
    seen: dict[str, dict] = {}
    for row in benchmarks:
        seen.setdefault(row["geo_id"], {k: row[k] for k in ("geo_id", "geo_zh", "geo_en", "level")})
    return [seen[k] for k in sorted(seen)]


def sort_key(fact: dict) -> tuple:
    """Deterministic order: report, position in the text, then subject."""
    return fact["report_id"], int(fact["source_start"]), fact["indicator_id"], fact["indicator_phrase"]
