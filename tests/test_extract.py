"""The extractor against hand-checked listings, provenance, coverage and hard cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cnreport import extract
from cnreport.core import files, paths
from cnreport.extract import evaluate

LISTINGS = paths.TESTS / "listings"
REPORT_IDS = files.list_report_ids()
# Hand listings exist for some reports, not all: an analyst's added report needs none (issue 12).
LISTED_IDS = [rid for rid in REPORT_IDS if (LISTINGS / f"{rid}_quantities.csv").exists()]
FIELDS = ["start", "end", "text", "value", "value_high", "unit", "value_base", "unit_base",
          "measure", "status", "period", "qualifier", "section"]


@pytest.fixture(scope="module")
def extracted() -> dict:
    out = {}
    for rid in REPORT_IDS:
        rep = files.read_report(paths.raw_report(rid))
        out[rid] = (rep.text, extract.extract_quantities(rep.text, files.read_metadata(rid)))
    return out


def _listed(rid: str) -> list[dict]:
    return files.read_csv_rows(LISTINGS / f"{rid}_quantities.csv")


def _same(field: str, a, b) -> bool:
    a, b = ("" if a is None else str(a)), ("" if b is None else str(b))
    if field in ("value", "value_high", "value_base") and a and b:
        return Decimal(a) == Decimal(b)
    return a == b


def test_every_listing_is_of_a_report_here_or_in_the_development_set():
    listed = {p.name.removesuffix("_quantities.csv") for p in LISTINGS.glob("*_quantities.csv")}
    assert "tongzhou_2020h1" in LISTED_IDS   # the flagship always has its hand listing
    # the other listings are of development-set excerpts in ../shared/data/dev (tests/listings/README.md)
    if paths.DEV.is_dir():
        assert listed - set(REPORT_IDS) <= {p.stem for p in paths.DEV.glob("*.txt")}


@pytest.mark.parametrize("rid", LISTED_IDS)
def test_listings_are_consistent_with_the_text(rid):
    text = files.read_report(paths.raw_report(rid)).text
    for kind in ("quantities", "excluded"):
        for row in files.read_csv_rows(LISTINGS / f"{rid}_{kind}.csv"):
            assert text[int(row["start"]):int(row["end"])] == row["text"], (kind, row)


@pytest.mark.parametrize("rid", LISTED_IDS)
def test_every_listed_quantity_matches_field_by_field(extracted, rid):
    _, ex = extracted[rid]
    by_span = {(r["start"], r["end"]): r for r in ex.rows}
    mismatches = []
    for lr in _listed(rid):
        er = by_span.get((int(lr["start"]), int(lr["end"])))
        if er is None:
            mismatches.append((lr["id"], "missing", lr["text"]))
            continue
        mismatches += [(lr["id"], f, er[f], lr[f]) for f in FIELDS if not _same(f, er[f], lr[f])]
    assert mismatches == []
    assert len(ex.rows) == len(_listed(rid)), "no quantity beyond the listing"


@pytest.mark.parametrize("rid", LISTED_IDS)
def test_scores_meet_the_targets(extracted, rid):
    _, ex = extracted[rid]
    sc = evaluate.score(ex.rows, _listed(rid))
    assert sc["precision"] >= 0.98 and sc["recall"] >= 0.98, sc["errors"]
    assert sc["measure_acc"] >= 0.97
    assert sc["status_acc"] >= 0.95


# Listings of development-set excerpts (../shared/data/dev, read-only; tests/listings/README.md).
# They are scored, not compared field by field.
DEV_IDS = sorted(p.name.removesuffix("_quantities.csv") for p in LISTINGS.glob("*_quantities.csv")
                 if p.name.removesuffix("_quantities.csv") not in REPORT_IDS)


def _dev(rid: str) -> tuple[str, extract.Extraction]:
    if not (paths.DEV / f"{rid}.txt").is_file():
        pytest.skip(f"the development set is not beside the checkout ({paths.DEV})")
    text = files.read_report(paths.DEV / f"{rid}.txt").text
    try:
        meta = files.read_metadata(paths.DEV / f"{rid}.yml")
    except files.ReportError:      # a period the reader does not take (2020Q1-Q3): genre-free, status from wording
        meta = None
    return text, extract.extract_quantities(text, meta)


def test_there_are_dev_listings():
    assert len(DEV_IDS) >= 8


@pytest.mark.parametrize("rid", DEV_IDS)
def test_dev_listings_score_on_unseen_reports(rid):
    text, ex = _dev(rid)
    sc = evaluate.score(ex.rows, _listed(rid))
    assert sc["precision"] >= 0.98 and sc["recall"] >= 0.98, sc["errors"]
    assert sc["measure_acc"] >= 0.94 and sc["status_acc"] >= 0.95, sc["errors"]
    cov = extract.coverage(text, ex.rows, ex.excluded)
    assert cov["uncovered"] == [] and cov["multiple"] == []
    spans = [(r["start"], r["end"]) for r in ex.rows]
    for row in files.read_csv_rows(LISTINGS / f"{rid}_excluded.csv"):
        a, b = int(row["start"]), int(row["end"])
        assert not any(s < b and a < e for s, e in spans), row


def test_indicator_phrases_agree_with_the_listings_often_enough(extracted):
    agree = total = 0
    for rid in LISTED_IDS:
        for er, lr in evaluate.match_rows(extracted[rid][1].rows, _listed(rid)):
            if er and lr:
                total += 1
                agree += er["indicator_zh"] == lr["indicator_zh"]
    assert total == sum(len(_listed(rid)) for rid in LISTED_IDS)   # every listed quantity was found
    assert agree / total >= 0.55   # measured 0.59; phrases are free text and the hardest field


@pytest.mark.parametrize("rid", REPORT_IDS)
def test_provenance_round_trip(extracted, rid):
    text, ex = extracted[rid]
    for row in ex.rows + ex.excluded:
        assert text[row["start"]:row["end"]] == row["text"], row
    for row in ex.rows:
        assert row["sentence"] in text and row["text"] in row["sentence"], row


@pytest.mark.parametrize("rid", REPORT_IDS)
def test_every_digit_run_ends_in_exactly_one_row(extracted, rid):
    text, ex = extracted[rid]
    cov = extract.coverage(text, ex.rows, ex.excluded)
    assert cov["uncovered"] == [] and cov["multiple"] == []
    assert cov["in_quantities"] + cov["in_excluded"] == cov["digit_runs"] > 0


@pytest.mark.parametrize("rid", LISTED_IDS)
def test_listed_exclusions_are_not_extracted_as_quantities(extracted, rid):
    _, ex = extracted[rid]
    spans = [(r["start"], r["end"]) for r in ex.rows]
    for row in files.read_csv_rows(LISTINGS / f"{rid}_excluded.csv"):
        a, b = int(row["start"]), int(row["end"])
        assert not any(s < b and a < e for s, e in spans), row


def test_coverage_detects_a_lost_number():
    text = "完成产值5亿元,增长3%。"
    ex = extract.extract_quantities(text)
    assert extract.coverage(text, ex.rows[:1], ex.excluded)["uncovered"] == [(10, "3")]


def _one(text: str, **meta) -> list[dict]:
    m = files.meta_from_mapping({"report_id": "t_2020h1", "place_zh": "某区", "place_en": "X", "genre": "plan_report",
                              "period_actual": "2020H1", "period_plan": "2020H2", "script": "simplified", **meta})
    return extract.extract_quantities(text, m).rows


@pytest.mark.parametrize("text, expected", [
    ("新增就业两万人。", [("两万人", "20000", "persons", "level")]),
    ("完成投资三千万元。", [("三千万元", "30000000", "CNY", "level")]),
    ("总额达1.2万亿元。", [("1.2万亿元", "1200000000000", "CNY", "level")]),
    ("占比百分之五。", [("百分之五", "5", "percent", "share_pct")]),
    ("增长2.3和5.7个百分点。", [("2.3", "2.3", "pp", "pp_change"), ("5.7个百分点", "5.7", "pp", "pp_change")]),
    ("新建3至5家。", [("3至5家", "3", "count", "level")]),
    ("发放救助金超亿元。", [("亿元", "100000000", "CNY", "level")]),
    ("进出口1,234.5万美元。", [("1,234.5万美元", "12345000", "USD", "level")]),
    ("PM2.5浓度下降9.6%。", [("9.6%", "-9.6", "percent", "growth_pct")]),
    ("降幅比一季度收窄21.1个百分点。", [("21.1个百分点", "21.1", "pp", "pp_change")]),
    ("比全省平均水平低12.2个百分点。", [("12.2个百分点", "-12.2", "pp", "pp_change")]),
    ("人均GDP比上年增加3706元。", [("3706元", "3706", "CNY", "abs_change")]),
    ("用电量32.05亿千瓦时。", [("32.05亿千瓦时", "3205000000", "kwh", "level")]),
    ("面积22.46千公顷。", [("22.46千公顷", "22460", "hectare", "level")]),
])
def test_hard_cases(text, expected):
    rows = _one(text)
    assert [(r["text"], r["value_base"], r["unit_base"], r["measure"]) for r in rows] == expected


def test_full_width_traditional_and_glosses_keep_offsets():
    text = "上半年,全市地區生(shēng)產總值增長１２．５％,完成投資3 億(yì)元。"
    rows = _one(text)
    assert [(r["text"], r["value_base"], r["unit_base"]) for r in rows] == [
        ("１２．５％", "12.5", "percent"), ("3 億(yì)元", "300000000", "CNY")]
    assert rows[0]["indicator_zh"] == "地区生产总值"
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"]


def test_line_break_inside_a_number_and_crlf():
    text = "完成产值711.\r\n1亿元,增长1.6%。\r\n"
    rows = _one(text)
    assert [(r["text"], r["value_base"]) for r in rows] == [("711.\r\n1亿元", "71110000000"), ("1.6%", "1.6")]


def test_thresholds_names_and_dates_are_excluded_with_reasons():
    text = "2020年7月29日,新签约10亿元以上项目35个,建成5G基站311个,实施“333”行动,十三五收官。"
    rows = _one(text)
    assert [r["text"] for r in rows] == ["35个", "311个"]
    ex = {e["text"]: e["reason"] for e in extract.extract_quantities(text).excluded}
    assert ex == {"2020年7月29日": "date", "10亿元": "threshold", "5G": "name", "333": "name"}


def test_status_and_period_follow_the_parts_of_a_plan_report():
    text = "一、上半年执行情况\n完成产值5亿元。\n二、下半年主要任务\n新增企业10家,全年完成产值12亿元。\n"
    rows = _one(text)
    assert [(r["text"], r["status"], r["period"], r["section"]) for r in rows] == [
        ("5亿元", "actual", "2020H1", "一"), ("10家", "target", "2020H2", "二"), ("12亿元", "target", "2020", "二")]


def test_without_metadata_the_extractor_says_what_it_assumed():
    ex = extract.extract_quantities("增长5%。")
    assert ex.rows[0]["period"] == "" and ex.rows[0]["report_id"] == "unknown"
    assert ex.assumptions and "no metadata" in ex.assumptions[0]


def test_a_number_without_unit_next_to_a_name_is_counted_once():
    text = "4.54.5A"   # found by the property test: the decimal part belonged to the name 54.5A
    ex = extract.extract_quantities(text)
    cov = extract.coverage(text, ex.rows, ex.excluded)
    assert cov["multiple"] == [] and cov["uncovered"] == []
    assert [(e["text"], e["reason"]) for e in ex.excluded] == [("4", "other"), ("54.5A", "name")]
