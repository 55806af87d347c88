"""One entry point for the whole audit: burden, roll-ups, relevance, proposals.

Public API

- :func:`run_audit(catalogue, policy=None) -> AuditResult` (``policy`` defaults to ``Policy()``).
- :class:`AuditResult` (frozen; each part computed when first read): ``policy``, ``burden``
  (:class:`audit.burden.Burden`), ``catalogue``, ``national`` (dict, see :func:`audit.rollups.national`),
  ``by_trust``, ``by_dimension`` (dict: dimension -> DataFrame, incl. ``"outcome"``), ``benchmark`` (hours per
  offender), ``concentration``, ``relevance``, ``outcome_shares``, ``purpose_view``, ``proposals``,
  ``uncertainty`` (:class:`audit.uncertainty.Uncertainty`: the Monte Carlo interval), ``sensitivity`` (the tornado),
  ``measure_first`` (national) and ``measure_first_by_trust``.
  ``result.table(trusts=None)`` gives the requirement x trust rows.

>>> from catalogue.models import Catalogue
>>> run_audit(Catalogue()).national["hours_central"]
0.0
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, wraps
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from audit import rollups
from audit.burden import Burden, burden_table, compute_burden, frames, without_cyclic_gc
from audit.evidence import data_quality
from audit.one_off import one_off_costs
from audit.policy import Policy
from audit.proposals import make_proposals
from audit.relevance import ScoreMatrix, outcome_keys, outcome_share_rows, purpose_view, relevance, score_matrix
from audit.rollups import Concentration
from audit.uncertainty import Uncertainty, measure_first, measure_first_by_trust, sensitivity, simulate
from catalogue.models import Catalogue

T = TypeVar("T")


def _part(compute: Callable[[AuditResult], T]) -> cached_property[T]:
    """Make ``compute`` a part of the result: worked out when first read, with the cyclic collector paused, then kept.

    The catalogue's models are a large heap that every full collection walks; the parts only make short-lived,
    acyclic tables, which reference counting frees.
    """

    @wraps(compute)
    def quietly(self: AuditResult) -> T:
        with without_cyclic_gc():
            return compute(self)

    return cached_property(quietly)


@dataclass(frozen=True, eq=False)
class AuditResult:
    """Everything one audit run produces, as DataFrames with documented columns.

    The burden is computed at once; each other part when first read, then kept. A page that shows one trust's
    burden does not pay for the proposals, and a save (which makes a new audit) costs each page only its parts.
    """

    policy: Policy
    burden: Burden
    catalogue: Catalogue = field(repr=False)

    @_part
    def _ids(self) -> list[str]:
        return list(self.burden.requirements["requirement"])

    @_part
    def national(self) -> dict[str, Any]:
        return rollups.national(self.burden, self.by_trust)  # the trusts' rows are built once

    @_part
    def by_trust(self) -> pd.DataFrame:
        return rollups.by_trust(self.burden)

    @_part
    def by_dimension(self) -> dict[str, pd.DataFrame]:
        dims = {d: rollups.by_dimension(self.burden, d) for d in rollups.DIMENSIONS}
        dims["outcome"] = rollups.by_outcome(self.burden, self.outcome_shares, self._share_rows)
        return dims

    @_part
    def benchmark(self) -> pd.DataFrame:
        return rollups.benchmark(self.by_trust)

    @_part
    def concentration(self) -> Concentration:
        return rollups.concentration(self.burden)

    @_part
    def _scores(self) -> ScoreMatrix:
        """The requirements' scores against each outcome, read from the catalogue once for the parts below."""
        return score_matrix(self.catalogue, outcome_keys(self.catalogue, self.policy), self._ids)

    @_part
    def relevance(self) -> pd.DataFrame:
        return relevance(self.catalogue, self.policy, self._ids, self._scores)

    @_part
    def _outcome_share_rows(self) -> tuple[pd.DataFrame, np.ndarray]:
        """The outcome shares with each one's requirement's row in the burden (its place in ``_ids``)."""
        return outcome_share_rows(self.catalogue, self.policy, self._ids, self._scores)

    @_part
    def outcome_shares(self) -> pd.DataFrame:
        return self._outcome_share_rows[0]

    @_part
    def _share_rows(self) -> np.ndarray:
        return self._outcome_share_rows[1]

    @_part
    def purpose_view(self) -> pd.DataFrame:
        return purpose_view(self.burden)

    @_part
    def proposals(self) -> pd.DataFrame:
        return make_proposals(self.burden, self.relevance, self.policy)

    @_part
    def uncertainty(self) -> Uncertainty:
        return simulate(self.burden)

    @_part
    def data_quality(self) -> dict[str, Any]:
        """The data-quality statement: shares resting on estimates by weight, inputs by kind, reference years."""
        return data_quality(self.burden, self.catalogue)

    @_part
    def one_off(self) -> pd.DataFrame:
        """One-off costs of requirements whose directives took effect lately, with their yearly equivalent."""
        return one_off_costs(self.burden, self.policy)

    @_part
    def prescribed_uncertainty(self) -> Uncertainty:
        """The Monte Carlo interval of prescribed practice, which is reported beside the burden, not in it."""
        practice = self.burden.prescribed
        assert practice is not None, "compute_burden always costs prescribed practice apart"
        return simulate(practice)

    @_part
    def sensitivity(self) -> pd.DataFrame:
        return sensitivity(self.burden)

    @_part
    def measure_first(self) -> pd.DataFrame:
        return measure_first(self.burden, top=10)

    @_part
    def measure_first_by_trust(self) -> dict[str, list[str]]:
        return measure_first_by_trust(self.burden)

    def complete(self) -> AuditResult:
        """Compute every part now (a benchmark times the whole audit this way); return self."""
        for part in ("national", "by_trust", "by_dimension", "benchmark", "concentration", "purpose_view", "proposals"):
            getattr(self, part)
        return self

    def table(self, trusts: list[str] | None = None, requirements: list[str] | None = None) -> pd.DataFrame:
        """Return the requirement x trust burden rows (see :func:`audit.burden.burden_table`)."""
        return burden_table(self.burden, trusts=trusts, requirements=requirements)


def run_audit(catalogue: Catalogue, policy: Policy | None = None) -> AuditResult:
    """Audit ``catalogue`` under ``policy``: the same inputs always give the same outputs, in the same order."""
    policy = policy or Policy()
    with without_cyclic_gc():
        burden = compute_burden(catalogue, policy, frames(catalogue))
    return AuditResult(policy=policy, burden=burden, catalogue=catalogue)
