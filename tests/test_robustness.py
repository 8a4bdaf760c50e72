"""Bad input (issue 7, item 1): every kind of input users feed the package gives a
correct result or one line on stderr naming the file and the problem, a non-zero
exit and no traceback; a failed run leaves earlier outputs intact.

Where each item of the issue's list is tested (m = module API, c = command line):

- empty file ........................ test_io::test_bad_content_gives_a_message_naming_the_file (m),
                                      test_cli::test_extract_bad_input_leaves_earlier_output_intact (c)
- whitespace only ................... the same two tests (m, c)
- binary file ....................... the same two tests (NUL bytes, m, c);
                                      here test_bad_files_on_the_command_line (control bytes without NUL, c)
- a directory ....................... test_io::test_directory_and_missing_file (m); here test_bad_files_on_the_command_line (c)
- a missing file .................... test_io::test_directory_and_missing_file (m),
                                      test_cli::test_missing_input_file_gives_one_line_error (c, info);
                                      here test_bad_files_on_the_command_line (c, extract)
- GB18030, UTF-16 (BOM), UTF-8 BOM .. test_io::test_decodes_the_encodings_reports_come_in (m, one sentence);
                                      here test_flagship_in_every_encoding_* (m, c: the whole flagship)
- CRLF line ends .................... test_io::test_crlf_is_kept_so_offsets_refer_to_the_decoded_text (m);
                                      here test_flagship_in_every_encoding_* (m, c: offsets shift by one per line)
- HTML page source .................. here test_html_* (refused with a hint, m and c; `cnreport html2text`
                                      converts; no report in data/raw is taken for HTML)
- Traditional script + pinyin glosses test_extract listings (xianning, qidong: m); here test_traditional_with_pinyin_glosses (m)
- full-width digits and ％ .......... test_cli::test_extract_without_metadata_says_what_it_assumed (c, one number),
                                      test_properties::test_full_width_input_gives_the_same_values_at_valid_offsets (m);
                                      here test_full_width_flagship (m: the whole report)
- a report without part 二 .......... here test_report_without_part_two (c)
- truncated mid-number .............. here test_truncated_report (c: "711.", "711.1亿"; m: "1218 亿")
- a 5 MB report ..................... here test_five_megabyte_report (m, about 1.5 s)
- a file of numbers only ............ here test_numbers_only (c)
- metadata, missing/malformed field . test_io::test_metadata_fields_are_validated (m),
                                      test_cli::test_info_reports_malformed_metadata_in_one_line
                                      (c, sidecar); here test_bad_metadata_with_meta_option (c, extract --meta)
- failed run leaves outputs intact .. test_cli::test_extract_bad_input_leaves_earlier_output_intact (c);
                                      here test_failed_run_keeps_real_earlier_outputs (c), test_atomic_write_* (m),
                                      test_failed_notebook_is_left_unchanged (pipeline.execute_notebook)
"""

from __future__ import annotations

import csv
import io as _stdio
import os
import re
import time

import pytest

from cnreport import extract
from cnreport.core import files, paths
from conftest import run_cli

FLAGSHIP = paths.raw_report("tongzhou_2020h1")
FLAGSHIP_META = str(paths.raw_metadata("tongzhou_2020h1"))
GDP = "711.1亿元"
GDP_START = 293                 # in the flagship as published (UTF-8, LF)


def csv_rows(stdout: bytes) -> list[dict]:
    return list(csv.DictReader(_stdio.StringIO(stdout.decode("utf-8"), newline="")))


def assert_one_line_error(res, path, problem: str) -> None:
    err = res.stderr.decode("utf-8")
    assert res.returncode == 2, err
    assert "Traceback" not in err
    assert err.count("\n") == 1, err
    assert err.startswith(f"cnreport: error: {path}: "), err
    assert problem in err, err
    assert res.stdout == b""


