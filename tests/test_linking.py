"""Linking targets to outcomes (issue 19): rules, provenance, the contract and the score
against hand-made links (tests/links/*_gold.csv, made by reading both texts)."""

from __future__ import annotations

import pandas as pd
import pytest

from cnreport import clean
from cnreport.analysis import linking, linking_keys, linking_summary, verdicts
from cnreport.core import files, paths
from cnreport.core.files import ReportMeta
from cnreport.run import link as run_link
from conftest import run_cli

CONTRACT = ("place_id,indicator_id,target_report_id,target_start,target_end,target_text,target_qualifier,"
            "target_period,outcome_report_id,outcome_start,outcome_end,outcome_text,outcome_period,verdict,"
            "reason,confidence")
GOLD = sorted(paths.GOLD_LINKS.glob("*_gold.csv"))


@pytest.fixture(scope="module")
def dictionary():
    return clean.read_dictionary()


@pytest.fixture(scope="module")
def gold() -> pd.DataFrame:
    offsets = dict.fromkeys(("target_start", "target_end", "outcome_start", "outcome_end"), "Int64")
    return pd.concat([pd.read_csv(p, dtype=offsets) for p in GOLD])


@pytest.fixture(scope="module")
def shared_links(gold) -> pd.DataFrame:
    names = sorted(set(gold["target_report_id"]) | set(gold["outcome_report_id"].dropna()))
    return run_link.build(names)[1]


def _text(report_id: str) -> str:
    return files.read_report(run_link.locate(report_id)[0]).text


def _t(value, qualifier="exact", measure="growth_pct", period="2023", text="x", high=None):
    return {"value": value, "qualifier": qualifier, "measure": measure, "period": period, "text_zh": text,
            "value_high": high, "text": text, "unit": "percent"}


@pytest.mark.parametrize("target, outcome, lower, same, verdict", [
    (_t(6, "about"), _t(5.9), False, True, "met"),              # 6%左右 vs 5.9%: within 0.5 pp
    (_t(6, "about"), _t(5.5), False, True, "met"),              # the edge of the band is inside
    (_t(6, "about"), _t(5.4), False, True, "missed"),
    (_t(8, "more_than"), _t(8), False, True, "met"),            # 以上 includes the bound
    (_t(8, "more_than"), _t(7.9), False, True, "missed"),
    (_t(8.5), _t(8.4), False, True, "missed"),                  # a bare number is a floor
    (_t(3, "about"), _t(3.4), True, True, "met"),               # CPI 3%左右: a ceiling with tolerance
    (_t(3, "about"), _t(3.6), True, True, "missed"),
    (_t(3, "at_most"), _t(0), True, True, "met"),               # 3%以内 vs 持平
    (_t(5, period="2020H2"), _t(9, period="2020"), False, False, "unclear"),  # half year vs year
    (_t(100000, "exact", "level"), _t(90000, "at_least", "level"), False, True, "unclear"),  # 突破9万 vs 10万
    (_t(100000, "exact", "level"), _t(100000, "at_least", "level"), False, True, "met"),
])
def test_verdict_rules(target, outcome, lower, same, verdict):
    got, reason = verdicts.judge(target, outcome, lower, same)
    assert got == verdict, reason


def test_about_tolerance_is_half_a_point_or_five_percent():
    assert verdicts.tolerance(7, "growth_pct") == 0.5
    assert verdicts.tolerance(200, "level") == 10


def test_multi_place_item_sections():
    text = "主要预期目标\n广州\n●地区生产总值增长6%以上\n重点工作\n1.强化\n惠州\n●地区生产总值增长8.5%\n重点工作\n"
    sections = linking.place_sections(text, "广东省惠州市")
    gz = text.index("6%")
    hz = text.index("8.5%")
    assert next(p for a, b, p in sections if a <= gz < b) == "广州"
    assert next(p for a, b, p in sections if a <= hz < b) is None
    assert linking.place_sections("地区生产总值增长6%。", "江苏省南通市通州区") == [(0, 11, None)]


def test_respective_subjects_borrow_the_shared_tail(dictionary):
    rows = [{"indicator_zh": "城镇、农村居民人均可支配收入", "sentence": "s", "measure": "growth_pct"}] * 2
    assert linking_keys.respective_keys(rows, dictionary) == ["disposable_income_urban", "disposable_income_rural"]


def test_own_words_meet_when_the_dictionary_has_none(dictionary):
    # (限上社零额 is in the dictionary now: retail_sales_above_size; a tourism count is not)
    assert linking_keys.indicator_key("上、进山人数", dictionary) == ("phrase:进山人数", "words")
    assert linking_keys.indicator_key("进山人数预计", dictionary) == ("phrase:进山人数", "words")
    assert linking_keys.indicator_key("服务业增加值", dictionary) == ("gdp_tertiary", "equivalent")


def _report(rid, place, text, rows, period_actual=None, period_plan=None, dictionary=None):
    meta = ReportMeta(report_id=rid, place_zh=place, place_en="X", genre="news", period_actual=period_actual,
                      period_plan=period_plan)
    from cnreport import extract
    ext = extract.extract_quantities(text, meta).rows
    ext = [{k: "" if v is None else str(v) for k, v in {**r, "report_id": rid}.items()} for r in ext]
    return linking.LinkReport(meta, text, ext, clean.map_report(ext, text, meta, dictionary, []))


