"""Benchmark the Monte Carlo interval: 10,000 requirements x 1,000 trusts with 1,000 draws, against its target.

Run with `make bench` (or `.venv/bin/python bench/bench_uncertainty.py`); the figures go to bench/RESULTS.md,
section *uncertainty*. The synthetic catalogue is the audit benchmark's. Target: under 30 s and 4 GB.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_S = 30.0
TARGET_GB = 4.0
SIZES = [(1_000, 35), (10_000, 350), (10_000, 1_000)]


def measure(n_req: int, n_trusts: int, draws: int) -> dict[str, Any]:
    """Time one Monte Carlo (and the tornado and measure-first lists) in this process."""
    from audit.burden import compute_burden, frames
    from audit.policy import Policy
    from audit.uncertainty import measure_first, measure_first_by_trust, sensitivity, simulate
    from bench.bench_audit import synthetic_catalogue

    catalogue = synthetic_catalogue(n_req, n_trusts)
    burden = compute_burden(catalogue, Policy(), frames(catalogue))
    gc.collect()
    start = time.perf_counter()
    result = simulate(burden, draws=draws)
    simulate_s = time.perf_counter() - start
    start = time.perf_counter()
    sensitivity(burden)
    measure_first(burden, top=10)
    measure_first_by_trust(burden)
    lists_s = time.perf_counter() - start
    gc.collect()
    tracemalloc.start()
    simulate(burden, draws=draws)
    peak = tracemalloc.get_traced_memory()[1] / 1024**3
    tracemalloc.stop()
    hours = result.national["hours"]
    return {
        "requirements": n_req,
        "trusts": n_trusts,
        "in_force": len(burden.requirements),
        "draws": draws,
        "simulate_s": simulate_s,
        "lists_s": lists_s,
        "peak_gb": peak,
        "process_peak_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2,
        "interval_width_share": (hours["p95"] - hours["p05"]) / hours["p50"] if hours["p50"] else 0.0,
        "summed_range_share": (
            float(burden.requirements["hours_high"].sum()) - float(burden.requirements["hours_low"].sum())
        )
        / max(float(burden.requirements["hours_central"].sum()), 1e-9),
    }


def report(rows: list[dict[str, Any]]) -> str:
    """Return the markdown section: the target, whether it holds, and every measurement."""
    target = next(r for r in rows if (r["requirements"], r["trusts"]) == (10_000, 1_000))
    total = target["simulate_s"] + target["lists_s"]
    holds = total < TARGET_S and target["process_peak_gb"] < TARGET_GB
    lines = [
        "### Target",
        "",
        "| target | measured | holds |",
        "|---|---|---|",
        f"| 10,000 x 1,000 with 1,000 draws under {TARGET_S:.0f} s and {TARGET_GB:.0f} GB | "
        f"{total:.2f} s, {target['process_peak_gb']:.2f} GB process peak | {'yes' if holds else '**NO**'} |",
        "",
        "### Measurements (one BLAS thread)",
        "",
        "| requirements x trusts | in force | draws | Monte Carlo | tornado + measure-first lists | traced peak | "
        "process peak | 90% interval width / median | summed low-high range / central |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['requirements']:,} x {r['trusts']:,} | {r['in_force']:,} | {r['draws']:,} | "
            f"{r['simulate_s']:.2f} s | {r['lists_s']:.2f} s | {r['peak_gb']:.2f} GB | {r['process_peak_gb']:.2f} GB | "
            f"{r['interval_width_share']:.1%} | {r['summed_range_share']:.1%} |"
        )
    lines += [
        "",
        "The interval is far narrower than the summed range because the requirements' errors are drawn "
        "independently: adding every low and every high assumes they all err the same way at once.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        n_req, n_trusts = (int(v) for v in args.child.split("x"))
        print(json.dumps(measure(n_req, n_trusts, args.draws)))
        return 0
    rows = []
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}  # a shared 2-core machine: one thread times steadily
    for n_req, n_trusts in SIZES:
        cmd = [sys.executable, __file__, "--child", f"{n_req}x{n_trusts}", "--draws", str(args.draws)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
        if done.returncode != 0:
            raise RuntimeError(done.stderr)
        row = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{n_req:>6} x {n_trusts:>5}: Monte Carlo {row['simulate_s']:.2f} s, lists {row['lists_s']:.2f} s, "
              f"peak {row['process_peak_gb']:.2f} GB", flush=True)  # fmt: skip
        rows.append(row)
    from bench._results import write_section

    write_section("uncertainty", report(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
