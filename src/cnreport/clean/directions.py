"""Qualitative direction statements: "降幅逐月收窄", "企稳回升", "涨幅逐月回落".

Reports often say which way an indicator is moving without a number: the
flagship gives no growth rate for retail sales, only that its decline "持续收窄"
(kept narrowing). :func:`find_directions` captures these statements as data, with
the subject they describe (mapped to a canonical indicator where the dictionary
knows it) and the offsets of the wording. The patterns are data, in
``src/cnreport/core/lexicon/directions.csv``.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from cnreport.clean.mapping import Dictionary, clean_phrase
from cnreport.core import normalize, paths, structure

COLUMNS = ("report_id", "start", "end", "text", "kind", "direction", "subject_zh", "indicator_id",
           "indicator_en", "has_number", "section")
KINDS = ("decline_narrowing", "decline_widening", "growth_slowing", "growth_accelerating", "turned_positive",
         "stabilising_recovery", "recovering", "improving", "flat", "slowing")
DIRECTIONS = ("improving", "worsening", "stable")
_CLAUSE = re.compile(r"[,;。:!?\n、]")
_SUBJECT_CHARS = 24


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern, str, str], ...]:
    with open(paths.package_file("cnreport.core", "lexicon", "directions.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return tuple((re.compile(r["pattern"]), r["kind"], r["direction"]) for r in rows)


def find_directions(report_id: str, text: str, facts: list[dict], dictionary: Dictionary) -> list[dict]:
    """Every direction statement in ``text``, in text order.

    Parameters
    ----------
    report_id : str
        Written into each row.
    text : str
        The decoded report text; offsets refer to it.
    facts : list of dict
        The report's cleaned facts (``source_start``, ``indicator_id``), to flag
        statements whose clause also carries a number (``has_number``: the movement
        is quantified, e.g. "降幅比一季度收窄21.1个百分点"); such a statement takes
        the indicator of that number when its own subject names none.
    dictionary : Dictionary
        Maps the subject before the wording to an indicator.

    Returns
    -------
    list of dict
        Rows keyed by :data:`COLUMNS`. Overlapping matches keep the longest.
    """
    norm = normalize.normalize(text)
    found = []
    for pattern, kind, direction in _patterns():
        for m in pattern.finditer(norm.text):
            found.append((m.start(), -(m.end() - m.start()), m.end(), kind, direction))
    found.sort()
    sections = structure.find_sections(text)
    rows, taken_until = [], -1
    for nstart, _, nend, kind, direction in found:
        if nstart < taken_until:
            continue
        taken_until = nend
        start, end = norm.span(nstart, nend)
        subject = _subject(norm.text, nstart)
        clause_start, clause_end = _clause(norm.text, nstart, nend)
        cs, ce = norm.span(clause_start, clause_end)
        in_clause = [f for f in facts if cs <= int(f["source_start"]) < ce]
        hit = dictionary.match(subject) if subject else None
        iid = hit[0] if hit else next((f["indicator_id"] for f in in_clause if f["indicator_id"]), "")
        ind = dictionary.indicators[iid] if iid else None
        section = structure.section_at(sections, start)
        rows.append({
            "report_id": report_id, "start": start, "end": end, "text": text[start:end], "kind": kind,
            "direction": direction, "subject_zh": subject, "indicator_id": ind.indicator_id if ind else "",
            "indicator_en": ind.name_en if ind else "", "has_number": bool(in_clause),
            "section": section.path if section else "",
        })
    return rows


def _subject(ntext: str, at: int) -> str:
    """The words before the statement in its clause ("社会消费品零售总额" in "…,社会消费品零售总额降幅持续收窄")."""
    head = ntext[max(0, at - _SUBJECT_CHARS):at]
    head = _CLAUSE.split(head)[-1]
    return clean_phrase(head)


def _clause(ntext: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``[start, end)`` in the normalised text (between , ; 。 and line ends)."""
    left = max((ntext.rfind(c, 0, start) for c in ",;。:!?\n"), default=-1) + 1
    rights = [i for i in (ntext.find(c, end) for c in ",;。:!?\n") if i >= 0]
    return left, min(rights) if rights else len(ntext)
