"""The pure mapping helpers of scripts/bench_peer.py (no peer library is imported)."""

from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal
from types import SimpleNamespace

import pytest

from cnreport.core import paths

_spec = importlib.util.spec_from_file_location("bench_peer", paths.ROOT / "scripts" / "bench_peer.py")
bp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bp)


@pytest.fixture(scope="module")
def lex():
    return bp.unit_words(), bp.magnitude_words()


def test_importing_the_script_imports_no_peer():
    assert not {"jionlp", "jiojio", "recognizers_text", "recognizers_number"} & set(sys.modules)


def test_numbers_from_peers_are_clean_decimals():
    assert bp.clean_decimal(12000.000000000002) == Decimal(12000)
    assert bp.fmt(bp.clean_decimal("71110000000.00")) == "71110000000"
    assert bp.fmt(bp.clean_decimal("0.50")) == "0.5"
    assert bp.clean_decimal(None) is None and bp.clean_decimal("abc") is None


def test_unit_glue(lex):
    units, mags = lex
    assert bp.glue_unit("万亩,粮食", units, mags, whole=False) == (2, "mu", Decimal(10000))
    assert bp.glue_unit(" 个", units, mags, whole=True) == (2, "count", Decimal(1))
    assert bp.glue_unit("户", units, mags, whole=True)[1] == "households"   # default, no context override
    assert bp.glue_unit("项拉动", units, mags, whole=True) is None          # a segmenter word must be a unit
    assert bp.glue_unit("项拉动", units, mags, whole=False) == (1, "count", Decimal(1))
    assert bp.glue_unit("年7月", units, mags, whole=False) is None


def _r(start, end, text, value, unit=None):
    return SimpleNamespace(start=start, end=end - 1, text=text,
                           resolution={"value": value, **({"unit": unit} if unit else {})})


def test_recognizers_results_are_mapped(lex):
    text = "增长1.6%,新增1.2万人,亩产515公斤,提高7.1个百分点,长三角"
    res = {
        "percentage": [_r(2, 6, "1.6%", "1.6%"), _r(25, 32, "7.1个百分点", "7.1%")],
        "dimension": [_r(15, 16, "亩", None, "Mu"), _r(17, 22, "515公斤", "515", "Kilogram")],
        "currency": [SimpleNamespace(start=34, end=35, text="三角",
                                     resolution={"value": "3", "unit": "Jiao", "isoCurrency": None})],
        "number": [_r(2, 5, "1.6", "1.6"), _r(9, 13, "1.2万", "12000"), _r(17, 20, "515", "515"),
                   _r(25, 28, "7.1", "7.1")],
    }
    got = [(r["text"], r["value_base"], r["unit_base"]) for r in bp.rt_rows(text, res, *lex)]
    assert got == [("1.6%", "1.6", "percent"), ("1.2万人", "12000", "persons"), ("515公斤", "515", "kg"),
                   ("7.1个百分点", "7.1", "percent"), ("三角", "3", "Jiao")]


def test_jionlp_results_are_mapped(lex):
    words = [("总值", "n"), ("711.1亿", "m"), ("元", "q"), (",", "w"), ("下降", "vi"), ("1.6%", "m"),
             (",", "w"), ("提高", "v"), ("7.1", "m"), ("个", "q"), ("百分点", "n"), (",", "w"),
             ("50场", "n"), ("各", "r"), ("3", "m"), (" ", "wx"), ("个", "q"), ("四方", "n"), ("节能", "n"),
             ("两", "m"), ("成", "q")]
    text = "".join(w for w, _ in words)
    money = [{"text": "711.1亿元", "offset": [2, 9], "detail": {"num": "71110000000.00", "case": "元"}},
             {"text": "3-5亿元", "offset": [0, 0], "detail": {"num": ["3e8", "5e8"], "case": "港元"}}]
    got = [(r["text"], r["value_base"], r["unit_base"], r["via"]) for r in bp.jio_rows(text, money, words, *lex)]
    assert got == [("", "300000000", "港元", "money"),
                   ("711.1亿元", "71110000000", "CNY", "money"),
                   ("1.6%", "1.6", "percent", "m%"),     # no sign: 下降 is not read
                   ("7.1个", "7.1", "count", "m+unit"),  # 个百分点 split by the segmenter
                   ("50场", "50", "count", "word"),
                   ("3 个", "3", "count", "m+unit"),
                   ("两成", "20", "percent", "m+unit")]   # 成 (tenths) is a unit word of the lexicon


def test_overlaps_and_lines():
    rows = [{"start": 0, "end": 4, "prio": 1}, {"start": 2, "end": 6, "prio": 0}, None,
            {"start": 6, "end": 8, "prio": 1}]
    assert [(r["start"], r["end"]) for r in bp.resolve_overlaps(rows)] == [(2, 6), (6, 8)]
    assert list(bp.by_line("a\n\n  \nbc\r\nd")) == [(0, "a"), (6, "bc"), (10, "d")]
    conv = {"億": "亿", "發": "发", "x": "xy"}
    assert bp.simplified_chars("億元發x", lambda c: conv.get(c, c)) == "亿元发x"


def test_hard_cases_count_dropped_signs():
    listed = {"r": [{"start": "2", "end": "6", "value_base": "-9.6", "unit_base": "percent"},
                    {"start": "8", "end": "15", "value_base": "7.1", "unit_base": "pp"}]}
    tool = {"r": [{"start": 2, "end": 6, "value_base": "9.6", "unit_base": "percent"},
                  {"start": 8, "end": 15, "value_base": "7.1", "unit_base": "percent"}]}
    cases = dict(bp.hard_cases(tool, listed, {"r": []}))
    assert cases["negative figures (下降, 减少 …; 1 listed): right with sign"] == "0/1 (1 with the sign dropped)"
    assert cases["个百分点 (1 listed as pp): right"] == "0/1, 1 read as percent"
