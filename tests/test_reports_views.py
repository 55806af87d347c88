"""The app's tables and chart specs, built in reports/ (``catalogue_view``, ``burden_view``, ``policy_view``,
``page_charts``) and only cached by ``app_pages._cache``; checked on the hand-worked two-trust catalogue."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from audit_fixtures import two_trust_catalogue

from audit.engine import run_audit
from audit.policy import Policy
from audit.scenarios import evaluate_scenario
from audit.stock import stock_and_flow
from reports import burden_view, catalogue_view, page_charts, policy_view

CATALOGUE = two_trust_catalogue()
RESULT = run_audit(CATALOGUE)


def _bars(spec: dict) -> list[dict]:
    """Return the data rows a bar chart's spec plots (inline datasets)."""
    return next(iter(spec["datasets"].values()))


# --- catalogue_view -----------------------------------------------------------------------------


def test_catalogue_tables_give_each_requirement_its_directive_attributes_and_basis():
    directives, requirements = catalogue_view.catalogue_tables(CATALOGUE)
    row = requirements.set_index("requirement").loc["R2"]
    assert row["directive_title"] == "Title of PC 02/2009"
    assert row["directive_type"] == "Probation Circular"
    assert row["directive_status"] == "in force"
    assert row["issuer"] == "NOMS"
    # R1's minutes are an estimate; R2's figures are all cited.
    assert requirements.set_index("requirement")["basis"].to_dict() == {
        "R1": "estimate",
        "R2": "sourced",
        "R3": "sourced",
        "R4": "sourced",
        "R5": "sourced",
    }
    assert requirements.set_index("requirement").loc["R3", "directive_status"] == "superseded"
    assert len(directives) == 5


def test_catalogue_tables_join_what_a_directive_supersedes_and_what_cancelled_it():
    changed = CATALOGUE.model_copy(
        update={
            "directives": [
                d.model_copy(update={"supersedes": ["PC 03/2008", "PC 02/2009"]}) if d.reference == "PI 04/2010" else d
                for d in CATALOGUE.directives
            ]
        }
    )
    directives, _ = catalogue_view.catalogue_tables(changed)
    by_reference = directives.set_index("reference")
    assert by_reference.loc["PI 04/2010", "supersedes"] == "PC 03/2008; PC 02/2009"
    assert by_reference.loc["PI 01/2010", "supersedes"] == ""
    assert by_reference.loc["PC 03/2008", "cancelled_by"] == "PI 04/2010"


def test_scores_by_requirement_index_every_score_by_requirement_then_outcome():
    scores = catalogue_view.scores_by_requirement(CATALOGUE)
    assert {rid: sorted(by_outcome) for rid, by_outcome in scores.items()} == {
        "R1": ["protect_public", "reduce_reoffending"],
        "R2": ["value_for_money"],
        "R4": ["deliver_sentence"],
    }
    assert scores["R1"]["protect_public"].score == 3


# --- burden_view ----------------------------------------------------------------------------------


def test_requirement_burden_carries_the_national_hours_and_the_relevance_composite():
    table = burden_view.requirement_burden(RESULT).set_index("requirement")
    # R1: 500 h in A and B's own 800 h; composite (3 + 2) / 3 / ... = 0.8 (audit_fixtures' docstring).
    assert table.loc["R1", "hours_central"] == pytest.approx(1300)
    assert table["composite"].to_dict() == pytest.approx({"R1": 0.8, "R2": 0.25333333, "R4": 0.50666667})
    assert table["scored"].all()
    assert sorted(table.index) == ["R1", "R2", "R4"]  # only requirements in force


def test_trust_table_is_one_trusts_burden_with_each_requirements_text_and_kind():
    table = burden_view.trust_table(RESULT.burden, "A").set_index("requirement")
    assert set(table["trust"]) == {"A"}
    assert table["hours_central"].to_dict() == pytest.approx({"R1": 500, "R2": 24, "R4": 30})
    assert table.loc["R2", "purpose"] == "output"
    assert table.loc["R2", "activity"] == "reporting"
    assert table.loc["R2", "directive_type"] == "Probation Circular"
    assert table.loc["R4", "text"] == "Offender managers must complete task R4."


# --- policy_view ----------------------------------------------------------------------------------


