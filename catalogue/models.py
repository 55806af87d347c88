"""Pydantic models of the catalogue: directives, requirements, trusts, staff grades, outcomes.

Every model loaded from a file forbids unknown fields; value objects are frozen. Every number
that feeds the burden calculation carries a :class:`Provenance`.

>>> Provenance.estimate("two-page form, assumed ten minutes").kind
<ProvenanceKind.ESTIMATE: 'estimate'>
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from catalogue.types import (
    BUILT_IN_DRIVERS,
    Activity,
    Code,
    Count,
    DirectiveStatus,
    DirectiveType,
    DriverKey,
    KindOfWork,
    LegalForce,
    Minutes,
    Modality,
    Money,
    NonEmptyText,
    PartialDate,
    PerYear,
    ProvenanceKind,
    Purpose,
    Reference,
    RequirementId,
    Score,
    Share,
    ShortText,
    Weight,
)


class Strict(BaseModel):
    """Base for models loaded from files: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=False)


class Provenance(Strict):
    """Where a figure comes from: a citation of a source, or an estimate with its rationale."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    kind: ProvenanceKind
    document: str | None = None
    location: str | None = None
    address: str | None = None
    rationale: str | None = None

    @model_validator(mode="after")
    def citation_names_a_document_estimate_gives_a_reason(self) -> Self:
        if self.kind == ProvenanceKind.CITATION and not self.document:
            raise ValueError("a citation needs the document it cites")
        if self.kind == ProvenanceKind.ESTIMATE and not self.rationale:
            raise ValueError("an estimate needs a one-line rationale")
        if self.kind == ProvenanceKind.DERIVED and not self.rationale:
            raise ValueError("a derived figure needs the formula it was derived by")
        return self

    @classmethod
    def estimate(cls, rationale: str) -> Provenance:
        """Return an estimate provenance with its rationale."""
        return cls(kind=ProvenanceKind.ESTIMATE, rationale=rationale)

    @classmethod
    def cite(
        cls, document: str, location: str | None = None, address: str | None = None, note: str | None = None
    ) -> Provenance:
        """Return a citation provenance; ``note`` says how the figure was derived from it."""
        return cls(kind=ProvenanceKind.CITATION, document=document, location=location, address=address, rationale=note)

    @classmethod
    def derive(
        cls, formula: str, document: str | None = None, location: str | None = None, address: str | None = None
    ) -> Provenance:
        """Return a derived provenance: ``formula`` says how the figure follows from the cited ``document``."""
        return cls(
            kind=ProvenanceKind.DERIVED, document=document, location=location, address=address, rationale=formula
        )

    @property
    def is_estimate(self) -> bool:
        return self.kind == ProvenanceKind.ESTIMATE

    def describe(self) -> str:
        """Return a one-line description for tables and reports."""
        if self.is_estimate:
            return f"Estimate: {self.rationale}"
        if self.kind == ProvenanceKind.DERIVED:
            source = f" from {self.document}" if self.document else ""
            return f"Derived{source}: {self.rationale}"
        where = f", {self.location}" if self.location else ""
        note = f" ({self.rationale})" if self.rationale else ""
        return f"{self.document}{where}{note}"


class Figure(Strict):
    """A number together with its provenance."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: Count
    provenance: Provenance


class Directive(Strict):
    """A central directive: instruction, circular, standard, framework, return or statute."""

    reference: Reference
    title: ShortText
    type: DirectiveType
    issuer: ShortText
    issued: PartialDate | None = None
    effective: PartialDate | None = None
    expiry: PartialDate | None = None
    ended: PartialDate | None = Field(
        default=None, description="date the directive stopped binding trusts (cancelled, superseded or withdrawn)"
    )
    status: DirectiveStatus = DirectiveStatus.IN_FORCE
    cancelled_by: Reference | None = None
    supersedes: list[Reference] = Field(default_factory=list)
    legal_force: LegalForce = LegalForce.MANDATORY_INSTRUCTION
    source_address: str | None = None
    summary: str = ""

    @field_validator("supersedes", mode="before")
    @classmethod
    def split_joined_list(cls, value: object) -> object:
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return [part.strip() for part in value.split(";") if part.strip()]
        return value

    @model_validator(mode="after")
    def links_are_consistent(self) -> Self:
        if self.cancelled_by and self.status not in (DirectiveStatus.CANCELLED, DirectiveStatus.SUPERSEDED):
            raise ValueError("a directive with cancelled_by must have status 'cancelled' or 'superseded'")
        if self.cancelled_by == self.reference or self.reference in self.supersedes:
            raise ValueError("a directive cannot cancel or supersede itself")
        return self


