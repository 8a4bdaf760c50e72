"""Cleaning: the dictionary, the mapping rules, splits, reconciliation and provenance."""

from __future__ import annotations

import pytest

from cnreport import clean
from cnreport.clean import mapping
from cnreport.core import files, paths
from cnreport.core.files import ReportError

HEADER = ",".join(clean.DICTIONARY_COLUMNS)


@pytest.fixture(scope="module")
def dictionary():
    return clean.read_dictionary()


@pytest.fixture(scope="module")
def cleaned(report_ids, dictionary):
    return clean.clean_reports(report_ids, dictionary)


def _facts(cleaned, report_id):
    return [f for f in cleaned.facts if f["report_id"] == report_id]


def _at(cleaned, report_id, start):
    return [f for f in _facts(cleaned, report_id) if f["source_start"] == start]


# --- the dictionary file -------------------------------------------------------------------

def _write(tmp_path, *rows):
    path = tmp_path / "indicators.csv"
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_dictionary_reads_and_has_unique_phrases(dictionary):
    assert len(dictionary.indicators) >= 150
    assert dictionary.exact("地区生产总值") == "gdp"
    assert dictionary.exact("一般公共预算收入") == "budget_revenue"


@pytest.mark.parametrize("rows, problem", [
    (["gdp,GDP,地区生产总值,macro,CNY,,,地区生产总值,,", "gdp,GDP,生产总值,macro,CNY,,,生产总值,,"],
     "indicator_id 'gdp' is repeated"),
    (["gdp,GDP,地区生产总值,economy,CNY,,,地区生产总值,,"], "sector 'economy' is not one of"),
    (["GDP,GDP,地区生产总值,macro,CNY,,,地区生产总值,,"], "is not snake_case"),
    (["gdp,GDP,地区生产总值,macro,CNY,,,地区生产总值,,", "gva,GVA,增加值,macro,CNY,,,地区生产总值,,"],
     "phrase '地区生产总值' is listed for both gdp and gva"),
    (["gdp,GDP,地区生产总值,macro,CNY,,gdp_x,地区生产总值,,"], "component 'gdp_x' is not an indicator_id"),
    (["gdp,,地区生产总值,macro,CNY,,,地区生产总值,,"], "needs name_en and name_zh"),
])
def test_dictionary_errors_name_the_file_and_problem(tmp_path, rows, problem):
    path = _write(tmp_path, *rows)
    with pytest.raises(ReportError) as err:
        clean.read_dictionary(path)
    assert problem in str(err.value) and "indicators.csv" in str(err.value)
    assert "\n" not in str(err.value)


