"""Reading reports and metadata; writing files atomically.

Disk rules (tests/test_architecture.py enforces the first):

- Every file the package writes goes through this module's atomic writers
  (:func:`write_text_atomic`, :func:`write_bytes_atomic`, :func:`write_csv`), which
  delegate to :mod:`cnreport.core.outputs` (checked target, temporary file, ``os.replace``).
  The modules that decide to write call them: ``clean.dataset.write``,
  ``present.saving.save``, ``present.manifest.write_manifest``, ``present.page`` and the
  ``run`` stage.
- Reports, metadata sidecars and repository CSV tables are read here. The package's
  own data files (word lists, dictionary, labels, templates) are read where they are
  parsed, through :func:`cnreport.core.paths.package_file`.

Every error raised for bad input is a :class:`ReportError` whose message names the
file and the problem in one line.
"""

from __future__ import annotations

import csv
import io as _io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cnreport.core import paths

GENRES = ("plan_report", "gov_work_report", "bulletin", "news")
SCRIPTS = ("simplified", "traditional")


class ReportError(Exception):
    """Bad input: the message names the file and the problem, on one line."""

    def __init__(self, path: Path | str, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{_shown(path)}: {problem}")


def _shown(path: Path | str) -> str:
    return paths.relative(Path(path)) if str(path) not in ("-", "") else str(path)


@dataclass(frozen=True)
class Report:
    """A decoded report.

    Attributes
    ----------
    text : str
        The decoded text exactly as published. All offsets in cnreport are
        Python string indices into this string (CRLF line ends are kept).
    encoding : str
        The codec that decoded the bytes: ``utf-8``, ``utf-8-sig``,
        ``utf-16`` or ``gb18030``.
    path : str
        Where the text was read from (relative to the repository root when inside it).
    """

    text: str
    encoding: str
    path: str


@dataclass(frozen=True)
class ReportMeta:
    """Metadata of one report, from its ``<report_id>.yml`` sidecar.

    ``assumed`` lists what was filled in because no sidecar was given.
    """

    report_id: str
    place_zh: str
    place_en: str
    genre: str
    period_actual: str | None
    period_plan: str | None = None
    script: str = "simplified"
    title: str | None = None
    title_en: str | None = None
    level: str | None = None
    publisher_zh: str | None = None
    publisher_en: str | None = None
    published: str | None = None
    source_url: str | None = None
    encoding: str | None = None
    complete: bool | None = None
    excerpt_note: str | None = None
    assumed: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        """Metadata as a plain dict (for tables and JSON)."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def decode_bytes(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Decode report bytes, trying the encodings Chinese reports come in.

    Order: a BOM decides first (UTF-8 or UTF-16); then strict UTF-8; then GB18030.

    Parameters
    ----------
    data : bytes
        The file content.
    path : Path or str
        Used in error messages only.

    Returns
    -------
    (str, str)
        The decoded text and the encoding used.

    Raises
    ------
    ReportError
        Empty, whitespace-only, binary or undecodable input.
    """
    if not data:
        raise ReportError(path, "empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        text, enc = _strict(data[3:], "utf-8", path, skipped=3), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, enc = _strict(data, "utf-16", path), "utf-16"
    elif b"\x00" in data:
        raise ReportError(path, "binary file (NUL bytes and no UTF-16 byte-order mark)")
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, enc = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                raise ReportError(path, "cannot decode as UTF-8, UTF-16 or GB18030") from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f\v")
    if controls > max(2, len(text) // 100):
        raise ReportError(path, f"binary file ({controls} control characters after decoding as {enc})")
    if not text.strip():
        raise ReportError(path, "no text (whitespace only)")
    return text, enc


def _strict(data: bytes, encoding: str, path: Path | str, skipped: int = 0) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReportError(path, f"not valid {encoding} despite its byte-order mark "
                                f"({exc.reason} at byte {exc.start + skipped})") from None


def read_bytes(path: Path | str) -> bytes:
    """Read a file's bytes, turning OS errors into :class:`ReportError`."""
    p = Path(path)
    if p.is_dir():
        raise ReportError(p, "is a directory, not a report file")
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise ReportError(p, "no such file") from None
    except OSError as exc:
        raise ReportError(p, f"cannot read ({exc.strerror})") from None


def read_report(path: Path | str) -> Report:
    """Read and decode a report file.

    Parameters
    ----------
    path : Path or str
        The report's text file.

    Returns
    -------
    Report
        Text, encoding used and the path as shown to users.

    Raises
    ------
    ReportError
        Missing file, directory, empty, binary or undecodable content, or HTML
        page source (see :func:`looks_like_html`; convert it with
        ``cnreport html2text`` first).
    """
    text, enc = decode_bytes(read_bytes(path), path)
    if looks_like_html(text):
        p = Path(path)
        out = p.with_suffix(".txt") if p.suffix.lower() != ".txt" else p.with_name(f"{p.stem}.text.txt")
        raise ReportError(path, f"looks like an HTML page source, not report text; convert it first: "
                                f"cnreport html2text {_shown(p)} -o {_shown(out)}")
    return Report(text=text, encoding=enc, path=_shown(path))


# a page starts with a doctype or <html>, possibly after an XML declaration or comments
# (found by a scan with str.find, not one regex: a lazy `<!--.*?-->` inside a repeated group
# backtracks exponentially over a run of comments such as `<!----><!---->...`)
_HTML_OPEN = re.compile(r"<(?:!doctype\s+html|html[\s>])", re.I)
_HTML_PROLOGUE = (("<?xml", ">"), ("<!--", "-->"))
# tags of common HTML elements (an HTML fragment copied without <html>)
_HTML_TAG = re.compile(r"</?(?:p|div|span|br|a|img|table|tbody|thead|tr|td|th|ul|ol|li|h[1-6]|font|b|i|u|"
                       r"strong|em|center|script|style|meta|link|head|body|title|section|article|iframe|"
                       r"input|form|hr|sup|sub|label)(?:\s[^<>]*)?/?>", re.I)
_HTML_MIN_TAGS = 5          # a report may quote a stray tag or two
_HTML_CHARS_PER_TAG = 500   # markup is dense: at least one tag per 500 characters


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is HTML page source rather than report text.

    True if it starts with ``<!DOCTYPE html`` or ``<html`` (after an optional XML
    declaration, comments and whitespace), or if it holds at least
    ``_HTML_MIN_TAGS`` tags of common HTML elements and at least one per
    ``_HTML_CHARS_PER_TAG`` characters. Report text has no tags; ``<`` in a
    comparison (``PM2.5<35``) is not a tag.
    """
    if _starts_like_page(text[:4096]):
        return True
    if "<" not in text:
        return False
    tags = sum(1 for _ in _HTML_TAG.finditer(text))
    return tags >= _HTML_MIN_TAGS and tags * _HTML_CHARS_PER_TAG >= len(text)


def _starts_like_page(head: str) -> bool:
    """Whether ``head`` opens with ``<!DOCTYPE html`` or ``<html`` after whitespace, XML
    declarations and comments; each step moves forward, so the scan is linear."""
    pos = 0
    while True:
        while pos < len(head) and head[pos].isspace():
            pos += 1
        for opener, closer in _HTML_PROLOGUE:
            if head.startswith(opener, pos):
                end = head.find(closer, pos + len(opener))
                if end < 0:
                    return False
                pos = end + len(closer)
                break
        else:
            return _HTML_OPEN.match(head, pos) is not None


def read_metadata(source: str | Path) -> ReportMeta:
    """Read a report's metadata sidecar.

    Parameters
    ----------
    source : str or Path
        A report id (looked up in ``data/raw``) or the path of a ``.yml`` file.

    Returns
    -------
    ReportMeta

    Raises
    ------
    ReportError
        Missing file, invalid YAML, or a missing or malformed field (named).
    """
    from cnreport.core import safeyaml

    p = Path(source)
    by_id = p.suffix not in (".yml", ".yaml")
    if by_id:
        p = paths.raw_metadata(str(source))
    if p.is_dir():
        raise ReportError(p, "is a directory, not a metadata file")
    try:
        doc = safeyaml.load_metadata_file(p)      # plain values only; no aliases, tags or deep nesting
    except safeyaml.YamlRefused as exc:
        raise ReportError(p, str(exc)) from None
    except FileNotFoundError:
        raise ReportError(p, "no such file") from None
    except OSError as exc:
        raise ReportError(p, f"cannot read ({exc.strerror})") from None
    if not isinstance(doc, Mapping):
        raise ReportError(p, "malformed metadata (expected a mapping of fields)")
    if by_id and doc.get("report_id") not in (None, "", str(source)):
        raise ReportError(p, f"metadata field 'report_id' is {doc['report_id']!r} but the file is named "
                             f"{p.name!r}; they must agree")
    text = None
    if doc.get("script") is None and p.with_suffix(".txt").exists():
        text = read_report(p.with_suffix(".txt")).text
    return meta_from_mapping(doc, p, text)


def meta_from_mapping(doc: Mapping, path: Path | str = "<metadata>", text: str | None = None) -> ReportMeta:
    """Validate a metadata mapping and build :class:`ReportMeta`, deriving what is left out.

    The rules live in :mod:`cnreport.core.metadata`: only ``report_id``, ``place_zh``,
    ``genre`` and a period are required; ``place_en``, ``level`` and ``script`` (from
    ``text`` when given) are derived and listed in ``assumed``.

    Raises
    ------
    ReportError
        One line naming every bad field of the file.
    """
    from cnreport.core import metadata

    found = metadata.problems(doc)
    if found:
        raise ReportError(path, "; ".join(f"metadata field '{k}' {p}" for k, p in found))
    clean: dict = {}
    for key in ReportMeta.__dataclass_fields__:
        if key == "assumed" or doc.get(key) is None:
            continue
        value = doc[key]
        clean[key] = value if isinstance(value, bool) else str(value)
    if "published" in clean:
        clean["published"] = metadata.normalize_date(doc["published"])
    clean.setdefault("period_actual", None)
    assumed = []
    try:
        if "place_en" not in clean:
            clean["place_en"] = metadata.place_en_from_zh(clean["place_zh"])
            assumed.append(f"place_en = {clean['place_en']!r} (from place_zh)")
    except ReportError as exc:
        raise ReportError(path, f"metadata field 'place_zh' {exc.problem}") from None
    if "level" not in clean:
        from cnreport.core.places import resolve_place

        try:
            clean["level"] = resolve_place(clean["place_zh"]).level
            assumed.append(f"level = {clean['level']!r} (from the division table)")
        except ReportError as exc:
            assumed.append(f"place_zh is not in the division table ({exc.problem}): no province or prefecture comparators")
    if "script" not in clean:
        clean["script"] = metadata.detect_script(text) if text is not None else "simplified"
        assumed.append(f"script = {clean['script']!r} ({'detected from the text' if text is not None else 'default'})")
    return ReportMeta(**clean, assumed=tuple(assumed))


def list_report_ids(raw_dir: Path | None = None) -> list[str]:
    """Report ids in ``data/raw`` (every ``.txt`` with a ``.yml`` beside it), sorted."""
    raw_dir = raw_dir or paths.RAW
    return sorted(p.stem for p in raw_dir.glob("*.txt") if p.with_suffix(".yml").exists())


def write_text_atomic(path: Path | str, text: str) -> None:
    """Write UTF-8 text (no BOM, ``\\n`` line ends) atomically.

    The text goes to a temporary file in the same folder, which then replaces
    ``path`` with :func:`os.replace`, so a failure leaves any earlier file intact.
    """
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path | str, data: bytes) -> None:
    """Write bytes atomically (temporary file in the same folder, then ``os.replace``).

    Only a regular file is ever replaced, and it keeps its permission bits; see
    :func:`cnreport.core.outputs.write_outputs`.

    Raises
    ------
    ReportError
        ``path`` is a folder, link or device, or cannot be written.
    """
    from cnreport.core import outputs

    outputs.write_outputs([(Path(path), data)])


def format_csv(rows: Iterable[Mapping], columns: Sequence[str]) -> str:
    """Render rows as CSV text: header, ``\\n`` line ends, empty cell for None."""
    buf = _io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else _cell(row.get(c)) for c in columns])
    return buf.getvalue()


def _cell(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def format_number(value: float | int) -> str:
    """Shortest exact decimal form: 71110000000.0 -> '71110000000', 1.6 -> '1.6'."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e17:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def format_json(rows: Iterable[Mapping], columns: Sequence[str]) -> str:
    """Render rows as a JSON array of objects, keys in ``columns`` order."""
    out = [{c: row.get(c) for c in columns} for row in rows]
    return json.dumps(out, ensure_ascii=False, indent=1) + "\n"


def write_csv(path: Path | str, rows: Iterable[Mapping], columns: Sequence[str]) -> None:
    """Write rows as UTF-8 CSV atomically (see :func:`format_csv`)."""
    write_text_atomic(path, format_csv(rows, columns))


def read_csv_rows(path: Path | str) -> list[dict]:
    """Read a UTF-8 CSV into a list of dicts of strings (no pandas needed)."""
    text = read_bytes(path).decode("utf-8-sig")
    return list(csv.DictReader(_io.StringIO(text)))
