"""The change history: an append-only table whose entries are chained by SHA-256.

Each entry's hash covers its own fields and the previous entry's hash, so altering or deleting any
row breaks the chain from that row on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

FIELDS = ("at", "actor", "entity", "entity_id", "action", "old_value", "new_value", "reason", "prev_hash")


def _canonical(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json")
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def entry_hash(entry: dict[str, Any]) -> str:
    """Return the hash of one history entry (its fields and the previous hash)."""
    payload = json.dumps([entry.get(f) for f in FIELDS], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record_change(
    db: Database,
    *,
    actor: str,
    entity: str,
    entity_id: str,
    action: str,
    old: Any = None,
    new: Any = None,
    reason: str = "",
    at: dt.datetime | None = None,
) -> dict[str, Any]:
    """Append one change to the history (call inside the write's transaction) and return the entry."""
    last = db.execute("SELECT hash FROM history ORDER BY id DESC LIMIT 1").fetchone()
    entry: dict[str, Any] = {
        "at": (at or dt.datetime.now(dt.UTC)).isoformat(timespec="microseconds"),
        "actor": actor,
        "entity": entity,
        "entity_id": entity_id,
        "action": action,
        "old_value": _canonical(old),
        "new_value": _canonical(new),
        "reason": reason or "",
        "prev_hash": last[0] if last else "",
    }
    entry["hash"] = entry_hash(entry)
    db.table("history").insert(entry)
    return entry


def record_changes(
    db: Database,
    *,
    actor: str,
    entity: str,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    reason: str = "",
    at: dt.datetime | None = None,
) -> list[dict[str, Any]]:
    """Append one entry per record added, changed or removed between ``old`` and ``new`` (both by entity id).

    For records written as parts of another (a requirement's activities, the drivers' volumes): a record the
    same in both gets no entry. Call inside the write's transaction; the entries are chained like any other.
    """
    when = (at or dt.datetime.now(dt.UTC)).isoformat(timespec="microseconds")
    last = db.execute("SELECT hash FROM history ORDER BY id DESC LIMIT 1").fetchone()
    prev = last[0] if last else ""
    entries: list[dict[str, Any]] = []
    for entity_id in sorted(set(old) | set(new)):
        before, after = _canonical(old.get(entity_id)), _canonical(new.get(entity_id))
        if before == after:
            continue
        action = "create" if before is None else "delete" if after is None else "update"
        entry: dict[str, Any] = {
            "at": when,
            "actor": actor,
            "entity": entity,
            "entity_id": entity_id,
            "action": action,
            "old_value": before,
            "new_value": after,
            "reason": reason or "",
            "prev_hash": prev,
        }
        entry["hash"] = prev = entry_hash(entry)
        entries.append(entry)
    if entries:
        db.table("history").insert_all(entries)
    return entries


def history_for(db: Database, entity: str, entity_id: str) -> list[dict[str, Any]]:
    """Return the changes to one record, oldest first."""
    return list(db.table("history").rows_where("entity = ? AND entity_id = ?", [entity, entity_id], order_by="id"))


# What the History view of each kind of record gathers: (entity, entity_id pattern with {key}).
_VIEWS: dict[str, list[tuple[str, str]]] = {
    "directive": [("directive", "{key}")],
    "requirement": [
        ("requirement", "{key}"),
        ("activity", "{key} / %"),
        ("relevance_score", "{key} / %"),
        ("local_measurement", "% / {key}"),
    ],
    "trust": [("trust", "{key}"), ("local_measurement", "{key} / %"), ("driver_volume", "{key} / %")],
    "proposal": [("review", "{key}")],
    "scenario": [("scenario", "{key}")],
}


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def history_of(
    db: Database, kind: str, key: str, limit: int = 500, local_scope: str | None = None
) -> list[dict[str, Any]]:
    """Return the changes a History view shows for one directive, requirement, trust, proposal or scenario.

    Newest first. A requirement's view includes its activities, relevance scores and local measurements; a
    trust's, its local measurements and its volumes of the catalogue's drivers; a proposal's, the reviewers'
    decisions and the scenario changes naming it.
    With ``local_scope`` (a trust), other trusts' local measurements are left out.
    """
    if kind not in _VIEWS:
        raise ValueError(f"no History view for {kind!r}")
    clauses, args = [], []
    for entity, pattern in _VIEWS[kind]:
        clauses.append("(entity = ? AND entity_id LIKE ? ESCAPE '\\')")
        args += [entity, pattern.replace("{key}", _escape_like(key))]
    if kind == "proposal":
        clauses.append("(entity = 'scenario' AND new_value LIKE ? ESCAPE '\\')")
        args.append(f"%{_escape_like(key)}%")
    sql = f"SELECT * FROM history WHERE {' OR '.join(clauses)} ORDER BY id DESC LIMIT ?"
    rows = list(db.query(sql, [*args, limit]))
    if local_scope is not None:
        rows = [r for r in rows if r["entity"] != "local_measurement" or r["entity_id"].startswith(f"{local_scope} / ")]
    return rows


@dataclass(frozen=True)
class Verification:
    """Result of checking the history chain."""

    entries: int
    first_bad_id: int | None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.first_bad_id is None


def verify_history(db: Database) -> Verification:
    """Walk the chain and report the first entry whose hash or link does not hold."""
    prev = ""
    count = 0
    for row in db.query("SELECT * FROM history ORDER BY id"):
        count += 1
        if row["prev_hash"] != prev:
            return Verification(count, row["id"], "its link to the previous entry is broken (an entry was removed)")
        if entry_hash(row) != row["hash"]:
            return Verification(count, row["id"], "its content does not match its hash (the entry was altered)")
        prev = row["hash"]
    return Verification(count, None)
