"""The login cookie in a real browser: HttpOnly and SameSite=Strict, so page scripts cannot read the session token.

The server is the one `proportion serve` runs (``proportion_server.py``: Streamlit plus the route that sets the
cookie), with accounts, so a login is required.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from catalogue.store import open_db
from tests.test_browser_access import WAIT, _password_login, expect_signed_in, secured_app, secured_db

__all__ = ["secured_app", "secured_db"]  # the server with accounts (and its database), started once for this module
COOKIE = "proportion_session"


def _session_cookie(context: BrowserContext) -> dict | None:
    deadline = time.time() + 15
    while time.time() < deadline:
        found = [c for c in context.cookies() if c["name"] == COOKIE]
        if found:
            return dict(found[0])
        time.sleep(0.2)
    return None


@pytest.mark.browser
def test_the_session_cookie_is_http_only_strict_and_survives_a_reload(page: Page, secured_app: str) -> None:
    _password_login(page, secured_app, "kent")
    expect_signed_in(page, "Kim Kent")
    cookie = _session_cookie(page.context)
    assert cookie is not None, "the login set no session cookie"
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Strict"
    assert cookie["secure"] is False  # served over plain http on loopback; Secure is set when served over https
    assert cookie["path"] == "/"
    assert 7 * 3600 < cookie["expires"] - time.time() <= 8 * 3600 + 60  # no longer than a working day
    token = cookie["value"]
    assert COOKIE not in page.evaluate("document.cookie")
    assert token not in page.evaluate("document.cookie") and token not in page.content()

    page.reload()  # the login survives a reload, through the cookie alone
    expect_signed_in(page, "Kim Kent")
    second = page.context.new_page()  # and opens a second tab of the same browser
    second.goto(f"{secured_app}/trust")
    expect(second.get_by_role("heading", name="Trust burden")).to_be_visible(timeout=WAIT)
    second.close()

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_label("Username")).to_be_visible(timeout=WAIT)
    deadline = time.time() + 15
    while time.time() < deadline and any(c["name"] == COOKIE for c in page.context.cookies()):
        time.sleep(0.2)
    assert not any(c["name"] == COOKIE for c in page.context.cookies()), "logging out left the cookie behind"
    # A copy of the old cookie no longer opens anything: logging out ended the session on the server.
    page.context.add_cookies([{"name": COOKIE, "value": token, "url": secured_app}])
    page.goto(f"{secured_app}/trust")
    expect(page.get_by_label("Username")).to_be_visible(timeout=WAIT)
    expect(page.get_by_role("heading", name="Trust burden")).to_have_count(0)


def _age_sessions(db_path: Path, **age: float) -> None:
    """Make every open session look as if it began and was last used ``age`` ago (idle or absolute limit)."""
    then = (dt.datetime.now(dt.UTC) - dt.timedelta(**age)).isoformat()
    db = open_db(db_path)
    try:
        if "minutes" in age:
            db.execute("UPDATE sessions SET last_seen = ? WHERE ended = 0", [then])
        else:
            db.execute("UPDATE sessions SET created_at = ? WHERE ended = 0", [then])
        db.conn.commit()
    finally:
        db.conn.close()


@pytest.mark.browser
@pytest.mark.parametrize("age", [{"minutes": 31}, {"hours": 9}], ids=["idle", "working-day"])
def test_the_cookie_does_not_outlive_the_session_limits(
    page: Page, secured_app: str, secured_db: Path, age: dict[str, float]
) -> None:
    _password_login(page, secured_app, "kent")
    expect_signed_in(page, "Kim Kent")
    assert _session_cookie(page.context) is not None
    _age_sessions(secured_db, **age)
    page.reload()  # the browser still sends the cookie, but the server's session limit has passed
    expect(page.get_by_label("Username")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("Signed in as")).to_have_count(0)


def test_a_cookie_ticket_opens_once_and_only_while_fresh() -> None:
    from app_pages._session_routes import issue_ticket, redeem_ticket

    ticket = issue_ticket("the-token", now=1000.0)
    assert ticket != "the-token"
    assert redeem_ticket(ticket, now=1001.0) == "the-token"
    assert redeem_ticket(ticket, now=1001.0) is None  # single use
    late = issue_ticket("the-token", now=1000.0)
    assert redeem_ticket(late, now=1000.0 + 61) is None  # a minute at most
    assert redeem_ticket("made-up", now=1000.0) is None


def _client(base_url: str):
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from app_pages._session_routes import session_routes

    return TestClient(Starlette(routes=session_routes()), base_url=base_url)


def test_the_cookie_route_sets_http_only_strict_and_secure_over_https_and_refuses_other_sites(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app_pages import _session_routes
    from app_pages._session_routes import PATH, issue_ticket

    monkeypatch.setattr(_session_routes, "served", False)  # building the routes marks them served: undone after

    client = _client("https://proportion.example.org")
    origin = {"Origin": "https://proportion.example.org"}
    answer = client.post(PATH, json={"ticket": issue_ticket("tok-1")}, headers=origin)
    assert answer.status_code == 204
    header = answer.headers["set-cookie"]
    assert header.startswith("proportion_session=tok-1;")
    for part in ("HttpOnly", "SameSite=strict", "Secure", "Path=/", "Max-Age=28800"):
        assert part.lower() in header.lower(), (part, header)
    # Another site's page cannot spend a ticket, a spent ticket opens nothing, and nothing sets a cookie then.
    stolen = issue_ticket("tok-2")
    assert client.post(PATH, json={"ticket": stolen}, headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.post(PATH, json={"ticket": stolen}).status_code == 403  # no Origin: not a page of ours
    again = client.post(PATH, json={"ticket": "not-a-ticket"}, headers=origin)
    assert again.status_code == 400 and "set-cookie" not in again.headers
    assert client.post(PATH, content=b"\xff", headers=origin).status_code == 400
    removed = client.delete(PATH, headers=origin)
    assert removed.status_code == 204 and "max-age=0" in removed.headers["set-cookie"].lower()

    plain = _client("http://127.0.0.1:8501")
    answer = plain.post(PATH, json={"ticket": issue_ticket("tok-3")}, headers={"Origin": "http://127.0.0.1:8501"})
    assert answer.status_code == 204 and "secure" not in answer.headers["set-cookie"].lower()
