"""A spreadsheet-safe copy of a table, for opening in Excel or LibreOffice.

The CSV that ``cnreport extract`` writes is exact: its ``text`` column is
``source[start:end]``, and a value such as ``-14.2%`` begins with ``-``. A spreadsheet
program, however, reads a cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab
or carriage return before one) as a formula, so a report sentence that begins with
``=HYPERLINK(`` would run when the file is opened (CSV formula injection, OWASP).

:func:`defuse_rows` returns rows in which every such text cell is prefixed with an
apostrophe (``'``), the prefix spreadsheet programs read as "this is text" and do not
show. Plain numbers (``-14.2``, ``7.1E+10``) are left as they are, so they stay numbers.
Use this copy for reading in a spreadsheet, the exact CSV for provenance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def defuse_cell(value: object) -> object:
    """``value`` with a leading apostrophe if a spreadsheet would read it as a formula.

    Parameters
    ----------
    value : object
        A cell value. Only text is changed; numbers, booleans and None pass through.

    Returns
    -------
    object
        ``"'=HYPERLINK(...)"`` for ``"=HYPERLINK(...)"``, ``"'-14.2%"`` for ``"-14.2%"``;
        ``"-14.2"`` (a plain number) and ``"增长1.6%"`` unchanged.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_START) or _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def defuse_rows(rows: Iterable[Mapping], columns: Sequence[str]) -> list[dict]:
    """Copies of ``rows`` (only ``columns``) with every cell passed through :func:`defuse_cell`."""
    return [{c: defuse_cell(row.get(c)) for c in columns} for row in rows]
