"""The web server `proportion serve` runs: the Streamlit app plus the route that sets the login cookie HttpOnly.

``streamlit run proportion_server.py`` serves ``streamlit_app.py`` exactly as ``streamlit run streamlit_app.py``
does, and adds the one HTTP route a script cannot provide (see ``app_pages/_session_routes.py``). It also computes
the Overview's figures once as the server starts (:func:`warm_up`), so the first visitor does not wait for the
audit of the whole catalogue.
"""

from __future__ import annotations

import os
import threading
import time

import streamlit as st
from streamlit import config, runtime
from streamlit.logger import get_logger

from app_pages._session_routes import session_routes

log = get_logger("proportion.server")  # Streamlit's own logger: its lines go to the server's log
WARM = "Computed the Overview's figures"


def warm_up(timeout: float = 60.0) -> bool:
    """Fill the caches the Overview reads, for everyone who sees every trust's data, once the server runs.

    Streamlit's caches belong to its runtime, so this waits for the runtime to exist. A database that does not
    exist yet is left alone (opening it would create it). Returns whether the caches were filled.
    """
    from app_pages import _cache

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
    log.info("%s in %.1f s", WARM, time.perf_counter() - started)
    return True


def _warm_up_quietly() -> None:
    try:
        warm_up()
    except Exception:  # the first visitor then computes the figures as before; the server must not stop
        log.exception("Could not compute the Overview's figures in advance")


app = st.App("streamlit_app.py", routes=session_routes(config.get_option("server.baseUrlPath") or ""))
threading.Thread(target=_warm_up_quietly, name="proportion-warm-up", daemon=True).start()
