"""Compare the extractor's output for one report with its hand-checked listing, field by field.

    .venv/bin/python scripts/compare_listing.py REPORT.txt LISTING_quantities.csv [--meta REPORT.yml] [-v]

Rows are matched on their span (start, end), as in tests/test_extract.py, and the same fields
are compared (numbers as decimals). Prints one summary line: listed rows, rows the extractor
missed, extra rows it produced, and fields wrong on matched rows; -v also prints each mismatch.
Works for reports outside data/raw (e.g. shared/data/dev); the metadata defaults to the .yml beside
the text. If the extractor rejects the metadata every listed row counts as missed.
"""

from __future__ import annotations

import argparse
from decimal import Decimal
from pathlib import Path

from cnreport import extract, io

FIELDS = ["start", "end", "text", "value", "value_high", "unit", "value_base", "unit_base",
          "measure", "status", "period", "qualifier", "section"]


def _same(field: str, a, b) -> bool:
    a, b = ("" if a is None else str(a)), ("" if b is None else str(b))
    if field in ("value", "value_high", "value_base") and a and b:
        return Decimal(a) == Decimal(b)
    return a == b


def compare(text_path: Path, listing: Path, meta_path: Path | None = None) -> dict:
    listed = io.read_csv_rows(listing)
    meta_path = meta_path or text_path.with_suffix(".yml")
    try:
        rows = extract.extract_quantities(io.read_report(text_path).text, io.read_metadata(meta_path)).rows
    except Exception as exc:  # the extractor refuses the report: nothing matched
        return {"listed": len(listed), "missed": len(listed), "extra": 0, "fields_wrong": 0,
                "mismatches": [], "error": f"{type(exc).__name__}: {exc}"}
    by_span = {(r["start"], r["end"]): r for r in rows}
    listed_spans = {(int(r["start"]), int(r["end"])) for r in listed}
    mismatches, missed = [], 0
    for lr in listed:
        er = by_span.get((int(lr["start"]), int(lr["end"])))
        if er is None:
            missed += 1
            mismatches.append((lr["id"], lr["text"], "missing", "", ""))
            continue
        mismatches += [(lr["id"], lr["text"], f, er[f], lr[f]) for f in FIELDS if not _same(f, er[f], lr[f])]
    extra = [r for r in rows if (r["start"], r["end"]) not in listed_spans]
    mismatches += [("-", r["text"], "extra", r["start"], "") for r in extra]
    return {"listed": len(listed), "missed": missed, "extra": len(extra),
            "fields_wrong": sum(m[2] not in ("missing", "extra") for m in mismatches),
            "mismatches": mismatches, "error": ""}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("text", type=Path)
    ap.add_argument("listing", type=Path)
    ap.add_argument("--meta", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    res = compare(a.text, a.listing, a.meta)
    print(f"{a.text.stem}: listed {res['listed']}, missed {res['missed']}, extra {res['extra']}, "
          f"fields wrong {res['fields_wrong']}" + (f" ({res['error']})" if res["error"] else ""))
    if a.verbose:
        for m in res["mismatches"]:
            print("  ", *m, sep=" | ")


if __name__ == "__main__":
    main()
