"""The processed dataset: schemas, panel provenance, glossary, and the committed files."""

from __future__ import annotations

import csv
import io as _io
from decimal import Decimal

import pandas as pd
import pytest

from cnreport.clean import dataset, panel, schema
from cnreport.clean.benchmarks import read_benchmarks
from cnreport.core import files, paths


@pytest.fixture(scope="module")
def ds():
    return dataset.build()


@pytest.fixture(scope="module")
def benchmarks():
    return {f"{r['_file']}:{r['_line']}": r for r in read_benchmarks()}


# --- schemas and validation ----------------------------------------------------------------

def test_tables_validate_and_have_the_issue_columns(ds):
    required = ["report_id", "place_zh", "place_en", "period", "status", "indicator_id", "indicator_en",
                "indicator_zh", "sector", "measure", "value", "value_high", "unit", "qualifier", "source_start",
                "source_end", "source_text", "section"]
    assert all(c in ds.indicators.columns for c in required)
    assert list(ds.indicators.columns) == schema.columns(schema.INDICATORS)
    assert list(ds.panel.columns) == schema.columns(schema.PANEL)


@pytest.mark.parametrize("column, bad, check", [
    ("unit", "yuan", "isin"),
    ("period", "H1 2020", "str_matches"),
    ("measure", "growth", "isin"),
    ("source_text", None, "not_nullable"),
])
def test_validation_names_file_and_rows(ds, column, bad, check):
    broken = ds.indicators.copy()
    broken.loc[broken.index[[3, 7]], column] = bad
    with pytest.raises(schema.DataValidationError) as err:
        schema.validate(broken, schema.INDICATORS, "data/processed/indicators.csv")
    msg = str(err.value)
    assert msg.startswith("data/processed/indicators.csv: 2 row(s) fail validation: data row 4 (")
    assert "data row 8" in msg and check in msg and "\n" not in msg


def test_validation_catches_a_repeated_fact(ds):
    broken = pd.concat([ds.indicators, ds.indicators.iloc[[0]]], ignore_index=True)
    with pytest.raises(schema.DataValidationError, match="fail validation"):
        schema.validate(broken, schema.INDICATORS, "indicators.csv", unique=dataset._UNIQUE_FACT)


def test_codebook_covers_every_column_of_every_file(ds):
    documented = set(zip(ds.codebook["file"], ds.codebook["column"], strict=False))
    for file, frame in (("indicators.csv", ds.indicators), ("panel.csv", ds.panel), ("directions.csv", ds.directions),
                        ("glossary.csv", ds.glossary), ("codebook.csv", ds.codebook)):
        assert {(file, c) for c in frame.columns} <= documented
    readme = (paths.DATA / "README.md").read_text(encoding="utf-8")
    assert dataset.codebook_markdown(ds.codebook) in readme


# --- the panel: every value traces to a span or a benchmark row -----------------------------

def test_panel_report_rows_trace_to_the_raw_text(ds):
    rows = ds.panel[ds.panel["source_kind"] == "report"]
    texts = {rid: files.read_report(paths.raw_report(rid)).text for rid in rows["source_id"].unique()}
    for r in rows.itertuples():
        assert texts[r.source_id][r.source_start:r.source_end] == r.source_text
    # every actual, mapped fact about the report's own place (subject = place_zh) is a panel row
    own = ds.indicators["subject"] == ds.indicators["place_zh"]
    assert len(rows) == int(((ds.indicators["status"] == "actual") & ds.indicators["indicator_id"].notna() & own).sum())


def test_panel_benchmark_rows_trace_to_benchmarks_csv(ds, benchmarks):
    rows = ds.panel[ds.panel["source_kind"] == "benchmark"]
    assert len(rows) == len(benchmarks)
    for r in rows.itertuples():
        b = benchmarks[r.source_id]
        unit, factor = panel.BENCHMARK_UNITS[b["unit"]]
        assert (r.geo_id, r.period, r.measure, r.unit) == (b["geo_id"], b["period"], b["measure"], unit)
        assert Decimal(str(r.value)) == Decimal(b["value"]) * factor
        assert r.source_url == b["source_url"] and r.source_text == b["quote"]


