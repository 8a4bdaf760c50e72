"""Price basis of every growth rate: real, nominal or as reported, and what a comparison mixes.

A growth rate of a money amount can be real (at comparable prices, 可比价) or
nominal (at current prices, 现价). Official releases say which; local reports often
do not. Three values are used throughout:

- ``real``: the source says the rate is at comparable prices (a benchmark row
  whose quote says 按可比价格计算, or a report sentence that says so before the rate);
- ``nominal``: at current prices, including every rate derived here from two
  levels a year apart;
- ``as_reported``: the source gives the rate and does not say.

A comparison between two rates is on one basis only when both are ``real`` or both
``nominal``; anything else is marked as a comparison across bases.
"""

from __future__ import annotations

import re

import pandas as pd

from cnreport.core.normalize import to_simplified

BASIS_EN = {"real": "real", "nominal": "nominal", "as_reported": "basis not stated", "n.a.": "not a price measure"}
#: Words that state a basis before a rate in the same sentence (Simplified). 按可比价格计算 and 可比下降
#: contain 可比; 不变价 and 扣除价格因素 are other names for the same thing.
REAL_CUES = ("可比", "不变价", "实际增长", "扣除价格因素")
NOMINAL_CUES = ("现价", "当年价格", "名义增长")
_SENTENCE_END = re.compile(r"[。；;!?！？\n]")


def stated_basis(text: str, start: int) -> tuple[str, int] | None:
    """The price basis a report states for the rate at ``start``, with the cue's offset.

    Rule: a cue word earlier in the same sentence applies to every rate after it in
    that sentence. "地区生产总值1004.80亿元,按可比价格计算,比上年增长3.0%" makes 3.0%
    real; "地区生产总值711.1亿元,同比增长1.6%" states nothing (None).

    Parameters
    ----------
    text : str
        The report's text as published (Traditional is converted for matching).
    start : int
        Offset of the rate in ``text``.

    Returns
    -------
    (str, int) or None
        ``("real" | "nominal", offset of the cue)``, the cue nearest the rate; None if none.
    """
    simple = to_simplified(text)
    ends = [m.end() for m in _SENTENCE_END.finditer(simple, 0, start)]
    sentence_start = ends[-1] if ends else 0
    window = simple[sentence_start:start]
    best = None
    for basis, cues in (("real", REAL_CUES), ("nominal", NOMINAL_CUES)):
        for cue in cues:
            k = window.rfind(cue)
            if k >= 0 and (best is None or k > best[1] - sentence_start):
                best = (basis, sentence_start + k)
    return best