def test_dictionary_missing_column_and_missing_file(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text("indicator_id,name_en\n", encoding="utf-8")
    with pytest.raises(ReportError, match="missing column"):
        clean.read_dictionary(path)
    with pytest.raises(ReportError, match="cannot read"):
        clean.read_dictionary(tmp_path / "absent.csv")


def test_every_benchmark_indicator_has_a_dictionary_entry(dictionary):
    bench = {r["indicator"] for r in files.read_csv_rows(paths.EXTERNAL / "benchmarks.csv")}
    mapped = {i.benchmark_indicator for i in dictionary.indicators.values()}
    assert bench <= mapped


# --- phrase rules ---------------------------------------------------------------------------

@pytest.mark.parametrize("phrase, cleaned_phrase", [
    ("──完成进出口总额", "完成进出口总额"),
    ("居民消费价格指数[1]", "居民消费价格指数"),
    ("新增“上云”企业", "新增上云企业"),
    ("一般公共預算收入", "一般公共预算收入"),  # Traditional input is matched after conversion
])
def test_clean_phrase(phrase, cleaned_phrase):
    assert clean.clean_phrase(phrase) == cleaned_phrase


def test_longest_phrase_wins_and_units_must_fit(dictionary):
    assert dictionary.match("第一产业增加值") == ("gdp_primary", "exact")
    assert dictionary.match("全年预计实现地区生产总值") == ("gdp", "contains")
    # a count cannot be revenue; a money amount cannot be a count of clusters
    assert dictionary.longest_in("省、市级集聚区实现营业收入", "count") == ("service_clusters", "集聚区")
    assert dictionary.longest_in("省、市级集聚区实现营业收入", "CNY") == ("service_cluster_revenue", "集聚区实现营业收入")
    assert dictionary.match("城镇登记失业", "persons") == ("registered_unemployed", "exact")
    assert dictionary.match("城镇登记失业率") == ("unemployment_rate_registered", "exact")


@pytest.mark.parametrize("source, row, tail", [
    ("9家企业入围百强。", {"end": 2, "measure": "level"}, "企业入围百强"),
    ("新增上云企业200家。", {"end": 10, "measure": "level"}, ""),
    ("超700亿元的20个项目", {"end": 6, "measure": "level"}, ""),          # 的: an attribute, not a noun
    ("增长9.8%,高于全省", {"end": 7, "measure": "growth_pct"}, ""),       # only levels
    ("5所學校通過驗收", {"end": 2, "measure": "level"}, "学校通过验收"),  # Traditional
])
def test_counter_tail(source, row, tail):
    assert clean.counter_tail(source, row) == tail


# --- the flagship report: every row mapped, hand-checked mappings -----------------------------

# (offset, indicator ids): checked by reading each sentence of tongzhou_2020h1.txt.
FLAGSHIP = {
    293: ["gdp"], 309: ["gdp"], 324: ["budget_revenue"], 339: ["fai"],
    357: ["disposable_income_urban"], 375: ["disposable_income_rural"],
    424: ["industrial_output_above_size"], 474: ["key_industries_output"],
    519: ["strategic_emerging_output"], 545: ["high_tech_mfg_investment"],
    670: ["service_clusters"],               # 6家省、市级集聚区…: the count, not the revenue
    685: ["service_cluster_revenue"],
    734: ["consumption_measures"],           # 实施消费券发放等34项拉动消费举措
    865: ["construction_top_firms"],         # 南通四建、通州建总等9家企业入围…
    1083: ["base_stations_5g"], 1588: ["fdi_actual"], 1712: ["rent_power_relief"],  # a total: not split
    2179: ["rural_road_safety"],             # 实施150公里乡村道路安全防护提升工程
    2215: ["pm25"], 2233: ["good_air_days_ratio"],
    2239: ["water_monitoring_sections"],     # 12个考核断面水质达标率100%: 12 counts the sections
    2251: ["water_sections_compliance"], 2437: ["new_urban_jobs"], 2450: ["unemployment_rate_registered"],
    2554: ["social_assistance_paid"],        # 超亿元
    3941: ["green_brands", "organic_brands"],  # 绿色品牌、有机品牌各3个: split
    4145: ["project_investment"], 4151: ["major_industrial_projects"],
    5427: ["base_stations_5g"], 5529: ["rural_toilets"],
    5792: ["contaminated_farmland_safe_use", "contaminated_plots_safe_use"],  # one rate, two subjects
    5939: ["new_urban_jobs"],
}


def test_flagship_every_fact_is_mapped(cleaned):
    facts = _facts(cleaned, "tongzhou_2020h1")
    assert len(facts) == 107
    assert [f for f in facts if not f["indicator_id"]] == []


@pytest.mark.parametrize("start, ids", sorted(FLAGSHIP.items()))
def test_flagship_hand_checked_mapping(cleaned, start, ids):
    assert sorted(f["indicator_id"] for f in _at(cleaned, "tongzhou_2020h1", start)) == sorted(ids)


def test_splits_are_labelled_and_share_the_span(cleaned):
    pair = _at(cleaned, "tongzhou_2020h1", 3941)
    assert {f["split"] for f in pair} == {"each"} and {f["value"] for f in pair} == {"3"}
    rates = _at(cleaned, "tongzhou_2020h1", 5792)
    assert {f["split"] for f in rates} == {"shared_rate"} and {f["source_text"] for f in rates} == {"90%"}


def test_comparisons_inherit_the_previous_subject(cleaned):
    xianning = [f for f in _facts(cleaned, "xianning_2020h1_news") if f["measure"] == "pp_change"]
    assert [f["indicator_id"] for f in xianning] == [
        "gdp", "agri_output", "industrial_va_above_size", "high_tech_va", "retail_sales", "budget_revenue",
        "budget_revenue"]
    assert {f["mapping"] for f in xianning} == {"inherited"}
    assert all(float(f["value"]) > 0 for f in xianning[:-1])  # 降幅收窄: narrower declines are +pp


def test_structure_ratios_go_to_the_three_sectors(cleaned):
    shares = [f for f in _facts(cleaned, "tongzhou_2019_bulletin") if f["measure"] == "share_pct"][:6]
    assert [f["indicator_id"] for f in shares] == ["gdp_primary", "gdp_secondary", "gdp_tertiary"] * 2
    assert [f["period"] for f in shares] == ["2018"] * 3 + ["2019"] * 3
    assert [f["value"] for f in shares] == ["4.6", "51.6", "43.8", "4.3", "51.9", "43.8"]
    assert [f["mapping"] for f in shares] == ["respective"] * 3 + ["inherited"] * 3


def test_levels_never_inherit(cleaned):
    # 新登记市场主体11428户,实有66094户: the stock is not the new registrations
    stock = [f for f in _facts(cleaned, "baoying_2020_bulletin") if f["indicator_phrase"] == "实有"]
    assert len(stock) == 3 and all(f["mapping"] == "unmapped" and not f["indicator_id"] for f in stock)


def test_traditional_report_maps_like_simplified(cleaned):
    ids = [f["indicator_id"] for f in _facts(cleaned, "tongzhou_2019h1_plan")][:8]
    assert ids == ["gdp", "budget_revenue", "budget_revenue", "fai", "disposable_income_urban",
                   "disposable_income_urban", "disposable_income_rural", "disposable_income_rural"]


# --- accounting and provenance ----------------------------------------------------------------

def test_reconciliation_every_extracted_row_is_a_fact(cleaned, report_ids):
    for rec in cleaned.reconciliation:
        rid = rec["report_id"]
        extracted = files.read_csv_rows(paths.interim_table(rid, "extracted"))
        assert rec["extracted"] == len(extracted)
        assert rec["facts"] == rec["extracted"] + rec["added_by_split"]
        assert rec["facts"] == rec["mapped"] + rec["unmapped"]
        starts = {f["source_start"] for f in _facts(cleaned, rid)}
        assert starts == {int(r["start"]) for r in extracted}
    assert [r["report_id"] for r in cleaned.reconciliation] == report_ids


def test_every_fact_points_at_its_characters(cleaned, report_ids):
    texts = {rid: files.read_report(paths.raw_report(rid)).text for rid in report_ids}
    for f in cleaned.facts:
        assert texts[f["report_id"]][f["source_start"]:f["source_end"]] == f["source_text"]


def test_ranges_scale_both_ends():
    row = {"value": "1", "value_high": "2", "value_base": "10000", "unit_base": "count"}
    assert mapping._base_high(row) == "20000"
    assert mapping._base_high({**row, "value_base": "-1"}) == "-2"
