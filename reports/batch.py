"""One report per trust, written in parallel: ``proportion report trust --all`` and the app's "all trusts".

WeasyPrint lays out pages in pure Python, so 35 PDFs are CPU-bound: worker processes (started with
``spawn``: the chart engine's threads do not survive ``fork``) each load the database once, run the audit
once and write their share of the trusts. Every worker reads the same database, policy and date, so the
files are the same as those written one by one.

>>> write_trust_reports("proportion.db", "pdf", "out/", dt.date(2026, 1, 1))  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import io
import multiprocessing
import os
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from reports import builders, documents

_CONTEXT: builders.ReportContext | None = None


def context_from_db(db_path: str | Path, today: dt.date) -> builders.ReportContext:
    """Load the catalogue and policy stored at ``db_path`` and run the audit once."""
    from audit.policy import load_policy
    from catalogue.store import load_catalogue, open_db

    db = open_db(db_path)
    try:
        return builders.prepare(load_catalogue(db), load_policy(db), today)
    finally:
        db.conn.close()


def _init(db_path: str, today: dt.date) -> None:
    global _CONTEXT
    _CONTEXT = context_from_db(db_path, today)


def _write_one(ctx: builders.ReportContext, trust: str, fmt: str, out_dir: Path) -> Path:
    report = builders.trust_report(ctx, trust)
    return documents.write(report, fmt, out_dir / documents.file_name(report, fmt))


def _task(trust: str, fmt: str, out_dir: str) -> str:
    assert _CONTEXT is not None, "worker not initialised"
    return str(_write_one(_CONTEXT, trust, fmt, Path(out_dir)))


def default_workers() -> int:
    """Return how many worker processes to use: one per core, at most four."""
    return max(1, min(4, os.cpu_count() or 1))


def write_trust_reports(
    db_path: str | Path,
    fmt: str,
    out_dir: str | Path,
    today: dt.date,
    *,
    trusts: Sequence[str] | None = None,
    workers: int | None = None,
    on_done: Callable[[str, Path], None] | None = None,
    context: builders.ReportContext | None = None,
) -> list[Path]:
    """Write one report per trust (all, or ``trusts``) into ``out_dir``; return the paths in trust order.

    ``on_done(trust, path)`` is called as each file is written (for a progress bar). With ``workers=1`` (or a
    single trust) everything runs in this process, reusing ``context`` when given.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    workers = workers or default_workers()
    if context is None and (workers == 1 or (trusts is not None and len(trusts) <= 1)):
        context = context_from_db(db_path, today)
    names = list(trusts) if trusts is not None else (context.trusts if context else _trust_names(db_path))
    if context is not None and (workers == 1 or len(names) <= 1):
        paths = []
        for trust in names:
            path = _write_one(context, trust, fmt, out)
            if on_done:
                on_done(trust, path)
            paths.append(path)
        return paths
    found: dict[str, Path] = {}
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=min(workers, len(names)), mp_context=spawn, initializer=_init, initargs=(str(db_path), today)
    ) as pool:
        futures = {pool.submit(_task, trust, fmt, str(out)): trust for trust in names}
        for future in as_completed(futures):
            trust = futures[future]
            found[trust] = Path(future.result())
            if on_done:
                on_done(trust, found[trust])
    return [found[t] for t in names]


def trust_reports_zip(
    context: builders.ReportContext,
    fmt: str,
    *,
    trusts: Sequence[str] | None = None,
    on_done: Callable[[str, int, int], None] | None = None,
) -> bytes:
    """Return a zip holding one report per trust (in this process), calling ``on_done(trust, done, total)``."""
    names = list(trusts) if trusts is not None else context.trusts
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for done, trust in enumerate(names, 1):
            report = builders.trust_report(context, trust)
            info = zipfile.ZipInfo(documents.file_name(report, fmt), date_time=(2000, 1, 1, 0, 0, 0))
            archive.writestr(info, documents.render(report, fmt))
            if on_done:
                on_done(trust, done, len(names))
    return buffer.getvalue()


def _trust_names(db_path: str | Path) -> list[str]:
    from catalogue.store import load_catalogue, open_db

    db = open_db(db_path)
    try:
        return [t.name for t in load_catalogue(db).trusts]
    finally:
        db.conn.close()
