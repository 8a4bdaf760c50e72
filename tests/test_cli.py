"""The command line: help, version, and one-line errors without tracebacks."""

from __future__ import annotations

import pytest

from cnreport import __version__
from conftest import run_cli


def test_version():
    res = run_cli("--version")
    assert res.returncode == 0
    assert res.stdout.decode().strip() == f"cnreport {__version__}"


def test_help_lists_commands():
    res = run_cli("--help")
    assert res.returncode == 0
    out = res.stdout.decode()
    assert out.startswith("usage: cnreport")
    for cmd in ("info", "extract", "html2text", "pipeline"):
        assert cmd in out


def test_missing_input_file_gives_one_line_error(tmp_path):
    missing = tmp_path / "no_such_report.txt"
    res = run_cli("info", str(missing))
    err = res.stderr.decode()
    assert res.returncode == 2
    assert res.stdout == b""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err == f"cnreport: error: {missing}: no such file\n"


def test_info_shows_encoding_metadata_and_sections():
    res = run_cli("info", "data/raw/tongzhou_2020h1.txt")
    assert res.returncode == 0, res.stderr
    out = res.stdout.decode()
    assert "encoding: utf-8" in out
    assert "report_id: tongzhou_2020h1" in out
    assert "二/(六)" in out


def test_info_reports_malformed_metadata_in_one_line(tmp_path):
    report = tmp_path / "x.txt"
    report.write_text("1-6月,完成地区生产总值711.1亿元。", encoding="utf-8")
    meta = tmp_path / "x.yml"
    meta.write_text("report_id: x_2020h1\nplace_zh: 某区\nplace_en: X\ngenre: plan_report\nscript: simplified\n",
                    encoding="utf-8")
    res = run_cli("info", str(report))
    assert res.returncode == 2
    assert res.stderr.decode() == (f"cnreport: error: {meta}: metadata field 'period_actual' is missing "
                                   "(required; write period_actual: null for a text that only sets targets)\n")


EXPECTED_HEADER = ("report_id,start,end,text,value,value_high,unit,value_base,unit_base,measure,status,"
                   "period,qualifier,indicator_zh,section,sentence")


def test_extract_contract_to_stdout():
    res = run_cli("extract", "data/raw/tongzhou_2020h1.txt")
    assert res.returncode == 0, res.stderr
    lines = res.stdout.decode("utf-8").splitlines()
    assert lines[0] == EXPECTED_HEADER
    assert lines[1].startswith("tongzhou_2020h1,293,300,711.1亿元,711.1,,亿元,71110000000,CNY,level,actual,2020H1,exact,地区生产总值,一,")
    assert len(lines) == 1 + 105
    assert "coverage 158/158 digit runs" in res.stderr.decode()


def test_extract_writes_files_and_json(tmp_path):
    out, excl = tmp_path / "q.csv", tmp_path / "x.csv"
    res = run_cli("extract", "data/raw/xianning_2020h1_news.txt", "-o", str(out), "--excluded", str(excl))
    assert res.returncode == 0 and res.stdout == b""
    assert out.read_text(encoding="utf-8").splitlines()[0] == EXPECTED_HEADER
    assert excl.read_text(encoding="utf-8").splitlines()[0] == "start,end,text,reason,note"
    res = run_cli("extract", "data/raw/xianning_2020h1_news.txt", "--format", "json")
    import json

    rows = json.loads(res.stdout.decode("utf-8"))
    assert rows[0]["text"] == "616.57億元" and rows[0]["value_base"] == 61657000000


def test_extract_without_metadata_says_what_it_assumed(tmp_path):
    p = tmp_path / "mystery.txt"
    p.write_text("1-6月,地区生产总值增长１．６％。", encoding="utf-8")
    res = run_cli("extract", str(p), "--report-id", "x_2020h1")
    assert res.returncode == 0
    assert res.stdout.decode().splitlines()[1].startswith("x_2020h1,")
    assert "no metadata" in res.stderr.decode()


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary", b"   \n"])
def test_extract_bad_input_leaves_earlier_output_intact(tmp_path, content):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "q.csv"
    out.write_text("earlier output\n")
    res = run_cli("extract", str(bad), "-o", str(out))
    err = res.stderr.decode()
    assert res.returncode == 2 and err.startswith(f"cnreport: error: {bad}: ") and err.count("\n") == 1
    assert "Traceback" not in err
    assert out.read_text() == "earlier output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "q.csv"]
