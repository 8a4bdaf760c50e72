"""Every path to the repository's own folders (data/, notebooks/, figures/, docs/, output/).

No other module types a path to those folders. The package's own data files (word
lists, the indicator dictionary) are not here: they are read with
:mod:`importlib.resources` (see :func:`package_file`), so an installed wheel works
outside the checkout.

The repository root is, in order: ``$CNREPORT_ROOT`` when set; the checkout this
file lies in (an editable install, ``src/cnreport/core/paths.py``); otherwise the
current folder. Finding it reads no file: it only checks that ``data/raw`` exists.
"""

from __future__ import annotations

import os
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def _find_root() -> Path:
    env = os.environ.get("CNREPORT_ROOT")
    if env:
        return Path(env).resolve()
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / "data" / "raw").is_dir() and (checkout / "src" / "cnreport").is_dir():
        return checkout
    return Path.cwd().resolve()


ROOT = _find_root()
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
CORPUS_DEMO = OUTPUT / "corpus_demo"  # notebook 06: its corpus (reports/) and dataset (dataset/), rebuilt by the notebook
RAW_MANIFEST = RAW / "SHA256SUMS"
BENCHMARKS = EXTERNAL / "benchmarks.csv"
# The team's shared folder beside the checkout (tests and measurement scripts only; the
# pipeline never reads it): byte-identical originals of data/raw, and the development set.
SHARED = ROOT.parent / "shared"
DEV = SHARED / "data" / "dev"


def package_file(package: str, *parts: str) -> Traversable:
    """A data file shipped inside the package, e.g. ``package_file("cnreport.core", "lexicon", "units.csv")``.

    Parameters
    ----------
    package : str
        The (sub)package that holds the file.
    *parts : str
        Folder and file names below it.

    Returns
    -------
    importlib.resources.abc.Traversable
        A path-like handle; ``open(handle)`` and ``handle.read_text()`` work in a checkout and in a wheel.
    """
    node = resources.files(package)
    for part in parts:
        node = node / part
    return node


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


# Pairs of target and outcome reports for the linking step (issue 19): byte-identical copies of
# ../shared/data/linking, kept out of data/raw so that the other stages' outputs do not change.
LINKING = DATA / "linking"
LINKING_MANIFEST = LINKING / "SHA256SUMS"
LINKS = PROCESSED / "links.csv"
GOLD_LINKS = TESTS / "links"


def linking_report(report_id: str) -> Path:
    """Path of a report text in ``data/linking``."""
    return LINKING / f"{report_id}.txt"
