"""Schemas of the processed files, their codebook, and validation.

Each processed table has a pandera schema built from :class:`Field` entries; the
same entries give the machine-readable codebook (``data/processed/codebook.csv``)
and the table in ``data/README.md``, so the documentation cannot drift from what
is checked. :func:`validate` raises :class:`DataValidationError`, one line that
names the file and the failing rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from cnreport import extract
from cnreport.clean import directions, mapping
from cnreport.core.files import GENRES, ReportError

PERIOD_PATTERN = r"^\d{4}((H[12])|(Q[1-4])(-Q[1-4])?|(M(0[1-9]|1[0-2])))?$"
BASE_UNITS = ("CNY", "USD", "percent", "permille", "pp", "mu", "hectare", "km2", "m2", "m3", "tonne", "kg",
              "jin", "km", "m", "kwh", "kw", "teu", "persons", "person_times", "households", "count", "head",
              "hours", "days", "times", "per_10k_persons",
              # added for issue 14 (see core/lexicon/units.csv): currencies, power and energy, compound units
              "HKD", "TWD", "EUR", "JPY", "GBP", "AUD", "MOP", "KRW", "SGD", "RUB", "kv", "kva", "tce",
              "tce_per_10k_cny", "kwh_per_10k_cny", "m3_per_10k_cny", "cny_per_m2", "cny_per_person",
              "cny_per_person_year", "cny_per_month", "cny_per_tonne", "cny_per_kg", "cny_per_mu", "cny_per_kwh",
              "cny_per_km2", "persons_per_km2", "usd_per_barrel")
ORIGINS = ("stated", "derived")
SOURCE_KINDS = ("report", "benchmark", "derived")
PRICE_BASES = ("real", "nominal", "n.a.", "as_reported")
GLOSSARY_KINDS = ("indicator", "comparison", "price_basis", "scope", "statistic", "qualifier", "status",
                  "period", "policy", "genre")


class DataValidationError(ReportError):
    """A processed table failed its schema (one line naming the file and rows)."""


@dataclass(frozen=True)
class Field:
    """One column: name, type, meaning, and what it may hold."""

    name: str
    dtype: str  # "str", "int", "float"
    description: str
    unit: str = ""
    allowed: tuple[str, ...] = ()
    pattern: str = ""
    nullable: bool = False
    minimum: float | None = None

    def column(self) -> pa.Column:
        checks = []
        if self.allowed:
            checks.append(pa.Check.isin(self.allowed))
        if self.pattern:
            checks.append(pa.Check.str_matches(self.pattern))
        if self.minimum is not None:
            checks.append(pa.Check.ge(self.minimum))
        if self.dtype == "str" and not self.nullable:
            checks.append(pa.Check.str_length(min_value=1))
        dtype = {"str": "string", "int": "Int64", "float": "Float64"}[self.dtype]
        return pa.Column(dtype, checks=checks, nullable=self.nullable, description=self.description,
                         metadata={"unit": self.unit})


def _f(name, dtype, description, **kw) -> Field:
    return Field(name, dtype, description, **kw)


_SOURCE_FIELDS = (
    _f("source_start", "int", "Offset of the first character of `source_text` in the decoded raw report "
       "(Python string index).", minimum=0),
    _f("source_end", "int", "Offset just after the last character (exclusive), so that "
       "raw_text[source_start:source_end] == source_text.", minimum=1),
    _f("source_text", "str", "The number with its unit exactly as written in the report."),
)

INDICATORS = (
    _f("report_id", "str", "Report the fact comes from; its text is data/raw/<report_id>.txt."),
    _f("geo_id", "str", "Place code: the benchmark geo_id when the place is in data/external/benchmarks.csv "
       "(tz = Tongzhou), otherwise the first word of report_id."),
    _f("place_zh", "str", "Place in Chinese, from the report's metadata."),
    _f("place_en", "str", "Place in English, from the report's metadata."),
    _f("genre", "str", "Kind of report.", allowed=GENRES),
    _f("period", "str", "Period the fact refers to: 2020 (year), 2020H1 (half), 2020Q1 (quarter), 2020M06 "
       "(month).", pattern=PERIOD_PATTERN),
    _f("status", "str", "actual (reported outcome or estimate) or target (plan, 力争/确保/计划 or part 二 of a "
       "plan report).", allowed=extract.STATUSES),
    _f("indicator_id", "str", "Canonical indicator (src/cnreport/clean/dictionary/indicators.csv); empty when the phrase maps to "
       "nothing (see mapping = unmapped).", nullable=True),
    _f("indicator_en", "str", "Canonical English name of the indicator.", nullable=True),
    _f("indicator_zh", "str", "Canonical Chinese name of the indicator.", nullable=True),
    _f("sector", "str", "Sector of the indicator.", allowed=mapping.SECTORS, nullable=True),
    _f("measure", "str", "What the number is: level, growth_pct (percent change), share_pct (share of a "
       "total), rate_pct (a rate such as unemployment), pp_change (change in percentage points), "
       "abs_change (change in the unit), plan_progress_pct (percent of a plan or target reached), "
       "growth_avg_pct (average annual growth), contribution_pct (contribution rate to growth).",
       allowed=extract.MEASURES),
    _f("value", "float", "The value in base units, signed (declines negative): 711.1亿元 -> 71110000000.", unit="see unit"),
    _f("value_high", "float", "Upper end of a range (1-2个), in base units; empty otherwise.", unit="see unit",
       nullable=True),
    _f("unit", "str", "Base unit of value and value_high.", allowed=BASE_UNITS),
    _f("qualifier", "str", "How exact the number is: exact, more_than (超/以上), at_least (突破/不低于), "
       "at_most (以内/控制在), about (约/左右), range, each (各).", allowed=extract.QUALIFIERS),
    *_SOURCE_FIELDS,
    _f("section", "str", "Heading path of the report section (一/(一)); empty before the first heading.",
       nullable=True),
    _f("subject", "str", "Whose figure it is: the report's place (place_zh), or another place or aggregate the "
       "sentence names (全国, 全省, 全市, a town) for its figure or a gap to it (高于全国(2.3%), 比全省高1.5个百分点)."),
    _f("indicator_phrase", "str", "The report's own words that were mapped to the indicator.", nullable=True),
    _f("mapping", "str", "How the phrase was mapped (see data/README.md).", allowed=mapping.MAPPINGS),
    _f("split", "str", "Set when one number applies to several subjects and became several rows: each (各) "
       "or shared_rate.", allowed=mapping.SPLITS, nullable=True),
    _f("value_as_written", "str", "The number as written, before units and magnitude (711.1)."),
    _f("unit_as_written", "str", "The unit as written (亿元, 个百分点); empty for a bare number.", nullable=True),
)

PANEL = (
    _f("indicator_id", "str", "Canonical indicator (src/cnreport/clean/dictionary/indicators.csv)."),
    _f("indicator_en", "str", "Canonical English name of the indicator."),
    _f("geo_id", "str", "Place code (cn China, js Jiangsu, hb Hubei, bj Beijing, nt Nantong, tz Tongzhou; "
       "other districts by the first word of their report_id)."),
    _f("geo_zh", "str", "Place in Chinese (the report's place_zh, or the benchmark's geo_zh)."),
    _f("geo_en", "str", "Place in English."),
    _f("geo_level", "str", "country, province, city, prefecture, district or county.", nullable=True),
    _f("period", "str", "Period of the value.", pattern=PERIOD_PATTERN),
    _f("measure", "str", "level, growth_pct, share_pct, rate_pct, pp_change, abs_change, plan_progress_pct, "
       "growth_avg_pct or contribution_pct.",
       allowed=extract.MEASURES),
    _f("value", "float", "The value in base units, signed.", unit="see unit"),
    _f("unit", "str", "Base unit of value (benchmark 亿元 becomes CNY, 万人 persons).", allowed=BASE_UNITS),
    _f("qualifier", "str", "exact, more_than, at_least, at_most, about, range or each.",
       allowed=extract.QUALIFIERS),
    _f("origin", "str", "stated (printed in a report or benchmark source) or derived (computed here; see "
       "derivation).", allowed=ORIGINS),
    _f("price_basis", "str", "real (comparable prices), nominal, n.a., or as_reported (the report does not "
       "say).", allowed=PRICE_BASES),
    _f("source_kind", "str", "report, benchmark, or derived (from the rows named in source_id).",
       allowed=SOURCE_KINDS),
    _f("source_id", "str", "report_id for a report; benchmarks.csv:<line> for a benchmark row; for a derived "
       "value, the two sources joined by ' ; '."),
    _f("source_start", "int", "Offset of the value in the raw report (report rows only).", nullable=True,
       minimum=0),
    _f("source_end", "int", "End offset, exclusive (report rows only).", nullable=True, minimum=1),
    _f("source_text", "str", "The span as written (report), the verbatim quote (benchmark), or both spans "
       "(derived)."),
    _f("source_url", "str", "Where the figure was published: the report's URL or the benchmark's source_url.",
       nullable=True),
    _f("derivation", "str", "For derived values, the arithmetic with its inputs.", nullable=True),
)

DIRECTIONS = (
    _f("report_id", "str", "Report the statement comes from."),
    _f("start", "int", "Offset of the wording in the decoded raw report.", minimum=0),
    _f("end", "int", "End offset, exclusive: raw_text[start:end] == text.", minimum=1),
    _f("text", "str", "The direction wording as written (降幅逐月收窄, 企稳回升)."),
    _f("kind", "str", "What the wording says (patterns in src/cnreport/core/lexicon/directions.csv).",
       allowed=directions.KINDS),
    _f("direction", "str", "improving, worsening or stable.", allowed=directions.DIRECTIONS),
    _f("subject_zh", "str", "The words before the statement in its clause (what is moving).", nullable=True),
    _f("indicator_id", "str", "Canonical indicator of the subject, or of the number in the same clause; empty "
       "for the economy in general (经济运行, 主要经济指标).", nullable=True),
    _f("indicator_en", "str", "English name of the indicator.", nullable=True),
    _f("has_number", "str", "true when the same clause also states a number (the movement is quantified "
       "there).", allowed=("true", "false")),
    _f("section", "str", "Heading path of the report section.", nullable=True),
)

CODEBOOK = (
    _f("file", "str", "Processed file the column belongs to."),
    _f("column", "str", "Column name."),
    _f("type", "str", "string, integer or number.", allowed=("string", "integer", "number")),
    _f("unit", "str", "Unit of the column, where it has one.", nullable=True),
    _f("allowed_values", "str", "Allowed values (|-separated) or pattern, where restricted.", nullable=True),
    _f("nullable", "str", "Whether the column may be empty.", allowed=("true", "false")),
    _f("description", "str", "What the column means."),
)

GLOSSARY = (
    _f("term_zh", "str", "Chinese term (Simplified)."),
    _f("term_en", "str", "English term."),
    _f("kind", "str", "indicator (a canonical indicator in data/processed/indicators.csv) or a vocabulary "
       "category.", allowed=GLOSSARY_KINDS),
    _f("definition", "str", "Plain-English definition, in our own words."),
    _f("indicator_id", "str", "For indicators, the indicator_id.", nullable=True),
    _f("source_url", "str", "Official definition, where one exists.", nullable=True),
    _f("source_title", "str", "Title of the official definition page.", nullable=True),
)

TABLES = {
    "indicators.csv": INDICATORS,
    "panel.csv": PANEL,
    "directions.csv": DIRECTIONS,
    "glossary.csv": GLOSSARY,
    "codebook.csv": CODEBOOK,
}


def columns(fields: tuple[Field, ...]) -> list[str]:
    """Column names of a table, in order."""
    return [f.name for f in fields]


def schema(fields: tuple[Field, ...], unique: list[str] | None = None) -> pa.DataFrameSchema:
    """The pandera schema of a table (strict: no other columns, in this order)."""
    return pa.DataFrameSchema({f.name: f.column() for f in fields}, strict=True, ordered=True,
                              unique=unique, coerce=False)


def typed_frame(rows: list[dict], fields: tuple[Field, ...]) -> pd.DataFrame:
    """Build a frame with the schema's dtypes (nullable string, Int64, Float64)."""
    frame = pd.DataFrame(rows, columns=columns(fields))
    for f in fields:
        if f.dtype == "str":
            frame[f.name] = frame[f.name].replace("", None).astype("string")
        elif f.dtype == "int":
            frame[f.name] = pd.to_numeric(frame[f.name].replace("", None)).astype("Int64")
        else:
            frame[f.name] = pd.to_numeric(frame[f.name].replace("", None)).astype("Float64")
    return frame


