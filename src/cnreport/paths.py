"""Every path the project uses, built from the repository root.

The package is installed in editable mode, so the root is found from this
file's location (``src/cnreport/paths.py`` -> two levels up). No other module
types a path.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
RAW = DATA / "raw"
INTERIM = DATA / "interim"
PROCESSED = DATA / "processed"
EXTERNAL = DATA / "external"
FIGURES = ROOT / "figures"
NOTEBOOKS = ROOT / "notebooks"
DOCS = ROOT / "docs"
TESTS = ROOT / "tests"
OUTPUT = ROOT / "output"
LEXICON = Path(__file__).resolve().parent / "lexicon"
RAW_MANIFEST = RAW / "SHA256SUMS"


def raw_report(report_id: str) -> Path:
    """Path of the raw text of ``report_id`` in ``data/raw``."""
    return RAW / f"{report_id}.txt"


def raw_metadata(report_id: str) -> Path:
    """Path of the ``.yml`` metadata sidecar of ``report_id`` in ``data/raw``."""
    return RAW / f"{report_id}.yml"


def interim_table(report_id: str, kind: str) -> Path:
    """Path of an interim extraction table, e.g. ``kind="extracted"``."""
    return INTERIM / f"{report_id}_{kind}.csv"


def relative(path: Path) -> str:
    """Show ``path`` relative to the repository root when it lies inside it."""
    path = Path(path).resolve()
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)
