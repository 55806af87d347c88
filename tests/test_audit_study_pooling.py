"""Pooling the trusts' accepted study figures for the association: inverse-variance by hand, only figures over at
least five participants leave their trust, and trusts do not see one another's."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.access import AccessDenied, Role, User
from audit.accounts import add_user
from audit.engine import run_audit
from audit.study import DayEntry, create_study, record_day
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
