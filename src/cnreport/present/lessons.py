"""Teaching helpers: pull examples of each way a report states numbers, with their source sentences.

Used by ``notebooks/00_reading_the_report*.ipynb``. Every example is looked up in the
processed data (and its sentence in the raw text) at run time, never typed in, so the
lesson stays true when the data or the report changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from cnreport.core import files, paths, structure
from cnreport.core.files import ReportMeta

PRICE_BASIS_TERMS = ("可比价", "按可比价格计算", "不变价", "现价", "实际增长")
TARGET_WORDS = ("力争", "确保", "突破", "左右", "超", "以上", "达")
THRESHOLD_WORDS = ("规上", "规模以上", "亿元以上", "限额以上")


@dataclass
class Lesson:
    """One report and the tables a lesson reads.

    Attributes
    ----------
    meta : ReportMeta
        The report's metadata.
    text : str
        The raw text (offsets index it).
    indicators, excluded, directions, glossary, benchmarks : DataFrame
        Processed facts of this report, its excluded numbers, its direction statements,
        the glossary and the benchmark file.
    """

    meta: ReportMeta
    text: str
    indicators: pd.DataFrame
    excluded: pd.DataFrame
    directions: pd.DataFrame
    glossary: pd.DataFrame
    benchmarks: pd.DataFrame


def _csv(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def load(report_id: str) -> Lesson:
    """Read one report and the processed tables that describe it.

    Raises
    ------
    ReportError
        The report or its metadata is missing or malformed.
    """
    ind = pd.read_parquet(paths.PROCESSED / "indicators.parquet")
    dirs = _csv(paths.PROCESSED / "directions.csv")
    return Lesson(files.read_metadata(report_id), files.read_report(paths.raw_report(report_id)).text,
                  ind[ind["report_id"] == report_id].reset_index(drop=True),
                  _csv(paths.interim_table(report_id, "excluded")),
                  dirs[dirs["report_id"] == report_id].reset_index(drop=True),
                  _csv(paths.PROCESSED / "glossary.csv"), _csv(paths.BENCHMARKS))


def gloss(lesson: Lesson, term: str) -> str:
    """``term (English gloss)`` from the glossary, e.g. "同比 (year on year (y/y))".

    Raises
    ------
    KeyError
        The term is not in the glossary.
    """
    hit = lesson.glossary[lesson.glossary["term_zh"] == term]
    if hit.empty:
        raise KeyError(f"{term!r} is not in data/processed/glossary.csv")
    return f"{term} ({hit['term_en'].iloc[0]})"


def definition(lesson: Lesson, term: str) -> str:
    """The glossary's definition of ``term``, prefixed with the term and its gloss."""
    hit = lesson.glossary[lesson.glossary["term_zh"] == term]
    if hit.empty:
        raise KeyError(f"{term!r} is not in data/processed/glossary.csv")
    return f"**{gloss(lesson, term)}**: {hit['definition'].iloc[0]}"


def sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` holding character ``offset`` (sentences end at 。；! ? or a line end)."""
    for start, end in structure.sentence_spans(text):
        if start <= offset < end:
            return text[start:end]
    return ""


def quote(lesson: Lesson, start: int, end: int) -> str:
    """The sentence around ``text[start:end]`` with that span in bold, and its offsets.

    Example: ``“1-6月,完成地区生产总值**711.1亿元**,…” (characters 293–300)``.
    """
    spans = [(s, e) for s, e in structure.sentence_spans(lesson.text) if s <= start < e]
    s, e = spans[0] if spans else (start, end)
    t = lesson.text
    return f"“{t[s:start]}**{t[start:end]}**{t[end:max(e, end)]}” (characters {start}–{end})"


def structure_table(lesson: Lesson) -> pd.DataFrame:
    """Each heading of the report with how many actual and target quantities its text holds."""
    rows = []
    for sec in structure.find_sections(lesson.text):
        inside = lesson.indicators[(lesson.indicators["source_start"] >= sec.start)
                                   & (lesson.indicators["source_start"] < sec.end)]
        rows.append({"path": sec.path, "title": sec.title[:30], "characters": sec.end - sec.start,
                     "actual": int((inside["status"] == "actual").sum()),
                     "target": int((inside["status"] == "target").sum())})
    return pd.DataFrame(rows)


def kinds_table(lesson: Lesson) -> pd.DataFrame:
    """Facts by measure and status, with one example each (the first in the text)."""
    f = lesson.indicators.drop_duplicates("source_start")
    out = (f.groupby(["measure", "status"], sort=True)
           .agg(count=("source_text", "size"), example=("source_text", "first"),
                indicator=("indicator_zh", "first"), at=("source_start", "first")).reset_index())
    return out


def first_fact(lesson: Lesson, **where) -> pd.Series:
    """The first fact (in text order) whose columns equal ``where``.

    Raises
    ------
    LookupError
        No fact matches.
    """
    f = lesson.indicators
    for col, val in where.items():
        f = f[f[col] == val]
    if f.empty:
        raise LookupError(f"no fact of {lesson.meta.report_id} with {where}")
    return f.sort_values("source_start", kind="stable").iloc[0]


def term_hits(lesson: Lesson, terms: tuple[str, ...]) -> pd.DataFrame:
    """How often each term occurs in the text, and the sentence of its first occurrence."""
    rows = []
    for term in terms:
        found = [m.start() for m in re.finditer(re.escape(term), lesson.text)]
        rows.append({"term": term, "count": len(found),
                     "first_sentence": sentence_at(lesson.text, found[0]) if found else ""})
    return pd.DataFrame(rows)


def targets_with_words(lesson: Lesson, words: tuple[str, ...] = TARGET_WORDS) -> pd.DataFrame:
    """Every target fact whose clause before the number holds one of ``words``, with the word and qualifier.

    "施工产值突破2000亿元" gives 突破 and qualifier ``at_least``; "力争…" marks an aim, not a promise.
    """
    t = lesson.indicators[lesson.indicators["status"] == "target"].drop_duplicates("source_start")
    rows = []
    for r in t.itertuples():
        clause = re.split(r"[,;。]", lesson.text[max(0, r.source_start - 40):r.source_start])[-1]
        after = lesson.text[r.source_end:r.source_end + 3]
        found = [w for w in words if w in clause or after.startswith(w)]
        if found:
            rows.append({"word": found[0], "text": r.source_text, "indicator_zh": r.indicator_zh,
                         "qualifier": r.qualifier, "clause": clause + r.source_text})
    return pd.DataFrame(rows, columns=["word", "text", "indicator_zh", "qualifier", "clause"])


def target_words_sentence(lesson: Lesson, words: tuple[str, ...] = ("力争", "确保", "突破", "左右")) -> str:
    """One sentence on how the report words its targets: each word's count, and how many carry a number.

    Example: "力争 occurs 1 time, 确保 5 times, 突破 3 times, 左右 0 times; of 40 targets, 1 follows
    突破 and none follows 力争 or 确保: those words here qualify tasks, not figures."
    """
    hits = term_hits(lesson, words).set_index("term")["count"]
    counts = ", ".join(f"{w} {n} time{'s' if n != 1 else ''}" for w, n in hits.items())
    tagged = targets_with_words(lesson, words)
    n_targets = int((lesson.indicators.drop_duplicates("source_start")["status"] == "target").sum())
    used = tagged["word"].value_counts()
    with_numbers = ", ".join(f"{n} follow{'s' if n == 1 else ''} {w}" for w, n in used.items()) or "none follows any of them"
    bare = [w for w in words if hits[w] and w not in used]
    tail = f"; {' and '.join(bare)} never qualif{'ies' if len(bare) == 1 else 'y'} a number here, only tasks" if bare else ""
    return f"In this report {counts}. Of its {n_targets} targets, {with_numbers}{tail}."


def missing_growth(lesson: Lesson, before: Lesson) -> pd.DataFrame:
    """Indicators with a growth rate in ``before`` and none in ``lesson`` (see :func:`cnreport.analysis.recovery.unsaid`)."""
    from cnreport.analysis import recovery

    return recovery.unsaid(pd.concat([lesson.indicators, before.indicators]), pd.concat([lesson.directions, before.directions]),
                           lesson.meta.report_id, before.meta.report_id)


def benchmark(lesson: Lesson, geo_id: str, indicator: str, period: str, measure: str) -> pd.Series:
    """One row of ``benchmarks.csv`` (value, price basis, source).

    Raises
    ------
    LookupError
        The benchmark file has no such row.
    """
    b = lesson.benchmarks
    hit = b[(b["geo_id"] == geo_id) & (b["indicator"] == indicator) & (b["period"] == period) & (b["measure"] == measure)]
    if hit.empty:
        raise LookupError(f"benchmarks.csv has no {geo_id} {indicator} {period} {measure}")
    return hit.iloc[0]
