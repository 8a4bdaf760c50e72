"""Every annotation of one report, ready to draw: quantities, excluded numbers, direction words.

The annotated report page (:mod:`cnreport.present.page`) shows a report's full text
with each of these marked. They are computed live from the text and its metadata
(extraction, then the dictionary mapping and the direction rules), so a report that
is not in ``data/raw`` gets its page the same way.

Offsets are Python string indices (code points). A browser counts UTF-16 units, so
each annotation also carries ``u16_start`` and ``u16_end``: a character outside the
basic plane (𠀀, U+20000) is one code point but two UTF-16 units.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cnreport import extract
from cnreport.clean import directions as directions_mod
from cnreport.clean import mapping
from cnreport.core import files, normalize, paths, structure
from cnreport.core.files import ReportMeta

KINDS = ("quantity", "excluded", "direction")
MEASURE_EN = {"level": "level", "growth_pct": "growth rate (%)", "share_pct": "share (%)", "rate_pct": "rate (%)",
              "pp_change": "change in percentage points", "abs_change": "absolute change"}
STATUS_EN = {"actual": "actual (outcome reported)", "target": "target (plan)"}
QUALIFIER_EN = {"exact": "as stated", "more_than": "more than (超, 以上)", "at_least": "at least (不低于, 以上)",
                "at_most": "at most (控制在, 以内)", "about": "about (左右, 约)", "range": "range (X-Y)",
                "each": "each (各)"}
# The glossary entry that explains each kind of direction statement (clean/dictionary/vocabulary.csv).
DIRECTION_TERM = {"decline_narrowing": "降幅收窄", "growth_slowing": "增幅回落", "turned_positive": "由负转正",
                  "stabilising_recovery": "企稳回升", "flat": "持平", "slowing": "增幅回落"}
REASON_EN = {"date": "a date", "period": "a period (year, month, quarter)", "name": "part of a name or label",
             "threshold": "a size threshold that defines a category, not a value",
             "descriptor": "a descriptor (rank, count in a name)", "other": "not a measured quantity"}


@dataclass
class Annotated:
    """A report's text and every mark to draw on it.

    Attributes
    ----------
    text : str
        The decoded report text, exactly as in the file.
    meta : ReportMeta
        Its metadata.
    marks : list of dict
        One per annotation, sorted by ``(start, -end)``: ``kind`` (:data:`KINDS`), ``start``,
        ``end``, ``u16_start``, ``u16_end``, ``text`` and the fields its tooltip shows.
    sections : list of Section
        Headings of the text, for the table of contents.
    dropped : list of dict
        Direction marks that cross a quantity's edge and so cannot be nested (shown in the legend count).
    """

    text: str
    meta: ReportMeta
    marks: list[dict]
    sections: list[structure.Section]
    dropped: list[dict] = field(default_factory=list)


def utf16_offsets(text: str) -> list[int]:
    """UTF-16 offset of every code-point offset of ``text`` (length ``len(text) + 1``).

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of int
        ``out[i]`` is the number of UTF-16 code units in ``text[:i]``; a character
        above U+FFFF counts two.
    """
    out = [0] * (len(text) + 1)
    n = 0
    for i, ch in enumerate(text):
        out[i] = n
        n += 2 if ord(ch) > 0xFFFF else 1
    out[len(text)] = n
    return out


def _glossary(dictionary: mapping.Dictionary) -> dict[str, dict]:
    return {iid: {"definition": ind.definition, "source": ind.definition_source}
            for iid, ind in dictionary.indicators.items()}


def _quantity_marks(rows: list[dict], facts: list[dict], dictionary: mapping.Dictionary) -> list[dict]:
    """One mark per extracted row; a row split into several facts lists each indicator."""
    by_start: dict[int, list[dict]] = {}
    for f in facts:
        by_start.setdefault(int(f["source_start"]), []).append(f)
    gloss = _glossary(dictionary)
    marks = []
    for i, r in enumerate(rows):
        mapped = [f for f in by_start.get(int(r["start"]), []) if f["indicator_id"]]
        inds = [{"id": f["indicator_id"], "zh": f["indicator_zh"], "en": f["indicator_en"],
                 "definition": gloss[f["indicator_id"]]["definition"]} for f in mapped]
        marks.append({
            "kind": "quantity", "n": i, "start": int(r["start"]), "end": int(r["end"]), "text": r["text"],
            "value": r["value"], "value_high": r["value_high"], "unit": r["unit"], "value_base": r["value_base"],
            "unit_base": r["unit_base"], "measure": r["measure"], "measure_en": MEASURE_EN[r["measure"]],
            "status": r["status"], "status_en": STATUS_EN[r["status"]], "period": r["period"],
            "qualifier": r["qualifier"], "qualifier_en": QUALIFIER_EN.get(r["qualifier"], r["qualifier"]),
            "phrase": r["indicator_zh"], "indicators": inds, "section": r["section"],
        })
    return marks


def _direction_marks(found: list[dict]) -> list[dict]:
    """One mark per direction statement, with the glossary entry for its kind of wording (降幅收窄 …)."""
    vocabulary = {v["term_zh"]: v for v in files.read_csv_rows(paths.package_file("cnreport.clean", "dictionary",
                                                                                    "vocabulary.csv"))}
    marks = []
    for d in found:
        term = vocabulary.get(DIRECTION_TERM.get(d["kind"], ""))
        marks.append({"kind": "direction", "start": d["start"], "end": d["end"], "text": d["text"],
                      "direction_kind": d["kind"], "direction": d["direction"], "subject": d["subject_zh"],
                      "indicator_en": d["indicator_en"], "has_number": d["has_number"],
                      "term": f"{term['term_zh']} ({term['term_en']})" if term else "",
                      "definition": term["definition"] if term else ""})
    return marks


def _nest(marks: list[dict]) -> tuple[list[dict], list[dict]]:
    """Keep marks that nest: a direction crossing a quantity's edge is dropped (quantities win)."""
    marks = sorted(marks, key=lambda m: (m["start"], -m["end"], KINDS.index(m["kind"])))
    kept, dropped, stack = [], [], []
    for m in marks:
        while stack and stack[-1]["end"] <= m["start"]:
            stack.pop()
        if stack and m["end"] > stack[-1]["end"]:
            dropped.append(m)
            continue
        kept.append(m)
        stack.append(m)
    return kept, dropped


