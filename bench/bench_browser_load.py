"""Load: 20 concurrent real-browser sessions on the default data, each loading pages and saving a measurement.

One server started as `streamlit run` starts it, on loopback (local mode), and one Debian Chromium with a browser
context per session (its own cookies, storage and Streamlit session), all driven at once by Playwright. Each
session does what a trust manager does: opens the app, goes to the Trust page through the sidebar, picks its own
trust (a different one per session, so the saves do not collide), records one measurement in the grid and saves
it, waiting each time for the recomputed figures. Then one more user does the same alone.

Each interaction is timed at the server (from the rerun request arriving to its run finishing, logged by
`bench/_timed_server.py`) and on screen (from the action to its visible result). The browsers stand in for the
users' own computers but share the machine with the server, so they are held at the lowest CPU priority; the
lone user's on-screen figures give the drawing time a user's own computer adds.

Run: .venv/bin/python bench/bench_browser_load.py   (needs /usr/bin/chromium; make bench installs it)
Environment: LOAD_SESSIONS (20, at most 33), LOAD_RAMP seconds between arrivals (1), LOAD_THINK seconds
between actions (2). Server logs and a screenshot of each failed session go to $TMPDIR/proportion-load.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._results import write_section  # noqa: E402
from bench._timed_server import server_latencies  # noqa: E402
from catalogue.dataset import load_default_catalogue  # noqa: E402
from catalogue.store import open_db, save_catalogue  # noqa: E402

SESSIONS = int(os.environ.get("LOAD_SESSIONS", "20"))  # at most 33: a trust each, and one for the lone user
RAMP_SECONDS = float(os.environ.get("LOAD_RAMP", "1"))  # users arrive one a second, not in the same millisecond
THINK_SECONDS = float(os.environ.get("LOAD_THINK", "2"))  # a user glances at the result before the next action
WAIT = 120_000
TARGET_P95 = 2.0
STEPS = ("open the app", "go to the Trust page", "choose a trust", "edit a cell", "save a measurement")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost",
]  # fmt: skip
LOGS = Path(tempfile.gettempdir()) / "proportion-load"  # server logs, and a screenshot of each failed session


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, log: Path, timing_log: Path) -> tuple[subprocess.Popen, str]:
    """Serve the app on a free loopback port, timing each run, and wait until it is healthy."""
    port = _port()
    env = {**os.environ, "PROPORTION_DB": str(db), "OPENBLAS_NUM_THREADS": "1"}  # as `proportion serve` sets
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "_timed_server.py"), str(timing_log), "--",
         str(ROOT / "streamlit_app.py"), "--server.headless", "true", "--server.address", "127.0.0.1",
         "--server.port", str(port)],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip  # cwd=ROOT: the server reads the project's .streamlit/config.toml, as `make run` does
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the app did not start:\n" + log.read_text())


def cpu_seconds(pid: int | None = None) -> float:
    """CPU seconds used by one process (user + system), or by the whole machine when ``pid`` is None."""
    ticks = os.sysconf("SC_CLK_TCK")
    if pid is None:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return (sum(fields) - fields[3] - fields[4]) / ticks  # all but idle and iowait
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(stat[11]) + int(stat[12])) / ticks


def chromium_pids() -> list[int]:
    """The processes of the Chromium the benchmark launched (browser, renderers, GPU and utility processes)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.readlink(entry / "exe").endswith("/chromium"):
                    pids.append(int(entry.name))
            except OSError:
                continue  # gone, or not ours to inspect
    return pids


async def keep_browsers_low(stop: asyncio.Event) -> None:
    """Hold every Chromium process at the lowest CPU priority until ``stop`` is set.

    Chromium sets its own priorities (its browser process above normal) and starts a renderer per page, so the
    priority is applied again every half second. Without this the browsers, which stand in for the users' own
    computers, took the CPU from the server: runs stalled for seconds with the server using almost none.
    """
    while not stop.is_set():
        for pid in chromium_pids():
            try:
                os.setpriority(os.PRIO_PROCESS, pid, 19)
                Path(f"/proc/{pid}/autogroup").write_text("19")  # Chromium runs in its own session's group
            except OSError:
                pass
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=0.5)


