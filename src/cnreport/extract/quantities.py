"""Find and classify every quantity in one report text.

:func:`extract_quantities` reads a decoded report and returns one row per
quantified statement (value, unit, base value, measure, sign, actual or target,
qualifier, period, indicator phrase, heading path, sentence) and one row per
other number-like span that is not an indicator (dates, periods, names,
thresholds, descriptors), with the reason. Every Arabic digit run of the text
ends in exactly one of the two lists; :func:`~cnreport.extract.coverage.coverage` checks it.

Offsets are Python string indices into the decoded original text (``end``
exclusive), so ``text[start:end] == row["text"]`` for every row. Matching runs on
a normalised copy (Simplified script, ASCII digits, pinyin glosses and stray
spaces removed, see :mod:`cnreport.core.normalize`) whose spans are mapped back.

The stages, each in its module: :mod:`~cnreport.extract.exclusions` (dates, names ...),
:mod:`~cnreport.extract.candidates` (numbers with units), :mod:`~cnreport.extract.classify`
(measure, sign, status, period, indicator), :mod:`~cnreport.extract.coverage` (leftover
digits). The rules are about the language of these reports, not about one text; the
word lists they use are in ``src/cnreport/core/lexicon/*.csv``.
"""

from __future__ import annotations

import bisect
from decimal import Decimal

from cnreport.core import normalize, numerals, structure
from cnreport.core.files import ReportMeta
from cnreport.extract import patterns as P
from cnreport.extract.candidates import find_candidates
from cnreport.extract.classify import classify
from cnreport.extract.coverage import leftover_digits
from cnreport.extract.exclusions import find_exclusions
from cnreport.extract.model import Bounds, Cand, Context, Extraction, excluded_span


def extract_quantities(text: str, meta: ReportMeta | None = None) -> Extraction:
    """Extract every quantity of a report, and account for every other number.

    Parameters
    ----------
    text : str
        The decoded report text (see :func:`cnreport.core.files.read_report`).
    meta : ReportMeta, optional
        The report's metadata. It gives ``report_id``, the genre and the periods
        of actuals and targets. Without it the extractor assumes a report of
        unknown genre, leaves ``period`` empty and says so in ``assumptions``.

    Returns
    -------
    Extraction
        Quantity rows (:data:`~cnreport.extract.model.COLUMNS`), excluded rows
        (:data:`~cnreport.extract.model.EXCLUDED_COLUMNS`) and assumptions.
        Offsets index ``text``; ``end`` is exclusive.
    """
    pat = P.compiled()
    assumptions = []
    if meta is None:
        assumptions.append("no metadata: genre unknown and period left empty; "
                           "status (actual or target) from headings and wording only")
    norm = normalize.normalize(text, pat["unit_initials"])
    s = norm.text
    ctx = Context(text, norm, meta, structure.find_sections(text), structure.sentence_spans(text), Bounds(s))
    protected, protected_spans = find_exclusions(s, ctx)
    candidates = find_candidates(s, protected_spans, ctx)
    rows, excluded = [], list(protected)
    for cand in candidates:
        if cand.threshold:
            excluded.append(excluded_span(cand.start, cand.end, "threshold", cand.threshold))
        else:
            rows.append(cand)
    rows = classify(rows, s, ctx)
    out_rows = _to_rows(rows, ctx)
    out_ex = [_ex_row(e, ctx) for e in excluded]
    out_ex += leftover_digits(text, out_rows, out_ex)
    out_rows.sort(key=lambda r: (r["start"], r["end"]))
    out_ex.sort(key=lambda r: (r["start"], r["end"]))
    return Extraction(out_rows, out_ex, assumptions)


def numeric_row(row: dict) -> dict:
    """A copy of ``row`` with ``value``, ``value_high`` and ``value_base`` as numbers (for JSON)."""
    out = dict(row)
    for key in ("value", "value_high", "value_base"):
        if out.get(key) not in (None, ""):
            out[key] = numerals.to_plain(Decimal(out[key]))
    return out


def _to_rows(cands: list[Cand], ctx: Context) -> list[dict]:
    """The output rows of classified candidates, with offsets into the original text.

    Rule: a pinyin gloss the report inserted after the unit's last character
    ("711.1亿元(yuán)") belongs to the row's span.
    """
    text, span, sections, sentences, sentence_starts = (
        ctx.text, ctx.norm.span, ctx.sections, ctx.sentences, ctx.sentence_starts)
    report_id = ctx.meta.report_id if ctx.meta else "unknown"
    section_starts = [sec.start for sec in sections]
    fmt = numerals.format_decimal
    rows = []
    for c in cands:
        a, b = span(c.start, c.end)
        if b > a and text.startswith("(", b) and P.CJK.match(text[b - 1]):
            gloss = P.GLOSS_AFTER.match(text, b)
            if gloss:
                b = gloss.end()        # a pinyin gloss inserted after the unit's last character
        sec = structure.section_at(sections, a, section_starts)
        k = bisect.bisect_right(sentence_starts, a) - 1
        sa, sb = sentences[k] if k >= 0 and sentences[k][0] <= a < sentences[k][1] else (a, b)
        rows.append({
            "report_id": report_id,
            "start": a, "end": b, "text": text[a:b],
            "value": fmt(c.value),
            "value_high": fmt(c.value_high) if c.value_high is not None else None,
            "unit": c.unit, "value_base": fmt(c.value * c.factor * c.sign), "unit_base": c.unit_base,
            "measure": c.measure, "status": c.status, "period": c.period, "qualifier": c.qualifier,
            "indicator_zh": c.indicator, "section": sec.path if sec else "",
            "sentence": text[sa:sb],
        })
    return rows


def _ex_row(e: dict, ctx: Context) -> dict:
    """An excluded span with offsets into the original text."""
    a, b = ctx.norm.span(e["nstart"], e["nend"])
    return {"start": a, "end": b, "text": ctx.text[a:b], "reason": e["reason"], "note": e["note"]}
