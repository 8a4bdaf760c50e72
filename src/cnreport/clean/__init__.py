"""Stage 2: extracted rows to canonical facts, the panel, direction statements and
the published, schema-checked dataset. Imports only :mod:`cnreport.core` and
:mod:`cnreport.extract`.

The mapping API is re-exported here, so ``from cnreport import clean`` then
``clean.read_dictionary()`` works.
"""

from cnreport.clean.facts import Cleaned, clean_reports, report_facts, unmapped_review
from cnreport.clean.mapping import (
    COLUMNS,
    DICTIONARY,
    DICTIONARY_COLUMNS,
    MAPPINGS,
    SECTORS,
    SPLITS,
    Dictionary,
    Indicator,
    assign_indicators,
    benchmark_geos,
    clean_phrase,
    counter_tail,
    map_report,
    read_dictionary,
    row_subjects,
    sort_key,
    unit_family,
)

__all__ = ["COLUMNS", "DICTIONARY", "DICTIONARY_COLUMNS", "MAPPINGS", "SECTORS", "SPLITS", "Cleaned", "Dictionary",
           "Indicator", "assign_indicators", "benchmark_geos", "clean_phrase", "clean_reports", "counter_tail",
           "map_report", "read_dictionary", "report_facts", "row_subjects", "sort_key", "unit_family",
           "unmapped_review"]
