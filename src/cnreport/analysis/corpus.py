"""Questions asked of a corpus dataset (written by ``cnreport corpus``), answered with DuckDB.

:func:`connect` opens the dataset as two views: ``facts`` (one row per fact, with
the partition keys ``province_code`` and ``year`` read from the folder names as
VARCHAR, declared, never guessed from the values) and ``reports`` (one row per
input, ok or failed). The other functions return tidy frames and the sentences a
notebook shows.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

HIVE_TYPES = "{'province_code': VARCHAR, 'year': VARCHAR}"
FACTS_GLOB = "province_code=*/year=*/*.parquet"


def connect(dataset: Path | str):
    """A DuckDB connection with the views ``facts`` and ``reports`` over a corpus dataset.

    Parameters
    ----------
    dataset : Path or str
        The dataset folder (``DATASET/`` of ``cnreport corpus``).

    Returns
    -------
    duckdb.DuckDBPyConnection
    """
    import duckdb

    root = Path(dataset).as_posix().replace("'", "''")
    con = duckdb.connect()
    con.execute(f"CREATE VIEW facts AS SELECT * FROM read_parquet('{root}/{FACTS_GLOB}', "
                f"hive_partitioning = true, hive_types = {HIVE_TYPES})")
    con.execute(f"CREATE VIEW reports AS SELECT * FROM read_parquet('{root}/reports.parquet')")
    return con


def growth_by_report(con, indicator_id: str, period: str) -> pd.DataFrame:
    """Each report's year-on-year growth of one indicator in one period (actuals, the first statement in the text).

    Returns
    -------
    pandas.DataFrame
        ``input_path``, ``report_id``, ``province_code``, ``growth_pct`` (percent), ``source_text``.
    """
    sql = """
        SELECT f.input_path, r.report_id, f.province_code, f.value AS growth_pct, f.source_text
        FROM facts f JOIN reports r USING (input_path)
        WHERE f.indicator_id = $ind AND f.period = $period AND f.measure = 'growth_pct' AND f.status = 'actual'
        QUALIFY row_number() OVER (PARTITION BY f.input_path ORDER BY f.source_start) = 1
        ORDER BY f.input_path"""
    return con.execute(sql, {"ind": indicator_id, "period": period}).df()


def target_share(con, indicator_id: str) -> dict:
    """How many of the reports read without failure state a target for ``indicator_id``.

    Returns
    -------
    dict
        ``reports`` (ok), ``with_target``, ``share`` (0-1, None when there are no reports).
    """
    total = con.execute("SELECT count(*) FROM reports WHERE status = 'ok'").fetchall()[0][0]
    with_target = con.execute("SELECT count(DISTINCT input_path) FROM facts WHERE indicator_id = $ind "
                              "AND status = 'target'", {"ind": indicator_id}).fetchall()[0][0]
    return {"reports": total, "with_target": with_target, "share": with_target / total if total else None}


def target_qualifiers(con, indicator_id: str | None) -> pd.DataFrame:
    """How targets are qualified (exact, at_least, more_than, about, range ...), for one indicator or all (None).

    Returns
    -------
    pandas.DataFrame
        ``qualifier`` (``exact`` where the report gives none), ``targets``, ``reports``, ``share`` of targets.
    """
    sql = """
        SELECT coalesce(qualifier, 'exact') AS qualifier, count(*) AS targets, count(DISTINCT input_path) AS reports
        FROM facts WHERE status = 'target' AND ($ind IS NULL OR indicator_id = $ind)
        GROUP BY ALL ORDER BY targets DESC, qualifier"""
    frame = con.execute(sql, {"ind": indicator_id}).df()
    frame["share"] = (frame["targets"] / frame["targets"].sum()).round(3) if len(frame) else []
    return frame


def describe_growth(frame: pd.DataFrame, indicator_en: str, period: str) -> str:
    """One sentence on the spread of :func:`growth_by_report`'s values.

    "GDP growth in 2020H1 is stated by 120 reports: median 1.6%, interquartile range -2.0% to 4.1%, lowest -17.5%."
    """
    if frame.empty:
        return f"No report states {indicator_en} growth for {period}."
    q = frame["growth_pct"].quantile([0.25, 0.5, 0.75])
    return (f"{indicator_en} growth in {period} is stated by {len(frame)} reports: median {q[0.5]:.1f}%, "
            f"interquartile range {q[0.25]:.1f}% to {q[0.75]:.1f}%, lowest {frame['growth_pct'].min():.1f}%, "
            f"highest {frame['growth_pct'].max():.1f}%.")


def describe_targets(share: dict, qualifiers: pd.DataFrame, indicator_en: str) -> str:
    """One sentence on how many reports state a target for an indicator and how all targets are qualified."""
    head = (f"{share['with_target']} of {share['reports']} reports ({share['share']:.0%}) state a target for "
            f"{indicator_en}." if share["reports"] else "The dataset has no report.")
    if qualifiers.empty:
        return head + " No report states any target."
    parts = ", ".join(f"{row.qualifier} {row.share:.0%}" for row in qualifiers.itertuples())
    return head + f" Of all {int(qualifiers['targets'].sum())} targets in the corpus, the qualifiers are: {parts}."
