"""What the reports say of trusts' own figures: the flagged ones are listed, and hidden ones are not called absent."""

from __future__ import annotations

import datetime as dt

from audit_fixtures import two_trust_catalogue
from sqlite_utils import Database

from audit.access import Role, User, restrict_catalogue
from audit.engine import run_audit
from audit.policy import Policy
from audit.study_privacy import WITHHELD, withheld
from catalogue.models import LocalMeasurement
from reports import builders, documents
from reports.model import Bullets, Paragraph, Report

TODAY = dt.date(2026, 11, 24)


def _text(report: Report) -> str:
    parts = list(report.summary)
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                parts.append(block.text)
            elif isinstance(block, Bullets):
                parts.extend(block.items)
    return " ".join(parts)


def _with_slip():
    """The two-trust catalogue with A's slip: 999 minutes for R2, where the national figure is 120 (high 240)."""
    catalogue = two_trust_catalogue()
    slip = LocalMeasurement(
        trust="A", requirement="R2", minutes=999, comment="typed in a hurry", recorded_by="amy",
        recorded_on=dt.date(2026, 11, 20),
    )  # fmt: skip
    return catalogue.model_copy(update={"local_measurements": [*catalogue.local_measurements, slip]})


def test_the_national_report_lists_every_flagged_local_figure():
    report = builders.national_report(builders.prepare(_with_slip(), Policy(), TODAY))
    [table] = [t for t in report.tables() if t.key == "flagged_local_figures"]
    assert table.frame[["trust", "requirement", "figure", "value", "national"]].values.tolist() == [
        ["A", "R2", "Our minutes", 999, 120]
    ]
    assert "far from the national figures" in _text(report)
    html = documents.render(report, "html").decode()
    assert "typed in a hurry" in html and "999" in html


def test_the_national_report_says_when_no_local_figure_is_flagged():
    report = builders.national_report(builders.prepare(two_trust_catalogue(), Policy(), TODAY))
    assert not [t for t in report.tables() if t.key == "flagged_local_figures"]
    assert "No trust's own figure is far from the national figures" in _text(report)


def test_the_trust_report_flags_the_trusts_own_far_figures_only():
    ctx = builders.prepare(_with_slip(), Policy(), TODAY)
    a = builders.trust_report(ctx, "A")
    [table] = [t for t in a.tables() if t.key == "flagged_local_figures"]
    assert table.frame["requirement"].tolist() == ["R2"]
    assert "far from the national figures" in _text(a)
    b = builders.trust_report(ctx, "B")  # B's 12 minutes against the national 15 are plausible
    assert not [t for t in b.tables() if t.key == "flagged_local_figures"]


def _as_manager_of(trust: str, catalogue) -> builders.ReportContext:
    """The report context a trust manager of ``trust`` gets: other trusts' measurements hidden."""
    seen = restrict_catalogue(catalogue, trust)
    return builders.context_from(seen, run_audit(seen, Policy()), TODAY, local_scope=trust)


def test_a_trust_managers_report_on_another_trust_does_not_call_hidden_measurements_absent():
    ctx = _as_manager_of("A", two_trust_catalogue())  # B has a measurement that A's manager may not see
    text = _text(builders.trust_report(ctx, "B"))
    assert "has recorded no measurements" not in text
    assert "not visible to you" in text
    own = _text(builders.trust_report(ctx, "A"))  # A really has none: that may be said
    assert "A has recorded no measurements of its own" in own
    national = _text(builders.national_report(ctx))
    assert "not visible to you" in national


def test_a_report_for_everyone_says_nothing_of_visibility():
    ctx = builders.prepare(two_trust_catalogue(), Policy(), TODAY)
    assert "not visible" not in _text(builders.trust_report(ctx, "B"))
    assert "not visible" not in _text(builders.national_report(ctx))


def test_the_reports_page_tells_a_trust_manager_another_trusts_measurements_are_not_visible(app_db):
    """Through the app: Kent's manager asks for another trust's report, whose own measurements are hidden."""
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from audit.accounts import add_user
    from catalogue.store import load_catalogue, open_db, save_local_measurement

    db = open_db(app_db)
    cat = load_catalogue(db)
    kent, other = cat.trusts[0].name, cat.trusts[1].name
    first = cat.requirements[0]
    theirs = LocalMeasurement(
        trust=other, requirement=first.id, minutes=first.minutes_central, comment="their own",
        recorded_on=dt.date(2026, 11, 1),
    )  # fmt: skip
    save_local_measurement(db, theirs, actor="lee")
    add_user(db, "kim", "correct horse battery", "trust_manager", trust=kent)
    db.conn.close()
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "streamlit_app.py"), default_timeout=120)
    at.run()
    at.text_input(key="login-username").input("kim")
    at.text_input(key="login-password").input("correct horse battery")
    at.button(key="FormSubmitter:login-form-Log in").click().run()
    at.switch_page("app_pages/reports_page.py").run()
    at.radio(key="reports_kind").set_value("trust").run()
    at.selectbox(key="reports_trust").set_value(other).run()
    at.selectbox(key="reports_format").set_value("html").run()
    at.button(key="reports_generate").click().run()
    assert not at.exception, at.exception
    html = at.session_state["reports_page_result"][3].decode()
    assert "not visible to you" in html
    assert "has recorded no measurements" not in html


