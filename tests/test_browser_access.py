"""Login in a real browser: passwords, role-gated URLs, and single sign-on through a local mock OIDC provider.

A second app server runs here with accounts and ``.streamlit/secrets.toml`` pointing ``st.login`` at
``oidc-provider-mock`` on loopback, so the whole OIDC redirect flow runs for real.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from audit.access import Role
from audit.accounts import add_user
from catalogue.store import open_db
from tests.conftest import ROOT, _free_port

pytestmark = pytest.mark.browser
WAIT = 45_000
PASSWORD = "correct horse battery"
KENT = "Kent Probation"
SERVER = ROOT / "proportion_server.py"  # what `proportion serve` runs: the app and its login-cookie route


def _wait_for(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"{url} did not start:\n{log.read_text()}")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def secured_db(default_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database of the secured app: the default data with a trust manager and a single sign-on reviewer."""
    db_path = tmp_path_factory.mktemp("secured") / "proportion.db"
    shutil.copy(default_db_template, db_path)
    db = open_db(db_path)
    add_user(db, "kent", PASSWORD, Role.TRUST_MANAGER, trust=KENT, name="Kim Kent")
    add_user(db, "rev", None, Role.MINISTRY_REVIEWER, email="rev@example.org", name="Rita Reviewer")
    db.conn.close()
    return db_path


@pytest.fixture(scope="module")
def secured_app(secured_db: Path) -> Iterator[str]:
    """The app with accounts (so a login is required) and single sign-on configured against a mock provider."""
    home = secured_db.parent
    db_path = secured_db

    idp_port, app_port = _free_port(), _free_port()
    idp_log = home / "idp.log"
    claims = '{"sub": "rev", "email": "rev@example.org", "name": "Rita Reviewer"}'
    idp = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--port", str(idp_port), "--user-claims", claims],
        stdout=idp_log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    _wait_for(f"http://127.0.0.1:{idp_port}/.well-known/openid-configuration", idp, idp_log)

    (home / ".streamlit").mkdir()
    (home / ".streamlit" / "secrets.toml").write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"\n'
        'cookie_secret = "a-test-cookie-secret-that-is-long-enough"\n'
        'client_id = "proportion"\n'
        'client_secret = "test-secret"\n'
        f'server_metadata_url = "http://127.0.0.1:{idp_port}/.well-known/openid-configuration"\n'
    )
    app_log = home / "app.log"
    env = {**os.environ, "PROPORTION_DB": str(db_path), "PYTHONPATH": str(ROOT)}
    app = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(SERVER), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(app_port),
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=home, env=env, stdout=app_log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    _wait_for(f"http://127.0.0.1:{app_port}/_stcore/health", app, app_log)
    yield f"http://127.0.0.1:{app_port}"
    _stop(app)
    _stop(idp)


def _shot(page: Page, output_path: str, name: str) -> None:
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=WAIT)
    page.wait_for_timeout(500)
    os.makedirs(output_path, exist_ok=True)
    page.screenshot(path=str(Path(output_path) / f"{name}.png"), full_page=True)


def _password_login(page: Page, url: str, username: str, password: str = PASSWORD) -> None:
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto(url)
    expect(page.get_by_role("heading", name="Proportion")).to_be_visible(timeout=WAIT)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Log in", exact=True).click()


def expect_signed_in(page: Page, name: str) -> None:
    """Wait until the sidebar says who is signed in and a page has drawn its title."""
    expect(page.get_by_test_id("stSidebar").get_by_text(f"Signed in as {name}")).to_be_visible(timeout=WAIT)
    expect(page.get_by_role("heading", level=1).first).to_be_visible(timeout=WAIT)


def test_password_login_then_refused_urls_stay_refused(page: Page, secured_app: str, output_path: str) -> None:
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto(f"{secured_app}/settings")  # before logging in, every URL shows the login
    expect(page.get_by_label("Username")).to_be_visible(timeout=WAIT)
    _password_login(page, secured_app, "kent", "wrong password here")
    expect(page.get_by_text("wrong username or password")).to_be_visible(timeout=WAIT)
    _shot(page, output_path, "login-refused")
    _password_login(page, secured_app, "kent")
    expect_signed_in(page, "Kim Kent")  # on the manager's home page (where a login lands is not this test's concern)
    expect(page.get_by_text("Trust manager")).to_be_visible()
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_text("Trust", exact=True)).to_be_visible()
    for hidden in ("Settings", "Review", "Import"):
        expect(nav.get_by_text(hidden, exact=True)).to_have_count(0)
    _shot(page, output_path, "trust-manager-overview")
    page.reload()  # the login survives a reload (a server-side session behind a cookie)
    expect_signed_in(page, "Kim Kent")
    for url_path, title in (("settings", "Settings"), ("review", "Review"), ("import", "Import directives")):
        page.goto(f"{secured_app}/{url_path}")
        expect(page.get_by_text("Page not found")).to_be_visible(timeout=WAIT)
        expect_signed_in(page, "Kim Kent")
        expect(page.get_by_role("heading", name=title, exact=True)).to_have_count(0)
    _shot(page, output_path, "refused-url")
    page.goto(f"{secured_app}/proposals")  # an allowed URL opens
    expect(page.get_by_role("heading", name="Proposals", exact=True)).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_label("Username")).to_be_visible(timeout=WAIT)
    page.goto(f"{secured_app}/trust")  # logged out: the cookie no longer opens anything
    expect(page.get_by_label("Username")).to_be_visible(timeout=WAIT)


def test_a_link_opened_before_logging_in_opens_after_it(page: Page, secured_app: str) -> None:
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto(f"{secured_app}/catalogue")  # a bookmarked page: the login form, usable, at that address
    expect(page.get_by_label("Username")).to_be_editable(timeout=WAIT)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    page.get_by_label("Username").fill("kent")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("heading", name="Catalogue", exact=True)).to_be_visible(timeout=WAIT)
    assert "/catalogue" in page.url


def test_single_sign_on_through_the_mock_provider(page: Page, secured_app: str, output_path: str) -> None:
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto(secured_app)
    page.get_by_role("button", name="Log in with single sign-on").click()
    # The mock provider's page: choose the predefined user.
    page.get_by_role("button", name="rev", exact=True).click()
    expect_signed_in(page, "Rita Reviewer")
    expect(page.get_by_text("Ministry reviewer")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav").get_by_text("Review", exact=True)).to_be_visible()
    _shot(page, output_path, "sso-reviewer")
