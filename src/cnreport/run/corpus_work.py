"""The corpus job's work on a worker: one batch of reports in, staged Parquet out.

Everything here runs inside a Dask worker and needs only the core install (the
wheel with its word lists and dictionary, plus pyarrow). The indicator dictionary
and the word lists are loaded once per worker process (``lru_cache``), never
shipped with a task: a task carries only file paths.

A batch writes, under ``<dataset>/_staging/``, one Parquet file per partition it
touches (``province_code=<pc>/year=<y>/b-<batch>.parquet``) and then, last, its
marker ``batches/b-<batch>.json`` with one record per report. The marker is the
commit: a batch without one is not done, and its files are overwritten by the
next run. Every file is written atomically.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from cnreport import __version__, clean, extract
from cnreport.core import files, paths
from cnreport.core.files import ReportError, ReportMeta
from cnreport.core.places import resolve_place
from cnreport.run import corpus_infer

UNKNOWN = "unknown"
PARTITION_KEYS = ("province_code", "year")
# One explicit schema for every file, so that a column that is all empty in one
# partition (all null) is still a string column and partitions never conflict.
SCHEMA = pa.schema([
    ("input_path", pa.string()), ("input_sha256", pa.string()), ("report_id", pa.string()),
    ("place_zh", pa.string()), ("place_en", pa.string()), ("genre", pa.string()),
    ("period_actual", pa.string()), ("inferred", pa.string()),
    ("period", pa.string()), ("status", pa.string()), ("indicator_id", pa.string()),
    ("indicator_en", pa.string()), ("indicator_zh", pa.string()), ("sector", pa.string()),
    ("measure", pa.string()), ("value", pa.float64()), ("value_high", pa.float64()), ("unit", pa.string()),
    ("qualifier", pa.string()), ("source_start", pa.int64()), ("source_end", pa.int64()),
    ("source_text", pa.string()), ("section", pa.string()), ("subject", pa.string()),
    ("indicator_phrase", pa.string()),
    ("mapping", pa.string()), ("split", pa.string()), ("value_as_written", pa.string()),
    ("unit_as_written", pa.string()),
])
SORT_KEYS = [("input_path", "ascending"), ("source_start", "ascending"), ("source_end", "ascending"),
             ("indicator_id", "ascending"), ("indicator_phrase", "ascending")]
# Per-report counts recorded in the run manifest.
COUNTS = ("extracted", "excluded", "facts", "mapped", "unmapped")
_REPORT_ID = re.compile(r"[a-z0-9]+(_[a-z0-9]+)*")


@lru_cache(maxsize=1)
def dictionary() -> clean.Dictionary:
    """The indicator dictionary, read once per worker process."""
    return clean.read_dictionary()


@lru_cache(maxsize=1)
def versions() -> dict:
    """Package version and content hashes of the dictionary and word lists (what a result depends on)."""
    digest = hashlib.sha256()
    for name in ("cues.csv", "directions.csv", "magnitudes.csv", "unit_overrides.csv", "units.csv"):
        digest.update(paths.package_file("cnreport.core", "lexicon", name).read_bytes())
    return {"cnreport": __version__,
            "dictionary_sha256": hashlib.sha256(paths.package_file("cnreport.clean", "dictionary",
                                                                   "indicators.csv").read_bytes()).hexdigest(),
            "lexicon_sha256": digest.hexdigest()}


@lru_cache(maxsize=4096)
def province_code(place_zh: str | None) -> str:
    """The two-digit province division code of a place, or ``"unknown"``.

    The one place where the corpus job resolves a place name; it uses
    :func:`cnreport.core.places.resolve_place` (the national division-code table of
    the ``cpca`` package). "江苏省南通市通州区" -> ``"32"``. A name it cannot resolve
    gives ``"unknown"``, never a guess and never a Chinese partition name: "通州区"
    alone is in Beijing and in Nantong, so it is ``"unknown"``.
    """
    if not place_zh:
        return UNKNOWN
    try:
        code = resolve_place(place_zh).province_code
    except (LookupError, ValueError, ReportError):
        return UNKNOWN
    return code if code and re.fullmatch(r"\d{2}", str(code)) else UNKNOWN


def file_sha256(path: str) -> str | None:
    """SHA-256 of a file's bytes (hex), or None when it cannot be read."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def year_of(period: str | None) -> str:
    """The partition year of a report period ("2020H1" -> "2020"), or ``"unknown"``."""
    return period[:4] if period and re.fullmatch(r"\d{4}(H[12]|Q[1-4])?", period) else UNKNOWN


