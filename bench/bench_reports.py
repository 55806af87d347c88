"""Benchmark the reports on the default data: the national report in every format, and every trust's PDF.

Targets: the national PDF under 5 s; ``report trust --all`` (35 trust PDFs) under 20 s. Each figure is the
wall time of the real command (``python -m proportion report ...``, imports and audit included), best of
``RUNS``; the in-process split shows where the time goes. Figures go to bench/RESULTS.md.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._results import write_section  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "2"))
TARGETS = {"national pdf": 5.0, "trust --all pdf": 20.0}


def _command(*args: str) -> tuple[float, float]:
    """Run one command; return its wall time and the CPU time (user + system) of it and its workers."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "proportion", *args], check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _best(*args: str, runs: int = RUNS) -> tuple[float, float]:
    return min(_command(*args) for _ in range(runs))


def _split(db: Path) -> list[tuple[str, float]]:
    """Time the national report's steps in this process (after imports)."""
    from audit.policy import load_policy
    from catalogue.store import load_catalogue, open_db
    from reports import builders
    from reports.render_html import render_html
    from reports.render_pdf import render_pdf

    steps = []
    start = time.perf_counter()
    handle = open_db(db)
    catalogue, policy = load_catalogue(handle), load_policy(handle)
    steps.append(("load catalogue", time.perf_counter() - start))
    start = time.perf_counter()
    ctx = builders.prepare(catalogue, policy, dt.date.today())
    steps.append(("audit (run once)", time.perf_counter() - start))
    start = time.perf_counter()
    report = builders.national_report(ctx)
    steps.append(("build national report", time.perf_counter() - start))
    start = time.perf_counter()
    render_html(report, mode="pdf", inline_css=False)
    steps.append(("HTML + charts (vl-convert SVG)", time.perf_counter() - start))
    start = time.perf_counter()
    pages = render_pdf(report)
    steps.append(("WeasyPrint layout + PDF", time.perf_counter() - start))
    import io

    from pypdf import PdfReader

    steps.append((f"pages: {len(PdfReader(io.BytesIO(pages)).pages)}", 0.0))
    start = time.perf_counter()
    trust = builders.trust_report(ctx, ctx.trusts[0])
    render_pdf(trust)
    steps.append(("one trust PDF (build + layout, first)", time.perf_counter() - start))
    start, cpu = time.perf_counter(), time.process_time()
    for name in ctx.trusts[1:6]:
        render_pdf(builders.trust_report(ctx, name))
    steps.append(("five more trust PDFs (charts and stylesheet reused)", time.perf_counter() - start))
    steps.append(("  of which CPU", time.process_time() - cpu))
    steps.append(("  CPU per trust PDF", (time.process_time() - cpu) / 5))
    handle.conn.close()
    return steps


def main() -> None:
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "bench.db"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        subprocess.run(
            [sys.executable, "-m", "proportion", "init", "--db", str(db)],
            check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        rows = []
        for fmt, name in (
            ("pdf", "n.pdf"),
            ("docx", "n.docx"),
            ("html", "n.html"),
            ("xlsx", "n.xlsx"),
            ("csv", "n.zip"),
        ):
            seconds, cpu = _best("report", "national", "--db", str(db), "--format", fmt, "--out", str(folder / name))
            rows.append((f"national {fmt}", seconds, cpu))
            print(f"national {fmt}: {seconds:.2f} s (CPU {cpu:.2f} s)", flush=True)
        seconds, cpu = _best(
            "report", "trust", "--all", "--db", str(db), "--format", "pdf", "--out", str(folder / "all"), runs=1
        )
        count = len(list((folder / "all").glob("*.pdf")))
        rows.append((f"trust --all pdf ({count} files)", seconds, cpu))
        print(f"trust --all pdf ({count} files): {seconds:.2f} s (CPU {cpu:.2f} s)", flush=True)
        load = os.getloadavg()[0]
        split = _split(db)

    lines = [
        "Default data (35 trusts). Wall time of `python -m proportion report ...` (imports, audit and writing "
        f"included), best of {RUNS}; `--all` once, with the default worker count ({os.cpu_count()} cores). CPU = "
        "user + system time of the command and its workers: the work itself, whatever else the machine runs "
        f"(load average {load_before:.1f} before the commands, {load:.1f} when they finished; the machine is shared, "
        "so a wall time above CPU / cores means others were running).",
        "",
        "| command | wall seconds | CPU seconds | target (wall) | within target |",
        "|---|---:|---:|---:|---|",
    ]
    for name, seconds, cpu in rows:
        target = TARGETS.get(name.split(" (")[0])
        verdict = "" if target is None else ("yes" if seconds < target else "**no**")
        limit = "" if target is None else f"< {target:.0f}"
        lines.append(f"| {name} | {seconds:.2f} | {cpu:.2f} | {limit} | {verdict} |")
    lines += ["", "Where the national PDF's time goes (in one process, after imports):", "", "| step | seconds |"]
    lines += ["|---|---:|"]
    lines += [f"| {name} | {seconds:.2f} |" if seconds else f"| {name} | |" for name, seconds in split]
    write_section("reports", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
