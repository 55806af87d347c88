"""A trust's own business-as-usual share replaces the requirement's in that trust only. Figures worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.engine import run_audit
from audit.summary import audit_summary
from catalogue.models import Catalogue, LocalMeasurement, Provenance
from tests.audit_fixtures import directive, grade, requirement, trust

BAU_SOURCE = Provenance.estimate("a trust would record most of this for its own case management")


def _catalogue(national_share: float, *local: LocalMeasurement) -> Catalogue:
    """Trusts A and B with 1,000 cases each; R1 once a year per case for 60 minutes at a PO's £20 an hour."""
    extra = {"bau_share": national_share, "bau_provenance": BAU_SOURCE} if national_share else {}
    return Catalogue(
        directives=[directive("PI 01/2010", "2010-01")],
        requirements=[requirement("R1", "PI 01/2010", minutes_low=60, minutes_central=60, minutes_high=60, **extra)],
        staff_grades=[grade("po", 30_000)],
        trusts=[trust("A", 1000, 0, 0, {"po": 10}), trust("B", 1000, 0, 0, {"po": 10})],
        local_measurements=list(local),
    )


def _local(**figures: float) -> LocalMeasurement:
    source = {"bau_source": "the trust's review of the work"} if "bau_share" in figures else {}
    return LocalMeasurement(
        trust="A", requirement="R1", recorded_on=dt.date(2011, 1, 1), comment="measured", **figures, **source
    )


def test_a_trust_s_share_of_50_percent_halves_its_burden_where_the_national_share_is_nil() -> None:
    result = run_audit(_catalogue(0.0, _local(bau_share=0.5)))
    by_trust = result.by_trust.set_index("trust")
    # A: 1,000 cases x 60 minutes = 1,000 h of activity, half done anyway: 500 h; B keeps all 1,000 h.
    assert by_trust.loc["A", "hours_central"] == pytest.approx(500)
    assert by_trust.loc["B", "hours_central"] == pytest.approx(1000)
    assert by_trust.loc["A", "cost_central"] == pytest.approx(500 * 25)  # £20 an hour plus the 25% overhead
    national = audit_summary(result).national
    assert national.hours.central == pytest.approx(1500)
    assert national.administrative_cost.hours.central == pytest.approx(2000)
    assert national.business_as_usual.hours.central == pytest.approx(500)
    row = result.table(trusts=["A"]).iloc[0]
    assert row["bau_share"] == 0.5 and row["hours_central"] == pytest.approx(500) and row["basis"] == "local"


def test_a_trust_s_share_replaces_the_requirement_s_and_combines_with_its_own_minutes() -> None:
    result = run_audit(_catalogue(0.25, _local(bau_share=0.5)))
    by_trust = result.by_trust.set_index("trust")
    assert by_trust.loc["A", "hours_central"] == pytest.approx(500)  # 1,000 h x (1 - 0.5), not x (1 - 0.25)
    assert by_trust.loc["B", "hours_central"] == pytest.approx(750)
    result = run_audit(_catalogue(0.25, _local(bau_share=0.5, minutes=30)))
    by_trust = result.by_trust.set_index("trust")
    assert by_trust.loc["A", "hours_central"] == pytest.approx(250)  # 1,000 x 30 minutes = 500 h, half done anyway
    assert result.table(trusts=["A"]).iloc[0]["hours_central"] == pytest.approx(250)
    assert audit_summary(result).national.hours.central == pytest.approx(1000)


def test_a_measurement_of_the_share_alone_is_a_measurement() -> None:
    assert _local(bau_share=0.0).bau_share == 0.0
    with pytest.raises(ValueError, match="business-as-usual share"):
        LocalMeasurement(trust="A", requirement="R1", recorded_on=dt.date(2011, 1, 1))
    with pytest.raises(ValueError):
        _local(bau_share=1.5)


def test_the_monte_carlo_interval_uses_the_trust_s_own_share() -> None:
    result = run_audit(_catalogue(0.25, _local(bau_share=0.5)))
    by_trust = result.uncertainty.by_trust.set_index("trust")
    assert by_trust.loc["A", "hours_p50"] == pytest.approx(500)  # the minutes are a point figure: no spread
    assert by_trust.loc["B", "hours_p50"] == pytest.approx(750)
