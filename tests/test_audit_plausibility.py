"""A trust's own figure far from the national one is questioned before it is saved and flagged afterwards."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.access import Role, User
from audit.engine import run_audit
from audit.plausibility import concerns_for, flagged_figures, may_see_every_flag, plan_save
from audit.policy import Policy, describe_policy
from catalogue.local_figures import FigureRow
from catalogue.models import LocalMeasurement
from tests.factories import small_catalogue

BETA = "Beta Probation Trust"  # caseload 2,000: R1 (per case, 3 a year, 60/90/120 minutes) happens 6,000 times


def _concern(minutes=None, count=None, policy=None):
    return concerns_for(
        "Kent", "R1", minutes, count, national_minutes=8, national_high=15, national_count=100, policy=policy
    )


def test_99_minutes_where_the_national_figure_is_8_is_questioned_with_its_reasons():
    [concern] = _concern(99)
    assert concern.column == "Our minutes"
    assert concern.reasons == ("more than 3 times the national figure", "above its high figure")
    assert concern.describe().startswith("99 minutes where the national figure is 8 (high 15)")


@pytest.mark.parametrize("minutes", [8, 3, 15, 2.7])
def test_a_figure_within_the_band_is_not_questioned(minutes):
    assert _concern(minutes) == []


def test_a_figure_below_a_third_or_a_count_far_from_the_national_one_is_questioned():
    [low] = _concern(2)
    assert low.reasons == ("less than 1/3 of the national figure",)
    [count] = _concern(count=400)
    assert (count.column, count.national, count.national_high) == ("Our times a year", 100, None)
    assert _concern(count=300) == []  # exactly three times is inside the band


def test_the_band_is_the_policys_and_each_setting_says_why():
    lenient = Policy().with_values(plausible_ratio=20, plausible_above_high=False, actor="ann", reason="pilot")
    assert _concern(99, policy=lenient) == []
    rows = {r["setting"]: r for r in describe_policy(Policy())}
    for name in ("plausible_ratio", "plausible_above_high"):
        assert rows[name]["is_estimate"] and len(rows[name]["source"]) > 60


def _with_measurements(*measurements: LocalMeasurement):
    catalogue = small_catalogue()
    return catalogue.model_copy(update={"local_measurements": [*catalogue.local_measurements, *measurements]})


def _measured(requirement, minutes=None, count=None, trust=BETA, comment="timed"):
    return LocalMeasurement(
        trust=trust, requirement=requirement, minutes=minutes, occurrences_per_year=count, comment=comment,
        recorded_by="bea", recorded_on=dt.date(2026, 11, 24),
    )  # fmt: skip


def test_every_stored_figure_outside_the_band_is_flagged_with_its_effect_on_the_hours():
    catalogue = _with_measurements(_measured("R1", minutes=400), _measured("R2", count=100, comment="weekly"))
    flagged = flagged_figures(run_audit(catalogue))
    assert flagged[["trust", "requirement", "figure"]].values.tolist() == [
        [BETA, "R1", "Our minutes"],
        [BETA, "R2", "Our times a year"],
    ]  # Alpha's 75 minutes against the national 90 is plausible
    r1 = flagged.iloc[0]
    assert (r1["value"], r1["national"], r1["national_high"]) == (400, 90, 120)
    assert r1["reason"] == "more than 3 times the national figure; above its high figure"
    assert (r1["hours_national"], r1["hours_central"]) == pytest.approx((6000 * 90 / 60, 6000 * 400 / 60))
    assert r1["difference_hours"] == pytest.approx(6000 * 310 / 60)
    r2 = flagged.iloc[1]
    assert (r2["value"], r2["national"], r2["comment"]) == (100, 12, "weekly")
    assert flagged_figures(run_audit(catalogue), trust="Alpha Probation Trust").empty


def test_a_figure_of_a_requirement_not_in_force_is_not_flagged():
    catalogue = _with_measurements(_measured("R3", minutes=500))  # R3's directive was cancelled
    assert flagged_figures(run_audit(catalogue)).empty


def _rows(minutes, comment=""):
    return [FigureRow("R1", "R1 (Complete an OASys review)", minutes, "", comment, 0)]


def test_a_save_with_a_far_figure_waits_for_a_confirmation_of_those_figures_and_a_comment():
    burden = run_audit(small_catalogue()).burden
    policy = Policy()
    draft = plan_save(burden, BETA, _rows("400"), policy)
    assert draft.needs_confirmation and not draft.ready and draft.problems == []
    assert plan_save(burden, BETA, _rows("400"), policy, confirmed_key="stale-key").needs_confirmation
    confirmed = plan_save(burden, BETA, _rows("400"), policy, confirmed_key=draft.key)
    assert not confirmed.ready
    assert [(p.row, p.column) for p in confirmed.problems] == [("R1 (Complete an OASys review)", "Comment")]
    ready = plan_save(burden, BETA, _rows("400", "timed over 20 cases"), policy, confirmed_key=draft.key)
    assert ready.ready
    [edit] = ready.to_save()
    assert edit.comment == "timed over 20 cases" and "confirmed far from the national figure: 400 minutes" in edit.note
    other = plan_save(burden, BETA, _rows("500", "timed"), policy, confirmed_key=draft.key)
    assert other.needs_confirmation, "a confirmation covers the figures it was given for, not new ones"


def test_a_plausible_save_needs_no_confirmation_and_an_unreadable_one_is_not_compared():
    burden = run_audit(small_catalogue()).burden
    assert plan_save(burden, BETA, _rows("100"), Policy()).ready
    bad = plan_save(burden, BETA, _rows("-400"), Policy())
    assert bad.concerns == [] and [p.column for p in bad.problems] == ["Our minutes"] and not bad.ready


@pytest.mark.parametrize("role", list(Role))
def test_the_administrator_and_the_association_see_every_trusts_flagged_figures(role):
    user = User("u", role, trust="Kent" if role == Role.TRUST_MANAGER else None)
    assert may_see_every_flag(user) == (role in {Role.ADMINISTRATOR, Role.ASSOCIATION_ANALYST})


def test_the_slip_of_the_issue_is_questioned_and_its_flag_gives_what_it_does_to_the_trusts_hours():
    """99 minutes typed where the national figure is 8 (recording every appointment) more than doubles a trust."""
    from catalogue.dataset import load_default_catalogue

    catalogue = load_default_catalogue()
    trust = "Greater Manchester Probation Trust"
    before = run_audit(catalogue)
    draft = plan_save(before.burden, trust, [FigureRow("NS07-CONTACT-REC", "", "99", "", "", 0)], Policy())
    [concern] = draft.concerns
    assert (concern.national, concern.column) == (8, "Our minutes") and draft.needs_confirmation
    slipped = catalogue.model_copy(
        update={"local_measurements": [_measured("NS07-CONTACT-REC", minutes=99, trust=trust)]}
    )
    after = run_audit(slipped)
    hours = {r.trust: r.hours_central for r in after.by_trust.itertuples()}
    base = {r.trust: r.hours_central for r in before.by_trust.itertuples()}
    assert hours[trust] > 2 * base[trust]
    [flag] = flagged_figures(after).to_dict("records")
    assert flag["difference_hours"] == pytest.approx(hours[trust] - base[trust])
