"""Safety for exported cells: stop spreadsheets from running user text as a formula.

>>> neutralise("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> neutralise(-12.5)
-12.5
"""

from __future__ import annotations

from typing import Any

import pandas as pd

# A spreadsheet treats a cell starting with these as a formula (tab and CR too, per OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Return ``value`` safe for a spreadsheet cell: text starting like a formula gets a leading apostrophe.

    Numbers stay numbers, negative ones included: only text can smuggle a formula.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` with every text cell neutralised (numeric columns untouched)."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]) and not pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map(neutralise).astype("object")
    return out
