"""A trust's own business-as-usual share of a requirement, set, cleared and listed under the Trust page's roles.

The share replaces the requirement's national share in that trust only (see docs/method.md) and needs its
source, as the national share does. Setting or clearing it keeps the trust's own minutes and count (and a
study's interval of them); clearing the share of a measurement that holds nothing else removes it, so the
national figures apply again. Each change is one history entry, through the store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from audit.access import Action, User, can, require
from catalogue.local_figures import BAU_COLUMN, FigureEdit, FigureProblem, FigureProblems, FigureRow, read_edits
from catalogue.store import get_requirement, load_catalogue, record_local_figure_edits


@dataclass(frozen=True)
class TrustShare:
    """A trust's own business-as-usual share of one requirement, beside the national share it replaces."""

    trust: str
    requirement: str
    bau_share: float
    source: str
    national_bau_share: float
    recorded_by: str
    recorded_on: dt.date


def _stored(db: Database, trust: str, requirement: str) -> dict | None:
    rows = list(db.table("local_measurements").rows_where("trust = ? AND requirement = ?", [trust, requirement]))
    return rows[0] if rows else None


def _edit(db: Database, trust: str, requirement: str, share: str, source: str, note: str) -> FigureEdit:
    """The share as an edit of the trust's measurement that keeps its other figures; FigureProblems if wrong."""
    get_requirement(db, requirement)  # NotFound: no such requirement, said in words
    [read], problems = read_edits([FigureRow(requirement, requirement, "", "", "", 0, share, source)])
    if problems:
        raise FigureProblems(problems)
    stored = _stored(db, trust, requirement) or {}
    return FigureEdit(
        requirement,
        stored.get("minutes"),
        stored.get("occurrences_per_year"),
        stored.get("comment") or "",
        int(stored.get("version") or 0),
        requirement,
        note=note,
        bau_share=read.bau_share,
        sets_bau=True,
        bau_source=read.bau_source,
    )


def set_trust_share(
    db: Database, user: User, trust: str, requirement: str, share: str, source: str, *, today: dt.date | None = None
) -> TrustShare:
    """Set ``trust``'s own business-as-usual share of ``requirement`` (``share`` in per cent as typed, e.g. "25").

    Refuses (AccessDenied) anyone who may not record the trust's measurements, and (FigureProblems, nothing saved)
    a share that is not a percentage or has no source.
    """
    require(user, Action.EDIT_LOCAL_DATA, trust)
    if not str(share).strip():
        raise FigureProblems([FigureProblem(requirement, BAU_COLUMN, "type our share in per cent, e.g. 25.")])
    edit = _edit(db, trust, requirement, share, source, "")
    record_local_figure_edits(db, trust, [edit], actor=user.name or user.username, today=today)
    [found] = [s for s in trust_shares(db, user, trust) if s.requirement == requirement]
    return found


def clear_trust_share(db: Database, user: User, trust: str, requirement: str, *, reason: str = "") -> bool:
    """Remove ``trust``'s own business-as-usual share of ``requirement`` (the national share applies again).

    Returns whether there was one. The trust's own minutes and count, if any, are kept.
    """
    require(user, Action.EDIT_LOCAL_DATA, trust)
    stored = _stored(db, trust, requirement)
    if stored is None or stored.get("bau_share") is None:
        get_requirement(db, requirement)  # NotFound for a requirement that does not exist
        return False
    edit = _edit(db, trust, requirement, "", "", reason.strip())
    record_local_figure_edits(db, trust, [edit], actor=user.name or user.username)
    return True


def trust_shares(db: Database, user: User, trust: str | None = None) -> list[TrustShare]:
    """Every trust's own business-as-usual shares ``user`` may read (of one trust, if named), by trust then id."""
    if trust is not None:
        require(user, Action.READ_LOCAL_DATA, trust)
    elif not can(user, Action.READ_LOCAL_DATA, user.trust):
        require(user, Action.READ_LOCAL_DATA, user.trust)
    catalogue = load_catalogue(db)
    national = {r.id: r.bau_share for r in catalogue.requirements}
    return [
        TrustShare(
            m.trust,
            m.requirement,
            m.bau_share,
            m.bau_source or "",
            national.get(m.requirement, 0.0),
            m.recorded_by,
            m.recorded_on,
        )
        for m in sorted(catalogue.local_measurements, key=lambda m: (m.trust, m.requirement))
        if m.bau_share is not None
        and (trust is None or m.trust == trust)
        and can(user, Action.READ_LOCAL_DATA, m.trust)
    ]
