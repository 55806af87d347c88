"""The burden as the app's tables: per requirement nationally with its relevance, and per requirement in one trust.

The Overview, Relevance and Trust pages show these; ``app_pages._cache`` only caches them.
"""

from __future__ import annotations

import pandas as pd

from audit.burden import Burden, burden_table
from audit.engine import AuditResult

# What a trust's requirement rows carry beside their burden, read from the national requirement table.
REQUIREMENT_ATTRIBUTES = ["requirement", "text", "purpose", "activity", "directive_type"]


def requirement_burden(result: AuditResult) -> pd.DataFrame:
    """Return ``Burden.requirements`` (national figures per requirement in force) with its relevance composite.

    ``composite`` and ``scored`` come from ``result.relevance``; a requirement with no relevance row keeps
    its burden with missing relevance.
    """
    relevance = result.relevance[["requirement", "composite", "scored"]]
    return result.burden.requirements.merge(relevance, on="requirement", how="left")


def trust_table(burden: Burden, trust: str) -> pd.DataFrame:
    """Return one row per requirement in force for one trust: ``audit.burden.burden_table`` with the
    requirement's text, purpose, activity and directive type."""
    attributes = burden.requirements[REQUIREMENT_ATTRIBUTES]
    return burden_table(burden, trusts=[trust]).merge(attributes, on="requirement", how="left")
