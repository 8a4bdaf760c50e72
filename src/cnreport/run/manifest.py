"""`cnreport manifest`: regenerate ``data/raw/SHA256SUMS`` from the files in ``data/raw/``.

The manifest records the bytes of every raw file, so an edit shows up in the tests;
after adding a report, this command records it. Files that are also in the shared
collection are checked against it separately (tests/test_raw_data.py).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from cnreport.core import files, paths


def manifest_text(raw_dir: Path) -> str:
    """``sha256  name`` for every file of ``raw_dir`` but the manifest and README.md: texts, then metadata, each by name."""
    found = [p for p in raw_dir.iterdir() if p.is_file() and p.name not in (paths.RAW_MANIFEST.name, "README.md")]
    names = [p.name for p in sorted(found, key=lambda p: (p.suffix, p.name))]  # texts, then metadata
    return "".join(f"{hashlib.sha256((raw_dir / n).read_bytes()).hexdigest()}  {n}\n" for n in names)


def cmd_manifest() -> int:
    """Write the manifest atomically and say how many files it lists."""
    text = manifest_text(paths.RAW)
    files.write_text_atomic(paths.RAW_MANIFEST, text)
    print(f"cnreport: wrote {paths.relative(paths.RAW_MANIFEST)} ({text.count(chr(10))} files)", file=sys.stderr)
    return 0