class RequirementActivity(Strict):
    """One activity within a requirement (read, gather, record, report, meet, sign off ...), done by one staff grade.

    A requirement with activities takes its minutes as their sum and its cost as the sum of each activity's minutes
    at its own grade's rate: a form written by a probation officer and countersigned by a senior probation officer
    is two activities at two rates.
    """

    id: Code = Field(description="the activity's key within its requirement, e.g. write or countersign")
    activity: Activity
    description: str = Field(default="", description="what is done, in the words of the source or the estimate")
    minutes_low: Minutes
    minutes_central: Minutes
    minutes_high: Minutes
    grade: Code
    minutes_provenance: Provenance

    @model_validator(mode="after")
    def minutes_are_ordered(self) -> Self:
        if not self.minutes_low <= self.minutes_central <= self.minutes_high:
            raise ValueError("minutes must satisfy low <= central <= high")
        return self


MINUTE_LEVELS = ("minutes_low", "minutes_central", "minutes_high")
ACTIVITY_SUM = "the sum of its activities' minutes"


class Requirement(Strict):
    """One process requirement inside a directive, with its Standard Cost Model parameters."""

    id: RequirementId
    directive: Reference
    paragraph: str | None = None
    text: NonEmptyText
    modality: Modality
    actor: ShortText
    purpose: Purpose
    activity: Activity
    driver: DriverKey = Field(description="a built-in driver (per_case ...) or the key of one the catalogue defines")
    occurrences_per_unit: PerYear = Field(description="occurrences per driver unit per year")
    frequency_text: str | None = Field(default=None, description="the frequency or timescale as the directive words it")
    frequency_provenance: Provenance
    minutes_low: Minutes
    minutes_central: Minutes
    minutes_high: Minutes
    minutes_provenance: Provenance
    grade: Code
    statutory_basis: str | None = Field(default=None, description="the Act or SI, or none")
    statutory_basis_provenance: Provenance | None = Field(
        default=None, description="where the statutory basis is stated: the Act's section, with its address"
    )
    public_protection_critical: bool = False
    kind_of_work: KindOfWork = Field(
        default=KindOfWork.ADMINISTRATIVE,
        description="administrative process (the headline burden), prescribed practice with offenders, or other",
    )
    bau_share: Share = Field(default=0.0, description="share of the work a trust would do anyway (business as usual)")
    bau_provenance: Provenance | None = Field(default=None, description="where the business-as-usual share comes from")
    counted_in: RequirementId | None = Field(
        default=None, description="the requirement whose figures already count this work (it is never added twice)"
    )
    counted_in_reason: str | None = Field(default=None, description="why the work is counted there")
    compliance_rate: Share = Field(default=1.0, description="share of the occurrences actually done (1 = all)")
    compliance_provenance: Provenance | None = None
    out_of_pocket_gbp: Money = Field(default=0.0, description="purchases or bought-in services per occurrence (£)")
    out_of_pocket_provenance: Provenance | None = None
    one_off_minutes: Minutes = Field(default=0.0, description="one-off work per driver unit when it takes effect")
    one_off_out_of_pocket_gbp: Money = Field(default=0.0, description="one-off purchases per driver unit (£)")
    one_off_provenance: Provenance | None = None
    activities: list[RequirementActivity] = Field(
        default_factory=list, description="the activities the work is made of; none: the minutes and grade above"
    )

    @model_validator(mode="before")
    @classmethod
    def minutes_from_activities(cls, data: Any) -> Any:
        """With activities, minutes left blank are their sum, and a blank minutes source says so."""
        if not isinstance(data, dict) or not data.get("activities"):
            return data
        try:
            steps = [RequirementActivity.model_validate(a) for a in data["activities"]]
        except (ValidationError, TypeError):
            return data  # the activity's own errors are reported by the field's validation
        data = dict(data)
        for level in MINUTE_LEVELS:
            if data.get(level) in (None, ""):
                data[level] = sum(getattr(step, level) for step in steps)
        if not data.get("minutes_provenance"):
            kind = "estimate" if any(s.minutes_provenance.is_estimate for s in steps) else "derived"
            data["minutes_provenance"] = {"kind": kind, "rationale": ACTIVITY_SUM}
        return data

    @model_validator(mode="after")
    def minutes_are_the_sum_of_the_activities(self) -> Self:
        for level in MINUTE_LEVELS:
            total = math.fsum(getattr(step, level) for step in self.activities)
            if self.activities and not math.isclose(getattr(self, level), total, rel_tol=1e-9, abs_tol=1e-9):
                words = level.replace("_", " ")
                raise ValueError(
                    f"{words} must be the sum of the activities' {words} ({total:g}), or left blank to take it"
                )
        ids = [step.id for step in self.activities]
        if len(ids) != len(set(ids)):
            raise ValueError("each activity of a requirement needs its own id")
        return self

    @model_validator(mode="after")
    def minutes_are_ordered(self) -> Self:
        if not self.minutes_low <= self.minutes_central <= self.minutes_high:
            raise ValueError("minutes must satisfy low <= central <= high")
        return self

    @model_validator(mode="after")
    def business_as_usual_has_a_source(self) -> Self:
        if self.bau_share > 0 and self.bau_provenance is None:
            raise ValueError("a business-as-usual share needs its source or rationale (bau_provenance)")
        return self

    @model_validator(mode="after")
    def other_cost_figures_have_a_source(self) -> Self:
        if self.compliance_rate < 1 and self.compliance_provenance is None:
            raise ValueError("a compliance rate below 100% needs its source or rationale (compliance_provenance)")
        if self.out_of_pocket_gbp > 0 and self.out_of_pocket_provenance is None:
            raise ValueError("an out-of-pocket cost needs its source or rationale (out_of_pocket_provenance)")
        if (self.one_off_minutes > 0 or self.one_off_out_of_pocket_gbp > 0) and self.one_off_provenance is None:
            raise ValueError("a one-off cost needs its source or rationale (one_off_provenance)")
        return self

    @model_validator(mode="after")
    def counted_once_with_a_reason(self) -> Self:
        if self.counted_in is not None:
            if self.counted_in == self.id:
                raise ValueError("a requirement cannot be counted in itself")
            if not (self.counted_in_reason or "").strip():
                raise ValueError("say why the work is counted in the other requirement (counted_in_reason)")
        return self

    @property
    def is_statutory(self) -> bool:
        return bool(self.statutory_basis)

    @property
    def minutes_are_estimates(self) -> bool:
        """True when its minutes rest on an estimate (with activities: any activity's minutes)."""
        if self.activities:
            return any(step.minutes_provenance.is_estimate for step in self.activities)
        return self.minutes_provenance.is_estimate

    @property
    def is_estimate(self) -> bool:
        """True when any of its burden figures is an estimate."""
        return self.frequency_provenance.is_estimate or self.minutes_are_estimates


