"""The report's own comparison statements: "增长1.6%,高于全国和全省,接近南通平均水平".

Local reports often compare a rate with the country, the province or the city in
words, without the other number. Such a statement is evidence in its own right
(it is the publisher's claim, not ours), and it can stand in for a benchmark that
is missing from our collection. :func:`own_comparisons` finds them by rule.
"""

from __future__ import annotations

import re

import pandas as pd

from cnreport.core.normalize import to_simplified

#: Comparison verbs and what they say (Simplified; longer first where one contains another).
VERBS = {"略高于": "above", "高于": "above", "快于": "above", "好于": "above", "优于": "above", "领先于": "above",
         "略低于": "below", "低于": "below", "慢于": "below", "落后于": "below",
         "接近": "close to", "持平于": "level with", "与全国持平": "level with"}
#: An object of comparison names a larger area or an average: 全国, 全省, 全市, 南通平均水平, 全省平均.
_SCOPE = re.compile(r"全国|全省|全市|全区|平均|省|市")
_CLAUSE_END = re.compile(r"[，,。；;：:！!？?\n]")
_GLOSS = re.compile(r"\([a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]{1,7}\)")


def own_comparisons(report_id: str, text: str, facts: pd.DataFrame) -> pd.DataFrame:
    """Every statement comparing a rate of the report with a larger area, in words.

    Rule: a comparison verb (:data:`VERBS`) at the start of a clause whose object
    names a wider area or an average (全国, 全省, 全市, …平均水平) and that follows,
    in the same sentence, a growth rate of the report. The subject is the nearest
    such rate before it. Example (Qidong, 2020 H1): "地区生产总值增长1.6%,高于全国和全省,
    接近南通平均水平" gives two rows, "above: 全国和全省" and "close to: 南通平均水平",
    both about GDP growth of 1.6%.

    Parameters
    ----------
    report_id : str
        The report.
    text : str
        Its text as published (Traditional and mirror pinyin glosses are handled).
    facts : DataFrame
        Its rows of ``indicators`` (``source_start``, ``source_end``, ``measure``,
        ``indicator_id``, ``indicator_en``, ``value``, ``source_text``).

    Returns
    -------
    DataFrame
        ``report_id``, ``start``, ``end`` (the clause in ``text``), ``text``,
        ``relation`` (above, below, close to, level with), ``compared_with`` (the
        object, Simplified, glosses removed), ``indicator_id``, ``indicator_en``,
        ``value``, ``value_source`` (``report@start-end`` of the rate).
    """
    simple = to_simplified(text)
    rates = facts[(facts["report_id"] == report_id) & (facts["measure"] == "growth_pct")].sort_values("source_start")
    verbs = "|".join(sorted(map(re.escape, VERBS), key=len, reverse=True))
    rows = []
    for m in re.finditer(rf"(?<=[，,])\s*({verbs})", simple):
        end_m = _CLAUSE_END.search(simple, m.end())
        end = end_m.start() if end_m else len(simple)
        obj = _GLOSS.sub("", simple[m.end(1):end]).strip()
        if not _SCOPE.search(obj):
            continue
        sentence = max(simple.rfind(c, 0, m.start()) for c in "。；;\n")
        before = rates[(rates["source_end"] <= m.start()) & (rates["source_start"] > sentence)]
        if before.empty:
            continue
        r = before.iloc[-1]
        rows.append({"report_id": report_id, "start": m.start(1), "end": end, "text": text[m.start(1):end],
                     "relation": VERBS[m.group(1)], "compared_with": obj, "indicator_id": r["indicator_id"],
                     "indicator_en": r["indicator_en"], "value": r["value"],
                     "value_source": f"{report_id}@{int(r['source_start'])}-{int(r['source_end'])}"})
    cols = ["report_id", "start", "end", "text", "relation", "compared_with", "indicator_id", "indicator_en", "value",
            "value_source"]
    return pd.DataFrame(rows, columns=cols)


def prefecture_prefix(place_zh: str) -> str:
    """The province and prefecture part of a Chinese place name: 江苏省南通市通州区 -> 江苏省南通市.

    Returns "" when the name has no prefecture part (江苏省, 北京市通州区, 中国).
    """
    m = re.match(r"^(.{2,3}?(?:省|自治区)?.+?(?:市|自治州|地区|盟))(?=.)", place_zh)
    if not m or m.group(1) in ("北京市", "天津市", "上海市", "重庆市"):
        return ""
    return m.group(1)


def comparisons_near(texts: dict[str, str], facts: pd.DataFrame, places: dict[str, str], place_zh: str) -> pd.DataFrame:
    """:func:`own_comparisons` of every report whose place shares the prefecture of ``place_zh``.

    A neighbour's statement ("接近南通平均水平") can stand in for a city figure that our
    benchmarks lack; the report's own statements are included.

    Parameters
    ----------
    texts : dict
        ``report_id`` -> text.
    facts : DataFrame
        The ``indicators`` table.
    places : dict
        ``report_id`` -> ``place_zh`` (metadata).
    place_zh : str
        The report's place.

    Returns
    -------
    DataFrame
        As :func:`own_comparisons`, for every such report, sorted by report and offset.
    """
    prefix = prefecture_prefix(place_zh)
    ids = sorted(r for r in texts if r in places and (places[r] == place_zh or (prefix and places[r].startswith(prefix))))
    frames = [own_comparisons(r, texts[r], facts) for r in ids]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return own_comparisons(ids[0] if ids else "", "", facts.iloc[0:0])
    return pd.concat(frames, ignore_index=True)
