"""One report per trust, written in parallel: ``proportion report trust --all`` and the app's "all trusts".

WeasyPrint lays out pages in pure Python, so 35 PDFs are CPU-bound and run in worker processes. The audit is
run once, in the calling process, with every part the reports read computed before the workers start, and every
worker reads that same context, so the files are the same as those written one by one. Before forking, the
caller writes the first report itself: that computes the shared parts, imports the renderer and loads its fonts
and stylesheet once for every worker, and is one report fewer for the pool. A caller that has drawn a chart with
the chart engine cannot fork (the engine's threads do not survive ``fork``) and starts its workers fresh
(``spawn``) with the context sent to each once.

>>> write_trust_reports("proportion.db", "pdf", "out/", dt.date(2026, 1, 1))  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import multiprocessing
import os
import zipfile
from collections import Counter
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


def _init(context: builders.ReportContext) -> None:
    """Start a worker with the caller's context."""
    global _CONTEXT
    _CONTEXT = context


def _start_method() -> str:
    """Return ``fork`` where it is available and safe (no chart drawn in this process yet), else ``spawn``."""
    from reports.render_charts import engine_started

    forkable = "fork" in multiprocessing.get_all_start_methods()
    return "fork" if forkable and not engine_started() else "spawn"


def _prepare_fork(context: builders.ReportContext, trust: str, fmt: str, out: Path) -> Path:
    """Write ``trust``'s report in this process, loading and computing on the way what every forked worker would
    otherwise load and compute for itself; return its path."""
    if fmt == "pdf":
        from reports.native_libraries import import_weasyprint

        import_weasyprint()
    # Writing one report computes every part of the audit the reports read (its lazy parts: the proposals, the
    # uncertainty, every change accepted, the tables shared by all trusts) once, here, for all the workers, and
    # leaves the renderer warm: its fonts loaded, its stylesheet parsed, its caches filled.
    path = _write_one(context, trust, fmt, out)
    context.national_only_rows(trust)  # read by the reports of trusts with their own measurements only
    # Frozen objects are left out of every collection in the workers, and their memory pages stay shared.
    gc.collect()
    gc.freeze()
    return path


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

    ``on_done(trust, path)`` is called as each file is written (for a progress bar). ``context`` is the audit
    already run (the command's own); without it the audit is run once from ``db_path``. With ``workers=1`` (or
    a single trust) everything runs in this process.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    workers = workers or default_workers()
    if context is None:
        context = context_from_db(db_path, today)  # the audit runs once, here, whatever the number of workers
    names = list(trusts) if trusts is not None else context.trusts
    if workers == 1 or len(names) <= 1:
        paths = []
        for trust in names:
            path = _write_one(context, trust, fmt, out)
            if on_done:
                on_done(trust, path)
            paths.append(path)
        return paths
    return _write_in_pool(context, names, fmt, out, min(workers, len(names)), on_done)


def _write_in_pool(
    context: builders.ReportContext,
    names: list[str],
    fmt: str,
    out: Path,
    workers: int,
    on_done: Callable[[str, Path], None] | None,
) -> list[Path]:
    """Write the reports of ``names`` with ``workers`` processes sharing ``context``; return them in order."""
    method = _start_method()
    found: dict[str, Path] = {}
    order = _largest_first(context, names)
    frozen = False
    if method == "fork":
        first = order.pop(0)
        found[first] = _prepare_fork(context, first, fmt, out)
        frozen = True
        if on_done:
            on_done(first, found[first])
        method = _start_method()  # a report that drew with the chart engine leaves this process unfit to fork
    try:
        # A forked worker inherits the context as it is; a spawned one receives it pickled, once.
        with ProcessPoolExecutor(
            max_workers=min(workers, max(1, len(order))), mp_context=multiprocessing.get_context(method),
            initializer=_init, initargs=(context,),
        ) as pool:  # fmt: skip
            futures = {pool.submit(_task, trust, fmt, str(out)): trust for trust in order}
            for future in as_completed(futures):
                trust = futures[future]
                found[trust] = Path(future.result())
                if on_done:
                    on_done(trust, found[trust])
    finally:
        if frozen:
            gc.unfreeze()
    return [found[t] for t in names]


def _largest_first(context: builders.ReportContext, names: list[str]) -> list[str]:
    """Return ``names`` with the reports likely to take longest first, so that no worker is left with a long one
    at the end while the others wait: a trust's own measurements add a table (and its notes) to its report; the
    other trust reports have the same sections and tables, so they keep their order."""
    measured = Counter(m.trust for m in context.catalogue.local_measurements)
    return sorted(names, key=lambda trust: -measured[trust])


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
