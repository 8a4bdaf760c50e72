"""Run the project's notebooks in order, in place, with clean outputs.

Each notebook is executed top to bottom in a fresh ``python3`` kernel with its
working directory set to ``notebooks/``. Outputs are stored without timing
metadata and with consecutive stream outputs merged, so a rerun on the same
inputs gives the same notebook file.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from cnreport.core import files, paths

log = logging.getLogger(__name__)

# Run order. The file numbers give the reading order; the teaching notebooks (00_*) are read first
# but run after 02, because they read the tables that 01 and 02 write (one `make all` is up to date).
NOTEBOOK_ORDER = (
    "01_extract_indicators.ipynb",
    "02_clean_indicators.ipynb",
    "00_reading_the_report.ipynb",            # guided reading (teaching), then its key and its exercises
    "00_reading_the_report_answers.ipynb",
    "00_reading_the_report_exercises.ipynb",
    "03_recovery_patterns.ipynb",
    "04_figures.ipynb",
    "05_cross_district.ipynb",
    "06_corpus.ipynb",
    "07_targets_and_outcomes.ipynb",
)
TIMEOUT_S = 600


@contextlib.contextmanager
def interruptible() -> Iterator[list[int]]:
    """Record Ctrl-C and SIGTERM while notebooks run, then stop as Ctrl-C does.

    nbclient runs the kernel from an asyncio loop, which turns a ``KeyboardInterrupt``
    into a chain of unrelated errors (``InvalidStateError``, ``AttributeError``); the
    list yielded holds the signal number once one arrived, so the caller can report an
    interruption in one line instead of that chain.
    """
    received: list[int] = []

    def on_signal(signum, frame):
        received.append(signum)
        raise KeyboardInterrupt

    old = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield received
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def interruption(exc: BaseException, received: list[int]) -> int | None:
    """The signal number if ``exc`` came from Ctrl-C or SIGTERM, else None.

    nbclient's event loop may take over the SIGINT handler (asyncio's ``add_signal_handler``),
    so a ``KeyboardInterrupt`` or a cancelled kernel task (``asyncio.CancelledError``) anywhere
    in the chain of ``exc`` counts too, as SIGINT: a failing cell raises neither. Nothing is
    imported here: Ctrl-C may have interrupted an import (of asyncio itself), and importing
    that module again would fail.
    """

    if received:
        return received[0]
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt) or type(exc).__name__ == "CancelledError":
            return signal.SIGINT
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def _kill_kernel(client) -> None:
    """Kill the kernel process of a running ``NotebookClient`` (best effort)."""
    pid = getattr(getattr(getattr(client, "km", None), "provisioner", None), "pid", None)
    if pid:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def notebook_paths() -> list[Path]:
    """The committed notebooks, in run order (those present on disk)."""
    return [paths.NOTEBOOKS / name for name in NOTEBOOK_ORDER if (paths.NOTEBOOKS / name).exists()]


def execute_notebook(path: Path, target: Path | None = None, parameters: dict | None = None) -> None:
    """Execute one notebook and write it atomically (in place by default).

    Parameters
    ----------
    path : Path
        The ``.ipynb`` file. Its outputs are replaced by a fresh run.
    target : Path, optional
        Where to write the executed notebook instead (``cnreport run``).
    parameters : dict, optional
        Values for the ``parameters`` cell, injected below it as papermill does.

    Raises
    ------
    nbclient.exceptions.CellExecutionError
        A cell raised; the notebook file is left as it was.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor

    nb = nbformat.read(path, as_version=4)
    if parameters:
        nb = _inject_parameters(nb, parameters)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    client = NotebookClient(nb, timeout=TIMEOUT_S, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    _run_interruptibly(client, path)
    # The kernel may flush one print as several stream outputs, depending on timing;
    # merging consecutive ones (as nbval does before comparing) makes the file deterministic.
    nb, _ = CoalesceStreamsPreprocessor().preprocess(nb, {})
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    files.write_text_atomic(target or path, nbformat.writes(nb) + "\n")


def _inject_parameters(nb, parameters: dict):
    """The notebook with a cell of ``parameters`` injected below its ``parameters`` cell, as papermill does,
    with a fixed cell id (papermill draws a random one; a rerun must give the same file)."""
    from papermill.parameterize import parameterize_notebook

    for cell in nb.cells:  # papermill looks up tags on every cell, and records into nb.metadata.papermill
        cell.metadata.setdefault("tags", [])
    nb.metadata.setdefault("papermill", {})
    nb = parameterize_notebook(nb, parameters)
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
        if not cell.metadata.get("tags"):
            cell.metadata.pop("tags", None)
    return nb


def _run_interruptibly(client, path: Path) -> None:
    """Execute the notebook of ``client``; Ctrl-C or SIGTERM kills its kernel and propagates."""
    # nbclient runs in a worker thread: in the main thread it would install its own SIGINT and
    # SIGTERM handlers, which let the run go on after Ctrl-C and leave asyncio errors behind.
    # Ctrl-C or SIGTERM now stops the main thread, which kills the kernel; the worker then ends.
    # The kernel's own stderr goes to a file, attached to the error only when a run fails.
    with tempfile.TemporaryFile() as kernel_log:
        failure: list[BaseException] = []

        def work() -> None:
            try:
                client.execute(stderr=kernel_log)
            except BaseException as exc:   # handed to the main thread
                failure.append(exc)

        worker = threading.Thread(target=work, name=f"nbclient {path.name}", daemon=True)
        worker.start()
        try:
            while worker.is_alive():
                worker.join(0.2)
        except BaseException:
            _kill_kernel(client)
            worker.join(10)
            atexit.unregister(client._cleanup_kernel)   # nbclient's exit hook would fail on the dead kernel
            raise
        if failure:
            kernel_log.seek(0)
            text = kernel_log.read().decode("utf-8", "replace").strip()
            if text:
                failure[0].add_note(f"kernel stderr:\n{text}")
            raise failure[0]


def write_pages() -> None:
    """Write the annotated page of every report in ``data/raw`` and ``docs/index.html``."""
    import sys

    from cnreport.present import page

    for written in page.write_pages():
        print(f"wrote {paths.relative(written)}", file=sys.stderr)
