"""Schema and codebook of ``links.csv`` (kept apart from :mod:`cnreport.clean.schema`, whose
tables are built by notebook 02; this one by notebook 07 and ``cnreport link``).

The same :class:`cnreport.clean.schema.Field` entries give the check (:func:`validate`) and
the codebook rows (``data/processed/links_codebook.csv``, columns as ``codebook.csv``).
"""

from __future__ import annotations

import pandas as pd

from cnreport.analysis import verdicts
from cnreport.clean import schema
from cnreport.clean.schema import Field

_PERIOD = schema.PERIOD_PATTERN
_QUALIFIER = r"^(exact|more_than|at_least|at_most|about|range|each|absent)(;(strive|ensure))?$"
LINKS = (
    Field("place_id", "str", "Place: the geo_id of the facts (tz = Tongzhou, else the first word of report_id), "
          "or the heading of another place's section in a multi-place item (广州)."),
    Field("indicator_id", "str", "What both rows measure: an indicator_id of the dictionary, or phrase:<words> when "
          "the dictionary has none and the report's own words (stripped of 预计, 力争 ...) name it.", nullable=True),
    Field("target_report_id", "str", "Report that sets the target; empty for an outcome with no target.", nullable=True),
    Field("target_start", "int", "Start of the target's number in the target report's text (extractor offset; "
          "for an absent target, of the clause saying so).", unit="characters", nullable=True, minimum=0),
    Field("target_end", "int", "End (exclusive): text[target_start:target_end] == target_text.", unit="characters",
          nullable=True, minimum=0),
    Field("target_text", "str", "The target as written (the number and its unit, e.g. 7%).", nullable=True),
    Field("target_qualifier", "str", "exact, more_than (以上/超过), at_least (突破/不低于), at_most (以内), about (左右), "
          "range, each or absent; ;strive when worded 力争/争取/努力, ;ensure when worded 确保/保证.",
          pattern=_QUALIFIER, nullable=True),
    Field("target_period", "str", "Period the target covers, as in the metadata (2023, 2020H2).", pattern=_PERIOD,
          nullable=True),
    Field("outcome_report_id", "str", "Report that states the outcome; empty when none was found.", nullable=True),
    Field("outcome_start", "int", "Start of the outcome's number in the outcome report's text (extractor offset).",
          unit="characters", nullable=True, minimum=0),
    Field("outcome_end", "int", "End (exclusive): text[outcome_start:outcome_end] == outcome_text.",
          unit="characters", nullable=True, minimum=0),
    Field("outcome_text", "str", "The outcome as written; the sign (下降) is in the reason, not the text.",
          nullable=True),
    Field("outcome_period", "str", "Period the outcome covers.", pattern=_PERIOD, nullable=True),
    Field("verdict", "str", "met, missed or unclear (a target judged against its outcome); no_outcome (target, no "
          "outcome found); no_target (outcome of a targeted period, no target); absent (the report says it sets no "
          "target).", allowed=verdicts.VERDICTS),
    Field("reason", "str", "Why: the values compared, the rule of cnreport.analysis.verdicts applied (左右 within "
          "±0.5 pp, a convention chosen here), and notes (estimate 预计, words-only match, rival values)."),
    Field("confidence", "float", "How sure the row is, 0-1: 1 for a dictionary match and one candidate; less for "
          "a match by words (−0.2), rival values (−0.3), an estimated outcome (−0.1); at most 0.5 when unclear.",
          minimum=0),
)


def validate(links: pd.DataFrame, name: str = "links.csv") -> pd.DataFrame:
    """Check a links frame against :data:`LINKS`.

    Raises
    ------
    cnreport.clean.schema.DataValidationError
        One line naming ``name`` and the failing rows.
    """
    rows = links.astype(object).where(links.notna(), None).to_dict("records")
    return schema.validate(schema.typed_frame(rows, LINKS), LINKS, name)


def codebook() -> pd.DataFrame:
    """The codebook of ``links.csv``: ``file,column,type,unit,allowed_values,nullable,description``
    (the columns and conventions of ``data/processed/codebook.csv``)."""
    out = []
    for f in LINKS:
        allowed = "|".join(f.allowed) if f.allowed else (f"pattern {f.pattern}" if f.pattern else "")
        if f.minimum is not None:
            allowed = f">= {f.minimum:g}"
        out.append({"file": "links.csv", "column": f.name,
                    "type": {"str": "string", "int": "integer", "float": "number"}[f.dtype], "unit": f.unit,
                    "allowed_values": allowed, "nullable": "true" if f.nullable else "false",
                    "description": f.description})
    return pd.DataFrame(out)
