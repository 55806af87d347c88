"""Shared fixtures: databases on the default data, the Streamlit app under AppTest, and a real browser."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "streamlit_app.py"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-dev-shm-usage",
    # The network is closed: resolve loopback only, so nothing is fetched from outside.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


@pytest.fixture(scope="session")
def default_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database loaded once per session with the default dataset (copy it before writing)."""
    from catalogue.dataset import load_default_catalogue
    from catalogue.store import open_db, save_catalogue

    path = tmp_path_factory.mktemp("template") / "default.db"
    db = open_db(path)
    save_catalogue(db, load_default_catalogue(), replace=True, reason="test template")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return path


@pytest.fixture
def default_db_path(default_db_template: Path, tmp_path: Path) -> Path:
    """A private copy of the default-data database for one test."""
    path = tmp_path / "proportion.db"
    shutil.copy(default_db_template, path)
    return path


@pytest.fixture
def default_db(default_db_path: Path):
    """An open connection to a private copy of the default-data database."""
    from catalogue.store import open_db

    db = open_db(default_db_path)
    yield db
    db.conn.close()


@pytest.fixture
def empty_db(tmp_path: Path):
    """An open connection to a new, empty, migrated database."""
    from catalogue.store import open_db

    db = open_db(tmp_path / "empty.db")
    yield db
    db.conn.close()


@pytest.fixture
def app_db(default_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the app at a private default-data database, as served on 127.0.0.1, with empty Streamlit caches."""
    import streamlit as st
    from streamlit import config

    monkeypatch.setenv("PROPORTION_DB", str(default_db_path))
    address = config.get_option("server.address")
    config.set_option("server.address", "127.0.0.1")  # local mode is allowed on loopback only
    st.cache_data.clear()
    st.cache_resource.clear()
    yield default_db_path
    st.cache_data.clear()
    st.cache_resource.clear()
    config.set_option("server.address", address)


# --- real browser (Debian Chromium driven by Playwright; never `playwright install`) ---------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):  # pytest-playwright hook
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is not installed: run `make test`, which installs it")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def app_server_db(default_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database the browser tests' server uses (a copy of the default data)."""
    path = tmp_path_factory.mktemp("server") / "proportion.db"
    shutil.copy(default_db_template, path)
    return path


@contextlib.contextmanager
def serve_app(db_path: Path, home: Path, entry: Path = APP, cwd: Path | None = None) -> Iterator[str]:
    """Serve ``entry`` with `streamlit run` on ``db_path`` at a free loopback port; yield its address, then stop it.

    ``home`` holds the server's log; the server runs in ``cwd`` (default ``home``; the repository root reads its
    ``.streamlit/config.toml``).
    """
    port = _free_port()
    log_path = home / "server.log"
    log = open(log_path, "w+")  # noqa: SIM115 - closed below; a file, not an unread PIPE
    env = {**os.environ, "PROPORTION_DB": str(db_path), "PYTHONPATH": str(ROOT)}
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(entry),
        "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=cwd or home, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.2)
        else:
            log.seek(0)
            raise RuntimeError("streamlit did not start:\n" + log.read())
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def app_url(app_server_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve the real app with `streamlit run` on a free loopback port for the whole session."""
    with serve_app(app_server_db, tmp_path_factory.mktemp("streamlit"), cwd=ROOT) as url:
        yield url
