"""Safety for exported cells: stop spreadsheets from running user text as a formula (``catalogue.cells`` rules).

>>> neutralise("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> neutralise(-12.5)
-12.5
"""

from __future__ import annotations

import pandas as pd

from catalogue.cells import FORMULA_START, neutralise

__all__ = ["FORMULA_START", "neutralise", "neutralise_frame"]


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` with every text cell neutralised (numeric columns untouched)."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]) and not pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map(neutralise).astype("object")
    return out