def annotate(text: str, meta: ReportMeta) -> Annotated:
    """Every quantity, excluded number and direction statement of one report.

    Parameters
    ----------
    text : str
        The decoded report text.
    meta : ReportMeta
        Its metadata (report id, genre, periods, script).

    Returns
    -------
    Annotated
        The text and its marks, with UTF-16 offsets for the browser.
    """
    ext = extract.extract_quantities(text, meta)
    dictionary = mapping.read_dictionary()
    geos = mapping.benchmark_geos(files.read_csv_rows(paths.BENCHMARKS)) if paths.BENCHMARKS.exists() else []
    facts = mapping.map_report(ext.rows, text, meta, dictionary, geos)
    marks = _quantity_marks(ext.rows, facts, dictionary)
    for e in ext.excluded:
        marks.append({"kind": "excluded", "start": int(e["start"]), "end": int(e["end"]), "text": e["text"],
                      "reason": e["reason"], "reason_en": REASON_EN.get(e["reason"], e["reason"]), "note": e["note"]})
    marks += _direction_marks(directions_mod.find_directions(meta.report_id, text, facts, dictionary))
    kept, dropped = _nest(marks)
    u16 = utf16_offsets(text)
    for m in kept:
        m["u16_start"], m["u16_end"] = u16[m["start"]], u16[m["end"]]
    return Annotated(text, meta, kept, structure.find_sections(text), dropped)


def simplified(text: str) -> str:
    """The text in Simplified characters, one character for one (offsets stay valid)."""
    return normalize.to_simplified(text)