def with_stated_bases(panel: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """The panel with ``price_basis`` of stated report rates set from the report's own words.

    Every report growth rate whose sentence states a basis (:func:`stated_basis`)
    gets it; ``basis_cue`` gives the cue's offset in the report (``report@offset``).
    Other rows are unchanged.

    Parameters
    ----------
    panel : DataFrame
        :mod:`cnreport.clean.panel` rows.
    texts : dict
        ``report_id`` -> the report's text; rows of a report not in it are left as they are.

    Returns
    -------
    DataFrame
        A copy with ``price_basis`` updated and a ``basis_cue`` column.
    """
    out = panel.copy()
    out["basis_cue"] = None
    rows = out.index[(out["source_kind"] == "report") & (out["measure"] == "growth_pct")]
    for i in rows:
        rid = out.at[i, "source_id"]
        if rid not in texts:
            continue
        found = stated_basis(texts[rid], int(out.at[i, "source_start"]))
        if found:
            out.at[i, "price_basis"] = found[0]
            out.at[i, "basis_cue"] = f"{rid}@{found[1]}"
    return out


def comparison_basis(basis_a: str | None, basis_b: str | None) -> str:
    """How two rates' bases compare: ``"same basis (real)"`` or ``"across bases: basis not stated vs real"``.

    Parameters
    ----------
    basis_a, basis_b : str or None
        ``real``, ``nominal``, ``as_reported``; None or NaN for a missing rate.

    Returns
    -------
    str
        "" if either rate is missing.
    """
    if not isinstance(basis_a, str) or not isinstance(basis_b, str):
        return ""
    if basis_a == basis_b and basis_a in ("real", "nominal"):
        return f"same basis ({basis_a})"
    return f"across bases: {BASIS_EN.get(basis_a, basis_a)} vs {BASIS_EN.get(basis_b, basis_b)}"


def mark_bases(card: pd.DataFrame, place: str) -> pd.DataFrame:
    """A scorecard (:func:`cnreport.analysis.scorecard`) with each comparator's basis comparison.

    Parameters
    ----------
    card : DataFrame
        One row per indicator and place, with ``price_basis``.
    place : str
        The report's own ``geo_id``.

    Returns
    -------
    DataFrame
        A copy with ``basis`` (English words) and ``comparison`` (:func:`comparison_basis`
        of the place's rate against this row's; "" for the place itself).
    """
    out = card.copy()
    own = out[out["geo_id"] == place].set_index("indicator_id")["price_basis"]
    out["basis"] = out["price_basis"].map(lambda b: BASIS_EN.get(b, "") if isinstance(b, str) else "")
    out["comparison"] = [
        "" if g == place else comparison_basis(own.get(i), b)
        for i, g, b in zip(out["indicator_id"], out["geo_id"], out["price_basis"], strict=True)]
    return out


def deflate(rows: pd.DataFrame, panel: pd.DataFrame, deflator_geos: tuple[str, ...],
            deflator: str = "cpi") -> pd.DataFrame:
    """Approximate real growth of nominal rates, deflated by a cited price index.

    ``real ≈ 100 × ((1 + nominal/100) / (1 + prices/100) − 1)``, where ``prices`` is
    the year-on-year change of ``deflator`` for the same period, from the first
    place in ``deflator_geos`` that has one. It is an approximation: the index is
    usually not the place's own, and an average price change is applied to a
    change in a level.

    Parameters
    ----------
    rows : DataFrame
        Growth rows (``indicator_id``, ``geo_id``, ``period``, ``value``, ``price_basis``).
    panel : DataFrame
        The panel, for the deflator rows.
    deflator_geos : tuple of str
        Places whose price index may be used, nearest first (e.g. the place's own,
        its province, the country).
    deflator : str
        ``indicator_id`` of the price index.

    Returns
    -------
    DataFrame
        One row per input row that is nominal and has a deflator: ``indicator_id``,
        ``geo_id``, ``period``, ``nominal``, ``prices``, ``real_approx`` (2 decimals),
        ``deflator_geo``, ``deflator_source`` (the panel source) and ``formula``.
    """
    out = []
    for r in rows.itertuples():
        if r.price_basis != "nominal":
            continue
        for geo in deflator_geos:
            hit = panel[(panel["geo_id"] == geo) & (panel["indicator_id"] == deflator)
                        & (panel["period"] == r.period) & (panel["measure"] == "growth_pct")]
            if hit.empty:
                continue
            p = hit.sort_values("source_id").iloc[0]
            real = round(100 * ((1 + r.value / 100) / (1 + p["value"] / 100) - 1), 2)
            out.append({"indicator_id": r.indicator_id, "geo_id": r.geo_id, "period": r.period, "nominal": r.value,
                        "prices": p["value"], "real_approx": real, "deflator_geo": geo,
                        "deflator_source": p["source_id"],
                        "formula": f"100 × ((1 + {r.value:g}/100) / (1 + {p['value']:g}/100) − 1) = {real:.2f}"})
            break
    return pd.DataFrame(out, columns=["indicator_id", "geo_id", "period", "nominal", "prices", "real_approx",
                                      "deflator_geo", "deflator_source", "formula"])


def by_source(panel: pd.DataFrame) -> dict[str, str]:
    """The price basis of every growth rate, keyed by its source reference.

    The keys are the ``source`` strings the analyses write (``report@start-end``,
    ``benchmarks.csv:<line>``, or a derived rate's two inputs), so a figure can
    tag any value it draws from its ``source`` column alone.

    Parameters
    ----------
    panel : DataFrame
        The panel (after :func:`with_stated_bases`, for report cues).

    Returns
    -------
    dict
        ``{source: "real" | "nominal" | "as_reported" | "n.a."}``.
    """
    from cnreport.analysis.recovery import source_ref

    rates = panel[panel["measure"] == "growth_pct"]
    return {source_ref(r): r["price_basis"] for _, r in rates.iterrows()}


#: A consumer price index deflates household money amounts (incomes, spending), not fiscal revenue
#: or output: indicators whose id starts with one of these are deflated by :func:`deflatable`.
CPI_DEFLATES = ("disposable_income", "consumption_expenditure")


def deflatable(rows: pd.DataFrame) -> pd.DataFrame:
    """The nominal rows a consumer price index may deflate (household incomes and spending)."""
    return rows[rows["indicator_id"].str.startswith(CPI_DEFLATES) & (rows["price_basis"] == "nominal")]


def deflator_geos(panel: pd.DataFrame, place: str) -> tuple[str, ...]:
    """Places whose price index may deflate ``place``'s rates, nearest first: itself, its province, the country.

    The province is found from the Chinese names (:func:`cnreport.analysis.province_of`).

    Parameters
    ----------
    panel : DataFrame
        The panel (``geo_id``, ``geo_zh``, ``geo_level``).
    place : str
        The report's ``geo_id``.

    Returns
    -------
    tuple of str
    """
    from cnreport.analysis.recovery import province_of

    geos = panel.drop_duplicates("geo_id").set_index("geo_id")
    if place not in geos.index:
        return tuple(geos.index[geos["geo_level"] == "country"])
    names = sorted(geos["geo_zh"])
    province = province_of(geos.loc[place, "geo_zh"], names)
    ordered = [place, *geos.index[(geos["geo_zh"] == province) & (geos.index != place)],
               *geos.index[geos["geo_level"] == "country"]]
    return tuple(dict.fromkeys(ordered))


def rates_table(card: pd.DataFrame, index: str = "indicator_en") -> pd.DataFrame:
    """A scorecard as a table of rates with their bases: cells like ``"1.60 (real)"``, "—" if missing.

    Parameters
    ----------
    card : DataFrame
        :func:`mark_bases` output.
    index : str
        Row labels.

    Returns
    -------
    DataFrame
        One row per indicator, one column per ``geo_id`` in the card's order.
    """
    cell = [("—" if pd.isna(v) else f"{v:.2f} ({'derived, nominal' if s == 'derived' else b})")
            for v, s, b in zip(card["value"], card["status"], card["basis"], strict=True)]
    out = card.assign(rate=cell).pivot(index=index, columns="geo_id", values="rate")
    return out.reindex(index=list(dict.fromkeys(card[index])), columns=list(dict.fromkeys(card["geo_id"])))
