"""The tighter bounds of duplicate detection drop only pairs that cannot reach the threshold: the same pairs and
the same floats as the reference implementation, also where a block has more common words than one mask holds,
more than the masks may hold, or texts that are exact copies of each other."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit import similarity
from audit.similarity import _SharedCommon, similar_pairs
from tests import similarity_reference

# A vocabulary large enough that, with a small cap on rare words, a block holds well over 64 common words.
VOCABULARY = [f"w{i}" for i in range(300)] + ["records", "record", "the", "plans"]

docs_strategy = st.lists(
    st.tuples(
        st.lists(st.sampled_from(VOCABULARY), min_size=0, max_size=14),
        st.sampled_from("ab"),
        st.sampled_from("PQRS"),
    ),
    min_size=0,
    max_size=70,
)


def _both(docs, threshold, max_common, grouped):
    texts = [" ".join(words) for words, _, _ in docs]
    # Some texts repeated word for word: their cosine is 1 (or a rounding below it), right at a threshold of 1.
    texts += texts[:3]
    blocks = [b for _, b, _ in docs] + [b for _, b, _ in docs[:3]]
    groups = ([g for _, _, g in docs] + ["Z"] * len(docs[:3])) if grouped else None
    ids = [f"r{(11 * i) % 97:02d}" for i in range(len(texts))]
    got = similar_pairs(ids, texts, blocks, groups, min_similarity=threshold, max_common=max_common)
    expected = similarity_reference.similar_pairs(
        ids, texts, blocks, groups, min_similarity=threshold, max_common=max_common
    )
    return got, expected


@settings(max_examples=120, deadline=None)
@given(
    docs=docs_strategy,
    threshold=st.sampled_from([0.1, 0.3, 0.5, 0.7, 1.0]),
    max_common=st.sampled_from([1, 2, 4, 100]),
    grouped=st.booleans(),
)
def test_equals_the_reference_with_many_common_words(docs, threshold, max_common, grouped):
    got, expected = _both(docs, threshold, max_common, grouped)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


@settings(max_examples=60, deadline=None)
@given(docs=docs_strategy, threshold=st.sampled_from([0.3, 0.5, 1.0]), max_common=st.sampled_from([1, 2]))
def test_equals_the_reference_when_the_masks_would_be_too_many(docs, threshold, max_common):
    """Blocks with more common words than the masks may hold take the plain bound: still the same pairs."""
    limit = similarity._MAX_MASK_WORDS
    similarity._MAX_MASK_WORDS = 0
    try:
        got, expected = _both(docs, threshold, max_common, True)
    finally:
        similarity._MAX_MASK_WORDS = limit
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_many_common_words_take_several_masks():
    """A block with 150 common words: three 64-bit masks a text."""
    texts = [" ".join(f"w{(i + k) % 150}" for k in range(20)) for i in range(150)] * 3
    rows = _prepared(texts, max_common=2)
    common = _SharedCommon(*rows)
    assert common.masks is not None and common.masks.shape[0] == 3


def _prepared(texts, max_common):
    doc, term, weight, n_terms = similarity._terms(texts)
    bt = term.astype(np.int64)  # one block
    size = similarity._run_sizes(bt)
    is_common = size > max_common
    norm = np.sqrt(np.bincount(doc[is_common], weights=weight[is_common] ** 2, minlength=len(texts)))
    return doc, weight, bt, is_common, norm, n_terms


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_shared_common_bound_is_at_least_the_common_dot_product(seed):
    """For random pairs of texts, the bound is never below the exact dot product of their common words."""
    rng = np.random.default_rng(seed)
    texts = [" ".join(rng.choice(VOCABULARY[:80], size=int(rng.integers(1, 15)))) for _ in range(300)]
    doc, weight, bt, is_common, norm, n_terms = _prepared(texts, max_common=5)
    bound = _SharedCommon(doc, weight, bt, is_common, norm, n_terms)
    dense = np.zeros((len(texts), n_terms))
    dense[doc[is_common], bt[is_common]] = weight[is_common]
    a, b = rng.integers(0, len(texts), 2000), rng.integers(0, len(texts), 2000)
    exact = (dense[a] * dense[b]).sum(axis=1)
    got = bound.bound(a, b)
    assert (got >= exact - 1e-12).all()
    assert (got <= norm[a] * norm[b] + 1e-9).all()  # never looser than the plain bound (but for rounding up)
    assert (got < norm[a] * norm[b] - 1e-6).any()  # and tighter somewhere
