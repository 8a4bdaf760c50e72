"""Line up report facts with official benchmarks: the panel.

One row per value: every actual, mapped fact of every report about its own place
(``subject`` = the report's place), every benchmark row of ``data/external/``
(:mod:`cnreport.clean.benchmarks`), and growth rates derived from two levels a
year apart. Keys are ``indicator_id``, ``geo_id``, ``period`` and ``measure``;
each row keeps its source (report and offsets, or benchmark line and URL), and a
derived value says so in ``origin`` and shows its arithmetic in ``derivation``.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal

from cnreport.clean.mapping import Dictionary
from cnreport.core import files, paths

# Benchmark units and their base unit and factor (benchmarks.csv writes 亿元 as CNY_100m).
BENCHMARK_UNITS = {"percent": ("percent", 1), "CNY": ("CNY", 1), "CNY_100m": ("CNY", 10**8),
                   "10k_persons": ("persons", 10**4)}
_YEAR = re.compile(r"^(\d{4})(.*)$")
_DERIVED_PLACES = Decimal("0.01")


def year_before(period: str) -> str:
    """The same span one year earlier: ``2020H1`` -> ``2019H1``, ``2020`` -> ``2019``."""
    m = _YEAR.match(period)
    return f"{int(m.group(1)) - 1}{m.group(2)}"


def report_rows(facts: list[dict], metas: dict[str, files.ReportMeta]) -> list[dict]:
    """Panel rows for the actual, mapped facts of the reports about the report's own place.

    A figure the sentence gives for another place or a part ("高于全国(2.3%)",
    "区本级1976.7亿元": ``subject`` is not the report's ``place_zh``) stays in the facts
    but is not the place's value, so it is not a panel row.
    """
    out = []
    for f in facts:
        if f["status"] != "actual" or not f["indicator_id"] or f.get("subject", f["place_zh"]) != f["place_zh"]:
            continue
        meta = metas[f["report_id"]]
        out.append({
            "indicator_id": f["indicator_id"], "indicator_en": f["indicator_en"], "geo_id": f["geo_id"],
            "geo_zh": f["place_zh"], "geo_en": f["place_en"], "geo_level": meta.level, "period": f["period"], "measure": f["measure"],
            "value": Decimal(str(f["value"])), "unit": f["unit"], "qualifier": f["qualifier"], "origin": "stated",
            "price_basis": "as_reported", "source_kind": "report", "source_id": f["report_id"],
            "source_start": f["source_start"], "source_end": f["source_end"], "source_text": f["source_text"],
            "source_url": meta.source_url, "derivation": None,
        })
    return out


def benchmark_rows(benchmarks: list[dict], dictionary: Dictionary) -> list[dict]:
    """Panel rows for the benchmark figures, in base units.

    Raises
    ------
    ReportError
        A benchmark indicator has no indicator in the dictionary, or a unit is unknown.
    """
    by_bench = {ind.benchmark_indicator: ind for ind in dictionary.indicators.values() if ind.benchmark_indicator}
    out = []
    for number, b in enumerate(benchmarks, start=2):
        path, line = paths.EXTERNAL / b.get("_file", "benchmarks.csv"), b.get("_line", number)
        ind = by_bench.get(b["indicator"])
        if ind is None:
            raise files.ReportError(path, f"line {line}: indicator {b['indicator']!r} is not the benchmark_indicator "
                                       "of any row of src/cnreport/clean/dictionary/indicators.csv")
        if b["unit"] not in BENCHMARK_UNITS:
            raise files.ReportError(path, f"line {line}: unit {b['unit']!r} is not one of {', '.join(BENCHMARK_UNITS)}")
        unit, factor = BENCHMARK_UNITS[b["unit"]]
        out.append({
            "indicator_id": ind.indicator_id, "indicator_en": ind.name_en, "geo_id": b["geo_id"],
            "geo_zh": b["geo_zh"], "geo_en": b["geo_en"], "geo_level": b["level"], "period": b["period"], "measure": b["measure"],
            "value": Decimal(b["value"]) * factor, "unit": unit, "qualifier": "exact", "origin": "stated",
            "price_basis": b["price_basis"], "source_kind": "benchmark", "source_id": f"{path.name}:{line}",
            "source_start": None, "source_end": None, "source_text": b["quote"], "source_url": b["source_url"],
            "derivation": None,
        })
    return out


def derived_growth(rows: list[dict]) -> list[dict]:
    """Growth implied by two stated levels a year apart, for every place and indicator.

    ``100 × (level_t / level_t-1 − 1)``, rounded to two decimals, at current prices
    (``price_basis`` nominal): reports state real growth for GDP, so an implied rate
    is not comparable with a stated one without a deflator. Only exact levels are
    used, and only when every source of a (place, indicator, period) agrees on the
    value; disagreeing sources give no derived row.
    """
    levels: dict[tuple, list[dict]] = {}
    for r in rows:
        if r["measure"] == "level" and r["qualifier"] == "exact" and r["origin"] == "stated":
            levels.setdefault((r["geo_id"], r["indicator_id"], r["unit"], r["period"]), []).append(r)
    out = []
    for (geo, iid, unit, period), now in sorted(levels.items()):
        before = levels.get((geo, iid, unit, year_before(period)))
        if not before or len({r["value"] for r in now}) > 1 or len({r["value"] for r in before}) > 1:
            continue
        a, b = now[0], before[0]
        if b["value"] == 0:
            continue
        growth = (Decimal(100) * (a["value"] / b["value"] - 1)).quantize(_DERIVED_PLACES, ROUND_HALF_EVEN)
        out.append({
            "indicator_id": iid, "indicator_en": a["indicator_en"], "geo_id": geo, "geo_zh": a["geo_zh"], "geo_en": a["geo_en"],
            "geo_level": a["geo_level"], "period": period, "measure": "growth_pct", "value": growth,
            "unit": "percent", "qualifier": "exact", "origin": "derived", "price_basis": "nominal",
            "source_kind": "derived", "source_id": f"{_ref(a)} ; {_ref(b)}", "source_start": None,
            "source_end": None, "source_text": f"{a['source_text']} ; {b['source_text']}", "source_url": None,
            "derivation": f"100 × ({_num(a['value'])} / {_num(b['value'])} − 1) = {growth} "
                          f"({unit}, {period} over {year_before(period)}"
                          f"{', current prices' if unit in ('CNY', 'USD') else ''})",
        })
    return out


def _ref(row: dict) -> str:
    if row["source_kind"] == "report":
        return f"{row['source_id']}@{row['source_start']}-{row['source_end']}"
    return row["source_id"]


def _num(d: Decimal) -> str:
    return format(d.normalize(), "f")


def build_panel(facts: list[dict], metas: dict[str, files.ReportMeta], benchmarks: list[dict],
                dictionary: Dictionary) -> list[dict]:
    """The whole panel, sorted by indicator, place, period, measure, origin and source."""
    stated = report_rows(facts, metas) + benchmark_rows(benchmarks, dictionary)
    rows = stated + derived_growth(stated)
    for r in rows:
        r["value"] = float(r["value"])
    rows.sort(key=lambda r: (r["indicator_id"], r["geo_id"], r["period"], r["measure"], r["origin"],
                             r["source_kind"], r["source_id"], r["source_start"] or 0))
    return rows
