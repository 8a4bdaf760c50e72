"""The indicator dictionary: reading and checking it, and matching a phrase against it.

``src/cnreport/clean/dictionary/indicators.csv`` is data, not code: each indicator has an
id, its English and Chinese names, a sector, its natural unit (the unit family a level
must belong to), the Chinese phrases that name it, a definition and the source of that
definition. Extending the dictionary for a new district is an edit to that file.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cnreport.clean import sentences
from cnreport.core import lexicon, normalize, paths
from cnreport.core.files import ReportError

DICTIONARY = paths.package_file("cnreport.clean", "dictionary", "indicators.csv")
DICTIONARY_COLUMNS = ("indicator_id", "name_en", "name_zh", "sector", "unit", "benchmark_indicator",
                      "components", "phrases", "definition", "definition_source")
SECTORS = ("macro", "industry", "services", "agriculture", "construction", "investment", "trade_fdi",
           "innovation_talent", "fiscal_finance", "business_environment", "employment_income",
           "environment", "social", "urban_rural")

# Unit kinds that are one family for matching: a count of firms may be in 家 or 户.
_KIND_FAMILY = {"households": "count", "livestock": "count"}
# Base units the lexicon may not know yet (new currencies, mass and power units).
_FALLBACK_KINDS = {"HKD": "money", "EUR": "money", "JPY": "money", "GBP": "money", "kg": "mass", "kw": "power",
                   "tce_per_10k_cny": "intensity", "tce": "mass"}
_LEADING_JUNK = re.compile(r"^[^\u3400-\u9fffA-Za-z0-9]+")
_FOOTNOTE = re.compile(r"\[\d+\]|[“”\"‘’'《》()]")


@dataclass(frozen=True)
class Indicator:
    """One canonical indicator of the dictionary."""

    indicator_id: str
    name_en: str
    name_zh: str
    sector: str
    unit: str
    benchmark_indicator: str
    components: tuple[str, ...]
    phrases: tuple[str, ...]
    definition: str
    definition_source: str


class Dictionary:
    """The indicator dictionary and its phrase matcher.

    Parameters
    ----------
    indicators : list of Indicator
        In file order; a phrase may belong to one indicator only.
    """

    def __init__(self, indicators: list[Indicator], path: Path | str = DICTIONARY):
        self.indicators = {ind.indicator_id: ind for ind in indicators}
        self.by_phrase: dict[str, str] = {}
        for ind in indicators:
            for phrase in ind.phrases:
                if self.by_phrase.setdefault(phrase, ind.indicator_id) != ind.indicator_id:
                    raise ReportError(path, f"phrase {phrase!r} is listed for both "
                                            f"{self.by_phrase[phrase]} and {ind.indicator_id}")
        # The longest phrase bounds the scan of :meth:`longest_in`.
        self._longest = max((len(p) for p in self.by_phrase), default=0)

    def fits(self, indicator_id: str, unit: str | None) -> bool:
        """Whether a level in ``unit`` can measure the indicator.

        A number in 家 cannot be revenue and a number in 亿元 cannot be a count of
        firms: the row's base unit and the indicator's natural unit must be of one
        kind (money, area, mass, people, count ...). ``unit=None`` (rates, shares,
        growth) fits every indicator, as does an indicator without a natural unit.
        """
        natural = self.indicators[indicator_id].unit
        if unit is None or not natural:
            return True
        return unit_family(unit) == unit_family(natural)

    def exact(self, phrase: str, unit: str | None = None) -> str | None:
        """The indicator whose phrase list contains ``phrase`` exactly (and fits ``unit``)."""
        hit = self.by_phrase.get(phrase)
        return hit if hit and self.fits(hit, unit) else None

    def longest_in(self, text: str, unit: str | None = None) -> tuple[str, str] | None:
        """``(indicator_id, phrase)`` for the fitting dictionary phrase that ends last in ``text``.

        Chinese noun phrases end in their head: in "粮食产量平均亩产" the figure is the yield
        (平均亩产), not the output (粮食产量). Among phrases ending at the same place the
        longest wins ("第一产业增加值" over "增加值"). A phrase followed by a word that makes
        a ratio of it ("工业增加值率") does not match unless the indicator is a rate.
        """
        # scan ends from the right, lengths from the longest: time is len(text) x longest phrase
        for end in range(len(text), 0, -1):
            for size in range(min(self._longest, end), 0, -1):
                phrase = text[end - size:end]
                iid = self.by_phrase.get(phrase)
                if iid is None or not self.fits(iid, unit):
                    continue
                if sentences.rate_after(text, phrase) and self.indicators[iid].unit != "percent":
                    continue
                return iid, phrase
        return None

    def match(self, phrase: str, unit: str | None = None) -> tuple[str, str] | None:
        """Map a cleaned phrase: exact first, then the longest contained phrase.

        Returns ``(indicator_id, how)`` with ``how`` in ``exact``, ``contains``.
        """
        if not phrase:
            return None
        hit = self.exact(phrase, unit)
        if hit:
            return hit, "exact"
        found = self.longest_in(phrase, unit)
        return (found[0], "contains") if found else None


def read_dictionary(path: Path | str = DICTIONARY) -> Dictionary:
    """Read and check ``src/cnreport/clean/dictionary/indicators.csv``.

    Raises
    ------
    ReportError
        One line naming the file and the problem: a missing column, an empty or
        repeated ``indicator_id``, a sector outside :data:`SECTORS`, a component
        that is not itself an indicator, or a phrase listed twice.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in DICTIONARY_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ReportError(path, f"missing column(s): {', '.join(missing)}")
            raw = list(reader)
    except OSError as exc:
        raise ReportError(path, f"cannot read the indicator dictionary ({exc.strerror})") from None
    indicators = []
    seen = set()
    for line, row in enumerate(raw, start=2):
        iid = row["indicator_id"].strip()
        if not re.fullmatch(r"[a-z][a-z0-9_]*", iid):
            raise ReportError(path, f"line {line}: indicator_id {iid!r} is not snake_case")
        if iid in seen:
            raise ReportError(path, f"line {line}: indicator_id {iid!r} is repeated")
        seen.add(iid)
        if row["sector"] not in SECTORS:
            raise ReportError(path, f"line {line}: sector {row['sector']!r} is not one of {', '.join(SECTORS)}")
        if not row["name_en"].strip() or not row["name_zh"].strip():
            raise ReportError(path, f"line {line}: {iid} needs name_en and name_zh")
        phrases = tuple(clean_phrase(p) for p in row["phrases"].split("|") if p.strip())
        indicators.append(Indicator(
            indicator_id=iid, name_en=row["name_en"].strip(), name_zh=row["name_zh"].strip(),
            sector=row["sector"], unit=row["unit"].strip(), benchmark_indicator=row["benchmark_indicator"].strip(),
            components=tuple(row["components"].split()), phrases=phrases,
            definition=row["definition"].strip(), definition_source=row["definition_source"].strip()))
    for ind in indicators:
        for comp in ind.components:
            if comp not in seen:
                raise ReportError(path, f"{ind.indicator_id}: component {comp!r} is not an indicator_id")
    return Dictionary(indicators, path)


def unit_family(unit_base: str) -> str:
    """The kind of a base unit (``CNY`` and ``USD`` -> money, ``mu`` -> area ...)."""
    kinds = _unit_kinds()
    kind = kinds.get(unit_base) or _FALLBACK_KINDS.get(unit_base, unit_base)
    return _KIND_FAMILY.get(kind, kind)


@lru_cache(maxsize=1)
def _unit_kinds() -> dict[str, str]:
    return {u.unit_base: u.kind for u in lexicon.units().values()}


def clean_phrase(phrase: str) -> str:
    """The matching form of an indicator phrase.

    Simplified script, full-width folded, footnote marks and quotation marks
    removed, leading dashes and bullets dropped ("──完成进出口总额" -> "完成进出口总额").
    """
    text = normalize.normalize(phrase).text
    text = _FOOTNOTE.sub("", text)
    return _LEADING_JUNK.sub("", text).strip()
