"""No lost updates: 8 processes each make 100 concurrent edits to the same rows; every edit is accounted for.

Each writer reads a row's version, changes it, and saves with that version. A save based on a stale
version is refused (StaleWrite) and reported back to the writer, which counts it. Afterwards every
accepted edit must be in the history, the final state must equal the last accepted edit of each row,
and accepted + refused must equal the edits attempted: nothing silently lost.

Run: .venv/bin/python bench/bench_concurrency.py
"""

from __future__ import annotations

import json
import multiprocessing as mp
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._results import write_section  # noqa: E402
from catalogue.dataset import load_default_catalogue  # noqa: E402
from catalogue.errors import StaleWrite  # noqa: E402
from catalogue.store import get_requirement, open_db, row_version, save_catalogue, upsert_requirement  # noqa: E402

PROCESSES = 8
EDITS = 100
ROWS = 3  # few rows, so writers collide often


def writer(db_path: str, worker: int, row_ids: list[str], queue: mp.Queue) -> None:
    """Make EDITS edits, each to one of the shared rows, and report what was accepted or refused."""
    db = open_db(db_path)
    accepted, refused = [], []
    for n in range(EDITS):
        row_id = row_ids[(worker + n) % len(row_ids)]
        version = row_version(db, "requirements", id=row_id)
        current = get_requirement(db, row_id)
        token = f"w{worker}-e{n}"
        edited = current.model_copy(update={"actor": token})
        try:
            new_version = upsert_requirement(db, edited, actor=f"worker-{worker}", expected_version=version)
            accepted.append((row_id, token, new_version))
        except StaleWrite as exc:
            refused.append((row_id, token, exc.current))
    db.conn.close()
    queue.put({"worker": worker, "accepted": accepted, "refused": refused})


def run() -> dict:
    """Run the writers against a fresh default-data database and check every edit."""
    tmp = Path(tempfile.mkdtemp())
    db_path = tmp / "concurrency.db"
    db = open_db(db_path)
    catalogue = load_default_catalogue()
    save_catalogue(db, catalogue, replace=True)
    row_ids = [r.id for r in catalogue.requirements[:ROWS]]
    history_before = db["history"].count
    db.conn.close()

    queue: mp.Queue = mp.Queue()
    start = time.perf_counter()
    procs = [mp.Process(target=writer, args=(str(db_path), w, row_ids, queue)) for w in range(PROCESSES)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=300) for _ in procs]
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - start

    db = open_db(db_path)
    accepted = [a for r in results for a in r["accepted"]]
    refused = [f for r in results for f in r["refused"]]
    history = [
        (row["entity_id"], json.loads(row["new_value"])["actor"])
        for row in db.query(
            "SELECT entity_id, new_value FROM history WHERE id > ? AND entity = 'requirement' ORDER BY id",
            [history_before],
        )
    ]
    in_history = set(history)
    missing = [a for a in accepted if (a[0], a[1]) not in in_history]
    last_accepted = {}
    for row_id, token in history:
        last_accepted[row_id] = token
    final_ok = all(get_requirement(db, rid).actor == last_accepted.get(rid) for rid in row_ids)
    versions_ok = all(
        row_version(db, "requirements", id=rid) == 1 + sum(1 for h in history if h[0] == rid) for rid in row_ids
    )
    return {
        "attempted": PROCESSES * EDITS,
        "accepted": len(accepted),
        "refused": len(refused),
        "history_entries": len(history),
        "accepted_missing_from_history": len(missing),
        "unreported": PROCESSES * EDITS - len(accepted) - len(refused),
        "final_state_matches_last_accepted": final_ok,
        "versions_match_history": versions_ok,
        "seconds": elapsed,
    }


def main() -> None:
    figures = run()
    lost = figures["accepted_missing_from_history"] + figures["unreported"]
    lost += figures["history_entries"] - figures["accepted"]
    holds = lost == 0 and figures["final_state_matches_last_accepted"] and figures["versions_match_history"]
    md = f"""## Concurrent edits (no lost updates)

{PROCESSES} processes x {EDITS} edits to the same {ROWS} requirement rows, each save carrying the version it read.

| figure | value |
|---|---|
| edits attempted | {figures["attempted"]} |
| accepted (in history and final state) | {figures["accepted"]} |
| refused as stale, reported to the writer | {figures["refused"]} |
| accepted edits missing from history | {figures["accepted_missing_from_history"]} |
| edits neither accepted nor refused | {figures["unreported"]} |
| final state equals the last accepted edit of each row | {figures["final_state_matches_last_accepted"]} |
| row versions equal 1 + accepted edits | {figures["versions_match_history"]} |
| wall time | {figures["seconds"]:.1f} s |

Target: zero lost updates. **{"Holds" if holds else "Does not hold"}** ({lost} lost).
"""
    write_section("concurrency", md)
    print(md)


if __name__ == "__main__":
    main()
