"""Duplicate detection: TF-IDF cosine similarity within blocks, checked against a dense computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.similarity import _WORD, _stable_sort, _terms, _words, similar_pairs
from tests import similarity_reference

WORDS = ["return", "monthly", "unpaid", "work", "hours", "risk", "plan", "review", "court", "report", "victim"]


def test_identical_texts_in_different_groups_score_one_and_same_group_is_skipped():
    texts = ["Send the monthly return.", "Send the monthly return.", "Send the monthly return."]
    out = similar_pairs(["x", "y", "z"], texts, ["r", "r", "r"], ["D1", "D2", "D1"])
    assert out[["a", "b"]].to_numpy().tolist() == [["x", "y"], ["y", "z"]]
    assert out["similarity"].tolist() == pytest.approx([1.0, 1.0])


def test_stopwords_and_plurals_do_not_count():
    """'the returns of hours' and 'a return on hour' share return and hour only, so they are identical."""
    out = similar_pairs(["x", "y"], ["the returns of hours", "a return on hour"], ["r", "r"], min_similarity=0.99)
    assert len(out) == 1


def _dense(texts, blocks, groups, threshold):
    doc, term, weight, n_terms = _terms(texts)
    matrix = np.zeros((len(texts), max(n_terms, 1)))
    matrix[doc, term] = weight
    sims = matrix @ matrix.T
    found = set()
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if blocks[i] == blocks[j] and groups[i] != groups[j] and sims[i, j] >= threshold - 1e-12:
                found.add((f"t{i:02d}", f"t{j:02d}", round(float(sims[i, j]), 9)))
    return found


@settings(max_examples=40, deadline=None)
@given(
    docs=st.lists(
        st.tuples(
            st.lists(st.sampled_from(WORDS), min_size=1, max_size=6), st.sampled_from("ab"), st.sampled_from("PQR")
        ),
        min_size=2,
        max_size=12,
    ),
    threshold=st.sampled_from([0.2, 0.5, 0.8]),
)
def test_matches_a_dense_all_pairs_computation(docs, threshold):
    texts = [" ".join(words) for words, _, _ in docs]
    blocks = [b for _, b, _ in docs]
    groups = [g for _, _, g in docs]
    ids = [f"t{i:02d}" for i in range(len(docs))]
    out = similar_pairs(ids, texts, blocks, groups, min_similarity=threshold)
    got = {(a, b, round(float(s), 9)) for a, b, s in zip(out["a"], out["b"], out["similarity"], strict=True)}
    assert got == _dense(texts, blocks, groups, threshold)


ASCII = list("abcXYZ09 ,.-'/\n\t\x01")


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.text(alphabet=st.sampled_from(ASCII), max_size=30), max_size=8), other=st.booleans())
def test_words_are_the_word_patterns_in_order_of_first_use(texts, other):
    """The fast split of ASCII texts gives the regular expression's words; other texts take the regex itself."""
    if other:
        texts = [*texts, "Straße İstanbul ſome K"]  # not ASCII: the regular expression's own path
    doc, codes, vocab = _words(texts)
    expected = [_WORD.findall(t.lower()) for t in texts]
    got: list[list[str]] = [[] for _ in texts]
    for d, c in zip(doc.tolist(), codes.tolist(), strict=True):
        got[d].append(vocab[c])
    assert got == expected
    assert list(vocab) == list(dict.fromkeys(w for words in expected for w in words))


# The faster candidate grouping must give exactly what the earlier implementation gave (same pairs, same floats).
REFERENCE_WORDS = [*WORDS, "the", "of", "returns", "Hours", "plans", "reviewed", "x", "a1"]


@settings(max_examples=80, deadline=None)
@given(
    docs=st.lists(
        st.tuples(
            st.lists(st.sampled_from(REFERENCE_WORDS), min_size=0, max_size=8),
            st.sampled_from("abc"),
            st.sampled_from("PQRS"),
        ),
        min_size=0,
        max_size=40,
    ),
    threshold=st.sampled_from([0.1, 0.3, 0.5, 0.8, 0.99]),
    max_common=st.sampled_from([1, 2, 3, 5, 100]),
    grouped=st.booleans(),
)
def test_equals_the_reference_implementation(docs, threshold, max_common, grouped):
    texts = [" ".join(words) for words, _, _ in docs]
    blocks = [b for _, b, _ in docs]
    groups = [g for _, _, g in docs] if grouped else None
    ids = [f"r{(7 * i) % 41:02d}" for i in range(len(docs))]  # ids not in the order of the texts
    got = similar_pairs(ids, texts, blocks, groups, min_similarity=threshold, max_common=max_common)
    expected = similarity_reference.similar_pairs(
        ids, texts, blocks, groups, min_similarity=threshold, max_common=max_common
    )
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


@settings(max_examples=60, deadline=None)
@given(keys=st.lists(st.integers(min_value=0, max_value=2**62), max_size=50), small=st.booleans())
def test_stable_sort_gives_the_stable_argsort(keys, small):
    """Packed keys (small) and keys too large to pack alongside their positions (the plain argsort) alike."""
    array = np.array([k % 7 for k in keys] if small else keys, dtype=np.int64)
    order, ordered = _stable_sort(array)
    assert order.tolist() == np.argsort(array, kind="stable").tolist()
    assert ordered.tolist() == sorted(array.tolist())
