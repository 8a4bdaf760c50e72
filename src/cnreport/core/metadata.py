"""Report metadata a person can write: validation of the mapping, derived fields, template.

Only four things are required: ``report_id``, ``place_zh``, ``genre`` and a period
(``period_actual``, or ``period_plan`` with ``period_actual: null`` for a text that
only sets targets). Everything else is optional; what can be derived is derived and
listed in :attr:`ReportMeta.assumed`, which ``cnreport run`` prints on stderr:

- ``place_en`` from the division table and pinyin (江苏省南通市通州区 ->
  "Tongzhou District, Nantong City, Jiangsu Province");
- ``level`` from the division table (county, prefecture, province);
- ``script`` from the text itself (:func:`detect_script`).

Validation works on the mapping (whatever YAML loader produced it) and collects every
problem, each naming the field, so one run reports them all.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from pathlib import Path

GENRES = ("plan_report", "gov_work_report", "bulletin", "news")
SCRIPTS = ("simplified", "traditional")
PERIOD_RE = re.compile(r"\A\d{4}(H[12]|Q[1-4]|Q1-Q3)?\Z")   # \Z: "2020\n" is not a period
_ID_RE = re.compile(r"[a-z0-9]+(_[a-z0-9]+)*")
# Dates as pages write them: 2020-08-04, 2020/8/4, 2020.08.04, 2020年8月4日, each optionally with 11:29[:05].
_DATE_RE = re.compile(r"\A(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\Z")
TEXT_FIELDS = ("title", "title_en", "place_en", "level", "publisher_zh", "publisher_en", "source_url",
               "encoding", "excerpt_note", "retrieved_via")
KNOWN_FIELDS = ("report_id", "place_zh", "genre", "period_actual", "period_plan", "script", "published",
                "complete", *TEXT_FIELDS)
_LEVEL_EN = {"省": "Province", "自治区": "Autonomous Region", "市": "City", "自治州": "Autonomous Prefecture",
             "地区": "Prefecture", "盟": "League", "区": "District", "县": "County", "自治县": "Autonomous County",
             "旗": "Banner", "自治旗": "Autonomous Banner", "林区": "Forestry District", "新区": "New District"}
# Official English names that are not the plain pinyin of the stem (the five autonomous regions, and
# 陕西 "Shaanxi", spelt so to tell it from 山西 "Shanxi").
_OFFICIAL_EN = {"内蒙古": "Inner Mongolia", "广西壮族": "Guangxi Zhuang", "西藏": "Tibet", "宁夏回族": "Ningxia Hui",
                "新疆维吾尔": "Xinjiang Uygur", "陕西": "Shaanxi"}
_SUFFIX_RE = re.compile(r"(自治区|自治州|自治县|自治旗|林区|新区|地区|省|市|盟|区|县|旗)$")


def normalize_date(value: object) -> str | None:
    """A publication date or date-time as pages write it, as ISO text.

    Rule: the page's own "发布时间" forms are accepted: ``2020-08-04 11:29`` ->
    ``2020-08-04 11:29``; ``2021/01/26`` -> ``2021-01-26``; ``2020年8月27日`` -> ``2020-08-27``.

    Parameters
    ----------
    value : object
        Text, or a date/datetime as a YAML loader returns it.

    Returns
    -------
    str or None
        ``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM[:SS]``; None when it is not a valid date.
    """
    if isinstance(value, _dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, _dt.date):
        return value.isoformat()
    m = _DATE_RE.match(str(value).strip())
    if not m:
        return None
    year, month, day, hour, minute, second = m.groups()
    try:
        _dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None
    date = f"{year}-{int(month):02d}-{int(day):02d}"
    if hour is None:
        return date
    return f"{date} {int(hour):02d}:{minute}" + (f":{second}" if second else "")


def problems(doc: Mapping) -> list[tuple[str, str]]:
    """Every problem of a metadata mapping, as ``(field, problem)`` pairs (empty when valid).

    Parameters
    ----------
    doc : Mapping
        The fields as loaded from YAML.

    Returns
    -------
    list of (str, str)
    """
    out: list[tuple[str, str]] = []
    for key in ("report_id", "place_zh", "genre"):
        if doc.get(key) in (None, ""):
            out.append((key, "is missing (required)"))
    place = doc.get("place_zh")
    if place not in (None, "") and doc.get("place_en") in (None, ""):
        out += _place_problems(str(place))  # needed to derive place_en
    rid = doc.get("report_id")
    if rid not in (None, "") and not _ID_RE.fullmatch(str(rid)):
        out.append(("report_id", f"is malformed: {rid!r} (lowercase letters, digits and _, e.g. wangmo_2020_bulletin)"))
    genre = doc.get("genre")
    if genre not in (None, "") and genre not in GENRES:
        out.append(("genre", f"is malformed: {genre!r} (one of {', '.join(GENRES)})"))
    out += _period_problems(doc)
    script = doc.get("script")
    if script is not None and script not in SCRIPTS:
        out.append(("script", f"is malformed: {script!r} (simplified or traditional, or leave it out)"))
    pub = doc.get("published")
    if pub not in (None, "") and normalize_date(pub) is None:
        out.append(("published", f"is malformed: {pub!r} (a date such as 2020-08-04, 2020-08-04 11:29 or 2021/01/26)"))
    if doc.get("complete") is not None and not isinstance(doc.get("complete"), bool):
        out.append(("complete", "is malformed (true, false or null)"))
    for key in TEXT_FIELDS:
        value = doc.get(key)
        if value is not None and not isinstance(value, str | int | float):
            out.append((key, "is malformed (expected text)"))
    for key in doc:
        if key not in KNOWN_FIELDS:
            out.append((str(key), f"is not a metadata field (known: {', '.join(KNOWN_FIELDS)})"))
    return out


def _place_problems(place_zh: str) -> list[tuple[str, str]]:
    from cnreport.core.files import ReportError
    from cnreport.core.places import resolve_place

    try:
        resolve_place(place_zh)
    except ReportError as exc:
        return [("place_zh", exc.problem + f" ({place_zh!r})")]
    return []


def check_folder(raw_dir: Path) -> tuple[list[str], list[str]]:
    """Check every report of a folder before any work: ``(report_ids, problems)``.

    Every ``.txt`` needs a ``.yml`` beside it (and the reverse), whose ``report_id``
    is the file name; every metadata problem of every file is listed, one line each,
    naming the file and field.

    Parameters
    ----------
    raw_dir : Path
        A folder such as ``data/raw``.

    Returns
    -------
    (list of str, list of str)
        The ids of the valid reports, sorted, and the problems found.
    """
    from cnreport.core import files

    ids, found = [], []
    texts = {p.stem for p in raw_dir.glob("*.txt")}
    for stem in sorted(texts | {p.stem for p in raw_dir.glob("*.yml")}):
        yml = raw_dir / f"{stem}.yml"
        if stem not in texts:
            found.append(f"{files.paths.relative(yml)}: metadata without a report text ({stem}.txt is missing)")
            continue
        if not yml.exists():
            found.append(f"{files.paths.relative(raw_dir / (stem + '.txt'))}: report text without metadata "
                         f"(write {stem}.yml: `cnreport new {stem}`)")
            continue
        try:
            meta = files.read_metadata(yml)
        except files.ReportError as exc:
            found.append(str(exc))
            continue
        if meta.report_id != stem:
            found.append(f"{files.paths.relative(yml)}: metadata field 'report_id' is {meta.report_id!r}, "
                         f"not the file name {stem!r}")
            continue
        ids.append(stem)
    return ids, found


def _period_problems(doc: Mapping) -> list[tuple[str, str]]:
    out = []
    for key in ("period_actual", "period_plan"):
        value = doc.get(key)
        if value not in (None, "") and not PERIOD_RE.match(str(value)):
            out.append((key, f"is malformed: {value!r} (2020, 2020H1, 2020Q2 or 2020Q1-Q3)"))
    if "period_actual" not in doc:
        out.append(("period_actual", "is missing (required; write period_actual: null for a text that only sets targets)"))
    elif doc.get("period_actual") in (None, "") and doc.get("period_plan") in (None, ""):
        out.append(("period_actual", "is null and period_plan is missing: give the period the report covers or plans"))
    return out


def place_en_from_zh(place_zh: str) -> str:
    """An English place name from the Chinese one, smallest division first.

    Rule: each division's name is written in pinyin, its suffix translated
    (江苏省南通市通州区 -> "Tongzhou District, Nantong City, Jiangsu Province";
    湖北省天门市 -> "Tianmen City, Hubei Province").

    Parameters
    ----------
    place_zh : str
        A name :func:`cnreport.core.places.resolve_place` accepts.

    Returns
    -------
    str

    Raises
    ------
    PlaceError
        The name cannot be resolved.
    """
    from cnreport.core.places import resolve_place

    place = resolve_place(place_zh)
    parts = [p for p in (place.county_zh, place.prefecture_zh, place.province_zh) if p]
    return ", ".join(division_en(p) for p in parts)


def division_en(name: str) -> str:
    """One division's English name: pinyin and a translated suffix (泰州市 -> "Taizhou City")."""
    from pypinyin import Style, lazy_pinyin

    m = _SUFFIX_RE.search(name)
    stem, suffix = (name[: m.start()], m.group(1)) if m and m.start() > 0 else (name, "")
    if len(stem) > 4 and suffix in ("自治州", "自治县", "自治旗"):
        stem = stem[:3] if stem[:3] in ("黔西南", "黔东南") else stem[:2]  # 黔西南布依族苗族自治州 -> Qianxinan
    syllables = lazy_pinyin(stem, style=Style.NORMAL)
    # pinyin's apostrophe before a syllable that starts with a, o or e: 延安 -> Yan'an
    words = "".join(("'" if k and syl[:1] in "aoe" else "") + syl for k, syl in enumerate(syllables))
    english = _OFFICIAL_EN.get(stem, words[:1].upper() + words[1:])
    return f"{english} {_LEVEL_EN[suffix]}" if suffix else english


