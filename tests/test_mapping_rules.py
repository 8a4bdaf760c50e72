"""Sentence-level mapping rules, each on the shape of real report sentences.

Every case runs the whole path (extraction, then :func:`cnreport.clean.report_facts`),
so a rule is checked as a reader meets it. The sentences reproduce shapes quoted in
issue 13 and met in real bulletins, work reports, plan reports and news.
"""

from __future__ import annotations

import json

import pytest

from cnreport import clean
from cnreport.clean import sentences, subjects
from cnreport.core import files
from conftest import run_cli

COUNTY = "湖南省岳阳市岳阳县"


@pytest.fixture(scope="module")
def dictionary():
    return clean.read_dictionary()


def _meta(place_zh: str = COUNTY) -> files.ReportMeta:
    return files.meta_from_mapping({"report_id": "x_2020", "place_zh": place_zh, "place_en": "X",
                                    "genre": "bulletin", "period_actual": "2020", "script": "simplified"})


def _facts(text: str, dictionary, place_zh: str = COUNTY) -> list[tuple]:
    rows, _ = clean.report_facts(text, _meta(place_zh), "x_2020", dictionary)
    for r in rows:
        assert text[int(r["start"]):int(r["end"])] == r["text"]
    return [(r["text"], r["indicator_id"], r["mapping_rule"], r["subject"]) for r in rows]


# --- 分别 and enumerations ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "ids"), [
    ("城乡居民人均可支配收入分别增长5.4%和7.1%。", ["disposable_income_urban", "disposable_income_rural"]),
    ("城乡居民人均可支配收入分别达到13095元和4022元。", ["disposable_income_urban", "disposable_income_rural"]),
    ("第一、二、三产业增加值分别增长6.6%、3.4%、2.3%。", ["gdp_primary", "gdp_secondary", "gdp_tertiary"]),
    ("轻、重工业增加值分别增长4.5%和14.0%。", ["light_industry_va", "heavy_industry_va"]),
    ("金融机构各项存贷款余额分别增长21.65%、26.36%。", ["deposits_balance", "loans_balance"]),
    ("国有投资、民间投资分别增长24.2%、0.4%。", ["state_investment", "private_investment"]),
    ("三次产业的贡献率分别为89.3%、-7.9%和18.6%。", ["gdp_primary_contribution", "gdp_secondary_contribution",
                                             "gdp_tertiary_contribution"]),
])
def test_enumerations_spread_in_order(dictionary, text, ids):
    facts = _facts(text, dictionary)
    assert [f[1] for f in facts] == ids
    assert {f[2] for f in facts} == {"respective"}


def test_enumeration_rejoins_a_name_broken_by_a_line_end(dictionary):
    facts = _facts("城乡居民人均\n可支配收入分别达到31096元、9756元,是2015年的1.45倍和1.5倍。", dictionary)
    assert [f[1] for f in facts] == ["disposable_income_urban", "disposable_income_rural", "", ""]


def test_a_basis_list_is_not_an_enumeration(dictionary):
    # 按常住人口、户籍人口计算: two bases of one indicator
    facts = _facts("按常住人口、户籍人口计算的人均地区生产总值分别为12.14万元和11.04万元。", dictionary)
    assert [f[1] for f in facts] == ["gdp_per_capita", "gdp_per_capita"]


# --- other places ---------------------------------------------------------------------------

def test_figures_of_the_country_and_the_province_are_theirs(dictionary):
    facts = _facts("全县地区生产总值增长6.5%,高于全国(2.3%)、省(3.1%)。", dictionary)
    assert [(f[0], f[1], f[3]) for f in facts] == [("6.5%", "gdp", COUNTY), ("2.3%", "gdp", "全国"),
                                                   ("3.1%", "gdp", "全省")]


def test_a_gap_to_the_province_names_the_province(dictionary):
    facts = _facts("规模以上工业增加值增长5%,比全省高1.5个百分点。", dictionary)
    assert [(f[1], f[3]) for f in facts] == [("industrial_va_above_size", COUNTY),
                                             ("industrial_va_above_size", "全省")]


@pytest.mark.parametrize(("lead", "place", "expected"), [
    ("前三季度全市财政总收入", "江西省萍乡市", ""),          # the city's own report
    ("前三季度全市财政总收入", COUNTY, "全市"),               # a county report quoting its city
    ("全国居民消费价格上涨", COUNTY, "全国"),
    ("其中,金沙镇完成", COUNTY, "金沙镇"),
    ("城乡居民收入", COUNTY, ""),
    ("占全县总量", COUNTY, ""),                                # a denominator, not a subject
    ("(区本级", "浙江省宁波市鄞州区", "区本级"),
    ("增幅高于全省平均水平", "江西省萍乡市", "全省"),
])
def test_subject_of_the_words_before_a_number(lead, place, expected):
    assert subjects.subject_of(lead, place) == expected


