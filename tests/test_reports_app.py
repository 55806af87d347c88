"""The Reports page under AppTest: choose a report, generate it, and download the same bytes the library gives."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from audit.scenarios import create_scenario
from catalogue.store import open_db
from reports import formatting as fmt

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")


def _page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("app_pages/reports_page.py").run()
    assert not at.exception, at.exception
    return at


def test_reports_page_generates_a_trust_report(app_db: Path) -> None:
    at = _page()
    assert at.title[0].value == "Reports"
    at.radio(key="reports_kind").set_value("trust").run()
    trust = at.selectbox(key="reports_trust").options[2]
    at.selectbox(key="reports_trust").set_value(trust).run()
    at.selectbox(key="reports_format").set_value("html").run()
    at.button(key="reports_generate").click().run()
    assert not at.exception, at.exception
    labels = [e.proto.label for e in at.get("download_button")]
    assert labels and labels[0].startswith("Download trust-report-") and labels[0].endswith(".html")
    _, file_name, media, payload = at.session_state["reports_page_result"]
    assert media == "text/html" and file_name.endswith(".html")
    assert trust in payload.decode()


def test_reports_page_national_pdf_has_the_audit_total(app_db: Path) -> None:
    from audit.engine import run_audit
    from audit.policy import load_policy
    from catalogue.store import load_catalogue

    db = open_db(app_db)
    total = run_audit(load_catalogue(db), load_policy(db)).national["hours_central"]
    db.conn.close()
    at = _page()
    at.radio(key="reports_kind").set_value("national").run()
    at.selectbox(key="reports_format").set_value("pdf").run()
    at.button(key="reports_generate").click().run()
    assert not at.exception, at.exception
    _, file_name, _, payload = at.session_state["reports_page_result"]
    assert file_name == "national-report.pdf"
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(payload)).pages)
    assert fmt.hours(total) in text


def test_reports_page_asks_for_a_scenario_first(app_db: Path) -> None:
    at = _page()
    at.radio(key="reports_kind").set_value("proposals").run()
    assert any("no scenario yet" in i.value for i in at.info)
    db = open_db(app_db)
    create_scenario(db, "Spring", actor="ann")
    db.conn.close()
    at = _page()
    at.radio(key="reports_kind").set_value("proposals").run()
    assert at.selectbox(key="reports_scenario").value == "Spring"
    at.selectbox(key="reports_format").set_value("csv").run()
    at.button(key="reports_generate").click().run()
    assert not at.exception, at.exception
    _, file_name, media, payload = at.session_state["reports_page_result"]
    assert file_name == "proposals-report-spring.zip" and media == "application/zip"
    assert payload[:2] == b"PK"
