"""The corpus job: every report of a folder or manifest into one partitioned Parquet dataset, on Dask.

``cnreport corpus SOURCE --out DATASET`` (see :func:`run_corpus`). The work runs
on a Dask cluster: by default a ``LocalCluster`` with one single-threaded worker
process per core (extraction is pure Python, so threads would not help), or a
running cluster given by its scheduler address. Reports go to the workers in
batches (per-task overhead would otherwise dominate at about a millisecond per
report); the workers read the files themselves, so a task carries only paths.

The dataset::

    DATASET/province_code=32/year=2020/part-0.parquet   facts, one file per partition
    DATASET/reports.parquet                             one row per input (ok or failed, counts)
    DATASET/manifest.json                               versions, every input with its hash, counts, failures
    DATASET/_staging/                                   per-batch results (the resume state)

Partition keys are ASCII: the two-digit province division code (``unknown`` when
the place cannot be resolved) and the year of the report's period (``unknown``
when neither metadata nor text gives it). A finished batch is committed by its
marker in ``_staging/batches``; a re-run skips every input whose text and
metadata hashes are already committed with the same package and dictionary
versions, then rewrites each partition from the staged batches, sorted by input
path and offset. So the output depends only on the inputs, never on batching or
on where a killed run stopped.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import pyarrow as pa

from cnreport.core import files
from cnreport.core.files import ReportError
from cnreport.run import corpus_work as work

log = logging.getLogger(__name__)
DEFAULT_BATCH_SIZE = 200
# Test hook: the driver kills itself (SIGKILL, no clean-up) after this many batches of a run.
KILL_AFTER_ENV = "CNREPORT_CORPUS_KILL_AFTER"
REPORTS_SCHEMA = pa.schema([
    ("input_path", pa.string()), ("input_sha256", pa.string()), ("meta_sha256", pa.string()),
    ("status", pa.string()), ("reason", pa.string()), ("report_id", pa.string()), ("encoding", pa.string()),
    ("place_zh", pa.string()), ("province_code", pa.string()), ("year", pa.string()),
    ("period_actual", pa.string()), ("genre", pa.string()), ("inferred", pa.string()),
    *[(c, pa.int64()) for c in work.COUNTS],
])


@dataclass(frozen=True)
class Input:
    """One corpus input: its path as recorded, the file, its metadata sidecar (or None) and hashes."""

    input_path: str
    path: str
    meta_path: str | None
    sha256: str | None = None
    meta_sha256: str | None = None

    @property
    def key(self) -> tuple:
        return self.input_path, self.sha256, self.meta_sha256


def list_inputs(source: Path) -> list[Input]:
    """The inputs of a folder (every ``*.txt`` below it, ``.yml`` beside) or of a manifest CSV.

    A manifest has a ``path`` column and optionally ``meta``; relative paths are
    relative to the manifest's folder. Inputs are sorted by recorded path.

    Raises
    ------
    ReportError
        The source does not exist, or the manifest lacks a ``path`` column or repeats a path.
    """
    source = Path(source)
    if source.is_dir():
        found = []
        for p in sorted(source.rglob("*.txt")):
            rel = p.relative_to(source)
            if any(part.startswith((".", "_")) for part in rel.parts):
                continue
            meta = p.with_suffix(".yml")
            found.append(Input(rel.as_posix(), str(p), str(meta) if meta.exists() else None))
        return found
    rows = files.read_csv_rows(source)
    if not rows or "path" not in rows[0]:
        raise ReportError(source, "a corpus manifest needs a 'path' column (and optionally 'meta')")
    out = {}
    for line, row in enumerate(rows, start=2):
        rel = row["path"].strip()
        if rel in out:
            raise ReportError(source, f"line {line}: path {rel!r} is listed twice")
        meta = (row.get("meta") or "").strip()
        out[rel] = Input(rel, str(source.parent / rel), str(source.parent / meta) if meta else None)
    return [out[k] for k in sorted(out)]


def hash_inputs(inputs: list[Input]) -> list[Input]:
    """The inputs with the SHA-256 of their text and metadata bytes (None where unreadable)."""
    sha = work.file_sha256
    return [Input(i.input_path, i.path, i.meta_path, sha(i.path), sha(i.meta_path) if i.meta_path else None)
            for i in inputs]


def committed(dataset: Path) -> dict[tuple, tuple[str, dict]]:
    """Reports already done: ``(input_path, sha256, meta_sha256) -> (batch_id, record)``.

    Only markers written by the same package, dictionary and word lists count. Where
    two batches hold one report (a batch killed after its marker, then re-planned),
    the smaller batch id wins, so the choice never depends on timing.
    """
    current, done = work.versions(), {}
    for marker in sorted((work.staging_dir(dataset) / "batches").glob("b-*.json")):
        doc = json.loads(marker.read_text(encoding="utf-8"))
        if any(doc.get(k) != v for k, v in current.items()):
            continue
        staged: dict[tuple, int] = {}  # ok reports per partition in this batch's staged files
        for rec in doc["reports"]:
            if rec["status"] == "ok":
                part = (rec["province_code"], rec["year"])
                staged[part] = staged.get(part, 0) + 1
        for rec in doc["reports"]:
            key = (rec["input_path"], rec["input_sha256"], rec.get("meta_sha256"))
            done.setdefault(key, (doc["batch_id"], {**rec, "_staged": staged}))
    return done


def plan_batches(pending: list[Input], batch_size: int) -> list[tuple[str, list[Input]]]:
    """Pending inputs in consecutive batches, each named by a hash of its inputs' keys."""
    out = []
    for i in range(0, len(pending), batch_size):
        chunk = pending[i:i + batch_size]
        batch_id = hashlib.sha256(repr([x.key for x in chunk]).encode()).hexdigest()[:16]
        out.append((batch_id, chunk))
    return out


