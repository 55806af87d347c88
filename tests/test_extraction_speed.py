"""The speed devices of the extractor (prefilters, look-aheads, reordered regexes) find exactly what the plain
patterns find, on the development and invented excerpts (never on the held-out documents)."""

from __future__ import annotations

import gc
import re

import pytest

from bench.extraction import run
from catalogue.extract import candidates, scorer
from catalogue.extract import patterns as p
from catalogue.extract import sentences as sentence_split


@pytest.fixture(scope="module")
def dev_sentences() -> list[str]:
    docs = run.load("dev") + run.load_invented("dev") + run.load_invented("heldout")
    lines = [line for doc in docs for line in doc.text.splitlines() if line.strip()]
    found = [s for line in lines for s in sentence_split.split_sentences(line)]
    found += [s[:1].upper() + s[1:] for s in found]  # the same at the start of a sentence
    assert len(found) > 1000
    return lines + found


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return match.span() if match else None


def test_every_fast_pattern_finds_what_its_plain_regex_finds(dev_sentences: list[str]) -> None:
    fast_patterns = [o for o in gc.get_objects() if isinstance(o, p.CI)]
    assert p.NEGATED_DUTY in fast_patterns and len(fast_patterns) > 50
    lowered = [p.lower(s) for s in dev_sentences]
    for pattern in fast_patterns:
        plain = re.compile(pattern.source)
        for sentence, low in zip(dev_sentences, lowered, strict=True):
            assert _span(pattern.search(sentence)) == _span(plain.search(low)), (pattern.source[:60], sentence)


def test_a_negated_duty_is_found_only_in_text_holding_one_of_its_words(dev_sentences: list[str]) -> None:
    negated = [s for s in dev_sentences if p.NEGATED_DUTY.search(s)]
    assert negated  # the dev text has some: the check below means something
    for sentence in negated:
        assert any(word in p.lower(sentence) for word in p.NEGATED_DUTY_WORDS), sentence
    for sentence in ("Trusts need not send the return.", "Areas are no longer required to report.", "It is optional."):
        assert p.NEGATED_DUTY.search(sentence) is not None, sentence


def test_the_reordered_regexes_match_their_plain_forms(dev_sentences: list[str]) -> None:
    year, capitals = re.compile(r"\b(?:19|20)\d\d\b"), re.compile(r"\b[A-Z]{2,}\b")
    glued = re.compile(r"(?<=[a-z]{3})\.(?=[A-Z][a-z]{2,} |\d{1,2}\.\d{1,3}\s+[A-Z])|(?<=[a-z]{3})[:;](?=[A-Z][a-z])")
    edge_cases = ["x1999", "_2010", "(2009)", "AB_", "aBC (NOMS) X", "ÉAB", "end.Next", "are:Whether", "ok.8.2 All"]
    for text in [*dev_sentences, *edge_cases]:
        low = p.lower(text)
        assert bool(scorer._YEAR.search(low)) == bool(year.search(low)), text
        assert scorer._CAPITALS.findall(text) == capitals.findall(text), text
        assert [m.span() for m in sentence_split._GLUED.finditer(text)] == [m.span() for m in glued.finditer(text)]


def test_a_run_in_label_is_only_found_in_text_holding_one_of_its_words(dev_sentences: list[str]) -> None:
    for text in dev_sentences:
        if candidates.RUN_IN_LABEL.search(text):
            assert any(word in text for word in candidates._RUN_IN_WORDS), text


def test_an_order_is_told_by_its_first_three_words_as_by_all_its_words(dev_sentences: list[str]) -> None:
    def plain(text: str) -> bool:
        if re.match(r"^\s*[A-Za-z-]+\s*:", text):
            return False
        words = re.findall(r"[\w'’]+", text.lower())
        if not p.starts_with_action_verb(text):
            return text.lstrip()[:1].isupper() and candidates._opens_with_verb(words)
        return len(words) >= 2 and words[1] not in candidates._NOT_IMPERATIVE_SECOND

    orders = [text for text in dev_sentences if candidates._is_imperative(text)]
    assert orders  # the dev text has orders: the comparison below covers both answers
    for text in [*dev_sentences, "Submit", "Submit it", "Treat each case", "Update: 1 May"]:
        assert candidates._is_imperative(text) == plain(text), text


def test_the_duty_words_tree_matches_where_the_plain_alternation_matches(dev_sentences: list[str]) -> None:
    words = {w for name in scorer._DUTY_FEATURES for w in scorer.WORD_FEATURES[name].split("|")}
    words |= {"require", "requires", "requirement", "will monitor", "will be mandatory"}
    plain = re.compile(r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b")
    edge_cases = ["is required", "are required.", "x_due", "due_", "requires", "requirement9", "be mandatory", "put"]
    found = 0
    for text in [*dev_sentences, *edge_cases]:
        low = p.lower(text)
        assert (scorer._DUTY_WORDS.search(low) is None) == (plain.search(low) is None), text
        found += plain.search(low) is not None
    assert found > 100  # both answers are covered


def test_a_sentence_with_no_semicolon_and_no_must_should_or_shall_has_no_clause_break(
    dev_sentences: list[str],
) -> None:
    spared = [s for s in dev_sentences if ";" not in s and not any(w in s for w in ("must", "should", "shall"))]
    assert len(spared) > 500
    for sentence in [*spared, "It will be sent, but may be late, and the trust will reply."]:
        assert candidates._CLAUSE_BREAK.search(sentence) is None, sentence
        assert candidates._split_clauses(sentence) == [sentence]


def test_the_context_of_the_blocks_asked_for_is_their_context_read_in_full() -> None:
    from catalogue.extract.header import read_header
    from catalogue.extract.readers import Document, text_blocks

    compared = 0
    for doc in run.load("dev") + run.load_invented("dev"):
        document = Document(name=doc.name, format="text", size=len(doc.text), blocks=text_blocks(doc.text))
        header = read_header(document.blocks)
        full = candidates.block_context(document, header)
        for wanted in ({i for i in full if i % 3 == 0}, {i for i in full if i % 2}):
            part = candidates.block_context(document, header, wanted)
            assert part == {i: full[i] for i in wanted}, doc.name
            compared += len(wanted)
    assert compared > 1000


def test_the_first_two_words_are_read_alike_from_the_whole_lowered_text(dev_sentences: list[str]) -> None:
    for text in [*dev_sentences, "Ensure", "x" * 58 + " Ensure the return", "İnform the trust"]:
        head = p.lower(text[:60])
        words = scorer._WORDS.findall(head)[:2]
        whole = p.lower(text)
        first = scorer._WORDS.search(whole, 0, 60)
        second = scorer._WORDS.search(whole, first.end(), 60) if first else None
        assert [m.group(0) for m in (first, second) if m] == words, text
