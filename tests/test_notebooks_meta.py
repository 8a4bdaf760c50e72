"""Every notebook declares a `parameters` cell and is committed from one clean run."""

from __future__ import annotations

import json

import papermill
import pytest

from cnreport.core import paths
from cnreport.run import pipeline

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))


def test_pipeline_runs_every_committed_notebook():
    assert sorted(p.name for p in pipeline.notebook_paths()) == [p.name for p in NOTEBOOKS]


def test_every_notebook_runs_after_the_notebooks_whose_tables_it_reads():
    order = [p.name for p in pipeline.notebook_paths()]
    first_reader = min(i for i, n in enumerate(order) if not n.startswith(("01_", "02_")))
    assert order[:first_reader] == ["01_extract_indicators.ipynb", "02_clean_indicators.ipynb"]


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_has_parameters_cell(nb):
    params = papermill.inspect_notebook(str(nb))
    assert "report_id" in params


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_from_one_clean_run(nb):
    doc = json.loads(nb.read_text(encoding="utf-8"))
    assert doc["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in doc["cells"] if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    assert not any(o["output_type"] == "error" for c in code for o in c["outputs"])
    assert not any("execution" in c.get("metadata", {}) for c in code)
