"""The audit policy: every rate, date and threshold the audit uses, each with its provenance.

Public API

- :class:`Policy`: frozen pydantic model (``extra="forbid"``); ``Policy()`` gives the defaults.
  ``policy.provenance[field]`` says where each value comes from; ``policy.with_values(actor=..., reason=...,
  **changes)`` returns a changed copy whose changed values are marked as the user's estimates.
- :func:`load_policy` / :func:`save_policy` / :func:`reset_policy`: the policy in the ``settings`` table
  (key ``audit.policy``, JSON), falling back to the defaults.
- :func:`describe_policy`: one row per value (name, value, source) for tables and reports.

>>> Policy().overhead_rate
0.25
>>> changed = Policy().with_values(overhead_rate=0.3, actor="analyst", reason="sensitivity")
>>> changed.provenance["overhead_rate"].describe()
'Estimate: set by analyst: sensitivity'

"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from sqlite_utils import Database

from audit.errors import PolicyProblems
from catalogue.models import Provenance
from catalogue.types import Activity, Code, RequirementId, Share, Weight

SETTING_KEY = "audit.policy"

_DOMAIN = "../shared/reference/domain-facts.md"
_METHODS = "../shared/reference/methods.md"

DEFAULT_PROVENANCE: dict[str, Provenance] = {
    "audit_date": Provenance.estimate(
        "convention: 31 March 2011, the end of 2010-11, the probation trusts' first full financial year"
    ),
    "overhead_rate": Provenance.estimate(
        "Standard Cost Model convention of a 25% overhead on labour cost; UNVERIFIED, not confirmed in any "
        "retrieved source (methods.md §1.5); vary it (the Eurostat flat rate is 30%)"
    ),
    "productive_hours_override": Provenance.estimate(
        "none set: each staff grade's own productive hours a year are used"
    ),
    "bau_share": Provenance.estimate(
        "business-as-usual share 0 for every requirement until a trust shows it would do the work anyway "
        "(BAU netting: methods.md §1.4)"
    ),
    "familiarisation_window_months": Provenance.estimate(
        "directives issued in the 12 months to the audit date count as new in the audit year"
    ),
    "familiarisation_minutes_low": Provenance.cite(
        _METHODS, "§1.3, Zeitwerttabelle Verwaltung row 1 'einfach'", note="2 minutes per person (OCR of a FOI copy)"
    ),
    "familiarisation_minutes_central": Provenance.cite(
        _METHODS, "§1.3, Zeitwerttabelle Verwaltung row 1 'mittel'", note="35 minutes per person (OCR of a FOI copy)"
    ),
    "familiarisation_minutes_high": Provenance.cite(
        _METHODS, "§1.3, Zeitwerttabelle Verwaltung row 1 'hoch'", note="413 minutes per person (OCR of a FOI copy)"
    ),
    "direct_contact_share": Provenance.cite(
        _DOMAIN,
        "§6, NOMS report December 2008",
        address="http://www.techeye.net/business/probation-officers-spend-41-percent-of-time-sat-by-pc",
        note="24% of PO/PSO time in direct contact with offenders",
    ),
    "direct_contact_grades": Provenance.cite(
        _DOMAIN,
        "§6, NOMS report December 2008",
        note="the 24% is a share of PO/PSO time, so it applies to grades po and pso (all grades if neither exists)",
    ),
    "outcome_weights": Provenance.estimate("none set: the catalogue's own outcome weights are used"),
    "relevance_peak_weight": Provenance.estimate(
        "composite = 70% strongest weighted outcome score + 30% weighted mean, so a requirement that serves "
        "one outcome directly is not rated low because it serves only one"
    ),
    "remove_max_relevance": Provenance.estimate(
        "below 0.30 no outcome is served more than weakly (score 1); basis: Red Tape Challenge reverse "
        "burden of proof (methods.md §4.2)"
    ),
    "reduce_max_relevance": Provenance.estimate("0.30-0.60 is 'moderate' relevance: at best a partial contribution"),
    "reduce_min_occurrences": Provenance.estimate(
        "only requirements recurring at least twice a year per unit can be made less frequent"
    ),
    "reduce_divisor": Provenance.estimate(
        "at least halve the frequency, to the next standard period (monthly -> quarterly); precedent: PC 24/2004 "
        "cut monthly NS monitoring (domain-facts.md §1)"
    ),
    "reduce_activities": Provenance.estimate("returns, reviews and meetings, as the issue's rule names them"),
    "simplify_activities": Provenance.estimate("recording, sign-off and evidence-gathering steps"),
    "simplify_min_minutes": Provenance.estimate("a step of 20 minutes or more each time is 'heavy'"),
    "simplify_min_relevance": Provenance.estimate("purpose is sound when relevance is at least moderate (0.30)"),
    "simplify_saving_share": Provenance.estimate(
        "40% of the time saved, by analogy with the stop-and-search record cut from 12 to 7 items "
        "(methods.md §1b); not a probation measurement"
    ),
    "devolve_min_relevance": Provenance.estimate("only requirements that serve an outcome are devolved, not removed"),
    "devolve_saving_share": Provenance.estimate(
        "25%: trusts keep most of the work but may drop it for low-risk cases (Hampton, methods.md §4.1)"
    ),
    "replace_saving_share": Provenance.estimate(
        "50%: an outcome measure drawn from existing data replaces half the local counting"
    ),
    "merge_min_similarity": Provenance.estimate(
        "cosine similarity of TF-IDF word vectors of 0.5 or more, same activity, different directives"
    ),
    "merge_saving_share": Provenance.estimate(
        "80% of the smaller duplicate's burden is saved; the rest goes on the merged requirement"
    ),
    "allow_legislative_proposals": Provenance.estimate(
        "off: statutory requirements are not proposed for removal; when on, such proposals carry 'needs legislation'"
    ),
    "one_in_two_out_ratio": Provenance.cite(
        _METHODS,
        "§1c, One-in, Two-out (from Jan 2013)",
        address="http://govtracker.co.uk/promise.php?id=15",
        note="£2 of savings for every £1 of cost imposed",
    ),
    "reduction_target": Provenance.cite(
        _METHODS, "§0.4 and §1.6-1.8", note="25% net reduction target used by NL 2003-07, UK 2005-10, EU 2007-12"
    ),
}


class Policy(BaseModel):
    """Every setting of the audit, frozen; ``provenance`` maps each field name to its source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    audit_date: dt.date = dt.date(2011, 3, 31)
    overhead_rate: float = Field(0.25, ge=0, le=5)
    productive_hours_override: float | None = Field(None, gt=0, le=3000)
    bau_share: dict[RequirementId, Share] = Field(default_factory=dict)
    familiarisation_window_months: int = Field(12, ge=0, le=120)
    familiarisation_minutes_low: float = Field(2.0, ge=0)
    familiarisation_minutes_central: float = Field(35.0, ge=0)
    familiarisation_minutes_high: float = Field(413.0, ge=0)
    direct_contact_share: float = Field(0.24, ge=0, le=1)
    direct_contact_grades: tuple[Code, ...] = ("po", "pso")
    outcome_weights: dict[Code, Weight] = Field(default_factory=dict)
    relevance_peak_weight: float = Field(0.7, ge=0, le=1)
    remove_max_relevance: float = Field(0.3, ge=0, le=1)
    reduce_max_relevance: float = Field(0.6, ge=0, le=1)
    reduce_min_occurrences: float = Field(2.0, gt=0)
    reduce_divisor: float = Field(2.0, gt=1)
    reduce_activities: tuple[Activity, ...] = (
        Activity.REPORTING,
        Activity.MEETING,
        Activity.INSPECTION,
        Activity.ASSESSMENT,
    )
    simplify_activities: tuple[Activity, ...] = (
        Activity.RECORDING,
        Activity.SIGN_OFF,
        Activity.INFORMATION_GATHERING,
    )
    simplify_min_minutes: float = Field(20.0, ge=0)
    simplify_min_relevance: float = Field(0.3, ge=0, le=1)
    simplify_saving_share: float = Field(0.4, ge=0, le=1)
    devolve_min_relevance: float = Field(0.3, ge=0, le=1)
    devolve_saving_share: float = Field(0.25, ge=0, le=1)
    replace_saving_share: float = Field(0.5, ge=0, le=1)
    merge_min_similarity: float = Field(0.5, gt=0, le=1)
    merge_saving_share: float = Field(0.8, ge=0, le=1)
    allow_legislative_proposals: bool = False
    one_in_two_out_ratio: float = Field(2.0, gt=0)
    reduction_target: float = Field(0.25, ge=0, le=1)
    provenance: dict[str, Provenance] = Field(default_factory=lambda: dict(DEFAULT_PROVENANCE))

    @model_validator(mode="after")
    def every_value_has_a_source(self) -> Self:
        names = set(type(self).model_fields) - {"provenance"}
        missing = sorted(names - set(self.provenance))
        unknown = sorted(set(self.provenance) - names)
        problems = []
        if missing:
            problems.append(f"no provenance for {', '.join(missing)}")
        if unknown:
            problems.append(f"provenance for unknown settings {', '.join(unknown)}")
        if (
            not self.familiarisation_minutes_low
            <= self.familiarisation_minutes_central
            <= (self.familiarisation_minutes_high)
        ):
            problems.append("familiarisation minutes must satisfy low <= central <= high")
        if self.remove_max_relevance > self.reduce_max_relevance:
            problems.append("remove_max_relevance must not exceed reduce_max_relevance")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def with_values(self, *, actor: str, reason: str = "", **changes: Any) -> Policy:
        """Return a copy with ``changes`` applied; each changed value's provenance names the actor and reason."""
        unknown = sorted(set(changes) - (set(type(self).model_fields) - {"provenance"}))
        if unknown:
            raise PolicyProblems([f"unknown setting {name!r}" for name in unknown])
        provenance = dict(self.provenance)
        for name in changes:
            provenance[name] = Provenance.estimate(f"set by {actor}" + (f": {reason}" if reason else ""))
        data = self.model_dump() | changes | {"provenance": provenance}
        return build_policy(data)

    def is_default(self, name: str) -> bool:
        """True when setting ``name`` still has its default source."""
        return self.provenance.get(name) == DEFAULT_PROVENANCE.get(name)


