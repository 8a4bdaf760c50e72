"""Word lists read from data: units, magnitude words and cue words.

The lists live in ``src/cnreport/core/lexicon/*.csv`` so that rules are data: adding
a unit or a cue word needs no code change, and no module repeats a word of them.
They are read once per folder, on first use: to change the lists while a program
runs, point it at another folder.

Another folder of lists (a copy of ``lexicon/`` with words added, for a test or for
reports of another region) is used when the environment variable
``CNREPORT_LEXICON`` names it; it is read at each call, so setting it takes effect
at once (``CNREPORT_LEXICON=/path/to/lexicon cnreport extract r.txt``). The folder
must hold all four files: ``units.csv``, ``magnitudes.csv``, ``cues.csv`` and
``unit_overrides.csv``.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from cnreport.core import paths

ENV_VAR = "CNREPORT_LEXICON"


@dataclass(frozen=True)
class Unit:
    """A unit word: ``unit_zh`` as written (Simplified), its base unit and factor."""

    unit_zh: str
    unit_base: str
    factor: Decimal
    kind: str


def folder() -> str:
    """The folder of word lists in use: ``""`` for the package's own, else the value of ``CNREPORT_LEXICON``."""
    return os.environ.get(ENV_VAR, "")


def _rows(name: str, where: str) -> list[dict]:
    path = Path(where, name) if where else paths.package_file("cnreport.core", "lexicon", name)
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def units() -> dict[str, Unit]:
    """Unit words keyed by their Simplified spelling."""
    return _units(folder())


@lru_cache(maxsize=4)
def _units(where: str) -> dict[str, Unit]:
    return {r["unit_zh"]: Unit(r["unit_zh"], r["unit_base"], Decimal(r["factor"]), r["kind"])
            for r in _rows("units.csv", where)}


def magnitudes() -> dict[str, int]:
    """Magnitude words (万, 亿, 千万 ...) and their factors."""
    return _magnitudes(folder())


@lru_cache(maxsize=4)
def _magnitudes(where: str) -> dict[str, int]:
    return {r["magnitude_zh"]: int(r["factor"]) for r in _rows("magnitudes.csv", where)}


def cues() -> dict[str, tuple[str, ...]]:
    """Cue words by kind, longest first (so that 超过 is tried before 超); words of one length keep the file's order."""
    return _cues(folder())


@lru_cache(maxsize=4)
def _cues(where: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for r in _rows("cues.csv", where):
        out.setdefault(r["kind"], []).append(r["cue"])
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def alternation(words) -> str:
    """A regex alternation of ``words``, longest first, escaped."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def unit_overrides() -> tuple[tuple[str, re.Pattern, str], ...]:
    """Base-unit overrides by indicator phrase: (unit_zh, pattern, unit_base)."""
    return _unit_overrides(folder())


@lru_cache(maxsize=4)
def _unit_overrides(where: str) -> tuple[tuple[str, re.Pattern, str], ...]:
    return tuple((r["unit_zh"], re.compile(r["indicator_pattern"]), r["unit_base"])
                 for r in _rows("unit_overrides.csv", where))
