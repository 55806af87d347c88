"""Pooling the trusts' accepted study figures for the association: inverse-variance by hand, only figures over at
least five participants leave their trust, and trusts do not see one another's."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.access import AccessDenied, Role, User
from audit.accounts import add_user
from audit.engine import run_audit
from audit.study import DayEntry, StudyProblems, create_study, record_day
from audit.study_pooling import measured_minutes, pool, pooled_minutes
from audit.study_results import accept_results, plan_accept
from catalogue.store import load_catalogue

MONDAY = dt.date(2011, 5, 2)
ANALYST = User("ana", Role.ASSOCIATION_ANALYST)


def test_pooling_by_hand():
    # Equal intervals (se 1): the plain mean, narrowed by sqrt(2).
    assert pool([(10.0, 8.04, 11.96), (14.0, 12.04, 15.96)]) == (12.0, 10.614, 13.386)
    # se 1 and 2: weights 1 and 1/4, mean (10 + 20/4) / 1.25 = 12.
    assert pool([(10.0, 8.04, 11.96), (20.0, 16.08, 23.92)])[0] == pytest.approx(12.0, abs=1e-3)
    assert pool([(10.0, 10.0, 10.0)]) is None  # no spread stated: nothing to weigh it by


def run_study(db, catalogue, trust: str, rid: str, participants: int, minutes_each: float, tag: str) -> int:
    """A study of ``participants`` trust staff who each did ``rid`` once or twice, accepted into the trust."""
    names = [f"{tag}{n}" for n in range(participants)]
    for name in names:
        add_user(db, name, "correct horse battery", Role.TRUST_STAFF, trust=trust)
    manager = User(f"{tag}-manager", Role.TRUST_MANAGER, trust=trust)
    study = create_study(
        db, manager, trust=trust, title=f"Study {tag}", starts=MONDAY, ends=MONDAY + dt.timedelta(days=4),
        requirements=[rid], accounts=names,
    )  # fmt: skip
    for n, name in enumerate(names):
        times = 1 + n % 2
        spread = minutes_each * (0.8 + 0.1 * n)  # participants differ, so there is an interval
        record_day(db, User(name, Role.TRUST_STAFF, trust=trust), study.id, MONDAY,
                   [DayEntry(rid, str(times), str(round(times * spread, 1)))])  # fmt: skip
    result = run_audit(catalogue)
    plan = plan_accept(db, manager, study.id, result, [rid])
    accept_results(db, manager, study.id, result, [rid], confirmed_key=plan.key, comment="measured")
    return study.id


def test_the_association_sees_each_trusts_figure_over_five_participants_and_the_pooled_one(default_db):
    catalogue = load_catalogue(default_db)
    first, second, third = (t.name for t in catalogue.trusts[:3])
    rid = run_audit(catalogue).measure_first_by_trust[first][0]
    national = next(r.minutes_central for r in catalogue.requirements if r.id == rid)
    run_study(default_db, catalogue, first, rid, 6, national, "a")
    run_study(default_db, catalogue, second, rid, 7, national * 1.5, "b")
    run_study(default_db, catalogue, third, rid, 4, national * 3, "c")  # too few to leave the trust
    seen = measured_minutes(default_db, ANALYST, catalogue)
    assert sorted(seen["trust"]) == sorted([first, second]) and (seen["sample_size"] >= 5).all()
    assert (seen["national"] == national).all()
    [row] = pooled_minutes(default_db, ANALYST, catalogue).to_dict(orient="records")
    figures = [(v, lo, hi) for v, lo, hi in zip(seen["value"], seen["low"], seen["high"], strict=True)]
    assert (row["pooled"], row["low"], row["high"]) == pool(figures)
    assert min(seen["value"]) <= row["pooled"] <= max(seen["value"]) and row["trusts"] == 2


@pytest.mark.parametrize("role", [Role.TRUST_MANAGER, Role.TRUST_STAFF])
def test_trusts_do_not_see_one_anothers_figures(default_db, role):
    catalogue = load_catalogue(default_db)
    with pytest.raises(AccessDenied):
        measured_minutes(default_db, User("x", role, trust=catalogue.trusts[0].name), catalogue)


# --- adopting the pooled figure as the national one -----------------------------------------------------------

EDITOR = User("eddie", Role.CATALOGUE_EDITOR, name="Eddie Editor")


def two_trusts_measured(db):
    """Two trusts' accepted studies of one requirement over six and seven participants; returns (catalogue, rid)."""
    catalogue = load_catalogue(db)
    first, second = (t.name for t in catalogue.trusts[:2])
    rid = run_audit(catalogue).measure_first_by_trust[first][0]
    national = next(r.minutes_central for r in catalogue.requirements if r.id == rid)
    run_study(db, catalogue, first, rid, 6, national, "a")
    run_study(db, catalogue, second, rid, 7, national * 1.5, "b")
    return load_catalogue(db), rid


