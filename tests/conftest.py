"""Shared fixtures for the unit tests."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cnreport.core import files, paths


@pytest.fixture(scope="session")
def report_ids() -> list[str]:
    return files.list_report_ids()


@pytest.fixture(scope="session")
def flagship_text() -> str:
    return files.read_report(paths.raw_report("tongzhou_2020h1")).text


def run_cli(*args: str, cwd=None, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m cnreport ARGS`` in a subprocess, capturing bytes."""
    return subprocess.run([sys.executable, "-m", "cnreport", *args], capture_output=True,
                          cwd=cwd or paths.ROOT, input=stdin, timeout=120)


# Property tests draw the same examples on every run (make test must be reproducible);
# a failing example found once is replayed from .hypothesis/ locally.
from hypothesis import settings as _hsettings  # noqa: E402

_hsettings.register_profile("repro", derandomize=True, print_blob=True)
_hsettings.load_profile("repro")

# `make fuzz` (CNREPORT_FUZZ=1): many random examples, new ones every run, no deadline.
# CNREPORT_FUZZ_EXAMPLES sets the count per fuzz test (default 20000). `make test` keeps "repro".
import os as _os  # noqa: E402

from hypothesis import HealthCheck as _HealthCheck  # noqa: E402
from hypothesis.database import DirectoryBasedExampleDatabase as _ExampleDB  # noqa: E402

_hsettings.register_profile(
    "fuzz", max_examples=int(_os.environ.get("CNREPORT_FUZZ_EXAMPLES", "20000")), deadline=None,
    derandomize=False, print_blob=True,   # failures found are kept in .hypothesis/ and replayed first next time
    database=_ExampleDB(str(paths.ROOT / ".hypothesis" / "examples")),
    suppress_health_check=[_HealthCheck.too_slow, _HealthCheck.data_too_large])
if _os.environ.get("CNREPORT_FUZZ"):
    _hsettings.load_profile("fuzz")
