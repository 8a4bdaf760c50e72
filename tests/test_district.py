"""Any district: comparators from the place, baselines of comparable periods, sentences that never say nan."""

from __future__ import annotations

import pandas as pd
import papermill
import pytest

from cnreport import analysis as A
from cnreport.analysis import district
from cnreport.clean import benchmarks, dataset
from cnreport.core import files, paths
from cnreport.run import pipeline


@pytest.fixture(scope="module")
def ds():
    return dataset.build()


@pytest.mark.parametrize(("place", "expected"), [
    ("江苏省南通市通州区", [("prefecture", "南通市", "nt"), ("province", "江苏省", "js"), ("country", "中国", "cn")]),
    ("湖北省天门市", [("province", "湖北省", "hb"), ("country", "中国", "cn")]),            # no prefecture between
    ("江苏省泰州市靖江市", [("prefecture", "泰州市", None), ("province", "江苏省", "js"), ("country", "中国", "cn")]),
    ("贵州省黔西南布依族苗族自治州望谟县", [("prefecture", "黔西南布依族苗族自治州", None), ("province", "贵州省", "gz"),
                                 ("country", "中国", "cn")]),
    ("某区", [("country", "中国", "cn")]),                                                  # not in the division table
])
def test_comparators_follow_from_the_place(ds, place, expected):
    comps = district.comparators(place, ds.panel)
    got = [(r.role, r.name_zh, r.geo_id if isinstance(r.geo_id, str) else None) for r in comps.itertuples()]
    assert got == expected


def test_chosen_comparators_replace_the_derived_ones(ds):
    comps = district.comparators("湖北省天门市", ds.panel, ("js",))
    assert district.comparator_ids(comps) == ("js",)


def test_a_hubei_place_is_never_compared_with_jiangsu(ds):
    meta = files.read_metadata("tianmen_2020h1_plan")
    comps = district.comparators(meta.place_zh, ds.panel)
    card = A.scorecard(ds.panel, ds.directions, place="tianmen", period="2020H1", comparators=district.comparator_ids(comps))
    assert set(card["geo_id"]) == {"tianmen", "hb", "cn"}
    text = district.headline_text(card, "tianmen", comps, meta)
    assert text.splitlines()[0] == ("GDP grew -22.4% in the first half of 2020; Hubei Province -19.3% (-3.1 points); "
                                    "China -1.6% (-20.8 points).")
    assert "Hubei Province: not in our benchmarks" in text.splitlines()[1]
    assert "Jiangsu" not in text and "nan" not in text.lower() and "not reported" not in text


def test_baseline_is_the_same_months_of_an_earlier_year():
    metas = [files.read_metadata(r) for r in files.list_report_ids()]
    by_id = {m.report_id: m for m in metas}
    assert district.earlier_report(by_id["tongzhou_2020h1"], metas).report_id == "tongzhou_2019h1_plan"
    assert district.earlier_report(by_id["tianmen_2020h1_plan"], metas) is None
    assert district.earlier_report(by_id["tongzhou_2019_bulletin"], metas) is None  # 2019 is the earliest year


def test_sentences_for_what_cannot_be_done():
    meta = files.meta_from_mapping({"report_id": "x_2021", "place_zh": "湖北省天门市", "genre": "plan_report",
                                    "period_actual": None, "period_plan": "2021"}, "x.yml")
    assert district.headline_text(pd.DataFrame(), "x", pd.DataFrame(), meta).startswith("The report states no actual period")
    assert district.baseline_text(pd.DataFrame(), None).startswith("No earlier report of the same place")
    assert district.plan_text(pd.DataFrame(), meta).startswith("The report does not both state results and set targets")
    assert "no comparison across districts" in district.cross_text(pd.DataFrame(), meta)


def test_cross_district_covers_comparable_periods_only(ds):
    geos = district.district_geos(ds.panel, ds.indicators, "2020H1")
    assert {"tz", "tianmen", "xianning", "qidong", "js", "hb", "cn"} <= set(geos)
    assert "rudong" not in geos and "bj" not in geos  # a 2019 report; a province no 2020H1 report lies in


def test_v_periods_follow_the_report_year():
    assert district.v_periods("2019") == ("2019Q1", "2019H1", "2019Q1-Q3", "2019", "2020H1")
    assert A.recovery.cumulative_order("2020Q1-Q3") == (2020, 3) and A.recovery.cumulative_order("2020Q2") is None


def test_user_benchmarks_are_validated_with_line_and_field(tmp_path):
    for name in benchmarks.SHARED_FILES:
        (tmp_path / name).write_bytes((paths.EXTERNAL / name).read_bytes())
    header = ",".join(benchmarks.COLUMNS)
    good = "tzs,泰州市,Taizhou City,city,gdp,2020,growth_pct,3.9,percent,real,https://example.org/tz,t,p,2021-01-20,增长3.9%,"
    (tmp_path / benchmarks.USER_FILE).write_text(f"{header}\n{good}\n", encoding="utf-8")
    rows = benchmarks.read_benchmarks(tmp_path)
    assert rows[-1]["geo_id"] == "tzs" and (rows[-1]["_file"], rows[-1]["_line"]) == ("benchmarks_user.csv", 2)
    bad = "Tzs,泰州市,Taizhou City,town,gdp,2020,growth_pct,abc,percent,real,ftp://x,t,p,,,"
    (tmp_path / benchmarks.USER_FILE).write_text(f"{header}\n{bad}\n", encoding="utf-8")
    with pytest.raises(files.ReportError) as info:
        benchmarks.read_benchmarks(tmp_path)
    message = str(info.value)
    for part in ("line 2: geo_id 'Tzs'", "line 2: quote is empty", "line 2: level 'town'", "line 2: value 'abc'",
                 "line 2: source_url 'ftp://x' is not a web address"):
        assert part in message, part


@pytest.mark.parametrize("name", pipeline.NOTEBOOK_ORDER)
def test_every_notebook_has_a_parameters_cell_with_report_id(name):
    params = papermill.inspect_notebook(str(paths.NOTEBOOKS / name))
    # The committed notebooks are the flagship case, except 07: the flagship's second-half targets have no
    # outcome report in the repository, so 07 shows a linked pair (it reads every committed report anyway).
    flagship = '"nanchang_2022_news"' if name.startswith("07") else '"tongzhou_2020h1"'
    assert params["report_id"]["default"] == flagship
    if name.startswith(("03", "04")):
        assert {"baseline_id", "comparators", "processed_dir"} <= set(params)
