"""A text that reviews no past period: ``period_actual: null`` with a ``period_plan`` (issue 19)."""

import pytest

from cnreport import extract
from cnreport.core import files

META = {"report_id": "x_2023_news", "place_zh": "湖北省某市某区", "place_en": "X District", "genre": "news",
        "period_actual": None, "period_plan": "2023", "script": "simplified"}


def test_null_period_actual_is_accepted_with_a_period_plan():
    meta = files.meta_from_mapping(META, "x.yml")
    assert meta.period_actual is None and meta.period_plan == "2023"
    without_key = {k: v for k, v in META.items() if k != "period_actual"}
    with pytest.raises(files.ReportError, match="write period_actual: null for a text that only sets targets"):
        files.meta_from_mapping(without_key, "x.yml")   # the null is written, never implied


def test_null_period_actual_without_period_plan_is_an_error():
    with pytest.raises(files.ReportError, match="^x.yml: metadata field 'period_actual' is null and period_plan is missing"):
        files.meta_from_mapping({**META, "period_plan": None}, "x.yml")


def test_targets_only_text_gives_targets_for_period_plan():
    text = "2023年主要预期目标是:地区生产总值增长7%左右。全区新增市场主体1200户。"
    rows = extract.extract_quantities(text, files.meta_from_mapping(META, "x.yml")).rows
    gdp = next(r for r in rows if r["text"] == "7%")
    assert (gdp["status"], gdp["period"], gdp["qualifier"]) == ("target", "2023", "about")
    other = next(r for r in rows if r["text"] == "1200户")
    assert (other["status"], other["period"]) == ("actual", "")
