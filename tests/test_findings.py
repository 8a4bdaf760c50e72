"""Price basis, plan readings, the reports' own comparisons and the finding sentences
(values checked by hand against the report texts and data/external/benchmarks.csv)."""

from __future__ import annotations

import pandas as pd
import pytest

from cnreport import analysis as A
from cnreport.analysis import basis, comparisons, findings, findings_places, plan
from cnreport.analysis.sources import Sources, original_publisher, publisher_zh
from cnreport.clean import benchmarks
from cnreport.core import files, paths

REPORT = "tongzhou_2020h1"


@pytest.fixture(scope="module")
def d():
    ids = files.list_report_ids()
    texts = {r: files.read_report(paths.raw_report(r)).text for r in ids}
    panel = basis.with_stated_bases(pd.read_parquet(paths.PROCESSED / "panel.parquet"), texts)
    src = Sources(pd.DataFrame(benchmarks.read_benchmarks()),
                  {r: (files.read_metadata(r).publisher_en, files.read_metadata(r).period_actual) for r in ids})
    return {"texts": texts, "panel": panel, "src": src,
            "indicators": pd.read_parquet(paths.PROCESSED / "indicators.parquet"),
            "directions": pd.read_csv(paths.PROCESSED / "directions.csv", dtype=str, keep_default_na=False).replace("", None)}


@pytest.mark.parametrize(("text", "expected"), [
    ("全市实现地区生产总值1004.80亿元,按可比价格计算,比上年增长3.0%", "real"),
    ("全年地區生產總值完成304.8億元,按可比價計算,比上年增長3.8%", "real"),
    ("地区生产总值711.1亿元,同比增长1.6%", None),
    ("按可比价格计算增长5%。地区生产总值711.1亿元,同比增长1.6%", None),  # the cue is in the sentence before
    ("按现价计算,零售额增长1.6%", "nominal"),
])
def test_stated_basis_reads_the_sentence_before_the_rate(text, expected):
    found = basis.stated_basis(text, text.rindex("1.6%") if "1.6%" in text else len(text) - 4)
    assert (found[0] if found else None) == expected


def test_every_rate_carries_a_basis_and_report_cues_are_read(d):
    rates = d["panel"][d["panel"]["measure"] == "growth_pct"]
    assert rates["price_basis"].isin(["real", "nominal", "as_reported", "n.a."]).all()
    gdp = rates[(rates["indicator_id"] == "gdp") & (rates["source_kind"] == "report")].set_index(["geo_id", "period"])
    assert gdp.loc[("jingjiang", "2020"), "price_basis"] == "real"      # 按可比价格计算 before 3.0%
    assert gdp.loc[("tz", "2020H1"), "price_basis"] == "as_reported"    # the 2020 H1 report does not say
    assert (rates.loc[rates["origin"] == "derived", "price_basis"] == "nominal").all()


def test_scorecard_marks_comparisons_across_bases(d):
    card = basis.mark_bases(A.scorecard(d["panel"], d["directions"], place="tz", period="2020H1", comparators=("js", "cn")), "tz")
    row = card.set_index(["indicator_id", "geo_id"])
    assert row.loc[("gdp", "js"), "comparison"] == "across bases: basis not stated vs real"
    assert row.loc[("disposable_income_urban", "cn"), "comparison"] == "same basis (nominal)"
    assert row.loc[("gdp", "tz"), "basis"] == "basis not stated"
    assert basis.comparison_basis("real", None) == ""


def test_real_income_growth_deflated_by_national_cpi(d):
    p = d["panel"]
    rows = p[(p["geo_id"] == "tz") & (p["period"] == "2020H1") & (p["origin"] == "derived")]
    real = basis.deflate(rows, p, ("tz", "js", "cn")).set_index("indicator_id")
    # by hand: 27016/26349 = 1.02531; /1.038 -> -1.22%; 13737/13216 = 1.03942; /1.038 -> +0.13%
    assert real.loc["disposable_income_urban", "real_approx"] == -1.22
    assert real.loc["disposable_income_rural", "real_approx"] == 0.13
    assert real.loc["disposable_income_urban", "deflator_source"] == "benchmarks.csv:157"   # NBS CPI 2020 H1 +3.8%


@pytest.mark.parametrize(("a", "t", "same"), [
    ("改建农村户厕", "户厕改造", False), ("实施苗木移植绿化施工", "新增城区绿化面积", False),
    ("城镇新增就业", "新增城镇就业", True), ("完成施工产值", "施工产值", True), ("新建5G基站", "新建5G基站", True)])
def test_same_measure_compares_phrases(a, t, same):
    assert plan.same_measure(a, t)[0] is same


def test_qualifier_words_around_a_number():
    text = "改建农村户厕超1万座,施工产值突破2000亿元,利用率90%以上"
    assert plan.qualifier_words(text, text.index("1万座"), text.index("1万座") + 3) == ("超", "")
    assert plan.qualifier_words(text, text.index("2000"), text.index("2000") + 6) == ("突破", "")
    assert plan.qualifier_words(text, text.index("90%"), text.index("90%") + 3) == ("", "以上")