@dataclass
class Summary:
    """What a corpus run did: report and fact counts, partitions, batches run and skipped, timing."""

    reports: int
    ok: int
    failed: int
    facts: int
    partitions: int
    batches_run: int
    reports_skipped: int
    seconds: float
    dashboard: str | None


def run_corpus(source: Path, dataset: Path, scheduler: str | None = None, workers: int | None = None,
               batch_size: int = DEFAULT_BATCH_SIZE, quiet: bool = False, stream: TextIO | None = None) -> Summary:
    """Extract and map every report of ``source`` into the Parquet dataset ``dataset``.

    Parameters
    ----------
    source : Path
        A folder of reports (``*.txt``, ``.yml`` sidecars optional) or a manifest CSV.
    dataset : Path
        The output folder (created; every worker must be able to read the inputs and write here).
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:8786``); default: a LocalCluster.
    workers : int, optional
        Worker processes of the LocalCluster (default: one per core).
    batch_size : int
        Reports per Dask task.
    quiet : bool
        No progress bar or dashboard link.
    stream : text stream, optional
        Where progress goes (default: stderr).

    Returns
    -------
    Summary

    Raises
    ------
    ReportError
        Bad source or manifest. A bad report never raises: it is recorded as failed.
    """
    from dask.distributed import Client, LocalCluster

    stream = stream or sys.stderr
    dataset = Path(dataset)
    start = time.perf_counter()
    inputs = hash_inputs(list_inputs(Path(source)))
    _remove_temporaries(dataset)
    done = committed(dataset)
    pending = [i for i in inputs if i.key not in done]
    batches = plan_batches(pending, max(1, batch_size))
    cluster = None if scheduler else LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                                  processes=True, dashboard_address="127.0.0.1:0",
                                                  silence_logs=logging.ERROR)
    try:
        with Client(scheduler or cluster) as client:
            dashboard = client.dashboard_link if _has_dashboard(client) else None
            if not quiet and dashboard:
                print(f"cnreport: corpus: Dask dashboard {dashboard}", file=stream)
            _run_batches(client, batches, dataset, len(pending), None if quiet else stream)
            done = committed(dataset)
            current = [done.get(i.key) or _changed(i) for i in inputs]
            parts = _compact(client, dataset, inputs, current)
    finally:
        if cluster is not None:
            cluster.close()
    records = [{k: v for k, v in rec.items() if k != "_staged"} for _, rec in current]
    _write_reports(dataset, source, inputs, records, parts)
    _remove_unreferenced(dataset, {bid for bid, _ in current}, set(parts))
    ok = sum(1 for r in records if r["status"] == "ok")
    return Summary(len(inputs), ok, len(inputs) - ok, sum(parts.values()), len(parts), len(batches),
                   len(inputs) - len(pending), time.perf_counter() - start, dashboard)


