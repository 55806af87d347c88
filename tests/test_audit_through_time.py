"""The burden through time: each quarter-end audited alike, and the directive changes that move it."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.engine import run_audit
from audit.policy import Policy
from audit.through_time import burden_through_time, quarter_ends
from tests.audit_fixtures import two_trust_catalogue


def test_every_quarter_end_is_the_audit_of_that_date():
    cat = two_trust_catalogue()
    national, by_trust, changes = burden_through_time(cat, Policy(), dt.date(2010, 1, 1), dt.date(2011, 12, 31))
    assert list(national["date"]) == quarter_ends(dt.date(2010, 1, 1), dt.date(2011, 12, 31))
    on_audit_date = national.set_index("date").loc[dt.date(2011, 3, 31)]
    assert on_audit_date["hours_central"] == pytest.approx(run_audit(cat).national["hours_central"])
    assert len(by_trust) == 2 * len(national)
    # PI 04/2010 takes effect on 1 June 2010 (replacing PC 03/2008); PI 05/2011 is issued in June 2011.
    assert {(str(d), r, c) for d, r, c in changes.itertuples(index=False)} >= {
        ("2010-06-30", "PI 04/2010", "in force"),
        ("2011-06-30", "PI 05/2011", "in force"),
    }


def test_the_default_data_shows_the_april_2011_change_of_national_standards():
    from catalogue.dataset import load_default_catalogue

    national, _, changes = burden_through_time(
        load_default_catalogue(), Policy(), dt.date(2011, 1, 1), dt.date(2011, 9, 30)
    )
    march, june = national.set_index("date").loc[[dt.date(2011, 3, 31), dt.date(2011, 6, 30)], "hours_central"]
    assert june < march
    assert ("NS 2007", "no longer in force") in {(r, c) for _, r, c in changes.itertuples(index=False)}


def test_every_quarter_end_of_the_default_data_equals_its_own_audit_nationally_and_in_every_trust():
    from audit.burden import compute_burden, frames
    from catalogue.dataset import load_default_catalogue

    cat, policy = load_default_catalogue(), Policy()
    first, last = dt.date(2009, 12, 31), dt.date(2012, 6, 30)
    national, by_trust, _ = burden_through_time(cat, policy, first, last)
    f = frames(cat)
    for day in quarter_ends(first, last):
        burden = compute_burden(cat, policy.model_copy(update={"audit_date": day}), f)
        row = national.set_index("date").loc[day]
        assert row["requirements"] == len(burden.requirements)
        for column in ("hours_low", "hours_central", "hours_high", "cost_central"):
            assert row[column] == pytest.approx(burden.requirements[column].sum(), rel=1e-12)
        trusts = by_trust[by_trust["date"] == day].set_index("trust")["hours_central"]
        expected = burden.by_trust.set_index("trust")["hours_central"]
        assert trusts.to_numpy() == pytest.approx(expected.loc[trusts.index].to_numpy(), rel=1e-12)
