"""Comparisons on the hand-worked two-trust catalogue (tests/audit_fixtures.py): trusts side by side, a trust
against its peers, two scenarios side by side, and what each difference rests on."""

from __future__ import annotations

import pandas as pd
import pytest

from audit.engine import run_audit
from audit.errors import AuditError
from audit.evidence import EVIDENCE, SIZE_ONLY
from audit.scenarios import Scenario
from reports import comparison
from tests.audit_fixtures import trust, two_trust_catalogue

RESULT = run_audit(two_trust_catalogue())


def with_a_double_of_a() -> object:
    """The two-trust catalogue plus C: trust A at twice its size (every volume doubled), no measurements."""
    cat = two_trust_catalogue()
    cat.trusts.append(trust("C", 2000, 800, 600, {"po": 80, "pso": 40}))
    return run_audit(cat)


def test_trusts_side_by_side_give_the_hand_worked_figures_in_the_order_chosen():
    """A: 554 h, £13,550, 1,000 offenders -> 0.554 h and £13.55 per offender;
    B: 874 h, £21,550, 2,000 offenders -> 0.437 h and £10.775."""
    compared = comparison.compare_trusts(RESULT, ["B", "A"], local_visible={"A", "B"})
    figures = compared.figures.set_index("trust")
    assert list(figures.index) == ["B", "A"]
    assert figures.loc["A", "hours_central"] == pytest.approx(554)
    assert figures.loc["A", "hours_per_offender"] == pytest.approx(0.554)
    assert figures.loc["A", "cost_per_offender"] == pytest.approx(13.55)
    assert figures.loc["B", "hours_per_offender"] == pytest.approx(0.437)
    assert figures.loc["B", "cost_per_offender"] == pytest.approx(10.775)
    for name in ("A", "B"):  # the 90% interval brackets the central figure and is shown as text
        assert figures.loc[name, "hours_p05"] <= figures.loc[name, "hours_central"] <= figures.loc[name, "hours_p95"]
        assert " – " in figures.loc[name, "hours_interval"]
    assert figures.loc["B", "local_measurements"] == "1 requirement(s) measured"
    assert figures.loc["A", "local_measurements"] == "none recorded"


def test_the_difference_against_the_first_trust_and_what_it_rests_on():
    """Against B, A has 0.554 - 0.437 = 0.117 more hours per offender (26.8%); B measured R1 itself: evidence."""
    compared = comparison.compare_trusts(RESULT, ["B", "A"], local_visible={"A", "B"})
    row = compared.differences.iloc[0]
    assert (row["trust"], row["compared_with"]) == ("A", "B")
    assert row["hours_per_offender_difference"] == pytest.approx(0.117)
    assert row["hours_per_offender_difference_pct"] == pytest.approx(0.117 / 0.437)
    assert row["cost_per_offender_difference"] == pytest.approx(13.55 - 10.775)
    assert row["basis"] == compared.basis == EVIDENCE


def test_two_trusts_that_are_the_same_estimates_at_two_sizes_differ_by_size_only():
    """C is A with every volume doubled and no measurements of its own: A against C is size only, even though B
    (with its own measurement) makes the trusts as a whole differ on evidence."""
    result = with_a_double_of_a()
    assert comparison.basis_between(result.burden, ["A", "C"]) == SIZE_ONLY
    assert comparison.basis_between(result.burden, ["A", "B"]) == EVIDENCE
    compared = comparison.compare_trusts(result, ["A", "C", "B"], local_visible={"A", "B", "C"})
    assert compared.differences.set_index("trust")["basis"].to_dict() == {"C": SIZE_ONLY, "B": EVIDENCE}
    assert "size only" in compared.differences.set_index("trust").loc["C", "basis_reason"]


def test_breakdowns_are_in_words_per_offender_heaviest_first():
    """Assessment (R1): A 500 h, B 800 h; recording (R4): A 30, B 50; reporting (R2): 24 each."""
    compared = comparison.compare_trusts(RESULT, ["A", "B"], local_visible={"A", "B"})
    by_activity = compared.by_activity
    assert list(dict.fromkeys(by_activity["category"])) == ["Assessment", "Recording", "Reporting / data return"]
    a = by_activity[by_activity["trust"] == "A"].set_index("category")
    assert a.loc["Assessment", "hours_central"] == pytest.approx(500)
    assert a.loc["Assessment", "hours_per_offender"] == pytest.approx(0.5)
    assert a.loc["Assessment", "share_of_hours"] == pytest.approx(500 / 554)
    assert set(compared.by_purpose["category"]) == {"Outcome", "Input", "Output"}


def test_own_measurements_of_a_trust_the_reader_may_not_see_are_not_visible_never_none():
    compared = comparison.compare_trusts(RESULT, ["A", "B"], local_visible={"A"})
    figures = compared.figures.set_index("trust")
    assert figures.loc["B", "local_measurements"] == comparison.NOT_VISIBLE == "not visible to you"
    assert compared.hidden == ["B"] and compared.local.empty
    seen = comparison.compare_trusts(RESULT, ["A", "B"], local_visible={"A", "B"}).local
    assert seen[["trust", "requirement", "national_minutes", "minutes", "hours_central"]].values.tolist() == [
        ["B", "R1", 15.0, 12.0, 800.0]
    ]


