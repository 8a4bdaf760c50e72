"""Benchmark the corpus job (`make bench-corpus`): throughput, scaling, Dask overhead, memory per worker.

Generates N synthetic reports (default 10,000; seed 0; sentences of data/raw
recombined, see cnreport.run.corpus_generate) in a temporary folder, then times,
each REPEAT times (median reported):

- a plain loop in this one process over the same reports: read, extract, map
  (cnreport.run.corpus_work.process_report), then one Parquet file of all facts;
- `run_corpus` end to end on a LocalCluster of 1 and of 2 single-threaded worker
  processes, cluster start-up, hashing, compaction and manifest included.

Peak memory per worker is the largest resident set (VmHWM) a worker process
reached, read from each worker after its run. The load average is printed before
and after, because the machine may be shared. Prints Markdown and writes it to
bench/corpus_results.md.

Usage: .venv/bin/python scripts/bench_corpus.py [N] [REPEAT]
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from cnreport.core import files, paths
from cnreport.run import corpus, corpus_generate
from cnreport.run import corpus_work as work

TARGETS = {"per_core": 500, "scaling": 1.7, "overhead": 0.20, "memory_mb": 500}


def plain_loop(inputs: list[corpus.Input], out: Path) -> tuple[float, int, float]:
    """Seconds, facts and CPU seconds for one process doing the same work without Dask."""
    start, cpu = time.perf_counter(), time.process_time()
    facts = []
    for i in inputs:
        facts.extend(work.process_report(i.path, i.meta_path, i.input_path)[1])
    files.write_bytes_atomic(out, work.parquet_bytes(work.facts_table(facts)))
    return time.perf_counter() - start, len(facts), time.process_time() - cpu


def _usage() -> tuple[float, float]:
    """(peak resident memory in MB, CPU seconds) of the calling process.

    The peak is VmHWM from /proc/self/status, not ``ru_maxrss``: a worker process is
    forked from the driver and then exec'd, and Linux carries the driver's peak over
    into the child's ``ru_maxrss`` (the first run of this script reported the
    driver's 800 MB as each worker's peak).
    """
    import resource

    u = resource.getrusage(resource.RUSAGE_SELF)
    with open("/proc/self/status", encoding="ascii") as fh:
        hwm_kb = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    return hwm_kb / 1024, u.ru_utime + u.ru_stime


def dask_run(src: Path, out: Path, n_workers: int) -> tuple[float, corpus.Summary, list[float], float]:
    """Seconds (cluster start-up included), the summary, each worker's peak memory (MB), CPU seconds of all processes."""
    from dask.distributed import Client, LocalCluster

    start, cpu = time.perf_counter(), time.process_time()
    with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster:
        summary = corpus.run_corpus(src, out, scheduler=cluster.scheduler_address, quiet=True)
        seconds = time.perf_counter() - start
        with Client(cluster) as client:
            usage = list(client.run(_usage).values())
    return seconds, summary, sorted(m for m, _ in usage), time.process_time() - cpu + sum(c for _, c in usage)


def main(n: int = 10_000, repeat: int = 3) -> str:
    tmp = Path(tempfile.mkdtemp(prefix="cnreport-bench-corpus-"))
    src = tmp / "reports"
    t0 = time.perf_counter()
    corpus_generate.generate_corpus(src, n, seed=0)
    print(f"generated {n} reports in {time.perf_counter() - t0:.1f} s ({src})", file=sys.stderr)
    inputs = corpus.list_inputs(src)
    load_before = os.getloadavg()
    loops, one, two = [], [], []
    for r in range(repeat):
        loops.append(plain_loop(inputs, tmp / f"loop{r}.parquet"))
        one.append(dask_run(src, tmp / f"one{r}", 1))
        two.append(dask_run(src, tmp / f"two{r}", 2))
        print(f"repeat {r + 1}: loop {loops[-1][0]:.1f} s, 1 worker {one[-1][0]:.1f} s, 2 workers {two[-1][0]:.1f} s, "
              f"load {os.getloadavg()[0]:.2f}", file=sys.stderr)
    load_after = os.getloadavg()
    assert len({f for _, f, _ in loops} | {s.facts for _, s, _, _ in one + two}) == 1, "runs disagree on the facts"
    t_loop = statistics.median(t for t, _, _ in loops)
    t1 = statistics.median(t for t, _, _, _ in one)
    t2 = statistics.median(t for t, _, _, _ in two)
    cpu = {"loop": statistics.median(c for _, _, c in loops), "one": statistics.median(c for *_, c in one),
           "two": statistics.median(c for *_, c in two)}
    peak = max(p for _, _, peaks, _ in one + two for p in peaks)
    facts = loops[0][1]
    figures = {"per_core": n / t2 / 2, "scaling": t1 / t2, "overhead": t1 / t_loop - 1, "memory_mb": peak}
    ok = {k: (v >= TARGETS[k] if k in ("per_core", "scaling") else v < TARGETS[k]) for k, v in figures.items()}
    mark = {True: "met", False: "**missed**"}
    lines = [
        f"Produced by `make bench-corpus` (`.venv/bin/python scripts/bench_corpus.py {n} {repeat}`) on "
        f"{time.strftime('%Y-%m-%d')}: {n:,} synthetic reports ({facts:,} facts), median of {repeat} runs; "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; load average (1 min) "
        f"{load_before[0]:.2f} before, {load_after[0]:.2f} after.",
        "",
        "| What | Measured | Target |",
        "|---|---:|---:|",
        f"| plain loop, one process, no Dask (read, extract, map, one Parquet file) | {t_loop:.1f} s "
        f"({n / t_loop:,.0f} reports/s; CPU {1000 * cpu['loop'] / n:.2f} ms per report) | |",
        f"| `cnreport corpus`, 1 worker, end to end | {t1:.1f} s ({n / t1:,.0f} reports/s; "
        f"CPU {1000 * cpu['one'] / n:.2f} ms per report, all processes) | |",
        f"| `cnreport corpus`, 2 workers, end to end | {t2:.1f} s ({n / t2:,.0f} reports/s; "
        f"CPU {1000 * cpu['two'] / n:.2f} ms per report, all processes) | |",
        f"| reports per second per core (2 workers) | {figures['per_core']:,.0f} | ≥ 500 ({mark[ok['per_core']]}) |",
        f"| scaling from 1 to 2 workers | {figures['scaling']:.2f}× | ≥ 1.7× ({mark[ok['scaling']]}) |",
        f"| Dask overhead (1 worker against the plain loop) | {figures['overhead']:.0%} | < 20% ({mark[ok['overhead']]}) |",
        f"| peak memory per worker | {peak:,.0f} MB | < 500 MB ({mark[ok['memory_mb']]}) |",
        "",
    ]
    text = "\n".join(lines)
    files.write_text_atomic(paths.ROOT / "bench" / "corpus_results.md", text)
    return text


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    print(main(*args))
