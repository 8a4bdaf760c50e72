"""`cnreport run <report_id>`: the whole analysis for one report, into ``output/<report_id>/``.

Steps, each printed with its time: check every metadata file of ``data/raw/`` (a bad file
stops the run before any work, naming every bad field, with nothing written); extract the
report's quantities; clean every report into the dataset (the cross-district view needs
them all); the quality summary; notebooks 03 and 04 run with papermill parameters for this
report; a README of what was made. Everything is written to a temporary folder that then
replaces ``output/<report_id>/``, so the committed flagship outputs are never touched and a
failed run leaves the previous output as it was. A rerun gives the same files.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from cnreport.core import files, metadata, paths

ANALYSIS_NOTEBOOKS = ("03_recovery_patterns.ipynb", "04_figures.ipynb", "05_cross_district.ipynb")


class Progress:
    """One line per step on stderr with its time (nothing with ``quiet``)."""

    def __init__(self, report_id: str, quiet: bool):
        self.report_id, self.quiet, self.t0 = report_id, quiet, time.perf_counter()

    def step(self, what: str) -> None:
        """Say that ``what`` is done, with the seconds since the last step."""
        now = time.perf_counter()
        if not self.quiet:
            print(f"cnreport run {self.report_id}: {what} ({now - self.t0:.1f} s)", file=sys.stderr)
        self.t0 = now


def check_raw(report_ids: list[str]) -> list[str]:
    """Check every file of ``data/raw/`` and the ids asked for; return the valid ids asked for.

    Raises
    ------
    ReportError
        Every problem of every file (and ids not in ``data/raw/``), one per line.
    """
    valid, problems = metadata.check_folder(paths.RAW)
    problems += [f"{paths.relative(paths.RAW)}: no report {rid!r} (expected {rid}.txt and {rid}.yml)"
                 for rid in report_ids if rid not in valid and not (paths.RAW / f"{rid}.txt").exists()]
    if problems:
        raise files.ReportError(paths.RAW, f"{len(problems)} problem(s), nothing was run:\n  " + "\n  ".join(problems))
    return report_ids


def run_report(report_id: str, quiet: bool = False) -> str:
    """Run everything for one report into ``output/<report_id>/``; return the summary table.

    Parameters
    ----------
    report_id : str
        A report of ``data/raw/`` (already checked with :func:`check_raw`).
    quiet : bool
        No progress lines.

    Returns
    -------
    str
        The quality summary as printed.
    """
    from cnreport.clean import dataset
    from cnreport.run import quality

    progress = Progress(report_id, quiet)
    meta = files.read_metadata(report_id)
    for note in meta.assumed:
        print(f"cnreport run {report_id}: assumed {note}", file=sys.stderr)
    paths.OUTPUT.mkdir(parents=True, exist_ok=True)
    work = paths.OUTPUT / f".{report_id}.partial"  # a fixed name: the notebooks record it (then rewritten)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        report = files.read_report(paths.raw_report(report_id))
        found = _extract_all(work / "interim")
        progress.step(f"extracted {found[report_id]} quantities ({len(found)} reports)")
        with _interim_folder(work / "interim"):
            ds = dataset.build()
        dataset.write(ds, work / "processed")
        progress.step(f"cleaned {ds.indicators['report_id'].nunique()} reports into the dataset")
        summary = quality.quality(report_id, report.text, found[report_id], ds.indicators)
        files.write_text_atomic(work / "quality.csv", dataset.frame_csv(summary))
        progress.step("quality summary")
        made = _run_notebooks(report_id, work, progress)
        files.write_text_atomic(work / "README.md", readme(meta, summary, made))
        _replace(work, paths.OUTPUT / report_id)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return quality.quality_table(summary)


def _extract_all(folder: Path) -> dict[str, int]:
    """Extract every report of ``data/raw/`` into ``folder``; return the quantities found per report."""
    from cnreport import extract

    found = {}
    for rid in files.list_report_ids():
        if files.read_metadata(rid).period_actual is None:
            # accepted by the metadata; extract.engine._period still reads period_actual[:4] (merge note)
            raise files.ReportError(paths.raw_metadata(rid), "period_actual: null (a text that only sets targets) "
                                    "is not yet handled by the extractor; give the period it reports on")
        result = extract.extract_quantities(files.read_report(paths.raw_report(rid)).text, files.read_metadata(rid))
        files.write_csv(folder / f"{rid}_extracted.csv", result.rows, extract.COLUMNS)
        files.write_csv(folder / f"{rid}_excluded.csv", result.excluded, extract.EXCLUDED_COLUMNS)
        found[rid] = len(result.rows)
    return found


@contextmanager
def _interim_folder(folder: Path) -> Iterator[None]:
    """Let the cleaning stage read this run's extraction instead of ``data/interim/``.

    ``clean.mapping.clean_reports`` reads ``paths.interim_table``, which builds on
    ``paths.INTERIM``; pointing that at the run's own folder keeps the committed
    ``data/interim/`` untouched (a parameter there would be cleaner: see the merge note).
    """
    saved = paths.INTERIM
    paths.INTERIM = folder
    try:
        yield
    finally:
        paths.INTERIM = saved


def _run_notebooks(report_id: str, work: Path, progress: Progress) -> list[str]:
    from nbclient.exceptions import CellExecutionError

    from cnreport.run import pipeline

    made = []
    for name in ANALYSIS_NOTEBOOKS:
        source = paths.NOTEBOOKS / name
        if not source.exists():
            continue
        params = {"report_id": report_id, "processed_dir": str(work / "processed")}
        if name.startswith("04"):
            params["figures_dir"] = str(work / "figures")
            (work / "figures").mkdir(exist_ok=True)
        target = work / "notebooks" / name
        try:
            pipeline.execute_notebook(source, target=target, parameters=params)
        except CellExecutionError as exc:
            last = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            raise files.ReportError(source, f"failed for {report_id}: {last}") from None
        # the notebook names the folder it ran in; name the one it ends up in
        text = target.read_text(encoding="utf-8")
        final = paths.OUTPUT / report_id
        files.write_text_atomic(target, text.replace(str(work), str(final)).replace(paths.relative(work), paths.relative(final)))
        made.append(name)
        progress.step(f"ran {name}")
    return made


def _replace(work: Path, target: Path) -> None:
    """Put the finished folder in place of ``target`` (the old one is removed only then)."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    work.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def readme(meta: files.ReportMeta, summary, notebooks: list[str]) -> str:
    """The short README of a run's output folder."""
    r = summary.iloc[0]
    lines = [f"# {meta.report_id}: what `cnreport run` made", "",
             f"{meta.place_en} ({meta.place_zh}), {meta.genre}, period {meta.period_actual or 'none (targets only)'}"
             f"{', plan ' + meta.period_plan if meta.period_plan else ''}.", "",
             "| Path | What |", "|---|---|",
             f"| `interim/{meta.report_id}_extracted.csv` | every quantity found in the text, with offsets "
             f"({r['quantities_found']} rows); the other reports' extraction beside it |",
             f"| `interim/{meta.report_id}_excluded.csv` | numbers that are not quantities (dates, ids), with the reason |",
             "| `processed/` | the cleaned dataset of every report in data/raw/ (codebook in data/README.md) |",
             f"| `quality.csv` | {r['facts']} facts, {r['mapped']} mapped to an indicator; unmapped phrases with counts "
             "and an example sentence |"]
    lines += [f"| `notebooks/{nb}` | the notebook run for this report |" for nb in notebooks]
    if "04_figures.ipynb" in notebooks:
        lines.append("| `figures/` | the figures this report supports (PNG and SVG, English and `_zh`), listed in "
                     "`figures/README.md` |")
    if meta.assumed:
        lines += ["", "Assumed from the metadata: " + "; ".join(meta.assumed) + "."]
    return "\n".join(lines) + "\n"


