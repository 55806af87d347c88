"""Timescale, frequency and deadline readers against tables of real public wording (tests/data).

Each row of ``tests/data/extract_field_wordings.csv`` is a sentence or heading copied from a public document
(its address is in the row), with the value the corpus labelling rules (``bench/extraction/corpus/README.md``)
give it: a timescale as worded from "within"/"no later than"/"at least" to the end of its event, a frequency in
occurrences a year ("uncounted" for a recurrence without a number, such as "regularly"), a deadline with its
preposition as worded. An empty value means the reader must find nothing: a reference, a publication or header
date, a window named by its length, an amount of notice, "within the meaning of". No row comes from the reserved
documents of the evaluation or from the held-out split of the corpus (one comes from a dev document).

``tests/data/extract_field_wordings_public.csv`` is a larger table of the same kind (GOV.UK and HMRC guidance,
legislation, NHS, DfE, HSE and local authority statutory procedures, a few other jurisdictions' regulations), each
row with its source's title and address. Its rows are split by source group (the pages of one site, or pages that
copy one another, are one group) into a part the readers were developed on and a part that is only measured: a
group is measure-only when the SHA-1 of its name is divisible by 3, a rule fixed before any reader was run on it.
Develop rows are checked one by one; measure rows only as a figure, compared as the benchmark compares.

``tests/data/extract_field_wordings_round2.csv`` was collected after the readers had been developed on the first
table: it was measured once, untouched (exact match 0.630 before the readers were generalised, 0.759 after), and only
then developed on, so its rows are now checked one by one.

``tests/data/extract_field_wordings_final.csv`` was collected after the readers were frozen and is only ever measured
(0.796 exact match on the readers before this work, 0.837 after, n=49): its test is a floor against regressions, and
no rule may be chosen by looking at its rows.
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import pytest

from catalogue.extract import patterns as p

DATA = Path(__file__).parent / "data"
WORDINGS = DATA / "extract_field_wordings.csv"
PUBLIC = DATA / "extract_field_wordings_public.csv"
ROUND2 = DATA / "extract_field_wordings_round2.csv"
FINAL = DATA / "extract_field_wordings_final.csv"
# The measure-only final table's floor: above the readers' figure before they were generalised (0.796).
FINAL_FLOOR = 0.80
FIELDS = {"timescale", "frequency", "deadline"}
# The target for timescale, frequency and deadline exact match.
TARGET = 0.85


def _rows(field: str) -> list[tuple[str, str]]:
    with WORDINGS.open(encoding="utf-8", newline="") as handle:
        return [(row["text"], row["expected"]) for row in csv.DictReader(handle) if row["field"] == field]


def _public(part: str | None = None) -> list[dict[str, str]]:
    with PUBLIC.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if part is None or row["part"] == part]


def test_every_row_names_its_public_source_and_a_known_field() -> None:
    with WORDINGS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 40
    assert {row["field"] for row in rows} == FIELDS
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


# -- the larger public table, compared as the benchmark compares (bench/extraction/run.py) ----------------------

_DEADLINE_LEAD = re.compile(
    r"^(?:(?:no|not) later than|with effect from|at the latest by|by|before|from|on|in|beginning|until|starting)\s+"
)


def _words(text: str | None) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (text or "").lower()))


def _reads_as_labelled(row: dict[str, str]) -> bool:
    """True when the reader gives the row's labelled value: timescales by their words, deadlines by their words
    without the leading preposition, frequencies by occurrences a year; an empty label wants nothing."""
    field, text, expected = row["field"], row["text"], row["expected"]
    if field == "frequency":
        found = p.find_frequency(text)
        if expected == "":
            return found is None or found[1] is None
        if expected == "uncounted":
            return found is not None and found[1] is None
        return found is not None and found[1] is not None and abs(found[1] - float(expected)) < 0.001
    got = p.find_timescale(text) if field == "timescale" else p.find_deadline(text)
    if not expected:
        return got is None
    if field == "timescale":
        return got is not None and _words(got) == _words(expected)
    return got is not None and _DEADLINE_LEAD.sub("", _words(got)) == _DEADLINE_LEAD.sub("", _words(expected))


def test_every_public_row_has_its_source_title_group_and_a_part_fixed_by_its_group() -> None:
    rows = _public()
    assert len(rows) >= 150
    assert {row["field"] for row in rows} == FIELDS
    for row in rows:
        assert row["source"].startswith(("http://", "https://")) and row["title"].strip(), row
        digest = int(hashlib.sha1(row["group"].encode()).hexdigest(), 16)
        assert row["part"] == ("measure" if digest % 3 == 0 else "develop"), row["group"]
    assert len({row["source"] for row in rows}) >= 60
    assert {row["part"] for row in rows} == {"develop", "measure"}


def test_no_public_row_repeats_a_row_of_the_first_table() -> None:
    with WORDINGS.open(encoding="utf-8", newline="") as handle:
        first = {(row["field"], row["text"]) for row in csv.DictReader(handle)}
    assert not [row["text"] for row in _public() if (row["field"], row["text"]) in first]


@pytest.mark.parametrize("row", _public("develop"), ids=lambda row: f"{row['field']}:{row['text'][:50]}")
def test_develop_wordings_read_as_labelled(row: dict[str, str]) -> None:
    got = {"timescale": p.find_timescale, "deadline": p.find_deadline, "frequency": p.find_frequency}[row["field"]]
    assert _reads_as_labelled(row), (got(row["text"]), row["expected"])


def _round2() -> list[dict[str, str]]:
    with ROUND2.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_second_round_row_names_its_source_and_title() -> None:
    rows = _round2()
    assert len(rows) >= 50 and {row["field"] for row in rows} == FIELDS
    assert all(row["source"].startswith(("http://", "https://")) and row["title"].strip() for row in rows)


@pytest.mark.parametrize("row", _round2(), ids=lambda row: f"{row['field']}:{row['text'][:50]}")
def test_second_round_wordings_read_as_labelled(row: dict[str, str]) -> None:
    got = {"timescale": p.find_timescale, "deadline": p.find_deadline, "frequency": p.find_frequency}[row["field"]]
    assert _reads_as_labelled(row), (got(row["text"]), row["expected"])


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_measure_only_wordings_meet_the_target_exact_match(field: str) -> None:
    rows = [row for row in _public("measure") if row["field"] == field]
    assert len(rows) >= 10
    share = sum(_reads_as_labelled(row) for row in rows) / len(rows)
    assert share >= TARGET, f"{field}: {share:.3f} of {len(rows)}"


def test_the_measure_only_final_table_stays_above_its_floor() -> None:
    with FINAL.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 45 and {row["field"] for row in rows} == FIELDS
    assert all(row["source"].startswith(("http://", "https://")) and row["title"].strip() for row in rows)
    share = sum(_reads_as_labelled(row) for row in rows) / len(rows)
    assert share >= FINAL_FLOOR, f"{share:.3f} of {len(rows)}"