def test_plan_readings_honour_qualifiers_pairs_and_seasonality(d):
    r = plan.plan_readings(d["indicators"], d["panel"], d["texts"][REPORT], REPORT, "2020H1", "2020H2").set_index("indicator_id")
    assert r.loc["construction_output", "readings"] == "full year only"          # 突破2000亿元
    assert r.loc["construction_output", "share_bound"] == "at_most"
    assert pd.isna(r.loc["construction_output", "share_second_half"])
    assert r.loc["rural_toilets", "share_bound"] == "at_least"                   # 超1万座
    assert not r.loc[["high_standard_farmland", "greening_area", "rural_toilets"], "same_measure"].any()
    assert r.loc[["base_stations_5g", "new_urban_jobs", "construction_output"], "same_measure"].all()
    assert r.loc["new_urban_jobs", "h1_share_reference"] == 47.6                 # China 2020: 564 / 1186 (10k persons)
    text = plan.plan_findings(r.reset_index(), REPORT, d["src"])
    assert "at most 30.4%" in text and "no second-half reading" in text and "Not read as progress" in text
    assert "National Bureau of Statistics (benchmarks.csv line 147)" in text


def test_own_comparisons_find_the_qidong_statement(d):
    c = comparisons.own_comparisons("qidong_2020h1_plan", d["texts"]["qidong_2020h1_plan"], d["indicators"])
    assert c[["relation", "compared_with", "indicator_id", "value"]].values.tolist() == [
        ["above", "全国和全省", "gdp", 1.6], ["close to", "南通平均水平", "gdp", 1.6]]
    text = d["texts"]["qidong_2020h1_plan"]
    assert all(text[s:e] == t for s, e, t in zip(c["start"], c["end"], c["text"], strict=True))
    assert comparisons.own_comparisons(REPORT, d["texts"][REPORT], d["indicators"]).empty


def test_scorecard_sentences_tell_a_benchmark_gap_from_a_report_gap(d):
    card = basis.mark_bases(A.scorecard(d["panel"], d["directions"], place="tz", period="2020H1", comparators=("js", "cn")), "tz")
    text = findings.scorecard_findings(card, "tz", d["src"])
    assert "not reported" not in text.lower()
    assert "Not in our benchmarks" in text and "The report states a growth rate for 2 of the 7" in text
    assert "Jiangsu Provincial Bureau of Statistics (benchmarks.csv line 171)" in text
    assert "+0.7 points, compared across bases" in text


def test_baseline_sentences_say_the_key_finding(d):
    base = A.baseline(d["panel"], place="tz", now="2020H1", before="2019H1")
    uns = A.unsaid(d["indicators"], d["directions"], REPORT, "tongzhou_2019h1_plan")
    derived = d["panel"][(d["panel"]["geo_id"] == "tz") & (d["panel"]["period"] == "2020H1") & (d["panel"]["origin"] == "derived")
                         & d["panel"]["indicator_id"].str.startswith("disposable_income")]
    text = findings.baseline_findings(base, uns, basis.deflate(derived, d["panel"], ("cn",)), d["src"], "2019 H1", "2020 H1")
    assert text.startswith("The 2020 H1 report gives levels with no growth rate for General public budget revenue, "
                           "Per-capita disposable income of urban residents and Per-capita disposable income of rural residents")
    assert "General public budget revenue fell outright**: −5.90%" in text
    assert "0.31 times its 2019 H1 pace of 8.1%" in text
    assert "about −1.22% in real terms" in text and "an approximation" in text


def test_places_and_cumulative_sentences(d):
    from cnreport.analysis import district

    cross = A.cross_district(d["panel"], d["indicators"], period="2020H1",
                             geos=district.district_geos(d["panel"], d["indicators"], "2020H1"))
    text = findings_places.district_findings(cross, "tz", d["src"])
    assert "by at least 18.4 points" in text and "5 real; 2 basis not stated" in text
    v = A.national_v(d["panel"], geos=("cn", "js", "hb", "tz"), periods=A.CUMULATIVE_PERIODS)
    text = findings_places.cumulative_findings(v, "tz", "cn", "2020H1", d["src"])
    assert "the average is 5.3% a year" in text      # sqrt(1.127 × 0.984) = 1.0531
    assert " V" not in text and "largely" not in text


def test_publisher_names():
    assert original_publisher("National Bureau of Statistics via NetEase Finance (网易财经)") == "National Bureau of Statistics"
    assert publisher_zh("Jiangsu Provincial Bureau of Statistics via The Paper (澎湃新闻) repost", "江苏省") == "江苏省统计局"
    assert publisher_zh("National Bureau of Statistics release on a mirror site", "中国") == "国家统计局"