async def warm(browser, url: str) -> None:  # type: ignore[no-untyped-def]
    """Open the app once, as a running deployment has been opened before: imports and first audit are paid."""
    from playwright.async_api import expect

    page = await browser.new_page()
    await page.goto(url + "/")
    await expect(page.get_by_test_id("stMetricValue").first).to_be_visible()
    await page.close()


async def open_minutes_editor(page, grid):  # type: ignore[no-untyped-def]
    """Open the editor of the first row's "Our minutes" cell (the fifth column) and return its input.

    The grid is a canvas: the cell is reached by clicking the first cell and moving right. A key pressed before
    the click's selection has landed moves from nowhere, leaving a read-only column selected; that editor is
    closed and the move tried again.
    """
    from playwright.async_api import expect

    editor = page.locator("input.gdg-input, textarea.gdg-input").first
    for _ in range(5):
        await grid.scroll_into_view_if_needed()
        box = await grid.bounding_box()
        assert box is not None
        await page.mouse.click(box["x"] + 40, box["y"] + 35 + 17)  # first row, first column
        for _ in range(4):
            await page.keyboard.press("ArrowRight")
        await page.keyboard.press("Enter")
        try:
            await expect(editor).to_be_visible(timeout=20_000)
        except AssertionError:
            continue
        if await editor.is_editable():
            return editor
        await page.keyboard.press("Escape")
    raise AssertionError('the "Our minutes" cell editor did not open in 5 tries')


