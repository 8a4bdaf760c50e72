"""Check that the pipeline is deterministic and reproduces the committed outputs.

``make check-determinism`` runs this with the project's virtual environment.

1. Export the committed tree (``git archive HEAD``; nothing untracked, no
   uncommitted edits) to ``<tmp>/main``, and link ``<tmp>/shared`` to the
   ``shared`` folder beside the repository if there is one.
2. Run ``cnreport pipeline`` twice in the copy, with ``PYTHONPATH=<tmp>/main/src``
   (so ``cnreport.core.paths.ROOT`` is the copy, not this checkout) and the
   Makefile's determinism variables; after each run, hash (SHA-256) every file
   under ``data/``, ``figures/``, ``docs/`` and ``notebooks/``, and
   ``README.md`` (the pipeline rewrites its data-availability block).
   Files that git ignores are left out.
3. Compare run 1 with run 2, and run 1 with the committed files. Print the
   number of files compared and one line per differing file, and exit 1 if
   anything differs. A pipeline failure prints the tail of its output and
   exits 2. No traceback either way.

``--keep`` keeps the copy (as it is after run 2) and run 1's outputs, to
diff them. ``--worktree`` copies the working-tree version of every tracked file
(``git ls-files``) instead of ``HEAD``, to check changes before committing.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHECKED_DIRS = ("data", "figures", "docs", "notebooks")
CHECKED_FILES = ("README.md",)
# The Makefile's exports; the copy must run under exactly these.
DETERMINISM_ENV = {
    "PYTHONHASHSEED": "0",
    "MPLBACKEND": "Agg",
    "SOURCE_DATE_EPOCH": "1596326400",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}


class CheckError(Exception):
    """A problem that ends the check; printed as one line (exit 2)."""


def git(*args: str, stdin: bytes | None = None) -> bytes:
    """Run git in the repository and return its stdout."""
    done = subprocess.run(["git", "-C", str(REPO), *args], input=stdin, capture_output=True)
    if done.returncode != 0:
        raise CheckError(f"git {' '.join(args)} failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def export_committed(dest: Path) -> int:
    """Write the files of ``HEAD`` into ``dest``; return how many."""
    archive = git("archive", "--format=tar", "HEAD")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        members = [m for m in tar.getmembers() if m.isfile() or m.issym() or m.isdir()]
        tar.extractall(dest, members=members, filter="tar")
    return sum(1 for m in members if not m.isdir())


def export_worktree(dest: Path) -> int:
    """Copy the working-tree version of every tracked file into ``dest``; return how many."""
    names = [n for n in git("ls-files", "-z").decode().split("\0") if n]
    count = 0
    for name in names:
        src, dst = REPO / name, dest / name
        if not src.exists() and not src.is_symlink():
            continue  # deleted in the working tree
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            os.symlink(os.readlink(src), dst)
        else:
            dst.write_bytes(src.read_bytes())
            os.chmod(dst, src.stat().st_mode & 0o777)
        count += 1
    return count


def checked_files(root: Path) -> list[str]:
    """Relative paths of the files to hash under ``root``, without git-ignored ones, sorted."""
    found = [name for name in CHECKED_FILES if (root / name).is_file()]
    for folder in CHECKED_DIRS:
        base = root / folder
        if base.is_dir():
            found += [p.relative_to(root).as_posix() for p in base.rglob("*") if p.is_file()]
    if not found:
        return []
    out = subprocess.run(["git", "-C", str(REPO), "check-ignore", "--no-index", "--stdin", "-z"],
                         input="\0".join(found).encode(), capture_output=True)
    if out.returncode not in (0, 1):  # 1: nothing ignored
        raise CheckError(f"git check-ignore failed: {out.stderr.decode(errors='replace').strip()}")
    ignored = {n for n in out.stdout.decode().split("\0") if n}
    return sorted(n for n in found if n not in ignored)


def hash_tree(root: Path) -> dict[str, str]:
    """SHA-256 of every checked file under ``root``, by relative path."""
    return {name: hashlib.sha256((root / name).read_bytes()).hexdigest() for name in checked_files(root)}


def snapshot(root: Path, dest: Path, files: dict[str, str]) -> None:
    """Copy the checked files to ``dest`` (kept with ``--keep``, to diff run 1 against run 2)."""
    for name in files:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((root / name).read_bytes())


def run_pipeline(copy: Path, label: str) -> float:
    """Run ``cnreport pipeline`` in ``copy`` with the copy's sources first on the path; return seconds."""
    env = {**os.environ, **DETERMINISM_ENV, "PYTHONPATH": str(copy / "src")}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "cnreport", "pipeline"], cwd=copy, env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise CheckError(f"{label}: cnreport pipeline exited with {done.returncode}; last lines:\n{tail}")
    return seconds


