"""Extraction time and output grow linearly with the input, on the shapes that once made them quadratic.

Times are compared as ratios (1x, 4x, 16x the input), never against absolute limits: a
linear extractor takes about 16 times as long on 16 times the text, a quadratic one 256 times.
"""

from __future__ import annotations

import time

import pytest

from cnreport import extract
from cnreport.extract.quantities import SENTENCE_CAP

SHAPES = {
    "run of 万": "万",
    "run of 亿": "亿",
    "run of 十": "十",
    "run of 一…千": "一二三四五六七八九十百千",
    "quantities without a sentence end": "1万2亿3个百分点4.5%6元7吨",
    "百分之 repeated": "百分之",
    "written minus repeated": "增速-1",
    "clauses without punctuation": "增长3%低于全省平均0.5个百分点",
}
BASE = 8000


def _text(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        extract.extract_quantities(text)
        best = min(best, time.perf_counter() - t)
    return best


@pytest.mark.parametrize("unit", SHAPES.values(), ids=SHAPES.keys())
def test_time_is_linear_in_the_input(unit):
    extract.extract_quantities(_text(unit, BASE))        # warm the caches
    t1, t4, t16 = (_seconds(_text(unit, BASE * k)) for k in (1, 4, 16))
    # linear: t16 ~ 16 t1; allow 4x and a quarter-second floor for a machine shared with other jobs
    # (single runs of a few milliseconds vary tenfold there). Quadratic would be ~256 t1: the code
    # before this test took 8 s on 128k characters of 万 and 100 s on 4k of the quantities shape.
    assert t4 <= 4 * 4 * t1 + 0.25, (t1, t4, t16)
    assert t16 <= 4 * 16 * t1 + 0.25, (t1, t4, t16)


@pytest.mark.parametrize("unit", SHAPES.values(), ids=SHAPES.keys())
def test_output_is_linear_in_the_input(unit):
    text = _text(unit, BASE * 4)
    ex = extract.extract_quantities(text)
    for row in ex.rows:
        assert len(row["sentence"]) <= SENTENCE_CAP + len(row["text"])
        assert row["text"] in row["sentence"] and row["sentence"] in text
    assert len(ex.rows) + len(ex.excluded) <= len(text)


def test_a_long_sentence_is_cut_around_its_quantity():
    text = "全市" + "经济" * 400 + "地区生产总值增长3.2%" + "持续" * 400 + "。"
    row = extract.extract_quantities(text).rows[0]
    assert row["text"] == "3.2%"
    assert len(row["sentence"]) == SENTENCE_CAP + len("3.2%")
    a = row["sentence"].index("3.2%")
    assert a == SENTENCE_CAP // 2 and row["sentence"] == text[row["start"] - a:row["start"] - a + len(row["sentence"])]


def test_rows_of_one_sentence_share_one_string():
    rows = extract.extract_quantities("地区生产总值711.1亿元,增长3.2%,其中第三产业增长5.1%。").rows
    assert len(rows) == 3 and rows[0]["sentence"] is rows[1]["sentence"] is rows[2]["sentence"]
