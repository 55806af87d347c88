"""The load benchmark's own arithmetic: server latencies read back from the timing log, and percentiles."""

from __future__ import annotations

from pathlib import Path

from bench._timed_server import server_latencies
from bench.bench_browser_load import STEPS, by_step, percentile


def test_server_latencies_pair_each_request_with_the_next_finished_run(tmp_path: Path) -> None:
    log = tmp_path / "timing.log"
    log.write_text(
        "10.0 a rerun 1.0\n"
        "10.5 b rerun 1.1\n"
        "10.7 a rerun 1.2\n"  # a second request while a's run is pending: a's wait runs from the first
        "11.0 a finished 1.5\n"
        "11.5 b finished 1.9\n"
        "12.0 b finished 2.0\n"  # a finished run with no request pending (st.rerun) is not an interaction
        "13.0 b rerun 2.1\n"
        "13.25 b finished 2.2\n"
    )
    latencies = server_latencies(str(log))
    assert latencies == {"a": [1.0], "b": [1.0, 0.25]}


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 21)]  # 1..20
    assert percentile(values, 0.5) == 10.0
    assert percentile(values, 0.95) == 19.0
    assert percentile(values, 1.0) == 20.0
    assert percentile([3.0], 0.95) == 3.0


def test_by_step_uses_only_sessions_with_one_run_per_step() -> None:
    whole = {"a": [0.1, 0.2, 0.3, 0.4, 0.5], "b": [1.0, 2.0]}
    steps = by_step(whole)
    assert [steps[s] for s in STEPS] == [[0.1], [0.2], [0.3], [0.4], [0.5]]
