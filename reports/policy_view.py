"""The audit policy as the Settings page's table: one row per setting with its value and source."""

from __future__ import annotations

import pandas as pd

from audit.policy import Policy, describe_policy


def policy_table(policy: Policy) -> pd.DataFrame:
    """Return one row per policy setting (``audit.policy.describe_policy``) as a DataFrame."""
    return pd.DataFrame(describe_policy(policy))
