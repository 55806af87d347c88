"""The cheap tests that let the field and modal patterns skip most sentences, and that they never change a result."""

from __future__ import annotations

import re

from catalogue.extract import patterns as p


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


def test_a_dated_start_is_found_whatever_the_case_of_its_month() -> None:
    # The month test before the dated forms takes "May" and "MAY", not the modal "may".
    assert p.find_deadline("All approved premises must use the new form from 1 MAY 2006.") == "from 1 MAY 2006"
    assert p.find_deadline("The new form must be used from 1 May 2006.") == "from 1 May 2006"
    assert p.find_deadline("Areas may wish to review the plan in the spring.") is None


def test_clearing_the_caches_forgets_every_sentence_read() -> None:
    # The throughput bench reads the same text pass after pass: each pass must start cold to be honest.
    sentence = "Trusts must submit the return within 5 working days of the end of each quarter by 31 May 2012."
    p.find_modality(sentence), p.find_actor(sentence), p.find_timescale(sentence)
    p.find_deadline(sentence), p.find_frequency(sentence)
    p.clear_caches()
    for cached in (p.lower, p.find_modality, p.find_actor, p.find_timescale, p.find_deadline, p.find_frequency):
        assert cached.cache_info().currsize == 0, cached.__name__
