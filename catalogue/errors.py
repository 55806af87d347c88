"""Errors of the catalogue package: problems found in user data, collected rather than raised one by one."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one row of imported data, located for the user."""

    source: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.source
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class CatalogueError(Exception):
    """Base class of the catalogue's user-facing errors."""


class ImportProblems(CatalogueError):
    """An import was refused; ``problems`` lists every bad row. Nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.source, p.row or 0, p.column or "", p.message))
        rows = {(p.source, p.row) for p in self.problems}
        super().__init__(f"{len(self.problems)} problem(s) in {len(rows)} row(s); nothing was imported")

    def report(self) -> str:
        """Return the summary line followed by one line per problem."""
        return "\n".join([str(self), *(f"  {p}" for p in self.problems)])


class NotFound(CatalogueError):
    """A directive, requirement, trust or other record does not exist."""


class StaleWrite(CatalogueError):
    """A save was based on an old version of a row that someone else has changed since."""

    def __init__(self, entity: str, key: str, expected: int, current: int, current_row: dict[str, object]):
        self.entity, self.key, self.expected, self.current, self.current_row = (
            entity,
            key,
            expected,
            current,
            current_row,
        )
        super().__init__(
            f"{entity} {key!r} was changed by someone else (your version {expected}, now {current}); "
            "review their change and save again"
        )


class AlreadyExists(CatalogueError):
    """A new record was refused because a record with the same id already exists; nothing was saved.

    ``entity`` is the kind of record ("requirement", "directive"), ``key`` the id given and ``existing`` the id
    stored, which differs from ``key`` when the two differ only in capitals or spacing.
    """

    def __init__(self, entity: str, key: str, existing: str, id_name: str = "id"):
        self.entity, self.key, self.existing, self.id_name = entity, key, existing, id_name
        alike = "" if key == existing else f" ({key!r} differs from it only in capitals or spacing)"
        super().__init__(
            f"a {entity} {existing!r} already exists{alike}; nothing was saved. "
            f"Open it to edit it, or give the new {entity} another {id_name}"
        )


# Validation kinds that mean "this is not a number we can use" (the typed value is text, NaN or an infinity).
NOT_A_NUMBER = frozenset({"finite_number", "float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"})
WHOLE_NUMBER = frozenset({"int_parsing", "int_type", "int_from_float"})
BOUNDS = {
    "greater_than_equal": ("ge", "too small: type a number of at least {:g}"),
    "greater_than": ("gt", "too small: type a number above {:g}"),
    "less_than_equal": ("le", "too large: type a number of at most {:g}"),
    "less_than": ("lt", "too large: type a number below {:g}"),
}


def _typed(value: Any) -> str:
    """Return a value as the person typed it, quoted."""
    if isinstance(value, float) and math.isfinite(value):
        return f'"{value:g}"'
    return f'"{value}"'


def _is_finite_number(value: Any) -> bool:
    """Return whether a cell reads as an ordinary number (not text, NaN or an infinity)."""
    if isinstance(value, bool):
        return False
    try:
        return math.isfinite(float(str(value).strip()))
    except ValueError:
        return False


def number_message(typed: Any, kind: str, context: dict[str, Any] | None = None) -> str | None:
    """Return, in plain words, what to type instead of a figure that was refused; None if the problem is another.

    NaN, infinities and text are "not a number" whatever rule caught them, so the person is told to type figures;
    a number out of bounds is told the bound. ``kind`` and ``context`` are the validation error's.

    >>> number_message("inf", "finite_number")
    '"inf" is not a number: type a number in figures, e.g. 12 or 7.5.'
    >>> number_message(-5, "greater_than_equal", {"ge": 0})
    '"-5" is too small: type a number of at least 0.'
    """
    whole = kind in WHOLE_NUMBER
    if kind in NOT_A_NUMBER or (typed not in (None, "") and not _is_finite_number(typed) and kind in BOUNDS):
        example = "a whole number, e.g. 3" if whole else "a number in figures, e.g. 12 or 7.5"
        return f"{_typed(typed)} is not a number: type {example}."
    if kind in BOUNDS:
        key, words = BOUNDS[kind]
        bound = (context or {}).get(key)
        if isinstance(bound, int | float):
            return f"{_typed(typed)} is {words.format(bound)}."
    return None
