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
from cnreport.run import facts as run_facts
from cnreport.run import page_cmd

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
    ext.add_argument("--excel-safe", action="store_true",
                     help="CSV for spreadsheets: a text cell starting with = + - @ gets a leading ' so it cannot "
                          "run as a formula (the text column is then no longer source[start:end])")
    h2t = sub.add_parser("html2text", help="convert an HTML page source to plain report text (UTF-8)",
                         description="Convert a saved HTML page to the plain text a reader sees: drops scripts, "
                                     "styles and comments, turns block elements into line breaks, decodes "
                                     "entities. `extract` refuses HTML; run it on the converted text, whose "
                                     "offsets then refer to that text file.")
    h2t.add_argument("path", type=Path, metavar="PATH", help="HTML file (UTF-8, UTF-16 with BOM or GB18030)")
    h2t.add_argument("-o", "--output", type=Path, metavar="OUT.txt", help="write the text here (default: stdout)")
    run_facts.add_parser(sub)
    page_cmd.add_parser(sub)
    sub.add_parser("pipeline", help="run every notebook in order, in place (what `make all` does)")
    lnk = sub.add_parser("link", help="link each target to the outcome a later report states (links.csv)")
    lnk.add_argument("reports", nargs="*", metavar="REPORT_ID", help="ids in data/raw or data/linking, or .txt paths "
                     "(default: every committed report, written to data/processed/links.csv)")
    lnk.add_argument("-o", "--output", type=Path, metavar="OUT.csv", help="write here (default: output/links.csv)")
    new = sub.add_parser("new", help="write a commented metadata template data/raw/<REPORT_ID>.yml")
    new.add_argument("report_id", metavar="REPORT_ID", help="e.g. wangmo_2020_bulletin (place_period[_genre])")
    run = sub.add_parser("run", help="extraction, cleaning, analysis notebooks and figures for one report into "
                                     "output/<REPORT_ID>/ (`make district REPORT=<id>`)")
    run.add_argument("report_ids", nargs="*", metavar="REPORT_ID", help="report(s) in data/raw/")
    run.add_argument("--all", action="store_true", help="every report in data/raw/, on all cores")
    run.add_argument("--quiet", action="store_true", help="no progress lines (the quality summary is still printed)")
    run.add_argument("--jobs", type=int, metavar="N", help="worker processes for --all (default: all cores)")
    sub.add_parser("manifest", help="regenerate data/raw/SHA256SUMS from the files in data/raw/")
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
    from cnreport.core import outputs
    from cnreport.core.files import ReportError

    outputs.install_sigterm_cleanup()   # SIGTERM unwinds like Ctrl-C: temporary files are removed
    try:
        return _COMMANDS[args.command](args)
    except ReportError as exc:
        print(f"cnreport: error: {_printable(str(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("cnreport: interrupted", file=sys.stderr)
        return 130
    except outputs.Terminated:
        print("cnreport: terminated", file=sys.stderr)
        return 128 + 15


def _printable(text: str) -> str:
    """``text`` with control characters (ANSI escapes, line breaks) shown as escapes, on one line."""
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in text)


def _meta_path(path: Path, meta: Path | None) -> Path | None:
    if meta is not None:
        return meta
    sidecar = path.with_suffix(".yml")
    return sidecar if sidecar.exists() else None


def _load_meta(path: Path, meta: Path | None):
    from cnreport.core import files

    found = _meta_path(path, meta)
    return files.read_metadata(found) if found is not None else None