def _changed(i: Input) -> tuple[str, dict]:
    """The record of an input whose file changed while the run read it (run again to include it)."""
    return "", {"input_path": i.input_path, "input_sha256": i.sha256, "meta_sha256": i.meta_sha256,
                "status": "failed", "reason": "file changed during the run; run again"}


def _has_dashboard(client) -> bool:
    try:
        return bool(client.scheduler_info().get("services", {}).get("dashboard"))
    except Exception:  # a missing dashboard is not an error
        return False


def _run_batches(client, batches, dataset: Path, n_reports: int, stream: TextIO | None) -> None:
    from dask.distributed import as_completed

    kill_after = int(os.environ.get(KILL_AFTER_ENV, "0") or 0)
    futures = [client.submit(work.process_batch, bid, [(i.path, i.meta_path, i.input_path) for i in items],
                             str(dataset), key=f"cnreport-batch-{bid}", pure=False) for bid, items in batches]
    bar = _Progress(n_reports, stream)
    for n, future in enumerate(as_completed(futures), start=1):
        bar.update(len(future.result()))
        if kill_after and n >= kill_after:
            os.kill(os.getpid(), signal.SIGKILL)
    bar.close()


class _Progress:
    """A one-line progress bar on a terminal (a line per tenth otherwise); silent without a stream."""

    def __init__(self, total: int, stream: TextIO | None):
        self.total, self.done, self.stream, self.start = total, 0, stream, time.perf_counter()
        self.tty = bool(stream and getattr(stream, "isatty", lambda: False)())
        self.last_tenth = -1

    def update(self, n: int) -> None:
        self.done += n
        if self.stream is None or not self.total:
            return
        frac = self.done / self.total
        rate = self.done / max(time.perf_counter() - self.start, 1e-9)
        line = f"[{'#' * int(30 * frac):<30}] {self.done}/{self.total} reports, {rate:,.0f} reports/s"
        if self.tty:
            self.stream.write(f"\r{line}")
            self.stream.flush()
        elif int(frac * 10) > self.last_tenth:
            self.last_tenth = int(frac * 10)
            print(line, file=self.stream)

    def close(self) -> None:
        if self.tty and self.total:
            self.stream.write("\n")


def _compact(client, dataset: Path, inputs: list[Input], current: list[tuple[str, dict]]) -> dict[tuple, int]:
    """Rewrite every partition from the staged batches (one Dask task per partition); rows per partition."""
    plan: dict[tuple, dict[str, list[str]]] = {}
    staged: dict[tuple, int] = {}
    for batch_id, rec in current:
        if rec["status"] == "ok":
            part = (rec["province_code"], rec["year"])
            plan.setdefault(part, {}).setdefault(batch_id, []).append(rec["input_path"])
            staged[(batch_id, part)] = rec["_staged"][part]
    keys = sorted(plan)
    futures = [client.submit(work.compact_partition, str(dataset), code, year,
                             _sources(plan[(code, year)], staged, (code, year)), pure=False) for code, year in keys]
    return dict(zip(keys, client.gather(futures), strict=True))


