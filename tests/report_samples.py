"""The reports a reader meets, built once per test run from the default data: the national report, one trust's
report and a proposals report with a review's decisions (two accepted, one rejected)."""

from __future__ import annotations

import datetime as dt
import functools

from audit.proposals import actionable
from audit.scenarios import Scenario
from catalogue.dataset import load_default_catalogue
from reports import builders
from reports.model import Report

TODAY = dt.date(2026, 11, 24)
TRUST = "Cheshire Probation Trust"
KINDS = ("national", "trust", "proposals")


def build_reports() -> dict[str, Report]:
    """Build the three reports afresh (a new audit of the default data each time)."""
    ctx = builders.prepare(load_default_catalogue(), None, TODAY)
    ids = actionable(ctx.result.proposals)["id"].tolist()
    decisions = {ids[0]: "accepted", ids[1]: "rejected", ids[2]: "accepted"}
    scenario = Scenario(
        name="First review", description="", created_by="reviewer", created_at="2011-01-10", decisions=decisions
    )
    return {
        "national": builders.national_report(ctx),
        "trust": builders.trust_report(ctx, TRUST),
        "proposals": builders.proposals_report(ctx, scenario),
    }


@functools.cache
def default_reports() -> dict[str, Report]:
    """The three reports, built once and shared by the test modules that only read them."""
    return build_reports()
