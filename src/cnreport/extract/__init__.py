"""Stage 1: one report's text in, quantity rows and excluded number-like spans out.

The public API is re-exported here, so ``from cnreport import extract`` then
``extract.extract_quantities(text, meta)`` works. Imports only :mod:`cnreport.core`.

Modules, in the order the work runs: ``patterns`` (every regex, built from the
lexicon), ``exclusions`` (dates, names, thresholds), ``candidates`` (numbers with
units), ``classify`` with ``status`` and ``indicator`` (measure, sign, status, period,
indicator phrase), ``coverage`` (every digit run accounted for), ``quantities``
(the public entry point); ``model`` holds the data they pass along.
"""

from cnreport.extract.coverage import coverage
from cnreport.extract.model import (
    COLUMNS,
    EXCLUDED_COLUMNS,
    MEASURES,
    QUALIFIERS,
    REASONS,
    STATUSES,
    Extraction,
)
from cnreport.extract.quantities import extract_quantities, numeric_row

__all__ = ["COLUMNS", "EXCLUDED_COLUMNS", "MEASURES", "QUALIFIERS", "REASONS", "STATUSES", "Extraction",
           "coverage", "extract_quantities", "numeric_row"]
