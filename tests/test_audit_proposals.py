"""Proposal rules: each fires on its case and not on a near miss; statutory and public-protection guards."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.burden import compute_burden
from audit.engine import run_audit
from audit.policy import Policy
from audit.proposals import keep_factors, make_proposals, proposal_trust_savings
from audit.relevance import relevance
from catalogue.models import DEFAULT_OUTCOMES, Catalogue
from tests.audit_fixtures import directive, grade, requirement, score, trust, two_trust_catalogue

# One trust with caseload 1,000; grade po at £20/h; all requirements per trust unless stated.
WEAK = [("value_for_money", 1)]  # composite 0.2533
MODERATE = [("deliver_sentence", 2)]  # composite 0.5067
STRONG = [("protect_public", 3)]  # composite 0.76


def _catalogue(*specs: tuple[dict[str, Any], list[tuple[str, int]]]) -> Catalogue:
    reqs, scores = [], []
    for i, (fields, scored) in enumerate(specs, start=1):
        rid = fields.pop("id", f"Q{i}")
        data = {"driver": "per_trust", "occurrences_per_unit": 1.0, "purpose": "outcome", "activity": "planning"}
        reqs.append(requirement(rid, fields.pop("directive", "PI 01/2010"), **(data | fields)))
        scores += [score(rid, outcome, value) for outcome, value in scored]
    return Catalogue(
        directives=[
            directive("PI 01/2010", "2010-01"),
            directive("PI 02/2010", "2010-02"),
            directive("PF 2010", "2010-01", type="Performance Framework"),
        ],
        requirements=reqs,
        staff_grades=[grade("po", 30_000)],
        trusts=[trust("A", 1000, 400, 300, {"po": 10}), trust("B", 500, 200, 100, {"po": 5})],
        outcomes=list(DEFAULT_OUTCOMES),
        relevance_scores=scores,
    )


def _proposals(cat: Catalogue, policy: Policy | None = None) -> pd.DataFrame:
    return run_audit(cat, policy or Policy()).proposals.set_index("id")


def _action(cat: Catalogue, rid: str = "Q1", policy: Policy | None = None) -> str:
    props = _proposals(cat, policy)
    return str(props[props["target"] == rid]["action"].iloc[0])


# --- remove ----------------------------------------------------------------------------------


def test_remove_fires_on_low_relevance_and_saves_everything():
    props = _proposals(_catalogue(({"minutes_central": 60, "minutes_high": 60, "minutes_low": 60}, WEAK)))
    row = props.loc["remove:Q1"]
    assert row["keep"] == 0
    # 2 trusts x 1 a year x 60 minutes = 2 h; £20/h x 1.25 = £50.
    assert row["saving_hours_central"] == pytest.approx(2)
    assert row["saving_cost_central"] == pytest.approx(50)
    assert "0.25" in row["rationale"] and "2 hours" in row["rationale"] and "£50" in row["rationale"]
    assert not row["needs_legislation"]


def test_remove_does_not_fire_on_moderate_relevance():
    assert _action(_catalogue(({}, MODERATE))) != "remove"


def test_statutory_requirement_is_not_removed_unless_legislation_is_proposed():
    cat = _catalogue(({"statutory_basis": "Criminal Justice Act 2003 s.198"}, WEAK))
    props = _proposals(cat)
    assert "remove:Q1" not in props.index
    assert "statutory" in props.loc["retain:Q1", "rationale"]
    allowed = _proposals(cat, Policy(allow_legislative_proposals=True))
    assert bool(allowed.loc["remove:Q1", "needs_legislation"]) is True
    assert "needs legislation" in allowed.loc["remove:Q1", "rationale"]


def test_public_protection_critical_requirement_is_never_removed():
    cat = _catalogue(({"public_protection_critical": True}, WEAK))
    assert _action(cat) == "retain"
    assert _action(cat, policy=Policy(allow_legislative_proposals=True)) == "retain"


def test_unscored_requirement_is_retained_until_scored():
    props = _proposals(_catalogue(({}, [])))
    assert "not yet scored" in props.loc["retain:Q1", "rationale"]


# --- replace with an outcome measure ---------------------------------------------------------


def test_replace_fires_on_a_process_target():
    cat = _catalogue(({"purpose": "process", "text": "Trusts must meet the 90% target for enforcement."}, MODERATE))
    assert _action(cat) == "replace_with_outcome"


def test_replace_fires_for_a_performance_framework_directive():
    assert _action(_catalogue(({"purpose": "output", "directive": "PF 2010"}, MODERATE))) == "replace_with_outcome"


def test_replace_does_not_fire_on_an_outcome_requirement():
    cat = _catalogue(({"purpose": "outcome", "text": "Trusts must meet the 90% target for enforcement."}, MODERATE))
    assert _action(cat) != "replace_with_outcome"


# --- reduce frequency -------------------------------------------------------------------------


def test_reduce_frequency_turns_monthly_into_quarterly():
    cat = _catalogue(({"activity": "reporting", "purpose": "output", "occurrences_per_unit": 12}, MODERATE))
    props = _proposals(cat)
    row = props.loc["reduce_frequency:Q1"]
    assert row["new_frequency"] == 4 and row["new_frequency_label"] == "quarterly"
    assert row["keep"] == pytest.approx(1 / 3)
    assert "monthly to quarterly" in row["rationale"]


def test_reduce_frequency_does_not_fire_on_an_annual_return_or_high_relevance():
    annual = _catalogue(({"activity": "reporting", "purpose": "output", "occurrences_per_unit": 1}, MODERATE))
    assert _action(annual) == "retain"
    strong = _catalogue(({"activity": "reporting", "purpose": "output", "occurrences_per_unit": 12}, STRONG))
    assert _action(strong) == "retain"


# --- simplify ---------------------------------------------------------------------------------


def test_simplify_fires_on_a_heavy_recording_step_even_when_public_protection_critical():
    cat = _catalogue(
        (
            {"activity": "recording", "minutes_low": 30, "minutes_central": 30, "minutes_high": 30,
             "public_protection_critical": True},
            STRONG,
        )
    )  # fmt: skip
    props = _proposals(cat)
    row = props.loc["simplify:Q1"]
    assert row["keep"] == pytest.approx(0.6)
    assert "public-protection critical" in row["rationale"] and "30 minutes" in row["rationale"]


def test_simplify_does_not_fire_on_a_light_step():
    assert _action(_catalogue(({"activity": "recording"}, STRONG))) == "retain"


# --- devolve ----------------------------------------------------------------------------------


def test_devolve_fires_on_a_prescriptive_process():
    assert _action(_catalogue(({"purpose": "process", "modality": "must"}, MODERATE))) == "devolve"


def test_devolve_does_not_fire_on_guidance_or_when_public_protection_critical():
    assert _action(_catalogue(({"purpose": "process", "modality": "should"}, MODERATE))) == "retain"
    ppc = _catalogue(({"purpose": "process", "public_protection_critical": True}, MODERATE))
    assert _action(ppc) == "retain"


# --- merge ------------------------------------------------------------------------------------

SAME = "Trusts must send NOMS a monthly return of unpaid work hours completed by offenders."
ALIKE = "Each trust must send NOMS a monthly return of the unpaid work hours offenders completed."


def test_merge_pairs_near_identical_requirements_of_different_directives():
    cat = _catalogue(
        ({"id": "A1", "text": SAME, "occurrences_per_unit": 12, "activity": "reporting"}, STRONG),
        ({"id": "B1", "text": ALIKE, "directive": "PI 02/2010", "activity": "reporting"}, STRONG),
    )
    props = _proposals(cat)
    row = props.loc["merge:A1+B1"]
    assert row["target"] == "B1"  # the smaller one (1 a year against 12) is absorbed
    assert row["similarity"] >= 0.5
    assert f"{row['similarity']:.0%}" in row["rationale"]
    assert row["saving_hours_central"] == pytest.approx(0.8 * 2 * 10 / 60)


def test_merge_needs_different_directives_and_the_same_activity():
    same_directive = _catalogue(
        ({"id": "A1", "text": SAME, "activity": "reporting"}, STRONG),
        ({"id": "B1", "text": ALIKE, "activity": "reporting"}, STRONG),
    )
    assert not (_proposals(same_directive)["action"] == "merge").any()
    other_activity = _catalogue(
        ({"id": "A1", "text": SAME, "activity": "reporting"}, STRONG),
        ({"id": "B1", "text": ALIKE, "directive": "PI 02/2010", "activity": "meeting"}, STRONG),
    )
    assert not (_proposals(other_activity)["action"] == "merge").any()


def test_merge_never_absorbs_a_public_protection_critical_requirement():
    cat = _catalogue(
        ({"id": "A1", "text": SAME, "occurrences_per_unit": 12, "activity": "reporting"}, STRONG),
        ({"id": "B1", "text": ALIKE, "directive": "PI 02/2010", "activity": "reporting",
          "public_protection_critical": True}, STRONG),
    )  # fmt: skip
    assert _proposals(cat).loc["merge:A1+B1", "target"] == "A1"


# --- ranking, ids, savings --------------------------------------------------------------------


def test_ranking_is_by_saving_then_id_and_ids_are_stable():
    first = run_audit(two_trust_catalogue()).proposals
    second = run_audit(two_trust_catalogue()).proposals
    pd.testing.assert_frame_equal(first, second)
    assert first["id"].tolist() == ["remove:R2", "devolve:R4", "retain:R1"]
    assert first["rank"].tolist() == [1, 2, 3]


def test_savings_per_trust_add_up_to_the_national_saving():
    result = run_audit(two_trust_catalogue())
    per_trust = proposal_trust_savings(result.burden, result.proposals)
    summed = per_trust.groupby("id")["saving_cost_central"].sum()
    national = result.proposals.set_index("id")["saving_cost_central"]
    for pid, value in summed.items():
        assert value == pytest.approx(national[pid])
    # R2 costs 24 h x £12.50 in each trust.
    assert per_trust.set_index(["id", "trust"]).loc[("remove:R2", "A"), "saving_cost_central"] == pytest.approx(300)


def test_thresholds_come_from_the_policy():
    cat = _catalogue(({}, MODERATE))  # composite 0.5067, planning, outcome purpose
    assert _action(cat) == "retain"
    assert _action(cat, policy=Policy(remove_max_relevance=0.55, reduce_max_relevance=0.6)) == "remove"


ACTIVITIES = ["recording", "reporting", "meeting", "sign_off", "planning", "assessment"]


@settings(max_examples=60, deadline=None)
@given(
    specs=st.lists(
        st.tuples(
            st.sampled_from(ACTIVITIES),
            st.sampled_from(["input", "process", "output", "outcome"]),
            st.sampled_from(["must", "should"]),
            st.booleans(),
            st.booleans(),
            st.integers(0, 3),
            st.sampled_from([1.0, 4.0, 12.0, 52.0]),
            st.sampled_from([5.0, 30.0]),
        ),
        min_size=1,
        max_size=6,
    ),
    allow=st.booleans(),
)
def test_guards_hold_for_any_requirement(specs, allow):
    cat = _catalogue(
        *[
            (
                {"activity": a, "purpose": p, "modality": m, "public_protection_critical": ppc,
                 "statutory_basis": "Offender Management Act 2007" if stat else None, "occurrences_per_unit": f,
                 "minutes_low": mins, "minutes_central": mins, "minutes_high": mins},
                [("protect_public", s)],
            )
            for a, p, m, ppc, stat, s, f, mins in specs
        ]
    )  # fmt: skip
    props = run_audit(cat, Policy(allow_legislative_proposals=allow)).proposals
    ppc_rows = props[props["public_protection_critical"]]
    assert set(ppc_rows["action"]) <= {"simplify", "retain"}
    removed = props[props["action"] == "remove"]
    assert not removed["public_protection_critical"].any()
    assert (removed["statutory"] <= removed["needs_legislation"]).all()
    if not allow:
        assert not removed["statutory"].any()
    assert (props["keep"].between(0, 1)).all()
    assert (props["saving_hours_central"] >= 0).all()


def test_keep_factors_multiply_and_ignore_unknown_ids():
    b = compute_burden(two_trust_catalogue(), Policy())
    props = make_proposals(b, relevance(two_trust_catalogue(), Policy()), Policy())
    keep = keep_factors(b, props, ["remove:R2", "devolve:R4", "no:such"])
    assert dict(zip(b.requirements["requirement"], keep, strict=True)) == {"R1": 1.0, "R2": 0.0, "R4": 0.75}
    assert np.array_equal(keep_factors(b, props, []), np.ones(3))


def test_familiarisation_requirements_are_retained_and_never_merged():
    text = "Managers must read the instruction on issue and brief the staff it affects."
    cat = _catalogue(
        ({"id": "F1", "activity": "familiarisation", "text": text}, WEAK),
        ({"id": "F2", "activity": "familiarisation", "text": text, "directive": "PI 02/2010"}, WEAK),
    )
    props = _proposals(cat)
    assert props["action"].tolist() == ["retain", "retain"]
    assert "goes when the directive" in props.loc["retain:F1", "rationale"]


def test_each_action_has_one_label_and_one_actionable_rule():
    import pandas as pd

    import reports.tables
    from audit.proposals import ACTION_LABELS, ACTIONS, action_label, actionable, is_actionable

    assert set(ACTION_LABELS) == set(ACTIONS)
    assert action_label("merge") == "Merge duplicates"
    assert not hasattr(reports.tables, "ACTION_LABELS")  # the reports read the audit's table, not a copy
    assert [a for a in ACTIONS if not is_actionable(a)] == ["retain"]
    frame = pd.DataFrame({"id": ["a", "b"], "action": ["retain", "remove"]})
    assert list(actionable(frame)["id"]) == ["b"]


def test_every_rationale_of_a_large_catalogue_is_its_own_requirements():
    """Rationales are written a rule at a time over whole columns: each must still name its own action and burden."""
    from bench.bench_audit import synthetic_catalogue

    result = run_audit(synthetic_catalogue(1_500, 6, activities=True))
    req = result.burden.requirements.set_index("requirement")
    props = result.proposals[result.proposals["action"] != "merge"]
    opening = {"remove": "Remove: ", "reduce_frequency": "Reduce frequency from ", "simplify": "Simplify: ",
               "devolve": "Devolve to local discretion: ", "replace_with_outcome": "Replace with an outcome measure: ",
               "retain": "Retain"}  # fmt: skip
    assert set(props["action"]) == set(opening)  # every rule fires somewhere in the synthetic catalogue
    columns = ["action", "target", "rationale", "outcome_risk", "risk_level"]
    for action, target, text, risk, level in props[columns].itertuples(index=False):
        row = req.loc[target]
        assert text.startswith(opening[action]), (target, text)
        assert f"costs {row['hours_central']:,.0f} hours ({row['fte_central']:,.1f} FTE" in text, (target, text)
        assert risk.startswith(f"{level}:"), (target, risk)