def test_an_unknown_trust_is_named_in_the_error():
    with pytest.raises(AuditError, match="'Nowhere'"):
        comparison.compare_trusts(RESULT, ["A", "Nowhere"], local_visible=set())


def test_a_trust_against_its_peers_leaves_itself_out_of_the_median():
    """A's only peer in its region is B: the peers' median is B's 0.437 h per offender, and A's 0.554 is above it."""
    peers = comparison.compare_with_peers(RESULT, "A", "region")
    assert peers.group.peers == ["B"]
    row = peers.table.set_index("measure").loc["Hours per offender a year"]
    assert row["peer_median"] == pytest.approx(0.437) and row["trust_value"] == pytest.approx(0.554)
    assert row["position"] == "above every peer"
    assert row["trust_text"] == "0.6" and row["median_text"] == "0.4"
    assert peers.members.set_index("trust")["is_trust"].to_dict() == {"A": True, "B": False}


def test_a_trust_with_no_peers_says_so():
    """Two trusts make two size bands of one trust each: A has no peer of its size."""
    peers = comparison.compare_with_peers(RESULT, "A", "size")
    assert peers.group.peers == []
    assert set(peers.table["position"]) == {"no peers to compare with"}


def scenario(name: str, **decisions: str) -> Scenario:
    return Scenario(name, "", "ann", "2026-01-01", {k.replace("_", ":"): v for k, v in decisions.items()})


def test_two_scenarios_side_by_side():
    """Lean removes R2 (£300 in each trust: £600); Deep also devolves R4 (25% of 80 h at £25 an hour: £500)."""
    lean = scenario("Lean", remove_R2="accepted", devolve_R4="rejected")
    deep = scenario("Deep", remove_R2="accepted", devolve_R4="accepted")
    compared = comparison.compare_scenarios(RESULT, lean, deep)
    totals = compared.totals.set_index("scenario")
    assert totals.loc["Lean", "saving_cost_central"] == pytest.approx(600)
    assert totals.loc["Deep", "saving_cost_central"] == pytest.approx(1100)
    assert totals.loc["Deep", "saving_fte_central"] == pytest.approx(68 / 1500)
    assert (totals.loc["Lean", "accepted"], totals.loc["Lean", "rejected"]) == (1, 1)
    assert compared.difference["saving_cost"] == pytest.approx(500)
    by_action = compared.by_action.set_index("action")
    assert by_action.loc["Remove", ["proposals_first", "proposals_second"]].tolist() == [1, 1]
    assert by_action.loc["Devolve to trusts", ["proposals_first", "proposals_second"]].tolist() == [0, 1]
    assert by_action.loc["Devolve to trusts", "difference_cost"] == pytest.approx(500)
    assert compared.differing[["id", "action", "first", "second"]].values.tolist() == [
        ["devolve:R4", "Devolve to trusts", "rejected", "accepted"]
    ]
    assert compared.differing.loc[0, "requirement"] == "Offender managers must complete task R4."


def test_scenarios_that_decide_alike_have_nothing_differing():
    same = comparison.compare_scenarios(
        RESULT, scenario("X", remove_R2="accepted"), scenario("Y", remove_R2="accepted")
    )
    assert same.differing.empty and same.difference["saving_cost"] == 0


def test_every_chart_names_its_trusts_or_scenarios_and_has_tooltips():
    compared = comparison.compare_trusts(RESULT, ["A", "B"], local_visible={"A", "B"})
    specs = comparison.trust_comparison_specs(compared)
    peers = comparison.peer_spec(comparison.compare_with_peers(RESULT, "A", "region"))
    lean, deep = scenario("Lean", remove_R2="accepted"), scenario("Deep", devolve_R4="accepted")
    actions = comparison.scenario_spec(comparison.compare_scenarios(RESULT, lean, deep))
    for name, spec in [*specs.items(), ("peers", peers), ("actions", actions)]:
        text = str(spec)
        assert "'tooltip'" in text, name
        values = spec.get("datasets", {})
        rows = [r for data in values.values() for r in data] or spec.get("data", {}).get("values", [])
        shown = pd.DataFrame(rows)
        column = "scenario" if name == "actions" else "trust"
        assert set(shown[column]) >= ({"Lean", "Deep"} if name == "actions" else {"A", "B"}), name


def test_the_side_by_side_table_reads_across_one_column_per_trust():
    table = comparison.compare_trusts(RESULT, ["B", "A"], local_visible={"B"}).table.set_index("measure")
    assert list(table.columns) == ["B", "A"]
    assert table.loc["Hours per offender a year"].tolist() == ["0.44", "0.55"]
    assert table.loc["Cost a year (90% interval)", "A"].startswith("£13,550 (£")
    assert table.loc["Own measurements"].tolist() == ["1 requirement(s) measured", "not visible to you"]


def test_a_scenario_name_that_is_not_stored_is_a_clear_error():
    from audit.errors import ScenarioError

    with pytest.raises(ScenarioError, match="no scenario called 'Gone'"):
        comparison.scenario_comparison_view(RESULT, [scenario("Lean")], "Lean", "Gone")
