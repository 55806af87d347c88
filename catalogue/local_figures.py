"""A trust's own figures as typed into the Trust page's grid: read, checked, and every problem located in its words.

>>> edits, problems = read_edits([FigureRow("R1", "R1 (Record each contact)", "-5", "", "", 0)])
>>> [str(p) for p in problems]
['R1 (Record each contact), Our minutes: -5 is below zero: type the minutes it takes each time, 0 or more.']

Nothing here is silently corrected: a value is either read exactly as typed (``12``, ``7.5``, ``1,200``) or
refused with a message naming the row (the requirement as the grid shows it) and the column (by its header).
An empty cell means "no figure of our own": the national estimate applies.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import annotated_types

from catalogue.editing import percent_text, read_percent
from catalogue.errors import CatalogueError
from catalogue.types import Minutes, PerYear

# The grid's column headers: problems name columns by these, and the page uses them as its headers.
MINUTES_COLUMN = "Our minutes"
COUNT_COLUMN = "Our times a year"
COMMENT_COLUMN = "Comment"
BAU_COLUMN = "Our business-as-usual share (%)"
BAU_SOURCE_COLUMN = "Source of our business-as-usual share"
COMMENT_LIMIT = 2000

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")  # 1,200 or 12,000.5: thousands written with commas


def _upper_bound(annotated: object) -> float:
    """Return the ``le`` bound of a constrained type from catalogue.types, so the limits are stated once."""
    for field in getattr(annotated, "__metadata__", ()):
        for constraint in getattr(field, "metadata", ()):
            if isinstance(constraint, annotated_types.Le):
                return float(constraint.le)  # type: ignore[arg-type]
    return math.inf


MAX_MINUTES = _upper_bound(Minutes)
MAX_PER_YEAR = _upper_bound(PerYear)


@dataclass(frozen=True)
class FigureRow:
    """One row of the grid as the user left it: the raw cells, not yet read."""

    requirement: str
    label: str  # the row as the grid shows it, e.g. "PI15-OASYS (Complete an OASys review ...)"
    minutes: object
    occurrences: object
    comment: object
    expected_version: int = 0  # the version of the trust's measurement the row was drawn from (0: none)
    bau_share: object = ""  # the trust's own business-as-usual share as typed, in per cent (empty: the national)
    bau_source: object = ""  # where that share comes from (needed with a share, as the national one needs its own)


@dataclass(frozen=True)
class FigureEdit:
    """A trust's figures for one requirement, read and checked; both figures None means back to the national."""

    requirement: str
    minutes: float | None
    occurrences_per_year: float | None
    comment: str = ""
    expected_version: int = 0
    label: str = ""
    note: str = ""  # added to the history's reason (e.g. the confirmation of a figure far from the national one)
    bau_share: float | None = None  # the trust's own business-as-usual share (a fraction; None: the national one)
    sets_bau: bool = False  # whether the edit says the share (a grid row does; a study's accepted minutes do not)
    bau_source: str = ""  # where the trust's share comes from (empty with no share)

    @property
    def row(self) -> str:
        """The row as the grid shows it (the requirement id when no label was given)."""
        return self.label or self.requirement

    @property
    def values(self) -> tuple[float | None, float | None, str]:
        """What the edit sets: (minutes, times a year, comment)."""
        return (self.minutes, self.occurrences_per_year, self.comment)

    @property
    def clears(self) -> bool:
        """True when the edit leaves no figure of the trust's own: the national estimate applies again."""
        no_share = self.bau_share is None or not self.sets_bau
        return self.minutes is None and self.occurrences_per_year is None and no_share

    def as_row(self) -> FigureRow:
        """The edit as a grid row again (to offer it back when it cannot be saved as it is)."""
        return FigureRow(
            self.requirement, self.row, shown(self.minutes), shown(self.occurrences_per_year), self.comment,
            self.expected_version, "" if self.bau_share is None else percent_text(self.bau_share), self.bau_source,
        )  # fmt: skip


@dataclass(frozen=True, order=True)
class FigureProblem:
    """One thing wrong with one cell of the grid, in the words of the person who typed it."""

    row: str
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.row}, {self.column}: {self.message}"


class FigureProblems(CatalogueError):
    """A save of local figures was refused; ``problems`` lists every problem. Nothing was saved."""

    def __init__(self, problems: Sequence[FigureProblem]):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s); nothing was saved")


