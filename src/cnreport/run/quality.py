"""Quality summary of one report's run: what was found and what the dictionary does not yet map.

An analyst extends the indicator dictionary (data, not code) from this table: each
unmapped indicator phrase with how often it occurs and one sentence it occurs in.
"""

from __future__ import annotations

import re

import pandas as pd

_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
SUMMARY_COLUMNS = ("report_id", "quantities_found", "facts", "mapped", "share_mapped", "unmapped_phrase", "count",
                   "example_sentence")


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding ``text[start:end]`` (from the last 。；！？ or line end before it)."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return text[left: right.end() if right else len(text)].strip()


def quality(report_id: str, text: str, quantities_found: int, indicators: pd.DataFrame) -> pd.DataFrame:
    """One row per unmapped indicator phrase of a report (or one row when all are mapped), with the totals.

    Parameters
    ----------
    report_id : str
        The report.
    text : str
        Its decoded text (for the example sentences).
    quantities_found : int
        Quantities the extractor found in the text.
    indicators : DataFrame
        The cleaned facts (``data/processed/indicators``), all reports.

    Returns
    -------
    DataFrame
        Columns :data:`SUMMARY_COLUMNS`; phrases by count, then phrase.
    """
    own = indicators[indicators["report_id"] == report_id]
    facts, mapped = len(own), int(own["indicator_id"].notna().sum())
    head = {"report_id": report_id, "quantities_found": quantities_found, "facts": facts, "mapped": mapped,
            "share_mapped": round(mapped / facts, 3) if facts else 0.0}
    unmapped = own[own["indicator_id"].isna()].copy()
    unmapped["phrase"] = unmapped["indicator_phrase"].fillna("").replace("", "(no phrase)")
    rows = []
    for phrase, group in unmapped.groupby("phrase", sort=True):
        first = group.sort_values("source_start").iloc[0]
        rows.append({**head, "unmapped_phrase": phrase, "count": len(group),
                     "example_sentence": sentence_at(text, int(first["source_start"]), int(first["source_end"]))})
    if not rows:
        rows = [{**head, "unmapped_phrase": "", "count": 0, "example_sentence": ""}]
    out = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
    return out.sort_values(["count", "unmapped_phrase"], ascending=[False, True], kind="stable").reset_index(drop=True)


def quality_table(summary: pd.DataFrame, top: int = 10) -> str:
    """The printed summary: totals, then the most frequent unmapped phrases."""
    r = summary.iloc[0]
    lines = [f"{r['report_id']}: {r['quantities_found']} quantities found, {r['facts']} facts, "
             f"{r['mapped']} mapped to an indicator ({100 * r['share_mapped']:.0f}%)"]
    listed = summary[summary["count"] > 0].head(top)
    if not listed.empty:
        lines.append(f"  unmapped phrases (top {len(listed)} of {int((summary['count'] > 0).sum())}):")
        for p in listed.itertuples():
            lines.append(f"  {p.count:>4}  {p.unmapped_phrase[:24]:<24}  {p.example_sentence[:60]}")
    return "\n".join(lines)
