"""``cnreport link [REPORT_IDS…]``: link each target to its outcome and write ``links.csv``.

Reports are looked up by id in ``data/raw`` and then ``data/linking`` (or given as the
path of a ``.txt`` with its ``.yml`` beside it). With no ids, every committed report of
both folders is linked and the table goes to ``data/processed/links.csv``; any other
selection goes to ``output/links.csv``. Each report is extracted and mapped afresh, so
the offsets are the extractor's on the text as read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from cnreport import clean, extract
from cnreport.analysis import linking, linking_schema
from cnreport.core import files, paths
from cnreport.core.files import ReportError


def committed_ids() -> list[str]:
    """Ids of the committed reports: ``data/raw`` then ``data/linking``, each sorted."""
    return files.list_report_ids(paths.RAW) + files.list_report_ids(paths.LINKING)


def locate(name: str) -> tuple[Path, Path]:
    """``(text, metadata)`` paths for a report id or a ``.txt`` path.

    Raises
    ------
    ReportError
        No such report in ``data/raw`` or ``data/linking``, or no ``.yml`` beside the text.
    """
    given = Path(name)
    if given.suffix == ".txt":
        text = given
    else:
        text = next((p for p in (paths.raw_report(name), paths.linking_report(name)) if p.exists()),
                    paths.raw_report(name))
        if not text.exists():
            raise ReportError(name, "no such report in data/raw or data/linking")
    meta = text.with_suffix(".yml")
    if not meta.exists():
        raise ReportError(text, "no metadata (.yml) beside the report")
    return text, meta


def load(name: str, dictionary: clean.Dictionary, geos: list[dict]) -> linking.LinkReport:
    """Read, extract and map one report (the only call into the mapping)."""
    text_path, meta_path = locate(name)
    meta = files.read_metadata(meta_path)
    text = files.read_report(text_path).text
    rows = extract.extract_quantities(text, meta).rows
    rows = [{k: "" if v is None else str(v) for k, v in {**r, "report_id": meta.report_id}.items()} for r in rows]
    return linking.LinkReport(meta, text, rows, clean.map_report(rows, text, meta, dictionary, geos))


def build(names: list[str]) -> tuple[list[linking.LinkReport], pd.DataFrame]:
    """Load the reports and link them; returns the inputs and the links frame."""
    dictionary = clean.read_dictionary()
    geos = clean.benchmark_geos(files.read_csv_rows(paths.BENCHMARKS))
    reports = [load(n, dictionary, geos) for n in names]
    ids = [r.meta.report_id for r in reports]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ReportError(twice[0], "report given twice (same report_id)")
    return reports, linking.link(reports, dictionary)


def output_path(names: list[str]) -> Path:
    """``data/processed/links.csv`` for the committed reports, ``output/links.csv`` otherwise."""
    return paths.LINKS if sorted(names) == sorted(committed_ids()) else paths.OUTPUT / "links.csv"


def run(args: argparse.Namespace) -> int:
    """The ``link`` subcommand: link, write atomically, print one summary line per place."""
    names = list(args.reports) or committed_ids()
    _, links = build(names)
    out = args.output or output_path(names)
    write(links, out)
    for place, rows in links.groupby("place_id", sort=True):
        counts = rows["verdict"].value_counts()
        said = ", ".join(f"{v} {counts[v]}" for v in linking.verdicts.VERDICTS if v in counts)
        print(f"cnreport: link: {place}: {said}", file=sys.stderr)
    print(f"cnreport: link: {len(links)} rows from {len(names)} reports -> {paths.relative(out)}", file=sys.stderr)
    return 0


def write(links: pd.DataFrame, path: Path) -> list[str]:
    """Validate, then write the links table and its codebook (``<stem>_codebook.csv``) atomically.

    Returns the paths written, as shown to users.

    Raises
    ------
    DataValidationError
        A row breaks the schema of :mod:`cnreport.analysis.linking_schema` (nothing is written).
    """
    linking_schema.validate(links, paths.relative(path))
    book = linking_schema.codebook()
    rows = links.astype(object).where(links.notna(), None).to_dict("records")
    out = {path: files.format_csv(rows, linking.LINK_COLUMNS),
           path.with_name(f"{path.stem}_codebook.csv"): files.format_csv(book.to_dict("records"), list(book.columns))}
    for p, text in out.items():
        files.write_text_atomic(p, text)
    return [paths.relative(p) for p in out]
