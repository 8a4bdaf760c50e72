"""Stage 1: one report's text in, quantity rows and excluded number-like spans out.

The public API is re-exported here, so ``from cnreport import extract`` then
``extract.extract_quantities(text, meta)`` works. Imports only :mod:`cnreport.core`.
"""

from cnreport.extract.engine import (
    COLUMNS,
    EXCLUDED_COLUMNS,
    MEASURES,
    QUALIFIERS,
    REASONS,
    STATUSES,
    Extraction,
    coverage,
    extract_quantities,
    numeric_row,
)

__all__ = ["COLUMNS", "EXCLUDED_COLUMNS", "MEASURES", "QUALIFIERS", "REASONS", "STATUSES", "Extraction",
           "coverage", "extract_quantities", "numeric_row"]
