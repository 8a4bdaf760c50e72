"""Figure words from metadata: titles, source lines, periods, genres and unit labels.

No matplotlib here: the HTML pages and the notebooks' sentences use the same words
as the figures. :mod:`cnreport.present.style` re-exports every public function.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cnreport.core.files import ReportMeta

_PLACE_ZH_RE = re.compile(r"^(?:.+?(?:省|自治区))?(?:.+?(?:市|自治州|地区|盟))?(.+)$")

_PERIOD_RE = re.compile(r"^(\d{4})(?:(H)([12])|(Q)([1-4])|(Q1-Q3))?$")
_QUARTER_ZH = {"1": "一", "2": "二", "3": "三", "4": "四"}
_GENRE = {
    "plan_report": ("plan-execution report", "计划执行情况报告"),
    "gov_work_report": ("government work report", "政府工作报告"),
    "bulletin": ("statistical bulletin", "统计公报"),
    "news": ("news report", "新闻报道"),
}
_UNIT_LABELS = {
    "cny_100m": ("CNY 100 million (亿元)", "亿元"),
    "cny": ("CNY", "元"),
    "percent": ("Percent", "%"),
    "percent_yoy": ("Growth (% year on year)", "同比增长（%）"),
    "pp": ("Percentage points", "百分点"),
    "persons": ("Persons", "人"),
    "count": ("Count", "个"),
}



def format_period(period: str, lang: str = "en") -> str:
    """A period id as readers write it: ``"2020H1"`` -> ``"2020 H1"`` or ``"2020年上半年"``.

    Parameters
    ----------
    period : str
        ``2020``, ``2020H1``, ``2020Q2`` or ``2020Q1-Q3``.
    lang : {"en", "zh"}
        Language.

    Returns
    -------
    str
        The period for titles; unknown forms are returned unchanged.
    """
    _check_lang(lang)
    m = _PERIOD_RE.match(str(period))
    if not m:
        return str(period)
    year, half, quarter, three = m.group(1), m.group(3), m.group(5), m.group(6)
    if three:      # the first three quarters, cumulative
        return f"{year}年前三季度" if lang == "zh" else f"{year} Q1-Q3"
    if lang == "zh":
        if half:
            return f"{year}年{'上' if half == '1' else '下'}半年"
        if quarter:
            return f"{year}年第{_QUARTER_ZH[quarter]}季度"
        return f"{year}年"
    if half:
        return f"{year} H{half}"
    if quarter:
        return f"{year} Q{quarter}"
    return year


def short_place(meta: ReportMeta, lang: str = "en") -> str:
    """The report's own place without its parents: ``"Tongzhou District"`` / ``"通州区"``.

    Parameters
    ----------
    meta : ReportMeta
        The report's metadata (``place_en``, ``place_zh``).
    lang : {"en", "zh"}
        Language.

    Returns
    -------
    str
        The first comma-separated part of ``place_en`` without a note in
        brackets ("Qidong City (county-level city)" -> "Qidong City"), or ``place_zh``
        without its province (省, 自治区) and prefecture (市, 自治州, 地区, 盟).
    """
    return short_place_name(meta.place_zh, meta.place_en, lang)


def short_place_name(place_zh: str, place_en: str, lang: str = "en") -> str:
    """A place name without its parents, from its Chinese and English names (see :func:`short_place`)."""
    _check_lang(lang)
    if lang == "zh":
        return _PLACE_ZH_RE.match(place_zh).group(1)
    return re.sub(r"\s*\(.*?\)", "", place_en.split(",")[0]).strip()


def title(what: str, meta: ReportMeta, lang: str = "en") -> str:
    """A figure title saying what, where and when, from the metadata.

    Parameters
    ----------
    what : str
        What the figure shows, e.g. ``"Growth by indicator"``.
    meta : ReportMeta
        The report's metadata; place and ``period_actual`` come from it.
    lang : {"en", "zh"}
        Language.

    Returns
    -------
    str
        E.g. ``"Growth by indicator, Tongzhou District, 2020 H1"`` or
        ``"各指标增速，通州区，2020年上半年"``.
    """
    sep = "，" if lang == "zh" else ", "
    return sep.join([what, short_place(meta, lang), format_period(meta.period_actual, lang)])


def source_line(meta: ReportMeta, lang: str = "en") -> str:
    """The source line for a figure drawn from one report, from its metadata.

    Parameters
    ----------
    meta : ReportMeta
        The report's metadata (publisher, genre, period, publication date).
    lang : {"en", "zh"}
        Language.

    Returns
    -------
    str
        E.g. ``"Source: Tongzhou District Development and Reform Commission,
        2020 H1 plan-execution report (2020-08-02). Chart: cnreport."``
    """
    _check_lang(lang)
    genre_en, genre_zh = genre_name(meta.genre, "en"), genre_name(meta.genre, "zh")
    period = format_period(meta.period_actual, lang)
    if lang == "zh":
        publisher = meta.publisher_zh or meta.place_zh
        date = f"（{meta.published}）" if meta.published else ""
        return f"资料来源：{publisher}，{period}{genre_zh}{date}。制图：cnreport。"
    publisher = meta.publisher_en or meta.place_en
    date = f" ({meta.published})" if meta.published else ""
    return f"Source: {publisher}, {period} {genre_en}{date}. Chart: cnreport."


def genre_name(genre: str, lang: str = "en") -> str:
    """A report genre as readers name it: ``plan_report`` -> "plan-execution report" / "计划执行情况报告"."""
    _check_lang(lang)
    en, zh = _GENRE.get(genre, (genre.replace("_", " "), genre))
    return zh if lang == "zh" else en


def unit_label(key: str, lang: str = "en") -> str:
    """An axis label for a unit, e.g. ``"cny_100m"`` -> ``"CNY 100 million (亿元)"``.

    Parameters
    ----------
    key : str
        One of ``cny_100m``, ``cny``, ``percent``, ``percent_yoy``, ``pp``,
        ``persons``, ``count``.
    lang : {"en", "zh"}
        Language.

    Returns
    -------
    str
        The label.

    Raises
    ------
    KeyError
        Unknown key; the message lists the known ones.
    """
    _check_lang(lang)
    if key not in _UNIT_LABELS:
        raise KeyError(f"no axis label for unit {key!r} (known: {', '.join(_UNIT_LABELS)})")
    en, zh = _UNIT_LABELS[key]
    return zh if lang == "zh" else en


def _check_lang(lang: str) -> None:
    if lang not in ("en", "zh"):
        raise ValueError(f"language {lang!r}: expected 'en' or 'zh'")
