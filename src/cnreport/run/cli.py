"""Command-line interface: argument parsing and messages only.

Every error from bad input is printed as one line on stderr, with a non-zero
exit and no traceback. Heavy libraries are imported only by the command that
needs them, so that start-up stays fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cnreport import __version__

EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``cnreport`` (also used to document the CLI)."""
    parser = argparse.ArgumentParser(
        prog="cnreport",
        description="Turn Chinese local-government economic reports into traceable evidence.",
    )
    parser.add_argument("--version", action="version", version=f"cnreport {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    info = sub.add_parser("info", help="show a report's encoding, metadata and heading structure")
    info.add_argument("path", type=Path, metavar="PATH", help="report text file")
    info.add_argument("--meta", type=Path, metavar="YML", help="metadata file (default: the .yml beside PATH)")
    ext = sub.add_parser("extract", help="extract every quantity of a report, with offsets (CSV or JSON)",
                         description="Extract every quantified statement of a report. Writes UTF-8 CSV with the columns "
                                     "report_id,start,end,text,value,value_high,unit,value_base,unit_base,measure,status,"
                                     "period,qualifier,indicator_zh,section,sentence (stdout unless -o). Offsets are "
                                     "Python string indices into the decoded text.")
    ext.add_argument("path", type=Path, metavar="PATH", help="report text file (UTF-8, UTF-16 with BOM or GB18030)")
    ext.add_argument("--report-id", metavar="ID", help="report id (default: from the metadata, else the file name)")
    ext.add_argument("--meta", type=Path, metavar="YML", help="metadata file (default: the .yml beside PATH)")
    ext.add_argument("-o", "--output", type=Path, metavar="OUT.csv", help="write quantities here (default: stdout)")
    ext.add_argument("--excluded", type=Path, metavar="EXCL.csv",
                     help="write the excluded numbers (start,end,text,reason,note) here")
    ext.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default: csv)")
    h2t = sub.add_parser("html2text", help="convert an HTML page source to plain report text (UTF-8)",
                         description="Convert a saved HTML page to the plain text a reader sees: drops scripts, "
                                     "styles and comments, turns block elements into line breaks, decodes "
                                     "entities. `extract` refuses HTML; run it on the converted text, whose "
                                     "offsets then refer to that text file.")
    h2t.add_argument("path", type=Path, metavar="PATH", help="HTML file (UTF-8, UTF-16 with BOM or GB18030)")
    h2t.add_argument("-o", "--output", type=Path, metavar="OUT.txt", help="write the text here (default: stdout)")
    sub.add_parser("pipeline", help="run every notebook in order, in place (what `make all` does)")
    from cnreport.run.corpus_cli import add_parser as add_corpus_parser

    add_corpus_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI. Returns the exit code (0 success, 2 bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    from cnreport.core.files import ReportError

    try:
        return _COMMANDS[args.command](args)
    except ReportError as exc:
        print(f"cnreport: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("cnreport: interrupted", file=sys.stderr)
        return 130


def _load_meta(path: Path, meta: Path | None):
    from cnreport.core import files

    if meta is not None:
        return files.read_metadata(meta)
    sidecar = path.with_suffix(".yml")
    return files.read_metadata(sidecar) if sidecar.exists() else None


def _cmd_info(args: argparse.Namespace) -> int:
    from cnreport.core import files, structure

    report = files.read_report(args.path)
    meta = _load_meta(args.path, args.meta)
    out = [f"file: {report.path}", f"encoding: {report.encoding}", f"characters: {len(report.text)}"]
    if meta is None:
        out.append("metadata: none (no .yml beside the file)")
    else:
        out += [f"report_id: {meta.report_id}", f"place: {meta.place_en} ({meta.place_zh})",
                f"genre: {meta.genre}", f"period_actual: {meta.period_actual}",
                f"period_plan: {meta.period_plan or ''}", f"complete: {meta.complete}"]
    out.append("sections:")
    for sec in structure.find_sections(report.text):
        out.append(f"  {sec.path:<12} {sec.start:>6}-{sec.end:<6} {sec.title}")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:

    from cnreport import extract
    from cnreport.core import files

    report = files.read_report(args.path)
    meta = _load_meta(args.path, args.meta)
    notes = []
    if meta is None and args.report_id:
        notes.append(f"no metadata: report_id {args.report_id!r} from --report-id")
    elif meta is None:
        notes.append(f"no metadata: report_id {args.path.stem!r} from the file name")
    result = extract.extract_quantities(report.text, meta)
    rid = args.report_id or (meta.report_id if meta else args.path.stem)
    for row in result.rows:
        row["report_id"] = rid
    cov = extract.coverage(report.text, result.rows, result.excluded)
    fmt = files.format_json if args.format == "json" else files.format_csv
    rows = result.rows if args.format == "csv" else [extract.numeric_row(r) for r in result.rows]
    body = fmt(rows, extract.COLUMNS)
    excluded = fmt(result.excluded, extract.EXCLUDED_COLUMNS) if args.excluded else None
    # every output is computed before anything is written; each write is atomic
    if args.output:
        files.write_text_atomic(args.output, body)
    else:
        sys.stdout.write(body)
    if excluded is not None:
        files.write_text_atomic(args.excluded, excluded)
    for note in notes + result.assumptions:
        print(f"cnreport: note: {note}", file=sys.stderr)
    print(f"cnreport: {report.path}: {len(result.rows)} quantities, {len(result.excluded)} excluded; "
          f"coverage {cov['digit_runs'] - len(cov['uncovered'])}/{cov['digit_runs']} digit runs "
          f"({len(cov['multiple'])} in more than one row); encoding {report.encoding}", file=sys.stderr)
    if cov["uncovered"] or cov["multiple"]:
        print(f"cnreport: error: {report.path}: coverage check failed", file=sys.stderr)
        return 1
    return 0


def _cmd_html2text(args: argparse.Namespace) -> int:
    from cnreport.core import files, htmltext, paths

    text, enc = files.decode_bytes(files.read_bytes(args.path), args.path)
    plain = htmltext.html_to_text(text)
    if not plain.strip():
        raise files.ReportError(args.path, "no text left after removing the HTML markup")
    if args.output:
        if args.output.resolve() == args.path.resolve():
            raise files.ReportError(args.output, "output would overwrite the input page; choose another file")
        files.write_text_atomic(args.output, plain)
    else:
        sys.stdout.buffer.write(plain.encode("utf-8"))
        sys.stdout.flush()
    print(f"cnreport: {paths.relative(args.path)}: {len(plain)} characters of text (page encoding {enc})",
          file=sys.stderr)
    return 0


_COMMANDS = {"info": _cmd_info, "extract": _cmd_extract, "html2text": _cmd_html2text}


def _cmd_pipeline(args: argparse.Namespace) -> int:
    from cnreport.core import files, paths
    from cnreport.run import catalog, pipeline

    readme = paths.ROOT / "README.md"
    metas = [files.read_metadata(rid) for rid in files.list_report_ids()]
    text = catalog.replace_block(readme.read_text(encoding="utf-8"), catalog.data_availability_markdown(metas))
    files.write_text_atomic(readme, text)
    for nb in pipeline.notebook_paths():
        print(f"running {paths.relative(nb)}", file=sys.stderr)
        pipeline.execute_notebook(nb)
    return 0


_COMMANDS["pipeline"] = _cmd_pipeline
_COMMANDS["corpus"] = lambda args: __import__("cnreport.run.corpus_cli", fromlist=["main"]).main(args)
