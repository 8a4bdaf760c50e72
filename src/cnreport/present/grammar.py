"""One visual grammar for every figure: a place's role fixes its colour, marker and hatch.

A figure about one report shows its place beside comparators. Whatever the figure,
the report's own place (``focal``) is vermillion, a star for a point and a solid
bar, and is always drawn on top; its prefecture, its province, the country and
any other place each keep one colour *and* one marker and one hatch, so that a
greyscale print or a colour-blind reader can still tell them apart (colour is
never the only cue). Colours are Okabe–Ito (:data:`cnreport.present.style.OKABE_ITO`).

A place's role is decided from the place names alone (:func:`role_of`), never
from typed ids, so the grammar works for any district.
"""

from __future__ import annotations

from dataclasses import dataclass

from cnreport.present import style


@dataclass(frozen=True)
class RoleStyle:
    """How one role is drawn: fill colour, point marker, bar hatch and drawing order."""

    role: str
    color: str
    marker: str
    hatch: str
    zorder: int


#: Roles in legend order. ``focal`` is solid (no hatch) and drawn above the others.
ROLES: dict[str, RoleStyle] = {
    "focal": RoleStyle("focal", style.OKABE_ITO["vermillion"], "*", "", 5),
    "prefecture": RoleStyle("prefecture", style.OKABE_ITO["orange"], "D", "\\\\\\\\", 4),
    "province": RoleStyle("province", style.OKABE_ITO["blue"], "s", "////", 4),
    "country": RoleStyle("country", style.OKABE_ITO["bluish_green"], "o", "....", 4),
    "other": RoleStyle("other", "#999999", "^", "xxxx", 3),
}
#: Marker sizes in points² for scatter: the focal star is larger, so it stays visible.
MARKER_AREA = {"focal": 90.0, "other": 28.0}
DEFAULT_MARKER_AREA = 32.0
#: Hatch lines are drawn in this colour over a role's fill (white on dark fills, dark on the grey).
HATCH_EDGE = {"other": style.INK}


def role_style(role: str) -> RoleStyle:
    """The colour, marker, hatch and order of a role.

    Parameters
    ----------
    role : {"focal", "prefecture", "province", "country", "other"}

    Returns
    -------
    RoleStyle

    Raises
    ------
    KeyError
        Unknown role; the message lists the roles.
    """
    if role not in ROLES:
        raise KeyError(f"no figure role {role!r} (known: {', '.join(ROLES)})")
    return ROLES[role]


def marker_area(role: str) -> float:
    """Scatter marker area (points²) for a role: the focal star is drawn larger."""
    role_style(role)
    return MARKER_AREA.get(role, DEFAULT_MARKER_AREA)


def role_of(geo_zh: str, focal_zh: str) -> str:
    """The role of a place relative to the report's own place, from Chinese names.

    Rule: a place is ``focal`` if it is the report's place; ``country`` if it is
    中国; ``province`` or ``prefecture`` if the report's full name starts with it and
    it ends in a province suffix (省, 自治区, or one of the four municipalities) or a
    prefecture suffix (市, 自治州, 地区, 盟); anything else is ``other``. Example:
    for 江苏省南通市通州区, 江苏省 is its province, 南通市 (written 江苏省南通市 or 南通市) its
    prefecture, and 湖北省 another place.

    Parameters
    ----------
    geo_zh : str
        The place's Chinese name as in the panel (``geo_zh``), e.g. ``"江苏省"``.
    focal_zh : str
        The report's place (``place_zh`` of its metadata), e.g. ``"江苏省南通市通州区"``.

    Returns
    -------
    str
        One of :data:`ROLES`.
    """
    if geo_zh == focal_zh:
        return "focal"
    if geo_zh in ("中国", "全国"):
        return "country"
    municipalities = ("北京市", "天津市", "上海市", "重庆市")
    if focal_zh.startswith(geo_zh) and (geo_zh.endswith(("省", "自治区")) or geo_zh in municipalities):
        return "province"
    if geo_zh.endswith(("市", "自治州", "地区", "盟")):
        bare = geo_zh
        for suffix in ("省", "自治区"):  # 江苏省南通市 -> 南通市
            if suffix in bare:
                bare = bare.split(suffix, 1)[1]
        if bare and bare in focal_zh and not focal_zh.endswith(bare):
            return "prefecture"
    return "other"


def roles_for(places_zh, focal_zh: str) -> dict[str, str]:
    """:func:`role_of` for several places: ``{geo_zh: role}``."""
    return {p: role_of(p, focal_zh) for p in places_zh}
