"""Robust numbers: zero volumes and zero totals compute, non-finite inputs are refused, and JSON is always JSON."""

from __future__ import annotations

import csv
import json
import math
import re

import pytest
from pydantic import ValidationError

from catalogue.models import Figure, Provenance, StaffGrade
from catalogue.store import open_db, save_catalogue
from proportion.cli import main
from tests.audit_fixtures import CITED, two_trust_catalogue


def _strict_json(text: str):
    """Parse ``text`` as standard JSON: NaN and Infinity are not JSON, so they fail here."""

    def refuse(constant: str):
        raise ValueError(f"{constant} is not valid JSON")

    return json.loads(text, parse_constant=refuse)


def _db_with(tmp_path, catalogue) -> str:
    path = tmp_path / "robust.db"
    db = open_db(path)
    save_catalogue(db, catalogue)
    db.conn.close()
    return str(path)


def _zero_caseload_catalogue():
    cat = two_trust_catalogue()
    first = cat.trusts[0]
    cat.trusts[0] = first.model_copy(update={"caseload": Figure(value=0, provenance=CITED)})
    return cat


@pytest.fixture(autouse=True)
def _local_admin(monkeypatch):
    monkeypatch.delenv("PROPORTION_USER", raising=False)


def test_a_trust_with_no_caseload_audits_without_a_traceback(tmp_path, capsys):
    path = _db_with(tmp_path, _zero_caseload_catalogue())
    assert main(["audit", "--db", path]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert main(["audit", "--db", path, "--json"]) == 0
    payload = _strict_json(capsys.readouterr().out)
    zero = next(t for t in payload["trusts"] if t["caseload"] == 0)
    assert zero["hours_per_offender"] is None  # a share of nothing is no figure, never NaN


def test_an_audit_with_nothing_in_force_is_valid_json(tmp_path, capsys):
    cat = two_trust_catalogue()
    cat.requirements = []
    cat.relevance_scores = []
    cat.local_measurements = []
    path = _db_with(tmp_path, cat)
    assert main(["audit", "--db", path, "--json"]) == 0
    payload = _strict_json(capsys.readouterr().out)
    assert payload["national"]["hours"]["central"] == 0


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_non_finite_figures_are_refused_by_the_models(value):
    with pytest.raises(ValidationError):
        Figure(value=value, provenance=CITED)
    with pytest.raises(ValidationError):
        StaffGrade(
            code="po",
            name="PO",
            annual_salary_gbp=value,
            on_cost_pct=0,
            productive_hours_per_year=1500,
            provenance=Provenance.estimate("test"),
        )


@pytest.mark.parametrize("text", ["inf", "Infinity", "nan", "-inf"])
def test_an_import_with_a_non_finite_caseload_names_the_row_and_column_and_writes_nothing(tmp_path, capsys, text):
    source = tmp_path / "p.db"
    assert main(["init", "--db", str(source)]) == 0
    folder = tmp_path / "csv"
    assert main(["export", "--format", "csv", "--out", str(folder), "--db", str(source)]) == 0
    rows = list(csv.DictReader((folder / "trusts.csv").open(newline="")))
    rows[2]["caseload__value"] = text
    with (folder / "trusts.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    target = tmp_path / "empty.db"
    assert main(["init", "--empty", "--db", str(target)]) == 0
    capsys.readouterr()
    assert main(["import", str(folder), "--db", str(target)]) == 1
    err = capsys.readouterr().err
    assert "trusts" in err and "row 4" in err and "caseload" in err
    assert "Traceback" not in err
    db = open_db(target)
    assert db["trusts"].count == 0


def test_the_trust_report_of_a_trust_with_no_caseload_says_it_is_not_ranked(tmp_path, capsys):
    cat = _zero_caseload_catalogue()
    path = _db_with(tmp_path, cat)
    out = tmp_path / "trust.html"
    assert (
        main(["report", "trust", "--trust", cat.trusts[0].name, "--format", "html", "--out", str(out), "--db", path])
        == 0
    )
    text = out.read_text()
    assert "not ranked" in text
    assert "nan" not in re.sub(r"<[^>]+>", " ", text).lower().split()


@pytest.fixture
def zero_caseload_app(tmp_path, monkeypatch):
    import streamlit as st
    from streamlit import config

    path = _db_with(tmp_path, _zero_caseload_catalogue())
    monkeypatch.setenv("PROPORTION_DB", path)
    address = config.get_option("server.address")
    config.set_option("server.address", "127.0.0.1")
    st.cache_data.clear()
    yield path
    st.cache_data.clear()
    config.set_option("server.address", address)


@pytest.mark.parametrize("page", ["overview.py", "trust_page.py", "proposals_page.py", "scenarios_page.py"])
def test_pages_render_for_a_catalogue_with_a_trust_of_no_caseload(zero_caseload_app, page):
    from streamlit.testing.v1 import AppTest

    from tests.test_app_pages import APP

    at = AppTest.from_file(APP, default_timeout=60)
    if page == "trust_page.py":
        at.query_params["trust"] = _zero_caseload_catalogue().trusts[0].name
    at.run()
    at.switch_page(f"app_pages/{page}").run()
    assert not at.exception, at.exception
    shown = " ".join(m.value for m in at.metric)
    assert "nan" not in shown.lower().split()


def test_a_share_of_a_zero_total_reads_no_burden(tmp_path, capsys):
    cat = two_trust_catalogue()
    cat.requirements = []
    cat.relevance_scores = []
    cat.local_measurements = []
    path = _db_with(tmp_path, cat)
    assert main(["audit", "--db", path]) == 0
    out = capsys.readouterr().out
    assert "0% of hours" not in out
    assert "top 10 requirements: no burden" in out
    assert main(["audit", "--db", path, "--json"]) == 0
    assert _strict_json(capsys.readouterr().out)["national"]["top10_share"] == 0  # as documented: 0, not NaN


def test_the_one_share_rule_reads_no_burden_for_a_share_of_nothing():
    from reports.formatting import NO_BURDEN, share

    assert share(0.0, 0.0, 0) == NO_BURDEN == "no burden"
    assert share(None, None) == NO_BURDEN
    assert share(0.25, 100.0, 0) == "25%"
    assert share(0.0, 100.0, 0) == "0%"  # a real share of a real total stays a figure


def test_the_national_report_of_nothing_in_force_says_no_burden_for_the_top_requirements():
    import datetime as dt

    from audit.policy import Policy
    from reports import builders

    cat = two_trust_catalogue()  # requirements in force that take no time: a zero total
    zero = {"minutes_low": 0, "minutes_central": 0, "minutes_high": 0}
    cat.requirements = [r.model_copy(update=zero) for r in cat.requirements]
    cat.local_measurements = []
    report = builders.national_report(builders.prepare(cat, Policy(), dt.date(2026, 11, 24)))
    top = next(k for k in report.key_figures if k.label.startswith("Top "))
    assert top.value == "no burden"


def test_the_proposals_report_of_a_zero_burden_says_no_burden_for_its_share():
    import datetime as dt

    from audit.policy import Policy
    from audit.scenarios import Scenario
    from reports import builders

    cat = two_trust_catalogue()
    zero = {"minutes_low": 0, "minutes_central": 0, "minutes_high": 0}
    cat.requirements = [r.model_copy(update=zero) for r in cat.requirements]
    cat.local_measurements = []
    ctx = builders.prepare(cat, Policy(), dt.date(2026, 11, 24))
    scenario = Scenario("Spring", "First pass.", "ann", "2026-11-01", {"remove:R2": "accepted"})
    report = builders.proposals_report(ctx, scenario, [])
    share = next(k for k in report.key_figures if k.label == "Share of the burden")
    assert share.value == "no burden"