def check_root(copy: Path) -> None:
    """Make sure the copy's cnreport (not this checkout's editable install) is the one imported."""
    env = {**os.environ, **DETERMINISM_ENV, "PYTHONPATH": str(copy / "src")}
    code = "from cnreport.core import paths; print(paths.ROOT)"
    done = subprocess.run([sys.executable, "-c", code], cwd=copy, env=env, capture_output=True, text=True)
    root = done.stdout.strip()
    if done.returncode != 0 or Path(root) != copy.resolve():
        raise CheckError(f"cnreport.core.paths.ROOT is {root or done.stderr.strip()!r} in the copy, "
                         f"expected {copy.resolve()} (PYTHONPATH did not win over the editable install)")


def compare(left: dict[str, str], right: dict[str, str], left_name: str, right_name: str) -> list[str]:
    """One line per file that differs, is missing on one side or is new."""
    lines = []
    for name in sorted(left.keys() | right.keys()):
        if name not in right:
            lines.append(f"  only in {left_name}: {name}")
        elif name not in left:
            lines.append(f"  only in {right_name}: {name}")
        elif left[name] != right[name]:
            lines.append(f"  differs: {name}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worktree", action="store_true",
                        help="copy the working-tree version of tracked files instead of HEAD")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy and print where it is")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="cnreport-determinism-"))
    try:
        copy = tmp / "main"
        copy.mkdir()
        shared = REPO.parent / "shared"
        if shared.is_dir():
            (tmp / "shared").symlink_to(shared.resolve(), target_is_directory=True)
        source = "working tree (tracked files)" if args.worktree else f"HEAD {git('rev-parse', '--short', 'HEAD').decode().strip()}"
        n = export_worktree(copy) if args.worktree else export_committed(copy)
        print(f"check-determinism: copied {n} files of {source} to a temporary folder"
              f"{' (shared linked)' if shared.is_dir() else ''}")
        check_root(copy)

        committed = hash_tree(copy)
        t1 = run_pipeline(copy, "run 1")
        run1 = hash_tree(copy)
        snapshot(copy, tmp / "run1", run1)
        print(f"check-determinism: run 1 took {t1:.0f} s")
        t2 = run_pipeline(copy, "run 2")
        run2 = hash_tree(copy)
        print(f"check-determinism: run 2 took {t2:.0f} s")

        between_runs = compare(run1, run2, "run 1", "run 2")
        against_committed = compare(committed, run1, "committed", "run 1")
        compared = len(run1.keys() | run2.keys() | committed.keys())
        print(f"check-determinism: compared {compared} files under "
              f"{', '.join(d + '/' for d in CHECKED_DIRS)} and {', '.join(CHECKED_FILES)}")
        for title, lines in (("run 1 vs run 2", between_runs), ("committed vs run 1", against_committed)):
            print(f"{title}: {f'{len(lines)} differ' if lines else 'identical'}")
            for line in lines:
                print(line)
        if args.keep:
            print(f"check-determinism: copy (after run 2) kept in {copy}, outputs of run 1 in {tmp / 'run1'}")
        if between_runs or against_committed:
            print("check-determinism: FAILED")
            return 1
        print("check-determinism: OK (byte-identical)")
        return 0
    except CheckError as exc:
        print(f"check-determinism: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("check-determinism: interrupted", file=sys.stderr)
        return 130
    finally:
        if not args.keep:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
