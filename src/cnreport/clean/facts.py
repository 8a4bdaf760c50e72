"""Extraction plus mapping for one report anywhere on disk, and for the corpus.

:func:`report_facts` is what ``cnreport facts`` writes: the extractor's columns
(:data:`cnreport.extract.COLUMNS`) followed by :data:`FACT_COLUMNS`. It runs the same
:func:`cnreport.clean.mapping.assign_indicators` and
:func:`cnreport.clean.subjects.row_subjects` as :func:`cnreport.clean.mapping.map_report`,
which the dataset and the notebooks use, so the two never disagree.

:func:`unmapped_review` lists the phrases no dictionary entry matched, with a count and
an example sentence, per report: the dictionary is extended by adding those phrases to
``clean/dictionary/indicators.csv``, never by editing code.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from cnreport import extract
from cnreport.clean import mapping
from cnreport.core import files, paths
from cnreport.core.files import ReportMeta

FACT_COLUMNS = ("indicator_id", "indicator_en", "mapping_rule", "subject")
COLUMNS = tuple(extract.COLUMNS) + FACT_COLUMNS
REVIEW_COLUMNS = ("report_id", "phrase", "count", "example_start", "example_sentence")


def report_facts(text: str, meta: ReportMeta | None, report_id: str,
                 dictionary: mapping.Dictionary | None = None) -> tuple[list[dict], extract.Extraction]:
    """Extract and map one report.

    Parameters
    ----------
    text : str
        The decoded report text (offsets refer to it).
    meta : ReportMeta or None
        Its metadata; without it the subject column names other places only
        (the report's own figures get ``subject`` = ``""``).
    report_id : str
        Written into every row.
    dictionary : Dictionary, optional
        Default: the package dictionary.

    Returns
    -------
    (list of dict, Extraction)
        Rows keyed by :data:`COLUMNS` (one per extracted row, more when one number applies
        to several subjects), and the extraction they came from.
    """
    dictionary = dictionary or mapping.read_dictionary()
    result = extract.extract_quantities(text, meta)
    for row in result.rows:
        row["report_id"] = report_id
    place = meta.place_zh if meta else ""
    assigned = mapping.assign_indicators(result.rows, text, dictionary)
    places = mapping.row_subjects(result.rows, text, place)
    out = []
    for row, targets, other in zip(result.rows, assigned, places, strict=True):
        for iid, _phrase, how, _split in targets:
            ind = dictionary.indicators.get(iid) if iid else None
            out.append({**row, "indicator_id": iid or "", "indicator_en": ind.name_en if ind else "",
                        "mapping_rule": how, "subject": other or place})
    return out, result


def unmapped_review(rows: list[dict], phrase_key: str, start_key: str) -> list[dict]:
    """Unmapped phrases per report: ``report_id, phrase, count, example_start, example_sentence``.

    ``rows`` are facts (``phrase_key="indicator_phrase"``, ``start_key="source_start"``)
    or ``cnreport facts`` rows; the example is the first sentence the phrase occurs in.
    Sorted by report, then by count (most frequent first), then phrase.
    """
    counts: Counter = Counter()
    first: dict[tuple[str, str], dict] = {}
    for row in rows:
        if row["indicator_id"]:
            continue
        key = (row["report_id"], row.get(phrase_key) or row.get("indicator_zh") or "")
        counts[key] += 1
        first.setdefault(key, row)
    out = [{"report_id": rid, "phrase": phrase, "count": n, "example_start": int(first[(rid, phrase)][start_key]),
            "example_sentence": first[(rid, phrase)].get("sentence", "")} for (rid, phrase), n in counts.items()]
    out.sort(key=lambda r: (r["report_id"], -r["count"], r["phrase"]))
    return out


@dataclass
class Cleaned:
    """Facts of every report, with the accounting that reconciles them with the extraction.

    Attributes
    ----------
    facts : list of dict
        Rows keyed by :data:`cnreport.clean.mapping.COLUMNS`, sorted by :func:`mapping.sort_key`.
    reconciliation : list of dict
        Per report: ``extracted`` rows, ``added_by_split``, ``facts``, ``mapped``, ``unmapped``.
    review : list of dict
        Unmapped phrases per report (:data:`REVIEW_COLUMNS`).
    """

    facts: list[dict]
    reconciliation: list[dict]
    review: list[dict]


def clean_reports(report_ids: list[str], dictionary: mapping.Dictionary | None = None,
                  benchmarks: list[dict] | None = None) -> Cleaned:
    """Map the interim extraction of each report to facts.

    Reads ``data/interim/<id>_extracted.csv`` (written by notebook 01), the raw text
    and the metadata of each report. Every extracted row gives at least one fact:
    nothing is dropped, so ``facts = extracted + added_by_split`` for every report.
    """
    dictionary = dictionary or mapping.read_dictionary()
    if benchmarks is None:
        benchmarks = files.read_csv_rows(paths.BENCHMARKS)
    geos = mapping.benchmark_geos(benchmarks)
    facts, recon, review = [], [], []
    for rid in report_ids:
        rows = files.read_csv_rows(paths.interim_table(rid, "extracted"))
        source = files.read_report(paths.raw_report(rid)).text
        mapped = mapping.map_report(rows, source, files.read_metadata(rid), dictionary, geos)
        sentence = {int(r["start"]): r["sentence"] for r in rows}
        review += unmapped_review([{**f, "sentence": sentence[f["source_start"]]} for f in mapped],
                                  "indicator_phrase", "source_start")
        facts.extend(mapped)
        recon.append({"report_id": rid, "extracted": len(rows), "added_by_split": len(mapped) - len(rows),
                      "facts": len(mapped), "mapped": sum(1 for f in mapped if f["indicator_id"]),
                      "unmapped": sum(1 for f in mapped if not f["indicator_id"])})
    facts.sort(key=mapping.sort_key)
    return Cleaned(facts, recon, review)
