"""Load of a time study: up to 100 participants saving their day on "Record my time" at once, timed at the server.

If every trust ran a study, hundreds of trust staff would record at the same time. One server is started as
`proportion serve` starts it (`proportion_server.py` under `streamlit run`, on loopback) on the default data plus
a study in each trust, each trust's staff accounts its participants. A hundred Chromium sessions cannot run on a
small machine beside the server, so each participant is a lightweight client speaking Streamlit's own websocket
protocol, as the browser does: it connects with the login cookie a password login would have set (the session
is opened in the database with `audit.accounts.start_session`), asks for the page (a ``rerun_script`` message),
reads the ids of the "Times done" and "Minutes in all" inputs and the "Save this day" button from the elements
the server sends, then submits the form with figures for each requirement, as a tap on the button does. The
save is confirmed from the page the server sends back ("Saved 2 figure(s)") and, at the end, in the database.

Each save is timed at the server, as `bench/bench_browser_load.py` times its interactions: from the rerun request
arriving to its run finishing, including the rerun the page makes after a save (`bench/_timed_server.py`). The
number of concurrent participants is ramped (10, 25, 50, 100 by default); at each level every participant saves
SAVES times, pausing THINK seconds in between, so all are active together.

Run: .venv/bin/python bench/bench_study_load.py [--levels 10,25,50,100] [--saves 3] [--think 1] [--paced 30]
     [--no-write]   (a quick check: --levels 5 --paced 0 --no-write)
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402
from websockets.asyncio.client import ClientConnection  # noqa: E402
from websockets.asyncio.client import connect as websocket_connect  # noqa: E402
from websockets.typing import Subprotocol  # noqa: E402

from audit.access import Role, User  # noqa: E402
from audit.accounts import add_user, start_session  # noqa: E402
from audit.engine import run_audit  # noqa: E402
from audit.study import create_study  # noqa: E402
from bench._results import write_section  # noqa: E402
from bench._timed_server import server_latencies  # noqa: E402
from bench.bench_browser_load import _port, cpu_seconds, percentile  # noqa: E402
from catalogue.dataset import load_default_catalogue  # noqa: E402
from catalogue.store import load_catalogue, open_db, save_catalogue  # noqa: E402

TARGET_P95 = 2.0
PASSWORD = "correct horse battery"
REQUIREMENTS_PER_STUDY = 2  # what a phone study records a day, as the browser test's study does
DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
WAIT = 300.0  # seconds a client waits for one run before it counts as failed
LOGS = Path(tempfile.gettempdir()) / "proportion-study-load"


@dataclass
class Participant:
    """One trust staff account taking part in its trust's study, with the login token its cookie carries."""

    username: str
    token: str
    ws: ClientConnection | None = None
    times: list[str] = field(default_factory=list)  # widget ids of the "Times done" inputs, in page order
    minutes: list[str] = field(default_factory=list)
    save: str | None = None
    confirmed: int = 0  # saves the page confirmed, kept when a later one fails


def build_database(path: Path, participants: int) -> list[Participant]:
    """The default data, a study of two requirements in each trust, and ``participants`` staff spread over them."""
    catalogue = load_default_catalogue()
    db = open_db(path)
    save_catalogue(db, catalogue, replace=True)
    catalogue = load_catalogue(db)
    audit = run_audit(catalogue)
    trusts = [t.name for t in catalogue.trusts][: max(1, min(len(catalogue.trusts), participants))]
    staff: dict[str, list[str]] = {t: [] for t in trusts}
    for i in range(participants):
        trust = trusts[i % len(trusts)]
        name = f"staff{i + 1:03d}"
        add_user(db, name, PASSWORD, Role.TRUST_STAFF, trust=trust)
        staff[trust].append(name)
    today = dt.date.today()
    monday = today - dt.timedelta(days=today.weekday())  # the page opens on today when it is a working day
    for n, trust in enumerate(trusts):
        manager = f"manager{n + 1:02d}"
        add_user(db, manager, PASSWORD, Role.TRUST_MANAGER, trust=trust)
        create_study(
            db, User(manager, Role.TRUST_MANAGER, trust=trust), trust=trust, title="Load study",
            starts=monday, ends=monday + dt.timedelta(days=11),
            requirements=audit.measure_first_by_trust[trust][:REQUIREMENTS_PER_STUDY], accounts=staff[trust],
        )  # fmt: skip
    people = []
    for trust in trusts:
        for name in staff[trust]:
            people.append(Participant(name, start_session(db, User(name, Role.TRUST_STAFF, trust=trust))))
    db.conn.close()
    people.sort(key=lambda p: p.username)
    return people


