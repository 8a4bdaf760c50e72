"""Check tests/cases/quantities.csv against the conventions of tests/cases/README.md.

Run with the repository's venv: ``.venv/bin/python tests/cases/validate_cases.py``.
Exits 0 when every check passes, 1 otherwise (each problem printed on its own line).
This is a data check, not a test of the extractor.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "quantities.csv"

COLUMNS = ["case_id", "kind", "sentence", "text", "value_base", "value_high_base", "unit_base", "measure",
           "qualifier", "note"]
MINIMA = {"minus": 12, "cn_numeral": 40, "range": 20, "physical_unit": 35, "currency": 35, "compound_unit": 15,
          "approximate": 15, "other_forms": 30, "furniture": 12, "plan_measure": 15}
TOTAL_MINIMUM = 220
MEASURES = {"level", "growth_pct", "share_pct", "rate_pct", "pp_change", "abs_change",        # extractor's
            "plan_progress_pct", "growth_avg_pct", "contribution_pct"}                        # added here
QUALIFIERS = {"exact", "more_than", "at_least", "at_most", "about", "range", "each"}
UNIT_BASES = {
    # already used by the listings or src/cnreport/lexicon/units.csv
    "CNY", "USD", "percent", "permille", "pp", "mu", "hectare", "km2", "m2", "m3", "tonne", "kg", "jin", "km", "m",
    "kwh", "kw", "teu", "persons", "person_times", "households", "count", "head", "hours", "days", "times",
    "per_10k_persons",
    # added by this case file (see README.md)
    "kv", "kva", "tce", "HKD", "TWD", "EUR", "JPY", "GBP", "AUD", "KRW", "MOP", "SGD", "RUB",
    "tce_per_10k_cny", "kwh_per_10k_cny", "m3_per_10k_cny", "cny_per_m2", "cny_per_person", "cny_per_tonne",
    "cny_per_mu", "cny_per_kwh", "cny_per_kg", "cny_per_month", "cny_per_km2", "cny_per_person_year",
    "persons_per_km2", "usd_per_barrel",
}
PERCENT_MEASURES = {"growth_pct", "share_pct", "rate_pct", "plan_progress_pct", "growth_avg_pct",
                    "contribution_pct"}


def _num(s: str) -> Decimal | None:
    try:
        d = Decimal(s)
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def check(path: Path = CASES) -> list[str]:
    problems: list[str] = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != COLUMNS:
            return [f"header is {reader.fieldnames}, expected {COLUMNS}"]
        rows = list(reader)
    ids, pairs, kinds = Counter(), Counter(), Counter()
    for n, r in enumerate(rows, start=2):
        where = f"line {n} ({r['case_id']})"
        ids[r["case_id"]] += 1
        pairs[(r["sentence"], r["text"])] += 1
        kinds[r["kind"]] += 1
        if r["kind"] not in MINIMA:
            problems.append(f"{where}: unknown kind {r['kind']!r}")
        if not r["sentence"] or not r["text"]:
            problems.append(f"{where}: empty sentence or text")
            continue
        occurrences = r["sentence"].count(r["text"])
        if occurrences != 1:
            problems.append(f"{where}: text {r['text']!r} occurs {occurrences} times in its sentence (must be once)")
        if r["text"] != r["text"].strip():
            problems.append(f"{where}: text has leading or trailing whitespace")
        if r["measure"] == "none":
            for col in ("value_base", "value_high_base", "unit_base", "qualifier"):
                if r[col]:
                    problems.append(f"{where}: a 'none' row must leave {col} empty")
            if not r["note"]:
                problems.append(f"{where}: a 'none' row needs a note giving the reason")
            continue
        if r["measure"] not in MEASURES:
            problems.append(f"{where}: unknown measure {r['measure']!r}")
        if r["qualifier"] not in QUALIFIERS:
            problems.append(f"{where}: unknown qualifier {r['qualifier']!r}")
        if r["unit_base"] not in UNIT_BASES:
            problems.append(f"{where}: unknown unit_base {r['unit_base']!r}")
        if r["kind"] == "furniture":
            problems.append(f"{where}: furniture rows must all be measure 'none'")
        low = _num(r["value_base"])
        if low is None:
            problems.append(f"{where}: value_base {r['value_base']!r} is not a number")
        high = r["value_high_base"]
        if r["qualifier"] == "range":
            hi = _num(high)
            if hi is None:
                problems.append(f"{where}: a range needs a numeric value_high_base")
            elif low is not None and not low < hi:
                problems.append(f"{where}: range low {low} must be below high {hi}")
        elif high:
            problems.append(f"{where}: value_high_base is only for ranges (qualifier 'range')")
        if r["measure"] in PERCENT_MEASURES and r["unit_base"] not in ("percent", "permille"):
            problems.append(f"{where}: measure {r['measure']} needs unit_base percent or permille")
        if r["measure"] == "pp_change" and r["unit_base"] != "pp":
            problems.append(f"{where}: pp_change needs unit_base pp")
        if r["unit_base"] == "pp" and r["measure"] != "pp_change":
            problems.append(f"{where}: unit_base pp goes with measure pp_change")
    problems += [f"case_id {k!r} used {v} times" for k, v in ids.items() if v > 1]
    problems += [f"(sentence, text) {k[1]!r} in {k[0]!r} listed {v} times" for k, v in pairs.items() if v > 1]
    for kind, minimum in MINIMA.items():
        if kinds[kind] < minimum:
            problems.append(f"kind {kind}: {kinds[kind]} rows, needs at least {minimum}")
    if len(rows) < TOTAL_MINIMUM:
        problems.append(f"{len(rows)} rows in all, needs at least {TOTAL_MINIMUM}")
    return problems


def main() -> int:
    problems = check()
    for p in problems:
        print(p)
    with CASES.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    per_kind = Counter(r["kind"] for r in rows)
    none = Counter(r["kind"] for r in rows if r["measure"] == "none")
    for kind in MINIMA:
        print(f"{kind:14s} {per_kind[kind]:4d} rows ({none[kind]} none)")
    print(f"{'total':14s} {len(rows):4d} rows ({sum(none.values())} none)")
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
