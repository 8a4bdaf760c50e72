"""Measure the indicator mapping on a folder of reports it was not written for.

Usage (``make measure-mapping``, DEV defaults to ../shared/data/dev)::

    .venv/bin/python scripts/measure_mapping.py [DEV_DIR] [--sample bench/mapping_sample.csv] [--size 70]

For every ``*.txt`` with a ``.yml`` beside it, runs :func:`cnreport.clean.report_facts`
(what ``cnreport facts`` writes) and prints, as Markdown:

* the share of facts mapped to an indicator, per genre and overall;
* the hand-judged precision of a seeded random sample of mapped facts (the facts with
  the smallest SHA-256 of seed, report, offset and indicator).

The sample file keeps the judgements (``judgement`` = correct, wrong or debatable, with
a ``note``): rerunning redraws the same rows (fixed seed) and keeps a judgement only
while the row's indicator, rule and subject are unchanged; a changed row is written
with an empty judgement to be judged again. Nothing else is written.

Metadata whose period is written as a span ("2020Q1-Q3", cumulative to the third
quarter) is read as its last quarter ("2020Q3"), because the package's metadata schema
knows only single periods; the script says so on stderr.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

from cnreport import clean
from cnreport.core import files, paths

SEED = 20201130
JUDGEMENTS = ("correct", "wrong", "debatable")
SAMPLE_COLUMNS = ("report_id", "genre", "start", "end", "text", "measure", "indicator_zh", "indicator_id",
                  "mapping_rule", "subject", "sentence", "judgement", "note")
_SPAN = re.compile(r"(\d{4})Q1-Q(\d)")


def read_meta(path: Path) -> files.ReportMeta:
    """Read a metadata file, reading a period span "2020Q1-Q3" as "2020Q3" (noted on stderr)."""
    doc = yaml.safe_load(files.read_bytes(path).decode("utf-8-sig"))
    for key in ("period_actual", "period_plan"):
        value = str(doc.get(key) or "")
        if _SPAN.fullmatch(value):
            doc[key] = _SPAN.sub(r"\1Q\2", value)
            print(f"measure_mapping: {path.name}: {key} {value} read as {doc[key]}", file=sys.stderr)
    return files.meta_from_mapping(doc, path)


def all_facts(folder: Path) -> list[dict]:
    """Facts of every report in ``folder`` (sorted by report id), each with its genre."""
    dictionary = clean.read_dictionary()
    out = []
    for txt in sorted(folder.glob("*.txt")):
        yml = txt.with_suffix(".yml")
        if not yml.exists():
            continue
        meta = read_meta(yml)
        rows, _ = clean.report_facts(files.read_report(txt).text, meta, meta.report_id, dictionary)
        out += [{**r, "genre": meta.genre} for r in rows]
    return out


def share_table(facts: list[dict]) -> str:
    """Markdown table: facts, mapped and share mapped per genre and overall."""
    total, mapped = Counter(), Counter()
    for f in facts:
        for key in (f["genre"], "all"):
            total[key] += 1
            mapped[key] += bool(f["indicator_id"])
    lines = ["| Genre | Reports | Facts | Mapped | Share mapped |", "|---|---:|---:|---:|---:|"]
    reports = {g: len({f["report_id"] for f in facts if g in ("all", f["genre"])}) for g in total}
    for g in sorted(k for k in total if k != "all") + ["all"]:
        lines.append(f"| {g} | {reports[g]} | {total[g]} | {mapped[g]} | {mapped[g] / total[g]:.0%} |")
    return "\n".join(lines)


def _draw_key(fact: dict) -> str:
    """A seeded pseudo-random key per fact (report, position, indicator): the sample is the
    ``size`` smallest keys, so a fact keeps its place when rules change other facts."""
    return hashlib.sha256(f"{SEED}:{fact['report_id']}:{fact['start']}:{fact['indicator_id']}".encode()).hexdigest()


def draw_sample(facts: list[dict], size: int, old: list[dict]) -> list[dict]:
    """A seeded random sample of mapped facts, keeping still-valid judgements from ``old``."""
    mapped = [f for f in facts if f["indicator_id"]]
    rows = sorted(mapped, key=_draw_key)[:size]
    rows.sort(key=lambda r: (r["report_id"], int(r["start"]), r["indicator_id"]))
    kept = {(o["report_id"], o["start"], o["indicator_id"], o["mapping_rule"], o["subject"]): o for o in old}
    out = []
    for r in rows:
        prev = kept.get((r["report_id"], str(r["start"]), r["indicator_id"], r["mapping_rule"], r["subject"]))
        row = {c: r.get(c, "") for c in SAMPLE_COLUMNS}
        row["judgement"], row["note"] = (prev["judgement"], prev["note"]) if prev else ("", "")
        out.append(row)
    return out


def precision_table(sample: list[dict]) -> str:
    """Markdown summary of the judged sample."""
    n = Counter(r["judgement"] or "unjudged" for r in sample)
    judged = sum(n[j] for j in JUDGEMENTS)
    prec = f"{n['correct'] / judged:.1%}" if judged else "n/a"
    strict = f"{n['correct'] / (judged - n['debatable']):.1%}" if judged - n["debatable"] else "n/a"
    return "\n".join([
        "| Sample | Correct | Wrong | Debatable | Unjudged | Precision (correct / judged) | Precision (debatable left out) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {len(sample)} | {n['correct']} | {n['wrong']} | {n['debatable']} | {n['unjudged']} | {prec} | {strict} |"])


def main(argv: list[str] | None = None) -> int:
    """Print the tables; rewrite the sample file (judgements kept)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, nargs="?", default=paths.DEV,
                    help="folder of reports with .yml metadata (default: ../shared/data/dev)")
    ap.add_argument("--sample", type=Path, default=Path("bench/mapping_sample.csv"))
    ap.add_argument("--size", type=int, default=70)
    args = ap.parse_args(argv)
    try:
        facts = all_facts(args.folder)
        old = files.read_csv_rows(args.sample) if args.sample.exists() else []
    except files.ReportError as exc:
        print(f"measure_mapping: error: {exc}", file=sys.stderr)
        return 2
    sample = draw_sample(facts, args.size, old)
    files.write_csv(args.sample, sample, SAMPLE_COLUMNS)
    print(share_table(facts) + "\n\n" + precision_table(sample))
    return 0


if __name__ == "__main__":
    sys.exit(main())