def validate(frame: pd.DataFrame, fields: tuple[Field, ...], name: str, unique: list[str] | None = None) -> pd.DataFrame:
    """Check ``frame`` against its schema; raise one line naming the failing rows.

    Raises
    ------
    DataValidationError
        ``<name>: N row(s) fail validation: row 12 (unit: isin ...: 'yuan'); ...``.
    """
    try:
        return schema(fields, unique).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        parts = []
        for _, case in cases.head(5).iterrows():
            where = "table" if pd.isna(case["index"]) else f"data row {int(case['index']) + 1}"
            check = str(case["check"]).split("(", 1)[0]
            parts.append(f"{where} ({case['column']}: {check}: {case['failure_case']!r})")
        rows = cases["index"].dropna().nunique()
        more = f"; and {len(cases) - 5} more" if len(cases) > 5 else ""
        raise DataValidationError(name, f"{rows} row(s) fail validation: {'; '.join(parts)}{more}") from None


def codebook_rows() -> list[dict]:
    """One row per column of every processed file, for codebook.csv and data/README.md."""
    out = []
    for file, fields in TABLES.items():
        for f in fields:
            allowed = "|".join(f.allowed) if f.allowed else (f"pattern {f.pattern}" if f.pattern else "")
            if f.minimum is not None:
                allowed = f">= {f.minimum:g}"
            out.append({"file": file, "column": f.name,
                        "type": {"str": "string", "int": "integer", "float": "number"}[f.dtype],
                        "unit": f.unit, "allowed_values": allowed, "nullable": "true" if f.nullable else "false",
                        "description": f.description})
    return out
