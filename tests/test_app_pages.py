"""AppTest of every page on a private copy of the default data: renders, and key widgets drive the expected change."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from audit.access import LOCAL_ADMINISTRATOR, Role, User
from audit.engine import run_audit
from audit.policy import load_policy
from audit.proposals import ACTION_LABELS
from audit.review import decisions
from audit.scenarios import create_scenario, get_scenario
from catalogue.history import history_for
from catalogue.models import LocalMeasurement
from catalogue.store import get_directive, load_catalogue, open_db, save_local_measurement
from reports import formatting as fmt

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")
PAGES = [
    "overview.py",
    "trust_page.py",
    "catalogue_page.py",
    "relevance_page.py",
    "proposals_page.py",
    "scenarios_page.py",
    "review_page.py",
    "settings_page.py",
]


def start(page: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}").run()
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def all_markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(app_db: Path, page: str) -> None:
    at = start(page)
    assert at.title, f"{page} shows no title"
    assert not at.error, [e.value for e in at.error]


def titles(user: User) -> set[str]:
    from streamlit_app import page_specs

    return {title for specs in page_specs(user).values() for _, title, _, _ in specs}


def test_navigation_shows_each_role_only_the_pages_it_may_open() -> None:
    everything = {"Overview", "Trust", "Catalogue", "Relevance", "Proposals", "Scenarios", "Review", "Settings"}
    assert titles(LOCAL_ADMINISTRATOR) >= everything
    manager = titles(User("kim", Role.TRUST_MANAGER, trust="Kent Probation Trust"))
    assert {"Overview", "Trust"} <= manager
    assert not {"Review", "Settings"} & manager


def test_overview_shows_the_national_figures_of_the_audit(app_db: Path) -> None:
    db = open_db(app_db)
    result = run_audit(load_catalogue(db), load_policy(db))
    at = start()
    assert metric(at, "Requirements in force") == fmt.number(result.national["requirements"])
    assert metric(at, "Hours a year") == fmt.hours(result.national["hours_central"])
    assert metric(at, "Share of staff time") == fmt.percent(result.national["share_of_staff_time"])
    assert "estimate" in all_markdown(at)
    charts = at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")
    assert len(charts) >= 3


def test_choosing_a_trust_changes_the_metrics_and_the_url(app_db: Path) -> None:
    at = start("trust_page.py")
    first = metric(at, "Hours a year")
    names = at.selectbox(key="trust_choice").options
    at.selectbox(key="trust_choice").set_value(names[-1]).run()
    assert not at.exception
    assert metric(at, "Hours a year") != first
    assert at.query_params["trust"] == [names[-1]] or at.query_params["trust"] == names[-1]


def test_trust_in_the_url_is_selected(app_db: Path) -> None:
    name = load_catalogue(open_db(app_db)).trusts[3].name
    at = start("trust_page.py", trust=name)
    assert at.selectbox(key="trust_choice").value == name


def test_recording_a_local_measurement_recomputes_the_trust(app_db: Path) -> None:
    db = open_db(app_db)
    trust = load_catalogue(db).trusts[0].name
    at = start("trust_page.py", trust=trust)
    before = metric(at, "Hours a year")
    editor = at.data_editor[0]
    top = editor.value.iloc[0]
    key = at.session_state[f"measure_last_{trust}"]["key"]
    at.session_state[key] = {
        "edited_rows": {0: {"local_minutes": float(top["national_minutes"]) * 1.5, "comment": "timed"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.button(key="save_measurements").click().run()
    assert not at.exception
    assert metric(at, "Hours a year") != before
    saved = load_catalogue(open_db(app_db)).local_measurements
    assert [(m.trust, m.requirement, m.comment) for m in saved] == [(trust, top["requirement"], "timed")]
    assert "local measurement" in all_markdown(at)


def test_a_save_elsewhere_invalidates_the_cached_figures(app_db: Path) -> None:
    db = open_db(app_db)
    cat = load_catalogue(db)
    trust = cat.trusts[0].name
    at = start("trust_page.py", trust=trust)
    before = metric(at, "Hours a year")
    heaviest = run_audit(cat).table(trusts=[trust]).nlargest(1, "hours_central")["requirement"].iloc[0]
    save_local_measurement(
        db, LocalMeasurement(trust=trust, requirement=heaviest, minutes=0, recorded_on=dt.date(2026, 11, 24))
    )
    at.run()
    assert metric(at, "Hours a year") != before


def test_catalogue_search_filters_and_opens_a_requirement_with_provenance(app_db: Path) -> None:
    at = start("catalogue_page.py")

    def count() -> str:
        return next(c.value for c in at.caption if re.fullmatch(r"[\d,]+ of [\d,]+ requirements", c.value))

    total = count()
    at.text_input(key="cat_q").input("OASys").run()
    shown = count()
    assert shown != total
    options = at.selectbox(key="open_req").options
    assert options
    rid = options[0].split(" — ")[0]
    at.selectbox(key="open_req").set_value(rid).run()
    assert not at.exception
    text = all_markdown(at)
    assert "Every figure and where it comes from" in text
    assert ("estimate" in text) or ("sourced" in text)
    assert at.query_params["requirement"] in (rid, [rid])


def test_directive_in_the_url_opens_its_detail(app_db: Path) -> None:
    ref = load_catalogue(open_db(app_db)).directives[0].reference
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["directive"] = ref
    at.session_state["cat_view"] = "Directives"
    at.run()
    at.switch_page("app_pages/catalogue_page.py").run()
    assert any(ref in s.value for s in at.subheader)
    assert "Cancellation and supersession" in all_markdown(at)


def test_directive_form_shows_errors_inline_then_saves_with_history(app_db: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["cat_view"] = "Add or edit"
    at.run()
    at.switch_page("app_pages/catalogue_page.py").run()
    at.radio(key="edit_kind").set_value("Directive").run()
    at.text_input(key="df_➕ New_issued").input("2010-13-45")
    at.button(key="save_directive").click().run()
    shown = all_markdown(at)
    assert ":red[" in shown or "YYYY" in shown  # the bad date and the missing fields are reported under the fields
    assert not at.exception
    at.text_input(key="df_➕ New_ref").input("PI 99/2011")
    at.text_input(key="df_➕ New_title").input("A test instruction")
    at.text_input(key="df_➕ New_issued").input("2011-01-10")
    at.text_input(key="df_➕ New_reason").input("added in a test")
    at.button(key="save_directive").click().run()
    assert not at.exception
    db = open_db(app_db)
    assert get_directive(db, "PI 99/2011").title == "A test instruction"
    assert history_for(db, "directive", "PI 99/2011")[-1]["reason"] == "added in a test"


def test_relevance_change_needs_a_rationale_and_updates_the_composite(app_db: Path) -> None:
    at = start("relevance_page.py")
    rid = at.selectbox(key="rel_requirement").value
    before = metric(at, "Composite relevance")
    outcome = load_catalogue(open_db(app_db)).outcomes[0].key
    slider = at.select_slider(key=f"rel_{rid}_{outcome}")
    new = 0 if slider.value == 3 else 3
    slider.set_value(new)
    at.button(key="save_scores").click().run()
    assert ":red[give a rationale for this change]" in all_markdown(at)
    at.select_slider(key=f"rel_{rid}_{outcome}").set_value(new)
    at.text_input(key=f"rel_{rid}_{outcome}_why").input("checked against the instruction")
    at.button(key="save_scores").click().run()
    assert not at.exception
    assert metric(at, "Composite relevance") != before
    scores = [s for s in load_catalogue(open_db(app_db)).relevance_scores if s.requirement == rid]
    assert next(s for s in scores if s.outcome == outcome).score == new


def test_accepting_a_proposal_changes_the_scenario_savings(app_db: Path) -> None:
    at = start("scenarios_page.py")
    at.text_input(key="new_scenario_name").input("Quick wins")
    at.button(key="create_scenario").click().run()
    assert not at.exception
    assert at.selectbox(key="scenario_choice").value == "Quick wins"
    assert metric(at, "Hours saved a year") == "0 h"
    first = at.multiselect(key="scenario_pick_Quick wins").options[0]  # "#1 Remove: R2 — its text · £… a year"
    action, target = first.split(" — ")[0].split(" ", 1)[1].split(": ", 1)
    codes = {words: code for code, words in ACTION_LABELS.items()}
    at.multiselect(key="scenario_pick_Quick wins").set_value([f"{codes[action]}:{target.replace(' and ', '+')}"]).run()
    at.button(key="scenario-accepted").click().run()
    assert not at.exception
    assert metric(at, "Hours saved a year") != "0 h"
    assert metric(at, "Proposals accepted") == "1"
    assert get_scenario(open_db(app_db), "Quick wins").accepted


def test_proposals_page_filters_by_action_and_adds_to_a_scenario(app_db: Path) -> None:
    create_scenario(open_db(app_db), "Plan A", actor="test")
    at = start("proposals_page.py")
    at.multiselect(key="prop_actions").set_value(["remove"]).run()
    assert metric(at, "Proposals shown") != "0"
    chosen = at.selectbox(key="prop_open").value
    assert chosen.startswith("remove:")
    at.button(key="prop-Accept in scenario").click().run()
    assert not at.exception
    assert get_scenario(open_db(app_db), "Plan A").accepted == [chosen]


def test_review_needs_a_comment_to_reject_and_keeps_the_history(app_db: Path) -> None:
    at = start("review_page.py")
    pid = at.selectbox(key="review_proposal").value
    at.radio[0].set_value("reject")  # the decision and comment widgets are the proposal's own
    at.button(key="record_decision").click().run()
    assert any("needs one" in e.value for e in at.error)
    at.radio[0].set_value("reject")
    at.text_area[0].input("keeps victims informed")
    at.button(key="record_decision").click().run()
    assert not at.exception
    assert metric(at, "Reject") == "1"
    assert [(d.proposal_id, d.decision) for d in decisions(open_db(app_db))] == [(pid, "reject")]


def test_settings_change_recomputes_and_reset_restores(app_db: Path) -> None:
    at = start()
    cost = metric(at, "Cost a year")
    at.switch_page("app_pages/settings_page.py").run()
    at.number_input(key="set_overhead_rate").set_value(50.0)  # a percentage
    at.text_input(key="settings_reason").input("sensitivity test")
    at.button(key="save_settings").click().run()
    assert not at.exception
    assert load_policy(open_db(app_db)).overhead_rate == 0.5
    at.switch_page("app_pages/overview.py").run()
    assert metric(at, "Cost a year") != cost
    at.switch_page("app_pages/settings_page.py").run()
    at.text_input(key="settings_reset_reason").input("back to the defaults")
    at.button(key="settings_reset").click().run()
    at.switch_page("app_pages/overview.py").run()
    assert metric(at, "Cost a year") == cost


def test_a_measurement_saved_by_someone_else_meanwhile_is_not_overwritten(app_db: Path) -> None:
    """Two managers edit the same figure: the second save is set aside with the first one's values shown, and
    can be reapplied on purpose."""
    db = open_db(app_db)
    trust = load_catalogue(db).trusts[0].name
    at = start("trust_page.py", trust=trust)
    top = at.data_editor[0].value.iloc[0]
    rid = top["requirement"]
    key = at.session_state[f"measure_last_{trust}"]["key"]
    # Someone else saves a measurement for the same requirement after this page was drawn.
    save_local_measurement(
        db, LocalMeasurement(trust=trust, requirement=rid, minutes=7, comment="theirs", recorded_by="other",
                             recorded_on=dt.date(2026, 11, 24)), actor="other"
    )  # fmt: skip
    at.session_state[key] = {"edited_rows": {0: {"local_minutes": 55.0, "comment": "mine"}}, "added_rows": [],
                             "deleted_rows": []}  # fmt: skip
    at.run()
    assert not at.exception
    [stored] = load_catalogue(open_db(app_db)).local_measurements
    assert (stored.minutes, stored.comment) == (7, "theirs")  # nothing lost, nothing silently overwritten
    assert any("set aside" in w.value for w in at.warning)
    at.button(key="measure_reapply").click().run()
    assert not at.exception
    [stored] = load_catalogue(open_db(app_db)).local_measurements
    assert (stored.minutes, stored.comment) == (55, "mine")
    assert [h["actor"] for h in history_for(open_db(app_db), "local_measurement", f"{trust} / {rid}")] == [
        "other",
        "Local administrator",
    ]


def test_a_save_for_another_trust_leaves_unsaved_edits_alone(app_db: Path) -> None:
    db = open_db(app_db)
    cat = load_catalogue(db)
    trust, other = cat.trusts[0].name, cat.trusts[1].name
    at = start("trust_page.py", trust=trust)
    key = at.session_state[f"measure_last_{trust}"]["key"]
    at.session_state[key] = {"edited_rows": {0: {"local_minutes": 42.0}}, "added_rows": [], "deleted_rows": []}
    save_local_measurement(
        db, LocalMeasurement(trust=other, requirement=cat.requirements[0].id, minutes=3,
                             recorded_on=dt.date(2026, 11, 24)), actor="elsewhere"
    )  # fmt: skip
    at.run()
    assert at.session_state[f"measure_last_{trust}"]["key"] == key
    assert not any("set aside" in w.value for w in at.warning)
    assert at.button(key="save_measurements").label == "Save 1 measurement(s)"


def _edit_directive(at: AppTest, ref: str, title: str, reason: str) -> None:
    at.selectbox(key="edit_dir_target").set_value(ref).run()
    at.text_input(key=f"df_{ref}_title").input(title)
    at.text_input(key=f"df_{ref}_reason").input(reason)
    at.button(key="save_directive").click().run()


def test_editing_a_directive_twice_works_and_a_stale_save_shows_the_other_change(app_db: Path) -> None:
    from catalogue.store import upsert_directive

    db = open_db(app_db)
    ref = load_catalogue(db).directives[0].reference
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["cat_view"] = "Add or edit"
    at.run()
    at.switch_page("app_pages/catalogue_page.py").run()
    at.radio(key="edit_kind").set_value("Directive").run()
    _edit_directive(at, ref, "First title", "first edit")
    _edit_directive(at, ref, "Second title", "second edit")  # one's own save is not someone else's change
    assert not at.error and get_directive(db, ref).title == "Second title"
    # Someone else saves meanwhile: this form's save is refused, with their value shown.
    upsert_directive(db, get_directive(db, ref).model_copy(update={"title": "Their title"}), actor="other")
    _edit_directive(at, ref, "My title", "third edit")
    assert "changed by someone else" in at.error[0].value
    assert "Their title" in at.dataframe[-1].value.to_string()
    assert get_directive(db, ref).title == "Their title"
    at.button(key="save_directive").click().run()  # saving again applies mine over theirs, on purpose
    assert not at.error and get_directive(db, ref).title == "My title"
