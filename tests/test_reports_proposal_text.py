"""Every proposal id in the reports comes with its requirement's words, and the proposals report explains the
one-in-two-out check (what "new burden" counts and from what) or says there is nothing to compare yet."""

from __future__ import annotations

import pytest

from audit.scenarios import Scenario
from reports import builders
from reports.tables import national_proposals, trust_proposals
from tests.audit_fixtures import two_trust_catalogue


@pytest.fixture(scope="module")
def ctx():
    return builders.prepare(two_trust_catalogue())


def texts(ctx) -> dict[str, str]:
    req = ctx.result.burden.requirements
    return dict(zip(req["requirement"], req["text"], strict=True))


def test_the_proposal_tables_give_each_requirements_text_beside_its_id(ctx) -> None:
    words = texts(ctx)
    for table in (national_proposals(ctx.result), trust_proposals(ctx.result, "A")):
        for row in table.frame.itertuples():
            assert row.label.startswith(f"{row.action_label}: ") and words[row.target] in row.label, row.label


def test_the_proposals_report_names_each_requirement_in_its_decisions_table(ctx) -> None:
    report = builders.proposals_report(ctx, Scenario("Spring", "", "ann", "2026-11-01", {"remove:R2": "accepted"}))
    decisions = next(t for t in report.tables() if t.key == "decisions").frame.set_index("id")
    assert texts(ctx)["R2"] in decisions.loc["remove:R2", "label"]


def test_an_empty_scenarios_report_says_there_is_nothing_to_compare(ctx) -> None:
    report = builders.proposals_report(ctx, Scenario("Empty", "", "ann", "2026-11-01", {}))
    words = " ".join(report.summary)
    assert "nothing to compare" in words and "so the scenario fails" not in words
    section = next(s for s in report.sections if s.key == "one_in_two_out")
    text = " ".join(str(getattr(block, "text", "")) for block in section.blocks)
    assert "New burden ('ins') counts the yearly cost" in text and "the 1 requirement of the 1 directive" in text
