"""Direction statements: wording, subject, indicator and offsets."""

from __future__ import annotations

import pytest

from cnreport import clean
from cnreport.clean import directions
from cnreport.core import files, paths


@pytest.fixture(scope="module")
def dictionary():
    return clean.read_dictionary()


@pytest.fixture(scope="module")
def facts(report_ids, dictionary):
    return clean.clean_reports(report_ids, dictionary).facts


def _find(rid, facts, dictionary):
    text = files.read_report(paths.raw_report(rid)).text
    return text, directions.find_directions(rid, text, [f for f in facts if f["report_id"] == rid], dictionary)


def test_flagship_statements(facts, dictionary):
    text, rows = _find("tongzhou_2020h1", facts, dictionary)
    got = {(r["text"], r["kind"], r["indicator_id"]) for r in rows}
    assert ("降幅逐月收窄", "decline_narrowing", "industrial_taxable_sales") in got   # 规上工业应税销售降幅逐月收窄
    assert ("降幅持续收窄", "decline_narrowing", "retail_sales") in got               # 社会消费品零售总额降幅持续收窄
    assert ("企稳回升", "stabilising_recovery", "") in got                           # 经济运行企稳回升: the economy
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    assert not any(r["has_number"] for r in rows)


def test_quantified_narrowing_takes_the_indicator_of_its_number(facts, dictionary):
    text, rows = _find("xianning_2020h1_news", facts, dictionary)
    narrowing = [r for r in rows if r["kind"] == "decline_narrowing"]
    assert [r["indicator_id"] for r in narrowing] == [
        "gdp", "agri_output", "industrial_va_above_size", "high_tech_va", "retail_sales", "budget_revenue"]
    assert all(r["has_number"] for r in narrowing)
    assert narrowing[0]["text"] == "降幅比一季度收窄"
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)  # Traditional text, offsets intact


@pytest.mark.parametrize("sentence, kind, direction, indicator", [
    ("1-9月,工业用电量增幅逐月回落。", "growth_slowing", "worsening", "industrial_electricity"),
    ("外贸进出口总额由负转正。", "turned_positive", "improving", "trade_total"),
    ("固定资产投资降幅扩大。", "decline_widening", "worsening", "fai"),
    ("全年粮食播种面积与上年持平。", "flat", "stable", "grain_area"),
])
def test_wording_classes(dictionary, sentence, kind, direction, indicator):
    (row,) = directions.find_directions("x", sentence, [], dictionary)
    assert (row["kind"], row["direction"], row["indicator_id"]) == (kind, direction, indicator)
    assert sentence[row["start"]:row["end"]] == row["text"]


def test_no_statement_no_row(dictionary):
    assert directions.find_directions("x", "完成地区生产总值711.1亿元,增长1.6%。", [], dictionary) == []
