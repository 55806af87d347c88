"""Reviewers' decisions on proposals: accept, reject, defer or amend, with a comment, kept as a history.

Every decision is a new row of the ``reviews`` table (nothing is overwritten) and an entry in the change
history, written in one transaction. A proposal's status is its latest decision, or ``undecided``.
Rejecting, deferring and amending need a comment saying why (or what to amend); accepting does not. A decision
names a proposal of the current audit.

Public API

- :data:`DECISIONS`, :data:`UNDECIDED`, :data:`NEEDS_COMMENT`.
- :class:`Decision` (frozen): ``id, proposal_id, scenario, decision, comment, reviewer, decided_at``.
- :func:`record_decision(db, proposal_id, decision, *, reviewer, comment="", scenario=None, at=None, proposals=None)
  -> Decision` (raises :class:`ReviewError` listing every problem, including an id that is no current proposal).
- :func:`current_proposal_ids(db) -> set[str]`: the proposals of the database's current audit that can be decided.
- :func:`decisions(db, proposal_id=None) -> list[Decision]`: the history, oldest first.
- :func:`latest_decisions(db) -> dict[str, Decision]`: the current decision on each proposal.
- :func:`status_board(proposals, latest) -> DataFrame`: the proposals' ``rank, id, action, target, saving_cost_central``
  plus ``status, reviewer, decided_at, comment``.
- :func:`status_counts(board) -> dict[str, int]`: proposals per status, every status present (0 when none).
- :func:`review_summary(proposal_ids, decisions) -> DataFrame`: ``id, review_status, comments, last_comment`` for
  each proposal id, in the order given (``undecided``, 0 and "" when never decided), for the pages that list
  proposals.
- :func:`contested_requirements(catalogue) -> set[str]`: requirements whose relevance scores were given by more
  than one scorer (someone re-scored part of another's assessment), for the relevance workbench's review filter.

>>> from catalogue.store import open_db
>>> db = open_db(":memory:")
>>> record_decision(db, "remove:R1", "accept", reviewer="ann", proposals={"remove:R1"}).decision
'accept'
>>> latest_decisions(db)["remove:R1"].reviewer
'ann'
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd
from sqlite_utils import Database

from audit.errors import AuditError
from catalogue.history import record_change
from catalogue.models import Catalogue

DECISIONS = ("accept", "reject", "defer", "amend")
UNDECIDED = "undecided"
NEEDS_COMMENT = frozenset({"reject", "defer", "amend"})
BOARD_COLUMNS = ["rank", "id", "action", "target", "saving_cost_central"]


class ReviewError(AuditError):
    """A decision that cannot be recorded; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class Decision:
    """One reviewer's decision on one proposal, at one time."""

    id: int
    proposal_id: str
    scenario: str | None
    decision: str
    comment: str
    reviewer: str
    decided_at: str


def current_proposal_ids(db: Database) -> set[str]:
    """Return the ids of the proposals a reviewer can decide on now: the current audit's, except "retain"."""
    from audit.engine import run_audit  # the audit is computed only when the caller did not pass the ids
    from audit.policy import load_policy
    from audit.proposals import RETAIN
    from catalogue.store import load_catalogue

    props = run_audit(load_catalogue(db), load_policy(db)).proposals
    return set(props.loc[props["action"] != RETAIN, "id"])


def _check(
    db: Database,
    proposal_id: str,
    decision: str,
    reviewer: str,
    comment: str,
    scenario: str | None,
    proposals: Collection[str] | None,
) -> None:
    problems = []
    if not proposal_id.strip():
        problems.append("name the proposal decided on")
    elif proposal_id.strip() not in (current_proposal_ids(db) if proposals is None else proposals):
        problems.append(f"no proposal {proposal_id.strip()!r} in the current audit")
    if not decision:
        problems.append(f"choose a decision: {', '.join(DECISIONS[:-1])} or {DECISIONS[-1]}")
    elif decision not in DECISIONS:
        problems.append(f"decision must be one of {', '.join(DECISIONS)} (got {decision!r})")
    if not reviewer.strip():
        problems.append("a decision needs the reviewer's name")
    if decision in NEEDS_COMMENT and not comment.strip():
        problems.append(f"say why in a comment: a decision to {decision} needs one")
    if scenario and not db.execute("SELECT 1 FROM scenarios WHERE name = ?", [scenario]).fetchone():
        problems.append(f"no scenario {scenario!r}")
    if problems:
        raise ReviewError(problems)


