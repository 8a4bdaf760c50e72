"""Source lines for figures: the publishers of the reports and of the benchmark rows drawn.

A figure travels without its caption, so its source line names who published
each number: the report's publisher, genre, period and date (from the metadata),
and the original publisher of every benchmark row it draws (National Bureau of
Statistics, Jiangsu Provincial Bureau of Statistics ...), never file line numbers;
those go to ``figures/README.md`` (:func:`benchmark_lines`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from cnreport.analysis.sources import BENCHMARK_REF, original_publisher, publisher_zh
from cnreport.core import files
from cnreport.core.files import ReportMeta
from cnreport.present import style
from cnreport.present.labels import label

_REPORT_REF = re.compile(r"(?:^|; )([a-z0-9_]+)@\d+")


def benchmark_lines(sources) -> dict[str, list[int]]:
    """Lines of each benchmark file named in a column of sources (``benchmarks.csv:12``).

    Parameters
    ----------
    sources : iterable of str
        Source references as in the analysis frames.

    Returns
    -------
    dict
        ``{file name: sorted lines}``, files in name order.
    """
    lines: dict[str, set[int]] = {}
    for src in sources:
        if isinstance(src, str):
            for name, n in BENCHMARK_REF.findall(src):
                lines.setdefault(name, set()).add(int(n))
    return {name: sorted(found) for name, found in sorted(lines.items())}


@lru_cache(maxsize=1)
def _benchmark_rows() -> dict[tuple[str, int], dict]:
    """Every benchmark row keyed by (file, line): read once, the one file the figures read besides metadata."""
    try:
        from cnreport.clean.benchmarks import read_benchmarks
    except ImportError:  # one benchmark file only
        from cnreport.core import paths

        return {("benchmarks.csv", line): r for line, r in enumerate(files.read_csv_rows(paths.BENCHMARKS), start=2)}
    return {(r["_file"], int(r["_line"])): r for r in read_benchmarks()}


def benchmark_publishers(sources, lang: str) -> list[str]:
    """Original publishers of the benchmark rows named in ``sources``, in file and line order, without repeats."""
    rows = _benchmark_rows()
    names = []
    for name, lines in benchmark_lines(sources).items():
        for line in lines:
            row = rows[(name, line)]
            names.append(publisher_zh(row["source_publisher"], row["geo_zh"]) if lang == "zh"
                         else original_publisher(row["source_publisher"]))
    return list(dict.fromkeys(names))


def _report(meta: ReportMeta, lang: str) -> str:
    genre, period = style.genre_name(meta.genre, lang), style.format_period(meta.period_actual, lang)
    if lang == "zh":
        return f"{meta.publisher_zh or meta.place_zh}，{period}{genre}" + (f"（{meta.published}）" if meta.published else "")
    return f"{meta.publisher_en or meta.place_en}, {period} {genre}" + (f" ({meta.published})" if meta.published else "")


def source_line(meta: ReportMeta | None, sources, lang: str, also: tuple[ReportMeta, ...] = ()) -> str:
    """One source line naming every report and every benchmark publisher a figure draws on.

    Parameters
    ----------
    meta : ReportMeta or None
        The figure's report.
    sources : iterable of str
        The ``source`` column of what the figure drew (reports named there are added).
    lang : {"en", "zh"}
    also : tuple of ReportMeta
        Other reports drawn (the year-before report of the baseline figure).

    Returns
    -------
    str
        "Sources: <report>; <report>; National Bureau of Statistics; Jiangsu Provincial Bureau of
        Statistics (benchmark rows listed in figures/README.md). Chart: cnreport."
    """
    sources = list(sources)
    named = [m for m in (meta, *also) if m is not None]
    cited = sorted({m.group(1) for s in sources if isinstance(s, str) for m in _REPORT_REF.finditer(s)}
                   - {m.report_id for m in named})
    reports = [_report(m, lang) for m in (*named, *(files.read_metadata(r) for r in cited))]
    publishers = benchmark_publishers(sources, lang)
    sep = "；" if lang == "zh" else "; "
    parts = reports + publishers
    text = label("sources_prefix", lang) + ("" if lang == "zh" else " ") + sep.join(parts)
    if publishers:
        text += f"（{label('benchmark_rows_note', lang)}）" if lang == "zh" else f" ({label('benchmark_rows_note', lang)})"
    text += "。" if lang == "zh" else "."
    return f"{text}{'' if lang == 'zh' else ' '}{label('chart_credit', lang)}"
