"""How much of the burden rests on estimates: the one rule the app, the command line and the reports share.

A requirement's hours in a trust rest on an estimate when its minutes, its frequency or the trust's volume of its
driver (caseload, reports, ...) is an estimate and the trust has not measured that figure itself. The share is
taken over the requirement x trust rows: every trust's for the national share, one trust's for a trust.

>>> from catalogue.models import Catalogue
>>> from audit.burden import compute_burden
>>> from audit.policy import Policy
>>> estimated_hours_share(compute_burden(Catalogue(), Policy())) is None
True
"""

from __future__ import annotations

from audit.burden import Burden, burden_table


def estimated_hours_share(burden: Burden, trust: str | None = None) -> float | None:
    """Return the share of central hours resting on at least one estimated figure, or None when there are no hours.

    None, not 0 %, so that "no burden" is never read as "fully sourced".
    """
    rows = burden_table(burden, trusts=None if trust is None else [trust])
    total = float(rows["hours_central"].sum()) if len(rows) else 0.0
    if total <= 0:
        return None
    return float(rows.loc[rows["is_estimate"].astype(bool), "hours_central"].sum() / total)