def record_decision(
    db: Database,
    proposal_id: str,
    decision: str,
    *,
    reviewer: str,
    comment: str = "",
    scenario: str | None = None,
    at: dt.datetime | None = None,
    proposals: Collection[str] | None = None,
) -> Decision:
    """Record a reviewer's decision on a proposal (and its history entry) and return it.

    ``proposals`` are the ids that may be decided on (a page passes those it shows); without them the current
    audit of ``db`` names them. A decision on any other id, a rejection, deferral or amendment without a comment
    of its own, or one without a reviewer is refused (ReviewError) and nothing is written.
    """
    comment = comment.strip()
    _check(db, proposal_id, decision, reviewer, comment, scenario, proposals)
    row: dict[str, Any] = {
        "proposal_id": proposal_id.strip(),
        "scenario": scenario or None,
        "decision": decision,
        "comment": comment,
        "reviewer": reviewer.strip(),
        "decided_at": (at or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
    }
    try:
        with db.atomic():
            new_id = db.table("reviews").insert(row).last_pk
            record_change(
                db,
                actor=row["reviewer"],
                entity="review",
                entity_id=row["proposal_id"],
                action=decision,
                new=row,
                reason=comment,
            )
    except sqlite3.IntegrityError as exc:  # a scenario deleted meanwhile
        raise ReviewError([str(exc)]) from None
    return Decision(id=int(new_id or 0), **row)


def decisions(db: Database, proposal_id: str | None = None) -> list[Decision]:
    """Return the decisions (on one proposal, or all), oldest first."""
    where, args = ("proposal_id = ?", [proposal_id]) if proposal_id else (None, [])
    return [Decision(**row) for row in db["reviews"].rows_where(where, args, order_by="id")]


def latest_decisions(db: Database) -> dict[str, Decision]:
    """Return the latest decision on each proposal that has one."""
    latest: dict[str, Decision] = {}
    for d in decisions(db):
        latest[d.proposal_id] = d
    return latest


def status_board(proposals: pd.DataFrame, latest: dict[str, Decision]) -> pd.DataFrame:
    """Return one row per proposal with its current review status (``undecided`` when never decided)."""
    board = proposals[BOARD_COLUMNS].copy()
    found = [latest.get(pid) for pid in board["id"]]
    board["status"] = [d.decision if d else UNDECIDED for d in found]
    board["reviewer"] = [d.reviewer if d else "" for d in found]
    board["decided_at"] = [d.decided_at if d else "" for d in found]
    board["comment"] = [d.comment if d else "" for d in found]
    return board.reset_index(drop=True)


def status_counts(board: pd.DataFrame) -> dict[str, int]:
    """Return how many proposals have each status, undecided first."""
    counts = board["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in (UNDECIDED, *DECISIONS)}


def review_summary(proposal_ids: Sequence[str], items: Sequence[Decision]) -> pd.DataFrame:
    """Return each proposal's review status (its latest decision), how many comments it has and the latest one."""
    latest: dict[str, str] = {}
    comments: dict[str, list[str]] = {}
    for d in items:  # oldest first: the last one seen is the current decision
        latest[d.proposal_id] = d.decision
        if d.comment.strip():
            comments.setdefault(d.proposal_id, []).append(d.comment.strip())
    ids = list(proposal_ids)
    return pd.DataFrame(
        {
            "id": pd.Series(ids, dtype=object),  # text even when empty, so it merges with any table of proposals
            "review_status": pd.Series([latest.get(pid, UNDECIDED) for pid in ids], dtype=object),
            "comments": pd.Series([len(comments.get(pid, [])) for pid in ids], dtype=int),
            "last_comment": pd.Series([comments.get(pid, [""])[-1] for pid in ids], dtype=object),
        }
    )


def decisions_frame(items: list[Decision]) -> pd.DataFrame:
    """Return decisions as a table (newest first) for display and download."""
    columns = ["id", "proposal_id", "scenario", "decision", "comment", "reviewer", "decided_at"]
    frame = pd.DataFrame([asdict(d) for d in items], columns=columns)
    return frame.iloc[::-1].reset_index(drop=True)


def contested_requirements(catalogue: Catalogue) -> set[str]:
    """Return the ids of requirements whose outcome scores come from more than one scorer."""
    scorers: dict[str, set[str]] = {}
    for score in catalogue.relevance_scores:
        scorers.setdefault(score.requirement, set()).add(score.scorer)
    return {rid for rid, names in scorers.items() if len(names) > 1}
