"""Judge an outcome against a target, honouring the target's qualifier.

The rules (each with a report example):

- ``about`` (左右, "6%左右" against 5.9%): met when the outcome is within a
  tolerance below the target (above it for a ceiling). The tolerance is a
  convention chosen here, not an official rule: **0.5 percentage points** for
  rates and growth, because growth targets are set in steps of half a point
  (6, 6.5, 7, 7.5 ...), so an outcome within half a point rounds to the target at
  the grain the targets are set in; **5 %** of the target for amounts.
- ``more_than`` / ``at_least`` (以上, 超过, 突破: "增长8%以上"): a lower bound; met
  when the outcome reaches it (以上 includes the bound in Chinese usage).
- ``at_most`` (以内, 控制在: "涨幅控制在3%以内"): an upper bound; met when the
  outcome stays at or below it.
- ``exact`` (a bare number, "增长8.5%"): read as a floor for an indicator where
  more is better, as the target-setting literature does (a target is met when the
  outcome is at least the target), and as a ceiling for CPI and unemployment
  (``lower_is_better`` in ``linking_terms.csv``).
- ``range`` ("1-2个"): met when the outcome reaches the low end (more is better)
  or stays under the high end (ceiling).
- An outcome that is itself a bound (新增市场主体预计突破10万户) decides only when
  the bound is on the right side of the target; otherwise ``unclear``.
- A target for a half year (2020H2) against a full-year outcome (2020) is
  ``unclear``: the second half cannot be read off the year.
"""

from __future__ import annotations

PCT_MEASURES = ("growth_pct", "rate_pct", "share_pct", "pp_change")
PP_TOLERANCE = 0.5
LEVEL_TOLERANCE = 0.05
VERDICTS = ("met", "missed", "unclear", "no_outcome", "no_target", "absent")


def tolerance(target: float, measure: str) -> float:
    """The 左右 tolerance for a target: 0.5 pp for percentages, 5 % of the target for amounts.

    Parameters
    ----------
    target : float
        The target in base units (percent as written, CNY, count ...).
    measure : str
        The extractor's measure (``growth_pct``, ``level`` ...).

    Returns
    -------
    float
        Half-width of the band around the target, in the target's unit.
    """
    return PP_TOLERANCE if measure in PCT_MEASURES else abs(target) * LEVEL_TOLERANCE


def _fmt(value: float, measure: str) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text}%" if measure in PCT_MEASURES else text


def _bounds(target: dict, lower_is_better: bool) -> tuple[str, float, str]:
    """``(side, threshold, rule)``: the outcome must be ``>=`` (side ``min``) or ``<=`` (``max``) the threshold."""
    qual, value, measure = target["qualifier"], target["value"], target["measure"]
    high = target.get("value_high")
    if qual == "about":
        tol = tolerance(value, measure)
        band = f"±{tol:g} pp" if measure in PCT_MEASURES else f"±{LEVEL_TOLERANCE:.0%}"
        if lower_is_better:
            return "max", value + tol, f"左右 read as within {band} (ceiling)"
        return "min", value - tol, f"左右 read as within {band}"
    if qual in ("more_than", "at_least"):
        return "min", value, "以上/突破 read as a lower bound"
    if qual in ("at_most", "less_than"):
        return "max", value, "以内/控制在 read as an upper bound"
    if qual == "range" and high is not None:
        return ("max", high, "range: the high end is a ceiling") if lower_is_better else \
            ("min", value, "range: the low end is a floor")
    if lower_is_better:
        return "max", value, "a bare number read as a ceiling (lower is better)"
    return "min", value, "a bare number read as a floor"


def judge(target: dict, outcome: dict, lower_is_better: bool, same_period: bool) -> tuple[str, str]:
    """Verdict and reason for one target against one outcome.

    Parameters
    ----------
    target, outcome : dict
        Items with ``value`` (float, base units, signed), ``value_high``,
        ``qualifier``, ``measure`` and ``period``.
    lower_is_better : bool
        True for ceiling indicators (CPI, unemployment rate).
    same_period : bool
        False when the target covers part of the outcome's period (2020H2 against 2020).

    Returns
    -------
    (str, str)
        ``met``, ``missed`` or ``unclear``, and a one-sentence reason naming the rule,
        e.g. judge(7%左右 growth, 4.8%) -> ``("missed", "4.8% against 7%左右: ...")``.
    """
    measure = target["measure"]
    shown = _fmt(outcome["value"], measure) if measure in PCT_MEASURES else outcome["text"]
    said = f"{shown} against {target['text_zh']}"
    if not same_period:
        return "unclear", (f"{said}: the target covers {target['period']} but the outcome covers "
                           f"{outcome['period']}; the part cannot be read off the whole")
    side, threshold, rule = _bounds(target, lower_is_better)
    value, oq = outcome["value"], outcome["qualifier"]
    ok = value >= threshold - 1e-9 if side == "min" else value <= threshold + 1e-9
    if oq in ("more_than", "at_least") and not (side == "min" and ok):
        return "unclear", f"{said}: the outcome is only a lower bound ({rule})"
    if oq in ("at_most", "less_than") and not (side == "max" and ok):
        return "unclear", f"{said}: the outcome is only an upper bound ({rule})"
    if oq == "about":
        rule += "; the outcome is approximate (左右)"
    bound = "at least" if side == "min" else "at most"
    limit = _fmt(threshold, measure) if measure in PCT_MEASURES else f"{threshold:,.0f} {target.get('unit', '')}".strip()
    verdict = "met" if ok else "missed"
    return verdict, f"{said}: {rule}, so the outcome must be {bound} {limit}; {'it is' if ok else 'it is not'}"