def test_an_editor_adopts_the_pooled_minutes_as_national_with_derived_provenance_and_history(default_db):
    from audit.study_pooling import adopt_pooled, plan_adoption
    from catalogue.history import history_for
    from catalogue.models import ProvenanceKind

    catalogue, rid = two_trusts_measured(default_db)
    before = next(r for r in catalogue.requirements if r.id == rid)
    [pooled] = pooled_minutes(default_db, ANALYST, catalogue).to_dict(orient="records")
    plan = plan_adoption(default_db, EDITOR, catalogue, rid)
    assert (plan.old_low, plan.old_central, plan.old_high) == (before.minutes_low, before.minutes_central,
                                                              before.minutes_high)  # fmt: skip
    assert (plan.new_low, plan.new_central, plan.new_high) == (pooled["low"], pooled["pooled"], pooled["high"])
    assert "→" in plan.describe() and f"{before.minutes_central:g}" in plan.describe()
    with pytest.raises(StudyProblems) as caught:  # no confirmation, no reason: nothing saved
        adopt_pooled(default_db, EDITOR, catalogue, rid, reason="", confirmed_key=None)
    assert len(caught.value.problems) == 2
    assert next(r for r in load_catalogue(default_db).requirements if r.id == rid) == before

    adopt_pooled(default_db, EDITOR, catalogue, rid, reason="two trusts measured it", confirmed_key=plan.key)
    after = next(r for r in load_catalogue(default_db).requirements if r.id == rid)
    assert (after.minutes_low, after.minutes_central, after.minutes_high) == (plan.new_low, plan.new_central,
                                                                            plan.new_high)  # fmt: skip
    assert after.minutes_provenance.kind == ProvenanceKind.DERIVED
    formula = after.minutes_provenance.rationale or ""
    assert "Inverse-variance" in formula  # the method, named
    trusts = {t.name for t in catalogue.trusts[:2]}
    assert all(t in formula for t in trusts) and "6 participants" in formula and "7 participants" in formula
    assert "2-6 May 2011" in formula  # each study's period
    [change] = [h for h in history_for(default_db, "requirement", rid) if h["reason"] == "two trusts measured it"]
    assert change["actor"] == "Eddie Editor"
    assert after.text == before.text and after.occurrences_per_unit == before.occurrences_per_unit


def test_adopting_is_for_editors_and_refuses_a_stale_confirmation_or_a_requirement_not_pooled(default_db):
    from audit.study_pooling import adopt_pooled, may_adopt, plan_adoption

    catalogue, rid = two_trusts_measured(default_db)
    assert may_adopt(EDITOR) and may_adopt(User("admin", Role.ADMINISTRATOR))
    for who in (
        ANALYST,
        User("m", Role.MINISTRY_REVIEWER),
        User("t", Role.TRUST_MANAGER, trust=catalogue.trusts[0].name),
    ):
        assert not may_adopt(who)
        with pytest.raises(AccessDenied):
            plan_adoption(default_db, who, catalogue, rid)
    plan = plan_adoption(default_db, EDITOR, catalogue, rid)
    with pytest.raises(StudyProblems, match="changed"):
        adopt_pooled(default_db, EDITOR, catalogue, rid, reason="x", confirmed_key="0000")
    other = next(r.id for r in catalogue.requirements if r.id != rid)
    with pytest.raises(StudyProblems, match="no pooled figure"):
        plan_adoption(default_db, EDITOR, catalogue, other)
    assert plan.key  # a plan names what it confirms


