"""Recovery analyses: hand-checked numbers, missing rows kept, every external number cited."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from cnreport import analysis as A
from cnreport.clean import dataset
from cnreport.clean.benchmarks import read_benchmarks


@pytest.fixture(scope="module")
def ds():
    return dataset.build()


@pytest.fixture(scope="module")
def frames(ds):
    return {
        "scorecard": A.scorecard(ds.panel, ds.directions, place="tz", period="2020H1", comparators=("cn", "js", "nt")),
        "baseline": A.baseline(ds.panel, place="tz", now="2020H1", before="2019H1"),
        "cross_h1": A.cross_district(ds.panel, ds.indicators, "2020H1"),
        "cross_2020": A.cross_district(ds.panel, ds.indicators, "2020"),
        "national_v": A.national_v(ds.panel, geos=("cn", "js", "hb", "tz"), periods=A.CUMULATIVE_PERIODS),
    }


def _one(frame, **where):
    mask = pd.Series(True, index=frame.index)
    for k, v in where.items():
        mask &= frame[k] == v
    (row,) = frame[mask].itertuples()
    return row


def test_scorecard_values_gaps_and_missing_rows(frames):
    sc = frames["scorecard"]
    assert len(sc) == len(A.HEADLINE) * 4          # nothing dropped: 7 indicators x 4 places
    tz, cn = _one(sc, indicator_id="gdp", geo_id="tz"), _one(sc, indicator_id="gdp", geo_id="cn")
    assert (tz.value, tz.status, tz.source) == (1.6, "stated", "tongzhou_2020h1@309-313")
    assert (cn.value, cn.gap_pp, cn.source) == (-1.6, 3.2, "benchmarks.csv:8")
    assert _one(sc, indicator_id="fai", geo_id="js").gap_pp == 7.6       # 0.4 - (-7.2)
    retail = _one(sc, indicator_id="retail_sales", geo_id="tz")
    assert retail.status == "missing" and pd.isna(retail.value) and retail.note == "report says 降幅持续收窄"
    assert _one(sc, indicator_id="gdp", geo_id="nt").status == "missing"
    budget = _one(sc, indicator_id="budget_revenue", geo_id="tz")
    assert (budget.value, budget.status, budget.price_basis) == (-5.9, "derived", "nominal")


def test_baseline_slowdown(frames):
    b = frames["baseline"].set_index("indicator_id")
    assert b.loc["gdp", ["growth_before", "growth_now", "change_pp"]].tolist() == [6.7, 1.6, -5.1]
    assert b.loc["fai", "change_pp"] == -5.8
    assert b.loc["budget_revenue", ["growth_before", "growth_now", "change_pp"]].tolist() == [0.6, -5.9, -6.5]
    assert b.loc["disposable_income_urban", "growth_now"] == 2.53      # 27016 / 26349 - 1
    assert b.loc["disposable_income_rural", "growth_now"] == 3.94      # 13737 / 13216 - 1
    assert b.loc["disposable_income_rural", "basis_now"] == "derived, nominal"
    assert b.loc["gdp", "basis_now"] == "stated, as_reported"


def test_unsaid_names_what_2020_drops(ds):
    u = A.unsaid(ds.indicators, ds.directions, "tongzhou_2020h1", "tongzhou_2019h1_plan").set_index("indicator_id")
    assert {"budget_revenue", "industrial_va_above_size", "industrial_taxable_sales", "industrial_electricity",
            "tech_upgrade_investment", "disposable_income_urban"} <= set(u.index)
    assert "gdp" not in u.index and "fai" not in u.index
    assert u.loc["industrial_taxable_sales", "words_now"] == "降幅逐月收窄"
    assert bool(u.loc["budget_revenue", "level_now"]) and not bool(u.loc["industrial_va_above_size", "level_now"])


def test_sector_growth_ranked(ds):
    s = A.sector_growth(ds.indicators, "tongzhou_2020h1")
    assert s["growth_pct"].tolist() == sorted(s["growth_pct"], reverse=True)
    assert s.iloc[0][["indicator_id", "growth_pct", "sector"]].tolist() == ["for_profit_services_revenue", 27.8, "services"]
    assert s.iloc[-1][["indicator_id", "growth_pct"]].tolist() == ["pm25", -9.6]
    d = A.direction_statements(ds.directions, ds.indicators, "tongzhou_2020h1")
    assert d.loc[d["indicator_id"] == "retail_sales", "sector"].tolist() == ["services"]


def test_plan_progress_two_readings(ds):
    p = A.plan_progress(ds.indicators, "tongzhou_2020h1", "2020H1", "2020H2").set_index("indicator_id")
    g = p.loc["base_stations_5g"]
    assert (g["actual"], g["target"], g["share_full_year"], g["share_second_half"], g["h2_pace_ratio"]) == (
        311, 775, 40.1, 28.6, 2.49)
    assert p.loc["new_urban_jobs", "share_full_year"] == 61.9              # 5258 / 8500
    assert p.loc["rural_toilets", ["actual", "target"]].tolist() == [10000, 45000]
    # good-air days: (83% x 366 - 79.1% x 182) / 184 days in the second half
    assert p.loc["good_air_days_ratio", "h2_needed"] == 86.9
    assert "project_investment" not in p.index


def test_cross_district_groups_by_province(frames):
    h1 = frames["cross_h1"]
    assert h1["growth_pct"].tolist() == sorted(h1["growth_pct"])
    hubei = h1.loc[h1["province_zh"] == "湖北省", "growth_pct"]
    jiangsu = h1.loc[h1["province_zh"] == "江苏省", "growth_pct"]
    assert set(h1.loc[h1["province_zh"] == "湖北省", "geo_id"]) == {"hb", "tianmen", "xianning"}
    assert hubei.max() < jiangsu.min()
    assert _one(h1, geo_id="tz").growth_pct == 1.6
    assert _one(frames["cross_2020"], geo_id="nt").province_en == "Jiangsu Province"  # 南通市 lies in 江苏省


def test_national_v(frames):
    v = frames["national_v"]
    assert v[v["geo_id"] == "cn"]["growth_pct"].tolist() == [-6.8, -1.6, 0.7, 2.3, 12.7]
    assert _one(v, geo_id="hb", period="2020Q1").growth_pct == -39.2


def test_every_external_number_is_a_cited_benchmark_row(frames):
    bench = {f"{r['_file']}:{r['_line']}": r for r in read_benchmarks()}
    checked = 0
    pairs = {"scorecard": [("source", "value")], "baseline": [("source_before", "growth_before"),
                                                              ("source_now", "growth_now")],
             "cross_h1": [("source", "growth_pct")], "cross_2020": [("source", "growth_pct")],
             "national_v": [("source", "growth_pct")]}
    for name, frame in frames.items():
        for source, value in pairs[name]:
            for src, val in zip(frame[source], frame[value], strict=False):
                # derived rows name two inputs (" ; ") and are recomputed in test_dataset
                if isinstance(src, str) and src.startswith("benchmarks") and " ; " not in src:
                    b = bench[src]
                    assert b["measure"] == "growth_pct" and Decimal(b["value"]) == Decimal(str(val)), name
                    checked += 1
    assert checked > 20


@pytest.mark.parametrize("geo_zh, province", [("湖北省天门市", "湖北省"), ("北京市", "北京市"), ("江苏省", "江苏省"),
                                              ("南通市", "江苏省"), ("中国", "中国")])
def test_province_of(geo_zh, province):
    assert A.province_of(geo_zh, ["江苏省南通市通州区", "湖北省咸宁市"]) == province
