"""Typed results of an audit: the contract that the command line's JSON, the pages and the reports all render.

``audit_summary(result)`` and ``proposals_summary(result)`` turn an :class:`audit.engine.AuditResult` into
pydantic models; ``model_dump(mode="json")`` is exactly what ``proportion audit --json`` and ``proportion
proposals --json`` print, and ``proportion schema`` prints their JSON Schema. A missing figure (hours per
offender of a trust with no caseload, a share of nothing) is ``None``, never NaN, so the JSON is always JSON.

>>> from catalogue.models import Catalogue
>>> from audit.engine import run_audit
>>> audit_summary(run_audit(Catalogue())).national.hours.central
0.0
"""

from __future__ import annotations

import math
from typing import Annotated, Any

import pandas as pd
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from audit.evidence import EVIDENCE
from audit.one_off import one_off_totals
from audit.proposals import ACTION_LABELS, proposal_trust_savings
from audit.uncertainty import sensitivity_by_trust


def _finite_or_none(value: Any) -> Any:
    """Return None for NaN, infinities and pandas' NA; numpy scalars as Python numbers."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


Number = Annotated[float | None, BeforeValidator(_finite_or_none)]
Whole = Annotated[int | None, BeforeValidator(_finite_or_none)]


class Contract(BaseModel):
    """Base of every result model: fixed fields, values as computed."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Range(Contract):
    """A figure with its low and high: every estimate at its low (or high) figure at once."""

    low: Number
    central: Number
    high: Number


class Interval(Range):
    """A range with the 90% interval of the Monte Carlo (``audit.uncertainty``): the interval to quote."""

    p05: Number
    p50: Number
    p95: Number


class Measures(Contract):
    """Hours, FTE and cost a year, each a range."""

    hours: Range
    fte: Range
    cost: Range


class IntervalMeasures(Contract):
    """Hours, FTE and cost a year, each a range with its 90% interval."""

    hours: Interval
    fte: Interval
    cost: Interval


class CountedElsewhere(Contract):
    """A requirement in force whose work another requirement already counts (never added twice)."""

    requirement: str
    directive: str
    counted_in: str
    reason: str | None


class OneOff(Contract):
    """One-off costs of directives that took effect in the policy's period before the audit date."""

    hours: float
    fte: float
    cost: float
    annualised_cost: float = Field(description="the equal yearly amount of the one-off cost (policy's method)")
    method: str


class DataQuality(Contract):
    """What the figures rest on, by weight: the statement every output carries."""

    hours_share_resting_on_estimates: Number
    hours_share_all_cited_or_derived: Number
    cost_share_resting_on_estimates: Number = Field(description="by cost, the staff grades' pay counted")
    inputs_by_kind: dict[str, int] = Field(description="input figures that are citation, derived or estimate")
    reference_year: dict[str, str] = Field(description="the reference date of each kind of trust figure")
    comparison_basis: str = Field(description='"evidence" when trusts may be ranked, else "size only"')
    statement: str


class Assumptions(Contract):
    """The policy values the audit used."""

    overhead_rate: float
    productive_hours_override: Number
    familiarisation_minutes: Range
    direct_contact_share: float


class Swing(Contract):
    """One bar of the tornado: national hours with one requirement's minutes at its low and its high."""

    requirement: str
    text: str
    is_estimate: bool
    hours_at_low: float
    hours_at_high: float
    swing_hours: float
    swing_cost: float


class National(Contract):
    """The national totals of an audit."""

    requirements: int
    directives: int
    trusts: int
    caseload: Number
    staff_fte: Number
    hours: Interval
    fte: Interval
    cost: Interval
    interval_method: str
    administrative_cost: IntervalMeasures = Field(
        description="the whole administrative activity, before business as usual"
    )
    business_as_usual: IntervalMeasures = Field(description="the part of that cost trusts would incur anyway")
    prescribed_practice: IntervalMeasures = Field(description="prescribed practice with offenders, after its BAU")
    prescribed_practice_business_as_usual: IntervalMeasures
    prescribed_requirements: int
    counted_elsewhere: list[CountedElsewhere]
    one_off: OneOff
    data_quality: DataQuality
    sensitivity: list[Swing]
    measure_first: list[str]
    familiarisation: Measures
    total: Measures
    hours_per_offender: Number
    hours_per_staff_fte: Number
    share_of_staff_time: Number
    local_measurements: int
    top10_share: Number
    share_input_process: Number
    share_output_outcome: Number


