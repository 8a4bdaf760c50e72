"""Whose figure is it: the report's place, or another place the sentence names.

Local reports quote other places next to their own: "GDP增速高于全国(2.3%)、省(3.1%)",
"增幅高于全省平均水平1.5个百分点", "全国居民消费价格上涨2.5%", or list towns one by one
("其中,金沙镇完成12.3亿元"). Such numbers keep their indicator but not the report's
place: :func:`subject_of` names the place (``全国``, ``全省``, ``全市``, a town), and a
place word that is the report's own level ("全市" in a city's report) is the report.

The rule reads only the words between the previous number of the sentence (or the start
of the clause) and the number itself, so a place named earlier in the sentence does not
leak into later clauses; a place after 占 is a denominator ("占全省的比重"), not a subject.
"""

from __future__ import annotations

import re

from cnreport.clean import sentences
from cnreport.clean.indicators import clean_phrase

# Aggregates named by 全 + level, and the bare level after an enumeration mark ("全国(x)、省(y)").
_LEVELS = "国省市州盟县区旗镇"
_AGGREGATE = re.compile(rf"(?<!占)(?<!占了)(全[{_LEVELS}]|国家|(?<=[、和及与(（])[省市])"
                        r"(?:平均水平|平均|水平|同期|的)?")
# The place directly before the number: "高于全国(", "全省为", "比全省高", "全国平均增长".
_BEFORE_NUMBER = re.compile(
    rf"(?:(?<!占)(全[{_LEVELS}]|国家)|(?<=[、和及与(（])([省市]))"
    r"(?:平均水平|平均|水平|同期)?(?:为|是|增长|增速|增幅|下降|上涨|高|低|快|慢|多|少)?[(（]?\s*$")
# A comparison with a place: "比全省高", "高于全省平均水平", "快于全市".
_COMPARED = re.compile(rf"(?:比|较|高于|低于|快于|慢于|超过|超出|领先)(全[{_LEVELS}]|国家|[省市])")
# A clause that starts with a place: "全国居民消费价格上涨…", "其中,金沙镇完成…".
_PERIOD = r"(?:今年以来|前三季度|上半年|全年|[一二三四]季度|\d+(?:—|-|~)?\d*月(?:份)?)?"
_CLAUSE_START = re.compile(rf"^(?:其中|另外|此外)?[,:]?\s*{_PERIOD}(全[{_LEVELS}](?!上下)|国家)")
_TOWN = re.compile(r"^(?:其中|另外|此外)?[,:]?\s*([\u4e00-\u9fff]{2,4}?(?:镇|乡|街道))(?=[\u4e00-\u9fff])")
_NOT_TOWN = ("城乡", "乡镇", "全", "我", "本", "各", "农村", "城镇", "乡村", "新乡村")
# A narrower scope of the report's own place: "(区本级1976.7亿元)", "县本级", "县属实现生产总值"
# (units the county owns, without central and provincial enterprises).
_SCOPE = re.compile(r"[区县市州旗]?本级|(?<![全我本])[区县市州旗]属(?=[\u4e00-\u9fff])")
_CLAUSE_STOP = re.compile(r"[,;。:!?\n]")
# How far back the words before a number are read (a clause is shorter).
LEAD_CHARS = 40


def own_level(place_zh: str) -> str:
    """The administrative level word of a place: "湖南省岳阳市岳阳县" -> "县"."""
    for ch in reversed(place_zh.strip()):
        if ch in _LEVELS:
            return ch
    return ""


def _name(word: str, level: str) -> str:
    """Normalise a place word: 省 -> 全省, 国家 -> 全国; the report's own level -> ``""``."""
    word = {"国家": "全国", "省": "全省", "市": "全市"}.get(word, word)
    return "" if level and word == "全" + level else word


def subject_of(lead: str, place_zh: str) -> str:
    """The place a number is about, from the words just before it (``""`` = the report's place).

    Parameters
    ----------
    lead : str
        Text from the previous number of the sentence (or the start of the clause) up to
        the number: "GDP增速高于全国(" -> ``全国``; "%)、省(" -> ``全省``;
        "比全省高" -> ``全省``; "全国居民消费价格上涨" -> ``全国``; "其中,金沙镇完成" -> ``金沙镇``;
        "(区本级" -> ``区本级`` (the district government's own part of the total).
    place_zh : str
        The report's place ("江西省萍乡市"): its level word ("市") makes "全市" the report.

    Returns
    -------
    str
        The other place's name, or ``""`` when the number is the report's own.
    """
    level = own_level(place_zh)
    clause = _CLAUSE_STOP.split(lead)[-1] if _CLAUSE_STOP.search(lead) else lead
    for pattern in (_BEFORE_NUMBER, _COMPARED):
        m = pattern.search(lead if pattern is _BEFORE_NUMBER else clause)
        if m:
            return _name(next(g for g in m.groups() if g), level)
    m = _SCOPE.search(clause)
    if m:
        return m.group(0)
    m = _CLAUSE_START.search(clause)
    if m:
        return _name(m.group(1), level)
    m = _TOWN.search(clause)
    if m and not any(bad in m.group(1) for bad in _NOT_TOWN):
        return m.group(1)
    return ""


def lead_text(source: str, start: int, floor: int) -> str:
    """The words before a number: from ``floor`` (previous number's end, or 0) to ``start``,
    cut at the last clause stop except when the stop is a line break inside a sentence."""
    text = source[floor:start]
    depth, cut = 0, -1
    for i in range(len(text) - 1, -1, -1):  # a stop inside "(GDP,当年价)" does not end the clause
        ch = text[i]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in ",;。:!?，；：":
            cut = i
            break
    return text[cut + 1:]


def leads(rows: list[dict], source: str) -> dict[int, str]:
    """Per row start, the words of its clause before it, after the previous number of the sentence."""
    out, prev_end, prev_sentence = {}, 0, None
    for row in rows:
        start = int(row["start"])
        floor = prev_end if row["sentence"] == prev_sentence else 0
        out[start] = lead_text(source, start, max(floor, start - LEAD_CHARS))
        prev_end, prev_sentence = int(row["end"]), row["sentence"]
    return out


def joined(lead: str) -> str:
    """The clause before a number in matching form, words broken by line ends rejoined."""
    return clean_phrase(re.sub(r"\s+", "", lead))


def row_subjects(rows: list[dict], source: str, place_zh: str) -> list[str]:
    """Per extracted row, the other place it is about (``""`` = the report's place).

    Each row is read with :func:`subject_of`; a row whose words only restate a comparison
    keeps the part named just before in its sentence ("其中本级实现1119.28亿元,增长7.5%": the
    growth is the 本级 part's too), but not an aggregate such as 全省 named for a gap.
    """
    words = leads(rows, source)
    out: list[str] = []
    for i, row in enumerate(rows):
        place = subject_of(words[int(row["start"])], place_zh)
        prev = out[-1] if out else ""
        if (not place and prev and not prev.startswith("全") and rows[i - 1]["sentence"] == row["sentence"]
                and sentences.is_carry_over(joined(words[int(row["start"])]))):
            place = prev
        out.append(place)
    return out
