"""One-off costs net the business-as-usual share by the same rule as the recurring cost: the requirement's share,
or in a trust that set its own, the trust's. Figures worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.engine import run_audit
from audit.policy import Policy
from audit.summary import audit_summary
from catalogue.models import Catalogue, LocalMeasurement, Provenance
from tests.audit_fixtures import directive, grade, requirement, trust

ONE_OFF = Provenance.estimate("each case is re-assessed once under the new rules")
SHARE = Provenance.estimate("a trust would re-assess a quarter of its cases anyway")


def _catalogue(national_share: float, *local: LocalMeasurement) -> Catalogue:
    """Trusts A and B with 1,000 cases each; R1 brings 60 one-off minutes a case at a PO's £20 an hour."""
    extra = {"bau_share": national_share, "bau_provenance": SHARE} if national_share else {}
    r1 = requirement("R1", "PI 01/2010", minutes_low=60, minutes_central=60, minutes_high=60, one_off_minutes=60,
                     one_off_out_of_pocket_gbp=2, one_off_provenance=ONE_OFF, **extra)  # fmt: skip
    return Catalogue(
        directives=[directive("PI 01/2010", "2010-01")],
        requirements=[r1],
        staff_grades=[grade("po", 30_000)],
        trusts=[trust("A", 1000, 0, 0, {"po": 10}), trust("B", 1000, 0, 0, {"po": 10})],
        local_measurements=list(local),
    )


def audit(catalogue: Catalogue):
    return run_audit(catalogue, Policy(overhead_rate=0))  # £20 an hour, no overhead on top


def _own_share(share: float) -> LocalMeasurement:
    return LocalMeasurement(trust="A", requirement="R1", recorded_on=dt.date(2011, 1, 1), bau_share=share,
                            bau_source="our review of the cases")  # fmt: skip


def test_without_any_share_the_one_off_is_its_whole_cost() -> None:
    one_off = audit_summary(audit(_catalogue(0.0))).national.one_off
    # 2,000 cases x 60 minutes = 2,000 hours at £20 = £40,000, plus 2,000 x £2 bought in.
    assert (one_off.hours, one_off.cost) == pytest.approx((2000, 44_000))


def test_the_national_share_is_taken_off_the_one_off_as_off_the_recurring_cost() -> None:
    result = audit(_catalogue(0.25))
    one_off = audit_summary(result).national.one_off
    assert (one_off.hours, one_off.cost) == pytest.approx((1500, 33_000))
    assert result.national["hours_central"] == pytest.approx(1500)  # the recurring cost: the same rule


def test_a_trusts_own_share_replaces_the_national_one_for_its_part_of_the_one_off() -> None:
    result = audit(_catalogue(0.25, _own_share(0.5)))
    one_off = audit_summary(result).national.one_off
    # A: 1,000 h x (1 - 0.5) = 500 h; B: 1,000 h x (1 - 0.25) = 750 h.
    assert one_off.hours == pytest.approx(1250)
    assert one_off.cost == pytest.approx(1250 * 20 + 2 * (500 + 750))
    assert result.national["hours_central"] == pytest.approx(1250)  # as the recurring cost
    nil = audit_summary(audit(_catalogue(0.0, _own_share(1.0)))).national.one_off  # all of A's done anyway
    assert nil.hours == pytest.approx(1000)
