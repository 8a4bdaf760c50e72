"""Reading reports and metadata; writing files atomically.

Disk rules (tests/test_architecture.py enforces the first):

- Every file the package writes is written by this module's atomic writers
  (:func:`write_text_atomic`, :func:`write_bytes_atomic`, :func:`write_csv`). The
  modules that decide to write call them: ``clean.dataset.write``,
  ``present.style.save``, ``present.figures.write_manifest`` and the ``run`` stage.
- Reports, metadata sidecars and repository CSV tables are read here. The package's
  own word lists and dictionary are read where they are parsed (``core.lexicon``,
  ``clean.mapping``, ``clean.directions``) through :func:`cnreport.core.paths.package_file`.

Every error raised for bad input is a :class:`ReportError` whose message names the
file and the problem in one line.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io as _io
import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cnreport.core import paths

GENRES = ("plan_report", "gov_work_report", "bulletin", "news")
SCRIPTS = ("simplified", "traditional")
_PERIOD_RE = re.compile(r"^\d{4}(H[12]|Q[1-4])?$")
_REQUIRED_META = ("report_id", "place_zh", "place_en", "genre", "period_actual", "script")


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
    period_actual: str
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
_HTML_START = re.compile(r"(?:\s|<\?xml[^>]*>|<!--.*?-->)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
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
    if _HTML_START.match(text, 0, 4096):
        return True
    if "<" not in text:
        return False
    tags = sum(1 for _ in _HTML_TAG.finditer(text))
    return tags >= _HTML_MIN_TAGS and tags * _HTML_CHARS_PER_TAG >= len(text)


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
    import yaml  # imported here: the CLI's start-up should not pay for it unless needed

    p = Path(source)
    if p.suffix not in (".yml", ".yaml"):
        p = paths.raw_metadata(str(source))
    raw = read_bytes(p)
    try:
        doc = yaml.safe_load(raw.decode("utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ReportError(p, f"malformed metadata ({first})") from None
    if not isinstance(doc, Mapping):
        raise ReportError(p, "malformed metadata (expected a mapping of fields)")
    return meta_from_mapping(doc, p)


def meta_from_mapping(doc: Mapping, path: Path | str = "<metadata>") -> ReportMeta:
    """Validate a metadata mapping and build :class:`ReportMeta`.

    Raises
    ------
    ReportError
        A required field is missing or a field has the wrong form.
    """
    for key in _REQUIRED_META:
        if doc.get(key) in (None, ""):
            raise ReportError(path, f"metadata field '{key}' is missing")
    clean: dict = {}
    for key in ReportMeta.__dataclass_fields__:
        if key == "assumed" or key not in doc:
            continue
        value = doc[key]
        if isinstance(value, (_dt.date, _dt.datetime)):
            value = value.isoformat()
        elif isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        clean[key] = value
    if not re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", str(clean["report_id"])):
        raise ReportError(path, f"metadata field 'report_id' is malformed: {clean['report_id']!r} (lowercase place_period)")
    for key in ("period_actual", "period_plan"):
        v = clean.get(key)
        if v is not None and not _PERIOD_RE.match(str(v)):
            raise ReportError(path, f"metadata field '{key}' is malformed: {v!r} (expected 2020, 2020H1 or 2020Q2)")
    if clean["genre"] not in GENRES:
        raise ReportError(path, f"metadata field 'genre' is malformed: {clean['genre']!r} (one of {', '.join(GENRES)})")
    if clean.get("script", "simplified") not in SCRIPTS:
        raise ReportError(path, f"metadata field 'script' is malformed: {clean['script']!r} (simplified or traditional)")
    pub = clean.get("published")
    if pub is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(pub)):
        raise ReportError(path, f"metadata field 'published' is malformed: {pub!r} (ISO date or null)")
    if "complete" in clean and clean["complete"] is not None and not isinstance(clean["complete"], bool):
        raise ReportError(path, "metadata field 'complete' is malformed (true, false or null)")
    for key, v in clean.items():
        if v is not None and key != "complete" and not isinstance(v, str):
            raise ReportError(path, f"metadata field '{key}' is malformed (expected text)")
    return ReportMeta(**clean)


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
    """Write bytes atomically (temporary file in the same folder, then ``os.replace``)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


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
