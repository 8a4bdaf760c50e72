"""The ``cnreport corpus`` subcommand: its arguments and messages (the work is in :mod:`cnreport.run.corpus`).

This module imports nothing heavy, so that ``cnreport --help`` stays fast; Dask is
imported only when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub) -> argparse.ArgumentParser:
    """Add the ``corpus`` subcommand to the CLI's subparsers."""
    cor = sub.add_parser("corpus", help="extract and map every report of a folder or manifest into a Parquet dataset (Dask)",
                         description="Extract and map every report of a folder (*.txt, .yml sidecars optional) or of a "
                                     "manifest CSV (columns path[,meta]) into a Parquet dataset partitioned by "
                                     "province_code and year, on a Dask LocalCluster (one process per core) or a running "
                                     "cluster. A failing report is recorded in manifest.json and skipped; a re-run "
                                     "skips what is done and finishes a killed run with identical output.")
    cor.add_argument("source", type=Path, metavar="DIR_OR_MANIFEST", help="folder of reports, or manifest CSV")
    cor.add_argument("--out", type=Path, required=True, metavar="DATASET/", help="dataset folder (created)")
    cor.add_argument("--scheduler", metavar="ADDRESS", help="use a running Dask scheduler (tcp://host:8786)")
    cor.add_argument("--workers", type=int, metavar="N", help="LocalCluster worker processes (default: one per core)")
    cor.add_argument("--batch-size", type=int, default=200, metavar="N", help="reports per Dask task (default: 200)")
    cor.add_argument("--quiet", action="store_true", help="no progress bar or dashboard link")
    return cor


def main(args: argparse.Namespace) -> int:
    """Run the corpus job for parsed CLI arguments; prints a one-line summary on stderr."""
    from cnreport.core.files import ReportError
    from cnreport.run import corpus

    if not args.source.exists():
        raise ReportError(args.source, "no such folder or manifest")
    if args.batch_size < 1 or (args.workers is not None and args.workers < 1):
        raise ReportError(args.source, "--batch-size and --workers must be at least 1")
    summary = corpus.run_corpus(args.source, args.out, scheduler=args.scheduler, workers=args.workers,
                                batch_size=args.batch_size, quiet=args.quiet)
    print(corpus.format_summary(summary, args.out), file=sys.stderr)
    return 0
