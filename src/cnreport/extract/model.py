"""The data the extraction stages pass along: output columns, candidates, context, spans.

The output contract (:data:`COLUMNS`, :data:`MEASURES` ...) is documented in the
README; :class:`Cand` is one quantity found in the normalised text as it moves
from :mod:`~cnreport.extract.candidates` to :mod:`~cnreport.extract.classify`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from decimal import Decimal

from cnreport.core import normalize
from cnreport.core.files import ReportMeta
from cnreport.extract.patterns import CLAUSE_END_RE, SENTENCE_END

COLUMNS = ("report_id", "start", "end", "text", "value", "value_high", "unit", "value_base",
           "unit_base", "measure", "status", "period", "qualifier", "indicator_zh", "section", "sentence")
EXCLUDED_COLUMNS = ("start", "end", "text", "reason", "note")
MEASURES = ("level", "growth_pct", "share_pct", "rate_pct", "pp_change", "abs_change")
STATUSES = ("actual", "target")
QUALIFIERS = ("exact", "more_than", "at_least", "at_most", "about", "range", "each")
REASONS = ("date", "period", "name", "threshold", "descriptor", "other")


@dataclass
class Extraction:
    """The result of extracting one report.

    Attributes
    ----------
    rows : list of dict
        Quantities, keyed by :data:`COLUMNS`, sorted by ``start``.
    excluded : list of dict
        Other number-like spans, keyed by :data:`EXCLUDED_COLUMNS`, sorted by ``start``.
    assumptions : list of str
        What was assumed because metadata was missing.
    """

    rows: list[dict]
    excluded: list[dict]
    assumptions: list[str] = field(default_factory=list)


class Bounds:
    """Clause and sentence boundaries of the normalised text, found once and looked up by bisection.

    A clause ends at any of ``,;。:!?`` or a line break, a sentence at any of ``;。!?``
    or a line break.
    """

    def __init__(self, s: str):
        self.length = len(s)
        self.clause_ends = [m.start() for m in CLAUSE_END_RE.finditer(s)]
        self.sentence_ends = [i for i in self.clause_ends if s[i] in SENTENCE_END]   # a sentence end ends a clause too

    def clause_start(self, i: int) -> int:
        """Start of the clause holding offset ``i`` (just after the last clause end before ``i``)."""
        k = bisect.bisect_left(self.clause_ends, i)
        return self.clause_ends[k - 1] + 1 if k else 0

    def sentence_start(self, i: int) -> int:
        """Start of the sentence holding offset ``i`` (just after the last sentence end before ``i``)."""
        k = bisect.bisect_left(self.sentence_ends, i)
        return self.sentence_ends[k - 1] + 1 if k else 0

    def sentence(self, i: int) -> tuple[int, int]:
        """(start, end) of the sentence holding offset ``i``; ``end`` is the sentence end at or after ``i``."""
        k = bisect.bisect_left(self.sentence_ends, i)
        start = self.sentence_ends[k - 1] + 1 if k else 0
        end = self.sentence_ends[k] if k < len(self.sentence_ends) else self.length
        return start, end


@dataclass
class Context:
    """One report as the stages see it: original text, normalised copy, metadata, structure."""

    text: str
    norm: normalize.Normalized
    meta: ReportMeta | None
    sections: list
    sentences: list
    bounds: Bounds

    sentence_starts: list[int] = field(init=False)

    def __post_init__(self):
        self.sentence_starts = [a for a, _ in self.sentences]


@dataclass(slots=True)
class Cand:
    """A quantity found in the normalised text, before and after classification."""

    start: int            # normalised offsets
    end: int
    value: Decimal
    value_high: Decimal | None
    unit: str             # as written (Simplified), magnitude included
    unit_base: str
    factor: Decimal
    qualifier: str = "exact"
    threshold: str = ""
    measure: str = "level"
    sign: int = 1
    status: str = "actual"
    period: str = ""
    indicator: str = ""
    forced_measure: str = ""


class Spans:
    """Disjoint, non-empty half-open intervals with O(log n) overlap queries."""

    def __init__(self, spans=()):
        pairs = sorted(spans)
        self.starts: list[int] = [a for a, _ in pairs]
        self.ends: list[int] = [b for _, b in pairs]

    def overlaps(self, a: int, b: int) -> bool:
        """Whether ``[a, b)`` overlaps one of the spans."""
        i = bisect.bisect_left(self.starts, b) - 1
        return i >= 0 and self.ends[i] > a

    def add(self, a: int, b: int) -> None:
        """Add ``[a, b)``, which overlaps none of the spans."""
        i = bisect.bisect_left(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)


def excluded_span(start: int, end: int, reason: str, note: str) -> dict:
    """An excluded span in normalised offsets (mapped to the original text at the end)."""
    return {"nstart": start, "nend": end, "reason": reason, "note": note}


def norm_index(norm: normalize.Normalized, orig: int) -> int:
    """The normalised offset of original offset ``orig``."""
    return bisect.bisect_left(norm.origin, orig)
