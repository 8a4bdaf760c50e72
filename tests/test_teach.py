"""Teaching material: lessons, exercises and their key, and the annotated page (without a browser)."""

from __future__ import annotations

import ast
import copy
import json

import nbformat
import pytest

from cnreport.core import files, paths
from cnreport.core.files import ReportMeta
from cnreport.present import annotate, exercises, lessons, page
from conftest import run_cli

KEY_NB = paths.NOTEBOOKS / "00_reading_the_report_answers.ipynb"
EXERCISES_NB = paths.NOTEBOOKS / "00_reading_the_report_exercises.ipynb"


@pytest.fixture(scope="module")
def les():
    return lessons.load("tongzhou_2020h1")


@pytest.fixture(scope="module")
def before():
    return lessons.load("tongzhou_2019h1_plan")


@pytest.fixture(scope="module")
def exset(les, before):
    return exercises.build(les, before)


def test_gloss_and_quote_come_from_the_data(les):
    assert lessons.gloss(les, "同比") == "同比 (year on year (y/y))"
    assert lessons.quote(les, 293, 300) == "“1-6月,完成地区生产总值**711.1亿元**,同比(下同)增长1.6%;” (characters 293–300)"
    with pytest.raises(KeyError, match="not in data/processed/glossary.csv"):
        lessons.gloss(les, "不存在的词")


def test_structure_table_splits_actuals_and_targets_by_part(les):
    table = lessons.structure_table(les).set_index("path")
    assert table.loc["一", "target"] == 0 and table.loc["二", "actual"] == 0
    assert table.loc["一", "actual"] + table.loc["二", "target"] == len(les.indicators)


def test_targets_with_words_finds_the_floor_of_construction_output(les):
    t = lessons.targets_with_words(les)
    row = t[t["word"] == "突破"].iloc[0]
    assert (row["text"], row["qualifier"]) == ("2000亿元", "at_least")


def test_target_words_sentence_counts_from_the_text(les):
    # hand-counted in the flagship: 力争 once, 确保 five times, 突破 three times (one before 2000亿元), 左右 never
    assert lessons.target_words_sentence(les) == (
        "In this report 力争 1 time, 确保 5 times, 突破 3 times, 左右 0 times. Of its 40 targets, 1 follows 突破; "
        "力争 and 确保 never qualify a number here, only tasks.")


def test_missing_growth_lists_what_the_earlier_report_gave(les, before):
    missing = lessons.missing_growth(les, before)
    assert "industrial_va_above_size" in set(missing["indicator_id"]) and "gdp" not in set(missing["indicator_id"])


def test_exercise_answers_hand_checked(exset):
    # hand-checked against the flagship text: 711.1亿元; 7.1个百分点; 1万座 of 4.5万座; 1.6% vs China -1.6%
    assert [exset.solve(n) for n in (1, 2, 5, 9, 10, 12)] == [711.1, 71.11, 37.1, 22.2, "no", 3.2]
    assert exset.solve(6) == "not stated" and exset.solve(8) == "negative"
    assert 10 <= len(exset.exercises) <= 14
    assert sum(e.estimate_first for e in exset.exercises.values()) >= 3


def test_answers_follow_the_data(les, before):
    changed = copy.copy(les)
    changed.indicators = les.indicators.copy()
    gdp = (changed.indicators["indicator_id"] == "gdp") & (changed.indicators["measure"] == "level")
    changed.indicators.loc[gdp, "value_as_written"] = "800.0"
    changed.indicators.loc[gdp, "value"] = 80_000_000_000
    ex = exercises.build(changed, before)
    assert (ex.solve(1), ex.solve(2)) == (800.0, 80.0)


def test_check_says_right_or_hint_and_never_the_answer(exset, capsys):
    for n, ex in exset.exercises.items():
        exset.check(n, ex.answer)
        assert capsys.readouterr().out == f"Exercise {n}: right.\n"
        wrong = "nonsense" if isinstance(ex.answer, str) else ex.answer + ex.tolerance + 1
        exset.check(n, wrong)
        out = capsys.readouterr().out
        assert out.startswith(f"Exercise {n}: not yet. Hint: ")
        assert str(ex.answer) not in out.split("Hint: ", 1)[1]


