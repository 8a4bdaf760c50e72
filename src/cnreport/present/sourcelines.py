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

from cnreport.core import files, paths
from cnreport.core.files import ReportMeta
from cnreport.present import style
from cnreport.present.labels import label

_REPORT_REF = re.compile(r"(?:^|; )([a-z0-9_]+)@\d+")


def benchmark_lines(sources) -> list[int]:
    """Line numbers of ``benchmarks.csv`` named in a column of sources (``benchmarks.csv:12``).

    Parameters
    ----------
    sources : iterable of str
        Source references as in the analysis frames.

    Returns
    -------
    list of int
        Sorted, without repeats.
    """
    lines = set()
    for src in sources:
        if isinstance(src, str):
            lines.update(int(n) for n in re.findall(r"benchmarks\.csv:(\d+)", src))
    return sorted(lines)


@lru_cache(maxsize=1)
def _benchmark_rows() -> tuple[dict, ...]:
    """The benchmark file's rows (read once; this is the one file the figures read besides metadata)."""
    return tuple(files.read_csv_rows(paths.BENCHMARKS))


def benchmark_publishers(sources, lang: str) -> list[str]:
    """Original publishers of the benchmark rows named in ``sources``, in order of first mention."""
    from cnreport.analysis.sources import original_publisher, publisher_zh

    rows = _benchmark_rows()
    names = []
    for line in benchmark_lines(sources):
        row = rows[line - 2]
        name = publisher_zh(row["source_publisher"], row["geo_zh"]) if lang == "zh" else original_publisher(row["source_publisher"])
        names.append(name)
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
