"""What a corpus report without metadata says about itself: place, period, genre.

A report in a large archive often comes without a metadata sidecar. Its opening
lines usually name the place and the period, in a few fixed forms:

- a title: "宝应县2020年国民经济和社会发展统计公报", "2019年南通市通州区国民经济和社会发展统计公报",
  "关于天门市2020年上半年国民经济和社会发展计划执行情况的报告";
- the session line of a speech: "在如东县第十七届人民代表大会第四次会议上";
- the issuing office: "咸宁市统计局发布…", "来源: 通州区发展和改革委员会".

These rules read only the opening (:data:`OPENING_CHARS` characters, normalised:
Simplified script, ASCII punctuation, pinyin glosses dropped) and return nothing rather than a guess when no form matches. Everything
found here is marked as inferred by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cnreport.core import normalize

OPENING_CHARS = 400
# A place name: up to three administrative levels, each a few characters and a level word.
_LEVEL = r"(?:省|自治区|市|州|盟|地区|区|县|旗)"
_PLACE = rf"((?:[\u4e00-\u9fff]{{2,6}}?{_LEVEL}){{1,3}})"
_PLACE_FORMS = (
    # a title: "宝应县2020年…", "关于天门市2020年…", "2019年南通市通州区国民经济…"
    re.compile(rf"(?:^|\n|关于|\d{{4}}年)\s*{_PLACE}(?=\d{{4}}年|国民经济|政府工作报告)"),
    # the session line of a speech: "在如东县第十七届人民代表大会…"
    re.compile(rf"在{_PLACE}第[一二三四五六七八九十\d]+届"),
    # the issuing office: "咸宁市统计局", "通州区发展和改革委员会", "XX县人民政府"
    re.compile(rf"(?:^|[^\u4e00-\u9fff]){_PLACE}(?=统计局|发展和改革委员会|发展改革委|人民政府)"),
)
# "2020年上半年", "2020年1-6月", "2020年国民经济…", "2020年,"; not a date such as "2020年1月16日".
_YEAR = re.compile(r"((?:19|20)\d{2})年(?!\d{1,2}月\d{1,2}日)")
_HALF = re.compile(r"^(?:上半年|1-6月)")
_QUARTER = re.compile(r"^(?:一季度|第一季度|1-3月)")
_GENRES = (("统计公报", "bulletin"), ("政府工作报告", "gov_work_report"), ("计划执行情况", "plan_report"))
# Words that end a run of characters but are not places ("全市", "全区" are not names).
_NOT_PLACES = ("全市", "全区", "全县", "全省", "我市", "我区", "我县")


@dataclass(frozen=True)
class Inferred:
    """What the opening of a report says about it; ``None`` where it says nothing.

    Attributes
    ----------
    place_zh : str or None
        The place as written ("宝应县", "南通市通州区").
    period : str or None
        ``2020``, ``2020H1`` or ``2020Q1``.
    genre : str or None
        One of ``bulletin``, ``gov_work_report``, ``plan_report``.
    """

    place_zh: str | None
    period: str | None
    genre: str | None


def infer_report_facts(text: str) -> Inferred:
    """Read place, period and genre from the opening of a report.

    Parameters
    ----------
    text : str
        The decoded report text.

    Returns
    -------
    Inferred
        Each field is ``None`` when no rule matched.

    Examples
    --------
    >>> infer_report_facts("宝应县2020年国民经济和社会发展统计公报 2020")
    Inferred(place_zh='宝应县', period='2020', genre='bulletin')
    """
    opening = normalize.normalize(text[:OPENING_CHARS]).text
    return Inferred(infer_place(opening), infer_period(opening), infer_genre(opening))


def infer_place(opening: str) -> str | None:
    """The first place named in a title, a session line or an issuing office ("关于天门市2020年…" -> "天门市")."""
    found = []
    for form in _PLACE_FORMS:
        for m in form.finditer(opening):
            place = m.group(1).removeprefix("关于")
            if not place.startswith(_NOT_PLACES):
                found.append((m.start(1), place))
    return min(found)[1] if found else None


def infer_period(opening: str) -> str | None:
    """The first year of the opening, with 上半年/1-6月 -> H1 and 一季度/1-3月 -> Q1 right after it.

    "2020年上半年国民经济…" -> ``2020H1``; "2019年南通市…统计公报" -> ``2019``. A date
    ("2020年1月16日在…会议上") is not a period.
    """
    m = _YEAR.search(opening)
    if m is None:
        return None
    rest = opening[m.end():]
    if _HALF.match(rest):
        return f"{m.group(1)}H1"
    if _QUARTER.match(rest):
        return f"{m.group(1)}Q1"
    return m.group(1)


def infer_genre(opening: str) -> str | None:
    """The genre named in the opening ("统计公报" -> ``bulletin``), or ``None``."""
    for word, genre in _GENRES:
        if word in opening:
            return genre
    return None
