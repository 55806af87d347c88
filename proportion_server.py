"""The web server `proportion serve` runs: the Streamlit app plus the route that sets the login cookie HttpOnly.

``streamlit run proportion_server.py`` serves ``streamlit_app.py`` exactly as ``streamlit run streamlit_app.py``
does, and adds the one HTTP route a script cannot provide (see ``app_pages/_session_routes.py``). It also gets
the first visitor's page ready before anyone asks for it: the modules every page run needs (pandas, altair, the
library) are imported before the server answers, and the Overview's figures are computed once the runtime exists
(:func:`warm_up`), after which the log says the server is ready (:data:`WARM`). Without this the first visitor
waited for the imports and the audit of the whole catalogue (bench/bench_first_load.py).
"""

from __future__ import annotations

import os
import threading
import time

import streamlit as st
from streamlit import config, runtime
from streamlit.logger import get_logger

# Imported here, before the server answers, not in the first visitor's run: the entry script's and the Overview's
# modules (the cache layer brings pandas, altair and the library with it). Several seconds on a loaded machine.
import streamlit_app  # noqa: F401
from app_pages import _cache, _ui  # noqa: F401
from app_pages._session_routes import session_routes
from reports import catalogue_view, labels, scope  # noqa: F401

log = get_logger("proportion.server")  # Streamlit's own logger: its lines go to the server's log
WARM = "Computed the Overview's figures"  # logged once they are: from then on a visitor meets the page as it is


def warm_up(timeout: float = 60.0) -> bool:
    """Fill the caches the Overview reads, for everyone who sees every trust's data, once the server runs.

    Streamlit's caches belong to its runtime, so this waits for the runtime to exist. A database that does not
    exist yet is left alone (opening it would create it). Returns whether the caches were filled.
    """
    path = _cache.db_path()
    if not os.path.exists(path):
        return False
    deadline = time.monotonic() + timeout
    while not runtime.exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    from catalogue.store import open_db

    started = time.perf_counter()
    db = open_db(path)
    try:
        data = _cache.Data(db=db, path=path, version=f"{_cache.data_version(db)}|{_cache.SCOPE_ALL}")
        # What the Overview draws, in the order it draws it: the headline first.
        _cache.national(data)
        _cache.summary(data)
        _cache.requirement_burden(data)
        _cache.purpose_view(data)
        _cache.estimated_hours_share(data)
        _cache.overview_charts(data)
        _cache.through_time(data)
    finally:
        db.conn.close()
    labels.metric_help("overview", "Hours a year")  # reads the explanations' file once
    _first_run_of_streamlit()
    log.info("%s in %.1f s: ready for visitors", WARM, time.perf_counter() - started)
    return True


def _first_run_of_streamlit() -> None:
    """Do now what Streamlit does once a process, in its first page run (about a second on a loaded machine).

    ``st.set_page_config``'s emoji icon imports Streamlit's emoji table and compiles its pattern; the first element
    sent walks the whole call stack once to tell a REPL from `streamlit run` (nothing is printed: the runtime runs).
    """
    from streamlit import delta_generator, string_util

    string_util.is_emoji("⚖️")
    getattr(delta_generator, "_maybe_print_use_warning", lambda: None)()


def _warm_up_quietly() -> None:
    try:
        warm_up()
    except Exception:  # the first visitor then computes the figures as before; the server must not stop
        log.exception("Could not compute the Overview's figures in advance")


app = st.App("streamlit_app.py", routes=session_routes(config.get_option("server.baseUrlPath") or ""))
threading.Thread(target=_warm_up_quietly, name="proportion-warm-up", daemon=True).start()
