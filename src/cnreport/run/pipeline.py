"""Run the project's notebooks in order, in place, with clean outputs.

Each notebook is executed top to bottom in a fresh ``python3`` kernel with its
working directory set to ``notebooks/``. Outputs are stored without timing
metadata and with consecutive stream outputs merged, so a rerun on the same
inputs gives the same notebook file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from cnreport.core import files, paths

log = logging.getLogger(__name__)

NOTEBOOK_ORDER = (
    "01_extract_indicators.ipynb",
    "02_clean_indicators.ipynb",
    "03_recovery_patterns.ipynb",
    "04_figures.ipynb",
    "06_corpus.ipynb",
)
TIMEOUT_S = 600


def notebook_paths() -> list[Path]:
    """The committed notebooks, in run order (those present on disk)."""
    return [paths.NOTEBOOKS / name for name in NOTEBOOK_ORDER if (paths.NOTEBOOKS / name).exists()]


def execute_notebook(path: Path) -> None:
    """Execute one notebook in place and write it back atomically.

    Parameters
    ----------
    path : Path
        The ``.ipynb`` file. Its outputs are replaced by a fresh run.

    Raises
    ------
    nbclient.exceptions.CellExecutionError
        A cell raised; the notebook file is left as it was.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    client = NotebookClient(nb, timeout=TIMEOUT_S, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    # The kernel may flush one print as several stream outputs, depending on timing;
    # merging consecutive ones (as nbval does before comparing) makes the file deterministic.
    nb, _ = CoalesceStreamsPreprocessor().preprocess(nb, {})
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    files.write_text_atomic(path, nbformat.writes(nb) + "\n")
