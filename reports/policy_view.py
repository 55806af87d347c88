"""The audit policy as the Settings page's table: one row per setting with its value and source."""

from __future__ import annotations

import pandas as pd

from audit.policy import Policy, code_names, describe_policy
from catalogue.models import Catalogue


def policy_table(policy: Policy, catalogue: Catalogue | None = None) -> pd.DataFrame:
    """Return one row per policy setting (``audit.policy.describe_policy``) as a DataFrame.

    With ``catalogue``, the grades and outcomes a setting lists are shown by the catalogue's names.
    """
    return pd.DataFrame(describe_policy(policy, None if catalogue is None else code_names(catalogue)))
