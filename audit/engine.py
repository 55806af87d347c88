"""One entry point for the whole audit: burden, roll-ups, relevance, proposals.

Public API

- :func:`run_audit(catalogue, policy=None) -> AuditResult` (``policy`` defaults to ``Policy()``).
- :class:`AuditResult` (frozen): ``policy``, ``burden`` (:class:`audit.burden.Burden`), ``national`` (dict, see
  :func:`audit.rollups.national`), ``by_trust``, ``by_dimension`` (dict: dimension -> DataFrame, incl.
  ``"outcome"``), ``benchmark`` (hours per offender), ``concentration``, ``relevance``, ``outcome_shares``,
  ``purpose_view``, ``proposals``. ``result.table(trusts=None)`` gives the requirement x trust rows.

>>> from catalogue.models import Catalogue
>>> run_audit(Catalogue()).national["hours_central"]
0.0
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from audit import rollups
from audit.burden import Burden, burden_table, compute_burden, frames
from audit.policy import Policy
from audit.proposals import make_proposals
from audit.relevance import outcome_shares, purpose_view, relevance
from audit.rollups import Concentration
from catalogue.models import Catalogue


@dataclass(frozen=True, eq=False)
class AuditResult:
    """Everything one audit run produces, as DataFrames with documented columns."""

    policy: Policy
    burden: Burden
    national: dict[str, Any]
    by_trust: pd.DataFrame
    by_dimension: dict[str, pd.DataFrame]
    benchmark: pd.DataFrame
    concentration: Concentration
    relevance: pd.DataFrame
    outcome_shares: pd.DataFrame
    purpose_view: pd.DataFrame
    proposals: pd.DataFrame

    def table(self, trusts: list[str] | None = None, requirements: list[str] | None = None) -> pd.DataFrame:
        """Return the requirement x trust burden rows (see :func:`audit.burden.burden_table`)."""
        return burden_table(self.burden, trusts=trusts, requirements=requirements)


def run_audit(catalogue: Catalogue, policy: Policy | None = None) -> AuditResult:
    """Audit ``catalogue`` under ``policy``: the same inputs always give the same outputs, in the same order."""
    policy = policy or Policy()
    burden = compute_burden(catalogue, policy, frames(catalogue))
    ids = burden.requirements["requirement"].tolist()
    rel = relevance(catalogue, policy, ids)
    shares = outcome_shares(catalogue, policy, ids)
    trusts = rollups.by_trust(burden)
    dims = {d: rollups.by_dimension(burden, d) for d in rollups.DIMENSIONS}
    dims["outcome"] = rollups.by_outcome(burden, shares)
    return AuditResult(
        policy=policy,
        burden=burden,
        national=rollups.national(burden),
        by_trust=trusts,
        by_dimension=dims,
        benchmark=rollups.benchmark(trusts),
        concentration=rollups.concentration(burden),
        relevance=rel,
        outcome_shares=shares,
        purpose_view=purpose_view(burden),
        proposals=make_proposals(burden, rel, policy),
    )
