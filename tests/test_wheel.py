"""A built wheel works anywhere: it holds every data file the code reads, and its
core install (no notebook stack) extracts the same rows as the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cnreport.core import paths

UV = Path(sys.executable).parent / "uv"
FLAGSHIP = paths.raw_report("tongzhou_2020h1")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if not UV.exists():
        pytest.fail(f"uv is missing from {UV.parent}: run `make env`")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([str(UV), "build", "--wheel", "--quiet", "--out-dir", str(out), str(paths.ROOT)],
                   check=True, capture_output=True)
    (whl,) = out.glob("cnreport-*.whl")
    return whl


def test_wheel_holds_every_package_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    src = paths.ROOT / "src"
    shipped = {p.relative_to(src).as_posix() for p in (src / "cnreport").rglob("*")
               if p.is_file() and p.suffix in (".csv", ".py", ".j2") and "__pycache__" not in p.parts}
    assert shipped - names == set()


def test_core_install_extracts_the_same_rows_outside_the_checkout(wheel, tmp_path):
    venv = tmp_path / "venv"
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "CNREPORT_ROOT", "PYTHONPATH")}
    subprocess.run([str(UV), "venv", "--quiet", "--python", sys.executable, str(venv)], check=True, env=env)
    # the core only (no extras), at the lock file's versions
    subprocess.run([str(UV), "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"),
                    "--constraint", str(paths.ROOT / "requirements.lock"), str(wheel)], check=True, env=env)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(FLAGSHIP, elsewhere / "report.txt")
    shutil.copy(paths.raw_metadata("tongzhou_2020h1"), elsewhere / "report.yml")
    installed = subprocess.run([str(venv / "bin" / "cnreport"), "extract", "report.txt"], cwd=elsewhere,
                               capture_output=True, text=True, env=env)
    assert installed.returncode == 0, installed.stderr
    here = subprocess.run([sys.executable, "-m", "cnreport", "extract", str(elsewhere / "report.txt")],
                          capture_output=True, text=True, check=True)
    assert installed.stdout == here.stdout
    assert installed.stdout.count("\n") == 106  # header + the flagship's 105 quantities
    # the notebook stack is not part of the core install
    probe = subprocess.run([str(venv / "bin" / "python"), "-c", "import matplotlib"], capture_output=True, env=env)
    assert probe.returncode != 0
    # a corpus worker's task (run/corpus_work.py) runs on the core install: no Dask, no notebook stack
    task = ("import json, sys; from cnreport.run import corpus_work as w; "
            "recs = w.process_batch('b1', [('report.txt', 'report.yml', 'report.txt')], 'ds'); "
            "print(json.dumps([recs[0]['status'], recs[0]['facts'], 'dask' in sys.modules]))")
    worker = subprocess.run([str(venv / "bin" / "python"), "-c", task], cwd=elsewhere, capture_output=True, text=True,
                            env=env)
    assert worker.returncode == 0, worker.stderr
    assert worker.stdout.strip() == '["ok", 107, false]'  # the flagship's 107 facts, as in data/processed