class Standing(Contract):
    """Where a trust stands among the trusts by hours per offender (None when it has no caseload)."""

    rank: Whole
    quartile: Whole
    distance_from_median: Number
    distance_pct: Number


class TrustSummary(Contract):
    """One trust's totals."""

    trust: str
    region: str
    caseload: Number
    staff_fte: Number
    hours: Interval
    fte: Interval
    cost: Interval
    administrative_cost: IntervalMeasures
    business_as_usual: IntervalMeasures
    prescribed_practice: IntervalMeasures
    prescribed_practice_business_as_usual: IntervalMeasures
    sensitivity: list[Swing] = Field(description="the trust's tornado: the inputs that move its hours most")
    measure_first: list[str]
    familiarisation: Measures
    total: Measures
    hours_per_offender: Number
    hours_per_staff_fte: Number
    share_of_staff_time: Number
    cost_share_of_budget: Number
    local_measurements: int
    comparison_basis: str = Field(description='"evidence" or "size only" (then benchmark.rank is null)')
    benchmark: Standing


class Benchmark(Contract):
    """The cross-trust spread of the benchmark metric."""

    metric: str = "hours_per_offender"
    median: Number
    q1: Number
    q3: Number


class AuditSummary(Contract):
    """What ``proportion audit --json`` prints."""

    audit_date: str
    assumptions: Assumptions
    national: National
    directives_in_force: list[str]
    benchmark: Benchmark
    trusts: list[TrustSummary]


class TrustSaving(Contract):
    """A proposal's central saving in one trust."""

    trust: str
    hours: Number
    fte: Number
    cost: Number


class ProposalSummary(Contract):
    """One ranked proposal."""

    rank: int
    id: str
    action: str
    label: str
    target: str
    requirements: list[str]
    directive: str
    rationale: str
    current_frequency: Number
    new_frequency: Number
    new_frequency_label: str | None
    similarity: Number
    relevance: Number
    savings: Measures
    per_trust: list[TrustSaving]
    risk_level: str
    outcome_risk: str
    confidence: str
    needs_legislation: bool
    statutory: bool
    public_protection_critical: bool


class ProposalsSummary(Contract):
    """What ``proportion proposals --json`` prints."""

    audit_date: str
    count: int
    actions: dict[str, int] = Field(description="proposals of each action, before any filter")
    proposals: list[ProposalSummary]


def _ranges(row: Any, prefix: str = "") -> dict[str, dict[str, Any]]:
    return {m: {x: row[f"{prefix}{m}_{x}"] for x in ("low", "central", "high")} for m in ("hours", "fte", "cost")}


def _with_interval(ranges: dict[str, dict[str, Any]], quantiles: Any) -> dict[str, dict[str, Any]]:
    return {m: {**ranges[m], **{q: quantiles[f"{m}_{q}"] for q in ("p05", "p50", "p95")}} for m in ranges}


def _flat(quantiles: dict[str, dict[str, float]]) -> dict[str, float]:
    return {f"{m}_{q}": v for m, qs in quantiles.items() for q, v in qs.items()}


def _apart(row: Any, burden: Any, prescribed: Any) -> dict[str, Any]:
    """Return the administrative cost, business as usual and prescribed practice of a trust or national row.

    ``burden`` and ``prescribed`` are the Monte Carlo quantiles (``{measure}_{p05|p50|p95}``, the cost's prefixed
    ``admin_cost_`` and the share done anyway's ``bau_``) of the burden's and prescribed practice's draws.
    """
    return {
        "administrative_cost": _with_interval(_ranges(row, "admin_cost_"), _prefixed(burden, "admin_cost_")),
        "business_as_usual": _with_interval(_ranges(row, "bau_"), _prefixed(burden, "bau_")),
        "prescribed_practice": _with_interval(_ranges(row, "prescribed_"), prescribed),
        "prescribed_practice_business_as_usual": _with_interval(
            _ranges(row, "prescribed_bau_"), _prefixed(prescribed, "bau_")
        ),
    }


