"""Figures: what each plot function drew equals the processed data; files and manifest agree."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from cnreport import analysis as A
from cnreport import clean
from cnreport.core import files, paths
from cnreport.present import figures as F
from cnreport.present import style

REPORT = "tongzhou_2020h1"


@pytest.fixture(scope="module")
def data():
    d = {
        "indicators": pd.read_parquet(paths.PROCESSED / "indicators.parquet"),
        "panel": pd.read_parquet(paths.PROCESSED / "panel.parquet"),
        "directions": pd.read_csv(paths.PROCESSED / "directions.csv", dtype=str, keep_default_na=False).replace("", None),
        "names": pd.read_csv(clean.DICTIONARY, dtype=str, keep_default_na=False),
        "meta": files.read_metadata(REPORT),
        "before": files.read_metadata("tongzhou_2019h1_plan"),
    }
    yield d
    plt.close("all")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_scorecard_draws_the_scorecard(data, lang):
    card = A.scorecard(data["panel"], data["directions"], place="tz", period="2020H1", comparators=("cn", "js", "nt"))
    fig, drawn = F.scorecard_figure(card, data["names"], data["meta"], geos=("tz", "js", "cn"), lang=lang)
    expected = card[card["geo_id"].isin(["tz", "js", "cn"])]
    merged = drawn.merge(expected, on=["indicator_id", "geo_id"], suffixes=("", "_data"))
    assert len(merged) == len(drawn) == len(A.HEADLINE) * 3
    assert np.allclose(merged["value"], merged["value_data"], equal_nan=True)
    tz_gdp = drawn[(drawn["indicator_id"] == "gdp") & (drawn["geo_id"] == "tz")]
    assert tz_gdp["value"].tolist() == [1.6] and tz_gdp["source"].tolist() == ["tongzhou_2020h1@309-313"]
    assert drawn["value"].isna().sum() == expected["value"].isna().sum()  # missing rows are drawn as text
    plt.close(fig)


def test_baseline_draws_two_marks_per_indicator(data):
    base = A.baseline(data["panel"], place="tz", now="2020H1", before="2019H1")
    fig, drawn = F.baseline_figure(base, data["names"], data["meta"], data["before"])
    assert len(drawn) == 2 * len(base)
    for r in base.itertuples():
        marks = drawn[drawn["indicator_id"] == r.indicator_id].set_index("period")["value"]
        assert marks["2019H1"] == r.growth_before and marks["2020H1"] == r.growth_now
    plt.close(fig)


def test_sectors_draws_every_rate_and_every_statement(data):
    sectors = A.sector_growth(data["indicators"], REPORT)
    moves = A.direction_statements(data["directions"], data["indicators"], REPORT)
    fig, drawn = F.sectors_figure(sectors, moves, data["meta"])
    bars = drawn[drawn["value"].notna()]
    assert bars["value"].tolist() == sectors["growth_pct"].tolist()[::-1]   # drawn bottom-up
    assert drawn[drawn["value"].isna()]["text"].tolist() == moves["text"].tolist()
    plt.close(fig)


def test_plan_draws_both_readings(data):
    plan = A.plan_progress(data["indicators"], REPORT, "2020H1", "2020H2")
    fig, drawn = F.plan_figure(plan, data["meta"])
    full = drawn[drawn["reading"] == "full_year"].set_index("indicator_id")["value"]
    levels = plan[plan["measure"] == "level"].set_index("indicator_id")
    assert full.sort_index().tolist() == levels["share_full_year"].sort_index().tolist()
    assert drawn.loc[(drawn["indicator_id"] == "base_stations_5g") & (drawn["reading"] == "second_half"), "value"].tolist() == [28.6]
    plt.close(fig)


def test_districts_and_national_v(data):
    cross = A.cross_district(data["panel"], data["indicators"], "2020H1")
    fig, drawn = F.districts_figure(cross, data["meta"])
    assert drawn["value"].tolist() == cross["growth_pct"].tolist()
    assert drawn["source"].tolist() == cross["source"].tolist()
    v = A.national_v(data["panel"], geos=("cn", "js", "hb", "tz"), periods=A.CUMULATIVE_PERIODS)
    fig2, drawn2 = F.national_v_figure(v, data["meta"], "tz")
    assert sorted(zip(drawn2["geo_id"], drawn2["period"], drawn2["value"], strict=False)) == sorted(
        zip(v["geo_id"], v["period"], v["growth_pct"], strict=False))
    plt.close(fig)
    plt.close(fig2)


def test_source_line_names_reports_and_benchmark_lines(data):
    line = F._source(data["meta"], ["benchmarks.csv:8", "qidong_2020h1_plan@673-677", "tianmen_2020h1_plan@1-2",
                                    "benchmarks.csv:171 ; benchmarks.csv:12"], "en")
    assert "lines 8, 12, 171." in line and "Qidong City plan-execution report" in line
    assert line.endswith("Chart: cnreport.")


def test_manifest_lists_every_figure_file_and_they_exist():
    manifest = (paths.FIGURES / "README.md").read_text(encoding="utf-8")
    files = sorted(p.name for p in paths.FIGURES.glob("fig*"))
    assert len(files) == 28            # 6 figures of notebook 04 and fig07 of notebook 07, each png/svg, en/zh
    for f in files:
        assert f"[`{f}`]({f})" in manifest


def test_committed_figure_is_reproduced_byte_for_byte(data, tmp_path):
    card = A.scorecard(data["panel"], data["directions"], place="tz", period="2020H1", comparators=("cn", "js", "nt"))
    for lang, name in (("en", "fig01_scorecard"), ("zh", "fig01_scorecard_zh")):
        fig, _ = F.scorecard_figure(card, data["names"], data["meta"], geos=("tz", "js", "cn"), lang=lang)
        for path in style.save(fig, name, directory=tmp_path):
            assert path.read_bytes() == (paths.FIGURES / path.name).read_bytes(), path.name
        plt.close(fig)