def detect_script(text: str) -> str:
    """``traditional`` when converting the text to Simplified changes at least 1% of its characters.

    Rule: a Simplified report has almost no character OpenCC changes; a Traditional
    one (發展, 經濟, 增長) has many.
    """
    from cnreport.core.normalize import to_simplified

    sample = text[:20000]
    han = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff")
    changed = sum(1 for a, b in zip(sample, to_simplified(sample), strict=True) if a != b)
    return "traditional" if han and changed / han >= 0.01 else "simplified"


TEMPLATE = """\
# Metadata for {report_id}.txt. Lines starting with # are comments; data/raw/README.md explains every field.
# Required: report_id, place_zh, genre, and a period. Everything else may be left out or null.
report_id: {report_id}
place_zh: 江苏省南通市通州区      # REQUIRED: province, prefecture, county, largest first, as in the division table
genre: plan_report               # REQUIRED: plan_report | gov_work_report | bulletin | news
period_actual: 2020H1            # REQUIRED: period the outcomes cover: 2020, 2020H1, 2020Q3, 2020Q1-Q3; null if it only sets targets
period_plan: null                # period the targets are for (e.g. 2020H2, 2021), or null
title: null                      # the report's title as published
title_en: null
place_en: null                   # derived from place_zh when left out
publisher_zh: null               # e.g. 通州区发展和改革委员会
publisher_en: null
published: null                  # as the page writes it: 2020-08-04, 2020-08-04 11:29, 2021/01/26
source_url: null
script: null                     # simplified | traditional; detected from the text when left out
complete: null                   # true if the text is the whole report, false for an excerpt
excerpt_note: null               # for an excerpt: what was kept and what was left out
"""


def template(report_id: str) -> str:
    """The commented metadata template ``cnreport new`` writes for ``report_id``."""
    return TEMPLATE.format(report_id=report_id)
