"""The command line: help, version, and one-line errors without tracebacks."""

from __future__ import annotations

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
    for cmd in ("info", "pipeline"):
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
    assert res.stderr.decode() == f"cnreport: error: {meta}: metadata field 'period_actual' is missing\n"