def start_server(db: Path, log: Path, timing_log: Path) -> tuple[subprocess.Popen, str]:
    """Serve the app as `proportion serve` does (with the login-cookie route), timing each run; wait until healthy."""
    port = _port()
    env = {**os.environ, "PROPORTION_DB": str(db), "OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "_timed_server.py"), str(timing_log), "--",
         str(ROOT / "proportion_server.py"), "--server.headless", "true", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"127.0.0.1:{port}"
    for _ in range(300):
        try:
            if urllib.request.urlopen(f"http://{url}/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the app did not start:\n" + log.read_text())


async def connect(person: Participant, host: str) -> None:
    """Open the participant's websocket as their browser would, carrying the login cookie."""
    person.ws = await websocket_connect(
        f"ws://{host}/_stcore/stream",
        additional_headers={"Cookie": f"proportion_session={person.token}"},
        origin=f"http://{host}",  # type: ignore[arg-type]
        subprotocols=[Subprotocol("streamlit")],
        max_size=64 * 1024 * 1024,
        open_timeout=WAIT,
        ping_interval=None,  # the server may be too busy to answer pings in time; that is what is measured
    )


def _walk_elements(msg: ForwardMsg, person: Participant, texts: list[str]) -> None:
    """Note the ids of the form's inputs and button, and the text shown, from one element the server sent."""
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    if kind == "number_input":
        (person.times if element.number_input.label == "Times done" else person.minutes).append(element.number_input.id)
    elif kind == "button" and element.button.label == "Save this day":
        person.save = element.button.id
    elif kind in {"markdown", "heading", "alert"}:
        texts.append(getattr(element, kind).body)
    elif kind == "exception":  # a run that failed (a locked database, say) shows this in place of the page
        texts.append(f"{element.exception.type}: {element.exception.message}")


async def run_page(person: Participant, widgets: list[WidgetState]) -> list[str]:
    """Send one rerun request with these widget values and read the page until its run finishes; return its text."""
    assert person.ws is not None
    back = BackMsg()
    back.rerun_script.query_string = ""
    back.rerun_script.page_script_hash = ""
    back.rerun_script.widget_states.widgets.extend(widgets)
    await person.ws.send(back.SerializeToString())
    person.times, person.minutes = [], []
    texts: list[str] = []
    while True:
        raw = await asyncio.wait_for(person.ws.recv(), timeout=WAIT)
        msg = ForwardMsg()
        msg.ParseFromString(raw if isinstance(raw, bytes) else raw.encode())
        _walk_elements(msg, person, texts)
        if msg.WhichOneof("type") == "script_finished":
            if msg.script_finished in DONE:
                return texts
            person.times, person.minutes, texts = [], [], []  # a save reruns the page: read the new run's


def save_states(person: Participant, times: int, minutes: float) -> list[WidgetState]:
    """The form's values as a tap on "Save this day" sends them: figures for every requirement, and the trigger."""
    assert person.save is not None, "the page has not been read yet"
    states = []
    for wid in person.times:
        states.append(WidgetState(id=wid, int_value=times))
    for wid in person.minutes:
        states.append(WidgetState(id=wid, double_value=minutes))
    states.append(WidgetState(id=person.save, trigger_value=True))
    return states


async def participant(person: Participant, host: str, saves: int, think: float, delay: float) -> int:
    """One participant: open the page, then save the day ``saves`` times; return how many saves were confirmed."""
    await asyncio.sleep(delay)
    await connect(person, host)
    texts = await run_page(person, [])
    if "Record my time" not in texts or person.save is None or not person.times:
        raise AssertionError(f"{person.username}: the Record my time form was not shown ({texts[:3]})")
    for n in range(saves):
        await asyncio.sleep(think)
        texts = await run_page(person, save_states(person, times=1 + n, minutes=15.0 * (1 + n)))
        if any(t.startswith(f"Saved {len(person.times)} figure(s)") for t in texts):
            person.confirmed += 1
        else:
            raise AssertionError(f"{person.username}: save {n + 1} was not confirmed ({texts[-2:]})")
    assert person.ws is not None
    await person.ws.close()
    return person.confirmed


@dataclass
class Level:
    """What one level of concurrency measured."""

    participants: int
    think: float
    save_times: list[float]
    failures: list[str]
    confirmed: int
    wall: float
    server_cpu: float
    load_before: float
    load_after: float

    @property
    def p50(self) -> float:
        return statistics.median(self.save_times) if self.save_times else float("nan")

    @property
    def p95(self) -> float:
        return percentile(self.save_times, 0.95) if self.save_times else float("nan")

    @property
    def holds(self) -> bool:
        return not self.failures and bool(self.save_times) and self.p95 < TARGET_P95


def save_latencies(per_session: dict[str, list[float]], saves: int) -> list[float]:
    """The server time of each save: every session's runs after its first (the first opens the page)."""
    out: list[float] = []
    for latencies in per_session.values():
        out.extend(latencies[1 : 1 + saves])
    return out


async def drive(people: list[Participant], host: str, saves: int, think: float) -> tuple[int, list[str], float]:
    """Run every participant at once (arriving over one think time); return confirmed saves, failures, wall time."""
    start = time.perf_counter()
    spread = max(think, 0.1)
    results = await asyncio.gather(
        *(participant(p, host, saves, think, random.uniform(0, spread)) for p in people), return_exceptions=True
    )
    wall = time.perf_counter() - start
    failures = [
        f"{type(r).__name__}: {str(r).splitlines()[0] if str(r) else ''}"
        for r in results
        if isinstance(r, BaseException)
    ]
    return sum(p.confirmed for p in people), failures, wall


def run_level(n: int, saves: int, think: float) -> Level:
    """Measure one level: a fresh database and server, ``n`` participants saving together."""
    tmp = Path(tempfile.mkdtemp())
    db_path, timing_log = tmp / "study.db", tmp / "timing.log"
    people = build_database(db_path, n)
    proc, host = start_server(db_path, tmp / "server.log", timing_log)
    try:
        # Open the page once, as a running deployment has been opened before: imports and caches are paid.
        warm = Participant(people[0].username, people[0].token)
        asyncio.run(_warm(warm, host))
        timing_log.write_text("")  # the warm-up visit is not a participant's
        load_before = os.getloadavg()[0]
        cpu_before = cpu_seconds(proc.pid)
        confirmed, failures, wall = asyncio.run(drive(people, host, saves, think))
        server_cpu = cpu_seconds(proc.pid) - cpu_before
        load_after = os.getloadavg()[0]
        per_session = server_latencies(str(timing_log))
        db = open_db(db_path)
        stored = db.conn.execute(
            "SELECT COUNT(*) FROM (SELECT DISTINCT study, participant FROM study_entries)"
        ).fetchone()[0]
        db.conn.close()
        expected = sum(1 for p in people if p.confirmed)  # a confirmed save must be in the database
        if stored < expected:
            failures.append(f"only {stored} participants' figures are in the database, expected {expected}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        LOGS.mkdir(exist_ok=True)
        shutil.copy(tmp / "server.log", LOGS / f"server-{n}-pause-{think:g}s.log")
        shutil.rmtree(tmp, ignore_errors=True)
    times = save_latencies(per_session, saves)
    return Level(n, think, times, failures, confirmed, wall, server_cpu, load_before, load_after)


async def _warm(person: Participant, host: str) -> None:
    await connect(person, host)
    await run_page(person, [])
    assert person.ws is not None
    await person.ws.close()


def report(levels: list[Level], saves: int, paced: Level | None = None) -> str:
    """The RESULTS.md section: method, a row per level, and the level at which p95 stops meeting the target."""
    cores = os.cpu_count() or 1
    target = f"p95 < {TARGET_P95:g} s"
    rows = "\n".join(
        f"| {lv.participants} | {lv.think:g} | {len(lv.save_times)} | {lv.confirmed} | {len(lv.failures)} | "
        f"{lv.p50:.2f} | {lv.p95:.2f} | {max(lv.save_times, default=float('nan')):.2f} | {lv.wall:.0f} | "
        f"{lv.server_cpu / max(lv.confirmed, 1):.2f} | {lv.server_cpu / max(lv.wall * cores, 1e-9):.0%} | "
        f"{lv.load_before:.2f} / {lv.load_after:.2f} | {'holds' if lv.holds else 'does not hold'} |"
        for lv in [*levels, *([paced] if paced else [])]
    )
    failing = [lv.participants for lv in levels if not lv.holds]
    held = [lv.participants for lv in levels if lv.holds and (not failing or lv.participants < failing[0])]
    if not failing:
        verdict = f"one server process meets {target} at every level measured, up to {levels[-1].participants}"
    elif held:
        verdict = (
            f"one server process meets {target} up to {held[-1]} concurrent participants "
            f"and stops meeting it at {failing[0]}"
        )
    else:
        verdict = f"one server process does not meet {target} even at {failing[0]} participants"
    if paced is not None:
        verdict += (
            f". Paced ({paced.participants} participants, {paced.think:g} s between saves): "
            f"p95 {paced.p95:.2f} s, **{'holds' if paced.holds else 'does not hold'}**"
        )
    header = (
        "| participants | pause (s) | saves timed | confirmed | failures | p50 (s) | p95 (s) | max (s) | wall (s) "
        f"| server CPU s per save | server CPU | load avg before / after | {target} |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
    )
    every = [*levels, *([paced] if paced else [])]
    notes = "\n".join(f"- {lv.participants} participants: {f}" for lv in every for f in lv.failures[:5])
    return f"""## Concurrent participants recording their time

One server started as `proportion serve` starts it (`proportion_server.py`, loopback) on the default data with
a two-requirement study in each trust (participants spread over up to 35 trusts' studies); a fresh database and
server for each level. Each participant is a lightweight websocket client speaking Streamlit's own protocol (the
protobuf messages a browser sends), because a hundred Chromium sessions cannot share {cores} cores with the server:
it connects with the login cookie of an open session, opens "Record my time", reads the form's widget ids from the
elements sent, and saves the day {saves} times (figures for both requirements), pausing between saves as the
table says; participants arrive at random within one pause. Every save is confirmed on the page ("Saved 2
figure(s)") and the figures are checked in the database afterwards. The ramp (pause 1 s) is a burst: every
participant saving at once, again and again. The paced row is the same participants pausing as someone filling in
a day's figures would. Not measured: the browser's drawing of the page (on the user's own phone or PC).

*Server time per save*: from the rerun request reaching the server to the run finishing, including the rerun the
page makes to show what was saved and the waiting behind other participants (`bench/_timed_server.py`). *Server
CPU s per save*: the server process's CPU over the level divided by the saves (page openings included), so one
process can take about its inverse in saves a second. Load average: the machine's 1-minute figure (other work
shares it).

{header}
{rows}

{notes}

Target (p95 server time per save under {TARGET_P95:g} s): {verdict}.
"""


def main(argv: list[str] | None = None) -> list[Level]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="10,25,50,100", help="numbers of concurrent participants, comma-separated")
    parser.add_argument("--saves", type=int, default=3, help="saves per participant at each level")
    parser.add_argument("--think", type=float, default=1.0, help="seconds a participant pauses between saves")
    parser.add_argument(
        "--paced", type=float, default=30.0, help="then the largest level again with this pause (0: skip)"
    )
    parser.add_argument("--no-write", action="store_true", help="print the results without writing RESULTS.md")
    args = parser.parse_args(argv)
    counts = [int(v) for v in args.levels.split(",") if v.strip()]
    levels = []
    for n in counts:
        level = run_level(n, args.saves, args.think)
        print(
            f"{n} participants: p50 {level.p50:.2f} s, p95 {level.p95:.2f} s, failures {len(level.failures)}",
            flush=True,
        )
        levels.append(level)
    paced = run_level(counts[-1], args.saves, args.paced) if args.paced > 0 and counts else None
    if paced is not None:
        print(f"{paced.participants} paced: p50 {paced.p50:.2f} s, p95 {paced.p95:.2f} s", flush=True)
    md = report(levels, args.saves, paced)
    if not args.no_write:
        write_section("study-load", md)
    print(md)
    return levels


if __name__ == "__main__":
    main()