def _code_cells(path):
    nb = nbformat.read(path, as_version=4)
    return [c for c in nb.cells if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]


def test_key_notebook_types_no_answer_and_agrees_with_check(exset):
    for cell in _code_cells(KEY_NB):
        for node in ast.walk(ast.parse(cell.source)):
            assert not (isinstance(node, ast.Constant) and isinstance(node.value, int | float)
                        and not isinstance(node.value, bool)), cell.source
    outputs = "".join(o.get("text", "") for c in _code_cells(KEY_NB) for o in c.outputs)
    assert outputs == "".join(f"Exercise {n}: right.\n" for n in exset.exercises)


def test_exercise_notebook_shows_no_answer(exset):
    shown = json.dumps([c.outputs for c in _code_cells(EXERCISES_NB)], ensure_ascii=False)
    for ex in exset.exercises.values():
        assert f"Answer: {ex.answer}" not in shown and ex.reasoning not in shown
        if isinstance(ex.answer, float):     # 711.1, 22.2 ...: never printed in the questions
            assert str(ex.answer) not in shown, ex.n


# --- the annotated page -------------------------------------------------------------------

META = ReportMeta(report_id="hostile", place_zh="某区", place_en="Some District", genre="plan_report",
                  period_actual="2020H1", period_plan="2020H2", title="<script>alert(1)</script>报告")


def test_utf16_offsets_count_astral_characters_twice():
    assert annotate.utf16_offsets("a𠀀b") == [0, 1, 3, 4]


def test_page_escapes_hostile_text_and_keeps_offsets_past_an_astral_character():
    text = "一、执行情况\n𠀀<img src=x onerror=alert(1)>完成地区生产总值711.1亿元,同比增长1.6%。</div>"
    ann = annotate.annotate(text, META)
    html = page.render_page(ann)
    assert "<img" not in html and "<script>alert" not in html and "&lt;img src=x" in html
    q = next(m for m in ann.marks if m["text"] == "711.1亿元")
    assert text[q["start"]:q["end"]] == "711.1亿元"
    assert text.encode("utf-16-le")[2 * q["u16_start"]:2 * q["u16_end"]].decode("utf-16-le") == "711.1亿元"
    assert q["u16_start"] == q["start"] + 1


def test_body_text_is_the_source_text(flagship_text):
    import re
    from html import unescape

    ann = annotate.annotate(flagship_text, files.read_metadata("tongzhou_2020h1"))
    assert unescape(re.sub(r"<[^>]+>", "", page.body_html(ann))) == flagship_text
    kinds = {m["kind"] for m in ann.marks}
    assert kinds == {"quantity", "excluded", "direction"}
    assert sum(m["kind"] == "quantity" for m in ann.marks) == 105


def test_page_bytes_are_deterministic():
    text = files.read_report(paths.raw_report("tongzhou_2019h1_plan")).text
    meta = files.read_metadata("tongzhou_2019h1_plan")
    assert page.render_page(annotate.annotate(text, meta)) == page.render_page(annotate.annotate(text, meta))


def test_traditional_report_gets_a_simplified_view():
    tid = next(r for r in files.list_report_ids() if files.read_metadata(r).script == "traditional")
    html = page.report_page(paths.raw_report(tid), files.read_metadata(tid))
    assert 'id="script-toggle"' in html and 'id="text-simplified"' in html


def test_cli_page_writes_a_file_and_fails_cleanly(tmp_path):
    out = tmp_path / "p.html"
    ok = run_cli("page", "tongzhou_2019h1_plan", "-o", str(out))
    assert ok.returncode == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    bad = run_cli("page", str(tmp_path / "missing.txt"))
    assert bad.returncode == 2 and bad.stderr.decode().count("\n") == 1 and b"Traceback" not in bad.stderr
    (tmp_path / "r.txt").write_text("完成地区生产总值1亿元。", encoding="utf-8")
    nometa = run_cli("page", str(tmp_path / "r.txt"))
    assert nometa.returncode == 2 and b"no metadata" in nometa.stderr


def test_committed_pages_match_the_generator():
    for rid in files.list_report_ids():
        assert (paths.DOCS / f"{rid}.html").exists(), rid
    assert (paths.DOCS / "index.html").exists()
