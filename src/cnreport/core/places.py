"""Place as data: the administrative hierarchy of a report's place from its Chinese name.

The divisions and their official codes come from the ``cpca`` package (its
``adcodes.csv``, the national division-code table with about 3,500 provinces,
prefectures and counties). cnreport never keeps a table of its own: a report of a
place the package has never seen resolves as long as the name is in that table.

Example (Tongzhou, the flagship report)::

    >>> resolve_place("江苏省南通市通州区")
    Place(province_zh='江苏省', province_code='32', prefecture_zh='南通市',
          prefecture_code='3206', county_zh='通州区', county_code='320612', level='county')
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from cnreport.core.files import ReportError

# cpca names the non-divisions that sit between a province and a county:
# the districts of a municipality (市辖区) and the county-level cities administered
# directly by a province (省直辖县级行政区划, e.g. 湖北省天门市).
_NOT_A_PREFECTURE = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
_SPACE = re.compile(r"\s+")

Level = Literal["province", "prefecture", "county"]


class PlaceError(ReportError):
    """A place name that cannot be resolved; the message is one line."""

    def __init__(self, place_zh: str, problem: str):
        self.path = "place_zh"
        self.problem = problem
        Exception.__init__(self, f"place_zh {place_zh!r}: {problem}")


@dataclass(frozen=True)
class Place:
    """One place in the national division hierarchy.

    Attributes
    ----------
    province_zh, province_code : str
        Province-level division and its 2-digit code (``"江苏省"``, ``"32"``).
    prefecture_zh, prefecture_code : str or None
        Prefecture-level division and its 4-digit code (``"南通市"``, ``"3206"``);
        None for a municipality's districts and for a county-level city administered
        directly by its province (湖北省天门市).
    county_zh, county_code : str or None
        County-level division and its 6-digit code (``"通州区"``, ``"320612"``);
        None for a province or prefecture.
    level : {"province", "prefecture", "county"}
        The level of the place itself.
    """

    province_zh: str
    province_code: str
    prefecture_zh: str | None
    prefecture_code: str | None
    county_zh: str | None
    county_code: str | None
    level: Level

    @property
    def code(self) -> str:
        """The place's own division code (2, 4 or 6 digits)."""
        return self.county_code or self.prefecture_code or self.province_code

    @property
    def name_zh(self) -> str:
        """The place's own Chinese name (``"通州区"``)."""
        return self.county_zh or self.prefecture_zh or self.province_zh


@cache
def _cpca():
    # Imported on first use: it builds its matcher at import (about 0.1 s). cpca reads its
    # table with pkg_resources, whose deprecation warning says nothing about our input.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
        import cpca

    return cpca


@cache
def _names_by_code() -> dict[str, str]:
    return {code[:6]: info.name for code, info in _cpca().ad_2_addr_dict.items()}


@cache
def _division_name_counts() -> Counter:
    return Counter(info.name for info in _cpca().ad_2_addr_dict.values())


def _divisions_named(name: str) -> int:
    return _division_name_counts()[name]


@lru_cache(maxsize=4096)   # pure: a corpus resolves the same few places thousands of times
def resolve_place(place_zh: str) -> Place:
    """Resolve a Chinese place name to its province, prefecture and county.

    Rule: the name is read from the largest division to the smallest, as reports
    and metadata write it (``"江苏省南通市通州区"``, ``"湖北省天门市"``,
    ``"内蒙古自治区阿拉善盟"``); every character must belong to a division name,
    and a county name shared by several places (通州区 is in Beijing and in Nantong)
    must come with its province.

    Parameters
    ----------
    place_zh : str
        The place's full Chinese name, largest division first.

    Returns
    -------
    Place
        The hierarchy with official division codes.

    Raises
    ------
    PlaceError
        (a :class:`~cnreport.core.files.ReportError`) when the name is empty,
        holds a part that is not a division, or is ambiguous.
    """
    name = _SPACE.sub("", place_zh or "")
    if not name:
        raise PlaceError(place_zh, "empty place name")
    row = _cpca().transform([name]).iloc[0]
    adcode = row["adcode"]
    if not isinstance(adcode, str) or not adcode:
        raise PlaceError(place_zh, "no province, prefecture or county of that name in the division table (cpca)")
    rest = row["地址"] if isinstance(row["地址"], str) else ""
    if rest:
        raise PlaceError(place_zh, f"{rest!r} is not a division under {name[: len(name) - len(rest)]!r}; check the spelling")
    return _place_from_code(place_zh, name, adcode)


def _place_from_code(place_zh: str, name: str, adcode: str) -> Place:
    names = _names_by_code()
    code6 = adcode[:6]
    province_code = code6[:2]
    province_zh = names[province_code + "0000"]
    prefecture_zh = names.get(code6[:4] + "00")
    if prefecture_zh in _NOT_A_PREFECTURE or code6.endswith("0000"):
        prefecture_zh = None
    county_zh = None if code6.endswith("00") else names[code6]
    leaf = county_zh or prefecture_zh or province_zh
    if _divisions_named(leaf) > 1 and not _names_its_parent(name, province_zh, prefecture_zh):
        raise PlaceError(place_zh, f"{leaf} names more than one place; write the province first (e.g. {province_zh}{leaf})")
    level: Level = "county" if county_zh else "prefecture" if prefecture_zh else "province"
    return Place(
        province_zh=province_zh,
        province_code=province_code,
        prefecture_zh=prefecture_zh,
        prefecture_code=code6[:4] if prefecture_zh else None,
        county_zh=county_zh,
        county_code=code6 if county_zh else None,
        level=level,
    )


def _names_its_parent(name: str, province_zh: str, prefecture_zh: str | None) -> bool:
    short = _cpca().matcher._abbr_name(province_zh)  # 江苏省 -> 江苏, 内蒙古自治区 -> 内蒙古
    parents = [province_zh, short] + ([prefecture_zh, prefecture_zh[:-1]] if prefecture_zh else [])
    return any(name.startswith(parent) for parent in parents)