def read_input(path: str, meta_path: str | None, input_path: str) -> tuple[str, str, str, ReportMeta, list[str]]:
    """Read one corpus input: text, its SHA-256, encoding, metadata and what was inferred.

    A sidecar, when given, must be valid (:func:`cnreport.core.files.read_metadata`).
    Without one, place, period and genre come from the text
    (:func:`cnreport.run.corpus_infer.infer_report_facts`) and are listed as inferred.

    Raises
    ------
    ReportError
        Unreadable, undecodable or HTML input; bad metadata; text with no Chinese
        characters (not a report).
    """
    data = files.read_bytes(path)
    sha = hashlib.sha256(data).hexdigest()
    text, encoding = files.decode_bytes(data, path)
    if files.looks_like_html(text):
        raise ReportError(path, "looks like an HTML page source, not report text (convert it with cnreport html2text)")
    if not re.search(r"[\u3400-\u9fff]", text):
        raise ReportError(path, "not a report: no Chinese characters")
    if meta_path:
        return text, sha, encoding, read_sidecar(meta_path), []
    found = corpus_infer.infer_report_facts(text)
    stem = Path(input_path).stem.lower().replace("-", "_")
    rid = stem if _REPORT_ID.fullmatch(stem) else f"r_{sha[:12]}"
    inferred = [k for k, v in (("place", found.place_zh), ("period", found.period), ("genre", found.genre)) if v]
    meta = ReportMeta(report_id=rid, place_zh=found.place_zh or "", place_en="", genre=found.genre or "",
                      period_actual=found.period or "", assumed=tuple(inferred))
    return text, sha, encoding, meta, inferred


def read_sidecar(path: str) -> ReportMeta:
    """Read a metadata sidecar exactly as :func:`cnreport.core.files.read_metadata` does (the safe loader:
    no aliases, tags or deep nesting; every field checked).

    Raises
    ------
    ReportError
        Unreadable file, refused or invalid YAML, or a missing or malformed field.
    """
    return files.read_metadata(path)


def process_report(path: str, meta_path: str | None, input_path: str) -> tuple[dict, list[dict]]:
    """Extract and map one report; never raises.

    Returns
    -------
    (dict, list of dict)
        The report's record for the manifest (status ``ok`` or ``failed`` with a
        one-line ``reason``) and its facts (rows of :data:`SCHEMA`, without the partition keys).
    """
    record = {"input_path": input_path, "input_sha256": file_sha256(path),
              "meta_sha256": file_sha256(meta_path) if meta_path else None, "status": "failed", "reason": None}
    try:
        text, sha, encoding, meta, inferred = read_input(path, meta_path, input_path)
    except ReportError as exc:
        return {**record, "reason": exc.problem}, []
    except Exception as exc:  # any surprise is recorded, never stops the run
        return {**record, "reason": f"internal error: {type(exc).__name__}: {exc}"}, []
    try:
        result = extract.extract_quantities(text, meta if meta.period_actual else None)
        facts = map_facts(result.rows, text, meta)
    except Exception as exc:
        return {**record, "reason": f"internal error: {type(exc).__name__}: {exc}"}, []
    mapped = sum(1 for f in facts if f["indicator_id"])
    record.update(status="ok", encoding=encoding, report_id=meta.report_id, place_zh=meta.place_zh or None,
                  province_code=province_code(meta.place_zh), year=year_of(meta.period_actual),
                  period_actual=meta.period_actual or None, genre=meta.genre or None, inferred=",".join(inferred) or None,
                  extracted=len(result.rows), excluded=len(result.excluded), facts=len(facts), mapped=mapped,
                  unmapped=len(facts) - mapped)
    extra = {"input_path": input_path, "input_sha256": sha, "period_actual": meta.period_actual,
             "inferred": ",".join(inferred)}
    return record, [{**f, **extra} for f in facts]


def map_facts(rows: list[dict], text: str, meta: ReportMeta) -> list[dict]:
    """Extracted rows of one report to facts: the corpus job's one call into the clean stage."""
    return clean.map_report(rows, text, meta, dictionary(), [])


