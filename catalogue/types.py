"""Reusable constrained types and vocabularies for the catalogue models.

Enumerations store short machine values (what goes into SQLite and files); ``LABELS``
gives the words people read.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints


class DirectiveType(StrEnum):
    """Kind of central directive."""

    PROBATION_INSTRUCTION = "Probation Instruction"
    PROBATION_CIRCULAR = "Probation Circular"
    NATIONAL_STANDARDS = "National Standards"
    SERVICE_SPECIFICATION = "Service Specification"
    PERFORMANCE_FRAMEWORK = "Performance Framework"
    DATA_RETURN = "Data Return"
    INSPECTION = "Inspection"
    LEGISLATION = "Legislation"
    GUIDANCE = "Guidance"
    OTHER = "Other"


class DirectiveStatus(StrEnum):
    """Whether a directive still binds trusts."""

    IN_FORCE = "in force"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    SUPERSEDED = "superseded"


class LegalForce(StrEnum):
    """How strongly a directive binds, strongest first."""

    STATUTE = "statute"
    STATUTORY_INSTRUMENT = "statutory instrument"
    MANDATORY_INSTRUCTION = "mandatory instruction"
    GUIDANCE = "guidance"


class Modality(StrEnum):
    """Deontic force of a requirement's wording, spelt with underscores (``must_not``) everywhere it is stored.

    The older spelling with a space ("must not") is still read, so files and databases written before stay valid.
    """

    MUST = "must"
    SHOULD = "should"
    MUST_NOT = "must_not"
    SHOULD_NOT = "should_not"

    @classmethod
    def _missing_(cls, value: object) -> Modality | None:
        if isinstance(value, str):
            spelt = "_".join(value.strip().lower().replace("-", " ").split())
            return next((member for member in cls if member.value == spelt), None)
        return None


class Purpose(StrEnum):
    """Where a requirement sits in the input -> outcome chain."""

    INPUT = "input"
    PROCESS = "process"
    OUTPUT = "output"
    OUTCOME = "outcome"


class Activity(StrEnum):
    """Standard Cost Model administrative activity."""

    FAMILIARISATION = "familiarisation"
    INFORMATION_GATHERING = "information_gathering"
    RECORDING = "recording"
    ASSESSMENT = "assessment"
    REPORTING = "reporting"
    MEETING = "meeting"
    SIGN_OFF = "sign_off"
    INSPECTION = "inspection"
    TRAINING = "training"
    PLANNING = "planning"


class Driver(StrEnum):
    """The five built-in volumes a requirement's occurrences scale with in each trust (read from the trust's figures).

    A catalogue may define more drivers as data (:class:`catalogue.models.VolumeDriver`), each trust's volume of it
    given with its provenance; a requirement names either kind by its key.
    """

    PER_CASE = "per_case"
    PER_COMMENCEMENT = "per_commencement"
    PER_REPORT = "per_report"
    PER_STAFF_FTE = "per_staff_fte"
    PER_TRUST = "per_trust"


class ProvenanceKind(StrEnum):
    """Whether a figure is cited from a source, derived by a stated formula from cited figures, or estimated."""

    CITATION = "citation"
    DERIVED = "derived"
    ESTIMATE = "estimate"

    @property
    def label(self) -> str:
        """Return the kind as tables show it: "cited", "derived" or "estimate"."""
        return {"citation": "cited", "derived": "derived", "estimate": "estimate"}[self.value]


class KindOfWork(StrEnum):
    """What a requirement asks for: administrative process, or prescribed practice with offenders.

    Administrative process is recording, returns, forms, sign-off and assessments written for the centre: the
    Standard Cost Model's administrative burden. Prescribed practice is how the work with offenders is done
    (contact frequencies, timescales for seeing people): reported beside the burden, never inside it.
    """

    ADMINISTRATIVE = "administrative"
    PRESCRIBED_PRACTICE = "prescribed_practice"
    OTHER = "other"


LABELS: dict[str, str] = {
    Modality.MUST_NOT: "must not",
    Modality.SHOULD_NOT: "should not",
    Activity.FAMILIARISATION: "Familiarisation",
    Activity.INFORMATION_GATHERING: "Information gathering",
    Activity.RECORDING: "Recording",
    Activity.ASSESSMENT: "Assessment",
    Activity.REPORTING: "Reporting / data return",
    Activity.MEETING: "Meeting",
    Activity.SIGN_OFF: "Sign-off",
    Activity.INSPECTION: "Inspection / audit",
    Activity.TRAINING: "Training",
    Activity.PLANNING: "Planning",
    Driver.PER_CASE: "per case supervised",
    Driver.PER_COMMENCEMENT: "per commencement",
    Driver.PER_REPORT: "per report prepared",
    Driver.PER_STAFF_FTE: "per staff FTE",
    Driver.PER_TRUST: "per trust",
    KindOfWork.ADMINISTRATIVE: "Administrative process",
    KindOfWork.PRESCRIBED_PRACTICE: "Prescribed practice",
    KindOfWork.OTHER: "Other",
}


def label(value: str) -> str:
    """Return the human label of a vocabulary value (the value itself when it has none)."""
    return LABELS.get(value, str(value))


_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def _check_partial_date(value: str) -> str:
    if not _PARTIAL_DATE.match(value):
        raise ValueError("must be a date written YYYY, YYYY-MM or YYYY-MM-DD")
    parse_partial_date(value)  # rejects 2010-02-30
    return value


def parse_partial_date(value: str) -> dt.date:
    """Return the first day a partial date ("2010", "2010-04", "2010-04-01") can mean."""
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    try:
        return dt.date(parts[0], parts[1], parts[2])
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date") from exc


NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Reference = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=60)]
RequirementId = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$")]
Code = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9_]{0,39}$")]
_DRIVER_KEY = re.compile(r"^[a-z0-9][a-z0-9_]{0,39}$")


def _check_driver_key(value: str) -> str:
    value = value.strip()
    if not _DRIVER_KEY.match(value):
        raise ValueError("a driver is named by its key: lower-case letters, digits and underscores, such as per_case")
    return value


# A built-in driver (:class:`Driver`) or the key of one the catalogue defines; which keys exist is checked against
# the whole catalogue (catalogue.tables.reference_problems), since a requirement alone cannot know.
DriverKey = Annotated[str, AfterValidator(_check_driver_key)]
BUILT_IN_DRIVERS: frozenset[str] = frozenset(d.value for d in Driver)
PartialDate = Annotated[str, AfterValidator(_check_partial_date)]
# Figures must be finite: "inf" or "nan" in a file would otherwise pass a ">= 0" check and print as
# Infinity, which is not JSON.
Minutes = Annotated[float, Field(ge=0, le=100_000, allow_inf_nan=False)]
PerYear = Annotated[float, Field(ge=0, le=1_000_000, allow_inf_nan=False)]
Count = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Money = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
Score = Annotated[int, Field(ge=0, le=3)]
Weight = Annotated[float, Field(ge=0, le=100)]
