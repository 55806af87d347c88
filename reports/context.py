"""The context every report reads: the audit run once, its inputs, and the trust names it knows.

>>> ctx = prepare(Catalogue(), Policy(), today=dt.date(2011, 3, 31))  # doctest: +SKIP

- :func:`prepare(catalogue, policy, today) -> ReportContext`: runs the audit once; every report of one
  command (``--all``: one per trust) reads the same context. :func:`context_from` wraps an audit already run.
- :func:`resolve_trust(ctx, name)`: the trust called ``name``, however spelt.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from audit.engine import AuditResult, run_audit
from audit.policy import Policy
from audit.proposals import actionable
from audit.scenarios import ScenarioResult, evaluate_scenario
from catalogue import names
from catalogue.models import Catalogue
from reports.fingerprint import fingerprint


class UnknownTrust(KeyError):
    """The trust named is not in the catalogue."""


@dataclass
class ReportContext:
    """The audit and its inputs, computed once and shared by every report built from them."""

    catalogue: Catalogue
    policy: Policy
    result: AuditResult
    today: dt.date
    fingerprint: str
    # The one trust whose own measurements the reader may see (a trust manager's), None when they see every
    # trust's: the reports then never call another trust's hidden measurements absent.
    local_scope: str | None = None
    # The (trust, requirement) of study figures the reader may not see (``audit.study_privacy.withheld``): a
    # study of fewer than five participants in a trust the reader is outside. Their figures are shown withheld;
    # the totals still use them.
    withheld: frozenset[tuple[str, str]] = frozenset()
    _national_only: AuditResult | None = None
    _all_changes: ScenarioResult | None = None
    _cache: dict[str, Any] = field(default_factory=dict)

    @property
    def trusts(self) -> list[str]:
        """Trust names in the catalogue's order."""
        return self.result.by_trust["trust"].tolist()

    def national_only(self) -> AuditResult:
        """The audit without any local measurement: what the national estimates alone give."""
        if self._national_only is None:
            if self.catalogue.local_measurements:
                bare = self.catalogue.model_copy(update={"local_measurements": []})
                self._national_only = run_audit(bare, self.policy)
            else:
                self._national_only = self.result
        return self._national_only

    def all_changes(self) -> ScenarioResult:
        """The effect of accepting every proposal that changes something (the ceiling of what is on offer)."""
        if self._all_changes is None:
            proposals = self.result.proposals
            ids = actionable(proposals)["id"].tolist()
            self._all_changes = evaluate_scenario(self.result, ids)
        return self._all_changes

    def trust_rows(self, trust: str) -> pd.DataFrame:
        """Return the requirement x trust rows of ``trust``: ``AuditResult.table(trusts=[trust])``, as a new frame.

        The rows of every trust are computed once per context, in one call, and each trust's are taken from them
        (35 calls for one trust each cost several times one call for all of them).
        """
        return _rows_of(self, "rows", self.result, trust)

    def national_only_rows(self, trust: str) -> pd.DataFrame:
        """Return :meth:`trust_rows` of the audit without any local measurement (:meth:`national_only`)."""
        return _rows_of(self, "national_only_rows", self.national_only(), trust)

    def requirements_by_id(self) -> pd.DataFrame:
        """Return the audited requirements indexed by their identifier (read, never changed, by the reports)."""
        frame: pd.DataFrame = self.shared_table(
            "requirements_by_id", lambda: self.result.burden.requirements.set_index("requirement")
        )
        return frame

    def trust_row(self, trust: str) -> pd.Series:
        """Return the ``by_trust`` row of ``trust``, indexed by column."""
        frame: pd.DataFrame = self.shared_table("by_trust_by_name", lambda: self.result.by_trust.set_index("trust"))
        return frame.loc[trust]

    def per_trust(self, key: str, build: Any) -> dict[str, pd.DataFrame]:
        """Return a frame with a ``trust`` column (``build()``, once per context) split by trust, rows in order.

        Each trust's part keeps the frame's index labels, as ``frame[frame["trust"] == trust]`` would; a trust
        with no row is missing from the dict.
        """

        def split() -> dict[str, pd.DataFrame]:
            frame = build()
            return {str(t): frame.take(at) for t, at in frame.groupby("trust", sort=False).indices.items()}

        parts: dict[str, pd.DataFrame] = self.shared_table(key, split)
        return parts

    def shared_table(self, key: str, build: Any) -> Any:
        """Build a table once per context (the ranking and policy tables are the same in every trust report)."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]


def _rows_of(ctx: ReportContext, key: str, result: AuditResult, trust: str) -> pd.DataFrame:
    """Return ``result.table(trusts=[trust])`` taken from the rows of every trust, computed once per context."""
    rows = ctx.shared_table(key, result.table)
    positions = ctx.shared_table(f"{key}:positions", lambda: rows.groupby("trust", sort=False).indices)
    if trust not in positions:  # no row (nothing in force): the table itself, with its columns and their types
        return result.table(trusts=[trust])
    taken: pd.DataFrame = rows.take(positions[trust]).reset_index(drop=True)
    return taken


def prepare(
    catalogue: Catalogue,
    policy: Policy | None = None,
    today: dt.date | None = None,
    *,
    local_scope: str | None = None,
    withheld: frozenset[tuple[str, str]] = frozenset(),
) -> ReportContext:
    """Run the audit once and return the context every report reads.

    ``local_scope`` is the one trust whose own measurements the reader may see (``audit.access.local_data_scope``);
    the catalogue passed must already be restricted to it (``audit.access.restrict_catalogue``). ``withheld`` is
    what ``audit.study_privacy.withheld`` returns for the reader: the study figures the reports show withheld.
    """
    policy = policy or Policy()
    return ReportContext(
        catalogue=catalogue,
        policy=policy,
        result=run_audit(catalogue, policy),
        today=today or dt.date.today(),
        fingerprint=fingerprint(catalogue, policy),
        local_scope=local_scope,
        withheld=frozenset(withheld),
    )


def context_from(
    catalogue: Catalogue,
    result: AuditResult,
    today: dt.date,
    *,
    local_scope: str | None = None,
    withheld: frozenset[tuple[str, str]] = frozenset(),
) -> ReportContext:
    """Return a context around an audit already run (the app's cached one), without running it again."""
    return ReportContext(
        catalogue=catalogue,
        policy=result.policy,
        result=result,
        today=today,
        fingerprint=fingerprint(catalogue, result.policy),
        local_scope=local_scope,
        withheld=frozenset(withheld),
    )


def slug(text: str) -> str:
    """Return a file-name-safe form of ``text``, e.g. ``avon-and-somerset``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "report"


def resolve_trust(ctx: ReportContext, name: str) -> str:
    """Return the trust called ``name``, however spelt (the rule is ``catalogue.names.resolve_trust``)."""
    try:
        return names.resolve_trust(name, ctx.trusts)
    except names.UnknownName as exc:
        raise UnknownTrust(str(exc)) from None
