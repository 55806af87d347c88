"""Benchmark the reports on the default data: the national report in every format, and every trust's PDF.

Targets: the national PDF under 5 s; ``report trust --all`` (35 trust PDFs) under 20 s on a 2-core machine. Each
figure is the real command (``python -m proportion report ...``, imports and audit included), best of ``RUNS``:
its wall time, and its CPU time (it and its workers), which is what it takes on idle cores whatever else the
shared machine runs. Each target is judged on both: the wall time, and the CPU time spread over the cores the
command can use (one for a single report, the cores for ``--all``). The in-process split shows where the time
goes. Figures go to bench/RESULTS.md.
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


def _command(*args: str) -> tuple[float, float, float]:
    """Run one command; return its wall time, its CPU time (user + system, with its workers) and the load before."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "proportion", *args], check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), load


def _best(*args: str, runs: int = RUNS) -> tuple[float, float, float]:
    """Return the run with the least CPU time of ``runs`` (its wall time, CPU time and load average before)."""
    return min((_command(*args) for _ in range(runs)), key=lambda run: run[1])


def _verdict(seconds: float, target: float | None) -> str:
    return "" if target is None else ("yes" if seconds < target else "**no**")


def _split(db: Path) -> list[tuple[str, float]]:
    """Time the national report's steps in this process (after imports), in CPU seconds."""
    from audit.policy import load_policy
    from catalogue.store import load_catalogue, open_db
    from reports import builders
    from reports.render_html import render_html
    from reports.render_pdf import render_pdf

    steps = []
    start = time.process_time()
    handle = open_db(db)
    catalogue, policy = load_catalogue(handle), load_policy(handle)
    steps.append(("load catalogue", time.process_time() - start))
    start = time.process_time()
    ctx = builders.prepare(catalogue, policy, dt.date.today())
    steps.append(("audit (run once)", time.process_time() - start))
    start = time.process_time()
    report = builders.national_report(ctx)
    steps.append(("build national report", time.process_time() - start))
    start = time.process_time()
    render_html(report, mode="pdf", inline_css=False)
    steps.append(("HTML + charts (drawn as SVG)", time.process_time() - start))
    start = time.process_time()
    pages = render_pdf(report)
    steps.append(("WeasyPrint layout + PDF (charts already drawn)", time.process_time() - start))
    import io

    from pypdf import PdfReader

    steps.append((f"pages: {len(PdfReader(io.BytesIO(pages)).pages)}", 0.0))
    start = time.process_time()
    trust = builders.trust_report(ctx, ctx.trusts[0])
    render_pdf(trust)
    steps.append(("one trust PDF (build + layout, first)", time.process_time() - start))
    start = time.process_time()
    for name in ctx.trusts[1:6]:
        render_pdf(builders.trust_report(ctx, name))
    steps.append(("five more trust PDFs (build + charts + layout)", time.process_time() - start))
    steps.append(("  per trust PDF", (time.process_time() - start) / 5))
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
            seconds, cpu, load = _best(
                "report", "national", "--db", str(db), "--format", fmt, "--out", str(folder / name)
            )
            rows.append((f"national {fmt}", seconds, cpu, load, 1))
            print(f"national {fmt}: {seconds:.2f} s (CPU {cpu:.2f} s)", flush=True)
        seconds, cpu, load = _best(
            "report", "trust", "--all", "--db", str(db), "--format", "pdf", "--out", str(folder / "all"), runs=1
        )
        count = len(list((folder / "all").glob("*.pdf")))
        rows.append((f"trust --all pdf ({count} files)", seconds, cpu, load, os.cpu_count() or 1))
        print(f"trust --all pdf ({count} files): {seconds:.2f} s (CPU {cpu:.2f} s)", flush=True)
        load = os.getloadavg()[0]
        split = _split(db)

    lines = [
        "Default data (35 trusts). `python -m proportion report ...` (imports, audit and writing included), the run "
        f"with the least CPU of {RUNS}; `--all` once, with the default worker count ({os.cpu_count()} cores). CPU = "
        "user + system time of the command and its workers: the work itself, whatever else the machine runs. "
        "CPU / cores = the CPU time spread over the cores the command can use (one for a single report, all for "
        "`--all`): the wall time it would take on an idle machine. The machine is shared, so a wall time above that "
        f"means others were running (load average {load_before:.1f} before the commands, {load:.1f} when they "
        "finished; the load column is the 1-minute load average as each command started).",
        "",
        "| command | wall seconds | CPU seconds | CPU / cores | load | target | within target (wall) "
        "| within target (CPU / cores) |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for name, seconds, cpu, load_then, cores in rows:
        target = TARGETS.get(name.split(" (")[0])
        limit = "" if target is None else f"< {target:.0f}"
        spread = cpu / cores
        lines.append(
            f"| {name} | {seconds:.2f} | {cpu:.2f} | {spread:.2f} | {load_then:.1f} | {limit} "
            f"| {_verdict(seconds, target)} | {_verdict(spread, target)} |"
        )
    lines += ["", "Where the national PDF's time goes (in one process, after imports; CPU time):", ""]
    lines += ["| step | CPU seconds |"]
    lines += ["|---|---:|"]
    lines += [f"| {name} | {seconds:.2f} |" if seconds else f"| {name} | |" for name, seconds in split]
    write_section("reports", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
