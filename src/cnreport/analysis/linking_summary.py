"""Summaries of ``links.csv``: verdicts by kind of indicator and by qualifier, the finding
sentences of notebook 07, and the score against hand-made links.

Every function takes the links frame (:data:`cnreport.analysis.linking.LINK_COLUMNS`)
and returns a frame or text; nothing is read or written here.
"""

from __future__ import annotations

import pandas as pd

from cnreport.clean import mapping

JUDGED = ("met", "missed", "unclear")
TARGET_VERDICTS = ("met", "missed", "unclear", "no_outcome", "absent")
QUALIFIER_NAMES = {"about": "左右 (around)", "more_than": "以上 (at least)", "at_least": "突破 (at least)",
                   "at_most": "以内 (at most)", "exact": "bare number", "range": "range", "each": "bare number"}


def targets_only(links: pd.DataFrame, paired: bool = True) -> pd.DataFrame:
    """The target rows; with ``paired``, only places where some outcome report was found.

    A target with no report of its place stating outcomes for its period (a half-year plan
    whose year-end report is not in the data) says nothing about meeting targets.
    """
    t = links[links["target_report_id"].notna() & (links["verdict"] != "no_target")]
    if paired:
        t = t[~t["reason"].str.startswith("no other report of this place")]
    return t


def sector_of(indicator_id: str, dictionary: mapping.Dictionary) -> str:
    """The dictionary's sector of an indicator; ``other`` for a key made of the report's own words."""
    ind = dictionary.indicators.get(indicator_id or "")
    return ind.sector if ind else "other"


def verdicts_by(links: pd.DataFrame, by: str, dictionary: mapping.Dictionary) -> pd.DataFrame:
    """Counts of target verdicts by ``sector`` (kind of indicator) or ``qualifier``.

    Returns
    -------
    pandas.DataFrame
        One row per group: the count of each verdict in :data:`TARGET_VERDICTS`, ``judged``
        (met + missed + unclear) and ``share_met`` (met / judged, empty when none was judged).
    """
    t = targets_only(links).copy()
    if by == "sector":
        t["group"] = [sector_of(i, dictionary) for i in t["indicator_id"]]
    else:
        t["group"] = [QUALIFIER_NAMES.get(q.split(";")[0], q) for q in t["target_qualifier"].fillna("")]
    table = (t.groupby(["group", "verdict"]).size().unstack(fill_value=0)
             .reindex(columns=list(TARGET_VERDICTS), fill_value=0))
    table["judged"] = table[list(JUDGED)].sum(axis=1)
    table["share_met"] = (table["met"] / table["judged"]).where(table["judged"] > 0).round(2)
    return table.sort_values(["judged", "met"], ascending=False).reset_index().rename(columns={"group": by})


def finding(links: pd.DataFrame, dictionary: mapping.Dictionary) -> str:
    """The headline finding as Markdown sentences, every number computed from ``links``."""
    t = targets_only(links)
    judged = t[t["verdict"].isin(JUDGED)]
    met = int((judged["verdict"] == "met").sum())
    places = sorted(judged["place_id"].unique())
    by_place = judged.groupby("place_id")["verdict"].apply(lambda v: f"{int((v == 'met').sum())} of {len(v)}")
    lines = [f"Of the {len(t)} numeric targets set by places whose outcome report we hold, {len(judged)} could be "
             f"checked against an outcome, and **{met} of {len(judged)} were met** "
             f"({met / len(judged):.0%})." if len(judged) else "No target could be checked against an outcome.",
             "By place: " + "; ".join(f"{p} {by_place[p]}" for p in places) + "." if places else "",
             f"{int((t['verdict'] == 'no_outcome').sum())} targets found no outcome of the same indicator and "
             f"measure in the outcome report."]
    q = verdicts_by(links, "qualifier", dictionary)
    lines.append("By qualifier: " + "; ".join(
        f"{r.qualifier}: {r.met} met of {r.judged} checked" for r in q.itertuples() if r.judged) + ".")
    return "\n\n".join(line for line in lines if line)


def score(links: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of the target rows and of the links against hand-made links.

    A target row is right when its span is in the gold list with the same outcome span
    (or none on both sides). Target precision = right / target rows output for the gold's
    target reports; target recall = right / gold rows. Link precision and recall count
    only rows that name an outcome; ``verdict_agree`` is the share of right links whose
    verdict matches the gold's.

    Returns
    -------
    pandas.DataFrame
        One row per target report of ``gold`` and a last row ``all``.
    """
    def key(frame: pd.DataFrame) -> pd.Series:
        cols = ["target_report_id", "target_start", "outcome_report_id", "outcome_start"]
        f = frame[cols].astype(object).where(frame[cols].notna(), "")
        return f.astype(str).apply(lambda r: "|".join(v.removesuffix(".0") for v in r), axis=1)

    rows = []
    for rid in [*sorted(gold["target_report_id"].unique()), "all"]:
        g = gold if rid == "all" else gold[gold["target_report_id"] == rid]
        p = targets_only(links, paired=False)
        p = p[p["target_report_id"].isin(g["target_report_id"].unique())]
        gk, pk = dict(zip(key(g), g["verdict"], strict=True)), dict(zip(key(p), p["verdict"], strict=True))
        right = set(gk) & set(pk)
        g_links = {k for k in gk if not k.endswith("||")}
        p_links = {k for k in pk if not k.endswith("||")}
        agree = sum(gk[k] == pk[k] for k in right & g_links)
        rows.append({"target_report_id": rid, "gold_targets": len(gk), "output_targets": len(pk),
                     "target_precision": len(right) / len(pk) if pk else 1.0,
                     "target_recall": len(right) / len(gk) if gk else 1.0,
                     "link_precision": len(right & p_links) / len(p_links) if p_links else 1.0,
                     "link_recall": len(right & g_links) / len(g_links) if g_links else 1.0,
                     "verdict_agree": agree / len(right & g_links) if right & g_links else 1.0})
    return pd.DataFrame(rows).round(3)


def pairs(links: pd.DataFrame) -> pd.DataFrame:
    """One row per place: its target and outcome reports and what became of its targets.

    Returns
    -------
    pandas.DataFrame
        ``place_id, target_reports, outcome_reports, targets, linked, no_outcome, absent,
        outcomes_without_target``; report lists joined with ", ".
    """
    out = []
    for place, rows in links.groupby("place_id", sort=True):
        t = rows[rows["target_report_id"].notna() & (rows["verdict"] != "no_target")]
        linked = rows[rows["verdict"].isin(JUDGED)]
        out.append({"place_id": place,
                    "target_reports": ", ".join(sorted(t["target_report_id"].dropna().unique())),
                    "outcome_reports": ", ".join(sorted(rows["outcome_report_id"].dropna().unique())),
                    "targets": int((t["verdict"] != "absent").sum()), "linked": len(linked),
                    "no_outcome": int((rows["verdict"] == "no_outcome").sum()),
                    "absent": int((rows["verdict"] == "absent").sum()),
                    "outcomes_without_target": int((rows["verdict"] == "no_target").sum())})
    return pd.DataFrame(out)