def assert_spans_and_coverage(text: str, rows: list[dict], excluded: list[dict]) -> None:
    for r in rows + excluded:
        assert text[int(r["start"]):int(r["end"])] == r["text"], r
    cov = extract.coverage(text, [dict(r, start=int(r["start"]), end=int(r["end"])) for r in rows],
                           [dict(r, start=int(r["start"]), end=int(r["end"])) for r in excluded])
    assert cov["digit_runs"] > 0 and cov["uncovered"] == [] and cov["multiple"] == []


# --------------------------------------------------------------------------- files that are not reports


@pytest.mark.parametrize("kind", ["directory", "missing", "control bytes"])
def test_bad_files_on_the_command_line(tmp_path, kind):
    if kind == "directory":
        path, problem = tmp_path, "is a directory, not a report file"
    elif kind == "missing":
        path, problem = tmp_path / "absent.txt", "no such file"
    else:   # binary without NUL bytes (an archive or image fragment decodes as GB18030)
        path, problem = tmp_path / "blob.txt", "binary file ("
        path.write_bytes(bytes(range(1, 9)) * 40 + "增长1.6%".encode())
    res = run_cli("extract", str(path))
    assert_one_line_error(res, path, problem)


# --------------------------------------------------------------------------- encodings and line ends

ENCODINGS = [("utf-8-sig", "utf-8-sig", "\n"), ("gb18030", "gb18030", "\n"), ("utf-16", "utf-16", "\n"),
             ("utf-8", "utf-8", "\r\n"), ("gb18030", "gb18030", "\r\n"), ("utf-16", "utf-16", "\r\n")]
IDS = ["utf8-bom", "gb18030", "utf16-bom", "utf8-crlf", "gb18030-crlf", "utf16-crlf"]


def _write_flagship(tmp_path, codec: str, newline: str):
    text = FLAGSHIP.read_text(encoding="utf-8").replace("\n", newline)
    path = tmp_path / "tongzhou_2020h1.txt"
    path.write_bytes(text.encode(codec))
    if codec == "utf-16":
        assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")      # Python writes the BOM
    return path, text


def _gdp_start(text: str) -> int:
    return GDP_START + text[:text.index(GDP)].count("\r")


@pytest.mark.parametrize("codec, encoding, newline", ENCODINGS, ids=IDS)
def test_flagship_in_every_encoding_module(tmp_path, flagship_text, codec, encoding, newline):
    path, text = _write_flagship(tmp_path, codec, newline)
    rep = files.read_report(path)
    assert rep.text == text and rep.encoding == encoding
    ex = extract.extract_quantities(rep.text, files.read_metadata(FLAGSHIP_META))
    gdp = ex.rows[0]
    assert (gdp["text"], gdp["start"], gdp["end"], gdp["value_base"]) == (
        GDP, _gdp_start(text), _gdp_start(text) + 7, "71110000000")
    assert_spans_and_coverage(rep.text, ex.rows, ex.excluded)
    plain = extract.extract_quantities(flagship_text, files.read_metadata(FLAGSHIP_META))
    key = ("text", "value_base", "unit_base", "measure", "status", "period", "qualifier", "indicator_zh", "section")
    assert [[r[k] for k in key] for r in ex.rows] == [[r[k] for k in key] for r in plain.rows]


@pytest.mark.parametrize("codec, encoding, newline", ENCODINGS[:4], ids=IDS[:4])
def test_flagship_in_every_encoding_cli(tmp_path, codec, encoding, newline):
    path, text = _write_flagship(tmp_path, codec, newline)
    res = run_cli("extract", str(path), "--meta", FLAGSHIP_META, "--excluded", str(tmp_path / "x.csv"))
    err = res.stderr.decode("utf-8")
    assert res.returncode == 0 and "Traceback" not in err, err
    assert f"coverage 158/158 digit runs (0 in more than one row); encoding {encoding}" in err
    rows = csv_rows(res.stdout)
    start = _gdp_start(text)
    assert len(rows) == 105
    assert rows[0]["start"] == str(start) and rows[0]["end"] == str(start + 7)
    assert rows[0]["text"] == GDP and rows[0]["value_base"] == "71110000000" and rows[0]["unit_base"] == "CNY"
    excluded = files.read_csv_rows(tmp_path / "x.csv")
    assert_spans_and_coverage(text, rows, excluded)
    if newline == "\n":      # same text after decoding: byte-identical output to the published file's
        assert res.stdout == run_cli("extract", str(FLAGSHIP)).stdout