def _prefixed(quantiles: Any, prefix: str) -> dict[str, Any]:
    """Return the quantiles of one figure (``admin_cost_`` or ``bau_``) keyed as the burden's (``hours_p05`` ...)."""
    return {f"{m}_{q}": quantiles[f"{prefix}{m}_{q}"] for m in ("hours", "fte", "cost") for q in ("p05", "p50", "p95")}


def _national_quantiles(uncertainty: Any) -> dict[str, float]:
    """Return the national quantiles of the burden, its cost and its share done anyway in one flat mapping."""
    return {
        **_flat(uncertainty.national),
        **{f"admin_cost_{k}": v for k, v in _flat(uncertainty.administrative_cost).items()},
        **{f"bau_{k}": v for k, v in _flat(uncertainty.business_as_usual).items()},
    }


def audit_summary(result: Any, trust: str | None = None) -> AuditSummary:
    """Return the typed summary of an audit: national totals and every trust (or only ``trust``)."""
    nat = result.national
    bench = result.benchmark.set_index("trust")
    intervals = result.uncertainty.by_trust.set_index("trust")
    measure_first = result.measure_first_by_trust
    tornadoes = sensitivity_by_trust(result.burden)
    quality = result.data_quality
    basis = quality["comparison_basis"]
    practice = result.prescribed_uncertainty
    practice_by_trust = practice.by_trust.set_index("trust")
    purpose = result.purpose_view.iloc[-1]
    trusts = result.by_trust if trust is None else result.by_trust[result.by_trust["trust"] == trust]
    rows = []
    for _, row in trusts.iterrows():
        b = bench.loc[row["trust"]]
        rows.append(
            {
                "trust": row["trust"],
                "region": row["region"],
                "caseload": row["caseload"],
                "staff_fte": row["staff_fte"],
                **_with_interval(_ranges(row), intervals.loc[row["trust"]]),
                **_apart(row, intervals.loc[row["trust"]], practice_by_trust.loc[row["trust"]]),
                "sensitivity": tornadoes[row["trust"]],
                "measure_first": measure_first[row["trust"]],
                "familiarisation": _ranges(row, "familiarisation_"),
                "total": _ranges(row, "total_"),
                "hours_per_offender": row["hours_per_offender"],
                "hours_per_staff_fte": row["hours_per_staff_fte"],
                "share_of_staff_time": row["share_of_staff_time"],
                "cost_share_of_budget": row["cost_share_of_budget"],
                "local_measurements": int(row["local_measurements"]),
                "comparison_basis": basis,
                "benchmark": {
                    "rank": b["rank"] if basis == EVIDENCE else None,
                    "quartile": b["quartile"] if basis == EVIDENCE else None,
                    "distance_from_median": b["distance_from_median"],
                    "distance_pct": b["distance_pct"],
                },
            }
        )
    first = result.benchmark
    policy = result.policy
    national_quantiles = _national_quantiles(result.uncertainty)
    return AuditSummary.model_validate(
        {
            "audit_date": policy.audit_date.isoformat(),
            "assumptions": {
                "overhead_rate": policy.overhead_rate,
                "productive_hours_override": policy.productive_hours_override,
                "familiarisation_minutes": {
                    "low": policy.familiarisation_minutes_low,
                    "central": policy.familiarisation_minutes_central,
                    "high": policy.familiarisation_minutes_high,
                },
                "direct_contact_share": policy.direct_contact_share,
            },
            "national": {
                "requirements": nat["requirements"],
                "directives": nat["directives"],
                "trusts": nat["trusts"],
                "caseload": nat["caseload"],
                "staff_fte": nat["staff_fte"],
                **_with_interval(_ranges(nat), national_quantiles),
                "interval_method": result.uncertainty.method,
                **_apart(nat, national_quantiles, _national_quantiles(practice)),
                "prescribed_requirements": nat["prescribed_requirements"],
                "counted_elsewhere": [
                    {
                        "requirement": r["requirement"],
                        "directive": r["directive"],
                        "counted_in": r["counted_in"],
                        "reason": r["counted_in_reason"],
                    }
                    for r in result.burden.counted_elsewhere.to_dict("records")
                ],
                "one_off": {
                    **one_off_totals(result.one_off),
                    "method": (
                        f"{policy.one_off_method} over {policy.one_off_years} years"
                        + (f" at {policy.discount_rate:.0%}" if policy.one_off_method == "annuity" else "")
                    ),
                },
                "data_quality": quality,
                "sensitivity": result.sensitivity.to_dict(orient="records"),
                "measure_first": list(result.measure_first["requirement"]),
                "familiarisation": _ranges(nat, "familiarisation_"),
                "total": _ranges(nat, "total_"),
                "hours_per_offender": nat["hours_per_offender"],
                "hours_per_staff_fte": nat["hours_per_staff_fte"],
                "share_of_staff_time": nat["share_of_staff_time"],
                "local_measurements": nat["local_measurements"],
                "top10_share": result.concentration.top_share,
                "share_input_process": purpose["share_input_process"],
                "share_output_outcome": purpose["share_output_outcome"],
            },
            "directives_in_force": sorted(set(result.burden.requirements["directive"])),
            "benchmark": {
                "median": first["median"].iloc[0] if len(first) else None,
                "q1": first["q1"].iloc[0] if len(first) else None,
                "q3": first["q3"].iloc[0] if len(first) else None,
            },
            "trusts": rows,
        }
    )


