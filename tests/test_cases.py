"""The hand-checked case file (tests/cases/quantities.csv): every number form, one sentence each.

Each distinct sentence is extracted alone (no metadata). A quantity case is right when a row
with exactly its span has its value_base, high end (in base units), unit_base, measure and
qualifier; a look-alike (``measure`` none) is right when no quantity overlaps its span.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from functools import cache

import pytest

from cnreport import extract
from cnreport.core import files, paths

CASES = files.read_csv_rows(paths.TESTS / "cases" / "quantities.csv")


@cache
def _rows(sentence: str) -> tuple[dict, ...]:
    return tuple(extract.extract_quantities(sentence).rows)


def _num(text) -> Decimal | None:
    return Decimal(text) if text not in (None, "") else None


def _high_base(row: dict) -> Decimal | None:
    """The high end of a row's range in base units (value_high scaled as value is)."""
    if not row["value_high"]:
        return None
    value, base = Decimal(row["value"]), Decimal(row["value_base"])
    return Decimal(row["value_high"]) * (base / value) if value else None


def verdict(case: dict) -> str:
    """'right', 'missed', 'wrong' (a row overlaps with other fields: a silently wrong value) or 'extracted' (a look-alike read)."""
    sentence, text = case["sentence"], case["text"]
    a = sentence.index(text)
    b = a + len(text)
    overlapping = [r for r in _rows(sentence) if r["start"] < b and a < r["end"]]
    if case["measure"] == "none":
        return "extracted" if overlapping else "right"
    exact = [r for r in overlapping if (r["start"], r["end"]) == (a, b)]
    if not exact:
        return "wrong" if overlapping else "missed"
    r = exact[0]
    got = (_num(r["value_base"]), _high_base(r), r["unit_base"], r["measure"], r["qualifier"])
    want = (_num(case["value_base"]), _num(case["value_high_base"]), case["unit_base"], case["measure"], case["qualifier"])
    return "right" if got == want else "wrong"


@pytest.mark.parametrize("case", CASES, ids=[c["case_id"] for c in CASES])
def test_case(case):
    assert verdict(case) == "right", (case, _rows(case["sentence"]))


def test_at_least_95_percent_right_per_kind_and_none_silently_wrong():
    by_kind: dict[str, Counter] = {}
    for case in CASES:
        by_kind.setdefault(case["kind"], Counter())[verdict(case)] += 1
    for kind, counts in by_kind.items():
        assert counts["right"] / sum(counts.values()) >= 0.95, (kind, counts)
        assert counts["wrong"] == 0, (kind, counts)
    assert len(CASES) >= 220 and len(by_kind) == 10


def test_the_verdict_can_fail():
    case = dict(CASES[0], value_base="1")
    assert verdict(case) == "wrong"