async def session(browser, url: str, number: int, trust: str, screen: dict[str, list[float]], delay: float) -> None:  # type: ignore[no-untyped-def]
    """One trust manager: open the app, go to the Trust page, pick their trust, record a measurement, save it."""
    from playwright.async_api import expect

    await asyncio.sleep(delay)
    context = await browser.new_context(viewport={"width": 1440, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(WAIT)
    settled = page.get_by_test_id("stStatusWidget")  # Streamlit's running indicator: hidden once a run ends
    hours = page.get_by_test_id("stMetric").filter(has_text="Hours a year").get_by_test_id("stMetricValue")

    async def step(name: str, act, done) -> None:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            await act()
            await done()
        except Exception as exc:
            detail = " / ".join(line.strip() for line in str(exc).splitlines()[:3] if line.strip())
            raise AssertionError(f"{name}: {detail}") from exc
        screen[name].append(time.perf_counter() - start)
        await asyncio.sleep(THINK_SECONDS)

    async def app_shown() -> None:
        await expect(page.get_by_test_id("stMetricValue").first).to_be_visible()
        await expect(settled).to_be_hidden()

    async def trust_shown() -> None:
        await expect(hours).to_be_visible()
        await expect(settled).to_be_hidden()

    try:
        await step("open the app", lambda: page.goto(url + "/"), app_shown)
        await step(
            "go to the Trust page",
            lambda: page.get_by_test_id("stSidebarNav").get_by_text("Trust", exact=True).click(),
            trust_shown,
        )
        first = await hours.inner_text()

        async def choose() -> None:
            await page.get_by_test_id("stSelectbox").filter(has_text="Trust").click()
            await page.keyboard.type(trust)  # the option list is virtualised: filter it by typing
            await page.get_by_role("option", name=trust, exact=True).click()

        async def chosen() -> None:
            await expect(hours).not_to_have_text(first)
            await expect(settled).to_be_hidden()

        await step("choose a trust", choose, chosen)
        before = await hours.inner_text()

        grid = page.locator(".st-key-measurements").get_by_test_id("stDataFrame")
        editor = await open_minutes_editor(page, grid)
        await editor.fill("600")
        save = page.get_by_role("button", name="Save 1 measurement(s)")

        async def edited() -> None:
            await expect(save).to_be_enabled()
            # the value landed in the first row's "Our minutes", not a neighbour
            await expect(grid.get_by_test_id("glide-cell-4-0")).to_have_text(re.compile(r"^600(\.0)?$"))

        await step("edit a cell", lambda: editor.press("Enter"), edited)

        async def saved() -> None:
            await expect(page.get_by_text(f"Saved 1 measurement(s); {trust}'s figures are recomputed.")).to_be_visible()
            await expect(hours).not_to_have_text(before)
            await expect(settled).to_be_hidden()

        await step("save a measurement", save.click, saved)
    except Exception:
        LOGS.mkdir(exist_ok=True)
        await page.locator("h1").first.scroll_into_view_if_needed()  # the top, where messages are
        await page.screenshot(path=str(LOGS / f"session-{number:02d}.png"), full_page=True)
        raise
    finally:
        await context.close()


async def run(url: str, trusts: list[str]) -> tuple[dict[str, list[float]], dict[str, list[float]], list[str], float]:
    """Drive SESSIONS sessions at once, then one alone; return both on-screen timings, failures and wall time."""
    from playwright.async_api import async_playwright, expect

    expect.set_options(timeout=WAIT)
    screen: dict[str, list[float]] = {step: [] for step in STEPS}
    alone: dict[str, list[float]] = {step: [] for step in STEPS}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        stop = asyncio.Event()
        lowering = asyncio.create_task(keep_browsers_low(stop))
        await warm(browser, url)
        start = time.perf_counter()
        # Trust 0 is the page's default: each session picks another, so the choice is a real change.
        results = await asyncio.gather(
            *(session(browser, url, i, trusts[1 + i], screen, i * RAMP_SECONDS) for i in range(SESSIONS)),
            return_exceptions=True,
        )
        wall = time.perf_counter() - start
        # The same flow for one user alone, on the last trust: the drawing time a user's own computer adds.
        results += await asyncio.gather(session(browser, url, SESSIONS, trusts[-1], alone, 0.0), return_exceptions=True)
        stop.set()
        await lowering
        await browser.close()
    failures = [
        f"session {i}: {type(r).__name__}: {str(r).splitlines()[0] if str(r) else ''}"
        for i, r in enumerate(results)
        if isinstance(r, BaseException)
    ]
    return screen, alone, failures, wall


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile of ``values`` by the nearest-rank method."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def _cells(values: list[float]) -> str:
    if not values:
        return "– | – | –"
    return f"{statistics.median(values):.2f} | {percentile(values, 0.95):.2f} | {max(values):.2f}"


def by_step(per_session: dict[str, list[float]]) -> dict[str, list[float]]:
    """Server latencies per step: a session that made exactly one request per step gives its n-th to step n."""
    out: dict[str, list[float]] = {step: [] for step in STEPS}
    for latencies in per_session.values():
        if len(latencies) == len(STEPS):
            for step, value in zip(STEPS, latencies, strict=True):
                out[step].append(value)
    return out


def main() -> None:
    shutil.rmtree(LOGS, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp())
    db_path, timing_log = tmp / "load.db", tmp / "timing.log"
    catalogue = load_default_catalogue()
    db = open_db(db_path)
    save_catalogue(db, catalogue, replace=True)
    db.conn.close()
    proc, url = start_server(db_path, tmp / "server.log", timing_log)
    try:
        # The browsers stand in for users' own computers: run them (and their driver) at the lowest CPU priority,
        # so the server gets the CPU it would have on its own machine and its latency is measured, not theirs.
        os.nice(19)
        server_before = cpu_seconds(proc.pid)
        screen, alone, failures, wall = asyncio.run(run(url, [t.name for t in catalogue.trusts]))
        server_cpu = cpu_seconds(proc.pid) - server_before
        per_session = server_latencies(str(timing_log))
        per_session.pop(next(iter(per_session)), None)  # the warm-up visit, made before the sessions arrived
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        LOGS.mkdir(exist_ok=True)
        for log in ("server.log", "timing.log"):
            shutil.copy(tmp / log, LOGS / log)
        shutil.rmtree(tmp, ignore_errors=True)
    per_session.pop(next(reversed(per_session)), None)  # the lone user, reported on its own
    server_steps = by_step(per_session)
    on_screen = [v for values in screen.values() for v in values]
    at_server = [v for values in per_session.values() for v in values]
    rows = "\n".join(
        f"| {step} | {len(screen[step])} | {_cells(screen[step])} | {_cells(server_steps[step])} | "
        f"{alone[step][0] if alone[step] else float('nan'):.2f} |"
        for step in STEPS
    )
    p95_screen = percentile(on_screen, 0.95) if on_screen else float("nan")
    p95_server = percentile(at_server, 0.95) if at_server else float("nan")
    alone_max = max((v for values in alone.values() for v in values), default=float("nan"))
    failed = "\n".join(f"- {f}" for f in failures[:10])
    cores = os.cpu_count() or 1
    p50_server = statistics.median(at_server) if at_server else float("nan")
    p50_screen = statistics.median(on_screen) if on_screen else float("nan")
    share = server_cpu / max(wall * cores, 1e-9)

    def verdict(ok: bool) -> str:
        return "holds" if ok else "does not hold"

    md = f"""## Concurrent browser sessions

{SESSIONS} Chromium sessions (one browser context each) against one `streamlit run` server on the default data,
arriving {RAMP_SECONDS:g} s apart and pausing {THINK_SECONDS:g} s after each result, so all are active together.
Each opens the app, goes to the Trust page through the sidebar, picks its own trust, edits one measurement in the
grid and saves it (a save changes the data, so every session's next run recomputes the audit). Then one more
user does the same alone.

- *At the server*: from the rerun request reaching the server to its run finishing, waiting behind the other
  sessions included (`bench/_timed_server.py` logs both ends).
- *On screen*: from the action to its visible result in that session's browser.
- *Alone on screen*: the lone user's figure, which is one page's drawing plus an unloaded server.

The browsers stand in for the users' own computers but share this machine's {cores} cores with the server, so
they run at the lowest CPU priority. Without that, runs stalled for seconds while the server used almost no CPU.

| step | sessions | on screen p50 (s) | p95 | max | at the server p50 (s) | p95 | max | alone on screen (s) |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
{rows}

Failed sessions: **{len(failures)} of {SESSIONS + 1}** (the lone user included);
wall time of the concurrent part {wall:.1f} s.
{failed}

At the server, all {len(at_server)} runs of the {SESSIONS} concurrent sessions: p50 {p50_server:.2f} s,
p95 {p95_server:.2f} s. On screen, all {len(on_screen)} interactions: p50 {p50_screen:.2f} s, p95 {p95_screen:.2f} s.

CPU during the concurrent part: the server used {server_cpu:.0f} s of the {wall * cores:.0f} s the {cores} cores
had ({share:.0%}); the {SESSIONS} browsers and their driver used the rest. What a user on their own computer
waits for is the at-the-server time plus their own browser's drawing, which the lone user measures (at most
{alone_max:.2f} s a step here).

Targets: no failed session: **{verdict(not failures)}**. Interaction p95 under {TARGET_P95:g} s: at the server
**{verdict(p95_server < TARGET_P95)}** ({p95_server:.2f} s); on screen, with all {SESSIONS} browsers drawing on
this machine's {cores} cores, **{verdict(p95_screen < TARGET_P95)}** ({p95_screen:.2f} s).
"""
    write_section("browser-load", md)
    print(md)
    if failures:
        print(f"Screenshots of the failed sessions and the server logs: {LOGS}")


if __name__ == "__main__":
    main()
