"""Benchmark of the audit engine on synthetic catalogues (``make bench``; not part of ``make test``).

For each size (requirements x trusts) it measures, in a fresh subprocess so sizes do not share memory:

- the full audit (``audit.engine.run_audit``: frames, burden, roll-ups, relevance, proposals incl. merges),
- the burden step alone (``audit.burden.compute_burden`` on frames built beforehand),
- a bare NumPy kernel doing the same arithmetic (occurrence matrix, hours/FTE/cost at three levels summed
  by trust and by requirement) on plain arrays, in the same process,
- duplicate detection (``audit.similarity.similar_pairs``) over the catalogue's texts (reported for 10,000).

Wall time and CPU time (``time.process_time``) are each the best of ``--repeat`` runs, the full audit and the
burden step each alternated with the kernel; the load average is recorded before and after; peak memory is the
tracemalloc peak of one further run (NumPy and pandas report their buffers to tracemalloc), i.e. the memory the
step itself allocates on top of the catalogue already in memory. The figures go to ``bench/RESULTS.md``
(section ``audit``).

The synthetic catalogue generator :func:`synthetic_catalogue` can be reused by other benchmarks
(``from bench.bench_audit import synthetic_catalogue``).

Run: ``.venv/bin/python bench/bench_audit.py [--quick] [--repeat N]`` (``make bench`` runs it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

if __package__ in (None, ""):  # run as a script (make bench): make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from catalogue.models import (
    DEFAULT_OUTCOMES,
    Catalogue,
    Directive,
    DriverVolume,
    Figure,
    LocalMeasurement,
    Provenance,
    RelevanceScore,
    Requirement,
    RequirementActivity,
    StaffGrade,
    Trust,
    VolumeDriver,
)
from catalogue.types import (
    Activity,
    DirectiveStatus,
    DirectiveType,
    Driver,
    LegalForce,
    Modality,
    ProvenanceKind,
    Purpose,
)

SIZES = [(1_000, 35), (1_000, 350), (1_000, 1_000), (10_000, 35), (10_000, 350), (10_000, 1_000),
         (50_000, 35), (50_000, 350), (50_000, 1_000)]  # fmt: skip
TARGETS = {
    "full_10k_1000_s": 2.0,
    "full_50k_1000_s": 1.5,
    "peak_gb": 2.0,
    "burden_vs_kernel": 1.5,
    "duplicates_10k_s": 5.0,
}
TARGET_SIZES = [(10_000, 1_000), (50_000, 1_000)]
WORDS = (  # noqa: SIM905 - a sentence of words is easier to read than a list literal
    "offender manager trust return monthly quarterly record assessment sentence plan review case supervision "
    "licence order court report risk harm public protection victim contact unpaid work hours approved premises "
    "breach enforcement appointment absence compliance data form template sign senior manager board national "
    "standard instruction circular performance target measure timeliness interventions programme accredited "
    "referral partnership police mappa oasys tier allocation induction induction training staff audit inspection"
).split()


def synthetic_catalogue(n_requirements: int, n_trusts: int, seed: int = 1, activities: bool = False) -> Catalogue:
    """Return a random but plausible catalogue: ~5% near-duplicate texts, 5% cancelled directives, local data.

    With ``activities``, one requirement in ten is made of two activities (two thirds of its minutes by its own
    grade, a third by administrative staff) and one in twenty scales with a driver defined as data.
    """
    rng = np.random.default_rng(seed)
    est = Provenance.model_construct(kind=ProvenanceKind.ESTIMATE, rationale="synthetic")
    cite = Provenance.model_construct(kind=ProvenanceKind.CITATION, document="synthetic")
    n_dir = max(10, n_requirements // 10)
    types = list(DirectiveType)
    directives = []
    for i in range(n_dir):
        year = 2000 + int(rng.integers(0, 11))
        cancelled = rng.random() < 0.05
        directives.append(
            Directive.model_construct(
                reference=f"PI {i:05d}/{year}",
                title=f"Synthetic directive {i}",
                type=types[i % len(types)],
                issuer="NOMS",
                issued=f"{year}-{int(rng.integers(1, 13)):02d}",
                effective=None,
                expiry=None,
                ended="2009-01" if cancelled else None,
                status=DirectiveStatus.CANCELLED if cancelled else DirectiveStatus.IN_FORCE,
                cancelled_by=None,
                supersedes=[],
                legal_force=LegalForce.MANDATORY_INSTRUCTION,
                source_address=None,
                summary="",
            )
        )
    vocab = np.array(WORDS + [f"term{i}" for i in range(20_000)], dtype=object)
    zipf = rng.zipf(1.3, size=(n_requirements, 18)) % len(vocab)
    texts = [" ".join(vocab[row]) for row in zipf]
    dup = rng.random(n_requirements) < 0.05
    activities, purposes, drivers = list(Activity), list(Purpose), list(Driver)
    activity = rng.integers(0, len(activities), n_requirements)
    for k in np.flatnonzero(dup).tolist():
        j = int(rng.integers(0, n_requirements))
        activity[k] = activity[j]  # a near-duplicate asks for the same thing: same activity, reworded
        words = texts[j].split()
        words[int(rng.integers(0, len(words)))] = str(vocab[int(rng.integers(0, len(vocab)))])
        texts[k] = " ".join(words)
    grades = ["po", "pso", "admin"]
    minutes = rng.gamma(2.0, 10.0, n_requirements) + 1
    requirements = []
    for i in range(n_requirements):
        m = float(minutes[i])
        requirements.append(
            Requirement.model_construct(
                id=f"R{i:06d}",
                directive=directives[int(rng.integers(0, n_dir))].reference,
                paragraph=None,
                text=texts[i],
                modality=Modality.MUST if rng.random() < 0.7 else Modality.SHOULD,
                actor="offender manager",
                purpose=purposes[i % 4],
                activity=activities[int(activity[i])],
                driver=drivers[int(rng.integers(0, len(drivers)))],
                occurrences_per_unit=float(rng.choice([1, 2, 4, 12, 52, 0.1])),
                frequency_text=None,
                frequency_provenance=est if rng.random() < 0.5 else cite,
                minutes_low=m * 0.5,
                minutes_central=m,
                minutes_high=m * 2,
                minutes_provenance=est,
                grade=grades[i % 3],
                statutory_basis="Criminal Justice Act 2003" if rng.random() < 0.1 else None,
                public_protection_critical=bool(rng.random() < 0.1),
            )
        )
    if activities:
        requirements = _with_activities_and_a_data_driver(requirements, rng, est)
    staff_grades = [
        StaffGrade.model_construct(code=g, name=g, annual_salary_gbp=s, on_cost_pct=25.0,
                                   productive_hours_per_year=1600.0, provenance=est)
        for g, s in (("po", 30_000.0), ("pso", 21_000.0), ("admin", 17_000.0))
    ]  # fmt: skip
    trusts = []
    for t in range(n_trusts):
        caseload = float(rng.integers(1_000, 30_000))

        def fig(v: float) -> Figure:
            return Figure.model_construct(value=v, provenance=est)

        trusts.append(
            Trust.model_construct(
                name=f"Trust {t:04d}",
                region="Synthetic",
                caseload=fig(caseload),
                commencements=fig(caseload * 0.4),
                reports=fig(caseload * 0.3),
                budget_gbp=fig(caseload * 3_500),
                staff_fte={"po": caseload / 40, "pso": caseload / 45, "admin": caseload / 60},
                staff_provenance=est,
            )
        )
    day = dt.date(2011, 1, 1)
    outcomes = [o.key for o in DEFAULT_OUTCOMES]
    scores = []
    for i in range(n_requirements):
        for k in rng.choice(len(outcomes), size=int(rng.integers(1, 3)), replace=False):
            scores.append(
                RelevanceScore.model_construct(
                    requirement=f"R{i:06d}", outcome=outcomes[int(k)], score=int(rng.integers(0, 4)),
                    rationale="synthetic", scorer="bench", scored_on=day,
                )
            )  # fmt: skip
    local = [
        LocalMeasurement.model_construct(
            trust=f"Trust {int(rng.integers(0, n_trusts)):04d}",
            requirement=f"R{int(rng.integers(0, n_requirements)):06d}",
            minutes=float(rng.integers(1, 60)), occurrences_per_year=None, comment="", recorded_by="", recorded_on=day,
        )
        for _ in range(min(5_000, 20 * n_trusts))
    ]  # fmt: skip
    unique_local = {(m.trust, m.requirement): m for m in local}
    drivers, volumes = [], []
    if activities:
        drivers = [VolumeDriver.model_construct(key="ap_places", name="Approved premises places", unit="place",
                                                description="")]  # fmt: skip
        volumes = [
            DriverVolume.model_construct(trust=t.name, driver="ap_places", volume=float(rng.integers(0, 120)),
                                         provenance=est)
            for t in trusts
        ]  # fmt: skip
    return Catalogue.model_construct(
        directives=directives, requirements=requirements, staff_grades=staff_grades, trusts=trusts,
        outcomes=list(DEFAULT_OUTCOMES), relevance_scores=scores, local_measurements=list(unique_local.values()),
        drivers=drivers, driver_volumes=volumes,
    )  # fmt: skip


def _with_activities_and_a_data_driver(
    requirements: list[Requirement], rng: np.random.Generator, est: Provenance
) -> list[Requirement]:
    """Split one requirement in ten into two activities and move one in twenty to the ``ap_places`` driver."""
    out = []
    for r in requirements:
        update: dict[str, Any] = {}
        if rng.random() < 0.1:
            own = {x: getattr(r, f"minutes_{x}") * 2 / 3 for x in ("low", "central", "high")}
            update["activities"] = [
                RequirementActivity.model_construct(
                    id="do", activity=r.activity, description="", grade=r.grade, minutes_provenance=est,
                    **{f"minutes_{x}": v for x, v in own.items()},
                ),
                RequirementActivity.model_construct(
                    id="record", activity=Activity.RECORDING, description="", grade="admin", minutes_provenance=est,
                    **{f"minutes_{x}": getattr(r, f"minutes_{x}") - v for x, v in own.items()},
                ),
            ]  # fmt: skip
        if rng.random() < 0.05:
            update["driver"] = "ap_places"
        out.append(r.model_copy(update=update) if update else r)
    return out


def bare_kernel(
    opu: np.ndarray,
    didx: np.ndarray,
    volumes: np.ndarray,
    minutes: np.ndarray,
    bau: np.ndarray,
    inv_ph: np.ndarray,
    cost_per_hour: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """The same Standard Cost Model arithmetic on plain arrays: (9 x trusts totals, 3 x requirements hours)."""
    occ = volumes[didx]
    occ *= opu[:, None]
    k = minutes * ((1.0 - bau) / 60.0)  # 3 x R hours per occurrence
    weights = np.vstack([k, k * inv_ph, k * cost_per_hour])
    by_trust = weights @ occ
    by_req = k * occ.sum(axis=1)
    return by_trust, by_req


def _best(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Best wall and best CPU time of ``repeat`` runs of ``fn``."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        cpu = min(cpu, time.process_time() - start_cpu)
        wall = min(wall, time.perf_counter() - start)
    return wall, cpu


def _best_pair(first: Callable[[], Any], second: Callable[[], Any], repeat: int) -> dict[str, float]:
    """Best wall and CPU times of two functions run alternately (first, second, first, ...), ``repeat`` times each.

    CPU time (``time.process_time``: this process's user + system time) is the work itself; on a shared machine
    the wall time also holds the time other processes had the cores. Keys ``first_s, first_cpu_s, second_s,
    second_cpu_s``.
    """
    wall, cpu = [float("inf")] * 2, [float("inf")] * 2
    for _ in range(repeat):
        for i, fn in enumerate((first, second)):
            gc.collect()
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            cpu[i] = min(cpu[i], time.process_time() - start_cpu)
            wall[i] = min(wall[i], time.perf_counter() - start)
    return {"first_s": wall[0], "first_cpu_s": cpu[0], "second_s": wall[1], "second_cpu_s": cpu[1]}


def _peak(fn: Callable[[], Any]) -> float:
    gc.collect()
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1024**3


def measure(n_req: int, n_trusts: int, repeat: int, duplicates: bool) -> dict[str, Any]:
    """Measure one size in this process and return the figures."""
    from audit.burden import compute_burden, frames
    from audit.engine import run_audit
    from audit.policy import Policy
    from audit.similarity import similar_pairs

    catalogue = synthetic_catalogue(n_req, n_trusts, activities=True)
    policy = Policy()
    f = frames(catalogue)
    b = compute_burden(catalogue, policy, f)
    req = b.requirements
    didx = req["driver"].map({key: i for i, key in enumerate(b.driver_keys)}).to_numpy(dtype=np.intp)
    # The kernel prices each requirement at its central mix of grades (what the activities give at that level).
    args = (
        req["occurrences_per_unit"].to_numpy(), didx, b.volumes,
        np.vstack([req[f"minutes_{x}"].to_numpy() for x in ("low", "central", "high")]),
        req["bau_share"].to_numpy(), 1.0 / req["productive_hours"].to_numpy(), req["cost_per_hour"].to_numpy(),
    )  # fmt: skip
    out: dict[str, Any] = {"requirements": n_req, "trusts": n_trusts, "in_force": len(req),
                           "with_activities": len(set(b.activities["row"])) if len(b.activities) else 0,
                           "on_data_driver": int((req["driver"] == "ap_places").sum())}  # fmt: skip
    load_before = os.getloadavg()[0]
    # The full audit and the burden step each alternated with the bare kernel, so each pair sees the same load.
    full = _best_pair(lambda: run_audit(catalogue, policy).complete(), lambda: bare_kernel(*args), repeat)
    # The burden step and the kernel take well under a second: more pairs make the ratio steadier under load.
    step = _best_pair(lambda: compute_burden(catalogue, policy, f), lambda: bare_kernel(*args), max(repeat, 7))
    out["full_s"], out["full_cpu_s"] = full["first_s"], full["first_cpu_s"]
    out["burden_s"], out["burden_cpu_s"] = step["first_s"], step["first_cpu_s"]
    # Building the frames from the models is part of every full audit above (nothing is kept between audits).
    out["frames_s"], out["frames_cpu_s"] = _best(lambda: frames(catalogue), repeat)
    out["kernel_s"] = min(full["second_s"], step["second_s"])
    out["kernel_cpu_s"] = min(full["second_cpu_s"], step["second_cpu_s"])
    # The ratio compares the burden step with the kernel runs it alternated with.
    out["burden_kernel_s"], out["burden_kernel_cpu_s"] = step["second_s"], step["second_cpu_s"]
    out["load_average"] = max(load_before, os.getloadavg()[0])
    out["load_average_range"] = (load_before, os.getloadavg()[0])
    # Whole-process high-water mark so far: the catalogue models, its frames and the audit runs (KiB on Linux).
    out["process_peak_gb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    out["full_peak_gb"] = _peak(lambda: run_audit(catalogue, policy).complete())
    out["burden_peak_gb"] = _peak(lambda: compute_burden(catalogue, policy, f))
    out["kernel_peak_gb"] = _peak(lambda: bare_kernel(*args))
    # The engine and the kernel must agree before their times are compared.
    by_trust, _ = bare_kernel(*args)
    no_local = compute_burden(catalogue.model_copy(update={"local_measurements": []}), policy, None)
    np.testing.assert_allclose(by_trust[1], no_local.by_trust["hours_central"].to_numpy(), rtol=1e-9)
    np.testing.assert_allclose(by_trust[7], no_local.by_trust["cost_central"].to_numpy(), rtol=1e-9)
    if duplicates:
        texts, ids = f.requirements["text"].to_numpy(), f.requirements["requirement"].to_numpy()
        blocks, groups = f.requirements["activity"].to_numpy(), f.requirements["directive"].to_numpy()
        out["duplicates_s"], out["duplicates_cpu_s"] = _best(lambda: similar_pairs(ids, texts, blocks, groups), repeat)
        out["duplicate_pairs"] = len(similar_pairs(ids, texts, blocks, groups))
    proposals = run_audit(catalogue, policy).proposals
    out["actions"] = proposals["action"].value_counts().to_dict()
    return out


def _run_child(n_req: int, n_trusts: int, repeat: int) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", f"{n_req}x{n_trusts}", "--repeat", str(repeat)]
    # One BLAS thread: on a shared 2-core machine OpenBLAS threads contend and make timings erratic (10x).
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark {n_req}x{n_trusts} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _ok(flag: bool) -> str:
    return "yes" if flag else "**NO**"


def report(rows: list[dict[str, Any]]) -> str:
    """Return the markdown section: the targets, whether each holds, and every measurement."""
    by = {(r["requirements"], r["trusts"]): r for r in rows}
    lines = [
        "### Targets",
        "",
        "Each time target is stated twice: on CPU time (the work itself) and on wall time (which on this shared "
        "machine also holds the time other processes had the cores).",
        "",
        "| target | wall | CPU | holds on CPU | holds on wall |",
        "|---|---|---|---|---|",
    ]

    def timed(name: str, wall: float, cpu: float, limit: float) -> str:
        return f"| {name} < {limit:g} s | {wall:.2f} s | {cpu:.2f} s | {_ok(cpu < limit)} | {_ok(wall < limit)} |"

    if (10_000, 1_000) in by:
        r = by[(10_000, 1_000)]
        lines.append(timed("full audit 10,000 x 1,000", r["full_s"], r["full_cpu_s"], TARGETS["full_10k_1000_s"]))
        if "duplicates_s" in r:
            lines.append(
                timed("duplicate detection over 10,000 requirements", r["duplicates_s"], r["duplicates_cpu_s"],
                      TARGETS["duplicates_10k_s"])
            )  # fmt: skip
    if (50_000, 1_000) in by:
        r = by[(50_000, 1_000)]
        lines.append(timed("full audit 50,000 x 1,000", r["full_s"], r["full_cpu_s"], TARGETS["full_50k_1000_s"]))
    peak = max(r["full_peak_gb"] for r in rows)
    lines.append(f"| peak memory of the full audit < 2 GB (largest size) | {peak:.2f} GB | – | {_ok(peak < 2)} | – |")
    rss = max(r["process_peak_gb"] for r in rows)
    lines.append(
        f"| whole process incl. the catalogue models, largest size (context) < 2 GB | {rss:.2f} GB | – "
        f"| {_ok(rss < 2)} | – |"
    )
    for size in ((10_000, 1_000), (50_000, 1_000)):
        if size in by:
            r = by[size]
            wall = r["burden_s"] / r.get("burden_kernel_s", r["kernel_s"])
            cpu = r["burden_cpu_s"] / r["burden_kernel_cpu_s"]
            within = TARGETS["burden_vs_kernel"] if size == (50_000, 1_000) else 3.0
            lines.append(
                f"| burden step within {within:g}x of the bare NumPy kernel, {size[0]:,} x {size[1]:,} "
                f"(CPU {r['burden_cpu_s']:.3f} s against {r['burden_kernel_cpu_s']:.3f} s; wall "
                f"{r['burden_s']:.3f} s against {r.get('burden_kernel_s', r['kernel_s']):.3f} s; against the fastest "
                f"kernel run of all, CPU {r['burden_cpu_s'] / r['kernel_cpu_s']:.2f}x) "
                f"| {wall:.2f}x | {cpu:.2f}x | {_ok(cpu <= within)} | {_ok(wall <= within)} |"
            )
    lines += [
        "",
        "### Every size",
        "",
        "| requirements x trusts | in force | full audit s (CPU) | frames s (CPU) | burden s (CPU) | kernel s (CPU) "
        "| burden / kernel (CPU) | load average | full peak GB | burden peak GB | kernel peak GB | process peak GB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        low, high = r.get("load_average_range", (r["load_average"], r["load_average"]))
        lines.append(
            f"| {r['requirements']:,} x {r['trusts']:,} | {r['in_force']:,} "
            f"| {r['full_s']:.3f} ({r['full_cpu_s']:.3f}) "
            f"| {r.get('frames_s', float('nan')):.3f} ({r.get('frames_cpu_s', float('nan')):.3f}) "
            f"| {r['burden_s']:.3f} ({r['burden_cpu_s']:.3f}) | {r['kernel_s']:.3f} ({r['kernel_cpu_s']:.3f}) "
            f"| {r['burden_s'] / r['burden_kernel_s']:.2f} ({r['burden_cpu_s'] / r['burden_kernel_cpu_s']:.2f}) "
            f"| {low:.1f}-{high:.1f} | {r['full_peak_gb']:.3f} | {r['burden_peak_gb']:.3f} | {r['kernel_peak_gb']:.3f} "
            f"| {r['process_peak_gb']:.2f} |"
        )
    lines += [
        "",
        "Wall and CPU time: each the best of the runs (CPU = `time.process_time`, this process's user + system "
        "time; the wall time also holds the time other work on the machine had the cores); peak: tracemalloc peak "
        "of one run (allocations of the step itself, the "
        "catalogue already in memory); process peak: the child process's maximum resident set before the "
        "tracemalloc runs (Python, the synthetic catalogue's pydantic models, their frames and the audit). "
        "The full audit includes building the DataFrames from the catalogue models (afresh in every run: nothing "
        "is kept on the catalogue between audits, so each figure is a cold audit), the burden, every roll-up, "
        "relevance, the purpose view and all proposals including merge "
        "detection. The bare kernel is the same arithmetic (occurrence matrix, hours/FTE/cost x low/central/high "
        "by trust and by requirement) on plain arrays, building the requirements x trusts matrix as the engine "
        "once did; the engine no longer builds it for its sums (each weight is summed by driver and multiplied by "
        "the drivers' volumes, plus the difference the trusts' own counts make; the matrix is built only for the "
        "Monte Carlo), which is why the burden step can take less time than the kernel. The burden step also does "
        "the in-force filter, local "
        "measurements, business-as-usual netting and familiarisation, whose fixed cost (some 20-40 ms of pandas "
        "bookkeeping) dominates on small matrices, so the ratio is only a target at the target sizes. The two are "
        "timed alternately in the same process, and so are the full audit and the kernel, so each pair sees the same "
        "load; the ratio divides the burden step by the kernel runs it alternated with. One requirement in ten is "
        "made of two "
        "activities at two grades and one in twenty scales with a driver defined as data (`activities=True`). "
        "Load average of the machine (1 minute) before and after each size's timed runs is in the table; other "
        "work on the machine slows every wall time alike and, on 2 shared cores, CPU times a little too. BLAS runs on "
        "one thread (`OPENBLAS_NUM_THREADS=1`): on this shared 2-core machine threaded BLAS made timings erratic. "
        "Synthetic catalogues: "
        "`bench.bench_audit.synthetic_catalogue` (5% near-duplicate texts, 5% cancelled directives).",
    ]
    split = [r for r in rows if "frames_cpu_s" in r and r["trusts"] == 1_000]
    if split:
        lines.append(
            "Where the full audit's CPU time goes (frames and burden step timed on their own; the rest is the "
            "difference: roll-ups, relevance, the purpose view and the proposals with merge detection): "
            + ", ".join(
                f"{r['requirements']:,} x {r['trusts']:,}: frames {r['frames_cpu_s']:.2f} s, burden "
                f"{r['burden_cpu_s']:.2f} s, the rest {r['full_cpu_s'] - r['frames_cpu_s'] - r['burden_cpu_s']:.2f} s"
                for r in split
            )
            + "."
        )
    dup = {r["requirements"]: r for r in rows if "duplicate_pairs" in r}
    if dup:
        lines.append(
            "Duplicate detection (`audit.similarity.similar_pairs`, same activity, different directives, cosine >= "
            "0.5): "
            + ", ".join(
                f"{n:,} requirements: {r['duplicate_pairs']:,} pairs in {r['duplicates_s']:.2f} s "
                f"({r['duplicates_cpu_s']:.2f} s CPU)"
                for n, r in dup.items()
            )
            + "."
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="only the sizes up to 10,000 x 350")
    parser.add_argument("--targets", action="store_true", help="only the sizes with a target (x 1,000 trusts)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        n_req, n_trusts = (int(v) for v in args.child.split("x"))
        result = measure(n_req, n_trusts, args.repeat, duplicates=n_trusts == 1_000 or n_req == 10_000)
        print(json.dumps(result, default=str))
        return 0
    sizes = [s for s in SIZES if not args.quick or (s[0] <= 10_000 and s[1] <= 350)]
    if args.targets:
        sizes = TARGET_SIZES
    rows = []
    for n_req, n_trusts in sizes:
        row = _run_child(n_req, n_trusts, args.repeat)
        print(f"{n_req:>6} x {n_trusts:>5}: full {row['full_s']:.2f} s ({row['full_cpu_s']:.2f} CPU), burden "
              f"{row['burden_s']:.3f} s ({row['burden_cpu_s']:.3f} CPU), kernel {row['kernel_s']:.3f} s "
              f"({row['kernel_cpu_s']:.3f} CPU), load {row['load_average']:.1f}, peak {row['full_peak_gb']:.2f} GB",
              flush=True)  # fmt: skip
        rows.append(row)
    from bench._results import write_section

    write_section("audit", report(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
