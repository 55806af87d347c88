"""The app's login and role gating: each role sees exactly its pages; refused URLs stay refused; trust managers
see only their own trust's local data; the login locks out; sessions expire; an open server without accounts
refuses to serve."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from audit.access import PAGES, Role, User, visible_pages
from audit.accounts import add_user
from catalogue.models import LocalMeasurement
from catalogue.store import open_db, save_local_measurement

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")
KENT = "Kent Probation"
LONDON = "London Probation Trust"
PASSWORD = "correct horse battery"
FILES = {
    "overview": "overview.py",
    "trust": "trust_page.py",
    "proposals": "proposals_page.py",
    "scenarios": "scenarios_page.py",
    "review": "review_page.py",
    "catalogue": "catalogue_page.py",
    "relevance": "relevance_page.py",
    "import": "import_page.py",
    "reports": "reports_page.py",
    "settings": "settings_page.py",
    "study": "study_page.py",
    "record": "record_page.py",
    "measured": "measured_page.py",
    "compare": "compare_page.py",
}
ROLE_USERS = {
    Role.ADMINISTRATOR: ("root", None),
    Role.CATALOGUE_EDITOR: ("ed", None),
    Role.TRUST_MANAGER: ("kent", KENT),
    Role.ASSOCIATION_ANALYST: ("ana", None),
    Role.MINISTRY_REVIEWER: ("rev", None),
    Role.TRUST_STAFF: ("staff", KENT),
}


@pytest.fixture
def accounts(app_db: Path) -> Path:
    db = open_db(app_db)
    for role, (name, trust) in ROLE_USERS.items():
        add_user(db, name, PASSWORD, role, trust=trust)
    db.conn.close()
    return app_db


def login(username: str, password: str = PASSWORD) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.text_input(key="login-username").input(username)
    at.text_input(key="login-password").input(password)
    at.button(key="FormSubmitter:login-form-Log in").click().run()
    return at


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def test_with_accounts_a_visitor_sees_only_the_login(accounts):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert titles(at) == ["Proportion"] and at.text_input(key="login-username")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/overview.py")  # no page but the login exists for a visitor


def test_a_wrong_password_is_refused_and_the_right_one_opens_the_overview(accounts):
    at = login("ana", "not the password")
    assert "wrong username or password" in at.error[0].value
    at = login("ana")
    assert not at.exception and not at.error
    assert at.metric, "the overview's figures are shown after login"
    assert any("Association analyst" in c.value for c in at.sidebar.caption)


def test_five_failures_lock_the_login(accounts):
    for attempt in range(5):
        at = login("rev", f"guess {attempt}")
    assert "locked" in at.error[0].value
    at = login("rev")
    assert "too many failed attempts" in at.error[0].value


@pytest.mark.parametrize("role", list(Role))
def test_each_role_can_open_its_pages_and_no_others(accounts, role):
    username, trust = ROLE_USERS[role]
    user = User(username, role, trust=trust)
    allowed = set(visible_pages(user))
    at = login(username)
    for page, file in FILES.items():
        if page in allowed:
            at.switch_page(f"app_pages/{file}").run()
            assert not at.exception and at.title, (role, page, at.exception)
        else:
            # The navigation holds only the pages the role may use: the others do not exist for this user.
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(f"app_pages/{file}")
    assert allowed <= set(PAGES)


def test_a_trust_manager_never_sees_another_trusts_local_data(accounts):
    db = open_db(accounts)
    requirement = db.execute("SELECT id FROM requirements LIMIT 1").fetchone()[0]
    save_local_measurement(
        db, LocalMeasurement(trust=LONDON, requirement=requirement, minutes=1, comment="london secret",
                             recorded_on=dt.date(2026, 11, 1)), actor="lon"
    )  # fmt: skip
    db.conn.close()
    at = login("kent")
    at.switch_page("app_pages/trust_page.py").run()
    assert at.selectbox(key="trust_choice").value == KENT  # a trust manager starts at their own trust
    at.selectbox(key="trust_choice").set_value(LONDON).run()
    text = " ".join(m.value for m in at.markdown) + " ".join(str(d.value) for d in at.dataframe)
    assert "london secret" not in text
    assert not at.data_editor, "no measurement editor for another trust"
    at.selectbox(key="trust_choice").set_value(KENT).run()
    assert at.data_editor, "a trust manager records their own trust's measurements"


def test_an_expired_session_must_log_in_again(accounts):
    at = login("ana")
    assert at.metric
    stale = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat()
    db = open_db(accounts)
    db.execute("UPDATE sessions SET last_seen = ?", [stale])
    db.conn.commit()
    at.run()
    assert at.text_input(key="login-username")
    assert "expired" in at.info[0].value


def test_logging_out_ends_the_session_for_good(accounts):
    at = login("ana")
    token = at.session_state["auth_token"]
    at.sidebar.button(key="logout").click().run()
    assert at.text_input(key="login-username")
    db = open_db(accounts)
    assert db.execute("SELECT ended FROM sessions").fetchone()[0] == 1
    from audit.accounts import resume_session

    assert resume_session(db, token) is None


def test_an_open_server_without_accounts_refuses(app_db):
    config.set_option("server.address", "0.0.0.0")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert "no accounts" in at.error[0].value and not at.metric


def test_local_mode_on_loopback_shows_the_banner(app_db):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert any("Local mode" in w.value for w in at.sidebar.warning)
    assert at.metric