# --------------------------------------------------------------------------- scripts and widths


def test_traditional_with_pinyin_glosses(flagship_text):
    """The flagship in Traditional script (OpenCC s2t) with pinyin glosses after some characters,
    as mirror sites publish it: the same quantities, offsets into the glossed text."""
    import opencc

    meta = files.read_metadata(FLAGSHIP_META)
    trad = opencc.OpenCC("s2t").convert(flagship_text)
    assert len(trad) == len(flagship_text) and "億元" in trad
    gloss = {"國": "guó", "億": "yì", "發": "fā", "長": "zhǎng", "產": "chǎn", "總": "zǒng", "區": "qū", "萬": "wàn"}
    text = re.sub(f"[{''.join(gloss)}]", lambda m: f"{m.group()}({gloss[m.group()]})", trad)
    ex = extract.extract_quantities(text, meta)
    plain = extract.extract_quantities(flagship_text, meta)
    assert ex.rows[0]["text"] == "711.1億(yì)元" and ex.rows[0]["value_base"] == "71110000000"
    assert ex.rows[0]["indicator_zh"] == "地区生产总值"
    key = ("value_base", "unit_base", "measure", "status", "period", "qualifier")
    assert [[r[k] for k in key] for r in ex.rows] == [[r[k] for k in key] for r in plain.rows]
    assert_spans_and_coverage(text, ex.rows, ex.excluded)


def test_full_width_flagship(flagship_text):
    text = flagship_text.translate(str.maketrans("0123456789.%", "０１２３４５６７８９．％"))
    meta = files.read_metadata(FLAGSHIP_META)
    ex, plain = extract.extract_quantities(text, meta), extract.extract_quantities(flagship_text, meta)
    assert ex.rows[0]["text"] == "７１１．１亿元" and ex.rows[0]["value_base"] == "71110000000"
    assert ex.rows[1]["text"] == "１．６％" and ex.rows[1]["value_base"] == "1.6"
    key = ("start", "end", "value_base", "unit_base", "measure", "status", "period", "qualifier", "indicator_zh")
    assert [[r[k] for k in key] for r in ex.rows] == [[r[k] for k in key] for r in plain.rows]
    assert [(r["start"], r["reason"]) for r in ex.excluded] == [(r["start"], r["reason"]) for r in plain.excluded]
    assert_spans_and_coverage(text, ex.rows, ex.excluded)


# --------------------------------------------------------------------------- incomplete and odd reports


def test_report_without_part_two(tmp_path, flagship_text):
    """Part 一 only (no plan part): every quantity is an actual, and part 一 is read as in the full report."""
    cut = flagship_text.index("\n二、") + 1
    path = tmp_path / "tongzhou_2020h1.txt"
    path.write_text(flagship_text[:cut], encoding="utf-8")
    res = run_cli("extract", str(path), "--meta", FLAGSHIP_META)
    assert res.returncode == 0, res.stderr
    rows = csv_rows(res.stdout)
    full = csv_rows(run_cli("extract", str(FLAGSHIP)).stdout)
    assert len(rows) == 65 and {r["status"] for r in rows} == {"actual"}
    assert rows == [r for r in full if int(r["start"]) < cut]
    assert "coverage 105/105 digit runs" in res.stderr.decode()