def test_adopting_from_the_command_line_shows_old_to_new_then_saves_with_the_key(default_db, default_db_path,
                                                                                monkeypatch, capsys):  # fmt: skip
    import json

    from proportion.cli import main

    _, rid = two_trusts_measured(default_db)
    monkeypatch.setenv("PROPORTION_DB", str(default_db_path))
    monkeypatch.setenv("PROPORTION_PASSWORD", "correct horse battery")
    for name, role in (("eddie", "catalogue_editor"), ("ana", "association_analyst")):
        assert main(["users", "add", name, "--role", role]) == 0
    capsys.readouterr()
    assert main(["--as", "eddie", "study", "adopt", rid, "--json"]) == 0  # without --confirm: the plan, nothing saved
    plan = json.loads(capsys.readouterr().out)
    assert plan["adopted"] is False and plan["requirement"] == rid and "→" in plan["change"]
    assert plan["old"]["central"] != plan["new"]["central"] and len(plan["inputs"]) == 2
    assert main(["--as", "eddie", "study", "adopt", rid, "--confirm", plan["key"], "--json"]) == 1
    assert "reason" in capsys.readouterr().err
    assert main(["--as", "eddie", "study", "adopt", rid, "--confirm", plan["key"], "--reason", "pooled", "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["adopted"] is True and done["provenance"]["kind"] == "derived"
    assert (
        next(r for r in load_catalogue(default_db).requirements if r.id == rid).minutes_central
        == done["new"]["central"]
    )
    status = main(["--as", "ana", "study", "adopt", rid, "--confirm", plan["key"], "--reason", "x"])
    err = capsys.readouterr().err
    assert status == 1 and "may not" in err and "Traceback" not in err


def test_adopting_for_a_requirement_with_activities_shares_the_measured_minutes_out_in_their_proportions(default_db):
    """The study measured the whole requirement each time, not who did which step: the measured minutes replace
    its total, and each activity keeps its share of the central estimate, at low, central and high alike."""
    from audit.study_pooling import adopt_pooled, plan_adoption
    from catalogue.models import ProvenanceKind

    rid = "PTRS-DATA-CHECK"  # sign off by a senior officer, validate by administrative staff
    catalogue = load_catalogue(default_db)
    before = next(r for r in catalogue.requirements if r.id == rid)
    shares = {a.id: a.minutes_central / before.minutes_central for a in before.activities}
    first, second = (t.name for t in catalogue.trusts[:2])
    run_study(default_db, catalogue, first, rid, 6, before.minutes_central * 0.5, "a")
    run_study(default_db, catalogue, second, rid, 7, before.minutes_central * 0.6, "b")
    catalogue = load_catalogue(default_db)
    plan = plan_adoption(default_db, EDITOR, catalogue, rid)
    assert [a.activity for a in plan.activities] == [a.id for a in before.activities]
    assert "sign_off" in plan.describe() and "in proportion" in plan.describe()
    adopt_pooled(default_db, EDITOR, catalogue, rid, reason="two trusts timed it", confirmed_key=plan.key)

    after = next(r for r in load_catalogue(default_db).requirements if r.id == rid)
    assert (after.minutes_low, after.minutes_central, after.minutes_high) == pytest.approx(
        (plan.new_low, plan.new_central, plan.new_high)
    )
    assert [a.grade for a in after.activities] == [a.grade for a in before.activities]  # who does what is kept
    for activity in after.activities:
        share = shares[activity.id]
        assert (activity.minutes_low, activity.minutes_central, activity.minutes_high) == pytest.approx(
            (plan.new_low * share, plan.new_central * share, plan.new_high * share)
        )
        provenance = activity.minutes_provenance
        assert provenance.kind == ProvenanceKind.DERIVED  # never cited: a share of a measured total
        assert f"{share:.0%}" in (provenance.rationale or "") and "Inverse-variance" in (provenance.rationale or "")
        assert first in (provenance.rationale or "") and second in (provenance.rationale or "")
    assert after.minutes_provenance.kind == ProvenanceKind.DERIVED


def test_adopting_refuses_in_words_a_requirement_whose_activities_have_no_central_minutes(default_db):
    from audit.study_pooling import plan_adoption
    from catalogue.store import get_requirement, upsert_requirement

    rid = "PTRS-DATA-CHECK"
    catalogue = load_catalogue(default_db)
    before = get_requirement(default_db, rid)
    run_study(default_db, catalogue, catalogue.trusts[0].name, rid, 6, 60, "a")
    run_study(default_db, catalogue, catalogue.trusts[1].name, rid, 7, 80, "b")
    data = before.model_dump()
    data["activities"] = [a | {"minutes_low": 0, "minutes_central": 0} for a in data["activities"]]
    data |= {"minutes_low": None, "minutes_central": None, "minutes_high": None}
    upsert_requirement(default_db, type(before).model_validate(data))
    with pytest.raises(StudyProblems) as caught:
        plan_adoption(default_db, EDITOR, load_catalogue(default_db), rid)
    [message] = caught.value.problems
    assert "activities" in message and "central" in message and "_" not in message.replace("sign_off", "")
