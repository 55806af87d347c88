"""Serve the app exactly as `streamlit run` does, logging when each rerun request arrives and when its run ends.

For the load benchmark: the time from a session's rerun request reaching the server to that run's
script-finished message being queued for the browser is the server's share of an interaction (waiting for the
CPU and the interpreter behind other sessions included; the browser's drawing excluded). Each line of the log
is ``<monotonic seconds> <session id> rerun|finished <server process CPU seconds>``.

Usage: python bench/_timed_server.py LOG_PATH -- <arguments of `streamlit run`>
"""

from __future__ import annotations

import sys
import time
from typing import Any

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.app_session import AppSession

DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


def instrument(log_path: str) -> None:
    """Wrap AppSession's message handlers so each rerun request and each finished run is logged."""
    log = open(log_path, "a", buffering=1)  # noqa: SIM115 - open for the server's lifetime; one line per write
    handle, enqueue = AppSession.handle_backmsg, AppSession._enqueue_forward_msg

    def handle_backmsg(self: AppSession, msg: Any) -> None:
        if msg.WhichOneof("type") == "rerun_script":
            log.write(f"{time.monotonic():.6f} {self.id} rerun {time.process_time():.3f}\n")
        handle(self, msg)

    def enqueue_forward_msg(self: AppSession, msg: Any) -> None:
        enqueue(self, msg)
        if msg.WhichOneof("type") == "script_finished" and msg.script_finished in DONE:
            log.write(f"{time.monotonic():.6f} {self.id} finished {time.process_time():.3f}\n")

    AppSession.handle_backmsg = handle_backmsg  # type: ignore[method-assign]
    AppSession._enqueue_forward_msg = enqueue_forward_msg  # type: ignore[method-assign]


def server_latencies(log_path: str) -> dict[str, list[float]]:
    """Read the log back: per session, the seconds from each rerun request to the next finished run."""
    pending: dict[str, float] = {}
    out: dict[str, list[float]] = {}
    with open(log_path) as log:
        for line in log:
            stamp, session, kind, _cpu = line.split()
            if kind == "rerun":
                pending.setdefault(session, float(stamp))  # a request made while one is pending joins it
            elif session in pending:
                out.setdefault(session, []).append(float(stamp) - pending.pop(session))
    return out


if __name__ == "__main__":
    log_path, separator, *streamlit_args = sys.argv[1:]
    assert separator == "--", __doc__
    instrument(log_path)
    from streamlit.web.cli import main

    sys.argv = ["streamlit", "run", *streamlit_args]
    main(prog_name="streamlit")
