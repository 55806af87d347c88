"""Names people type for a trust or a scenario: common spellings find the record, anything else is refused by name."""

from __future__ import annotations

import pytest

from catalogue.dataset import load_default_catalogue
from catalogue.errors import CatalogueError
from catalogue.names import UnknownName, resolve_name, resolve_trust

TRUSTS = [t.name for t in load_default_catalogue().trusts]
KENT = "Kent Probation"
LONDON = "London Probation Trust"


@pytest.mark.parametrize(
    ("typed", "trust"),
    [
        (KENT, KENT),
        ("Kent Probation Trust", KENT),  # the trust's name with "Trust" although it has none
        ("kent", KENT),
        ("  KENT   probation ", KENT),
        (LONDON, LONDON),
        ("London", LONDON),
        ("london probation", LONDON),
        ("London Trust", LONDON),
        ("Devon & Cornwall", "Devon and Cornwall Probation Trust"),
        ("devon and cornwall probation trust", "Devon and Cornwall Probation Trust"),
        ("Leicestershire & Rutland Probation Trust", "Leicestershire and Rutland Probation Trust"),
        ("Greater Manchester", "Greater Manchester Probation Trust"),
        ("York and North Yorkshire", "York and North Yorkshire Probation Trust"),
    ],
)
def test_common_spellings_of_a_trust_find_it(typed: str, trust: str) -> None:
    assert resolve_trust(typed, TRUSTS) == trust


def test_every_default_trust_is_found_with_and_without_its_suffix() -> None:
    for name in TRUSTS:
        short = name.removesuffix(" Probation Trust").removesuffix(" Probation")
        assert resolve_trust(short, TRUSTS) == name
        assert resolve_trust(f"{short} Probation Trust", TRUSTS) == name
        assert resolve_trust(name.upper(), TRUSTS) == name


def test_an_unknown_trust_is_refused_with_its_name() -> None:
    with pytest.raises(UnknownName) as caught:
        resolve_trust("Nonexistent", TRUSTS)
    assert caught.value.name == "Nonexistent" and caught.value.kind == "trust"
    assert str(caught.value).startswith("no trust called 'Nonexistent'")
    assert isinstance(caught.value, CatalogueError)  # the CLI prints it as one line


def test_a_misspelt_trust_gets_suggestions() -> None:
    with pytest.raises(UnknownName) as caught:
        resolve_trust("Londn", TRUSTS)
    assert LONDON in caught.value.suggestions
    assert f"did you mean {LONDON}?" in str(caught.value)


def test_a_name_shared_by_several_trusts_resolves_to_none_of_them() -> None:
    with pytest.raises(UnknownName) as caught:
        resolve_trust("Yorkshire", TRUSTS)
    assert {"South Yorkshire Probation Trust", "West Yorkshire Probation Trust"} <= set(caught.value.suggestions)


def test_a_fragment_of_a_word_does_not_pick_a_trust() -> None:
    with pytest.raises(UnknownName):
        resolve_trust("Ken", TRUSTS)
    with pytest.raises(UnknownName):
        resolve_trust("", TRUSTS)


def test_exact_name_wins_over_a_shorter_one_with_the_same_words() -> None:
    names = ["Ax Probation", "Ax Probation Trust"]
    assert resolve_trust("Ax Probation", names) == "Ax Probation"
    assert resolve_trust("ax probation trust", names) == "Ax Probation Trust"
    with pytest.raises(UnknownName):
        resolve_trust("Ax", names)  # both are "Ax": say so rather than guess


def test_scenario_names_ignore_case_and_spacing_but_nothing_else() -> None:
    names = ["Quick wins", "Ministry plan 2012"]
    assert resolve_name(" quick  WINS ", names, "scenario") == "Quick wins"
    with pytest.raises(UnknownName) as caught:
        resolve_name("Quick win", names, "scenario")
    assert str(caught.value) == "no scenario called 'Quick win'; did you mean Quick wins?"
    with pytest.raises(UnknownName) as caught:
        resolve_name("Nonexistent", names, "scenario")
    assert str(caught.value) == "no scenario called 'Nonexistent'"
    assert caught.value.sentence() == "No scenario called 'Nonexistent'."
