"""Word lists read from data: units, magnitude words and cue words.

The lists live in ``src/cnreport/core/lexicon/*.csv`` so that rules are data: adding
a unit or a cue word needs no code change. They are read once, on first use.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from cnreport.core import paths


@dataclass(frozen=True)
class Unit:
    """A unit word: ``unit_zh`` as written (Simplified), its base unit and factor."""

    unit_zh: str
    unit_base: str
    factor: Decimal
    kind: str


def _rows(name: str) -> list[dict]:
    with open(paths.package_file("cnreport.core", "lexicon", name), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    """Unit words keyed by their Simplified spelling."""
    return {r["unit_zh"]: Unit(r["unit_zh"], r["unit_base"], Decimal(r["factor"]), r["kind"])
            for r in _rows("units.csv")}


@lru_cache(maxsize=1)
def magnitudes() -> dict[str, int]:
    """Magnitude words (万, 亿, 千万 ...) and their factors."""
    return {r["magnitude_zh"]: int(r["factor"]) for r in _rows("magnitudes.csv")}


@lru_cache(maxsize=1)
def cues() -> dict[str, tuple[str, ...]]:
    """Cue words by kind, longest first (so that 超过 is tried before 超)."""
    out: dict[str, list[str]] = {}
    for r in _rows("cues.csv"):
        out.setdefault(r["kind"], []).append(r["cue"])
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def alternation(words) -> str:
    """A regex alternation of ``words``, longest first, escaped."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def unit_overrides() -> tuple[tuple[str, re.Pattern, str], ...]:
    """Base-unit overrides by indicator phrase: (unit_zh, pattern, unit_base)."""
    return tuple((r["unit_zh"], re.compile(r["indicator_pattern"]), r["unit_base"])
                 for r in _rows("unit_overrides.csv"))
