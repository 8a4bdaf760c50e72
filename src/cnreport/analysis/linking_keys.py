"""What a row measures, for linking: the mapped indicator or the row's own words.

The mapping (:mod:`cnreport.clean.mapping`) gives most rows an indicator. Where it
only inherited the previous subject ("服务业增加值增长7.5%" after 固定资产投资) or
found none ("财政总收入"), the linking step reads the row's own phrase again, so that a
target and an outcome that use the same words still meet. The word lists are data:
``src/cnreport/analysis/linking_terms.csv``.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from cnreport.clean import mapping
from cnreport.core import paths

TERMS = paths.package_file("cnreport.analysis", "linking_terms.csv")
_LIST_SPLIT = re.compile(r"[、和及与]")
_LEFTOVER_LEAD = re.compile(r"^[上下内]、")


@lru_cache(maxsize=1)
def terms() -> dict[str, dict[str, str]]:
    """The word lists of ``linking_terms.csv``: ``{kind: {term: value}}`` (package data)."""
    out: dict[str, dict[str, str]] = {}
    with TERMS.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["kind"], {})[row["term"]] = row["value"]
    return out


def _strip(phrase: str) -> str:
    """The naming part of a phrase: "上、限上社零额" -> "限上社零额", "财政总收入预计" -> "财政总收入"."""
    t = terms()
    phrase = _LEFTOVER_LEAD.sub("", mapping.clean_phrase(phrase))
    changed = True
    while changed and phrase:
        changed = False
        for word in t.get("strip_lead", {}):
            if phrase.startswith(word) and len(phrase) > len(word) + 1:
                phrase, changed = phrase[len(word):], True
        for word in t.get("strip_tail", {}):
            if phrase.endswith(word) and len(phrase) > len(word) + 1:
                phrase, changed = phrase[: -len(word)], True
    return phrase


def indicator_key(phrase: str, dictionary: mapping.Dictionary) -> tuple[str, str]:
    """``(key, how)`` naming what a row measures, from its own phrase.

    The dictionary's indicator when a phrase matches, else an equivalence of
    ``linking_terms.csv`` (服务业增加值 -> gdp_tertiary), else the stripped phrase
    itself as ``phrase:<text>`` so that two reports using the same unmapped words
    ("财政总收入") still meet. ``("", "none")`` when nothing is left.
    """
    core = _strip(phrase)
    for word, iid in terms().get("equivalent", {}).items():
        if word in core:
            return iid, "equivalent"
    hit = dictionary.match(core)
    if hit:
        return hit[0], "phrase"
    return (f"phrase:{core}", "words") if len(core) >= 2 else ("", "none")


def respective_keys(group: list[dict], dictionary: mapping.Dictionary) -> list[str] | None:
    """Keys for k numbers after a phrase listing k subjects ("城镇、农村居民人均可支配收入分别增长4.3%、5.7%").

    A short item borrows the tail of the last item: "城镇" + "居民人均可支配收入".

    Parameters
    ----------
    group : list of dict
        Extracted rows sharing one phrase (see :func:`phrase_groups`).
    dictionary : Dictionary
        The indicator dictionary.

    Returns
    -------
    list of str or None
        One distinct indicator id per row, or None when the items do not all map.
    """
    items = [i for i in _LIST_SPLIT.split(_strip(group[0]["indicator_zh"])) if i]
    if len(items) != len(group) or len(items) < 2:
        return None
    tail = items[-1]
    keys = []
    for item in items:
        full = item if item == tail or len(item) >= len(tail) else item + tail[len(item):]
        hit = dictionary.match(full)
        keys.append(hit[0] if hit else "")
    return keys if all(keys) and len(set(keys)) == len(keys) else None


def phrase_groups(rows: list[dict]) -> list[list[dict]]:
    """Consecutive extracted rows of one sentence that share one phrase and one measure."""
    groups: list[list[dict]] = []
    for row in rows:
        last = groups[-1][-1] if groups else None
        if (last and last["indicator_zh"] == row["indicator_zh"] and last["sentence"] == row["sentence"]
                and last["measure"] == row["measure"] and row["indicator_zh"]):
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups
