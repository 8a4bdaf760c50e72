"""Decoding reports and reading metadata: the encodings reports come in, and bad input."""

from __future__ import annotations

import pytest

from cnreport.core import files

SAMPLE = "1-6月,完成地区生产总值711.1亿元,同比增长1.6%。\n"


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("gb18030", "gb18030"),
])
def test_decodes_the_encodings_reports_come_in(tmp_path, encoding, expected):
    p = tmp_path / "r.txt"
    p.write_bytes(SAMPLE.encode(encoding))
    rep = files.read_report(p)
    assert rep.text == SAMPLE and rep.encoding == expected


def test_crlf_is_kept_so_offsets_refer_to_the_decoded_text(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes(SAMPLE.replace("\n", "\r\n").encode("utf-8"))
    assert files.read_report(p).text.endswith("。\r\n")


@pytest.mark.parametrize("content, problem", [
    (b"", "empty file"),
    (b"  \n\t\r\n", "no text (whitespace only)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL bytes and no UTF-16 byte-order mark)"),
    (b"\xef\xbb\xbf\xff\xfe abc", "not valid utf-8 despite its byte-order mark (invalid start byte at byte 3)"),
])
def test_bad_content_gives_a_message_naming_the_file(tmp_path, content, problem):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(files.ReportError) as exc:
        files.read_report(p)
    assert str(exc.value) == f"{p}: {problem}"


def test_directory_and_missing_file(tmp_path):
    with pytest.raises(files.ReportError, match="is a directory"):
        files.read_report(tmp_path)
    with pytest.raises(files.ReportError, match="no such file"):
        files.read_report(tmp_path / "absent.txt")


GOOD_META = {"report_id": "x_2020h1", "place_zh": "某区", "place_en": "X District",
             "genre": "plan_report", "period_actual": "2020H1", "script": "simplified"}


@pytest.mark.parametrize("change, message", [
    ({"genre": "novel"}, "metadata field 'genre' is malformed: 'novel'"),
    ({"period_actual": "H1 2020"}, "metadata field 'period_actual' is malformed: 'H1 2020'"),
    ({"report_id": "Tongzhou 2020"}, "metadata field 'report_id' is malformed"),
    ({"published": "Aug 2020"}, "metadata field 'published' is malformed"),
    ({"place_en": None}, "metadata field 'place_zh' no province, prefecture or county of that name"),
    ({"genre": None, "published": "x"}, "metadata field 'genre' is missing (required); metadata field 'published' is malformed"),
])
def test_metadata_fields_are_validated(change, message):
    with pytest.raises(files.ReportError, match=message.replace("(", r"\(").replace(")", r"\)")):
        files.meta_from_mapping({**GOOD_META, **change}, "x.yml")


def test_yaml_years_and_dates_become_text(tmp_path):
    p = tmp_path / "m.yml"
    p.write_text("report_id: x_2020\nplace_zh: 某\nplace_en: X\ngenre: bulletin\nperiod_actual: 2020\n"
                 "script: simplified\npublished: 2021-07-07\n", encoding="utf-8")
    meta = files.read_metadata(p)
    assert meta.period_actual == "2020" and meta.published == "2021-07-07"


def test_malformed_yaml_is_one_line(tmp_path):
    p = tmp_path / "m.yml"
    p.write_text("report_id: [unclosed\n", encoding="utf-8")
    with pytest.raises(files.ReportError) as exc:
        files.read_metadata(p)
    assert "\n" not in str(exc.value) and str(exc.value).startswith(f"{p}: malformed metadata")


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "out.csv"
    files.write_text_atomic(target, "old\n")

    class Boom:
        def get(self, key):
            raise RuntimeError("midway")

    with pytest.raises(RuntimeError):
        files.write_csv(target, [{"a": 1}, Boom()], ["a"])
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_csv_format_is_stable():
    text = files.format_csv([{"a": 71110000000.0, "b": None, "c": "x,y"}, {"a": 1.6, "b": True, "c": ""}], ["a", "b", "c"])
    assert text == 'a,b,c\n71110000000,,"x,y"\n1.6,true,\n'
