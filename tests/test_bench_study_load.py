"""The study-load benchmark at a tiny level, so it cannot silently rot, and its arithmetic and verdict."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from bench.bench_study_load import TARGET_P95, Level, main, report, save_latencies


def test_two_participants_save_over_the_websocket_and_every_save_is_timed_at_the_server() -> None:
    # On a thread of its own: the browser tests before it in a full run leave an event loop running on this one,
    # and the benchmark starts its own with asyncio.run, as it does when run from the command line.
    args = ["--levels", "2", "--saves", "2", "--think", "0", "--paced", "0", "--no-write"]
    with ThreadPoolExecutor(max_workers=1) as pool:
        (level,) = pool.submit(main, args).result()
    assert level.failures == []  # includes the check that both participants' figures are in the database
    assert level.confirmed == 4  # "Saved 2 figure(s)" came back after each save
    assert len(level.save_times) == 4
    assert all(0 < t < 120 for t in level.save_times)


def test_save_latencies_leave_out_each_sessions_page_opening() -> None:
    assert save_latencies({"a": [5.0, 0.2, 0.3], "b": [4.0, 0.4]}, saves=2) == [0.2, 0.3, 0.4]


def _level(n: int, times: list[float], failures: list[str] | None = None) -> Level:
    return Level(n, 1.0, times, failures or [], len(times), 10.0, 5.0, 1.0, 2.0)


def test_report_names_the_level_at_which_p95_stops_meeting_the_target() -> None:
    fast, slow = [0.5] * 20, [TARGET_P95 + 1.0] * 20
    md = report([_level(10, fast), _level(25, fast), _level(50, slow)], saves=2)
    assert "up to 25 concurrent participants and stops meeting it at 50" in md
    assert "does not hold" in md
    assert "at every level measured, up to 25" in report([_level(10, fast), _level(25, fast)], saves=2)


def test_a_level_with_a_failed_participant_does_not_hold_however_fast() -> None:
    assert not _level(10, [0.1] * 10, ["staff001: save 1 was not confirmed"]).holds