def _sources(batches: dict[str, list[str]], staged: dict[tuple, int], part: tuple) -> list[tuple[str, list[str] | None]]:
    """A partition's staged batches in order of their first input; ``None`` where every staged report is current.

    A staged file is sorted (:data:`corpus_work.SORT_KEYS`), so when the batches' input
    ranges do not overlap (always, in a run that was not interrupted), their concatenation
    in this order is already sorted, and a batch whose reports are all current needs no filter.
    """
    ordered = sorted(batches.items(), key=lambda kv: min(kv[1]))
    return [(bid, None if len(inputs) == staged[(bid, part)] else sorted(inputs)) for bid, inputs in ordered]


def _write_reports(dataset: Path, source: Path, inputs: list[Input], records: list[dict], parts: dict) -> None:
    """Write ``reports.parquet`` and ``manifest.json`` (no timestamps: same inputs, same bytes)."""
    rows = [{**{f.name: None for f in REPORTS_SCHEMA}, **rec, "meta_sha256": i.meta_sha256}
            for i, rec in zip(inputs, records, strict=True)]
    table = pa.Table.from_pylist([{f.name: r[f.name] for f in REPORTS_SCHEMA} for r in rows], schema=REPORTS_SCHEMA)
    files.write_bytes_atomic(dataset / "reports.parquet", work.parquet_bytes(table))
    failures: dict[str, int] = {}
    for r in rows:
        if r["status"] != "ok":
            failures[r["reason"]] = failures.get(r["reason"], 0) + 1
    manifest = {
        **work.versions(), "source": Path(source).name,
        "partition_keys": {"province_code": "two-digit province division code, or unknown",
                           "year": "year of the report's period, or unknown"},
        "reports": len(rows), "ok": sum(1 for r in rows if r["status"] == "ok"),
        "failed": sum(1 for r in rows if r["status"] != "ok"), "facts": sum(parts.values()),
        "inferred": sum(1 for r in rows if r["inferred"]),
        "partitions": [{"province_code": c, "year": y, "facts": parts[(c, y)]} for c, y in sorted(parts)],
        "failure_reasons": dict(sorted(failures.items())),
        "inputs": [{k: r[k] for k in ("input_path", "input_sha256", "meta_sha256", "status", "reason", "report_id",
                                      "province_code", "year", "period_actual", "inferred", *work.COUNTS)}
                   for r in rows],
    }
    files.write_text_atomic(dataset / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")


def _remove_temporaries(dataset: Path) -> None:
    """Delete temporary files left by a killed run (``.<name>.<random>.tmp`` from the atomic writes)."""
    for tmp in dataset.rglob(".*.tmp") if dataset.exists() else ():
        tmp.unlink()


def _remove_unreferenced(dataset: Path, batch_ids: set[str], parts: set[tuple]) -> None:
    """Drop staged batches no current input refers to, and partitions that no longer have reports."""
    staging = work.staging_dir(dataset)
    for staged in staging.rglob("b-*.*"):
        if staged.name.split(".")[0][2:] not in batch_ids:
            staged.unlink()
    for part in dataset.glob("province_code=*/year=*/part-0.parquet"):
        code, year = part.parent.parent.name.split("=", 1)[1], part.parent.name.split("=", 1)[1]
        if (code, year) not in parts:
            part.unlink()
    for folder in sorted(dataset.rglob("*"), key=lambda p: -len(p.parts)):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def format_summary(summary: Summary, dataset: Path) -> str:
    """The one-line summary the CLI prints."""
    return (f"cnreport: corpus: {summary.reports} reports ({summary.ok} ok, {summary.failed} failed; "
            f"{summary.reports_skipped} already done), {summary.facts} facts in {summary.partitions} partitions; "
            f"{summary.batches_run} batches in {summary.seconds:.1f} s -> {dataset}")
