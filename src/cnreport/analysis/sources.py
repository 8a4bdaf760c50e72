"""Source names for sentences and figures: who published a number, and where it sits.

Frames carry sources as references: ``report@start-end`` for report spans,
``benchmarks.csv:<line>`` for benchmark rows, and ``a ; b`` for rates derived from
two of them. :class:`Sources` turns a reference into words a reader can check:
the publisher, then the place in our files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

_SPLIT = re.compile(r" via | reposted\b| on an? ")
#: A benchmark row reference: ``benchmarks.csv:12``, ``benchmarks_provinces.csv:40``.
BENCHMARK_REF = re.compile(r"(benchmarks[a-z_]*\.csv):(\d+)")


def original_publisher(publisher: str) -> str:
    """The original publisher in a benchmark's ``source_publisher``, without the channel.

    "National Bureau of Statistics via NetEase Finance (网易财经)" -> "National Bureau of
    Statistics"; "Nantong Mayor at Municipal People's Congress, via Xinhua Daily" -> "Nantong
    Mayor at Municipal People's Congress"; "... release on a mirror site" -> "... release".
    """
    return _SPLIT.split(publisher)[0].strip().rstrip(",;")


def publisher_zh(publisher: str, geo_zh: str) -> str:
    """A Chinese name for a benchmark's original publisher, by rule.

    A statistics bureau is 国家统计局 for the country and ``<place>统计局`` for a
    province or city (江苏省统计局); any other publisher keeps its English name.
    """
    name = original_publisher(publisher)
    if "Bureau of Statistics" in name or "Statistics Bureau" in name:
        return "国家统计局" if geo_zh in ("中国", "全国") else f"{geo_zh}统计局"
    return name


@dataclass(frozen=True)
class Sources:
    """Publishers of the reports and of the benchmark rows.

    Attributes
    ----------
    benchmarks : DataFrame
        The benchmark rows, with ``_file`` and ``_line`` (as read by
        :func:`cnreport.clean.benchmarks.read_benchmarks`); a frame without them is
        taken as ``benchmarks.csv`` read as is (row ``k`` is file line ``k + 2``).
    reports : dict
        ``report_id`` -> ``(publisher_en, period_actual)``.
    """

    benchmarks: pd.DataFrame
    reports: dict

    def benchmark_row(self, line: int, file: str = "benchmarks.csv") -> pd.Series:
        """The benchmark row at a file line (the header is line 1)."""
        b = self.benchmarks
        if "_file" not in b.columns:
            return b.iloc[line - 2]
        hit = b[(b["_file"] == file) & (b["_line"].astype(int) == line)]
        if hit.empty:
            raise KeyError(f"{file}:{line} is not a benchmark row")
        return hit.iloc[0]

    def name(self, ref: str | None) -> str:
        """A reference in words: ``"National Bureau of Statistics (benchmarks.csv line 8)"``.

        Parameters
        ----------
        ref : str or None
            ``report@start-end``, ``<benchmark file>:<line>``, or several joined by `` ; ``.

        Returns
        -------
        str
            For a report span: ``"<publisher>, <report_id>, characters <start>–<end>"``;
            for a derived rate, both inputs joined by " and "; "" for None.
        """
        if not isinstance(ref, str) or not ref:
            return ""
        parts = []
        for piece in ref.split(" ; "):
            m = BENCHMARK_REF.fullmatch(piece.strip())
            if m:
                row = self.benchmark_row(int(m.group(2)), m.group(1))
                parts.append(f"{original_publisher(row['source_publisher'])} ({m.group(1)} line {m.group(2)})")
                continue
            m = re.fullmatch(r"([a-z0-9_]+)@(\d+)-(\d+)", piece.strip())
            if m:
                publisher = self.reports.get(m.group(1), (m.group(1), ""))[0]
                parts.append(f"{publisher}, `{m.group(1)}` characters {m.group(2)}–{m.group(3)}")
            else:
                parts.append(piece.strip())
        return " and ".join(parts)
