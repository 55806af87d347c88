"""Editing help: the defaults of a new requirement, a suggested id, and problems in plain words."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from catalogue.dataset import load_default_catalogue
from catalogue.editing import form_defaults, plain_errors, read_percent, suggested_requirement_id
from catalogue.models import Directive, Requirement
from tests.factories import requirement


def test_defaults_are_the_most_common_values_of_the_default_data() -> None:
    defaults = form_defaults(load_default_catalogue())
    assert defaults["activity"] == "reporting"  # 52 requirements; familiarisation has 38
    assert defaults["grade"] == "po"  # 84 requirements
    assert defaults["driver"] == "per_trust" and defaults["modality"] == "must"


def test_a_suggested_id_follows_the_directive_s_ids_and_is_free() -> None:
    catalogue = load_default_catalogue()
    assert suggested_requirement_id(catalogue, "PI 02/2010") == "PI02-10-4"  # PI02-10-COMPLIANCE, -HOURS, -VISIBLE
    assert suggested_requirement_id(catalogue, "PI 03/2010") == "PI03-10-1"  # no requirement yet: from its reference
    assert suggested_requirement_id(catalogue, "AP Handbook 2002") == "APH-5"
    taken = catalogue.model_copy(
        update={"requirements": [*catalogue.requirements, requirement("PI02-10-4", "PI 02/2010")]}
    )
    assert suggested_requirement_id(taken, "PI 02/2010") == "PI02-10-5"
    ids = {r.id for r in catalogue.requirements}
    for d in catalogue.directives:
        suggestion = suggested_requirement_id(catalogue, d.reference)
        assert suggestion not in ids
        requirement(suggestion, d.reference)  # a valid id


def test_validation_problems_say_what_to_type_never_the_pattern() -> None:
    with pytest.raises(ValidationError) as caught:
        requirement("bad id!", text="", minutes_low=30, minutes_central=10, actor="")
    problems = plain_errors(caught.value)
    assert problems["id"] == [
        "An id is letters, digits, dots or dashes, up to 60 characters, starting with a letter or digit "
        "(e.g. PI02-10-4)."
    ]
    assert problems["text"] == ["Type the requirement's text."]
    shown = " ".join(m for messages in problems.values() for m in messages)
    assert "pattern" not in shown and "String should" not in shown and "_" not in shown
    with pytest.raises(ValidationError) as caught:
        Directive(reference="P", title="x", type="Probation Instruction", issuer="NOMS")
    assert plain_errors(caught.value)["reference"] == ["A reference is 2 to 60 characters, e.g. PI 15/2010."]
    with pytest.raises(ValidationError) as caught:
        Requirement.model_validate({**requirement().model_dump(), "bau_share": 0.5})
    assert plain_errors(caught.value)[""] == ["A business-as-usual share needs its source or rationale."]


@pytest.mark.parametrize(
    ("typed", "share", "problem"),
    [("25", 0.25, False), ("25%", 0.25, False), (" 12.5 ", 0.125, False), ("", None, False), ("0", 0.0, False),
     ("150", None, True), ("-5", None, True), ("abc", None, True), ("1,000", None, True), ("nan", None, True)],
)  # fmt: skip
def test_a_percentage_is_read_as_typed(typed: str, share: float | None, problem: bool) -> None:
    value, wrong = read_percent(typed)
    assert value == share and bool(wrong) == problem


def test_driver_choices_are_the_built_in_drivers_then_the_catalogue_s_own() -> None:
    from catalogue.editing import driver_choices
    from catalogue.models import VolumeDriver

    catalogue = load_default_catalogue()
    built_in = driver_choices(catalogue)
    catalogue.drivers.append(VolumeDriver(key="ap_places", name="Approved premises places", unit="place"))
    choices = driver_choices(catalogue)
    assert list(choices)[: len(built_in)] == list(built_in)
    assert choices["ap_places"] == "Approved premises places"