def _cmd_info(args: argparse.Namespace) -> int:
    from cnreport.core import files, outputs, structure

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
    outputs.write_stdout(("\n".join(_printable(line) for line in out) + "\n").encode("utf-8"))
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:

    from cnreport import extract
    from cnreport.core import files, numerals, outputs, spreadsheet

    targets = [p for p in (args.output, args.excluded) if p is not None]
    outputs.check_outputs(targets, [p for p in (args.path, _meta_path(args.path, args.meta)) if p is not None])
    if args.excel_safe and args.format != "csv":
        raise files.ReportError(args.path, "--excel-safe applies to CSV output only")
    report = files.read_report(args.path)
    meta = _load_meta(args.path, args.meta)
    notes = []
    if meta is None and args.report_id:
        notes.append(f"no metadata: report_id {args.report_id!r} from --report-id")
    elif meta is None:
        notes.append(f"no metadata: report_id {args.path.stem!r} from the file name")
    try:
        result = extract.extract_quantities(report.text, meta)
    except numerals.NumberTooLong as exc:
        raise files.ReportError(args.path, str(exc)) from None
    rid = args.report_id or (meta.report_id if meta else args.path.stem)
    for row in result.rows:
        row["report_id"] = rid
    cov = extract.coverage(report.text, result.rows, result.excluded)
    fmt = files.format_json if args.format == "json" else files.format_csv
    rows = result.rows if args.format == "csv" else [extract.numeric_row(r) for r in result.rows]
    excl_rows = result.excluded
    if args.excel_safe:
        rows = spreadsheet.defuse_rows(rows, extract.COLUMNS)
        excl_rows = spreadsheet.defuse_rows(excl_rows, extract.EXCLUDED_COLUMNS)
    body = fmt(rows, extract.COLUMNS).encode("utf-8")
    # every output is computed before anything is written; the files are written as one unit
    written = [(args.output, body)] if args.output else []
    if args.excluded:
        written.append((args.excluded, fmt(excl_rows, extract.EXCLUDED_COLUMNS).encode("utf-8")))
    outputs.write_outputs(written)
    if not args.output:
        outputs.write_stdout(body)
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
    from cnreport.core import files, htmltext, outputs, paths

    outputs.check_outputs([args.output] if args.output else [], [args.path])
    text, enc = files.decode_bytes(files.read_bytes(args.path), args.path)
    plain = htmltext.html_to_text(text)
    if not plain.strip():
        raise files.ReportError(args.path, "no text left after removing the HTML markup")
    if args.output:
        outputs.write_outputs([(args.output, plain.encode("utf-8"))])
    else:
        outputs.write_stdout(plain.encode("utf-8"))
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
    with pipeline.interruptible() as interrupted:
        for nb in pipeline.notebook_paths():
            print(f"running {paths.relative(nb)}", file=sys.stderr)
            try:
                pipeline.execute_notebook(nb)
            except BaseException as exc:
                signum = pipeline.interruption(exc, interrupted)
                if signum is None:
                    raise
                print(f"cnreport: interrupted while running {paths.relative(nb)} (left as it was)", file=sys.stderr)
                return 128 + signum
    pipeline.write_pages()
    return 0


_COMMANDS["pipeline"] = _cmd_pipeline
_COMMANDS["facts"] = run_facts.run
_COMMANDS["page"] = page_cmd.cmd_page


def _cmd_link(args: argparse.Namespace) -> int:
    from cnreport.run import link

    return link.run(args)


def _cmd_new(args: argparse.Namespace) -> int:
    from cnreport.run import district

    return district.cmd_new(args.report_id)


def _cmd_run(args: argparse.Namespace) -> int:
    from cnreport.run import district

    return district.cmd_run(args.report_ids, args.all, args.quiet, args.jobs)


def _cmd_manifest(args: argparse.Namespace) -> int:
    from cnreport.run import manifest

    return manifest.cmd_manifest()


def _cmd_corpus(args: argparse.Namespace) -> int:
    from cnreport.run import corpus_cli

    return corpus_cli.main(args)


# Imported on use, so that `cnreport --version` and `extract` start without pandas, Dask or nbclient.
_COMMANDS.update({"link": _cmd_link, "new": _cmd_new, "run": _cmd_run, "manifest": _cmd_manifest,
                  "corpus": _cmd_corpus})
