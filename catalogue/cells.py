"""Spreadsheet cells that stay text: the one guard against formula injection, for the catalogue and the reports.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and a tab or a carriage
return first (OWASP's list) can smuggle one too. Text starting so is written with a leading apostrophe, which
spreadsheets show as text, and the apostrophe is taken off again on import.

>>> neutralise("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> restore(neutralise("+44 20 7946 0000"))
'+44 20 7946 0000'
>>> neutralise(-12.5)
-12.5
"""

from __future__ import annotations

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Return ``value`` safe for a spreadsheet cell: text starting like a formula gets a leading apostrophe.

    Numbers stay numbers, negative ones included: only text can smuggle a formula.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def restore(value: Any) -> Any:
    """Return the text :func:`neutralise` protected, without its apostrophe (other values unchanged)."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in FORMULA_START:
        return value[1:]
    return value
