"""Likely double counts: similar requirements under different directives, for an editor to resolve."""

from __future__ import annotations

import datetime as dt

from audit.double_counts import likely_double_counts
from catalogue.dataset import load_default_catalogue
from catalogue.models import Catalogue, Directive
from tests.factories import requirement, small_catalogue

RETURN = "Areas must send the monthly unpaid work return to the National Probation Directorate by the 15th."
RESTATED = "Areas must send the monthly unpaid work return to the National Probation Directorate by the 15th day."


def two_directives(**second: object) -> Catalogue:
    """A catalogue with two directives in force together, each with a near-identical requirement."""
    base = small_catalogue()
    other = Directive(
        reference="PC 66/2005", title="Unpaid work", type="Probation Circular", issuer="NPD", issued="2005-08-19"
    )
    first = requirement("UPW-A", "PI 15/2010", text=RETURN, activity="reporting", driver="per_trust")
    fields = {"text": RESTATED, "activity": "reporting", "driver": "per_trust", **second}
    copy = requirement("UPW-B", "PC 66/2005", **fields)
    return base.model_copy(
        update={"directives": [*base.directives, other], "requirements": [*base.requirements, first, copy]}
    )


def test_two_near_identical_requirements_under_two_directives_are_flagged_with_the_reason() -> None:
    pairs = likely_double_counts(two_directives(), on=dt.date(2011, 3, 31))
    assert [(p.a, p.b) for p in pairs] == [("UPW-A", "UPW-B")]
    pair = pairs[0]
    assert 0.9 <= pair.score <= 1.0
    assert {pair.directive_a, pair.directive_b} == {"PI 15/2010", "PC 66/2005"}
    assert "similar" in pair.reason and "reporting" in pair.reason.lower() and "per trust" in pair.reason.lower()
    assert pair.reason.count("%") == 1  # the wording's similarity, as a percentage


def test_after_marking_one_counted_in_the_other_the_pair_is_not_flagged() -> None:
    resolved = two_directives(counted_in="UPW-A", counted_in_reason="the same monthly return, costed once")
    assert likely_double_counts(resolved, on=dt.date(2011, 3, 31)) == []
    assert likely_double_counts(resolved) == []


def test_different_populations_are_not_flagged() -> None:
    assert likely_double_counts(two_directives(driver="per_case"), on=dt.date(2011, 3, 31)) == []


def test_different_activities_are_not_flagged() -> None:
    assert likely_double_counts(two_directives(activity="recording"), on=dt.date(2011, 3, 31)) == []


def test_requirements_never_in_force_together_are_not_flagged() -> None:
    """PC 24/2004 is cancelled by PI 15/2010: a successor restating its predecessor's duty is not counted twice."""
    base = two_directives()
    moved = [r.model_copy(update={"directive": "PC 24/2004"}) if r.id == "UPW-B" else r for r in base.requirements]
    catalogue = base.model_copy(update={"requirements": moved})
    assert likely_double_counts(catalogue) == []
    assert likely_double_counts(catalogue, on=dt.date(2008, 1, 1)) == []


def test_without_a_date_every_day_counts_and_the_overlap_is_given() -> None:
    pairs = likely_double_counts(two_directives())
    assert [(p.a, p.b) for p in pairs] == [("UPW-A", "UPW-B")]
    assert pairs[0].from_date == dt.date(2010, 10, 1)  # PI 15/2010 took effect; PC 66/2005 had no end
    assert pairs[0].to_date is None
    # before PI 15/2010 took effect only one of them is in force
    assert likely_double_counts(two_directives(), on=dt.date(2009, 1, 1)) == []


def test_a_template_many_directives_apply_each_to_their_own_specification_is_not_a_double_count() -> None:
    """'Demonstrate compliance with its mandatory actions' is each specification's own duty, not the same work."""
    base = small_catalogue()
    subjects = ["unpaid work", "approved premises", "community orders", "court reports"]
    directives = [
        Directive(reference=f"PI 0{i}/2011", title=s, type="Probation Instruction", issuer="NOMS", issued="2011-04-01")
        for i, s in enumerate(subjects, start=1)
    ]
    reqs = [
        requirement(
            f"SPEC-{i}",
            d.reference,
            text=f"Trusts must deliver {s} to the specification and demonstrate compliance with its mandatory "
            "actions when the Director of Offender Management requires.",
            activity="reporting",
            driver="per_trust",
        )
        for i, (d, s) in enumerate(zip(directives, subjects, strict=True), start=1)
    ]
    catalogue = base.model_copy(
        update={"directives": [*base.directives, *directives], "requirements": [*base.requirements, *reqs]}
    )
    assert likely_double_counts(catalogue) == []


def test_the_default_data_has_no_unresolved_double_count_at_any_date() -> None:
    catalogue = load_default_catalogue()
    assert likely_double_counts(catalogue) == []
    resolved = [r.id for r in catalogue.requirements if r.counted_in]
    assert len(resolved) >= 11


def test_marking_one_counted_in_the_other_needs_a_reason() -> None:
    import pytest

    from audit.double_counts import CountedOnceRefused, mark_counted_in

    one = requirement("UPW-B", "PC 66/2005")
    with pytest.raises(CountedOnceRefused, match="Say why UPW-B's work is counted in UPW-A"):
        mark_counted_in(one, "UPW-A", "  ")
    with pytest.raises(CountedOnceRefused, match="itself"):
        mark_counted_in(one, "upw-b", "the same")
    marked = mark_counted_in(one, "UPW-A", "the same monthly return")
    assert (marked.counted_in, marked.counted_in_reason) == ("UPW-A", "the same monthly return")
    assert marked.text == one.text
