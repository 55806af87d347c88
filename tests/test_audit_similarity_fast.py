"""The whole-array word splitting, stemming and candidate pairing give exactly what the simpler forms give."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.similarity import _WORD, STOPWORDS, _stem, _words, similar_pairs
from bench.bench_audit import synthetic_catalogue
from tests import similarity_reference

WORD_CHARS = "abzAZ09s"
SEPARATORS = " ,.-\n\x01"


@settings(max_examples=200, deadline=None)
@given(
    texts=st.lists(
        st.lists(
            st.tuples(st.text(alphabet=WORD_CHARS, min_size=1, max_size=40), st.sampled_from(SEPARATORS)),
            max_size=8,
        ).map(lambda parts: "".join(word + gap for word, gap in parts)),
        max_size=10,
    )
)
def test_words_of_any_length_are_the_word_patterns(texts):
    """Words of 1 to 40 symbols (packed 8 to an integer) that share long beginnings are still told apart."""
    doc, codes, vocab = _words(texts)
    expected = [_WORD.findall(t.lower()) for t in texts]
    got: list[list[str]] = [[] for _ in texts]
    for d, c in zip(doc.tolist(), codes.tolist(), strict=True):
        got[d].append(vocab[c])
    assert got == expected
    assert list(vocab) == list(dict.fromkeys(w for words in expected for w in words))


def test_words_sharing_their_first_eight_symbols_differ():
    texts = ["abcdefgh abcdefghi abcdefghij", "ABCDEFGHI abcdefgh0 abcdefghijklmnopq abcdefghijklmnopr"]
    _, codes, vocab = _words(texts)
    assert vocab.tolist() == [
        "abcdefgh",
        "abcdefghi",
        "abcdefghij",
        "abcdefgh0",
        "abcdefghijklmnopq",
        "abcdefghijklmnopr",
    ]
    assert codes.tolist() == [0, 1, 2, 1, 3, 4, 5]


_PLURAL = re.compile(r"(?<=[a-z]{3})s$")


def _regex_stem(word: str) -> str | None:
    return None if (word in STOPWORDS or len(word) < 2) else _PLURAL.sub("", word)


@settings(max_examples=400, deadline=None)
@given(word=st.text(alphabet="abcsSZ09ſé\n-", max_size=7) | st.sampled_from(sorted(STOPWORDS)))
def test_stem_equals_the_regular_expression(word):
    """Function words, plurals, capitals, digits and what the word pattern never gives (accents, a newline)."""
    assert _stem(word) == _regex_stem(word)


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.8])
def test_equals_the_reference_on_a_synthetic_catalogue(threshold):
    """Thousands of texts: runs longer than max_common, pairs sharing several rare words, all as before."""
    catalogue = synthetic_catalogue(4000, 2, seed=7)
    reqs = catalogue.requirements
    directive = {r.id: r.directive for r in reqs}
    ids = np.array([r.id for r in reqs], dtype=object)
    texts = [r.text for r in reqs]
    blocks = [str(r.activity) for r in reqs]
    groups = [directive[r.id] for r in reqs]
    got = similar_pairs(ids, texts, blocks, groups, min_similarity=threshold)
    expected = similarity_reference.similar_pairs(ids, texts, blocks, groups, min_similarity=threshold)
    assert len(got) > 10
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    ungrouped = similar_pairs(ids, texts, blocks, min_similarity=threshold, max_common=20)
    pd.testing.assert_frame_equal(
        ungrouped,
        similarity_reference.similar_pairs(ids, texts, blocks, min_similarity=threshold, max_common=20),
        check_exact=True,
    )