def proposals_summary(result: Any, action: str | None = None, limit: int | None = None) -> ProposalsSummary:
    """Return the typed list of ranked proposals (optionally of one ``action``, or only the first ``limit``)."""
    props = result.proposals
    if action is not None:
        props = props[props["action"] == action]
    if limit is not None:
        props = props.head(limit)
    per_trust = proposal_trust_savings(result.burden, props)
    grouped = {pid: frame for pid, frame in per_trust.groupby("id", sort=False)}
    items = []
    for row in props.to_dict("records"):
        trust_rows = grouped.get(row["id"])
        items.append(
            {
                "rank": row["rank"],
                "id": row["id"],
                "action": row["action"],
                "label": ACTION_LABELS[row["action"]],
                "target": row["target"],
                "requirements": list(row["requirements"]),
                "directive": row["directive"],
                "rationale": row["rationale"],
                "current_frequency": row["current_frequency"],
                "new_frequency": row["new_frequency"],
                "new_frequency_label": _finite_or_none(row["new_frequency_label"]),
                "similarity": row["similarity"],
                "relevance": row["relevance"],
                "savings": _ranges(row, "saving_"),
                "per_trust": []
                if trust_rows is None
                else [
                    {
                        "trust": t["trust"],
                        "hours": t["saving_hours_central"],
                        "fte": t["saving_fte_central"],
                        "cost": t["saving_cost_central"],
                    }
                    for t in trust_rows.to_dict("records")
                ],
                "risk_level": row["risk_level"],
                "outcome_risk": row["outcome_risk"],
                "confidence": row["confidence"],
                "needs_legislation": bool(row["needs_legislation"]),
                "statutory": bool(row["statutory"]),
                "public_protection_critical": bool(row["public_protection_critical"]),
            }
        )
    counts = result.proposals["action"].value_counts().sort_index()
    return ProposalsSummary.model_validate(
        {
            "audit_date": result.policy.audit_date.isoformat(),
            "count": len(items),
            "actions": {k: int(v) for k, v in counts.items()},
            "proposals": items,
        }
    )


CONTRACTS: tuple[type[BaseModel], ...] = (AuditSummary, ProposalsSummary)
