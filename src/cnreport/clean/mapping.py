"""Turn extracted rows into tidy facts with canonical bilingual indicator names.

The extractor names each number with the report's own phrase (``indicator_zh``:
"完成一般公共预算收入", "──城镇居民人均可支配收入", "降幅比一季度收窄"). This
module maps that phrase to a canonical indicator from the dictionary
``src/cnreport/clean/dictionary/indicators.csv`` (data, not code) and writes one row per fact in base
units, each still pointing at its characters in the raw report.

How a row is mapped, in order (the ``mapping`` column records which step did it):

``counter_noun``
    A count followed directly by the noun it counts ("9家企业入围…", "12个考核断面
    水质达标率", "5所学校通过…"): the words after the number name the indicator,
    not the phrase before it.
``exact``
    The cleaned phrase is one of the dictionary's phrases.
``contains``
    The longest dictionary phrase contained in the cleaned phrase.
``respective``
    Several numbers share one phrase that lists as many subjects ("A、B分别为x和y")
    or an indicator with components (三次产业结构 4.3:51.9:43.8 ->
    primary, secondary and tertiary shares): the i-th number goes to the i-th subject.
``inherited``
    A phrase that names a comparison, not a subject ("降幅比一季度收窄", "调整为"):
    the subject of the previous number in the same sentence, when the row is a change
    or a share, never a level.
``unmapped``
    Nothing matched. The row is kept with an empty ``indicator_id`` and listed for review.

A number that applies to several subjects becomes several rows (``split``):
``each`` when the text says 各 ("绿色品牌、有机品牌各3个"), ``shared_rate`` when a
rate or share follows a list of subjects that each map on their own
("受污染耕地安全利用率、污染地块安全利用率达90%"). Amounts after a list are
totals ("减免各类房租、电费8772万元") and are not split.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from cnreport.core import files, lexicon, normalize, paths
from cnreport.core.files import ReportError, ReportMeta

DICTIONARY = paths.package_file("cnreport.clean", "dictionary", "indicators.csv")
DICTIONARY_COLUMNS = ("indicator_id", "name_en", "name_zh", "sector", "unit", "benchmark_indicator",
                      "components", "phrases", "definition", "definition_source")
SECTORS = ("macro", "industry", "services", "agriculture", "construction", "investment", "trade_fdi",
           "innovation_talent", "fiscal_finance", "business_environment", "employment_income",
           "environment", "social", "urban_rural")
MAPPINGS = ("counter_noun", "exact", "contains", "respective", "inherited", "unmapped")
SPLITS = ("each", "shared_rate")

COLUMNS = ("report_id", "geo_id", "place_zh", "place_en", "genre", "period", "status", "indicator_id",
           "indicator_en", "indicator_zh", "sector", "measure", "value", "value_high", "unit", "qualifier",
           "source_start", "source_end", "source_text", "section", "indicator_phrase", "mapping", "split",
           "value_as_written", "unit_as_written")

# The clause after a number ends at these; "、" does not end it ("6家省、市级集聚区").
_CLAUSE_STOP = re.compile(r"[,;。:!?\n]")
_TAIL_CHARS = 30
# A number followed by these is not followed by the noun it measures (以上, 左右, 的 ...).
_NOT_A_NOUN_START = set("的以左多余次及和与或等之共为")
# Phrases that restate the previous subject ("按当年汇率折算", "调整为") rather than name one.
_RESTATING = ("折算", "调整")
# Unit kinds that are one family for matching: a count of firms may be in 家 or 户.
_KIND_FAMILY = {"households": "count", "livestock": "count"}
_LEADING_JUNK = re.compile(r"^[^\u3400-\u9fffA-Za-z0-9]+")
_FOOTNOTE = re.compile(r"\[\d+\]|[“”\"‘’'《》()]")
_CHANGE_MEASURES = {"growth_pct", "pp_change", "abs_change", "share_pct", "rate_pct"}


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
        # Longest phrase first, so "第一产业增加值" wins over "增加值".
        self._ordered = sorted(self.by_phrase, key=lambda p: (-len(p), p))

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
        """``(indicator_id, phrase)`` for the longest fitting dictionary phrase inside ``text``."""
        for phrase in self._ordered:
            if phrase in text and self.fits(self.by_phrase[phrase], unit):
                return self.by_phrase[phrase], phrase
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
    kind = kinds.get(unit_base, unit_base)
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


def counter_tail(source: str, row: dict) -> str:
    """The noun right after a level, in the matching form, or ``""``.

    Chinese puts a counted noun after its number and measure word: "9家企业入围…",
    "12个考核断面", "150公里乡村道路安全防护提升工程". Then the words after the number
    name what it measures, not the phrase before it. For "新增上云企业200家。" nothing
    follows in the clause. "以上", "左右", "的" and the like do not start a noun.
    """
    if row["measure"] != "level":
        return ""
    end = int(row["end"])
    if not ("\u3400" <= source[end:end + 1] <= "\u9fff"):
        return ""
    tail = _CLAUSE_STOP.split(clean_phrase(source[end:end + _TAIL_CHARS]), maxsplit=1)[0]
    if not tail or tail[0] in _NOT_A_NOUN_START:
        return ""
    return tail


def _subject(phrase: str) -> str:
    """The subject of a share phrase: "研发投入占地区生产总值比重" -> "研发投入".

    In "X占Y(的)比重" the number measures X; Y is only the denominator.
    """
    head = phrase.split("占", 1)[0]
    return head if head else phrase


def _items(phrase: str) -> list[str]:
    return [p for p in phrase.split("、") if p]


def _geo(meta: ReportMeta, geos: list[dict]) -> tuple[str, str]:
    """``(geo_id, geo_en)`` for a report's place.

    A benchmark geography whose Chinese name ends the report's ``place_zh`` is the
    same place ("江苏省南通市通州区" ends with "南通市通州区" -> ``tz``). Other places
    get the first word of the report id ("qidong_2020_plan" -> ``qidong``).
    """
    for geo in sorted(geos, key=lambda g: -len(g["geo_zh"])):
        if geo["geo_zh"] and meta.place_zh.endswith(geo["geo_zh"]):
            return geo["geo_id"], geo["geo_en"]
    return meta.report_id.split("_")[0], meta.place_en


def _base_high(row: dict) -> str:
    """``value_high`` in base units, scaled and signed like ``value_base``."""
    if not row["value_high"]:
        return ""
    value, base = Decimal(row["value"]), Decimal(row["value_base"])
    if value == 0:
        return row["value_high"]
    return _plain(Decimal(row["value_high"]) * base / value)


def _plain(d: Decimal) -> str:
    text = format(d.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def map_report(rows: list[dict], source: str, meta: ReportMeta, dictionary: Dictionary,
               geos: list[dict]) -> list[dict]:
    """Map one report's extracted rows to facts (see the module docstring for the rules).

    Parameters
    ----------
    rows : list of dict
        Extracted rows of one report (:data:`cnreport.extract.COLUMNS`), in text order.
    source : str
        The decoded raw text the offsets refer to.
    meta : ReportMeta
        The report's metadata (place, genre).
    dictionary : Dictionary
        The indicator dictionary.
    geos : list of dict
        Benchmark geographies (``geo_id``, ``geo_zh``, ``geo_en``), to name the place.

    Returns
    -------
    list of dict
        Facts keyed by :data:`COLUMNS`, at least one per extracted row.
    """
    geo_id, _ = _geo(meta, geos)
    groups = _group(rows)
    assigned: list[list[tuple[str | None, str, str, str]]] = []  # per row: (id, phrase, mapping, split)
    prev: tuple[list[dict], list] | None = None
    for group in groups:
        result = _map_group(group, source, dictionary)
        if all(r[0][0] is None for r in result) and prev is not None:
            inherited = _inherit(group, prev, dictionary)
            if inherited:
                result = inherited
        assigned.extend(result)
        prev = (group, result)
    facts = []
    for row, targets in zip(rows, assigned, strict=False):
        for iid, phrase, mapping, split in targets:
            ind = dictionary.indicators.get(iid) if iid else None
            facts.append({
                "report_id": meta.report_id, "geo_id": geo_id, "place_zh": meta.place_zh,
                "place_en": meta.place_en, "genre": meta.genre, "period": row["period"],
                "status": row["status"], "indicator_id": iid or "",
                "indicator_en": ind.name_en if ind else "", "indicator_zh": ind.name_zh if ind else "",
                "sector": ind.sector if ind else "", "measure": row["measure"],
                "value": row["value_base"], "value_high": _base_high(row), "unit": row["unit_base"],
                "qualifier": row["qualifier"], "source_start": int(row["start"]), "source_end": int(row["end"]),
                "source_text": row["text"], "section": row["section"], "indicator_phrase": phrase,
                "mapping": mapping, "split": split, "value_as_written": row["value"],
                "unit_as_written": row["unit"],
            })
    return facts


def _group(rows: list[dict]) -> list[list[dict]]:
    """Consecutive rows of one sentence that share one phrase and one measure."""
    groups: list[list[dict]] = []
    for row in rows:
        last = groups[-1][-1] if groups else None
        if (last is not None and last["indicator_zh"] == row["indicator_zh"] and last["sentence"] == row["sentence"]
                and last["measure"] == row["measure"] and row["indicator_zh"]):
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def _map_group(group: list[dict], source: str, dictionary: Dictionary) -> list[list[tuple]]:
    phrase = clean_phrase(group[0]["indicator_zh"])
    if len(group) > 1:
        respective = _respective(group, phrase, dictionary)
        if respective:
            return respective
    return [_map_row(row, phrase, source, dictionary) for row in group]


def _respective(group: list[dict], phrase: str, dictionary: Dictionary):
    """Assign the i-th number to the i-th subject or component, when the counts agree."""
    items = _items(phrase)
    if len(items) == len(group) > 1:
        hits = [dictionary.match(item) for item in items]
        if all(hits) and len({h[0] for h in hits}) == len(hits):
            return [[(h[0], item, "respective", "")] for h, item in zip(hits, items, strict=False)]
    whole = dictionary.match(phrase)
    if whole:
        comps = dictionary.indicators[whole[0]].components
        if len(comps) == len(group):
            return [[(comp, phrase, "respective", "")] for comp in comps]
    return None


def _map_row(row: dict, phrase: str, source: str, dictionary: Dictionary) -> list[tuple]:
    unit = row["unit_base"] if row["measure"] in ("level", "abs_change") else None
    tail = counter_tail(source, row)
    if tail:
        found = dictionary.longest_in(tail, unit)
        if found:
            return [(found[0], tail, "counter_noun", "")]
    items = _items(phrase)
    if len(items) > 1:
        hits = [dictionary.match(item, unit) for item in items]
        distinct = all(hits) and len({h[0] for h in hits}) == len(hits)
        if distinct and row["qualifier"] == "each":
            return [(h[0], item, h[1], "each") for h, item in zip(hits, items, strict=False)]
        if distinct and row["measure"] in ("rate_pct", "share_pct"):
            return [(h[0], item, h[1], "shared_rate") for h, item in zip(hits, items, strict=False)]
    if not any(word in phrase for word in _RESTATING):
        hit = dictionary.match(_subject(phrase), unit)
        if hit:
            return [(hit[0], phrase, hit[1], "")]
    return [(None, phrase or tail, "unmapped", "")]


def _inherit(group: list[dict], prev: tuple[list[dict], list], dictionary: Dictionary):
    """Give a subject-less group the subject of the previous group in the same sentence."""
    prev_group, prev_result = prev
    if prev_group[0]["sentence"] != group[0]["sentence"]:
        return None
    ids = [targets[0][0] for targets in prev_result]
    if len(group) == len(prev_group) > 1 and prev_result[0][0][2] == "respective" and all(ids):
        # "三次产业结构由 4.6:45.7:49.7 调整为 4.3:51.9:43.8": the same components again.
        return [[(iid, targets[0][1], "inherited", "")] for iid, targets in zip(ids, prev_result, strict=False)]
    restating = any(word in clean_phrase(group[0]["indicator_zh"]) for word in _RESTATING)
    if len(set(ids)) == 1 and ids[0] and (restating or all(r["measure"] in _CHANGE_MEASURES for r in group)):
        return [[(ids[0], prev_result[-1][0][1], "inherited", "")] for _ in group]
    return None


def sort_key(fact: dict) -> tuple:
    """Deterministic order: report, position in the text, then subject."""
    return fact["report_id"], int(fact["source_start"]), fact["indicator_id"], fact["indicator_phrase"]


def benchmark_geos(benchmarks: list[dict]) -> list[dict]:
    """The distinct geographies of the benchmark rows (``geo_id``, ``geo_zh``, ``geo_en``, ``level``)."""
    seen: dict[str, dict] = {}
    for row in benchmarks:
        seen.setdefault(row["geo_id"], {k: row[k] for k in ("geo_id", "geo_zh", "geo_en", "level")})
    return [seen[k] for k in sorted(seen)]


@dataclass
class Cleaned:
    """Facts of every report, with the accounting that reconciles them with the extraction.

    Attributes
    ----------
    facts : list of dict
        Rows keyed by :data:`COLUMNS`, sorted by :func:`sort_key`.
    reconciliation : list of dict
        Per report: ``extracted`` rows, ``added_by_split``, ``facts``, ``mapped``, ``unmapped``.
    """

    facts: list[dict]
    reconciliation: list[dict]


def clean_reports(report_ids: list[str], dictionary: Dictionary | None = None,
                  benchmarks: list[dict] | None = None) -> Cleaned:
    """Map the interim extraction of each report to facts.

    Reads ``data/interim/<id>_extracted.csv`` (written by notebook 01), the raw text
    and the metadata of each report. Every extracted row gives at least one fact:
    nothing is dropped, so ``facts = extracted + added_by_split`` for every report.
    """
    dictionary = dictionary or read_dictionary()
    if benchmarks is None:
        benchmarks = files.read_csv_rows(paths.BENCHMARKS)
    geos = benchmark_geos(benchmarks)
    facts, recon = [], []
    for rid in report_ids:
        rows = files.read_csv_rows(paths.interim_table(rid, "extracted"))
        source = files.read_report(paths.raw_report(rid)).text
        mapped = map_report(rows, source, files.read_metadata(rid), dictionary, geos)
        facts.extend(mapped)
        recon.append({"report_id": rid, "extracted": len(rows), "added_by_split": len(mapped) - len(rows),
                      "facts": len(mapped), "mapped": sum(1 for f in mapped if f["indicator_id"]),
                      "unmapped": sum(1 for f in mapped if not f["indicator_id"])})
    facts.sort(key=sort_key)
    return Cleaned(facts, recon)
