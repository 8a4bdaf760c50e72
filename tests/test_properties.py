"""Property tests: the number parser and the extractor's invariants on generated text."""

from __future__ import annotations

from decimal import Decimal

import cn2an
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cnreport import extract
from cnreport.core import numerals

FW = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


@given(st.integers(min_value=0, max_value=10**12))
def test_chinese_numerals_parse_back(n):
    text = cn2an.an2cn(n)
    # cn2an writes a few numbers in a form that drops a needed 零 (100001000 -> 一亿一千, which
    # reads as 110000000), so the writer is only trusted where it agrees with a strict reading.
    try:
        strict = cn2an.cn2an(text, "strict")
    except ValueError:
        strict = None
    assume(strict == n)
    assert numerals.parse_chinese(text) == n


@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_separators_parse_back(n):
    assert numerals.parse_arabic(f"{n:,}") == n


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["万", "亿", "万亿", ""]))
def test_magnitude_words_multiply(x, mag):
    assert numerals.parse_number(f"{x}{mag}") == x * numerals.magnitude_factor(mag)


_PIECES = st.sampled_from([
    "增长", "下降", "完成", "实现", "地区生产总值", "收入", "超", "约", "以上", "左右", "各", "新增", "企业",
    "亿元", "万元", "元", "%", "个百分点", "个", "家", "人", "万亩", "吨", "-", "至", "和", "、", ",", "。", "\n",
    "“", "”", "(", ")", "年", "月", "1-6月", "2020年", "5G", "第", "两万", "三千", "百分之五", "國(guó)", " ",
    "億", "萬", "１２．５", "３", "0", "1", "23", "4.5", "678", "9.01", "１", "，", "％",
])
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_extractor_never_crashes_and_keeps_its_invariants(text):
    ex = extract.extract_quantities(text)
    for row in ex.rows + ex.excluded:
        assert text[row["start"]:row["end"]] == row["text"]
    for row in ex.rows:
        assert row["measure"] in extract.MEASURES and row["status"] in extract.STATUSES
        assert row["qualifier"] in extract.QUALIFIERS
        Decimal(row["value_base"])
    for row in ex.excluded:
        assert row["reason"] in extract.REASONS
    cov = extract.coverage(text, ex.rows, ex.excluded)
    assert cov["uncovered"] == [] and cov["multiple"] == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.decimals(min_value=0, max_value=9999, places=1, allow_nan=False,
                                      allow_infinity=False),
                          st.sampled_from(["亿元", "%", "个百分点", "万人", "家"])), min_size=1, max_size=6))
def test_full_width_input_gives_the_same_values_at_valid_offsets(items):
    text = "完成" + ",增长".join(f"{v}{u}" for v, u in items) + "。"
    wide = text.translate(FW)
    a, b = extract.extract_quantities(text).rows, extract.extract_quantities(wide).rows
    assert [r["value_base"] for r in a] == [r["value_base"] for r in b]
    assert [(r["start"], r["end"]) for r in a] == [(r["start"], r["end"]) for r in b]
    for r in b:
        assert wide[r["start"]:r["end"]] == r["text"]
