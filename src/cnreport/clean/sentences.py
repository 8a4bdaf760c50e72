"""Rules about the language of a sentence that decide what a number is about.

These rules read the words around a number, never one report's phrasing:

* :func:`expand_enumeration` spreads "A、B分别增长x%、y%" and its shared-head and
  compound forms ("第一、二、三产业增加值", "城乡居民人均可支配收入", "存贷款余额")
  over one phrase per number, in order;
* :func:`is_carry_over` tells a phrase that only restates the basis of a comparison
  ("同比", "两年平均", "比年初", "增幅高于全省平均水平") from one that names a new
  subject, so that inheritance never crosses a change of subject;
* :func:`rate_after` finds the "rate of" that turns a level into a ratio
  ("工业增加值率", "三次产业的贡献率"), so that a ratio never maps to the level;
* :func:`variant` drops the verbs, place words and period words that decorate an
  indicator name ("全市实现财政总收入" -> "财政总收入").

The compound words (城乡 -> 城镇, 农村 ...) are data: ``clean/dictionary/compounds.csv``.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from cnreport.core import paths

COMPOUNDS = paths.package_file("cnreport.clean", "dictionary", "compounds.csv")

# "第一、二、三产业", "一、二、三次产业增加值", "第二、三产业": ordinals sharing 产业.
_ORDINALS = re.compile(r"第?([一二三])(?:、|和|与)?第?([一二三])(?:(?:、|和|与)?第?([一二三]))?次?产业")
# Words that state the basis or the direction of a comparison, not a subject.
_COMPARISON = re.compile(
    r"同比|环比|比上年同期|比上年末|比上年|比去年同期|比去年|比年初|比同期|较上年|较去年|较年初|较同期|"
    r"比\d{4}年(?:同期)?|比上半年|比一季度|比二季度|比三季度|比前三季度|比\d+(?:—|-|~)?\d*月(?:份)?|"
    r"同期|上年|去年|[区县市]本级|当年价|现价|可比价|不变价|两年平均|年均|平均|同口径|可比口径|按可比价格计算|按可比价计算|"
    r"增长|增速|增幅|下降|降幅|回落|回升|提高|提升|加快|放缓|收窄|扩大|减少|增加|多增|少增|"
    r"高于|低于|快于|慢于|超过|超出|持平|其中|分别|预计|下同|逐月|逐步|回落到|降至|升至|已|但|总量|"
    r"完成|全年|年度|年初|人代会|确定|调控|目标|任务|计划|进度|序时|"
    r"全国|全省|全市|全州|全县|全区|省|市|平均水平|水平|水准|个百分点|百分点|"
    r"一季度|二季度|三季度|四季度|上半年|前三季度|全年|\d+(?:—|-|~)?\d*月(?:份)?|"
    r"[比较为达是的和与及、,,;:()（）\s\d.%-]")
# Verbs, place and period words that decorate an indicator name.
_DECORATION = re.compile(
    r"^(?:全年|今年|上半年|前三季度|一季度|[1-9]\d?(?:—|-|~)\d+月(?:份)?|[1-9]\d?月(?:份)?|"
    r"全市|全县|全区|全州|全盟|全旗|全镇|我市|我县|我区|我州|本市|本县|本区|共计|共|累计|预计|达到|达|"
    r"全社会(?=用电))+|实现|完成|累计")
# "第一产业对全县地区生产总值的贡献率" -> "第一产业贡献率": the object of 对 is the whole.
_TOWARDS = re.compile(r"对[^对,;。]{1,16}?的?(贡献率|拉动)")
# A per-unit prefix makes a ratio of the name after it (亩均税收, 户均存款).
_PER_UNIT = re.compile(r"(?:亩均|人均|户均|地均|单位)$")
# "率" after a name makes a ratio of it, except in the words for growth.
_GROWTH_RATE = ("增长率", "增速", "增幅", "增长速度")


@lru_cache(maxsize=1)
def compounds() -> dict[str, tuple[str, ...]]:
    """The compound words of ``compounds.csv``: ``{"城乡居民": ("城镇居民", "农村居民"), ...}``."""
    with COMPOUNDS.open(encoding="utf-8", newline="") as fh:
        return {row["compound"]: tuple(row["parts"].split("|")) for row in csv.DictReader(fh)}


def expand_enumeration(phrase: str, count: int) -> list[str] | None:
    """One phrase per number for a phrase that lists ``count`` subjects, or ``None``.

    Rules, tried in order (each keeps the written order):

    1. ordinal sectors: "第一、二、三产业增加值" -> "第一产业增加值", "第二产业增加值", …;
    2. compounds from ``compounds.csv``: "城乡居民人均可支配收入" -> "城镇居民人均可支配收入",
       "农村居民人均可支配收入";
    3. a list whose last item carries the shared head: "轻、重工业增加值" -> "轻工业增加值",
       "重工业增加值"; "A、B" with full items stays "A", "B".

    Parameters
    ----------
    phrase : str
        The cleaned phrase before the numbers.
    count : int
        How many numbers share it (2 or more).

    Returns
    -------
    list of str or None
        ``count`` phrases, or ``None`` when the phrase does not list ``count`` subjects.
    """
    if count < 2:
        return None
    m = _ORDINALS.search(phrase)
    if m:
        ords = [g for g in m.groups() if g]
        if len(ords) == count:
            return [phrase[:m.start()] + f"第{o}产业" + phrase[m.end():] for o in ords]
    for compound, parts in sorted(compounds().items(), key=lambda kv: -len(kv[0])):
        at = phrase.find(compound)
        if at >= 0 and len(parts) == count:
            return [phrase[:at] + part + phrase[at + len(compound):] for part in parts]
    items = [p for p in re.split(r"、|和|及|与", phrase) if p]
    if len(items) != count:
        return None
    width = len(items[0])
    if width <= 2 and all(len(i) == width for i in items[:-1]) and len(items[-1]) > width:
        head = items[-1][width:]
        return [i + head for i in items[:-1]] + [items[-1]]
    return items


def is_carry_over(phrase: str) -> bool:
    """Whether a phrase only restates a comparison, so its number keeps the earlier subject.

    "同比", "两年平均", "比年初", "比一季度加快", "增幅高于全省平均水平" carry the subject of
    the clause before over ("1-6月,完成地区生产总值711.1亿元,同比(下同)增长1.6%");
    "收入" or "项目投资" name something new, and an unknown new subject is not inherited.
    """
    rest = _COMPARISON.sub("", re.sub(r"\s+", "", phrase))
    return len(re.sub(r"[^\u3400-\u9fff]", "", rest)) <= 1


def rate_after(text: str, phrase: str) -> bool:
    """Whether ``phrase`` inside ``text`` is followed by a word that makes it a ratio.

    "规上工业增加值率" is the value-added rate, "三次产业的贡献率" a contribution rate,
    "拉动GDP" a pull on growth: none of them is the level named. Growth words
    ("增长率", "增速") do not count.
    """
    at = text.rfind(phrase)
    if at < 0:
        return False
    if _PER_UNIT.search(text[:at]):
        return True  # "亩均税收" is tax per mu, not tax revenue
    if "拉动" in text:
        return True  # "第二产业拉动GDP增长0.8个百分点": a pull on growth, neither the sector nor GDP
    rest = text[at + len(phrase):]
    for word in _GROWTH_RATE:
        rest = rest.replace(word, "")
    return "贡献" in rest or re.match(r"的?率(?!先)", rest) is not None  # 率先 = "first", not a rate


def variant(phrase: str) -> str:
    """The phrase without decoration: "全市实现财政总收入" -> "财政总收入", spaces removed.

    "X对全县地区生产总值的贡献率" becomes "X贡献率" (the whole it contributes to is not X).
    Drops leading place and period words (全市, 我县, 上半年, 1-6月) and the verbs that
    introduce a figure (实现, 完成, 累计, 达到); joins words split by spaces or line breaks
    ("地方一 般公共预算收入").
    """
    text = _TOWARDS.sub(r"\1", re.sub(r"\s+", "", phrase))
    return _DECORATION.sub("", text)
