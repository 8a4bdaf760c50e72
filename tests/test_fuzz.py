"""Fuzzing: generated report-like text never crashes the extractor or breaks its invariants.

The text is built from tokens weighted toward what reports are made of: Arabic
digits (ASCII and full-width), Chinese numerals, units, cue words, punctuation,
whitespace and line breaks, Traditional characters with pinyin glosses, plus a
little arbitrary Unicode. ``files.decode_bytes`` and the HTML converter get
arbitrary bytes and text.

``make test`` runs a bounded, derandomized number of examples (the "repro"
profile, a few seconds); ``make fuzz`` sets ``CNREPORT_FUZZ=1``, which loads the
"fuzz" profile (``tests/conftest.py``): many examples, fresh ones every run.
"""

from __future__ import annotations

import html
import os
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from cnreport import extract
from cnreport.core import files, htmltext, numerals, paths

FUZZING = bool(os.environ.get("CNREPORT_FUZZ"))


def bounded(n: int) -> settings:
    """``n`` examples under ``make test``; the fuzz profile's count under ``make fuzz``."""
    return settings(max_examples=settings.get_profile("fuzz").max_examples if FUZZING else n, deadline=None)


DIGIT = st.sampled_from("0123456789")
FW_DIGIT = st.sampled_from("０１２３４５６７８９")


@st.composite
def arabic_number(draw) -> str:
    """1 to 7 digits, maybe thousands separators, maybe a decimal part; ASCII, full-width or mixed."""
    digit = draw(st.sampled_from([DIGIT, DIGIT, FW_DIGIT, st.one_of(DIGIT, FW_DIGIT)]))
    whole = "".join(draw(st.lists(digit, min_size=1, max_size=7)))
    if len(whole) > 3 and draw(st.booleans()):
        whole = f"{int(whole.translate(_ASCII)):,}"
    if draw(st.booleans()):
        whole += draw(st.sampled_from([".", "．", ". ", "\n"])) + "".join(draw(st.lists(digit, min_size=0, max_size=3)))
    return whole


_ASCII = str.maketrans("０１２３４５６７８９", "0123456789")
CN_NUMERAL = st.lists(st.sampled_from("〇零一二两三四五六七八九十百千万亿兩萬億壹贰叁拾佰仟半"),
                      min_size=1, max_size=6).map("".join)
UNIT = st.sampled_from([
    "亿元", "万元", "元", "%", "％", "个百分点", "個百分點", "万亩", "亩", "人", "万人", "人次", "家", "户", "个",
    "吨", "万吨", "千瓦时", "平方米", "公里", "美元", "亿美元", "万美元", "‰", "倍", "头", "小时", "億元", "萬元",
    "億(yì)元", "万亿元", "千亿", "亿", "万", "千", "百",
])
CUE = st.sampled_from([
    "增长", "下降", "超", "突破", "以上", "以下", "约", "左右", "各", "力争", "达到", "达", "完成", "实现", "同比",
    "比上年", "提高", "提高到", "减少", "收窄", "降幅", "增幅", "近", "超过", "不低于", "至", "到", "全年", "上半年",
    "1-6月", "一季度", "2020年", "12月", "第", "计划", "目标", "预计", "占", "比重", "其中", "新增", "累计", "共",
    "地区生产总值", "一般公共预算收入", "固定资产投资", "规上工业", "亿元以上项目", "“333”行动", "两成示范",
    "按", "标准", "结构", "单位:", "|", "二、", "一、", "(一)", "下半年工作", "打算", "由", "从", "上年", "去年",
])
PUNCT = st.sampled_from(list("，。；、,.:;：-—～~“”\"'「」『』()（）！？!?|/·") + ["——", "……"])
SPACE = st.sampled_from([" ", "  ", "\u3000", "\t", "\n", "\n\n", "\r\n", "\r", "\xa0"])
TRADITIONAL = st.sampled_from([
    "國(guó)", "發(fā)", "億(yì)", "增長(zhǎng)", "總值", "產(chǎn)", "萬", "個", "點", "億元", "國", "(yì)", "(zhǎng)",
    "產(chǎn)值", "經(jīng)濟", "収入", "下降", "幣",
])
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
ANY = st.text(max_size=3)

TOKEN = st.sampled_from([arabic_number()] * 6 + [CN_NUMERAL] * 2 + [UNIT] * 4 + [CUE] * 4 + [PUNCT] * 3
                        + [SPACE] * 2 + [TRADITIONAL] * 2 + [CJK.map(str)] + [ANY]).flatmap(lambda s: s)
REPORT_TEXT = st.lists(TOKEN, max_size=80).map("".join)

