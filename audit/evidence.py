"""How much of the burden rests on estimates, and whether trusts may be compared: rules the app, the command line
and the reports share (:func:`data_quality` is the statement every output carries).

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

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pandas as pd

from audit.burden import Burden, burden_table
from catalogue.models import Catalogue, Provenance
from catalogue.types import ProvenanceKind


def estimated_hours_share(
    burden: Burden, trust: str | None = None, *, rows: pd.DataFrame | None = None
) -> float | None:
    """Return the share of central hours resting on at least one estimated figure, or None when there are no hours.

    None, not 0 %, so that "no burden" is never read as "fully sourced". ``rows`` are the same trusts' rows of
    ``burden_table`` when the caller has them already.
    """
    if rows is None:
        rows = burden_table(burden, trusts=None if trust is None else [trust])
    total = float(rows["hours_central"].sum()) if len(rows) else 0.0
    if total <= 0:
        return None
    return float(rows.loc[rows["is_estimate"].astype(bool), "hours_central"].sum() / total)


def trusts_differ(burden: Burden) -> bool:
    """Return whether the trusts differ by more than their size, so that ranking them says something.

    They do when a trust has measured its own figures, or when their volumes per offender (commencements, reports
    and staff for each offender supervised) differ by more than 1% between trusts. Otherwise every trust is the
    same estimates scaled by its caseload, and a ranking would only order fixed costs per trust by size.
    """
    if len(burden.local):
        return True
    trusts = burden.trusts
    caseload = trusts["caseload"].where(trusts["caseload"] > 0)
    for column in ("commencements", "reports", "staff_fte"):
        per = (trusts[column] / caseload).dropna()
        median = float(per.median()) if len(per) else 0.0
        if len(per) > 1 and median > 0 and float(per.max() - per.min()) / median > 0.01:
            return True
    return False


EVIDENCE = "evidence"
SIZE_ONLY = "size only"


def comparison_basis(burden: Burden) -> str:
    """Return ``"evidence"`` when trusts may be ranked (:func:`trusts_differ`), else ``"size only"``."""
    return EVIDENCE if trusts_differ(burden) else SIZE_ONLY


_REFERENCE = re.compile(r"reference\s+([^;]+?)\s*$", re.I)


def _reference(provenance: Provenance) -> str | None:
    """Return the reference date or year a figure's source states ("... ; reference 31 Dec 2008")."""
    for text in (provenance.location, provenance.rationale):
        found = _REFERENCE.search(text or "")
        if found:
            return found.group(1)
    return None


def inputs_by_kind(catalogue: Catalogue) -> dict[str, int]:
    """Return how many figures of the catalogue are cited, derived and estimated, staff grades included."""
    counts = Counter({str(kind): 0 for kind in ProvenanceKind})
    for provenance in _provenances(catalogue):
        counts[str(provenance.kind)] += 1
    return dict(counts)


def _provenances(catalogue: Catalogue) -> Iterator[Provenance]:
    for r in catalogue.requirements:
        yield r.frequency_provenance
        yield r.minutes_provenance
        for optional in (r.bau_provenance, r.compliance_provenance, r.out_of_pocket_provenance, r.one_off_provenance):
            if optional is not None:
                yield optional
    for t in catalogue.trusts:
        yield from (t.caseload.provenance, t.commencements.provenance, t.reports.provenance, t.budget_gbp.provenance)
        yield t.staff_provenance
    for g in catalogue.staff_grades:
        yield g.provenance


def reference_years(catalogue: Catalogue) -> dict[str, str]:
    """Return the reference date of each kind of trust figure, as its sources state it ("mixed" when they differ)."""
    figures = {
        "caseload": [t.caseload.provenance for t in catalogue.trusts],
        "commencements": [t.commencements.provenance for t in catalogue.trusts],
        "reports": [t.reports.provenance for t in catalogue.trusts],
        "budget": [t.budget_gbp.provenance for t in catalogue.trusts],
        "staff": [t.staff_provenance for t in catalogue.trusts],
    }
    out: dict[str, str] = {}
    for name, provenances in figures.items():
        found = {ref for ref in (_reference(p) for p in provenances) if ref}
        if found:
            out[name] = found.pop() if len(found) == 1 else "mixed: " + ", ".join(sorted(found))
    return out


def cost_share_on_estimates(burden: Burden, catalogue: Catalogue) -> float | None:
    """Return the share of central cost resting on an estimate, the staff grades' pay included."""
    rows = burden_table(burden)
    total = float(rows["cost_central"].sum()) if len(rows) else 0.0
    if total <= 0:
        return None
    estimated_grades = {g.code for g in catalogue.staff_grades if g.provenance.is_estimate}
    on_estimate = rows["is_estimate"].astype(bool) | rows["grade"].isin(estimated_grades)
    return float(rows.loc[on_estimate, "cost_central"].sum() / total)


def data_quality(burden: Burden, catalogue: Catalogue) -> dict[str, Any]:
    """Return the data-quality statement of an audit: shares by weight, inputs by kind, reference years, basis."""
    hours = estimated_hours_share(burden)
    kinds = inputs_by_kind(catalogue)
    years = reference_years(catalogue)
    cost = cost_share_on_estimates(burden, catalogue)
    basis = comparison_basis(burden)
    parts = []
    if hours is not None:
        parts.append(f"{hours:.0%} of the hours rest on at least one estimated figure")
    if cost is not None:
        parts.append(f"{cost:.0%} of the cost, counting staff pay")
    statement = (
        ("; ".join(parts) + ". " if parts else "No burden to weigh. ")
        + f"Of the {sum(kinds.values())} input figures, {kinds.get('citation', 0)} are cited, "
        f"{kinds.get('derived', 0)} derived from cited figures by a stated formula and {kinds.get('estimate', 0)} "
        "estimated."
        + (" Reference dates: " + "; ".join(f"{k} {v}" for k, v in years.items()) + "." if years else "")
        + (
            " Trusts are compared on evidence (their own volumes or measurements)."
            if basis == EVIDENCE
            else " Trusts differ only by size: they are not ranked."
        )
    )
    return {
        "hours_share_resting_on_estimates": hours,
        "hours_share_all_cited_or_derived": None if hours is None else 1.0 - hours,
        "cost_share_resting_on_estimates": cost,
        "inputs_by_kind": kinds,
        "reference_year": years,
        "comparison_basis": basis,
        "statement": statement,
    }
