"""The bilingual words of the figures, read from one table (``present/labels.csv``).

Every fixed word a figure draws (titles, axis labels, legend entries, price-basis
tags, "not in our benchmarks") is a row of ``labels.csv`` with its English and its
Chinese, so the two variants are reviewed side by side and a translator edits data,
not code. The Chinese is written for Chinese readers, not word by word: the plan
figure's title says 上半年完成量与报告所定目标 (what the first half did against the
report's targets), not "first-half targets", which the report never sets.

This module imports no matplotlib: notebooks and tests can read labels cheaply.
"""

from __future__ import annotations

import csv
from functools import lru_cache

from cnreport.core import paths

LANGS = ("en", "zh")


@lru_cache(maxsize=1)
def table() -> dict[str, dict[str, str]]:
    """Every label, keyed by ``key``: ``{"en": ..., "zh": ..., "note": ...}``.

    Returns
    -------
    dict
        Read once from ``cnreport/present/labels.csv`` (importlib.resources).

    Raises
    ------
    ValueError
        A key appears twice, or a row has no English text.
    """
    out: dict[str, dict[str, str]] = {}
    with open(paths.package_file("cnreport.present", "labels.csv"), encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            key = row["key"]
            if key in out:
                raise ValueError(f"cnreport/present/labels.csv: line {line}: key {key!r} appears twice")
            if not row["en"]:
                raise ValueError(f"cnreport/present/labels.csv: line {line}: key {key!r} has no English text")
            out[key] = {"en": row["en"], "zh": row["zh"], "note": row["note"]}
    return out


def label(key: str, lang: str = "en", **fields: str) -> str:
    """The text of one label in one language, with ``{fields}`` filled in.

    Parameters
    ----------
    key : str
        A ``key`` of ``labels.csv``, e.g. ``"missing_benchmark"``.
    lang : {"en", "zh"}
        Language. A row with no Chinese (an English gloss of Chinese words) gives "".
    **fields : str
        Values for the placeholders, e.g. ``place="Jiangsu Province"``.

    Returns
    -------
    str
        E.g. ``label("role_province", "zh", place="江苏省")`` -> ``"江苏省（所在省）"``.

    Raises
    ------
    KeyError
        Unknown key, or a placeholder without a value.
    ValueError
        Unknown language.
    """
    if lang not in LANGS:
        raise ValueError(f"language {lang!r}: expected 'en' or 'zh'")
    rows = table()
    if key not in rows:
        raise KeyError(f"no label {key!r} in cnreport/present/labels.csv")
    return rows[key][lang].format(**fields)
