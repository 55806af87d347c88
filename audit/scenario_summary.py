"""Typed results of scenarios and of the stock of requirements: the JSON contracts of ``proportion scenario``
and ``proportion stock``.

``scenario_summary(scenario, evaluation)``, ``scenario_records(scenarios)`` and ``stock_summary(catalogue, on)``
return pydantic models; ``model_dump_json()`` is exactly what ``proportion scenario show NAME --json``,
``proportion scenario list --json`` and ``proportion stock --json`` print, and ``proportion schema`` prints their
JSON Schema. A missing figure is ``None``, never NaN.

>>> import datetime as dt
>>> from catalogue.models import Catalogue
>>> stock_summary(Catalogue(), dt.date(2011, 3, 31)).requirements_in_force
0
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, RootModel

from audit.burden import LEVELS, MEASURES
from audit.scenarios import Scenario, ScenarioResult
from audit.stock import directives_in_force, requirements_in_force, stock_and_flow, undated_removals
from audit.summary import Contract, Measures, Number, Range, Whole
from catalogue.models import Catalogue


class ScenarioRecord(Contract):
    """A stored scenario: its name, who made it and when, and the proposal ids it accepts and rejects."""

    name: str
    description: str
    created_by: str
    created_at: str
    accepted: list[str]
    rejected: list[str]


class ScenarioList(RootModel[list[ScenarioRecord]]):
    """What ``proportion scenario list --json`` prints: every stored scenario, by name."""

    model_config = ConfigDict(frozen=True)


class ScenarioNational(Contract):
    """The national burden before and after a scenario, and what it releases."""

    before: Measures
    after: Measures
    saving: Measures
    saving_share: Number = Field(description="the saving's share of the central hours before")
    officer_equivalents_released: Range = Field(description="FTE released, low to high")
    direct_contact_share_before: Number
    direct_contact_share_after: Number = Field(description="an upper bound: every hour released goes to offenders")
    direct_contact_assumption: str


class OneInTwoOutCheck(Contract):
    """The one-in-two-out test: the cost removed ("outs") against the cost added ("ins") a year."""

    ins_cost: float
    outs_cost: float
    ratio: Number = Field(description="outs over ins; null when nothing came in")
    ratio_required: float
    passes: bool


class ActionSaving(Contract):
    """The accepted proposals of one action and their saving."""

    action: str
    proposals: int
    saving: Measures


class ScenarioTrust(Contract):
    """One trust's burden before and after a scenario."""

    trust: str
    before: Measures
    after: Measures
    saving: Measures
    direct_contact_share_after: Number


class ScenarioSummary(ScenarioRecord):
    """What ``proportion scenario show NAME --json`` prints."""

    missing: list[str] = Field(description="accepted ids the current audit no longer produces (no effect)")
    national: ScenarioNational
    one_in_two_out: OneInTwoOutCheck
    by_action: list[ActionSaving]
    trusts: list[ScenarioTrust]


class StockYear(Contract):
    """Requirements (and directives) in force at the start and end of one financial year, and the flow."""

    year: str = Field(description='the financial year, "2010-11"')
    stock_start: Whole
    added: Whole
    removed: Whole
    stock_end: Whole
    directives_added: Whole
    directives_removed: Whole


class StockSummary(Contract):
    """What ``proportion stock --json`` prints."""

    on: str = Field(description="the date counted, YYYY-MM-DD")
    requirements_in_force: int
    directives_in_force: int
    years: list[StockYear]
    undated_removals: list[str] = Field(description="directives no longer in force with no end date (not counted)")


def _ranges(row: Any, prefix: str = "") -> dict[str, dict[str, Any]]:
    return {m: {x: row[f"{prefix}{m}_{x}"] for x in LEVELS} for m in MEASURES}


def scenario_record(scenario: Scenario) -> ScenarioRecord:
    """Return a stored scenario as its typed record."""
    return ScenarioRecord.model_validate(scenario.as_dict())


def scenario_records(scenarios: list[Scenario]) -> ScenarioList:
    """Return the stored scenarios as the typed list ``proportion scenario list --json`` prints."""
    return ScenarioList([scenario_record(s) for s in scenarios])


def scenario_summary(scenario: Scenario, evaluation: ScenarioResult) -> ScenarioSummary:
    """Return the typed summary of a scenario: the burden before and after it, nationally, by action and by trust."""
    nat = evaluation.national
    return ScenarioSummary.model_validate(
        {
            **scenario.as_dict(),
            "missing": evaluation.missing,
            "national": {
                "before": _ranges(nat, "before_"),
                "after": _ranges(nat, "after_"),
                "saving": _ranges(nat, "saving_"),
                "saving_share": nat["saving_share"],
                "officer_equivalents_released": nat["officer_equivalents_released"],
                "direct_contact_share_before": nat["direct_contact_share_before"],
                "direct_contact_share_after": nat["direct_contact_share_after"],
                "direct_contact_assumption": nat["direct_contact_assumption"],
            },
            "one_in_two_out": evaluation.one_in_two_out.as_dict(),
            "by_action": [
                {"action": r["action"], "proposals": r["proposals"], "saving": _ranges(r, "saving_")}
                for r in evaluation.by_action.to_dict("records")
            ],
            "trusts": [
                {
                    "trust": r["trust"],
                    "before": _ranges(r, "before_"),
                    "after": _ranges(r, "after_"),
                    "saving": _ranges(r, "saving_"),
                    "direct_contact_share_after": r["direct_contact_share_after"],
                }
                for r in evaluation.by_trust.to_dict("records")
            ],
        }
    )


def stock_summary(catalogue: Catalogue, on: dt.date) -> StockSummary:
    """Return the requirements and directives in force on ``on`` and the stock and flow of every financial year."""
    return StockSummary.model_validate(
        {
            "on": on.isoformat(),
            "requirements_in_force": requirements_in_force(catalogue, on),
            "directives_in_force": len(directives_in_force(catalogue, on)),
            "years": stock_and_flow(catalogue).to_dict("records"),
            "undated_removals": undated_removals(catalogue),
        }
    )


CONTRACTS: tuple[type[BaseModel], ...] = (ScenarioSummary, ScenarioList, StockSummary)
