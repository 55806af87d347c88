"""Whether a trust's own figure is plausible beside the national one, and every figure that is not.

One slip (99 minutes typed where the national figure is 8) can double a trust's burden, make it the
"heaviest" trust and change a national proposal's saving for everyone. So a trust's own figure outside a
plausible band is questioned before it is saved (it needs a confirmation and a comment) and stays flagged
afterwards, on the Trust page and in the reports. The band is the policy's (``plausible_ratio``,
``plausible_above_high``): minutes above the national high figure, or either figure more than ``ratio`` times
or less than ``1/ratio`` of the national central one (for a count, the national count for that trust).

>>> concerns_for("Kent", "R1", 99, None, national_minutes=8, national_high=15, national_count=100)[0].describe()
'99 minutes where the national figure is 8 (high 15): more than 3 times the national figure; above its high figure'

- :func:`concerns_for` / :func:`check_edits`: the concerns about figures about to be saved.
- :func:`plan_save`: read the grid's rows, check them, and say what a save needs (the page's one call).
- :func:`flagged_figures`: every stored local figure outside the band, across the trusts the catalogue holds.
- :func:`may_see_every_flag`: who is shown every trust's flagged figures.
- :func:`band_text`: the policy's band in words.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from audit.access import Role, User
from audit.burden import Burden, burden_table
from audit.engine import AuditResult
from audit.policy import Policy
from catalogue.local_figures import (
    COMMENT_COLUMN,
    COUNT_COLUMN,
    MINUTES_COLUMN,
    FigureEdit,
    FigureProblem,
    FigureRow,
    read_edits,
)

MINUTES = "minutes"
COUNT = "occurrences_per_year"
FIGURE_COLUMNS = {MINUTES: MINUTES_COLUMN, COUNT: COUNT_COLUMN}
FIGURE_UNITS = {MINUTES: "minutes", COUNT: "times a year"}

# Roles shown every trust's flagged figures: the administrator and the association, who compare the trusts.
EVERY_FLAG_ROLES = frozenset({Role.ADMINISTRATOR, Role.ASSOCIATION_ANALYST})


def may_see_every_flag(user: User) -> bool:
    """Return whether ``user`` is shown the flagged local figures of every trust (not only their own)."""
    return user.role in EVERY_FLAG_ROLES


def _n(value: float) -> str:
    return f"{value:,.10g}" if abs(value) >= 1 or value == 0 else f"{value:.3g}"


def band_text(policy: Policy) -> str:
    """Say in words which figures the policy questions, e.g. for a report's or a page's explanation."""
    ratio = _n(policy.plausible_ratio)
    high = ", or minutes above the national high figure" if policy.plausible_above_high else ""
    return f"more than {ratio} times or less than 1/{ratio} of the national central figure{high}"


@dataclass(frozen=True)
class Concern:
    """A trust's own figure outside the plausible band, with the national figure it is compared with and why."""

    trust: str
    requirement: str
    figure: str  # MINUTES or COUNT
    value: float
    national: float  # the national central minutes, or the national count a year for this trust
    national_high: float | None  # the national high minutes (None for a count)
    reasons: tuple[str, ...]

    @property
    def column(self) -> str:
        """The grid column the figure was typed in."""
        return FIGURE_COLUMNS[self.figure]

    def describe(self) -> str:
        """Say in a sentence what is questioned and why."""
        unit = FIGURE_UNITS[self.figure]
        high = f" (high {_n(self.national_high)})" if self.national_high is not None else ""
        national = "the national figure" if self.figure == MINUTES else "the national estimate for the trust"
        return f"{_n(self.value)} {unit} where {national} is {_n(self.national)}{high}: {'; '.join(self.reasons)}"


def _reasons(value: float, central: float, high: float | None, policy: Policy) -> tuple[str, ...]:
    ratio = policy.plausible_ratio
    out = []
    if central > 0 and value > central * ratio:
        out.append(f"more than {_n(ratio)} times the national figure")
    if central > 0 and value < central / ratio:
        out.append(f"less than 1/{_n(ratio)} of the national figure")
    if high is not None and policy.plausible_above_high and value > high:
        out.append("above its high figure")
    return tuple(out)


