"""Scenarios: named sets of accepted and rejected proposals, stored in the database, and their effect.

A scenario's result is computed, never stored: from the audit (catalogue + policy) and the ids of its
accepted proposals. Each accepted proposal keeps a fraction of its target requirement's burden; the
fractions multiply, so accepting a proposal never raises the burden. Ids the current audit no longer
produces (the catalogue changed) are listed in ``missing`` and have no effect.

Officer-equivalents released = FTE saved (central, low-high). Projected share of staff time with offenders
= the starting share (``policy.direct_contact_share``, 24% of PO/PSO time: NOMS Dec 2008, domain-facts.md §6)
+ FTE released in the grades of ``policy.direct_contact_grades`` (po, pso; all grades when empty or when the
catalogue has none of them) / staff FTE of those grades, capped at 100%. The assumption: every hour released
goes to work with offenders; it is an upper bound, not a forecast.

One-in-two-out (:func:`audit.stock.one_in_two_out`): "ins" = the annual cost (central) of requirements whose
directives took effect in the ``familiarisation_window_months`` to the audit date (the year's new burden),
plus any rise the scenario causes (none by construction); "outs" = the scenario's annual cost saving
(central). The scenario passes when outs >= ``policy.one_in_two_out_ratio`` (2) x ins. Its explanation
(:class:`OneInTwoOutExplanation`) says in words what the ins and outs count and from which requirements, and says
"nothing to compare" while the scenario accepts no proposal (there are no outs yet to set against the ins).

Public API (storage: tables ``scenarios`` and ``scenario_proposals``; every write in ``db.atomic()`` and recorded
in the change history)

- :func:`create_scenario(db, name, *, actor, description="") -> Scenario`
- :func:`get_scenario(db, name) -> Scenario`, :func:`list_scenarios(db) -> list[Scenario]`
- :func:`decide(db, name, proposal_ids, decision, *, actor) -> Scenario` (decision ``accepted`` |
  ``rejected`` | ``undecided``); :func:`accept` and :func:`reject` are shorthands.
- :func:`delete_scenario(db, name, *, actor) -> None`
- :func:`evaluate_scenario(result, accepted_ids) -> ScenarioResult` with ``by_trust`` (``trust``, ``before_*``,
  ``after_*``, ``saving_*`` for ``hours/fte/cost`` x ``low/central/high``, ``direct_contact_share_before``,
  ``direct_contact_share_after``), ``national`` (the same keys as one dict, plus ``officer_equivalents_released``,
  ``saving_share``), ``by_action`` (``action, proposals, saving_*``), ``one_in_two_out``, ``accepted``, ``missing``,
  ``one_in_two_out_explained`` (:class:`OneInTwoOutExplanation`: ``verdict``, ``headline``, ``ins``, ``outs``,
  ``new_requirements`` with ``requirement, text, directive, directive_title, directive_start, cost_central``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from sqlite_utils import Database

from audit.burden import LEVELS, MEASURES, SUM_COLUMNS, Burden, trust_sums
from audit.errors import ScenarioError
from audit.proposals import keep_factors
from audit.stock import OneInTwoOut, months_before, one_in_two_out

if TYPE_CHECKING:
    from audit.engine import AuditResult

ACCEPTED = "accepted"
REJECTED = "rejected"
UNDECIDED = "undecided"
DECISIONS = (ACCEPTED, REJECTED, UNDECIDED)


@dataclass(frozen=True)
class Scenario:
    """A named scenario and its decisions (proposal id -> accepted | rejected)."""

    name: str
    description: str
    created_by: str
    created_at: str
    decisions: dict[str, str] = field(default_factory=dict)

    @property
    def accepted(self) -> list[str]:
        return sorted(k for k, v in self.decisions.items() if v == ACCEPTED)

    @property
    def rejected(self) -> list[str]:
        return sorted(k for k, v in self.decisions.items() if v == REJECTED)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "created_by": self.created_by,
            "created_at": self.created_at,
            "accepted": self.accepted,
            "rejected": self.rejected,
        }


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _record(db: Database, **kwargs: Any) -> None:
    from catalogue.history import record_change

    record_change(db, entity="scenario", **kwargs)


def create_scenario(db: Database, name: str, *, actor: str, description: str = "") -> Scenario:
    """Create an empty scenario; refuse a blank or existing name."""
    name = name.strip()
    if not name:
        raise ScenarioError("a scenario needs a name")
    with db.atomic():
        if db.execute("SELECT 1 FROM scenarios WHERE name = ?", [name]).fetchone():
            raise ScenarioError(f"scenario {name!r} already exists")
        row = {"name": name, "description": description, "created_by": actor, "created_at": _now()}
        db.table("scenarios").insert(row)
        _record(db, actor=actor, entity_id=name, action="create", new=row)
    return get_scenario(db, name)


def get_scenario(db: Database, name: str) -> Scenario:
    """Return the scenario called ``name`` with its decisions."""
    found = db.execute(
        "SELECT name, description, created_by, created_at FROM scenarios WHERE name = ?", [name]
    ).fetchone()
    if not found:
        raise ScenarioError(f"no scenario called {name!r}")
    decisions = dict(
        db.execute(
            "SELECT proposal_id, decision FROM scenario_proposals WHERE scenario = ? ORDER BY proposal_id", [name]
        ).fetchall()
    )
    return Scenario(found[0], found[1] or "", found[2] or "", found[3] or "", decisions)


def list_scenarios(db: Database) -> list[Scenario]:
    """Return every scenario, by name."""
    names = [row[0] for row in db.execute("SELECT name FROM scenarios ORDER BY name").fetchall()]
    return [get_scenario(db, n) for n in names]


def decide(
    db: Database,
    name: str,
    proposal_ids: list[str],
    decision: str,
    *,
    actor: str,
    proposals: Collection[str] | None = None,
) -> Scenario:
    """Record ``decision`` for each proposal id in scenario ``name`` (``undecided`` clears it).

    With ``proposals`` (the current audit's ids, as the command line and the Scenarios page pass them), accepting
    or rejecting an id outside them is refused; clearing is not, so a decision on a proposal the audit no longer
    makes can still go.
    """
    if decision not in DECISIONS:
        raise ScenarioError(f"decision must be one of {', '.join(DECISIONS)}")
    ids = sorted({p.strip() for p in proposal_ids if p.strip()})
    if not ids:
        raise ScenarioError("name at least one proposal id")
    if decision != UNDECIDED and proposals is not None:
        known = set(proposals)
        unknown = [pid for pid in ids if pid not in known]
        if unknown:
            raise ScenarioError(
                f"unknown proposal id(s): {', '.join(unknown)}; the current proposals are listed by "
                "'proportion proposals' and on the Proposals page"
            )
    with db.atomic():
        before = get_scenario(db, name)
        for pid in ids:
            if decision == UNDECIDED:
                db.execute("DELETE FROM scenario_proposals WHERE scenario = ? AND proposal_id = ?", [name, pid])
            else:
                db.table("scenario_proposals").upsert(
                    {
                        "scenario": name,
                        "proposal_id": pid,
                        "decision": decision,
                        "decided_by": actor,
                        "decided_at": _now(),
                    },
                    pk=("scenario", "proposal_id"),
                )
            _record(
                db,
                actor=actor,
                entity_id=f"{name}/{pid}",
                action=decision,
                old=before.decisions.get(pid),
                new=None if decision == UNDECIDED else decision,
            )
    return get_scenario(db, name)


def accept(db: Database, name: str, proposal_ids: list[str], *, actor: str) -> Scenario:
    """Mark proposals as accepted in scenario ``name``."""
    return decide(db, name, proposal_ids, ACCEPTED, actor=actor)


def reject(db: Database, name: str, proposal_ids: list[str], *, actor: str) -> Scenario:
    """Mark proposals as rejected in scenario ``name``."""
    return decide(db, name, proposal_ids, REJECTED, actor=actor)


def delete_scenario(db: Database, name: str, *, actor: str) -> None:
    """Delete a scenario and its decisions."""
    with db.atomic():
        old = get_scenario(db, name)
        db.execute("DELETE FROM scenario_proposals WHERE scenario = ?", [name])
        db.execute("DELETE FROM scenarios WHERE name = ?", [name])
        _record(db, actor=actor, entity_id=name, action="delete", old=old.as_dict())


NOTHING_TO_COMPARE = "nothing to compare"
NEW_REQUIREMENT_COLUMNS = ["requirement", "text", "directive", "directive_title", "directive_start", "cost_central"]


@dataclass(frozen=True, eq=False)
class OneInTwoOutExplanation:
    """The one-in-two-out check in words: its verdict, what the ins and the outs count, and the new requirements."""

    verdict: str  # "passes" | "fails" | NOTHING_TO_COMPARE
    headline: str
    ins: str
    outs: str
    new_requirements: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=NEW_REQUIREMENT_COLUMNS))


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _pounds(value: float) -> str:
    return f"£{value:,.0f}"


def explain_one_in_two_out(
    check: OneInTwoOut,
    new_requirements: pd.DataFrame,
    *,
    accepted: int,
    rise: float,
    since: dt.date,
    until: dt.date,
    window_months: int,
) -> OneInTwoOutExplanation:
    """Return the check ``check`` explained: what "new burden" (ins) and "burden removed" (outs) count, from what.

    ``new_requirements`` are the requirements added in the window (``since`` exclusive, ``until`` inclusive),
    ``accepted`` the number of proposals the scenario accepts and ``rise`` any burden the scenario adds.
    """
    n = len(new_requirements)
    directives = new_requirements["directive"].nunique() if n else 0
    new_cost = float(new_requirements["cost_central"].sum()) if n else 0.0
    window = f"the {window_months} months after {_day(since)} up to the audit date, {_day(until)}"
    if n:
        ins = (
            f"New burden ('ins') counts the yearly cost (central estimate) of the requirements added after the "
            f"baseline: the {n} requirement{'s' if n != 1 else ''} of the {directives} "
            f"directive{'s' if directives != 1 else ''} that took effect in {window}, {_pounds(new_cost)} a year."
        )
    else:
        ins = (
            f"New burden ('ins') counts the yearly cost of the requirements whose directives took effect in {window}: "
            "the catalogue has none, so there is no new burden."
        )
    ins += (
        f" The scenario itself adds {_pounds(rise)} a year."
        if rise > 0
        else " The scenario adds none itself: accepting a proposal never raises a burden."
    )
    if accepted:
        outs = (
            f"Burden removed ('outs') is the yearly saving (central estimate) of the {accepted} "
            f"proposal{'s' if accepted != 1 else ''} the scenario accepts, together: "
            f"{_pounds(check.outs_cost)} a year. "
            f"The rule asks for at least {check.ratio_required:g} times the new burden, "
            f"{_pounds(check.ratio_required * check.ins_cost)} a year."
        )
    else:
        outs = "Burden removed ('outs') is the yearly saving of the proposals the scenario accepts: none yet."
    if not accepted:
        verdict = NOTHING_TO_COMPARE
        headline = (
            "One-in-two-out: nothing to compare yet. The scenario accepts no proposal, so no saving is set against "
            + (
                f"the new burden of {_pounds(check.ins_cost)} a year."
                if check.ins_cost > 0
                else "anything, and no new burden arose in the window either."
            )
        )
    elif check.ins_cost <= 0:
        verdict = "passes"
        headline = (
            f"One-in-two-out: passes, with nothing to offset. No requirement was added in the window, so the saving of "
            f"{_pounds(check.outs_cost)} a year has no new burden to match."
        )
    else:
        verdict = "passes" if check.passes else "fails"
        headline = (
            f"One-in-two-out: {verdict}. The scenario removes {_pounds(check.outs_cost)} a year against "
            f"{_pounds(check.ins_cost)} a year of new burden ({check.ratio:,.1f} : 1; at least "
            f"{check.ratio_required:g} : 1 needed)."
        )
        if not check.passes:
            shortfall = check.ratio_required * check.ins_cost - check.outs_cost
            headline += f" It needs {_pounds(shortfall)} a year more saving to pass."
    return OneInTwoOutExplanation(verdict, headline, ins, outs, new_requirements.reset_index(drop=True))


@dataclass(frozen=True, eq=False)
class ScenarioResult:
    """Burden before and after a scenario's accepted proposals, per trust and nationally."""

    accepted: list[str]
    missing: list[str]
    by_trust: pd.DataFrame
    national: dict[str, Any]
    by_action: pd.DataFrame
    one_in_two_out: OneInTwoOut
    one_in_two_out_explained: OneInTwoOutExplanation | None = None


def _scope(burden: Burden, grades: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Return (requirement in scope [R] as float, staff FTE in scope per trust [T])."""
    req_grades = burden.requirements["grade"].to_numpy()
    staff = burden.staff
    if grades and not staff["grade"].isin(grades).any():
        grades = ()  # none of the named grades exists in this catalogue: fall back to all staff
    if grades:
        in_scope = np.isin(req_grades, list(grades)).astype(float)
        staff = staff[staff["grade"].isin(grades)]
    else:
        in_scope = np.ones(len(req_grades))
    per_trust = staff.groupby("trust")["fte"].sum()
    return in_scope, burden.trusts["trust"].map(per_trust).fillna(0.0).to_numpy(dtype=float)


def evaluate_scenario(result: AuditResult, accepted_ids: list[str] | set[str]) -> ScenarioResult:
    """Return the burden before and after applying the accepted proposals to the audit ``result``."""
    burden, policy, proposals = result.burden, result.policy, result.proposals
    known = set(proposals["id"])
    accepted = sorted(set(accepted_ids) & known)
    missing = sorted(set(accepted_ids) - known)
    keep = keep_factors(burden, proposals, accepted)
    before = burden.by_trust
    after = trust_sums(burden, keep)
    in_scope, scope_staff = _scope(burden, policy.direct_contact_grades)
    released = trust_sums(burden, (1 - keep) * in_scope)["fte_central"].to_numpy()

    out = pd.DataFrame({"trust": before["trust"].to_numpy()})
    for c in SUM_COLUMNS:
        out[f"before_{c}"] = before[c].to_numpy()
        out[f"after_{c}"] = after[c].to_numpy()
        out[f"saving_{c}"] = out[f"before_{c}"] - out[f"after_{c}"]
    share0 = policy.direct_contact_share
    out["direct_contact_share_before"] = share0
    with np.errstate(divide="ignore", invalid="ignore"):
        gain = np.where(scope_staff > 0, released / scope_staff, 0.0)
    out["direct_contact_share_after"] = np.minimum(1.0, share0 + gain)

    national: dict[str, Any] = {
        c: float(out[c].sum())
        for c in out.columns
        if c.split("_")[0] in ("before", "after", "saving") and c.split("_")[1] in MEASURES
    }
    national["officer_equivalents_released"] = {x: national[f"saving_fte_{x}"] for x in LEVELS}
    national["saving_share"] = (
        national["saving_hours_central"] / national["before_hours_central"] if national["before_hours_central"] else 0.0
    )
    total_scope = float(scope_staff.sum())
    national["direct_contact_share_before"] = share0
    national["direct_contact_share_after"] = (
        min(1.0, share0 + float(released.sum()) / total_scope) if total_scope > 0 else share0
    )
    national["direct_contact_assumption"] = (
        f"starts from {share0:.0%} of staff time in direct contact with offenders "
        f"({policy.provenance['direct_contact_share'].describe()}); assumes every hour released goes to "
        "work with offenders, so it is an upper bound"
    )

    chosen = proposals[proposals["id"].isin(accepted)]
    by_action = chosen.groupby("action")[[f"saving_{c}" for c in SUM_COLUMNS]].sum()
    by_action.insert(0, "proposals", chosen.groupby("action").size())
    by_action = by_action.reset_index()

    req = burden.requirements
    since = pd.Timestamp(months_before(policy.audit_date, policy.familiarisation_window_months))
    new = (req["directive_start"] > since) & (req["directive_start"] <= pd.Timestamp(policy.audit_date))
    added = req.loc[new.to_numpy(), NEW_REQUIREMENT_COLUMNS]
    rise = float(np.clip(out["after_cost_central"] - out["before_cost_central"], 0, None).sum())
    ins = float(added["cost_central"].sum()) + rise
    check = one_in_two_out(ins, national["saving_cost_central"], policy.one_in_two_out_ratio)
    explained = explain_one_in_two_out(
        check,
        added.sort_values(["cost_central", "requirement"], ascending=[False, True], kind="mergesort"),
        accepted=len(accepted),
        rise=rise,
        since=since.date(),
        until=policy.audit_date,
        window_months=policy.familiarisation_window_months,
    )
    return ScenarioResult(accepted, missing, out, national, by_action, check, explained)
