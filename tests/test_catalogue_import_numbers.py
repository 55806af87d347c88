"""Every numeric field of every importable table refuses NaN, infinities, negatives and text in plain words.

The refusal names the file, the row and the column as the person sees them, and says what to type instead: never
the validation library's wording ("Input should be a finite number").
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

import pytest

from catalogue.dataset import load_default_catalogue
from catalogue.errors import ImportProblems
from catalogue.models import DriverVolume, LocalMeasurement, Provenance, VolumeDriver
from catalogue.tables import from_tables, to_tables

BAD = ("nan", "inf", "-inf", "-5", "twelve")
JARGON = re.compile(r"Input should|finite number|float|int_parsing|greater_than|\bgot\b|[a-z]+_[a-z]+ ")


def _locate(table: str, index: int) -> tuple[str, int]:
    return f"{table}.csv", index + 2


@pytest.fixture(scope="module")
def tables() -> dict[str, list[dict[str, Any]]]:
    """The default catalogue as import rows, with a defined driver, a volume and a trust's own measurement added."""
    cat = load_default_catalogue()
    trust = cat.trusts[0].name
    cat.drivers = [VolumeDriver(key="ap_places", name="Approved premises places", unit="place")]
    cat.driver_volumes = [
        DriverVolume(trust=trust, driver="ap_places", volume=12, provenance=Provenance.estimate("a count"))
    ]
    cat.local_measurements = [
        LocalMeasurement(
            trust=trust,
            requirement=cat.requirements[0].id,
            minutes=12,
            minutes_low=10,
            minutes_high=14,
            occurrences_per_year=100,
            occurrences_per_year_low=90,
            occurrences_per_year_high=110,
            bau_share=0.1,
            bau_source="the trust's own count",
            recorded_on=dt.date(2011, 1, 1),
        )
    ]
    return to_tables(cat)


def _numeric_cells(tables: dict[str, list[dict[str, Any]]]) -> list[tuple[str, str]]:
    """Return (table, column) of every column holding a number in the first row that has one."""
    out = []
    for table, rows in tables.items():
        for column in rows[0] if rows else []:
            value = next((r[column] for r in rows if r[column] is not None), None)
            if isinstance(value, int | float) and not isinstance(value, bool):
                out.append((table, column))
    return out


def test_every_importable_table_has_a_numeric_column_checked(tables):
    checked = {table for table, _ in _numeric_cells(tables)}
    assert {"trusts", "staff_grades", "requirements", "activities", "trust_staff", "driver_volumes"} <= checked
    assert {"local_measurements", "relevance_scores"} <= checked


@pytest.mark.parametrize("typed", BAD)
def test_a_bad_number_is_refused_with_its_row_column_and_what_to_type(tables, typed):
    failures = []
    for table, column in _numeric_cells(tables):
        edited = copy.deepcopy(tables)
        edited[table][0][column] = typed
        try:
            from_tables(edited, _locate)
        except ImportProblems as exc:
            mine = [p for p in exc.problems if p.source == f"{table}.csv" and p.row == 2]
            if not mine:
                failures.append(f"{table}.{column}: refused, but not at row 2 ({exc.problems[:2]})")
            elif not any(p.column == column for p in mine):
                failures.append(f"{table}.{column}: column not named ({mine})")
            for p in mine:
                if JARGON.search(p.message) or "type " not in p.message.lower():
                    failures.append(f"{table}.{column}: {p.message!r}")
        else:
            if typed != "-5" or column not in NEGATIVE_ALLOWED:
                failures.append(f"{table}.{column}: {typed!r} was accepted")
    assert not failures, "\n".join(failures)


# Numeric columns where a negative figure is a real value (none today: every count, time, pay and share is >= 0).
NEGATIVE_ALLOWED: frozenset[str] = frozenset()