META = st.sampled_from([
    None,
    files.meta_from_mapping({"report_id": "x_2020h1", "place_zh": "某区", "place_en": "X", "genre": "plan_report",
                          "period_actual": "2020H1", "period_plan": "2020H2", "script": "simplified"}),
    files.meta_from_mapping({"report_id": "y_2019", "place_zh": "某县", "place_en": "Y", "genre": "bulletin",
                          "period_actual": "2019", "script": "traditional"}),
])


def check_invariants(text: str, meta) -> None:
    ex = extract.extract_quantities(text, meta)
    for row in ex.rows + ex.excluded:
        assert 0 <= row["start"] <= row["end"] <= len(text)
        assert text[row["start"]:row["end"]] == row["text"], row
    for row in ex.rows:
        assert Decimal(row["value_base"]).is_finite(), row
        Decimal(row["value"])
        if row["value_high"] is not None:
            Decimal(row["value_high"])
        assert row["measure"] in extract.MEASURES and row["status"] in extract.STATUSES, row
        assert row["qualifier"] in extract.QUALIFIERS, row
    for row in ex.excluded:
        assert row["reason"] in extract.REASONS, row
    cov = extract.coverage(text, ex.rows, ex.excluded)
    assert cov["uncovered"] == [], cov
    assert cov["multiple"] == [], cov


@bounded(400)
@given(REPORT_TEXT, META)
def test_report_like_text_keeps_the_invariants(text, meta):
    check_invariants(text, meta)


@bounded(60)
@given(st.lists(st.tuples(arabic_number(), UNIT, st.sampled_from(["", "左右", "以上", "多"]),
                          st.sampled_from(["，", "；", "。", "\n", "、"])), min_size=1, max_size=8),
       st.sampled_from(["增长", "下降", "完成", "力争", "约", "超", ""]), META)
def test_number_unit_sequences_keep_the_invariants(items, cue, meta):
    text = "".join(f"{cue}{n}{u}{q}{p}" for n, u, q, p in items)
    check_invariants(text, meta)


REPORTS = [files.read_report(paths.raw_report(rid)).text for rid in files.list_report_ids()]


@st.composite
def mutated_report(draw) -> str:
    """A window of a real report (headings, tables, glosses and all) with a few random edits."""
    text = draw(st.sampled_from(REPORTS))
    a = draw(st.integers(0, len(text) - 1))
    text = text[a:a + draw(st.integers(1, 600))]
    for _ in range(draw(st.integers(0, 6))):
        i = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["insert", "insert", "delete", "widen"]))
        if edit == "insert":
            text = text[:i] + draw(TOKEN) + text[i:]
        elif edit == "delete":
            text = text[:i] + text[i + draw(st.integers(1, 5)):]
        else:
            text = text[:i] + text[i:i + 20].translate(_WIDE) + text[i + 20:]
    return text


_WIDE = str.maketrans("0123456789.%,;:", "０１２３４５６７８９．％，；：")


@bounded(150)
@given(mutated_report(), META)
def test_mutated_real_report_windows_keep_the_invariants(text, meta):
    check_invariants(text, meta)


@bounded(200)
@given(st.one_of(
    st.text(alphabet=numerals.CN_NUMERAL_CHARS + "兩萬億", max_size=10),
    st.tuples(arabic_number().map(lambda n: n.translate(_ASCII)),
              st.sampled_from(["", "万", "亿", "万亿", "千", "十万", "千亿"])).map("".join),
))
def test_number_parser_returns_a_decimal_or_a_number_error(token):
    """cn2an raises ValueError, KeyError or IndexError on odd numerals (一亿一千零一十一): all become NumberError."""
    try:
        value = numerals.parse_number(token)
    except numerals.NumberError:
        return
    assert isinstance(value, Decimal) and value.is_finite()


@bounded(150)
@given(st.one_of(
    st.binary(max_size=200),
    st.tuples(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]), st.binary(max_size=100))
    .map(b"".join),
    st.tuples(REPORT_TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030"]),
              st.binary(max_size=4)).map(lambda t: t[0].encode(t[1], "replace") + t[2]),
))
def test_decode_bytes_returns_text_or_a_report_error(data):
    try:
        text, enc = files.decode_bytes(data, "fuzz.txt")
    except files.ReportError as exc:
        assert str(exc).startswith("fuzz.txt: ") and "\n" not in str(exc)
        return
    assert enc in ("utf-8", "utf-8-sig", "utf-16", "gb18030")
    assert isinstance(text, str) and text.strip()


@bounded(100)
@given(st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(["<p>", "</p>", "<br>", "<br/>", "<div class='a'>", "</div>", "<script>",
                                        "</script>", "<style>", "</style>", "<!--", "-->", "<![CDATA[", "]]>",
                                        "<!DOCTYPE html>", "&nbsp;", "&amp;", "&#20159;", "&#x4EBF;", "&bogus;",
                                        "<td>", "</td>", "<tr>", "<pre>", "</pre>", "<", ">", "&", "<?xml ?>",
                                        "<a href=\"x\">", "</a>", "<", "</", "<!"]),
                         REPORT_TEXT.map(lambda t: t[:20])), max_size=30).map("".join),
))
def test_html_converter_never_crashes(page):
    text = htmltext.html_to_text(page)
    assert text == "" or (text.endswith("\n") and not text.endswith("\n\n"))
    assert "\n\n\n" not in text
    files.looks_like_html(page)
    files.looks_like_html(text)


@bounded(100)
@given(REPORT_TEXT.map(lambda t: "".join(t.split())))
def test_one_paragraph_page_gives_back_its_text(text):
    """A paragraph without ASCII whitespace comes back exactly (entities decoded, no-break spaces as spaces)."""
    text = text.replace("\xa0", "").replace("\u3000", "")
    page = f"<!DOCTYPE html><html><body><script>var n = 711.1;</script><p>{html.escape(text)}</p></body></html>"
    assert htmltext.html_to_text(page) == (text + "\n" if text else "")


# --------------------------------------------------------------------------- hostile shapes (issue 15)

INVISIBLE_CHAR = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f",
                                  "\u202a", "\u202e", "\u2066", "\u2069", "\u061c"])


@st.composite
def with_invisible(draw) -> tuple[str, str]:
    """(text, the same text with invisible characters inserted at random places)."""
    text = draw(st.one_of(REPORT_TEXT, mutated_report()))
    dirty = text
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(dirty)))
        dirty = dirty[:i] + draw(INVISIBLE_CHAR) + dirty[i:]
    return text, dirty


def _values(text: str, meta) -> list[tuple]:
    return [(r["value_base"], r["unit_base"], r["measure"]) for r in extract.extract_quantities(text, meta).rows]


@bounded(150)
@given(with_invisible(), META)
def test_invisible_characters_never_change_a_value(pair, meta):
    """Zero-width, BOM, soft hyphen, word joiner and bidi marks anywhere: the same values, exact offsets."""
    text, dirty = pair
    check_invariants(dirty, meta)
    assert _values(dirty, meta) == _values(text, meta)


NUMERAL_RUN = st.tuples(st.sampled_from(list("万亿十百千一二三四五六七八九零两")), st.integers(1, 300)).map(lambda t: t[0] * t[1])


@bounded(100)
@given(st.lists(st.one_of(NUMERAL_RUN, TOKEN), max_size=6).map("".join), META)
def test_numeral_runs_keep_the_invariants(text, meta):
    check_invariants(text, meta)


PROLOGUE = st.lists(st.sampled_from(["<!---->", "<!-- x -->", "<!--\n-->", " ", "\n", "<?xml version='1.0'?>",
                                     "<!-- <html> -->"]), max_size=40).map("".join)


@bounded(200)
@given(PROLOGUE, st.sampled_from(["<!DOCTYPE html>", "<html>", "<HTML lang='zh'>", "增长1.6%", "<!--", "<p>x"]))
def test_html_detection_after_comment_runs(prologue, start):
    """Comments and XML declarations before the first tag, in any number: linear, and the right answer."""
    expected = start.lower().startswith(("<!doctype", "<html"))
    assert files.looks_like_html(prologue + start + "\n增长1.6%") is expected


YAML_PIECE = st.sampled_from([
    "a", "b", "report_id", "genre", ": ", ":", "\n", "  ", "- ", "[", "]", "{", "}", ",", "&x ", "*x", "!!str ",
    "!!python/object:os.system ", "!!binary ", "'q'", '"\\e[31m"', "2020-13-45", "2020-08-02", "2020\n", "null",
    "true", "1e400", "0x1F", "<<: ", "? ", "|\n  x\n", "#", "%YAML 1.1\n", "---\n", "...\n", "\t", "\x00", "\ufeff",
])
YAML_TEXT = st.lists(YAML_PIECE, max_size=40).map("".join)


@bounded(300)
@given(st.one_of(YAML_TEXT, st.text(max_size=100)))
def test_metadata_yaml_gives_plain_values_or_a_one_line_refusal(text):
    from cnreport.core import safeyaml

    try:
        doc = safeyaml.load_metadata_yaml(text.encode("utf-8", "replace"))
    except safeyaml.YamlRefused as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    stack = [doc]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        else:
            assert value is None or isinstance(value, (str, int, float, bool)), repr(value)