# --- shares, ratios, pulls ------------------------------------------------------------------

def test_a_share_names_its_numerator(dictionary):
    facts = _facts("民营经济增加值占GDP的比重为55.2%。非公经济实现增加值69.1亿元,增长8.6%,占全县生产总值42.7%。"
                   "高新技术产业产值在规模工业产值中的占比达54.3%。", dictionary)
    assert [f[1] for f in facts] == ["nonpublic_va", "nonpublic_va", "nonpublic_va", "nonpublic_va",
                                     "high_tech_output"]


@pytest.mark.parametrize(("text", "expected"), [
    ("规模以上工业增加值率为28.5%。", "industrial_va_rate"),
    ("第二产业拉动GDP增长0.8个百分点。", "gdp_secondary_pull"),
    ("第一产业对全县地区生产总值的贡献率为6.6%。", "gdp_primary_contribution"),
    ("年度投资完成率110.8%。", "investment_plan_completion"),
])
def test_ratios_and_pulls_are_not_the_level(dictionary, text, expected):
    assert _facts(text, dictionary)[0][1] == expected


def test_rate_after_reads_only_the_next_word():
    assert sentences.rate_after("规上工业增加值率", "规上工业增加值")
    assert not sentences.rate_after("规上工业增加值增长率", "规上工业增加值")
    assert not sentences.rate_after("考核断面水质达标率", "考核断面")


# --- inheritance ----------------------------------------------------------------------------

def test_comparisons_carry_the_subject_over_semicolons(dictionary):
    facts = _facts("上半年全市生产总值735.4亿元,同比增长12.8%,比一季度回落4.8个百分点;两年平均增长6.0%。", dictionary)
    assert [f[1] for f in facts] == ["gdp"] * 4
    assert [f[2] for f in facts] == ["exact", "exact", "inherited", "inherited"]


def test_no_inheritance_across_a_change_of_subject(dictionary):
    facts = _facts("完成一般公共预算收入25亿元,增长3%;居民收入分别增长6%和8%。", dictionary)
    assert [f[1] for f in facts] == ["budget_revenue", "budget_revenue", "", ""]


def test_no_inheritance_across_a_full_stop(dictionary):
    facts = _facts("完成一般公共预算收入25亿元。两年平均增长3%。", dictionary)
    assert [f[1] for f in facts] == ["budget_revenue", ""]


@pytest.mark.parametrize("phrase", ["同比", "两年平均", "比年初", "较上年同期", "增幅高于全省平均水平",
                                    "但总量已完成全年目标", "比一季度加快"])
def test_carry_over_phrases(phrase):
    assert sentences.is_carry_over(phrase)


@pytest.mark.parametrize("phrase", ["居民收入", "项目投资", "低于年度调控目标的园区"])
def test_phrases_naming_a_subject_are_not_carry_over(phrase):
    assert not sentences.is_carry_over(phrase)


# --- variants, tables -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected", "rule"), [
    ("全县实现财政总收入43.6亿元。", "fiscal_revenue_total", "exact"),
    ("地方一 般公共预算收入111.16亿元。", "budget_revenue", "variant"),
    ("农林牧渔业实现增加值24.24亿元。", "agri_va", "variant"),
    ("全县粮食产量平均亩产606公斤。", "grain_yield", "contains"),
    ("社会消费品零售额80.2亿元。", "retail_sales", "exact"),
])
def test_variants_of_standard_names(dictionary, text, expected, rule):
    assert _facts(text, dictionary)[0][1:3] == (expected, rule)


def test_tables_read_the_row_name(dictionary):
    text = "指标|绝对数|增长\n地区生产总值|711.1亿元|1.6%\n\n主要指标\n社会消费品零售总额\n300亿元\n"
    facts = _facts(text, dictionary)
    assert [f[1] for f in facts] == ["gdp", "gdp", "retail_sales"]
    assert facts[-1][2] == "lead"


def test_unit_families_tolerate_new_base_units(dictionary):
    assert clean.unit_family("HKD") == clean.unit_family("CNY") == "money"
    assert clean.unit_family("kg") == clean.unit_family("tonne")
    assert dictionary.fits("exports", "EUR") and not dictionary.fits("exports", "kg")


# --- the review list and the CLI -------------------------------------------------------------

def test_unmapped_review_counts_phrases_with_an_example(dictionary):
    text = "居民收入增长6%。居民收入增长8%。地区生产总值10亿元。"
    rows, _ = clean.report_facts(text, _meta(), "x_2020", dictionary)
    review = clean.unmapped_review(rows, "indicator_zh", "start")
    assert review == [{"report_id": "x_2020", "phrase": "居民收入", "count": 2, "example_start": 6,
                       "example_sentence": "居民收入增长6%。"}]


