"""Benchmark the extractor: time per report in one process, a 1 MB text, CLI start-up.

Run with `make bench`. Prints a Markdown table; nothing is written to disk.
Targets (issue 4): flagship < 5 ms in-process, 1 MB < 1 s, CLI start-up < 0.5 s.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from cnreport import extract
from cnreport.core import files, paths

REPEAT = 50          # runs per report; the 1 MB text and the CLI get fewer, see below
REPEAT_BIG = 5


def _median_time(fn, n: int) -> float:
    """Median wall time of ``n`` calls of ``fn``, in seconds (the median resists a noisy machine)."""
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ids = files.list_report_ids()
    reports = {rid: (files.read_report(paths.raw_report(rid)).text, files.read_metadata(rid)) for rid in ids}
    extract.extract_quantities(*reports["tongzhou_2020h1"])   # warm-up: word lists, OpenCC, regexes, parsed numbers
    print("| Report | Characters | Quantities | Median time (ms) | Characters per second |")
    print("|---|---:|---:|---:|---:|")
    for rid, (text, meta) in reports.items():
        n = len(extract.extract_quantities(text, meta).rows)
        t = _median_time(lambda text=text, meta=meta: extract.extract_quantities(text, meta), REPEAT)
        print(f"| {rid} | {len(text)} | {n} | {t * 1000:.2f} | {len(text) / t:,.0f} |")
    text, meta = reports["tongzhou_2020h1"]
    big = (text + "\n") * (1_000_000 // (len(text) + 1) + 1)
    big = big[:1_000_000]
    t = _median_time(lambda: extract.extract_quantities(big, meta), REPEAT_BIG)
    print(f"| 1 MB (flagship repeated) | {len(big)} | {len(extract.extract_quantities(big, meta).rows)} "
          f"| {t * 1000:.0f} | {len(big) / t:,.0f} |")
    print()
    cli = [sys.executable, "-m", "cnreport"]
    flagship = str(paths.raw_report("tongzhou_2020h1"))
    for label, args in (("`cnreport --version`", ["--version"]),
                        ("`cnreport extract` flagship (start-up + run)", ["extract", flagship])):
        t = _median_time(lambda args=args: subprocess.run(cli + args, capture_output=True, check=True), 5)
        print(f"CLI {label}: median {t * 1000:.0f} ms over 5 runs")


if __name__ == "__main__":
    main()
