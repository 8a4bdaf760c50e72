"""Place as data: names resolve to the official division hierarchy (core/places.py)."""

import dataclasses

import pytest

from cnreport.core import paths
from cnreport.core.files import ReportError, read_metadata
from cnreport.core.places import Place, resolve_place


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("江苏省南通市通州区", ("江苏省", "32", "南通市", "3206", "通州区", "320612", "county")),
        ("湖北省天门市", ("湖北省", "42", None, None, "天门市", "429006", "county")),
        ("内蒙古自治区阿拉善盟", ("内蒙古自治区", "15", "阿拉善盟", "1529", None, None, "prefecture")),
        ("贵州省黔西南布依族苗族自治州望谟县", ("贵州省", "52", "黔西南布依族苗族自治州", "5223", "望谟县", "522326", "county")),
        ("湖北省咸宁市", ("湖北省", "42", "咸宁市", "4212", None, None, "prefecture")),
        ("北京市通州区", ("北京市", "11", None, None, "通州区", "110112", "county")),
        ("江苏省", ("江苏省", "32", None, None, None, None, "province")),
        ("江苏省泰州市靖江市", ("江苏省", "32", "泰州市", "3212", "靖江市", "321282", "county")),
        (" 江苏省 南通市 通州区 ", ("江苏省", "32", "南通市", "3206", "通州区", "320612", "county")),
    ],
)
def test_resolve_place_hierarchy_and_codes(name, expected):
    place = resolve_place(name)
    assert dataclasses.astuple(place) == expected
    assert place.code == (place.county_code or place.prefecture_code or place.province_code)


def test_place_is_frozen():
    place = resolve_place("湖北省天门市")
    assert isinstance(place, Place)
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.province_code = "32"


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "empty place name"),
        ("火星", "no province, prefecture or county of that name"),
        ("江苏省南通市通洲区", "'通洲区' is not a division under '江苏省南通市'"),
        ("江苏省天门市", "'天门市' is not a division under '江苏省'"),
        ("通州区", "通州区 names more than one place; write the province first"),
    ],
)
def test_unresolvable_names_raise_one_line_report_error(name, problem):
    with pytest.raises(ReportError) as info:
        resolve_place(name)
    message = str(info.value)
    assert problem in message
    assert "\n" not in message
    assert message.startswith("place_zh ")


def test_every_raw_report_place_resolves(report_ids):
    for report_id in report_ids:
        meta = read_metadata(paths.raw_metadata(report_id))
        place = resolve_place(meta.place_zh)
        assert meta.place_zh.startswith(place.province_zh), report_id