def row_label(requirement: str, text: str = "", limit: int = 60) -> str:
    """Return a requirement as the grid shows it: its id and the start of its text."""
    text = " ".join(str(text or "").split())
    if not text:
        return requirement
    short = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return f"{requirement} ({short})"


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def shown(value: float | None) -> str:
    """Return a figure as the grid shows it: ``12``, ``7.5``, or empty for none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:.10g}" if abs(value) < 1e15 else str(value)


def read_figure(value: object, column: str) -> tuple[float | None, str | None]:
    """Read one figure cell: (the number, None), (None, None) when empty, or (None, what is wrong) in plain words."""
    if _blank(value):
        return None, None
    what, limit = (
        ("the minutes it takes each time", MAX_MINUTES)
        if column == MINUTES_COLUMN
        else ("how many times a year it happens", MAX_PER_YEAR)
    )
    if isinstance(value, bool):
        return None, f"{value} is not a number: type {what}, or leave it empty for the national estimate."
    if isinstance(value, int | float):
        number = float(value)
        typed = shown(number)
    else:
        typed = str(value).strip()
        plain = typed.replace(" ", "")
        if _NUMBER.match(plain):
            number = float(plain)
        elif _GROUPED.match(plain):
            number = float(plain.replace(",", ""))
        else:
            return None, (
                f'"{typed}" is not a number: type {what} in figures (for example 12 or 7.5), '
                "or leave it empty for the national estimate."
            )
    if not math.isfinite(number):
        return None, f'"{typed}" is not a number: type {what} in figures.'
    if number < 0:
        return None, f"{typed} is below zero: type {what}, 0 or more."
    if number > limit:
        return None, f"{typed} is more than {limit:,.0f}: type {what}; check the unit."
    return number, None


def read_edits(rows: Sequence[FigureRow]) -> tuple[list[FigureEdit], list[FigureProblem]]:
    """Read every changed row of the grid; return the edits and every problem (the edits count only if none)."""
    edits: list[FigureEdit] = []
    problems: list[FigureProblem] = []
    for row in rows:
        label = row.label or row.requirement
        minutes, wrong_minutes = read_figure(row.minutes, MINUTES_COLUMN)
        count, wrong_count = read_figure(row.occurrences, COUNT_COLUMN)
        comment = "" if _blank(row.comment) else str(row.comment).strip()
        bau, wrong_bau = read_percent(row.bau_share)
        if wrong_bau:
            problems.append(FigureProblem(label, BAU_COLUMN, wrong_bau[:1].lower() + wrong_bau[1:]))
        if wrong_minutes:
            problems.append(FigureProblem(label, MINUTES_COLUMN, wrong_minutes))
        if wrong_count:
            problems.append(FigureProblem(label, COUNT_COLUMN, wrong_count))
        if len(comment) > COMMENT_LIMIT:
            too_long = f"is {len(comment):,} characters long: keep it to {COMMENT_LIMIT:,}."
            problems.append(FigureProblem(label, COMMENT_COLUMN, too_long))
        source = "" if _blank(row.bau_source) else " ".join(str(row.bau_source).split())
        if bau is not None and not source:
            problems.append(
                FigureProblem(
                    label,
                    BAU_SOURCE_COLUMN,
                    "say where our share comes from (a study, a review of the work, a board paper) or why it is "
                    "estimated: a trust's own share needs its source, as the national one does.",
                )
            )
        elif source and bau is None and not wrong_bau:
            problems.append(
                FigureProblem(label, BAU_SOURCE_COLUMN, "a source goes with our share: type the share, or clear both.")
            )
        elif len(source) > COMMENT_LIMIT:
            too_long = f"is {len(source):,} characters long: keep it to {COMMENT_LIMIT:,}."
            problems.append(FigureProblem(label, BAU_SOURCE_COLUMN, too_long))
        # Clearing both figures of a saved measurement removes it, comment and all (the history keeps them); a
        # comment typed on a row with no measurement and no figure would be lost, so it is refused instead.
        no_figure = minutes is None and count is None and bau is None
        if comment and no_figure and not (wrong_minutes or wrong_count or wrong_bau or row.expected_version):
            problems.append(
                FigureProblem(
                    label,
                    MINUTES_COLUMN,
                    "a comment needs a figure to go with it: type our minutes, our times a year or our "
                    "business-as-usual share, or clear the comment to go back to the national estimate.",
                )
            )
        edit = FigureEdit(row.requirement, minutes, count, comment, row.expected_version, label, bau_share=bau)
        edits.append(replace(edit, sets_bau=True, bau_source=source if bau is not None else ""))
    return edits, problems


@dataclass(frozen=True)
class StaleEdit:
    """A row edited against an older table than the store now holds, with what the store holds now."""

    row: FigureRow
    current: dict[str, object] | None  # the trust's stored measurement row now (None: there is none)
    current_version: int

    @property
    def changed_meanwhile(self) -> bool:
        """True when someone saved this requirement's figures after the row's table was drawn."""
        return self.current_version != self.row.expected_version

    def rebased(self) -> FigureRow:
        """The same row, now based on the version shown beside it (to reapply it on purpose)."""
        return replace(self.row, expected_version=self.current_version)


class StaleFigures(CatalogueError):
    """A save of local figures was refused because someone saved some of the same figures first; nothing saved."""

    def __init__(self, stale: Sequence[StaleEdit]):
        self.stale = list(stale)
        rows = ", ".join(s.row.label or s.row.requirement for s in self.stale)
        super().__init__(f"someone else saved figures for {rows} meanwhile; nothing was saved")
