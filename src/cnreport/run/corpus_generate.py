"""Synthetic corpora for tests and benchmarks: the real reports' sentences, recombined.

:func:`generate_corpus` writes N reports, each a title line naming a place and a
period followed by sentences drawn (seeded) from the reports in ``data/raw``, one
sentence per line. The number of facts of each report is known in advance: it is
the sum of the facts of its sentences, each counted once on its own. A corpus run
must find exactly those counts (``tests/test_corpus.py``); nothing is lost or
counted twice on the way through batches, workers and partitions.

Places and periods come from the real reports' metadata, so the partitions are real
province codes. Optionally a share of reports has no metadata (place and period
are then read from the title, and marked inferred) and some inputs are broken on
purpose (binary, HTML, bad metadata, empty), each with the reason the run must record.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cnreport import extract
from cnreport.core import files, paths, structure
from cnreport.run import corpus_work as work

_SENTENCE_ENDS = ("。", "；", ";", "！", "!", "？", "?")
PERIODS = ("2019", "2019H1", "2020", "2020H1")
_TITLE_PERIOD = {"2019": "2019年", "2019H1": "2019年上半年", "2020": "2020年", "2020H1": "2020年上半年"}
# Inputs broken on purpose: (file suffix, bytes of the text, bytes of the sidecar or None, reason recorded).
BROKEN = (
    ("binary", b"\x00\x01\x02\x03" * 64, None, "binary file (NUL bytes and no UTF-16 byte-order mark)"),
    ("html", "<!DOCTYPE html><html><body><p>2020年上半年</p></body></html>".encode(), None,
     "looks like an HTML page source, not report text (convert it with cnreport html2text)"),
    ("badmeta", "2020年上半年,完成地区生产总值711.1亿元。".encode(), b"report_id: x\ngenre: poem\n",
     "metadata field 'place_zh' is missing (required); metadata field 'genre' is malformed: 'poem' "
     "(one of plan_report, gov_work_report, bulletin, news); metadata field 'period_actual' is missing "
     "(required; write period_actual: null for a text that only sets targets)"),
    ("empty", b"", None, "empty file"),
    ("latin", b"Quarterly report: revenue rose 5%.", None, "not a report: no Chinese characters"),
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a real report and the number of facts it gives on its own."""

    text: str
    facts: int


def count_facts(text: str) -> int:
    """Facts of a text with no metadata: extraction then mapping (as the corpus job does)."""
    meta = files.ReportMeta(report_id="count", place_zh="", place_en="", genre="", period_actual="")
    return len(work.map_facts(extract.extract_quantities(text).rows, text, meta))


@lru_cache(maxsize=1)
def sentence_pool(raw_dir: str | None = None) -> tuple[Sentence, ...]:
    """Every prose sentence of the reports in ``data/raw``, with its fact count.

    A prose sentence has at least 8 characters and ends with 。, ；, ！ or ？ (or the
    ASCII forms). Table rows ("猪肉 | 13400 |") and headings are left out: a table
    row's numbers are read with its header, so its count depends on its neighbours.
    """
    pool = []
    for rid in files.list_report_ids(Path(raw_dir) if raw_dir else None):
        text = files.read_report(Path(raw_dir or paths.RAW) / f"{rid}.txt").text
        for start, end in structure.sentence_spans(text):
            sentence = text[start:end].replace("\r", "")
            if len(sentence) >= 8 and sentence.endswith(_SENTENCE_ENDS) and "|" not in sentence:
                pool.append(Sentence(sentence, count_facts(sentence)))
    return tuple(pool)


def _places() -> list[tuple[str, str]]:
    metas = [files.read_metadata(rid) for rid in files.list_report_ids()]
    return sorted({(m.place_zh, m.place_en) for m in metas})


def generate_corpus(out_dir: Path, n: int, seed: int = 0, sentences: tuple[int, int] = (10, 60),
                    without_meta: float = 0.0, broken: int = 0) -> list[dict]:
    """Write ``n`` synthetic reports (and ``broken`` broken inputs) to ``out_dir``.

    Parameters
    ----------
    out_dir : Path
        Folder to write ``syn_00000.txt`` (+ ``.yml``) ... into (created).
    n : int
        Number of reports.
    seed : int
        Seed of the random draws: the same seed gives the same files.
    sentences : (int, int)
        Smallest and largest number of sentences per report.
    without_meta : float
        Share of reports written without a metadata sidecar.
    broken : int
        Broken inputs to add, cycling through :data:`BROKEN`.

    Returns
    -------
    list of dict
        One row per input: ``input_path``, ``status`` (``ok``/``failed``), ``facts``
        (expected), ``reason`` (for failures), ``place_zh``, ``period``, ``has_meta``.
    """
    rng = random.Random(seed)
    pool, places = sentence_pool(), _places()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    expected = []
    for i in range(n):
        (place_zh, place_en), period = rng.choice(places), rng.choice(PERIODS)
        title = f"{place_zh}{_TITLE_PERIOD[period]}国民经济和社会发展计划执行情况报告"
        body = rng.choices(pool, k=rng.randint(*sentences))
        text = "\n".join([title, *(s.text for s in body)]) + "\n"
        name = f"syn_{i:05d}"
        files.write_text_atomic(out_dir / f"{name}.txt", text)
        has_meta = rng.random() >= without_meta
        if has_meta:
            files.write_text_atomic(out_dir / f"{name}.yml", _sidecar(name, place_zh, place_en, period))
        expected.append({"input_path": f"{name}.txt", "status": "ok", "reason": None,
                         "facts": count_facts(title) + sum(s.facts for s in body),
                         "place_zh": place_zh, "period": period, "has_meta": has_meta})
    for j in range(broken):
        kind, data, sidecar, reason = BROKEN[j % len(BROKEN)]
        name = f"bad_{j:03d}_{kind}"
        files.write_bytes_atomic(out_dir / f"{name}.txt", data)
        if sidecar is not None:
            files.write_bytes_atomic(out_dir / f"{name}.yml", sidecar)
        expected.append({"input_path": f"{name}.txt", "status": "failed", "reason": reason, "facts": 0,
                         "place_zh": None, "period": None, "has_meta": sidecar is not None})
    return expected


def build_demo_corpus(folder: Path, n: int, seed: int) -> list[dict]:
    """The corpus of notebook 06: the real reports of ``data/raw`` plus ``n`` synthetic ones.

    Writes ``folder/real/`` (byte-identical copies of every report and sidecar in
    ``data/raw``) and ``folder/synthetic/`` (:func:`generate_corpus` with ``seed``).

    Returns
    -------
    list of dict
        One row per input (see :func:`generate_corpus`), ``input_path`` relative to
        ``folder`` and ``origin`` ``real`` or ``synthetic``.
    """
    folder = Path(folder)
    rows = []
    for rid in files.list_report_ids():
        for src in (paths.raw_report(rid), paths.raw_metadata(rid)):
            files.write_bytes_atomic(folder / "real" / src.name, src.read_bytes())
        rows.append({"input_path": f"real/{rid}.txt", "origin": "real", "status": "ok"})
    for row in generate_corpus(folder / "synthetic", n, seed=seed):
        rows.append({**row, "input_path": f"synthetic/{row['input_path']}", "origin": "synthetic"})
    return rows


def _sidecar(report_id: str, place_zh: str, place_en: str, period: str) -> str:
    import yaml

    doc = {"report_id": report_id, "title": f"synthetic report {report_id} (sentences of data/raw recombined)",
           "place_zh": place_zh, "place_en": place_en, "genre": "plan_report", "period_actual": period,
           "script": "simplified", "complete": False}
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
