"""First load: the time to the Overview's first figure against a trivial one-metric Streamlit page, side by side.

Two servers run at once on this machine: the app as `proportion serve` runs it (``proportion_server.py``, the
project's settings, local mode on loopback, the default data) and a page holding one ``st.metric`` (the floor:
what Streamlit itself takes to open a page in this browser). Debian Chromium opens each in a new browser context
(no cache, no cookies: a new visitor), taking turns, and the clock runs from the navigation to the first metric
value on screen. The first visit to each server, right after it answers, is reported on its own (the app may still
be computing the figures it prepares as it starts); the later visits, each a new visitor, come once the app's log
says those figures are ready, and the ratio compares their medians. The target: the Overview's first figure
within 1.5 times the floor.

Run: .venv/bin/python bench/bench_first_load.py   (needs /usr/bin/chromium; make bench installs it)
Environment: FIRST_LOAD_ROUNDS visits to each page after the first (default 6).
"""

from __future__ import annotations

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
from proportion.commands.admin_cmds import project_settings  # noqa: E402

ROUNDS = int(os.environ.get("FIRST_LOAD_ROUNDS", "8"))
TARGET = 1.5
WAIT = 120_000
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost",
]  # fmt: skip
FLOOR_PAGE = 'import streamlit as st\n\nst.metric("Requirements in force", "72")\n'
FIRST_FIGURE = '[data-testid="stMetricValue"]'
WARM_LINE = "Computed the Overview's figures"  # what proportion_server.py logs (its WARM) once they are ready


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(script: Path, home: Path, db: Path, name: str) -> tuple[subprocess.Popen, str]:
    """Serve ``script`` as `proportion serve` does (the project's settings as flags) and wait until it is healthy."""
    port = _port()
    env = {**os.environ, "PROPORTION_DB": str(db), "OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    settings = project_settings(ROOT / ".streamlit" / "config.toml")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), *settings, "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port)],
        cwd=home, env=env, stdout=(home / f"{name}.log").open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"{script.name} did not start: see {home / f'{name}.log'}")


def first_figure_seconds(browser, url: str) -> float:
    """Open ``url`` as a new visitor and return the seconds until the first metric value is on screen."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.locator(FIRST_FIGURE).first.wait_for(state="visible", timeout=WAIT)
    elapsed = time.perf_counter() - started
    context.close()
    return elapsed


def wait_for_warm_up(log: Path, timeout: float = 300) -> float | None:
    """Wait until the app's log says the Overview's figures are ready; return the seconds waited (None: never)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if WARM_LINE in log.read_text(errors="replace"):
            return time.perf_counter() - started
        time.sleep(0.2)
    return None


def main() -> int:
    from playwright.sync_api import sync_playwright

    home = Path(tempfile.mkdtemp(prefix="proportion-first-load-"))
    db = home / "proportion.db"
    catalogue_db = open_db(db)
    save_catalogue(catalogue_db, load_default_catalogue(), replace=True, reason="first-load benchmark")
    catalogue_db.conn.close()
    (home / "floor.py").write_text(FLOOR_PAGE)
    shutil.copytree(ROOT / ".streamlit", home / ".streamlit", dirs_exist_ok=True)
    servers = [start(ROOT / "proportion_server.py", home, db, "app"), start(home / "floor.py", home, db, "floor")]
    (_, app_url), (_, floor_url) = servers
    times: dict[str, list[float]] = {"app": [], "floor": []}
    warmed_after: float | None = None
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for i in range(ROUNDS + 1):
                order = [("app", app_url), ("floor", floor_url)]
                for name, url in order if i % 2 == 0 else order[::-1]:  # take turns: neither always goes first
                    times[name].append(first_figure_seconds(browser, url))
                if i == 0:
                    warmed_after = wait_for_warm_up(home / "app.log")
            browser.close()
    finally:
        for proc, _ in servers:
            proc.terminate()
            proc.wait(timeout=20)
    first = {name: t[0] for name, t in times.items()}
    median = {name: statistics.median(t[1:]) for name, t in times.items()}
    ratio = median["app"] / median["floor"]
    first_ratio = first["app"] / first["floor"]
    verdict = "holds" if ratio <= TARGET else "does not hold"
    warm = "never said so" if warmed_after is None else f"{warmed_after:.1f} s after the first visits"
    lines = [
        "## First load: the Overview's first figure against a trivial page",
        "",
        f"Both served at once on this machine (other work running alongside), each visit a new browser context in "
        f"Debian Chromium at 1,280 px, from navigation to the first metric value on screen; {ROUNDS} visits each "
        "after the first, taking turns.",
        "",
        "| page | first visit after the server started | median of later visits | later visits |",
        "|---|---:|---:|---|",
        f"| Overview (`proportion serve`) | {first['app']:.2f} s | {median['app']:.2f} s | "
        + ", ".join(f"{t:.2f}" for t in times["app"][1:])
        + " |",
        f"| one-metric page (the floor) | {first['floor']:.2f} s | {median['floor']:.2f} s | "
        + ", ".join(f"{t:.2f}" for t in times["floor"][1:])
        + " |",
        "",
        f"The app's figures were ready {warm}. Load average at the end: {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores.",
        "",
        f"**Ratio {ratio:.2f}× the floor (first visit {first_ratio:.2f}×): the {TARGET}× target {verdict}.**",
    ]
    text = "\n".join(lines)
    print(text)
    write_section("first-load", text)
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