def test_absent_target_and_half_year_target(dictionary):
    plan = _report("x_2020h1", "某省某市", "下半年力争地区生产总值增长5%。今年不设GDP增长目标。",
                   [], "2020H1", "2020H2", dictionary)
    year = _report("x_2020", "某省某市", "全年地区生产总值增长4%。", [], "2020", None, dictionary)
    links = linking.link([plan, year], dictionary)
    gdp = links[links["target_text"] == "5%"].iloc[0]
    assert (gdp["verdict"], gdp["outcome_text"], gdp["target_period"]) == ("unclear", "4%", "2020H2")
    absent = links[links["verdict"] == "absent"].iloc[0]
    assert absent["target_text"] == "今年不设GDP增长目标" and absent["indicator_id"] == "gdp"
    assert absent["outcome_text"] == "4%"      # the outcome is still shown beside the absent target
    assert plan.text[absent["target_start"]:absent["target_end"]] == absent["target_text"]


def test_gold_files_point_at_their_characters(gold):
    for row in gold.itertuples():
        assert _text(row.target_report_id)[row.target_start:row.target_end] == row.target_text
        if isinstance(row.outcome_report_id, str):
            assert _text(row.outcome_report_id)[row.outcome_start:row.outcome_end] == row.outcome_text


def test_precision_and_recall_against_hand_made_links(shared_links, gold):
    s = linking_summary.score(shared_links, gold).set_index("target_report_id")
    print("\n" + s.to_string())
    assert len(GOLD) >= 3
    assert s.loc["all", "target_precision"] >= 0.95 and s.loc["all", "target_recall"] >= 0.85
    assert (s["target_precision"] >= 0.9).all() and (s["target_recall"] >= 0.8).all()
    assert s.loc["all", "verdict_agree"] >= 0.9


def test_links_contract_and_provenance():
    text = paths.LINKS.read_text(encoding="utf-8")
    assert text.splitlines()[0] == CONTRACT
    links = pd.read_csv(paths.LINKS, dtype={"target_start": "Int64", "target_end": "Int64",
                                            "outcome_start": "Int64", "outcome_end": "Int64"})
    assert set(links["verdict"]) <= set(verdicts.VERDICTS)
    for side in ("target", "outcome"):
        rows = links[links[f"{side}_report_id"].notna()]
        assert len(rows) > 10
        for r in rows.itertuples():
            src = _text(getattr(r, f"{side}_report_id"))
            assert src[getattr(r, f"{side}_start"):getattr(r, f"{side}_end")] == getattr(r, f"{side}_text")


def test_committed_links_are_up_to_date():
    links = run_link.build(run_link.committed_ids())[1]
    rows = links.astype(object).where(links.notna(), None).to_dict("records")
    assert files.format_csv(rows, linking.LINK_COLUMNS) == paths.LINKS.read_text(encoding="utf-8")


def test_cli_link_subset_goes_to_output(tmp_path):
    out = tmp_path / "links.csv"
    res = run_cli("link", "nanchang_2022_news", "nanchang_2022_plan", "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert "nanchang: met 1, missed 6, no_outcome 2" in res.stderr.decode()
    assert out.read_text(encoding="utf-8").startswith(CONTRACT + "\n")
    assert run_link.output_path(["nanchang_2022_news"]) == paths.OUTPUT / "links.csv"
    assert run_link.output_path(run_link.committed_ids()) == paths.LINKS


def test_cli_link_unknown_report_is_one_line_error():
    res = run_cli("link", "no_such_2020")
    assert res.returncode == 2
    assert res.stderr.decode() == "cnreport: error: no_such_2020: no such report in data/raw or data/linking\n"


def test_linking_copies_are_byte_identical_to_the_manifest():
    import hashlib
    listed = {}
    for line in paths.LINKING_MANIFEST.read_text(encoding="utf-8").splitlines():
        digest, name = line.split()
        listed[name] = digest
    assert len(listed) == 16
    for name, digest in listed.items():
        assert hashlib.sha256((paths.LINKING / name).read_bytes()).hexdigest() == digest


def test_codebook_names_every_column_and_is_committed():
    from cnreport.analysis import linking_schema
    book = linking_schema.codebook()
    assert tuple(book["column"]) == linking.LINK_COLUMNS
    committed = pd.read_csv(paths.PROCESSED / "links_codebook.csv", dtype=str, keep_default_na=False)
    assert committed.equals(book.astype(str))


def test_schema_rejects_an_unknown_verdict():
    from cnreport.analysis import linking_schema
    from cnreport.clean.schema import DataValidationError
    links = pd.read_csv(paths.LINKS, dtype=str).head(3)
    links.loc[0, "verdict"] = "almost"
    with pytest.raises(DataValidationError, match="^x.csv: 1 row"):
        linking_schema.validate(links, "x.csv")


def test_figure_draws_the_verdict_table(shared_links, dictionary):
    import matplotlib.pyplot as plt

    from cnreport.present import linking_figure
    table = linking_summary.verdicts_by(shared_links, "sector", dictionary)
    metas = [files.read_metadata(run_link.locate(r)[1]) for r in ("nanchang_2022_news", "nanchang_2022_plan")]
    fig, drawn = linking_figure.plot_targets_met(table, metas)
    try:
        per_sector = drawn.groupby("sector")["count"].sum()
        expected = table.set_index("sector")[["met", "missed", "unclear", "no_outcome"]].sum(axis=1)
        assert per_sector.to_dict() == expected[expected > 0].to_dict()
        assert fig._suptitle.get_text().endswith("Nanchang City, 2022")
    finally:
        plt.close(fig)
