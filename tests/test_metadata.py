"""Metadata a person can write: required fields, derived fields, page date forms, every problem at once."""

from __future__ import annotations

import pytest
import yaml

from cnreport.core import files, metadata

MINIMAL = {"report_id": "wangmo_2020_bulletin", "place_zh": "贵州省黔西南布依族苗族自治州望谟县", "genre": "bulletin",
           "period_actual": "2020"}


@pytest.mark.parametrize(("written", "iso"), [
    ("2020-08-04 11:29", "2020-08-04 11:29"),
    ("2021/01/26", "2021-01-26"),
    ("2020年8月27日", "2020-08-27"),
    ("2020.8.4", "2020-08-04"),
    ("2020-08-27 18:55:07", "2020-08-27 18:55:07"),
    ("2020-02-30", None),
    ("Aug 2020", None),
])
def test_dates_as_pages_write_them(written, iso):
    assert metadata.normalize_date(written) == iso


def test_yaml_dates_and_datetimes():
    doc = yaml.safe_load("a: 2021-07-07\nb: 2020-08-04 11:29:00\n")
    assert metadata.normalize_date(doc["a"]) == "2021-07-07"
    assert metadata.normalize_date(doc["b"]) == "2020-08-04 11:29"


def test_minimal_metadata_derives_the_rest_and_says_so():
    meta = files.meta_from_mapping(MINIMAL, "wangmo.yml", text="2020年，全县地区生产总值增长4.5%。")
    assert meta.place_en == "Wangmo County, Qianxinan Autonomous Prefecture, Guizhou Province"
    assert (meta.level, meta.script) == ("county", "simplified")
    assert [a.split(" =")[0] for a in meta.assumed] == ["place_en", "level", "script"]


@pytest.mark.parametrize(("place", "english"), [
    ("江苏省南通市通州区", "Tongzhou District, Nantong City, Jiangsu Province"),
    ("湖北省天门市", "Tianmen City, Hubei Province"),
    ("内蒙古自治区阿拉善盟", "Alashan League, Inner Mongolia Autonomous Region"),
    ("陕西省延安市洛川县", "Luochuan County, Yan'an City, Shaanxi Province"),
])
def test_place_en_from_the_division_names(place, english):
    assert metadata.place_en_from_zh(place) == english


def test_script_is_detected_from_the_text():
    assert metadata.detect_script("全市經濟運行穩中有進，地區生產總值增長3.5%，發展質量穩步提升。") == "traditional"
    assert metadata.detect_script("全市经济运行稳中有进，地区生产总值增长3.5%。") == "simplified"


def test_target_only_text_is_accepted():
    meta = files.meta_from_mapping({**MINIMAL, "period_actual": None, "period_plan": "2021"}, "x.yml")
    assert (meta.period_actual, meta.period_plan) == (None, "2021")


def test_every_problem_is_named_in_one_line():
    bad = {"report_id": "Wangmo 2020", "genre": "memo", "period_actual": "2020h1", "published": "2020-13-01",
           "complete": "yes", "colour": "red"}
    with pytest.raises(files.ReportError) as info:
        files.meta_from_mapping(bad, "data/raw/x.yml")
    message = str(info.value)
    assert "\n" not in message
    for field in ("place_zh", "report_id", "genre", "period_actual", "published", "complete", "colour"):
        assert f"metadata field '{field}'" in message, field


def test_unknown_place_without_place_en_is_a_problem():
    found = dict(metadata.problems({**MINIMAL, "place_zh": "贵州省望谟市"}))
    assert "is not a division under '贵州省'" in found["place_zh"]


def test_template_is_valid_once_filled_in():
    doc = yaml.safe_load(metadata.template("wangmo_2020_bulletin"))
    assert doc["report_id"] == "wangmo_2020_bulletin"
    assert metadata.problems(doc) == []  # the template's example values are valid as written
    assert set(doc) <= set(metadata.KNOWN_FIELDS)


def test_check_folder_reports_every_file(tmp_path):
    (tmp_path / "a_2020.txt").write_text("2020年增长3%。", encoding="utf-8")
    (tmp_path / "a_2020.yml").write_text(yaml.safe_dump({**MINIMAL, "report_id": "a_2020"}), encoding="utf-8")
    (tmp_path / "orphan_2020.txt").write_text("x", encoding="utf-8")
    (tmp_path / "lonely_2020.yml").write_text("report_id: lonely_2020\n", encoding="utf-8")
    (tmp_path / "bad_2020.txt").write_text("x", encoding="utf-8")
    (tmp_path / "bad_2020.yml").write_text("report_id: bad_2020\ngenre: memo\n", encoding="utf-8")
    (tmp_path / "other_2020.txt").write_text("x", encoding="utf-8")
    (tmp_path / "other_2020.yml").write_text(yaml.safe_dump({**MINIMAL, "report_id": "b_2020"}), encoding="utf-8")
    ids, problems = metadata.check_folder(tmp_path)
    assert ids == ["a_2020"]
    text = "\n".join(problems)
    assert "orphan_2020.txt: report text without metadata" in text
    assert "lonely_2020.yml: metadata without a report text" in text
    assert "metadata field 'genre' is malformed: 'memo'" in text and "metadata field 'place_zh' is missing" in text
    assert "other_2020.yml: metadata field 'report_id' is 'b_2020', not the file name 'other_2020'" in text
    assert len(problems) == 4