def test_a_national_users_trust_report_does_not_show_a_study_figure_of_fewer_than_five():
    """Outside its trust a study's figure is shown only over at least five participants, in the reports too."""
    catalogue = two_trust_catalogue()
    small = LocalMeasurement(
        trust="A", requirement="R2", minutes=130, minutes_low=110, minutes_high=150, recorded_by="amy",
        comment='Local measurement: time study "May 2011" (study 1), 3 participants, 2-13 May 2011; 130.0 minutes '
        "each (n = 3, 95% interval 110.0-150.0)",
        recorded_on=dt.date(2026, 11, 20),
    )  # fmt: skip
    catalogue = catalogue.model_copy(update={"local_measurements": [*catalogue.local_measurements, small]})
    analyst = User("ana", Role.ASSOCIATION_ANALYST)
    hidden = withheld(Database(memory=True), analyst, catalogue.local_measurements)  # no study recorded: withheld
    ctx = builders.prepare(catalogue, Policy(), TODAY, withheld=frozenset(hidden))
    html = documents.render(builders.trust_report(ctx, "A"), "html").decode()
    assert "3 participants" not in html and "110.0-150.0" not in html and "130.0 minutes" not in html
    assert WITHHELD.split("; ")[1] in html  # the rule's sentence, where the figures would be
    assert "R2 (PC 02/2009, 26 hours)" not in html  # nor its hours among the heaviest three
    assert (
        'Remove: R2 — Offender managers must complete task R2.</td><td class="num">26 h' not in html
    )  # nor its saving
    # The trust's totals still use the figure: the same as in the report of a reader within the trust.
    own = builders.prepare(catalogue, Policy(), TODAY)
    assert ctx.result.by_trust.equals(own.result.by_trust)
    assert "110.0-150.0" in documents.render(builders.trust_report(own, "A"), "html").decode()


def test_a_trust_managers_national_report_from_the_command_line_keeps_other_trusts_figures_hidden(
    default_db_path, tmp_path
):
    from audit.accounts import add_user
    from catalogue.store import load_catalogue, open_db, save_local_measurement
    from proportion.cli import main

    db = open_db(default_db_path)
    cat = load_catalogue(db)
    kent, other = cat.trusts[0].name, cat.trusts[1].name
    first = cat.requirements[0]
    slip = LocalMeasurement(
        trust=other, requirement=first.id, minutes=first.minutes_high * 10 + 1, comment="a secret of theirs",
        recorded_on=dt.date(2026, 11, 1),
    )  # fmt: skip
    save_local_measurement(db, slip, actor="lee")
    add_user(db, "kim", "correct horse battery", "trust_manager", trust=kent)
    db.conn.close()
    out = tmp_path / "national.html"
    assert main(["--as", "kim", "report", "national", "--db", str(default_db_path), "--out", str(out)]) == 0
    html = out.read_text()
    assert "a secret of theirs" not in html
    assert "not visible to you" in html
    everyone = tmp_path / "everyone.html"
    assert main(["report", "national", "--db", str(default_db_path), "--out", str(everyone)]) == 0
    assert "a secret of theirs" in everyone.read_text()  # the administrator sees every flagged figure


def _small_study_and_a_national_user(path) -> str:
    """Record in the database at ``path`` an accepted study figure of 3 participants for the first trust's first
    requirement and add the association analyst "ana"; return that trust's name."""
    from audit.accounts import add_user
    from catalogue.store import load_catalogue, open_db, save_local_measurement

    db = open_db(path)
    cat = load_catalogue(db)
    trust, first = cat.trusts[0].name, cat.requirements[0]
    studied = LocalMeasurement(
        trust=trust, requirement=first.id, minutes=first.minutes_central + 1, minutes_low=first.minutes_central,
        minutes_high=first.minutes_central + 2, recorded_by="amy",
        comment='Local measurement: time study "May 2011" (study 9), 3 participants, 2-13 May 2011',
        recorded_on=dt.date(2026, 11, 20),
    )  # fmt: skip
    save_local_measurement(db, studied, actor="amy")
    add_user(db, "ana", "correct horse battery", "association_analyst")
    db.conn.close()
    return trust


def test_a_national_users_trust_report_from_the_command_line_withholds_a_small_studys_figure(default_db_path, tmp_path):
    from proportion.cli import main

    kent = _small_study_and_a_national_user(default_db_path)
    out = tmp_path / "trust.html"
    assert (
        main(["--as", "ana", "report", "trust", "--trust", kent, "--db", str(default_db_path), "--out", str(out)]) == 0
    )
    html = out.read_text()
    assert WITHHELD.split("; ")[1] in html
    assert "3 participants" not in html
    mine = tmp_path / "mine.html"  # the administrator holds the database itself and sees the figure
    assert main(["report", "trust", "--trust", kent, "--db", str(default_db_path), "--out", str(mine)]) == 0
    assert WITHHELD.split("; ")[1] not in mine.read_text()


def test_the_reports_page_withholds_a_small_studys_figure_from_a_signed_in_national_user(app_db) -> None:
    from streamlit.testing.v1 import AppTest

    kent = _small_study_and_a_national_user(app_db)
    at = AppTest.from_file("../streamlit_app.py", default_timeout=120)
    at.run()
    at.text_input(key="login-username").input("ana")
    at.text_input(key="login-password").input("correct horse battery")
    at.button(key="FormSubmitter:login-form-Log in").click().run()
    at.switch_page("app_pages/reports_page.py").run()
    at.radio(key="reports_kind").set_value("trust").run()
    at.selectbox(key="reports_trust").set_value(kent).run()
    at.selectbox(key="reports_format").set_value("html").run()
    at.button(key="reports_generate").click().run()
    assert not at.exception, at.exception
    html = at.session_state["reports_page_result"][3].decode()
    assert WITHHELD.split("; ")[1] in html