def facts_table(facts: list[dict]) -> pa.Table:
    """Facts as an Arrow table of :data:`SCHEMA`; empty text becomes null, numbers are parsed."""
    cols = {}
    for field in SCHEMA:
        values = [f.get(field.name) for f in facts]
        if pa.types.is_floating(field.type):
            values = [float(v) if v not in (None, "") else None for v in values]
        elif pa.types.is_string(field.type):
            values = [v if v not in (None, "") else None for v in values]
        cols[field.name] = pa.array(values, type=field.type)
    return pa.Table.from_pydict(cols, schema=SCHEMA)


def parquet_bytes(table: pa.Table) -> bytes:
    """The Parquet file of ``table`` (zstd, one row group per 128k rows), as bytes."""
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd", row_group_size=131072)
    return buf.getvalue()


def staging_dir(dataset: Path) -> Path:
    """The staging folder of a dataset."""
    return Path(dataset) / "_staging"


def marker_path(dataset: Path, batch_id: str) -> Path:
    """The commit marker of a batch."""
    return staging_dir(dataset) / "batches" / f"b-{batch_id}.json"


def partition_dir(root: Path, code: str, year: str) -> Path:
    """``root/province_code=<code>/year=<year>`` (hive style, ASCII only)."""
    return Path(root) / f"province_code={code}" / f"year={year}"


def process_batch(batch_id: str, items: list[tuple[str, str | None, str]], dataset: str) -> list[dict]:
    """Process one batch of reports and stage its results (runs on a worker).

    Parameters
    ----------
    batch_id : str
        Names the staged files and the marker.
    items : list of (path, meta_path, input_path)
        The report file, its metadata sidecar or None, and its path as recorded.
    dataset : str
        The dataset folder (readable and writable by every worker).

    Returns
    -------
    list of dict
        One manifest record per report, as also written to the batch marker.
    """
    records, by_part = [], {}
    for path, meta_path, input_path in items:
        record, facts = process_report(path, meta_path, input_path)
        records.append(record)
        if record["status"] == "ok":
            by_part.setdefault((record["province_code"], record["year"]), []).extend(facts)
    for (code, year), facts in sorted(by_part.items()):
        target = partition_dir(staging_dir(Path(dataset)), code, year) / f"b-{batch_id}.parquet"
        files.write_bytes_atomic(target, parquet_bytes(facts_table(facts).sort_by(SORT_KEYS)))
    marker = {"batch_id": batch_id, **versions(), "reports": records}
    files.write_text_atomic(marker_path(Path(dataset), batch_id), json.dumps(marker, ensure_ascii=False) + "\n")
    return records


def compact_partition(dataset: str, code: str, year: str, sources: list[tuple[str, list[str] | None]]) -> int:
    """Write one partition's final file from the staged batches (runs on a worker).

    Parameters
    ----------
    dataset : str
        The dataset folder.
    code, year : str
        The partition keys (province code, year).
    sources : list of (batch_id, input paths or None)
        Which batch holds the current result of which reports (None: all of its
        staged rows), in order of each batch's first input path.

    Returns
    -------
    int
        Rows written to ``province_code=<code>/year=<year>/part-0.parquet``, sorted by
        :data:`SORT_KEYS`: the file depends only on the reports, never on how they were batched.
    """
    tables = []
    for batch_id, inputs in sources:
        staged = partition_dir(staging_dir(Path(dataset)), code, year) / f"b-{batch_id}.parquet"
        table = pq.read_table(staged, schema=SCHEMA)
        if inputs is not None:
            table = table.filter(pc.is_in(table["input_path"], value_set=pa.array(inputs, type=pa.string())))
        tables.append(table)
    table = pa.concat_tables(tables) if tables else SCHEMA.empty_table()
    if not _is_sorted(table):
        table = table.sort_by(SORT_KEYS)
    files.write_bytes_atomic(partition_dir(Path(dataset), code, year) / "part-0.parquet", parquet_bytes(table))
    return table.num_rows


def _is_sorted(table: pa.Table) -> bool:
    """Whether the input paths never go down from one row to the next (staged files are sorted within)."""
    paths_ = table["input_path"].combine_chunks()
    if len(paths_) < 2:
        return True
    return not pc.any(pc.less(paths_[1:], paths_[:-1])).as_py()