def test_benchmark_units_become_base_units(ds):
    p = ds.panel
    js = p[(p["geo_id"] == "js") & (p["indicator_id"] == "gdp") & (p["period"] == "2020H1") & (p["measure"] == "level")]
    assert js["value"].tolist() == [4672292000000.0] and js["unit"].tolist() == ["CNY"]


def test_derived_growth_is_marked_and_recomputes(ds):
    p = ds.panel
    derived = p[p["origin"] == "derived"]
    assert (derived["source_kind"] == "derived").all() and (derived["price_basis"] == "nominal").all()
    assert derived["derivation"].notna().all()
    # Tongzhou budget revenue: 35.1亿元 in 2020H1 against 37.3億元 in 2019H1 -> -5.90%
    tz = derived[(derived["geo_id"] == "tz") & (derived["indicator_id"] == "budget_revenue")]
    assert tz["value"].tolist() == [-5.9] and tz["period"].tolist() == ["2020H1"]
    assert tz["source_id"].tolist() == ["tongzhou_2020h1@324-330 ; tongzhou_2019h1_plan@" +
                                        tz["source_id"].iloc[0].split("@")[-1]]
    # every derived value recomputes from the stated rows it names
    stated = p[p["origin"] == "stated"]
    for r in derived.itertuples():
        a, b = r.derivation.split(" = ")[0].removeprefix("100 × (").removesuffix(" − 1)").split(" / ")
        assert round(100 * (Decimal(a) / Decimal(b) - 1), 2) == Decimal(str(r.value)).quantize(Decimal("0.01"))
        same = stated[(stated["geo_id"] == r.geo_id) & (stated["indicator_id"] == r.indicator_id)
                      & (stated["measure"] == "level")]
        assert Decimal(a) in {Decimal(str(v)) for v in same.loc[same["period"] == r.period, "value"]}


def test_year_before():
    assert panel.year_before("2020H1") == "2019H1"
    assert panel.year_before("2021") == "2020"
    assert panel.year_before("2020Q1-Q3") == "2019Q1-Q3"


# --- glossary ------------------------------------------------------------------------------

def test_glossary_explains_every_indicator_and_the_core_vocabulary(ds):
    g = ds.glossary
    used = set(ds.indicators["indicator_id"].dropna())
    assert set(g.loc[g["kind"] == "indicator", "indicator_id"]) == used
    assert set(ds.indicators["indicator_zh"].dropna()) <= set(g["term_zh"])
    for term in ("同比", "可比价", "规模以上", "应税销售", "个百分点", "降幅收窄", "一般公共预算收入", "固定资产投资",
                 "社会消费品零售总额", "营利性服务业", "六稳六保", "高标准农田"):
        assert term in set(g["term_zh"]), term
    assert g["definition"].str.len().min() > 20


# --- the committed files are exactly what the code builds ----------------------------------

@pytest.mark.parametrize("name, attr", [("indicators", "indicators"), ("panel", "panel"),
                                        ("directions", "directions"), ("glossary", "glossary"),
                                        ("codebook", "codebook")])
def test_committed_csv_is_reproduced(ds, name, attr):
    committed = (paths.PROCESSED / f"{name}.csv").read_text(encoding="utf-8")
    assert dataset.frame_csv(getattr(ds, attr)) == committed


@pytest.mark.parametrize("name", ["indicators", "panel"])
def test_parquet_round_trips_to_the_csv(ds, name):
    frame = pd.read_parquet(paths.PROCESSED / f"{name}.parquet")
    pd.testing.assert_frame_equal(frame, getattr(ds, name))
    assert dataset.frame_parquet(getattr(ds, name)) == (paths.PROCESSED / f"{name}.parquet").read_bytes()


def test_csv_numbers_are_plain(ds):
    rows = list(csv.DictReader(_io.StringIO(dataset.frame_csv(ds.indicators))))
    gdp = next(r for r in rows if r["report_id"] == "tongzhou_2020h1" and r["source_start"] == "293")
    assert gdp["value"] == "71110000000" and gdp["unit"] == "CNY" and gdp["value_high"] == ""


def test_replace_between_needs_markers():
    with pytest.raises(ValueError):
        dataset.replace_between("no markers", "<a>", "<b>", "x")
    assert dataset.replace_between("1<a>old<b>2", "<a>", "<b>", "new") == "1<a>\nnew<b>2"
