"""The whole-array writing of the proposals' words gives, letter for letter, what one format call per row gives."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.proposals import _burden_phrases, _grouped_digits, _names_a_target, _relevance_phrases
from tests.proposals_reference import _BURDEN_PHRASE, _RELEVANCE_PHRASE, TARGET_WORDS

# Figures as they come (hours, costs) and the awkward ones: ties at a half, minus zero, tiny negatives, huge,
# not finite, and tenths that sit within a rounding error of a half.
FIGURES = st.one_of(
    st.floats(min_value=0, max_value=1e7),
    st.sampled_from([0.0, -0.0, 0.5, 1.5, 2.5, 0.05, 0.15, 0.25, 0.35, 0.45, 1234.45, 999.95, 999999.5, 1e15, 2.0**53]),
    st.sampled_from([-0.4, -0.04, -1.0, -1234.5, float("nan"), float("inf"), -float("inf"), 1e300]),
    st.integers(0, 10**9).map(lambda i: i / 20),  # exact twentieths: many ties at a half of a tenth
)


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.tuples(FIGURES, FIGURES, FIGURES, FIGURES, FIGURES), min_size=0, max_size=12))
def test_burden_phrases_equal_one_format_call_per_row(rows):
    columns = ["hours_central", "fte_central", "cost_central", "hours_low", "hours_high"]
    frame = pd.DataFrame(rows, columns=columns, dtype=float)
    expected = [_BURDEN_PHRASE.format(*row) for row in frame[columns].itertuples(index=False)]
    assert _burden_phrases(frame) == expected


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.integers(0, 2**62) | st.integers(0, 2000), min_size=1, max_size=20))
def test_grouped_digits_write_what_the_thousands_format_writes(values):
    text = _grouped_digits(np.array(values, dtype=np.int64))
    assert [bytes(row[row != 0]).decode() for row in text] == [f"{v:,}" for v in values]


TARGET = re.compile(TARGET_WORDS)
PIECES = ["per", "cent", "Per", " ", "  ", "%", "_", "target", "s", "kpi", "timeliness", "performance", "measure",
          "indicator", "x", "\x00", "\n"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(texts=st.lists(st.lists(st.sampled_from(PIECES), max_size=7).map("".join), max_size=10))
def test_names_a_target_where_the_regular_expression_matches_each_text(texts):
    """Matches tried only at hints, also where a text ends in "per" and the next begins with "cent"."""
    for some in (texts, [*texts, "é"]):  # ASCII texts, and others (whose lower case may be longer)
        array = np.array(some, dtype=object)
        assert _names_a_target(array).tolist() == [bool(TARGET.search(t.lower())) for t in some]


def test_names_a_target_in_each_way_of_writing_it():
    texts = ["percent", "a percent.", "Per cent", "per  cent", "recent", "centre", "100%", "Target_", "targets met",
             "performance targets", "performance", "KPIs", "timeliness", "x per", "cent", "percents"]  # fmt: skip
    expected = [True, True, True, False, False, False, True, False, True, True, False, True, True, False, False, False]
    assert expected == [bool(TARGET.search(t.lower())) for t in texts]
    assert _names_a_target(np.array(texts, dtype=object)).tolist() == expected
    assert _names_a_target(np.array([*texts, "é target"], dtype=object)).tolist() == [*expected, True]


SCORES = st.sampled_from([0.0, -0.0, 0.25, 1.0 / 3, 2.5, 3.0, 1e-9, float("nan"), float("inf")])


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.tuples(SCORES, SCORES, st.booleans()), max_size=15))
def test_relevance_phrases_equal_one_format_per_row(rows):
    """Repeated pairs are written once; minus zero and NaN, which equal nothing or read differently, row by row."""
    composite = np.array([r[0] for r in rows], dtype=float)
    max_score = np.array([r[1] for r in rows], dtype=float)
    scored = np.array([r[2] for r in rows], dtype=bool)
    expected = [_RELEVANCE_PHRASE.format(c, m) if s else "" for c, m, s in rows]
    assert _relevance_phrases(composite, max_score, scored) == expected
