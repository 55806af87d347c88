"""Errors of the catalogue package: problems found in user data, collected rather than raised one by one."""

from __future__ import annotations

from dataclasses import dataclass


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
