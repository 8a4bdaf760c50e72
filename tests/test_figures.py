"""Figures: what each plot function drew equals the processed data; roles, bases, gaps and
source lines follow the visual grammar; files and manifest agree."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from cnreport import analysis as A
from cnreport import clean
from cnreport.analysis import basis, plan
from cnreport.core import files, paths
from cnreport.present import collisions, grammar, style
from cnreport.present import figures as F
from cnreport.present.sourcelines import source_line

REPORT = "tongzhou_2020h1"


@pytest.fixture(scope="module")
def data():
    ids = files.list_report_ids()
    texts = {r: files.read_report(paths.raw_report(r)).text for r in ids}
    panel = basis.with_stated_bases(pd.read_parquet(paths.PROCESSED / "panel.parquet"), texts)
    d = {
        "indicators": pd.read_parquet(paths.PROCESSED / "indicators.parquet"),
        "panel": panel,
        "texts": texts,
        "directions": pd.read_csv(paths.PROCESSED / "directions.csv", dtype=str, keep_default_na=False).replace("", None),
        "names": pd.read_csv(clean.DICTIONARY, dtype=str, keep_default_na=False),
        "meta": files.read_metadata(REPORT),
        "before": files.read_metadata("tongzhou_2019h1_plan"),
    }
    yield d
    plt.close("all")


def _card(data):
    return A.scorecard(data["panel"], data["directions"], place="tz", period="2020H1", comparators=("nt", "js", "cn"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_scorecard_draws_the_scorecard_with_roles_and_bases(data, lang):
    card = _card(data)
    fig, drawn = F.scorecard_figure(card, data["names"], data["meta"], geos=("tz", "js", "cn"), lang=lang)
    merged = drawn.merge(card, on=["indicator_id", "geo_id"], suffixes=("", "_data"))  # drawn: tz, js and cn
    assert len(merged) == len(drawn) == len(A.HEADLINE) * 3
    assert np.allclose(merged["value"], merged["value_data"], equal_nan=True)
    assert drawn.drop_duplicates("geo_id").set_index("geo_id")["role"].to_dict() == {
        "tz": "focal", "js": "province", "cn": "country"}
    gdp = drawn[drawn["indicator_id"] == "gdp"].set_index("geo_id")
    assert gdp.loc["tz", "source"] == "tongzhou_2020h1@309-313"
    assert gdp["basis"].to_dict() == {"tz": "basis not stated", "js": "real", "cn": "real"}
    assert drawn.loc[drawn["status"] == "derived", "basis"].eq("derived, nominal").all()
    texts = [t.get_text() for t in fig.axes[0].texts]
    # a benchmark gap is "not in our benchmarks", a report gap "not stated in the report"; never "not reported"
    assert not any("not reported" in t or "未公布" in t for t in texts)
    word = {"en": ("not in our benchmarks", "not stated in the report"), "zh": ("基准数据未收录", "报告未列出")}[lang]
    assert sum(word[0] in t for t in texts) == int(drawn[drawn["geo_id"] != "tz"]["value"].isna().sum())
    assert sum(word[1] in t for t in texts) == int(drawn[drawn["geo_id"] == "tz"]["value"].isna().sum())
    plt.close(fig)


def test_role_colours_and_hatches_are_the_grammar_in_every_figure(data):
    card = _card(data)
    fig, _ = F.scorecard_figure(card, data["names"], data["meta"], geos=("tz", "js", "cn"))
    colours = {grammar.role_style(r).color.lower() for r in ("focal", "province", "country")}
    from matplotlib.colors import to_hex

    drawn_colours = {to_hex(p.get_facecolor()) for p in fig.axes[0].patches if np.isfinite(p.get_width()) and p.get_width() != 0}
    assert colours <= drawn_colours
    hatches = {p.get_hatch() for p in fig.axes[0].patches if np.isfinite(p.get_width()) and p.get_width() != 0}
    assert {grammar.role_style("province").hatch, grammar.role_style("country").hatch} <= hatches
    plt.close(fig)
    from cnreport.analysis import district

    cross = A.cross_district(data["panel"], data["indicators"], period="2020H1",
                             geos=district.district_geos(data["panel"], data["indicators"], "2020H1"))
    fig, drawn = F.districts_figure(cross, data["meta"])
    assert drawn.set_index("geo_id").loc[["tz", "js", "cn", "hb"], "role"].tolist() == ["focal", "province", "country", "other"]
    focal_bar = fig.axes[0].patches[int(np.flatnonzero(drawn["geo_id"] == "tz")[0])]
    assert focal_bar.get_hatch() in (None, "") and focal_bar.get_zorder() == grammar.role_style("focal").zorder
    plt.close(fig)


def test_baseline_draws_two_marks_per_indicator(data):
    base = A.baseline(data["panel"], place="tz", now="2020H1", before="2019H1")
    fig, drawn = F.baseline_figure(base, data["names"], data["meta"], data["before"])
    assert len(drawn) == 2 * len(base)
    for r in base.itertuples():
        marks = drawn[drawn["indicator_id"] == r.indicator_id].set_index("period")["value"]
        assert marks["2019H1"] == r.growth_before and marks["2020H1"] == r.growth_now
    plt.close(fig)


def test_sectors_keep_pm25_off_the_growth_axis(data):
    sectors = A.sector_growth(data["indicators"], REPORT)
    moves = A.direction_statements(data["directions"], data["indicators"], REPORT)
    fig, drawn = F.sectors_figure(sectors, moves, data["meta"], bases=basis.by_source(data["panel"]))
    bars = drawn[drawn["where"] == "axis"]
    assert "pm25" not in bars["indicator_id"].tolist()
    assert drawn.loc[drawn["where"] == "note", "indicator_id"].tolist() == ["pm25"]
    assert bars["value"].tolist() == sectors.loc[sectors["indicator_id"] != "pm25", "growth_pct"].tolist()[::-1]
    assert drawn.loc[drawn["where"] == "words", "text"].tolist() == moves["text"].tolist()
    assert len(fig.axes[0].patches) == len(bars)
    plt.close(fig)


def test_plan_draws_readings_bounds_and_lists_the_rest(data):
    readings = plan.plan_readings(data["indicators"], data["panel"], data["texts"][REPORT], REPORT, "2020H1", "2020H2")
    fig, drawn = F.plan_figure(readings, data["meta"])
    full = drawn[drawn["reading"] == "full_year"].set_index("indicator_id")["value"]
    assert full.to_dict() == {"construction_output": 30.4, "base_stations_5g": 40.1, "new_urban_jobs": 61.9}
    assert drawn.loc[(drawn["indicator_id"] == "base_stations_5g") & (drawn["reading"] == "second_half"), "value"].tolist() == [28.6]
    assert "construction_output" not in drawn.loc[drawn["reading"] == "second_half", "indicator_id"].tolist()  # 突破
    assert drawn.loc[drawn["reading"] == "seasonal_reference", "value"].tolist() == [47.6]
    assert sorted(drawn.loc[drawn["reading"] == "not_compared", "indicator_id"]) == [
        "greening_area", "high_standard_farmland", "rural_toilets"]
    assert drawn.loc[drawn["reading"] == "rate", "indicator_id"].tolist() == ["good_air_days_ratio"]
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert any(t.startswith("≤30.4%") and "突破2000亿元" in t for t in labels)
    assert collisions.find_collisions(fig) == []
    plt.close(fig)


def test_cumulative_lines_leave_gaps_and_the_star_hides_nothing(data):
    v = A.national_v(data["panel"], geos=("cn", "js", "hb", "tz"), periods=A.CUMULATIVE_PERIODS)
    fig, drawn = F.national_v_figure(v, data["meta"], "tz", bases=basis.by_source(data["panel"]))
    assert sorted(zip(drawn["geo_id"], drawn["period"], drawn["value"], strict=True)) == sorted(
        zip(v["geo_id"], v["period"], v["growth_pct"], strict=True))
    ax = fig.axes[0]
    js = next(line for line in ax.lines if line.get_label().startswith("Jiangsu"))
    y = js.get_ydata()
    assert np.isnan(y[2]) and not np.isnan(y[1]) and not np.isnan(y[3])   # no 2020 Q1-Q3: a gap, not a bridge
    star = next(c for c in ax.collections if c.get_label().startswith("Tongzhou"))
    assert star.get_offsets()[0][0] != 1                                    # set beside the H1 marks, not on them
    assert "(this report; basis not stated)" in star.get_label().replace("\n", " ")
    title = fig._suptitle.get_text()
    assert "V" not in title.split() and "cumulative" in title
    plt.close(fig)


def test_source_line_names_publishers_not_file_lines(data):
    line = source_line(data["meta"], ["benchmarks.csv:8", "qidong_2020h1_plan@673-677", "benchmarks.csv:171 ; benchmarks.csv:12"], "en")
    assert "National Bureau of Statistics" in line and "Jiangsu Provincial Bureau of Statistics" in line
    assert "Qidong Development and Reform Commission, 2020 H1 plan-execution report" in line
    assert "benchmarks.csv" not in line and "Source: " not in line and line.count("Sources:") == 1
    assert line.endswith("Chart: cnreport.")
    zh = source_line(data["meta"], ["benchmarks.csv:8", "benchmarks.csv:171"], "zh")
    assert "国家统计局" in zh and "江苏省统计局" in zh and zh.endswith("制图：cnreport。")


def test_manifest_lists_every_figure_file_and_its_benchmark_rows():
    manifest = (paths.FIGURES / "README.md").read_text(encoding="utf-8")
    names = sorted(p.name for p in paths.FIGURES.glob("fig*"))
    assert len(names) == 28            # 6 figures of notebook 04 and fig07 of notebook 07, each png/svg, en/zh
    for f in names:
        assert f"[`{f}`]({f})" in manifest
    row = next(line for line in manifest.splitlines() if "fig01_scorecard.png" in line)
    assert row.rstrip(" |").endswith("`benchmarks.csv`: 8, 68, 77, 89, 117, 122, 171, 179")


def test_committed_figure_is_reproduced_byte_for_byte(data, tmp_path):
    card = _card(data)
    for lang, name in (("en", "fig01_scorecard"), ("zh", "fig01_scorecard_zh")):
        fig, _ = F.scorecard_figure(card, data["names"], data["meta"], geos=("tz", "js", "cn"), lang=lang)
        for path in style.save(fig, name, directory=tmp_path):
            assert path.read_bytes() == (paths.FIGURES / path.name).read_bytes(), path.name
        plt.close(fig)