def build_policy(data: dict[str, Any]) -> Policy:
    """Validate a policy from plain data, raising :class:`PolicyProblems` listing every bad value."""
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        raise PolicyProblems(
            [f"{'.'.join(str(p) for p in err['loc']) or 'policy'}: {err['msg']}" for err in exc.errors()]
        ) from None


def policy_json(policy: Policy) -> dict[str, Any]:
    """Return the policy as JSON-ready data (the form stored in settings)."""
    return policy.model_dump(mode="json")


def load_policy(db: Database) -> Policy:
    """Return the stored policy, or the defaults when none is stored."""
    from catalogue.store import get_setting

    stored = get_setting(db, SETTING_KEY)
    if stored is None:
        return Policy()
    if isinstance(stored, str):  # tolerate a double-encoded value
        stored = json.loads(stored)
    return build_policy(stored)


def save_policy(db: Database, policy: Policy, *, actor: str, reason: str = "") -> None:
    """Store ``policy`` in the settings table (the change is recorded in the history)."""
    from catalogue.store import set_setting

    set_setting(db, SETTING_KEY, policy_json(policy), actor=actor, reason=reason)


def reset_policy(db: Database, *, actor: str, reason: str = "reset to defaults") -> Policy:
    """Remove any stored policy so the defaults apply again; return the defaults."""
    from catalogue.store import set_setting

    set_setting(db, SETTING_KEY, None, actor=actor, reason=reason)
    return Policy()


def describe_policy(policy: Policy) -> list[dict[str, Any]]:
    """Return one row per setting: name, value (JSON form), source, and whether the source is an estimate."""
    data = policy_json(policy)
    rows = []
    for name in type(policy).model_fields:
        if name == "provenance":
            continue
        source = policy.provenance[name]
        rows.append(
            {"setting": name, "value": data[name], "source": source.describe(), "is_estimate": source.is_estimate}
        )
    return rows