def test_cli_facts_contract(tmp_path):
    out, review = tmp_path / "f.csv", tmp_path / "r.csv"
    res = run_cli("facts", "data/raw/tongzhou_2020h1.txt", "-o", str(out), "--review", str(review))
    assert res.returncode == 0, res.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(clean.facts.COLUMNS)
    assert lines[0].endswith(",sentence,indicator_id,indicator_en,mapping_rule,subject")
    assert lines[1].startswith("tongzhou_2020h1,293,300,711.1亿元,")
    assert lines[1].endswith(",gdp,Gross domestic product (GDP),exact,江苏省南通市通州区")
    assert len(lines) == 1 + 107
    assert review.read_text(encoding="utf-8") == "report_id,phrase,count,example_start,example_sentence\n"
    assert "107 mapped (100%)" in res.stderr.decode()
    res = run_cli("facts", "data/raw/tongzhou_2020h1.txt", "--format", "json")
    rows = json.loads(res.stdout.decode("utf-8"))
    assert rows[0]["value_base"] == 71110000000 and rows[0]["indicator_id"] == "gdp"


def test_cli_facts_bad_input_is_one_line_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out = tmp_path / "f.csv"
    out.write_text("earlier\n")
    res = run_cli("facts", str(bad), "-o", str(out))
    err = res.stderr.decode()
    assert res.returncode == 2 and err.startswith(f"cnreport: error: {bad}: ") and err.count("\n") == 1
    assert out.read_text() == "earlier\n"


def test_facts_and_dataset_agree_on_the_flagship(dictionary):
    """The CLI path and the dataset path are one function: same ids, rules and subjects."""
    rows, _ = clean.report_facts(files.read_report("data/raw/tongzhou_2020h1.txt").text,
                                 files.read_metadata("tongzhou_2020h1"), "tongzhou_2020h1", dictionary)
    cleaned = clean.clean_reports(["tongzhou_2020h1"], dictionary)
    assert sorted((int(r["start"]), r["indicator_id"], r["mapping_rule"], r["subject"]) for r in rows) == \
        sorted((f["source_start"], f["indicator_id"], f["mapping"], f["subject"]) for f in cleaned.facts)


def test_figures_of_other_places_and_parts_stay_out_of_the_panel(dictionary):
    from cnreport.clean import panel

    ids = ["jingjiang_2020_news", "xianning_2020h1_news"]
    cleaned = clean.clean_reports(ids, dictionary)
    others = {(f["report_id"], f["source_start"], f["subject"]) for f in cleaned.facts
              if f["subject"] != f["place_zh"]}
    # "其中本级实现1119.28亿元,增长7.5%" and "比全省平均水准低12.2个百分点"
    assert others == {("jingjiang_2020_news", 555, "本级"), ("jingjiang_2020_news", 567, "本级"),
                      ("xianning_2020h1_news", 631, "全省")}
    metas = {rid: files.read_metadata(rid) for rid in ids}
    rows = panel.report_rows(cleaned.facts, metas)
    assert not {(r["source_id"], r["source_start"]) for r in rows} & {(o[0], o[1]) for o in others}
    assert len(rows) == sum(1 for f in cleaned.facts if f["status"] == "actual" and f["indicator_id"]) - 3


def test_a_pull_after_a_contribution_rate_is_the_same_sectors_pull(dictionary):
    facts = _facts("第一产业对经济增长的贡献率为6.6%,拉动GDP增长0.2个百分点。", dictionary)
    assert [(f[1], f[2]) for f in facts] == [("gdp_primary_contribution", "exact"), ("gdp_primary_pull", "inherited")]


def test_a_note_in_brackets_does_not_end_the_clause(dictionary):
    # the extractor's phrase is only "当年价)": the clause before it names GDP, and 同比 carries it on
    facts = _facts("全年全县地区生产总值(GDP,当年价)100.48亿元,同比增长5.3%。", dictionary)
    assert [(f[1], f[2]) for f in facts] == [("gdp", "lead"), ("gdp", "inherited")]


def test_shuaixian_is_not_a_rate(dictionary):
    # 率先 ("first to") after a name does not make it a ratio
    assert _facts("四上企业率先突破235家。", dictionary)[0][1] == "four_above_enterprises"


def test_a_per_unit_prefix_is_not_the_total(dictionary):
    # 亩均税收 is tax per mu of land; 限上社零额 is the above-size part of retail sales
    assert _facts("亩均税收达到35万元。", dictionary)[0][1] == ""
    assert _facts("限上社零额增长9.3%。", dictionary)[0][1] == "retail_sales_above_size"
