"""Writing a command's outputs safely: checked first, written as one unit.

Rules (README, "Outputs"):

- an output may not be an input of the run (the report, its metadata) or another
  output of the same run: ``cnreport extract r.txt -o r.txt`` would destroy the report;
- an output may only replace a regular file: never a folder, a symbolic link, a
  device (``/dev/null``, ``/dev/full``) or a named pipe;
- all outputs of one run are written as one unit: each goes to a temporary file
  beside its target first, and only when every one is complete are they moved into
  place, with SIGINT and SIGTERM held back during the moves; a failure or a signal
  before that leaves every earlier file as it was and removes the temporary files;
- a replaced file keeps its permission bits (a 0600 file stays 0600).

Standard output is written through :func:`write_stdout`, which turns a full disk or
a closed pipe into a one-line error.
"""

from __future__ import annotations

import os
import signal
import stat
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from cnreport.core.files import ReportError

NEW_FILE_MODE = 0o644


def check_outputs(outputs: Sequence[Path], inputs: Sequence[Path] = ()) -> None:
    """Refuse output paths that would destroy an input, each other, or a non-file.

    Parameters
    ----------
    outputs : sequence of Path
        The paths the run will write.
    inputs : sequence of Path
        The files the run reads (report, metadata); an output may be none of them.

    Raises
    ------
    ReportError
        An output equals an input or another output (same file, also through a link),
        exists and is not a regular file, or sits under a path that is not a folder.
    """
    seen: list[Path] = []
    for out in outputs:
        for other in [*inputs, *seen]:
            if _same_file(out, other):
                what = "another output of this run" if other in seen else "an input of this run"
                raise ReportError(out, f"output would overwrite {what} ({other.name}); choose another file")
        seen.append(out)
        _check_target(out)


def _same_file(a: Path, b: Path) -> bool:
    try:
        if os.path.samefile(a, b):
            return True
    except OSError:
        pass
    return os.path.realpath(a) == os.path.realpath(b)


def _check_target(out: Path) -> None:
    try:
        st = os.lstat(out)
    except FileNotFoundError:
        st = None
    except NotADirectoryError:
        raise ReportError(out, "cannot write: a part of the path is a file, not a folder") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        kind = ("a folder" if stat.S_ISDIR(st.st_mode) else "a symbolic link" if stat.S_ISLNK(st.st_mode)
                else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "not a regular file")
        raise ReportError(out, f"output exists and is {kind}; only a regular file is replaced")
    parent = out.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise ReportError(out, f"cannot write: {parent} is not a folder")


def write_outputs(contents: Sequence[tuple[Path, bytes]]) -> None:
    """Write several files as one unit: all are replaced, or none.

    Parameters
    ----------
    contents : sequence of (Path, bytes)
        Each target and its bytes. Targets should have passed :func:`check_outputs`.

    Raises
    ------
    ReportError
        A target cannot be written (read-only folder, full disk, not a regular file);
        no target has been replaced.
    """
    temps: list[tuple[str, Path]] = []
    current = contents[0][0] if contents else Path("-")
    old_handler = _install_sigterm()
    try:
        for path, data in contents:
            current = path
            _check_target(path)
            temps.append((_write_temp(path, data), path))
        # every temporary file is complete: move them all, with Ctrl-C and SIGTERM held back
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            for tmp, path in temps:
                current = path
                os.replace(tmp, path)
            temps = []
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    except OSError as exc:
        raise ReportError(current, f"cannot write ({exc.strerror or exc})") from None
    finally:
        for tmp, _ in temps:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        _restore_sigterm(old_handler)


def _write_temp(path: Path, data: bytes) -> str:
    """Write ``data`` to a new temporary file beside ``path``; its mode is ``path``'s, if it exists."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(path, f"cannot create its folder ({exc.strerror})") from None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


class Terminated(SystemExit):
    """Raised in the main thread on SIGTERM, so that ``finally`` blocks remove temporary files."""

    def __init__(self) -> None:
        super().__init__(128 + signal.SIGTERM)


def _raise_terminated(signum, frame) -> None:
    raise Terminated()


def _install_sigterm():
    """Turn SIGTERM into :class:`Terminated` while outputs are written (main thread only)."""
    try:
        return signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:         # not the main thread: leave signals alone
        return None


def _restore_sigterm(handler) -> None:
    try:
        signal.signal(signal.SIGTERM, handler)
    except (ValueError, TypeError):
        pass


def install_sigterm_cleanup() -> None:
    """Make SIGTERM unwind the stack like Ctrl-C does (for the CLI's whole run)."""
    _install_sigterm()


def write_stdout(data: bytes) -> None:
    """Write ``data`` to standard output and flush it.

    Raises
    ------
    ReportError
        Standard output cannot take the data (``/dev/full``, a closed pipe). Standard
        output is then pointed at ``/dev/null`` so that the interpreter's final flush is quiet.
    """
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as exc:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        raise ReportError("-", f"cannot write to standard output ({exc.strerror or type(exc).__name__})") from None
