"""The cheap tests that let the field and modal patterns skip most sentences, and that they never change a result."""

from __future__ import annotations

import re

import pytest

from catalogue.extract import patterns as p


def test_required_literals_read_on_through_groups_of_choices() -> None:
    # "the purpose", not just "the ": a sentence without any of them is ruled out by substring tests alone.
    assert set(p.required_literals(r"\bthe (?:purpose|aim)s? (?:of [\w ]+ )?is to\b") or ()) == {
        "the aim ",
        "the aims ",
        "the purpose ",
        "the purposes ",
    }
    # an optional group of words is either there or not; a literal holding a shorter one is left out
    assert set(p.required_literals(r"no (?:longer )?(?:a )?requirement") or ()) == {
        "no requirement",
        "no a requirement",
        "no longer requirement",
        "no longer a requirement",
    }
    assert set(p.required_literals(r"\b(?:is|are) (?:also |now )?(?:required|asked)\b") or ()) >= {
        "is required",
        "is also required",
        "are now asked",
    }
    assert set(p.required_literals(r"(?:reports?|psrs?)\b") or ()) == {"report", "psr"}


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b(?:a|b)c",  # too short to be worth a test
        r"(?:x)*abc",  # the group may be repeated or skipped
        r"[a-z]+ing\b",  # a class first
        r"\bmust\b|\d+ days",  # one alternative has no literal start
    ],
)
def test_required_literals_give_up_where_no_safe_literal_exists(pattern: str) -> None:
    assert p.required_literals(pattern) is None


def test_a_lookahead_is_stepped_over_as_it_consumes_nothing() -> None:
    assert p.required_literals(r"\bno (?!later\b)more") == ("no more",)


def test_an_anchored_pattern_is_tried_only_where_the_text_starts() -> None:
    pattern = p.CI(r"^the (?:information|details) (?:that|which)\b")
    assert pattern.anchored
    assert pattern.search("The details that follow are for staff.") is not None
    assert pattern.search("Read the details that follow.") is None
    assert pattern.search("The details that follow.", 1) is None


def test_the_count_trie_matches_what_the_plain_alternation_matches() -> None:
    plain = re.compile(r"(?:\d{1,3}|" + "|".join(sorted(p.COUNT_WORDS, key=len, reverse=True)) + r")")
    trie = re.compile(p.COUNT)
    for text in [*p.COUNT_WORDS, "twenty-fives", "thirty seven days", "12 weeks", "one hundred", "sixtyfold", "x"]:
        expected, got = plain.match(text), trie.match(text)
        assert (expected and expected.group(0)) == (got and got.group(0)), text


def test_the_trie_prefers_the_longest_word() -> None:
    assert re.fullmatch(p.word_trie(["four", "fourteen", "forty"]), "fourteen")
    assert re.match(p.word_trie(["four", "fourteen"]), "fourteenth").group(0) == "fourteen"  # type: ignore[union-attr]


def test_an_anchored_pattern_with_an_optional_first_word_still_matches_with_it() -> None:
    pattern = p.CI(r"^(?:any |all )?(?:queries|enquiries)\b[^.;]{0,40}?\bshould be sent to\b")
    assert pattern.search("Any enquiries regarding this publication should be sent to us.") is not None
    assert pattern.search("Enquiries should be sent to us.") is not None


def test_the_literal_prefilter_never_changes_what_a_pattern_finds_on_the_invented_excerpts() -> None:
    import gc

    from bench.extraction import run
    from catalogue.extract.sentences import split_sentences

    docs = run.load_invented("dev")
    sentences = [s for doc in docs for line in doc.text.splitlines() for s in split_sentences(line)]
    sentences += [s[:1].upper() + s[1:] for s in sentences]  # the same at the start of a sentence
    patterns = [o for o in gc.get_objects() if isinstance(o, p.CI) and o.literals]
    assert len(sentences) > 100 and len(patterns) > 10
    for pattern in patterns:
        literals = pattern.literals
        try:
            fast = [(m := pattern.search(s)) and m.span() for s in sentences]
            pattern.literals = None
            slow = [(m := pattern.search(s)) and m.span() for s in sentences]
        finally:
            pattern.literals = literals
        assert fast == slow, pattern.pattern.pattern[:60]