def concerns_for(
    trust: str,
    requirement: str,
    minutes: float | None,
    occurrences_per_year: float | None,
    *,
    national_minutes: float,
    national_high: float | None,
    national_count: float | None,
    policy: Policy | None = None,
) -> list[Concern]:
    """Return the concerns about one requirement's figures of a trust ([] when they are plausible)."""
    policy = policy or Policy()
    out = []
    if minutes is not None:
        reasons = _reasons(minutes, national_minutes, national_high, policy)
        if reasons:
            out.append(Concern(trust, requirement, MINUTES, minutes, national_minutes, national_high, reasons))
    if occurrences_per_year is not None and national_count is not None:
        reasons = _reasons(occurrences_per_year, national_count, None, policy)
        if reasons:
            out.append(Concern(trust, requirement, COUNT, occurrences_per_year, national_count, None, reasons))
    return out


def national_figures(burden: Burden, trust: str, requirements: Sequence[str] | None = None) -> pd.DataFrame:
    """Return the national figures a trust's own are compared with, one row per requirement in force.

    Columns: ``requirement, minutes_central, minutes_high, national_count`` (the national rate times the
    trust's volume: what the trust's count would be without its own).
    """
    rows = burden_table(burden, trusts=[trust], requirements=list(requirements) if requirements is not None else None)
    req = burden.requirements.set_index("requirement")
    frame = rows[["requirement", "volume", "bau_share"]].copy()
    frame["minutes_central"] = frame["requirement"].map(req["minutes_central"]).astype(float)
    frame["minutes_high"] = frame["requirement"].map(req["minutes_high"]).astype(float)
    frame["national_count"] = frame["requirement"].map(req["occurrences_per_unit"]).astype(float) * frame["volume"]
    return frame[["requirement", "minutes_central", "minutes_high", "national_count", "bau_share"]]


def check_edits(burden: Burden, trust: str, edits: Sequence[FigureEdit], policy: Policy) -> list[Concern]:
    """Return the concerns about a trust's edits (requirements not in force are not compared)."""
    wanted = [e.requirement for e in edits if e.minutes is not None or e.occurrences_per_year is not None]
    if not wanted:
        return []
    national = national_figures(burden, trust, wanted).set_index("requirement")
    out: list[Concern] = []
    for edit in edits:  # one per edited row of the grid, not per requirement x trust cell
        if edit.requirement not in national.index:
            continue
        row = national.loc[edit.requirement]
        out += concerns_for(
            trust,
            edit.requirement,
            edit.minutes,
            edit.occurrences_per_year,
            national_minutes=float(row["minutes_central"]),
            national_high=float(row["minutes_high"]),
            national_count=float(row["national_count"]),
            policy=policy,
        )
    return out


def confirmation_key(concerns: Sequence[Concern]) -> str:
    """Return a short fingerprint of the figures a confirmation is given for (it covers those figures only)."""
    text = "|".join(f"{c.trust}/{c.requirement}/{c.figure}={c.value!r}" for c in concerns)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class SavePlan:
    """What saving a trust's edited rows needs: the edits, every problem, and the figures to confirm."""

    edits: list[FigureEdit]
    problems: list[FigureProblem]
    concerns: list[Concern]
    confirmed: bool
    key: str = ""  # :func:`confirmation_key` of the concerns
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def needs_confirmation(self) -> bool:
        """True when figures far from the national ones wait for the user's confirmation."""
        return bool(self.concerns) and not self.confirmed

    @property
    def ready(self) -> bool:
        """True when the edits may be saved as they are: no problem and nothing left to confirm."""
        return bool(self.edits) and not self.problems and not self.needs_confirmation

    def to_save(self) -> list[FigureEdit]:
        """The edits to save, each confirmed figure with its confirmation written into the history's reason."""
        return [replace(e, note=self.notes[e.requirement]) if e.requirement in self.notes else e for e in self.edits]


def plan_save(
    burden: Burden,
    trust: str,
    rows: Sequence[FigureRow],
    policy: Policy,
    *,
    confirmed_key: str | None = None,
) -> SavePlan:
    """Read and check a trust's edited rows: the one call behind the Trust page's Save button.

    Every unreadable figure is a problem naming its row and column. A figure outside the plausible band is a
    concern: the save waits until the user confirms exactly these figures (``confirmed_key`` equal to the
    plan's ``key``), and each such row needs a comment saying why the figure is right.
    """
    edits, problems = read_edits(rows)
    concerns = check_edits(burden, trust, [e for e in edits if not _has_problem(e, problems)], policy)
    key = confirmation_key(concerns)
    confirmed = bool(concerns) and confirmed_key == key
    notes: dict[str, str] = {}
    by_row = {e.requirement: e for e in edits}
    for requirement in dict.fromkeys(c.requirement for c in concerns):
        about = [c for c in concerns if c.requirement == requirement]
        edit = by_row[requirement]
        notes[requirement] = "(confirmed far from the national figure: " + "; ".join(c.describe() for c in about) + ".)"
        if confirmed and not edit.comment:
            problems.append(
                FigureProblem(
                    edit.row,
                    COMMENT_COLUMN,
                    "say why this figure is right (how it was measured): it is far from the national figure, "
                    "so it is saved only with a comment.",
                )
            )
    return SavePlan(edits, problems, concerns, confirmed, key, notes)


