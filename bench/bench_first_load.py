"""First load: the time to the Overview's first figure against a trivial one-metric Streamlit page, side by side.

Three servers run at once on this machine: the app as `proportion serve` runs it (``proportion_server.py``, the
project's settings, local mode on loopback, the default data); the same app with the Overview's first-paint pause
set to nothing (a copy of the app's shell in a temporary folder, the one constant changed), to show what the pause
buys; and a page holding one ``st.metric`` (the floor: what Streamlit itself takes to open a page in this
browser). Debian Chromium opens each in a new browser context (no cache, no cookies: a new visitor), taking turns,
and the clock runs from the navigation to the first metric value on screen.

Each server is visited first once it says it is ready, as a real visitor arrives after the server has started:
the floor when it answers its health check, the app when its log says the Overview's figures are computed
(``proportion_server.WARM``, logged by the server itself at the end of its start-up work). That first visit is
reported on its own (the first page run of a server) and the later visits, each a new visitor, by their median.
The target: the Overview's first figure within 1.5 times the floor, for the first visit and for later ones.
CPU: the servers' own CPU seconds per visit (from /proc), beside the wall times, and the load average.

Run: .venv/bin/python bench/bench_first_load.py   (needs /usr/bin/chromium; make bench installs it)
Environment: FIRST_LOAD_ROUNDS visits to each page after the first (default 8).
"""

from __future__ import annotations

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
PAUSE_LINE = re.compile(r"^FIRST_PAINT_PAUSE = .*$", re.M)
SHELL = ["streamlit_app.py", "proportion_server.py", "app_pages"]  # what the copy without the pause holds


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(script: Path, home: Path, db: Path, name: str) -> tuple[subprocess.Popen, str]:
    """Serve ``script`` as `proportion serve` does (the project's settings as flags) and wait until it is healthy."""
    port = _port()
    # The script's own folder first, so the copy without the pause imports its own app_pages; the library from ROOT.
    path = os.pathsep.join(dict.fromkeys([str(script.parent), str(ROOT)]))
    env = {**os.environ, "PROPORTION_DB": str(db), "OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": path}
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


def cpu_seconds(pid: int) -> float:
    """Return the CPU seconds (user + system) process ``pid`` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def shell_without_pause(home: Path) -> Path:
    """Copy the app's shell into ``home`` with the Overview's first-paint pause set to 0; return its server script."""
    copy = home / "no-pause"
    copy.mkdir()
    for name in SHELL:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    overview = copy / "app_pages" / "overview.py"
    text, found = PAUSE_LINE.subn("FIRST_PAINT_PAUSE = 0.0", overview.read_text())
    if not found:
        raise RuntimeError("app_pages/overview.py no longer sets FIRST_PAINT_PAUSE: update the benchmark")
    overview.write_text(text)
    return copy / "proportion_server.py"


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
    load_before = os.getloadavg()[0]
    scripts = {
        "app": ROOT / "proportion_server.py",
        "no pause": shell_without_pause(home),
        "floor": home / "floor.py",
    }
    servers: dict[str, tuple[subprocess.Popen, str]] = {}
    answered: dict[str, float] = {}
    for name, script in scripts.items():
        servers[name] = start(script, home, db, name.replace(" ", "-"))
        answered[name] = time.perf_counter()
    times: dict[str, list[float]] = {name: [] for name in servers}
    cpu: dict[str, float] = {}
    ready_after: dict[str, float | None] = {"floor": 0.0}
    try:
        for name in ("app", "no pause"):  # each app is visited once it says it is ready
            waited = wait_for_warm_up(home / f"{name.replace(' ', '-')}.log")
            ready_after[name] = None if waited is None else time.perf_counter() - answered[name]
        cpu_before = {name: cpu_seconds(proc.pid) for name, (proc, _) in servers.items()}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            # The browser's own start (its first tab and renderer) is no server's first load: spent on a blank page.
            blank = browser.new_context()
            blank.new_page().goto("about:blank")
            blank.close()
            order = list(servers)
            for i in range(ROUNDS + 1):
                turn = order[i % len(order) :] + order[: i % len(order)]  # take turns: none always goes first
                for name in turn:
                    times[name].append(first_figure_seconds(browser, servers[name][1]))
            browser.close()
        cpu = {name: (cpu_seconds(proc.pid) - cpu_before[name]) / (ROUNDS + 1) for name, (proc, _) in servers.items()}
    finally:
        for proc, _ in servers.values():
            proc.terminate()
            proc.wait(timeout=20)
    first = {name: t[0] for name, t in times.items()}
    median = {name: statistics.median(t[1:]) for name, t in times.items()}

    def verdict(ratio: float) -> str:
        return "holds" if ratio <= TARGET else "does not hold"

    ratios = {name: (first[name] / first["floor"], median[name] / median["floor"]) for name in ("app", "no pause")}

    def readiness(after: float | None) -> str:
        if after is None:
            return "never said so"
        return f"≤ {after:.1f} s after it answered" if after else "when it answered"

    ready = {name: readiness(after) for name, after in ready_after.items()}
    rows = {
        "app": "Overview (`proportion serve`)",
        "no pause": "Overview without the first-paint pause",
        "floor": "one-metric page (the floor)",
    }
    lines = [
        "## First load: the Overview's first figure against a trivial page",
        "",
        f"Three servers at once on this machine (other work running alongside), each visit a new browser context in "
        f"Debian Chromium at 1,280 px, from navigation to the first metric value on screen; the first visit once the "
        f"server says it is ready (the app: its log says the Overview's figures are computed), then {ROUNDS} more "
        "each, taking turns; the browser's own start is spent on a blank page first. Server CPU: the server "
        "process's CPU seconds per visit.",
        "",
        "| page | ready | first visit | median of later visits | later visits | server CPU s per visit |",
        "|---|---|---:|---:|---|---:|",
    ]
    for name, label in rows.items():
        lines.append(
            f"| {label} | {ready[name]} | {first[name]:.2f} s | {median[name]:.2f} s | "
            + ", ".join(f"{t:.2f}" for t in times[name][1:])
            + f" | {cpu.get(name, float('nan')):.2f} |"
        )
    load_after = os.getloadavg()[0]
    lines += [
        "",
        f"Load average {load_before:.1f} at the start and {load_after:.1f} at the end, on {os.cpu_count()} cores.",
        "",
    ]
    for name in ("app", "no pause"):
        first_ratio, later_ratio = ratios[name]
        lines.append(
            f"**{rows[name]}: first visit {first_ratio:.2f}× the floor ({TARGET}× target {verdict(first_ratio)}); "
            f"later visits {later_ratio:.2f}× ({verdict(later_ratio)}).**"
        )
        lines.append("")
    text = "\n".join(lines).rstrip()
    print(text)
    write_section("first-load", text)
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