@pytest.mark.parametrize("cut_after", ["711.", "711.1亿"])
def test_truncated_report(tmp_path, flagship_text, cut_after):
    """Cut mid-number: no quantity is invented; the cut number is kept as excluded, noted as truncated."""
    path = tmp_path / "cut.txt"
    path.write_text(flagship_text[:flagship_text.index(cut_after) + len(cut_after)], encoding="utf-8")
    xpath = tmp_path / "x.csv"
    res = run_cli("extract", str(path), "--meta", FLAGSHIP_META, "--excluded", str(xpath))
    err = res.stderr.decode()
    assert res.returncode == 0 and "Traceback" not in err, err
    runs, kept = {"711.": (9, "711"), "711.1亿": (10, "711.1")}[cut_after]
    assert f"0 quantities, 4 excluded; coverage {runs}/{runs} digit runs" in err
    last = files.read_csv_rows(xpath)[-1]
    assert (last["start"], last["text"], last["reason"], last["note"]) == (
        str(GDP_START), kept, "other", "truncated at the end of the text")


def test_truncated_before_the_unit_module():
    text = "全年完成工业总产值1218 亿"
    ex = extract.extract_quantities(text)
    assert ex.rows == []
    assert [(e["start"], e["end"], e["text"], e["note"]) for e in ex.excluded] == [
        (9, 13, "1218", "truncated at the end of the text")]
    done = extract.extract_quantities(text + "元")
    assert [(r["text"], r["value_base"]) for r in done.rows] == [("1218 亿元", "121800000000")]


def test_numbers_only(tmp_path):
    path = tmp_path / "numbers.txt"
    path.write_text("711.1 35.1\n27016 13737\n1.6 0.4 2020\n１２３\n", encoding="utf-8")
    xpath = tmp_path / "x.csv"
    res = run_cli("extract", str(path), "--excluded", str(xpath))
    err = res.stderr.decode()
    assert res.returncode == 0 and "Traceback" not in err, err
    assert csv_rows(res.stdout) == []
    assert "0 quantities, 8 excluded; coverage 12/12 digit runs" in err
    excluded = files.read_csv_rows(xpath)
    assert [e["text"] for e in excluded] == ["711.1", "35.1", "27016", "13737", "1.6", "0.4", "2020", "１２３"]
    assert {e["reason"] for e in excluded} == {"other"}


