"""Scoring extracted quantities against a hand-checked listing.

A listed quantity is found when an extracted row's span overlaps it; it is
correct when ``value_base`` (numerically) and ``unit_base`` also agree.
Precision = correct / extracted rows; recall = correct / listed rows.
``measure`` and ``status`` agreement are reported over the matched rows.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation


def _num(text) -> Decimal | None:
    try:
        return Decimal(str(text))
    except (InvalidOperation, TypeError):
        return None


def match_rows(extracted: list[dict], listed: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """Pair extracted and listed rows by overlapping spans (each used at most once).

    Returns
    -------
    list of (extracted or None, listed or None)
        Matched pairs, then unmatched extracted rows, then unmatched listed rows.
    """
    used = set()
    pairs = []
    for lr in sorted(listed, key=lambda r: int(r["start"])):
        ls, le = int(lr["start"]), int(lr["end"])
        best = None
        for i, er in enumerate(extracted):
            if i in used:
                continue
            es, ee = int(er["start"]), int(er["end"])
            if es < le and ls < ee:
                if best is None or es == ls:
                    best = i
                if es == ls:
                    break
        if best is None:
            pairs.append((None, lr))
        else:
            used.add(best)
            pairs.append((extracted[best], lr))
    pairs += [(er, None) for i, er in enumerate(extracted) if i not in used]
    return pairs


def score(extracted: list[dict], listed: list[dict]) -> dict:
    """Precision, recall and F1 of value_base + unit_base; measure and status accuracy.

    Parameters
    ----------
    extracted : list of dict
        Rows from :func:`cnreport.extract.extract_quantities` (or a peer tool).
    listed : list of dict
        The hand-checked listing rows.

    Returns
    -------
    dict
        ``extracted``, ``listed``, ``correct``, ``precision``, ``recall``, ``f1``,
        ``measure_acc``, ``status_acc`` and ``errors`` (list of (kind, extracted, listed)).
    """
    pairs = match_rows(extracted, listed)
    correct = measure_ok = status_ok = matched = 0
    errors = []
    for er, lr in pairs:
        if er is None:
            errors.append(("missed", None, lr))
            continue
        if lr is None:
            errors.append(("spurious", er, None))
            continue
        matched += 1
        ok = _num(er["value_base"]) == _num(lr["value_base"]) and er["unit_base"] == lr["unit_base"]
        correct += ok
        if not ok:
            errors.append(("value", er, lr))
        if er.get("measure") == lr.get("measure"):
            measure_ok += 1
        else:
            errors.append(("measure", er, lr))
        if er.get("status") == lr.get("status"):
            status_ok += 1
        else:
            errors.append(("status", er, lr))
    p = correct / len(extracted) if extracted else 0.0
    r = correct / len(listed) if listed else 0.0
    return {
        "extracted": len(extracted), "listed": len(listed), "correct": correct,
        "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "measure_acc": measure_ok / matched if matched else 0.0,
        "status_acc": status_ok / matched if matched else 0.0,
        "errors": errors,
    }
