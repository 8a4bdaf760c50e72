"""Headings and sentences found from the numbering of Chinese reports."""

from __future__ import annotations

from cnreport.core import structure


def test_flagship_parts_and_sections(flagship_text):
    secs = structure.find_sections(flagship_text)
    assert [s.path for s in secs] == ["一", "一/(一)", "一/(二)", "一/(三)", "一/(四)", "一/(五)",
                                      "二", "二/(一)", "二/(二)", "二/(三)", "二/(四)", "二/(五)", "二/(六)"]
    part1, part2 = secs[0], secs[6]
    assert flagship_text[part1.start:part1.start + 2] == "一、"
    assert flagship_text[part2.start:part2.heading_end] == "二、下半年国民经济和社会发展的主要任务与工作措施"
    assert part1.end == part2.start and part2.end == len(flagship_text)
    assert secs[1].title == "重点产业有效支撑,经济基本盘趋稳回暖"
    assert flagship_text[secs[1].start:secs[1].start + 3] == "(一)"


def test_item_headings_nest_and_full_width_parentheses():
    text = "一、总体\n（一）主要指标\n1.工业。增长5%。\n2、服务业。\n（二）任务\n二、计划\n"
    paths = [(s.path, s.title) for s in structure.find_sections(text)]
    assert paths == [("一", "总体"), ("一/(一)", "主要指标"), ("一/(一)/1", "工业"),
                     ("一/(一)/2", "服务业"), ("一/(二)", "任务"), ("二", "计划")]


def test_numbers_at_line_start_are_not_headings():
    text = "1-6月,完成产值5亿元。\n1.6%的增幅。\n"
    assert structure.find_sections(text) == []


def test_section_at_picks_innermost(flagship_text):
    secs = structure.find_sections(flagship_text)
    off = flagship_text.index("711.1亿元")
    assert structure.section_at(secs, off).path == "一"
    off = flagship_text.index("新增城镇就业8500人")
    assert structure.section_at(secs, off).path == "二/(六)"
    assert structure.section_at(secs, 0) is None


def test_sentence_spans_cover_text_without_overlap():
    text = "一、总体\n今年以来,经济回升。增长1.6%;收入35.1亿元!\n\n  末句"
    spans = structure.sentence_spans(text)
    assert [text[a:b] for a, b in spans] == ["一、总体", "今年以来,经济回升。", "增长1.6%;", "收入35.1亿元!", "末句"]


def test_headings_after_lone_carriage_returns(flagship_text):
    """Old Mac line ends ("\\r" alone) still start lines: the same headings, shifted by nothing."""
    cr = flagship_text.replace("\n", "\r")
    assert [(s.path, s.start, s.end) for s in structure.find_sections(cr)] == \
           [(s.path, s.start, s.end) for s in structure.find_sections(flagship_text)]
