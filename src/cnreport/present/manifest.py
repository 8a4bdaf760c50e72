"""The figure manifest: ``figures/README.md`` lists every figure file with its caption,
the function that drew it, the analysis it draws on and the benchmark rows behind it."""

from __future__ import annotations

from cnreport.core import paths
from cnreport.present import style

FIGURES = (
    ("fig01_scorecard", "scorecard_figure", "analysis.scorecard, analysis.basis.mark_bases",
     "Headline growth in the report's period: the district beside its comparators, by indicator. Colour and hatch "
     "give the place's role; each value names its price basis; hollow bars are rates derived from two levels "
     "(nominal); a missing bar says whether the report does not state the figure or our benchmarks lack it."),
    ("fig02_baseline", "baseline_figure", "analysis.baseline",
     "Growth in the same half-year before and after the shock, for every indicator the district reports in both; "
     "a hollow star is growth derived from two levels (nominal)."),
    ("fig03_sectors", "sectors_figure", "analysis.sector_growth, analysis.direction_statements",
     "Every growth rate of activity in the report, ranked and labelled by sector; beside them, rates that are not "
     "activity (PM2.5) and the statements of direction that carry no number."),
    ("fig04_plan_progress", "plan_figure", "analysis.plan.plan_readings",
     "First-half amounts against the report's targets: bar if the target is the year's total, diamond if it is "
     "added in the second half, tick for a first-half share of the year from another source; ≥/≤ mark shares "
     "bounded by 超 or 突破; pairs naming different things and rate targets are listed, not drawn."),
    ("fig05_districts", "districts_figure", "analysis.cross_district, analysis.basis.with_stated_bases",
     "GDP growth in one period for every report place and benchmark place, by role, with each place's province "
     "and each rate's price basis."),
    ("fig06_national_v", "national_v_figure", "analysis.national_v",
     "Cumulative (year-to-date) year-on-year GDP growth by period for the country and provinces, with the "
     "district's own point (star); missing periods are gaps."),
    ("fig07_targets_met", "linking_figure.plot_targets_met", "analysis.linking_summary.verdicts_by",
     "Targets each place set for a year and what became of them in its outcome report, by kind of indicator: "
     "met, missed, unclear, or no outcome found (drawn by notebook 07)."),
)


def manifest_markdown(written: dict[str, list[str]], cited: dict[str, dict[str, list[int]]] | None = None) -> str:
    """``README.md`` of the figures folder: each figure file with its caption, function, data and benchmark rows.

    Parameters
    ----------
    written : dict
        Figure name (``fig01_scorecard`` or ``fig01_scorecard_zh``) -> files written.
    cited : dict, optional
        Figure name -> :func:`benchmark_lines` of what it drew (``{file: lines}``).

    Returns
    -------
    str
        The Markdown.
    """
    cited = cited or {}
    lines = ["# Figures", "",
             "Made by `notebooks/04_figures.ipynb` with `cnreport.present.figures`; every figure is drawn from",
             "`data/processed/` (tables described in `data/README.md`) through `cnreport.analysis`. PNG at 300 dpi",
             "and SVG, byte-identical on every run (`make check-determinism`). `_zh` files are the Chinese variants.",
             "Fonts: DejaVu Sans and Noto Sans CJK SC (OFL-1.1, from the PyPI package `noto-cjk-sans-otc`).",
             "The source line inside each image names the publishers; the benchmark rows are listed here.", "",
             "| Files | Caption | Function | Data | Rows of `data/external/` benchmark files |", "|---|---|---|---|---|"]
    for name, function, data, caption in FIGURES:
        files = [f for key in (name, f"{name}_zh") for f in written.get(key, [])]
        if not files:   # drawn by a later notebook: list the files it committed
            files = [f"{key}.{fmt}" for key in (name, f"{name}_zh") for fmt in style.FORMATS
                     if (paths.FIGURES / f"{key}.{fmt}").exists()]
        if not files:
            continue
        shown = "<br>".join(f"[`{f}`]({f})" for f in files)
        rows = "; ".join(f"`{file}`: {', '.join(map(str, ns))}" for file, ns in cited.get(name, {}).items()) or "none"
        where = f"cnreport.present.{function}" if "." in function else f"cnreport.present.figures.{function}"
        lines.append(f"| {shown} | {caption} | `{where}` | `cnreport.{data}` | {rows} |")
    return "\n".join(lines) + "\n"


def write_manifest(written: dict[str, list[str]], cited: dict[str, dict[str, list[int]]] | None = None,
                   directory=None) -> str:
    """Write ``README.md`` of the figures folder (``figures/`` by default) atomically; return its path.

    Parameters
    ----------
    written, cited : dict
        As :func:`manifest_markdown`.
    directory : Path or str, optional
        The figures folder (``output/<report_id>/figures`` under ``cnreport run``).

    Returns
    -------
    str
        The path, relative to the repository where it lies inside it.
    """
    from pathlib import Path

    from cnreport.core import files

    path = Path(directory or paths.FIGURES) / "README.md"
    files.write_text_atomic(path, manifest_markdown(written, cited))
    return paths.relative(path)
