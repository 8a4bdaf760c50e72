"""Every Arabic digit run of a report ends in exactly one row: the check and the leftovers.

:func:`coverage` checks a finished extraction; :func:`leftover_digits` turns the
digit runs no rule claimed into excluded rows ("number without a unit"), so that
nothing is lost silently.
"""

from __future__ import annotations

import bisect

from cnreport.extract import patterns as P


def coverage(text: str, rows: list[dict], excluded: list[dict]) -> dict:
    """Check that every Arabic digit run lies inside exactly one row.

    Parameters
    ----------
    text : str
        The decoded original text.
    rows, excluded : list of dict
        Quantity and excluded rows with ``start`` and ``end``.

    Returns
    -------
    dict
        ``digit_runs`` (count), ``in_quantities``, ``in_excluded``, ``uncovered``
        (list of (start, text)) and ``multiple`` (runs inside more than one row).
    """
    spans = sorted([(r["start"], r["end"], "q") for r in rows] + [(r["start"], r["end"], "x") for r in excluded])
    starts = [sp[0] for sp in spans]
    result = {"digit_runs": 0, "in_quantities": 0, "in_excluded": 0, "uncovered": [], "multiple": []}
    for m in P.ANY_WIDTH_DIGITS.finditer(text):
        a, b = m.span()
        result["digit_runs"] += 1
        i = bisect.bisect_right(starts, a)
        holders = [sp for sp in spans[max(0, i - 8):i] if sp[0] <= a and b <= sp[1]]
        if not holders:
            result["uncovered"].append((a, m.group()))
        elif len(holders) > 1:
            result["multiple"].append((a, m.group()))
        else:
            result["in_quantities" if holders[0][2] == "q" else "in_excluded"] += 1
    return result


def _uncovered_digit_runs(text: str, rows: list[dict], excluded: list[dict]) -> list[tuple[int, str]]:
    """``coverage(text, rows, excluded)["uncovered"]``: the digit runs that no row holds, as (start, digits).

    When the rows do not overlap (as the extractor makes them), a digit run lies in
    no row exactly when it reaches into a gap between rows, or runs on across the
    boundary of two rows that touch: so only the gaps and those boundaries are
    searched, not every digit run.
    """
    spans = sorted([(r["start"], r["end"]) for r in rows] + [(r["start"], r["end"]) for r in excluded])
    if any(a >= b for a, b in spans) or any(spans[i][1] > spans[i + 1][0] for i in range(len(spans) - 1)):
        return coverage(text, rows, excluded)["uncovered"]
    found: dict[int, str] = {}
    digits = P.ANY_WIDTH_DIGITS

    def take(i: int) -> int:
        """Record the digit run that holds text[i]; return its end."""
        while i > 0 and digits.match(text, i - 1, i):
            i -= 1
        run = digits.match(text, i)
        found[i] = run.group()
        return run.end()

    gap_start = 0
    for a, b in spans + [(len(text), len(text))]:
        pos = gap_start
        while (m := digits.search(text, pos, a)) is not None:
            pos = take(m.start())
        if 0 < gap_start == a < len(text) and digits.fullmatch(text, a - 1, a + 1):
            take(a)            # a run across the boundary of two rows that touch
        gap_start = b
    return sorted(found.items())


def leftover_digits(text: str, rows: list[dict], excluded: list[dict]) -> list[dict]:
    """Digit runs no rule claimed: excluded as 'other', so that nothing is lost silently.

    Rule: a run at the very end of the text, or followed only by a decimal point
    or magnitude word there ("711." / "1218 亿" at the end of an excerpt), was cut
    off mid-number; any other is a "number without a unit".
    """
    runs = _uncovered_digit_runs(text, rows, excluded)
    uncovered = {start for start, _ in runs}
    out = []
    for start, digits in runs:
        end = start + len(digits)
        # take a decimal part along (189.3 at the end of an excerpt) when no other row holds it
        m = P.DECIMAL_PART.match(text[end:end + 40])
        if m and end + 1 in uncovered:
            end += m.end()
        if out and out[-1]["start"] <= start < out[-1]["end"]:
            continue
        at_end = P.TRUNCATED_TAIL.fullmatch(text, end) is not None
        out.append({"start": start, "end": end, "text": text[start:end], "reason": "other",
                    "note": "truncated at the end of the text" if at_end else "number without a unit"})
    return out
