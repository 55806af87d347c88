"""Timescale, frequency and deadline readers against a table of real public wording (tests/data).

Each row of ``tests/data/extract_field_wordings.csv`` is a sentence or heading copied from a public document
(its address is in the row), with the value the corpus labelling rules (``bench/extraction/corpus/README.md``)
give it: a timescale as worded from "within"/"no later than"/"at least" to the end of its event, a frequency in
occurrences a year ("uncounted" for a recurrence without a number, such as "regularly"), a deadline with its
preposition as worded. An empty value means the reader must find nothing: a reference, a publication or header
date, a window named by its length, an amount of notice, "within the meaning of". No row comes from the reserved
documents of the evaluation or from the held-out split of the corpus (one comes from a dev document).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from catalogue.extract import patterns as p

WORDINGS = Path(__file__).parent / "data" / "extract_field_wordings.csv"


def _rows(field: str) -> list[tuple[str, str]]:
    with WORDINGS.open(encoding="utf-8", newline="") as handle:
        return [(row["text"], row["expected"]) for row in csv.DictReader(handle) if row["field"] == field]


def test_every_row_names_its_public_source_and_a_known_field() -> None:
    with WORDINGS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 40
    assert {row["field"] for row in rows} == {"timescale", "frequency", "deadline"}
    assert all(row["source"].startswith(("http://", "https://")) for row in rows)


@pytest.mark.parametrize(("text", "expected"), _rows("timescale"))
def test_timescales_as_real_documents_word_them(text: str, expected: str) -> None:
    assert p.find_timescale(text) == (expected or None)


@pytest.mark.parametrize(("text", "expected"), _rows("frequency"))
def test_frequencies_as_real_documents_word_them(text: str, expected: str) -> None:
    found = p.find_frequency(text)
    if expected == "":
        assert found is None or found[1] is None, found
    elif expected == "uncounted":
        assert found is not None and found[1] is None, found
    else:
        assert found is not None and found[1] == pytest.approx(float(expected), abs=0.001), found


@pytest.mark.parametrize(("text", "expected"), _rows("deadline"))
def test_deadlines_as_real_documents_word_them(text: str, expected: str) -> None:
    assert p.find_deadline(text) == (expected or None)
