"""``cnreport facts``: extraction plus indicator mapping for one report anywhere on disk.

Writes the extractor's columns followed by ``indicator_id``, ``indicator_en``,
``mapping_rule`` and ``subject`` (:data:`cnreport.clean.facts.COLUMNS`), as CSV or JSON,
to stdout or atomically to ``-o``; ``--review`` writes the unmapped phrases with a count
and an example sentence. Bad input gives one line on stderr and exit 2 (see
:mod:`cnreport.run.cli`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = ("Extract every quantity of a report and map it to the indicator dictionary. Writes UTF-8 CSV with "
        "the columns of `cnreport extract` followed by indicator_id (empty when unmapped), indicator_en, "
        "mapping_rule (counter_noun, exact, contains, variant, lead, respective, inherited, unmapped) and "
        "subject (the report's place, or the other place the sentence names: 全国, 全省, 全市, a town, 区本级).")


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``cnreport facts`` on the CLI's sub-parsers."""
    p = sub.add_parser("facts", help="extract and map every quantity of a report to indicators (CSV or JSON)",
                       description=HELP)
    p.add_argument("path", type=Path, metavar="PATH", help="report text file (UTF-8, UTF-16 with BOM or GB18030)")
    p.add_argument("--meta", type=Path, metavar="YML", help="metadata file (default: the .yml beside PATH)")
    p.add_argument("--report-id", metavar="ID", help="report id (default: from the metadata, else the file name)")
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="write the facts here (default: stdout)")
    p.add_argument("--review", type=Path, metavar="REVIEW.csv",
                   help="write the unmapped phrases (report_id,phrase,count,example_start,example_sentence) here")
    p.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default: csv)")


def run(args: argparse.Namespace) -> int:
    """Run ``cnreport facts``; returns the exit code (0, or 2 through ReportError in the caller)."""
    from cnreport import extract
    from cnreport.clean import facts
    from cnreport.core import files

    report = files.read_report(args.path)
    if args.meta is not None:
        meta = files.read_metadata(args.meta)
    else:
        sidecar = args.path.with_suffix(".yml")
        meta = files.read_metadata(sidecar) if sidecar.exists() else None
    rid = args.report_id or (meta.report_id if meta else args.path.stem)
    rows, result = facts.report_facts(report.text, meta, rid)
    if args.format == "json":
        body = files.format_json([extract.numeric_row(r) for r in rows], facts.COLUMNS)
    else:
        body = files.format_csv(rows, facts.COLUMNS)
    review = None
    if args.review:
        review = files.format_csv(facts.unmapped_review(rows, "indicator_zh", "start"), facts.REVIEW_COLUMNS)
    for out in (args.output, args.review):
        if out is not None and out.resolve() == Path(args.path).resolve():
            raise files.ReportError(out, "output would overwrite the input report; choose another file")
    # every output is computed before anything is written; each write is atomic
    if args.output:
        files.write_text_atomic(args.output, body)
    else:
        sys.stdout.write(body)
    if review is not None:
        files.write_text_atomic(args.review, review)
    mapped = sum(1 for r in rows if r["indicator_id"])
    notes = [] if meta else [f"no metadata: report_id {rid!r}; subject names other places only"]
    for note in notes + result.assumptions:
        print(f"cnreport: note: {note}", file=sys.stderr)
    share = f"{mapped / len(rows):.0%}" if rows else "n/a"
    print(f"cnreport: {report.path}: {len(rows)} facts from {len(result.rows)} quantities, {mapped} mapped "
          f"({share}) to {len({r['indicator_id'] for r in rows if r['indicator_id']})} indicators", file=sys.stderr)
    return 0