class StaffGrade(Strict):
    """A staff grade with its pay, giving the hourly tariff of the Standard Cost Model."""

    code: Code
    name: ShortText
    annual_salary_gbp: Money
    on_cost_pct: float = Field(ge=0, le=200)
    productive_hours_per_year: float = Field(gt=0, le=3000)
    tariff_includes_overheads: bool = Field(
        default=False, description="the pay figures already include overheads: the audit adds none on top"
    )
    provenance: Provenance

    @property
    def hourly_tariff(self) -> float:
        """Full labour cost of one productive hour (salary plus on-costs), before overheads."""
        return self.annual_salary_gbp * (1 + self.on_cost_pct / 100) / self.productive_hours_per_year


class Trust(Strict):
    """A probation trust with the volumes that drive its burden, each figure with provenance."""

    name: ShortText
    region: ShortText
    caseload: Figure = Field(description="offenders under supervision")
    commencements: Figure = Field(description="orders and licences commenced a year")
    reports: Figure = Field(description="court reports prepared a year")
    budget_gbp: Figure
    staff_fte: dict[Code, float] = Field(default_factory=dict, description="FTE by staff grade code")
    staff_provenance: Provenance

    @field_validator("staff_fte")
    @classmethod
    def fte_not_negative(cls, value: dict[str, float]) -> dict[str, float]:
        for grade, fte in value.items():
            if not math.isfinite(fte) or fte < 0:
                raise ValueError(f"FTE for grade {grade!r} must be a finite number >= 0")
        return value

    @property
    def total_fte(self) -> float:
        return float(sum(self.staff_fte.values()))