def test_policy_table_has_one_row_per_setting_with_its_value_and_source():
    table = policy_view.policy_table(Policy(overhead_rate=0.3)).set_index("setting")
    assert table.loc["overhead_rate", "value"] == 0.3
    assert table.loc["overhead_rate", "shown"] == "30%"
    assert {"label", "source", "is_estimate"} <= set(table.columns)
    assert "provenance" not in table.index


# --- page_charts ----------------------------------------------------------------------------------


def test_hours_by_sums_a_trusts_hours_by_a_column_with_labels_for_people():
    table = burden_view.trust_table(RESULT.burden, "A")
    by_activity = page_charts.hours_by(table, "activity").set_index("activity")["hours_central"]
    # R2 is reporting; R1 assessment; R4 recording (the factory's default).
    assert by_activity.to_dict() == pytest.approx({"Assessment": 500, "Recording": 30, "Reporting / data return": 24})


def test_trust_charts_give_three_breakdowns_and_the_distribution_across_trusts():
    specs = page_charts.trust_charts(RESULT, burden_view.trust_table(RESULT.burden, "B"), "B")
    assert set(specs) == {"directive", "activity", "purpose", "distribution"}
    assert specs["purpose"]["title"] == "By purpose"
    assert "B in red" in str(specs["distribution"]["title"])


def test_savings_by_action_sums_only_the_chosen_proposals():
    props = RESULT.proposals
    chosen = page_charts.savings_by_action(props, ["remove:R2"])
    assert chosen["action"].tolist() == ["remove"]
    assert chosen["saving_cost_central"].tolist() == pytest.approx([600.0])
    both = page_charts.savings_by_action(props, ["remove:R2", "devolve:R4"]).set_index("action")
    assert both["saving_cost_central"].to_dict() == pytest.approx({"devolve": 500.0, "remove": 600.0})
    assert page_charts.savings_by_action(props, []).empty


def test_savings_chart_plots_the_savings_by_action():
    spec = page_charts.savings_chart(RESULT.proposals, ["remove:R2", "devolve:R4"])
    rows = _bars(spec)
    assert sorted((r["action"], r["saving_cost_central"]) for r in rows) == [("devolve", 500.0), ("remove", 600.0)]


def test_before_after_gives_each_trusts_hours_before_and_after_a_scenario():
    frame = page_charts.before_after(evaluate_scenario(RESULT, ["remove:R2"])).set_index("trust")
    assert list(frame.columns) == ["before", "after"]
    # Removing R2 takes its 24 central hours out of each trust.
    assert (frame["before"] - frame["after"]).to_dict() == pytest.approx({"A": 24, "B": 24})
    assert frame.loc["A", "before"] == pytest.approx(554)
    spec = page_charts.before_after_chart(evaluate_scenario(RESULT, ["remove:R2"]))
    assert spec["title"] == "Burden before and after the scenario"


def test_overview_charts_cut_the_quadrant_and_plot_types_and_stock():
    requirement_burden = burden_view.requirement_burden(RESULT)
    specs = page_charts.overview_charts(RESULT, Policy(), requirement_burden, stock_and_flow(CATALOGUE))
    assert set(specs) == {"quadrant", "by_type", "stock"}
    types = {r["directive_type"]: r["hours_central"] for r in _bars(specs["by_type"])}
    assert types == pytest.approx({"Probation Instruction": 1300 + 80, "Probation Circular": 48})


def test_through_time_returns_the_burden_by_quarter_with_its_chart():
    national, trusts, changes, spec = page_charts.through_time(CATALOGUE, Policy())
    assert isinstance(national, pd.DataFrame) and isinstance(trusts, pd.DataFrame)
    assert set(trusts["trust"]) == {"A", "B"}
    assert spec == page_charts.through_time_spec(national, changes, dt.date(2011, 3, 31))


def test_search_ids_give_the_matching_requirements_ids(default_db):
    ids = catalogue_view.search_ids(default_db, "OASys")
    assert "PTRS-OASYS-15D" in ids and len(ids) == len(set(ids))
    assert catalogue_view.search_ids(default_db, "zzzznothing") == []
    assert catalogue_view.search_ids(default_db, "   ") == []


def test_figures_basis_says_estimate_when_any_figure_is_one():
    by_id = {r.id: r for r in CATALOGUE.requirements}
    assert catalogue_view.figures_basis(by_id["R1"]) == "estimate"  # its minutes are an estimate
    assert catalogue_view.figures_basis(by_id["R2"]) == "sourced"
