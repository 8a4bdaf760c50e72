"""``cnreport page``: write the annotated HTML page of one report.

``cnreport page tongzhou_2020h1`` writes ``docs/tongzhou_2020h1.html``;
``cnreport page path/to/report.txt -o out.html`` reads the ``.yml`` beside the text
(or ``--meta``). The page itself is built by :mod:`cnreport.present.page`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub) -> None:
    """Add the ``page`` subcommand to the CLI's subparsers."""
    p = sub.add_parser("page", help="write a report's annotated HTML page (every number explained)",
                       description="Write one self-contained HTML page showing the report's full text with every "
                                   "extracted quantity, excluded number and direction statement marked and explained.")
    p.add_argument("report", metavar="REPORT_ID_OR_PATH", help="a report id in data/raw, or a report text file")
    p.add_argument("--meta", type=Path, metavar="YML", help="metadata file (default: the .yml beside the text)")
    p.add_argument("-o", "--output", type=Path, metavar="OUT.html",
                   help="where to write (default: docs/<report_id>.html for an id, <name>.html beside a file)")


def resolve(report: str, meta_path: Path | None):
    """``(text_path, meta, default_output)`` for a report id or a text file.

    Raises
    ------
    ReportError
        No such report id or file, or no metadata (a page needs the report's periods and place).
    """
    from cnreport.core import files, paths

    if "/" not in report and "\\" not in report and paths.raw_report(report).exists() and meta_path is None:
        return paths.raw_report(report), files.read_metadata(report), paths.DOCS / f"{report}.html"
    path = Path(report)
    if not path.exists():
        raise files.ReportError(path, "no such report id in data/raw and no such file")
    sidecar = meta_path or path.with_suffix(".yml")
    if not sidecar.exists():
        raise files.ReportError(path, f"no metadata: write {sidecar} (see data/raw/*.yml) or pass --meta YML")
    return path, files.read_metadata(sidecar), path.with_suffix(".html")


def cmd_page(args: argparse.Namespace) -> int:
    """Run ``cnreport page``; returns the exit code."""
    from cnreport.core import files
    from cnreport.present import page

    path, meta, default = resolve(args.report, args.meta)
    out = args.output or default
    files.write_text_atomic(out, page.report_page(path, meta))
    print(f"wrote {out}", file=sys.stderr)
    return 0
