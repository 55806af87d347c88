"""Administrative cost, business as usual and burden apart; prescribed practice kept out of the burden; work
counted once. Every figure worked out by hand on a one-trust catalogue."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from audit.engine import run_audit
from audit.policy import Policy
from audit.summary import audit_summary
from catalogue.errors import ImportProblems
from catalogue.models import Catalogue, Provenance
from catalogue.tables import from_tables, to_tables
from tests.audit_fixtures import directive, grade, requirement, trust

BAU_SOURCE = Provenance.estimate("a trust would record most of this for its own case management")


def _catalogue(**extra_requirements) -> Catalogue:
    """One trust with 1,000 cases; R1 once a year per case for 60 minutes at a PO's £20 an hour."""
    reqs = [requirement("R1", "PI 01/2010", minutes_low=60, minutes_central=60, minutes_high=60, **extra_requirements)]
    return Catalogue(
        directives=[directive("PI 01/2010", "2010-01")],
        requirements=reqs,
        staff_grades=[grade("po", 30_000)],
        trusts=[trust("A", 1000, 0, 0, {"po": 10})],
    )


def test_the_burden_is_the_administrative_cost_less_business_as_usual():
    result = run_audit(_catalogue(bau_share=0.25, bau_provenance=BAU_SOURCE))
    national = audit_summary(result).national
    # 1,000 cases x 60 minutes = 1,000 h of activity; a quarter is done anyway: 250 h; the burden is 750 h.
    assert national.administrative_cost.hours.central == pytest.approx(1000)
    assert national.business_as_usual.hours.central == pytest.approx(250)
    assert national.hours.central == pytest.approx(750)
    # £20 an hour plus the 25% overhead: £25 an hour.
    assert national.cost.central == pytest.approx(750 * 25)
    assert national.administrative_cost.cost.central == pytest.approx(1000 * 25)


def test_a_share_set_in_the_policy_replaces_the_requirements_own():
    result = run_audit(_catalogue(bau_share=0.25, bau_provenance=BAU_SOURCE), Policy(bau_share={"R1": 0.5}))
    assert result.national["hours_central"] == pytest.approx(500)
    assert result.national["bau_hours_central"] == pytest.approx(500)


def test_prescribed_practice_is_costed_apart_and_never_in_the_burden():
    cat = _catalogue()
    contact = requirement(
        "R2",
        "PI 01/2010",
        minutes_low=30,
        minutes_central=30,
        minutes_high=30,
        occurrences_per_unit=12,
        kind_of_work="prescribed_practice",
        bau_share=0.8,
        bau_provenance=Provenance.estimate("a service would see most offenders this often without the rule"),
    )
    cat.requirements.append(contact)
    result = run_audit(cat)
    national = audit_summary(result).national
    assert national.hours.central == pytest.approx(1000)  # R1 only
    # R2: 1,000 x 12 x 30 / 60 = 6,000 h of contact, 80% done anyway: 1,200 h prescribed beyond that.
    assert national.prescribed_practice.hours.central == pytest.approx(1200)
    assert national.prescribed_practice_business_as_usual.hours.central == pytest.approx(4800)
    assert national.prescribed_requirements == 1
    assert "R2" not in set(result.proposals["target"])


def test_work_counted_in_another_requirement_is_never_added_twice():
    cat = _catalogue()
    cat.requirements.append(
        requirement("R2", "PI 01/2010", counted_in="R1", counted_in_reason="the same warning under two directives")
    )
    result = run_audit(cat)
    national = audit_summary(result).national
    assert national.hours.central == pytest.approx(1000)
    assert [c.requirement for c in national.counted_elsewhere] == ["R2"]
    assert national.counted_elsewhere[0].reason == "the same warning under two directives"


def test_a_business_as_usual_share_needs_a_source_and_a_count_elsewhere_needs_a_reason():
    with pytest.raises(ValidationError, match="business-as-usual"):
        requirement("R1", "PI 01/2010", bau_share=0.3)
    with pytest.raises(ValidationError, match="counted_in_reason"):
        requirement("R1", "PI 01/2010", counted_in="R9")
    with pytest.raises(ValidationError, match="itself"):
        requirement("R1", "PI 01/2010", counted_in="R1", counted_in_reason="x")
    with pytest.raises(ValidationError):
        requirement("R1", "PI 01/2010", bau_share=1.5, bau_provenance=BAU_SOURCE)


def test_an_import_naming_an_unknown_requirement_as_counted_in_is_refused_with_its_row():
    cat = _catalogue()
    cat.requirements.append(requirement("R2", "PI 01/2010", counted_in="NOPE", counted_in_reason="duplicate"))
    with pytest.raises(ImportProblems) as caught:
        from_tables(to_tables(cat), lambda table, index: (table, index + 2))
    problems = [(p.column, p.message) for p in caught.value.problems]
    assert ("counted_in", "unknown requirement 'NOPE'") in problems


def test_work_counted_in_a_requirement_that_is_not_in_force_is_counted_where_it_is():
    cat = _catalogue()
    cat.directives.append(directive("PI 09/2012", "2012-01"))  # after the audit date
    cat.requirements.append(requirement("R9", "PI 09/2012"))
    cat.requirements.append(
        requirement("R2", "PI 01/2010", counted_in="R9", counted_in_reason="the same work under a later directive")
    )
    result = run_audit(cat)
    # R9 is not in force on 31 March 2011, so R2 (1,000 x 10 / 60 h) is counted in its own right.
    assert result.national["hours_central"] == pytest.approx(1000 + 1000 * 10 / 60)
    assert result.burden.counted_elsewhere.empty