def _has_problem(edit: FigureEdit, problems: Sequence[FigureProblem]) -> bool:
    return any(p.row == edit.row for p in problems)


FLAGGED_COLUMNS = [
    "trust",
    "requirement",
    "directive",
    "figure",
    "value",
    "national",
    "national_high",
    "reason",
    "comment",
    "recorded_by",
    "recorded_on",
    "hours_central",
    "hours_national",
    "difference_hours",
]


def flagged_figures(result: AuditResult, trust: str | None = None) -> pd.DataFrame:
    """Return every stored local figure outside the plausible band (of ``trust``, or of every trust held).

    One row per flagged figure: ``trust, requirement, directive, figure`` (the grid's column name), ``value,
    national, national_high, reason, comment, recorded_by, recorded_on``, and the hours a year of that
    requirement in that trust with the trust's figures (``hours_central``), on the national figures alone
    (``hours_national``) and the ``difference_hours``. Requirements not in force are left out (they count
    for nothing). The catalogue is the one the audit ran on, so a user sees only the measurements they may.
    """
    measured = [m for m in result.catalogue.local_measurements if trust is None or m.trust == trust]
    if not measured:
        return pd.DataFrame(columns=FLAGGED_COLUMNS)
    own = pd.DataFrame(
        {
            "trust": [m.trust for m in measured],
            "requirement": [m.requirement for m in measured],
            MINUTES: [np.nan if m.minutes is None else m.minutes for m in measured],
            COUNT: [np.nan if m.occurrences_per_year is None else m.occurrences_per_year for m in measured],
            "comment": [m.comment for m in measured],
            "recorded_by": [m.recorded_by for m in measured],
            "recorded_on": [m.recorded_on.isoformat() for m in measured],
        }
    )
    burden = result.burden
    cells = burden_table(burden, trusts=sorted(set(own["trust"])), requirements=sorted(set(own["requirement"])))
    req = burden.requirements.set_index("requirement")
    cells = cells[["requirement", "trust", "directive", "volume", "bau_share", "hours_central"]]
    frame = own.merge(cells, on=["trust", "requirement"], how="inner")  # inner: only requirements in force
    frame["minutes_central"] = frame["requirement"].map(req["minutes_central"]).astype(float)
    frame["minutes_high"] = frame["requirement"].map(req["minutes_high"]).astype(float)
    frame["national_count"] = frame["requirement"].map(req["occurrences_per_unit"]).astype(float) * frame["volume"]
    frame["hours_national"] = frame["national_count"] * frame["minutes_central"] * (1 - frame["bau_share"]) / 60
    policy = result.policy
    ratio = policy.plausible_ratio
    parts = []
    for figure, national, high in ((MINUTES, "minutes_central", "minutes_high"), (COUNT, "national_count", None)):
        value = frame[figure]
        central = frame[national]
        above = (central > 0) & (value > central * ratio)
        below = (central > 0) & (value < central / ratio)
        over_high = (value > frame[high]) if high and policy.plausible_above_high else pd.Series(False, frame.index)
        hit = value.notna() & (above | below | over_high)
        if not hit.any():
            continue
        highs = frame.loc[hit, high] if high else pd.Series(np.nan, frame.index[hit])
        reason = [
            "; ".join(_reasons(v, c, None if pd.isna(h) else h, policy))
            for v, c, h in zip(value[hit], central[hit], highs, strict=True)
        ]
        part = frame[hit].assign(
            figure=FIGURE_COLUMNS[figure],
            value=value[hit],
            national=central[hit],
            national_high=highs,
            reason=reason,
        )
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=FLAGGED_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    out["difference_hours"] = out["hours_central"] - out["hours_national"]
    out = out.sort_values(["trust", "requirement", "figure"], kind="stable").reset_index(drop=True)
    return out[FLAGGED_COLUMNS]
