"""Load: 20 concurrent real-browser sessions on the default data, each loading pages and saving a measurement.

One `streamlit run` server on loopback (local mode) and one Debian Chromium with 20 browser contexts driven
concurrently by Playwright. Each session opens the Overview, opens a trust (its own, so the saves do not
collide), records one measurement in the grid and waits for the recomputed figures. Every interaction's
latency is measured from the action to the visible result; p50 and p95 are reported. Target: no failed
session and p95 under 2 s on this 2-core machine.

Run: .venv/bin/python bench/bench_browser_load.py   (needs /usr/bin/chromium; make bench installs it)
"""

from __future__ import annotations

import asyncio
import os
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
from catalogue.dataset import load_default_catalogue  # noqa: E402
from catalogue.store import open_db, save_catalogue  # noqa: E402

SESSIONS = int(os.environ.get("LOAD_SESSIONS", "20"))
WAIT = 120_000
RAMP_SECONDS = 1.0  # users arrive one a second, as they would, not all in the same millisecond
THINK_SECONDS = 1.0  # a user reads a page before the next action
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost",
]  # fmt: skip


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """Serve the app on a free loopback port and wait until it is healthy."""
    port = _port()
    env = {**os.environ, "PROPORTION_DB": str(db)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the app did not start:\n" + log.read_text())


async def session(browser, url: str, trust: str, timings: dict[str, list[float]], delay: float) -> None:
    """One user: overview, their trust, one saved measurement; each step timed to its visible result."""
    from playwright.async_api import expect

    await asyncio.sleep(delay)
    context = await browser.new_context(viewport={"width": 1440, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(WAIT)
    try:
        start = time.perf_counter()
        await page.goto(f"{url}/overview")
        await expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=WAIT)
        timings["open overview"].append(time.perf_counter() - start)
        await asyncio.sleep(THINK_SECONDS)

        start = time.perf_counter()
        await page.goto(f"{url}/trust?trust={trust.replace(' ', '+')}")
        hours = page.get_by_test_id("stMetric").filter(has_text="Hours a year").get_by_test_id("stMetricValue")
        await expect(hours).to_be_visible(timeout=WAIT)
        await expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=WAIT)
        timings["open a trust"].append(time.perf_counter() - start)
        before = await hours.inner_text()
        await asyncio.sleep(THINK_SECONDS)

        cell = page.locator("input.gdg-input, textarea.gdg-input").first
        for attempt in range(3):  # a click can land while the grid is still being laid out: try again
            grid = page.get_by_test_id("stDataFrame").last
            await grid.scroll_into_view_if_needed()
            box = await grid.bounding_box()
            await page.mouse.click(box["x"] + 40, box["y"] + 35 + 17)
            for _ in range(4):
                await page.keyboard.press("ArrowRight")
            await page.keyboard.press("Enter")
            try:
                await expect(cell).to_be_visible(timeout=15_000 if attempt < 2 else WAIT)
                break
            except AssertionError:
                await page.keyboard.press("Escape")
        await cell.fill("600")
        start = time.perf_counter()
        await cell.press("Enter")
        save = page.get_by_role("button", name="Save 1 measurement(s)")
        await expect(save).to_be_enabled(timeout=WAIT)
        timings["edit a cell"].append(time.perf_counter() - start)

        start = time.perf_counter()
        await save.click()
        await expect(page.get_by_text("figures are recomputed")).to_be_visible(timeout=WAIT)
        await expect(hours).not_to_have_text(before, timeout=WAIT)
        timings["save a measurement"].append(time.perf_counter() - start)
    finally:
        await context.close()


async def run(url: str, trusts: list[str]) -> tuple[dict[str, list[float]], list[str], float]:
    """Drive SESSIONS sessions at once; return timings, failures and wall time."""
    from playwright.async_api import async_playwright

    timings: dict[str, list[float]] = {k: [] for k in ("open overview", "open a trust", "edit a cell",
                                                        "save a measurement")}  # fmt: skip
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        start = time.perf_counter()
        results = await asyncio.gather(
            *(session(browser, url, trusts[i % len(trusts)], timings, i * RAMP_SECONDS) for i in range(SESSIONS)),
            return_exceptions=True,
        )
        wall = time.perf_counter() - start
        await browser.close()
    failures = [f"{type(r).__name__}: {str(r).splitlines()[0]}" for r in results if isinstance(r, BaseException)]
    return timings, failures, wall


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    db_path = tmp / "load.db"
    catalogue = load_default_catalogue()
    db = open_db(db_path)
    save_catalogue(db, catalogue, replace=True)
    db.conn.close()
    proc, url = start_server(db_path, tmp / "server.log")
    try:
        timings, failures, wall = asyncio.run(run(url, [t.name for t in catalogue.trusts]))
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)
    every = [v for values in timings.values() for v in values]
    p95 = percentile(every, 0.95) if every else float("nan")
    rows = "\n".join(
        f"| {step} | {len(v)} | {statistics.median(v):.2f} | {percentile(v, 0.95):.2f} | {max(v):.2f} |"
        for step, v in timings.items()
        if v
    )
    holds = not failures and p95 < 2.0
    md = f"""## Concurrent browser sessions

{SESSIONS} Chromium sessions against one `streamlit run` server on the default data, arriving
{RAMP_SECONDS:.0f} s apart and pausing {THINK_SECONDS:.0f} s between actions, so all of them are active together;
each opens the Overview, opens a trust, edits one measurement in the grid and saves it. Latency is from the
action to its visible result. The browsers run on the same 2-core machine as the server, so their rendering
competes with it for the CPU: the figures are an upper bound on what a user on their own computer would see.

| step | sessions | p50 (s) | p95 (s) | max (s) |
|---|---:|---:|---:|---:|
{rows}

All interactions: p50 {statistics.median(every) if every else float("nan"):.2f} s, p95 {p95:.2f} s;
failed sessions {len(failures)} of {SESSIONS}; wall time {wall:.1f} s.
{chr(10).join("- " + f for f in failures[:5])}

Targets: no failed session; p95 under 2 s. **{"Hold" if holds else "Do not hold"}.**
"""
    write_section("browser-load", md)
    print(md)


if __name__ == "__main__":
    main()
