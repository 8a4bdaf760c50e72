"""Benchmark figures: the shared collections and a user's own rows, validated alike.

Files read from ``data/external/``, in this order:

- ``benchmarks.csv``: national, provincial and city figures (shared copy, unchanged);
- ``benchmarks_provinces.csv``: official GDP growth of most provinces, 2019 to 2021 H1
  (shared copy, unchanged);
- ``benchmarks_user.csv`` (optional): an analyst's own rows, same columns and the same
  source rules, so a district's prefecture city can be added without editing a shared file.

Every row must name its source (``source_url`` starting with http, and a verbatim
``quote``); a row that does not is refused with the file, line and field.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from cnreport.core import files, paths
from cnreport.core.metadata import PERIOD_RE

COLUMNS = ("geo_id", "geo_zh", "geo_en", "level", "indicator", "period", "measure", "value", "unit",
           "price_basis", "source_url", "source_title", "source_publisher", "published", "quote", "note")
SHARED_FILES = ("benchmarks.csv", "benchmarks_provinces.csv")
USER_FILE = "benchmarks_user.csv"
LEVELS = ("country", "province", "city", "county", "district")
MEASURES = ("growth_pct", "level", "rate_pct")
UNITS = ("percent", "CNY", "CNY_100m", "10k_persons")
PRICE_BASES = ("real", "nominal", "as_reported", "n.a.")
_GEO_ID = re.compile(r"[a-z][a-z0-9_]*")


def benchmark_files(folder: Path | None = None) -> list[Path]:
    """The benchmark files present, shared ones first, then the user's."""
    folder = folder or paths.EXTERNAL
    return [folder / name for name in (*SHARED_FILES, USER_FILE) if (folder / name).exists()]


def read_benchmarks(folder: Path | None = None) -> list[dict]:
    """Every benchmark row of every file, each with ``_file`` and ``_line`` for its source id.

    Parameters
    ----------
    folder : Path, optional
        Where the files are; ``data/external`` by default.

    Returns
    -------
    list of dict

    Raises
    ------
    ReportError
        A file's columns differ, or rows break the source rules: every problem
        of the file in one message, each with its line and field.
    """
    rows = []
    for path in benchmark_files(folder):
        found = files.read_csv_rows(path)
        if found and tuple(found[0]) != COLUMNS:
            raise files.ReportError(path, f"columns must be {','.join(COLUMNS)}")
        problems = [p for line, row in enumerate(found, start=2) for p in row_problems(row, line)]
        if problems:
            raise files.ReportError(path, "; ".join(problems))
        rows += [{**row, "_file": path.name, "_line": line} for line, row in enumerate(found, start=2)]
    return rows


def row_problems(row: dict, line: int) -> list[str]:
    """The problems of one benchmark row, each as ``line N: field ...`` (empty when valid)."""
    out = []
    if not _GEO_ID.fullmatch(row["geo_id"]):
        out.append(f"line {line}: geo_id {row['geo_id']!r} is not a lowercase id such as 'nt'")
    for key in ("geo_zh", "indicator", "source_url", "quote"):
        if not row[key].strip():
            out.append(f"line {line}: {key} is empty (every figure needs its source and quote)")
    checks = (("level", LEVELS), ("measure", MEASURES), ("unit", UNITS), ("price_basis", PRICE_BASES))
    out += [f"line {line}: {key} {row[key]!r} is not one of {', '.join(allowed)}"
            for key, allowed in checks if row[key] not in allowed]
    if row["source_url"].strip() and not row["source_url"].startswith(("http://", "https://")):
        out.append(f"line {line}: source_url {row['source_url']!r} is not a web address")
    if not PERIOD_RE.match(row["period"]):
        out.append(f"line {line}: period {row['period']!r} is not 2020, 2020H1, 2020Q2 or 2020Q1-Q3")
    try:
        Decimal(row["value"])
    except InvalidOperation:
        out.append(f"line {line}: value {row['value']!r} is not a number")
    return out