def run_all(report_ids: list[str], quiet: bool = False, jobs: int | None = None) -> list[str]:
    """Run every report, a whole report per worker process, on all cores by default."""
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(report_ids) == 1:
        return [run_report(rid, quiet) for rid in report_ids]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(run_report, report_ids, [quiet] * len(report_ids)))


def cmd_run(report_ids: list[str], run_every: bool, quiet: bool, jobs: int | None) -> int:
    """`cnreport run`: check everything first, then run each report; print each quality summary."""
    if run_every == bool(report_ids):
        raise files.ReportError("cnreport run", "give one or more report ids, or --all")
    valid, _ = metadata.check_folder(paths.RAW)
    wanted = check_raw(valid if run_every else report_ids)
    for table in run_all(wanted, quiet, jobs):
        print(table)
    return 0


def cmd_new(report_id: str) -> int:
    """`cnreport new`: write the commented metadata template ``data/raw/<report_id>.yml``.

    Raises
    ------
    ReportError
        The id is malformed or the file exists (it is never overwritten).
    """
    target = paths.raw_metadata(report_id)
    if metadata.problems({"report_id": report_id, "place_zh": "江苏省", "genre": "news", "period_actual": "2020"}):
        raise files.ReportError(target, f"report id {report_id!r} is malformed (lowercase letters, digits and _)")
    if target.exists():
        raise files.ReportError(target, "exists already; edit it, or remove it to start again")
    files.write_text_atomic(target, metadata.template(report_id))
    print(f"cnreport: wrote {paths.relative(target)}: fill in place_zh, genre and the period; "
          f"put the text in {paths.relative(paths.raw_report(report_id))}; then `cnreport run {report_id}`",
          file=sys.stderr)
    return 0