class VolumeDriver(Strict):
    """A population a catalogue defines for requirements to scale with (approved premises places, unpaid work hours).

    The five built-in drivers (:class:`catalogue.types.Driver`) read each trust's own figures; a defined driver's
    volumes are rows of their own (:class:`DriverVolume`), each with its provenance. A trust with no volume of a
    driver has none of it (0).
    """

    key: Code
    name: ShortText
    unit: ShortText = Field(description="what one unit of the volume is, e.g. place or hour ordered")
    description: str = ""

    @field_validator("key")
    @classmethod
    def not_a_built_in_driver(cls, value: str) -> str:
        if value in BUILT_IN_DRIVERS:
            raise ValueError(f"{value} is a built-in driver, read from each trust's own figures; choose another key")
        return value


class DriverVolume(Strict):
    """One trust's volume of a driver the catalogue defines, with where the figure comes from."""

    trust: ShortText
    driver: Code
    volume: Count
    provenance: Provenance


class Outcome(Strict):
    """An outcome the public is buying, weighted in the relevance composite."""

    key: Code
    name: ShortText
    weight: Weight = 1.0
    description: str = ""


class RelevanceScore(Strict):
    """How much one requirement contributes to one outcome (0 none .. 3 direct)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    requirement: RequirementId
    outcome: Code
    score: Score
    rationale: NonEmptyText
    scorer: ShortText = "Proportion default dataset"
    scored_on: dt.date


class LocalMeasurement(Strict):
    """A trust's own measurement for one requirement, replacing the national estimate for it."""

    trust: ShortText
    requirement: RequirementId
    minutes: Minutes | None = None
    occurrences_per_year: PerYear | None = Field(default=None, description="the trust's own count a year")
    comment: str = ""
    recorded_by: str = ""
    recorded_on: dt.date
    # A figure measured in a time study keeps the study's 95% interval (a figure typed by hand has none).
    minutes_low: Minutes | None = Field(default=None, description="95% interval of the measured minutes: low end")
    minutes_high: Minutes | None = Field(default=None, description="95% interval of the measured minutes: high end")
    occurrences_per_year_low: PerYear | None = Field(default=None, description="95% interval of the count: low end")
    occurrences_per_year_high: PerYear | None = Field(default=None, description="95% interval of the count: high end")
    bau_share: Share | None = Field(
        default=None, description="the trust's own business-as-usual share, replacing the requirement's in this trust"
    )
    bau_source: str | None = Field(
        default=None, description="where the trust's own business-as-usual share comes from, or why it is estimated"
    )

    @model_validator(mode="after")
    def business_as_usual_has_a_source(self) -> Self:
        if self.bau_share is not None and not (self.bau_source or "").strip():
            raise ValueError("a trust's own business-as-usual share needs its source or rationale (bau_source)")
        return self

    @model_validator(mode="after")
    def measures_something(self) -> Self:
        if self.minutes is None and self.occurrences_per_year is None and self.bau_share is None:
            raise ValueError("a measurement needs minutes or occurrences_per_year, or a business-as-usual share")
        return self

    @model_validator(mode="after")
    def an_interval_holds_its_figure(self) -> Self:
        for figure, value, low, high in (
            ("minutes", self.minutes, self.minutes_low, self.minutes_high),
            ("occurrences_per_year", self.occurrences_per_year, self.occurrences_per_year_low,
             self.occurrences_per_year_high),
        ):  # fmt: skip
            if low is None and high is None:
                continue
            if value is None or low is None or high is None or not low <= value <= high:
                raise ValueError(f"an interval of {figure} needs the figure, both ends, and low <= figure <= high")
        return self


DEFAULT_OUTCOMES: tuple[Outcome, ...] = (
    Outcome(key="reduce_reoffending", name="Reduce reoffending", weight=1.0),
    Outcome(key="protect_public", name="Protect the public", weight=1.0),
    Outcome(key="deliver_sentence", name="Deliver the sentence of the court", weight=1.0),
    Outcome(key="support_victims", name="Support victims", weight=1.0),
    Outcome(key="value_for_money", name="Value for money and accountability", weight=1.0),
)


class Catalogue(BaseModel):
    """Everything the audit reads: the whole catalogue held in memory."""

    model_config = ConfigDict(extra="forbid")

    directives: list[Directive] = Field(default_factory=list)
    requirements: list[Requirement] = Field(default_factory=list)
    staff_grades: list[StaffGrade] = Field(default_factory=list)
    trusts: list[Trust] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)
    relevance_scores: list[RelevanceScore] = Field(default_factory=list)
    local_measurements: list[LocalMeasurement] = Field(default_factory=list)
    drivers: list[VolumeDriver] = Field(default_factory=list)
    driver_volumes: list[DriverVolume] = Field(default_factory=list)