def test_five_megabyte_report(flagship_text):
    """The flagship repeated to 5 MB: finishes in seconds, every copy read the same, coverage intact."""
    meta = files.read_metadata(FLAGSHIP_META)
    one = extract.extract_quantities(flagship_text, meta)
    copies = 5 * 2**20 // len(flagship_text.encode("utf-8")) + 1
    text = flagship_text * copies
    assert len(text.encode("utf-8")) > 5 * 2**20
    t0 = time.perf_counter()
    ex = extract.extract_quantities(text, meta)
    cov = extract.coverage(text, ex.rows, ex.excluded)
    elapsed = time.perf_counter() - t0
    assert elapsed < 20, elapsed        # about 1.3 s on the reference machine (2 cores)
    assert cov["digit_runs"] == copies * 158 and cov["uncovered"] == [] and cov["multiple"] == []
    n = len(flagship_text)
    assert len(ex.rows) == copies * len(one.rows)
    for k in (0, copies // 2, copies - 1):
        part = ex.rows[k * len(one.rows):(k + 1) * len(one.rows)]
        assert [(r["start"] - k * n, r["end"] - k * n, r["value_base"], r["status"]) for r in part] == [
            (r["start"], r["end"], r["value_base"], r["status"]) for r in one.rows]
    assert all(text[r["start"]:r["end"]] == r["text"] for r in ex.rows)


# --------------------------------------------------------------------------- metadata through --meta

META_OK = ("report_id: x_2020h1\nplace_zh: 某区\nplace_en: X District\ngenre: plan_report\n"
           "period_actual: 2020H1\nscript: simplified\n")


@pytest.mark.parametrize("meta_text, problem", [
    (META_OK.replace("genre: plan_report\n", ""), "metadata field 'genre' is missing"),
    (META_OK.replace("2020H1", "first half 2020"), "metadata field 'period_actual' is malformed: 'first half 2020'"),
    (META_OK.replace("script: simplified", "script: klingon"), "metadata field 'script' is malformed: 'klingon'"),
    (META_OK + "published: [2020\n", "malformed metadata ("),
    (None, "no such file"),
])
def test_bad_metadata_with_meta_option(tmp_path, meta_text, problem):
    report = tmp_path / "x.txt"
    report.write_text("1-6月,完成地区生产总值711.1亿元。\n", encoding="utf-8")
    meta = tmp_path / "meta.yml"
    if meta_text is not None:
        meta.write_text(meta_text, encoding="utf-8")
    out = tmp_path / "q.csv"
    res = run_cli("extract", str(report), "--meta", str(meta), "-o", str(out))
    assert_one_line_error(res, meta, problem)
    assert not out.exists()


# --------------------------------------------------------------------------- HTML page source

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>通州区上半年经济运行情况</title>
<style>p { text-indent: 2em; }</style>
<script type="text/javascript">
  var _hmt = _hmt || []; var visits = 20200802;
  for (var i = 0; i < 711; i++) { _hmt.push(i * 1.6); }
</script>
</head>
<body>
<div class="crumb"><a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/xxgk">信息公开</a></div>
<!-- 计数器 12345 -->
<div class="article">
<h1>关于2020年上半年经济运行情况的报告</h1>
<p>&nbsp;&nbsp;1-6月,完成地区生产总值711.1亿元,同比增长1.6%;
完成一般公共预算收入35.1亿元。</p>
<p>&#12288;&#12288;实现规上工业总产值373.6亿元&mdash;&mdash;稳中有进。</p>
<table><tr><td>单位:吨</td><td></td></tr><tr><td>粮食</td><td> 143972 </td></tr></table>
</div>
<script>document.write("<p>999亿元</p>");</script>
</body>
</html>
"""
PAGE_TEXT = """通州区上半年经济运行情况

首页 > 信息公开

关于2020年上半年经济运行情况的报告

1-6月,完成地区生产总值711.1亿元,同比增长1.6%; 完成一般公共预算收入35.1亿元。

\u3000\u3000实现规上工业总产值373.6亿元——稳中有进。

单位:吨 | |

粮食 | 143972 |
"""


def test_html_page_is_refused_with_a_hint(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    res = run_cli("extract", str(page))
    assert_one_line_error(res, page, "looks like an HTML page source, not report text; "
                                     f"convert it first: cnreport html2text {page} -o {tmp_path / 'page.txt'}")
    with pytest.raises(files.ReportError, match="looks like an HTML page source"):
        files.read_report(page)


@pytest.mark.parametrize("text, is_html", [
    ("<html><body>1-6月</body></html>", True),
    ("\ufeff  <?xml version='1.0'?>\n<!-- saved -->\n<!DOCTYPE HTML PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">", True),
    ("<P>1-6月,完成地区生产总值711.1亿元。</P>\n" * 3 + "<DIV>完成一般公共预算收入35.1亿元。<BR></DIV>", True),
    ("PM2.5<35微克/立方米,优良天数<300天的地区减少。" * 50, False),
    ("网页中的<p>标签和<br>标签不是数据,<div>也不是。" + "完成地区生产总值711.1亿元。" * 200, False),
])
def test_html_detector(text, is_html):
    assert files.looks_like_html(text.lstrip("\ufeff")) is is_html


def test_no_report_in_data_raw_looks_like_html(report_ids):
    assert report_ids
    for rid in report_ids:
        assert not files.looks_like_html(files.read_report(paths.raw_report(rid)).text), rid


def test_html2text_converts_a_page_and_extraction_reads_the_text(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(PAGE.encode("gb18030"))            # old government sites: GBK pages
    out = tmp_path / "page.txt"
    res = run_cli("html2text", str(page), "-o", str(out))
    assert res.returncode == 0 and res.stdout == b"", res.stderr
    assert "page encoding gb18030" in res.stderr.decode()
    text = out.read_text(encoding="utf-8")
    assert text == PAGE_TEXT
    assert "999" not in text and "12345" not in text and "20200802" not in text   # script, comment dropped
    assert run_cli("html2text", str(page)).stdout == out.read_bytes()             # stdout: the same bytes
    res = run_cli("extract", str(out), "--report-id", "page_2020h1")
    assert res.returncode == 0, res.stderr
    rows = csv_rows(res.stdout)
    assert [(r["text"], r["value_base"], r["unit_base"], r["measure"]) for r in rows] == [
        ("711.1亿元", "71110000000", "CNY", "level"), ("1.6%", "1.6", "percent", "growth_pct"),
        ("35.1亿元", "3510000000", "CNY", "level"), ("373.6亿元", "37360000000", "CNY", "level"),
        ("143972", "143972", "tonne", "level")]
    assert rows[0]["indicator_zh"] == "地区生产总值" and rows[1]["indicator_zh"] == "地区生产总值"
    assert int(rows[0]["start"]) == text.index("711.1亿元")
    assert all(text[int(r["start"]):int(r["end"])] == r["text"] for r in rows)


def test_html2text_bad_input(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    res = run_cli("html2text", str(page), "-o", str(page))
    assert_one_line_error(res, page, "output would overwrite an input of this run")
    assert page.read_text(encoding="utf-8") == PAGE
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><script>var x = 1;</script></head><body> </body></html>", encoding="utf-8")
    assert_one_line_error(run_cli("html2text", str(empty)), empty, "no text left after removing the HTML markup")
    assert_one_line_error(run_cli("html2text", str(tmp_path / "absent.html")), tmp_path / "absent.html",
                          "no such file")


# --------------------------------------------------------------------------- failed runs leave outputs intact


def test_failed_run_keeps_real_earlier_outputs(tmp_path):
    out, excl = tmp_path / "q.csv", tmp_path / "x.csv"
    res = run_cli("extract", str(FLAGSHIP), "-o", str(out), "--excluded", str(excl))
    assert res.returncode == 0
    before = out.read_bytes(), excl.read_bytes()
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    bad_meta = tmp_path / "bad.yml"
    bad_meta.write_text(META_OK.replace("genre: plan_report", "genre: novel"), encoding="utf-8")
    for args in ([str(page)], [str(FLAGSHIP), "--meta", str(bad_meta)], [str(tmp_path / "absent.txt")]):
        res = run_cli("extract", *args, "-o", str(out), "--excluded", str(excl))
        assert res.returncode == 2 and "Traceback" not in res.stderr.decode()
        assert (out.read_bytes(), excl.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yml", "page.html", "q.csv", "x.csv"]


def test_atomic_write_keeps_the_old_file_when_the_rename_fails(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    files.write_text_atomic(target, "old\n")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(files.ReportError, match="No space left"):
        files.write_text_atomic(target, "new\n" * 1000)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]          # no temporary file left


def test_atomic_write_keeps_the_old_file_when_interrupted_while_writing(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    files.write_text_atomic(target, "old\n")
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[: len(data) // 2])                     # half the bytes reach the disk...
            raise KeyboardInterrupt                                   # ...then the user presses Ctrl-C

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    with pytest.raises(KeyboardInterrupt):
        files.write_text_atomic(target, "new\n" * 1000)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_failed_notebook_is_left_unchanged(tmp_path):
    import nbformat
    from nbclient.exceptions import CellExecutionError

    from cnreport.run import pipeline

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 711.1\nprint(x)"),
                nbformat.v4.new_code_cell("raise ValueError('cell fails midway')"),
                nbformat.v4.new_code_cell("print('never')")]
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="earlier output\n")]
    path = tmp_path / "tiny.ipynb"
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(CellExecutionError, match="cell fails midway"):
        pipeline.execute_notebook(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["tiny.ipynb"]
