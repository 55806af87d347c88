"""Stock and flow of requirements in force, and the one-in-two-out rule."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.stock import (
    directives_in_force,
    one_in_two_out,
    requirements_in_force,
    stock_and_flow,
    undated_removals,
)
from tests.audit_fixtures import directive, two_trust_catalogue


def test_in_force_follows_issue_and_cancellation_dates():
    cat = two_trust_catalogue()
    assert directives_in_force(cat, dt.date(2011, 3, 31)) == ["PC 02/2009", "PI 01/2010", "PI 04/2010"]
    # PC 03/2008 binds until its canceller PI 04/2010 takes effect on 1 June 2010.
    assert "PC 03/2008" in directives_in_force(cat, dt.date(2010, 5, 31))
    assert "PC 03/2008" not in directives_in_force(cat, dt.date(2010, 6, 1))
    assert requirements_in_force(cat, dt.date(2011, 3, 31)) == 3
    assert requirements_in_force(cat, dt.date(2011, 12, 31)) == 4
    assert requirements_in_force(cat, dt.date(2007, 12, 31)) == 0


def test_an_expiry_date_does_not_end_a_directive_but_an_ended_date_does():
    cat = two_trust_catalogue()
    cat.directives.append(directive("PI 09/2009", "2009-01", expiry="2010-01"))
    cat.directives.append(directive("PI 10/2009", "2009-01", status="cancelled", ended="2010-01"))
    on = directives_in_force(cat, dt.date(2011, 3, 31))
    assert "PI 09/2009" in on and "PI 10/2009" not in on


def test_a_cancelled_directive_without_any_date_is_left_out_and_listed():
    cat = two_trust_catalogue()
    cat.directives.append(directive("PC 11/2006", "2006", status="cancelled"))
    assert "PC 11/2006" not in directives_in_force(cat, dt.date(2007, 1, 1))
    assert undated_removals(cat) == ["PC 11/2006"]


def test_stock_and_flow_by_financial_year_is_consistent():
    """2010-11: PI 04/2010 (R4) added, PC 03/2008 (R3) removed when PI 04/2010 took effect."""
    table = stock_and_flow(two_trust_catalogue(), 2008, 2011).set_index("year")
    assert table.loc["2010-11", "added"] == 1 and table.loc["2010-11", "removed"] == 1
    assert table.loc["2009-10", "added"] == 1  # PI 01/2010, January 2010
    assert table.loc["2011-12", "stock_end"] == 4
    assert (table["stock_end"] == table["stock_start"] + table["added"] - table["removed"]).all()
    assert (table["stock_start"].iloc[1:].to_numpy() == table["stock_end"].iloc[:-1].to_numpy()).all()


def test_one_in_two_out_needs_outs_worth_twice_the_ins():
    assert one_in_two_out(100, 200).passes
    assert not one_in_two_out(100, 199.99).passes
    assert one_in_two_out(0, 0).passes and one_in_two_out(0, 0).as_dict()["ratio"] is None
    assert one_in_two_out(100, 250).ratio == pytest.approx(2.5)
