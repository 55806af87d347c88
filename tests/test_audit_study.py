"""Time-recording studies: set-up, recording, the offline template, results with intervals, and acceptance into
a trust's local measurements; every rule checked against hand-worked examples and the role matrix."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from audit.access import AccessDenied, Role, User
from audit.accounts import AccountError, add_user
from audit.engine import run_audit
from audit.study import (
    DayEntry,
    StudyNotFound,
    StudyProblems,
    create_study,
    entries,
    get_study,
    period_text,
    record_day,
    recording_studies,
    studies_for,
    working_days,
)
from audit.study_results import (
    _ratio_se,
    accept_results,
    accepted_intervals,
    plan_accept,
    ratio_estimate,
    study_results,
)
from audit.study_template import import_template, template
from catalogue.history import history_for
from catalogue.models import LocalMeasurement
from catalogue.store import load_catalogue

START, END = dt.date(2011, 5, 2), dt.date(2011, 5, 13)  # two working weeks
MONDAY, TUESDAY = dt.date(2011, 5, 2), dt.date(2011, 5, 3)


@pytest.fixture
def setting(default_db):
    """The default data with a manager and two staff in the first trust, a manager in the second."""
    catalogue = load_catalogue(default_db)
    trust, other = catalogue.trusts[0].name, catalogue.trusts[1].name
    add_user(default_db, "manager", "correct horse battery", Role.TRUST_MANAGER, trust=trust)
    add_user(default_db, "sam", "correct horse battery", Role.TRUST_STAFF, trust=trust, name="Sam Smith")
    add_user(default_db, "kim", "correct horse battery", Role.TRUST_STAFF, trust=trust)
    add_user(default_db, "elsewhere", "correct horse battery", Role.TRUST_MANAGER, trust=other)
    add_user(default_db, "outsider", "correct horse battery", Role.TRUST_STAFF, trust=other)
    result = run_audit(catalogue)
    return {
        "db": default_db,
        "trust": trust,
        "other": other,
        "result": result,
        "measure": result.measure_first_by_trust[trust][:3],
        "manager": User("manager", Role.TRUST_MANAGER, trust=trust),
        "sam": User("sam", Role.TRUST_STAFF, trust=trust, name="Sam Smith"),
        "kim": User("kim", Role.TRUST_STAFF, trust=trust),
        "elsewhere": User("elsewhere", Role.TRUST_MANAGER, trust=other),
        "outsider": User("outsider", Role.TRUST_STAFF, trust=other),
        "analyst": User("ana", Role.ASSOCIATION_ANALYST),
    }


def make_study(s, **extra):
    args = {
        "trust": s["trust"],
        "title": "Recording May 2011",
        "starts": START,
        "ends": END,
        "requirements": s["measure"],
        "grades": ["po"],
        "accounts": ["sam", "kim"],
        "anonymous": 2,
    }
    return create_study(s["db"], s["manager"], **{**args, **extra})


# --- small rules, worked by hand ----------------------------------------------------------------------------


def test_working_days_and_the_period_in_words():
    assert len(working_days(START, END)) == 10
    assert working_days(dt.date(2011, 5, 7), dt.date(2011, 5, 8)) == []  # a weekend
    assert period_text(START, END) == "2-13 May 2011"
    assert period_text(dt.date(2011, 4, 28), dt.date(2011, 5, 6)) == "28 April - 6 May 2011"
    assert period_text(dt.date(2010, 12, 20), dt.date(2011, 1, 7)) == "20 December 2010 - 7 January 2011"


def test_the_ratio_and_its_standard_error_by_hand():
    # Three participants: 20 min / 2 times, 60 / 3, 40 / 5. Ratio of sums 120 / 10 = 12. Residuals 20 - 24 = -4,
    # 60 - 36 = 24, 40 - 60 = -20; squares 992; x 3/2 = 1488; sqrt = 38.5746; / 10 = 3.85746.
    estimate = ratio_estimate([20, 60, 40], [2, 3, 5])
    assert estimate.point == 12 and estimate.n == 3
    se = _ratio_se(np.array([20.0, 60, 40]), np.array([2.0, 3, 5]), np.array(12.0))
    assert float(se) == pytest.approx(3.85746, abs=1e-5)
    assert estimate.low is not None and estimate.high is not None
    assert 0 <= estimate.low < 12 < estimate.high


def test_too_few_participants_give_no_interval_and_equal_ratios_a_point():
    assert ratio_estimate([], []).point is None
    two = ratio_estimate([20, 60], [2, 3])
    assert (two.point, two.low, two.high, two.n) == (16.0, None, None, 2)
    same = ratio_estimate([10, 20, 30], [1, 2, 3])
    assert (same.point, same.low, same.high) == (10.0, 10.0, 10.0)
    # A participant who never did it tells nothing about the minutes each time.
    assert ratio_estimate([0, 20, 60, 40], [0, 2, 3, 5]) == ratio_estimate([20, 60, 40], [2, 3, 5])


def test_the_interval_covers_the_true_mean_in_93_to_97_percent_of_simulated_studies():
    """1,000 synthetic studies of 20 participants; each does it a Poisson number of times over ten days, and each
    time takes a gamma-distributed (skewed) 12 minutes on average. The true minutes per occurrence is 12."""
    rng = np.random.default_rng(7)
    covered = 0
    for repetition in range(1000):
        times = rng.poisson(rng.gamma(2.0, 7.5, size=20)).astype(float)
        times[times == 0] = 1
        minutes = np.array([rng.gamma(2.0, 6.0, size=int(t)).sum() for t in times])
        estimate = ratio_estimate(minutes, times, seed=repetition)
        covered += estimate.low <= 12 <= estimate.high
    assert 930 <= covered <= 970, covered


pairs = st.lists(
    st.tuples(st.integers(0, 50_000).map(lambda hundredths: hundredths / 100), st.integers(1, 40)),
    min_size=3,
    max_size=15,
)  # minutes as typed, to the hundredth, and the times done


@settings(max_examples=60, deadline=None)
@given(pairs, st.floats(0.1, 10))
def test_scaling_the_minutes_scales_the_estimate_and_its_interval(rows, factor):
    minutes, times = [m for m, _ in rows], [t for _, t in rows]
    base = ratio_estimate(minutes, times, resamples=400)
    scaled = ratio_estimate([m * factor for m in minutes], times, resamples=400)
    for a, b in ((base.point, scaled.point), (base.low, scaled.low), (base.high, scaled.high)):
        assert b == pytest.approx(a * factor, rel=1e-6, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(pairs)
def test_the_interval_is_ordered_not_negative_and_reproducible(rows):
    minutes, times = [m for m, _ in rows], [t for _, t in rows]
    estimate = ratio_estimate(minutes, times, resamples=400)
    assert estimate.low is not None and estimate.high is not None
    assert 0 <= estimate.low <= estimate.high
    assert ratio_estimate(minutes, times, resamples=400) == estimate


# --- setting up ----------------------------------------------------------------------------------------------


def test_a_manager_sets_up_a_study_of_the_measure_first_list_with_codes(setting):
    study = make_study(setting)
    assert study.requirements == tuple(setting["measure"]) and study.is_open
    assert [(p.code, p.username) for p in study.participants] == [
        ("P01", "sam"), ("P02", "kim"), ("P03", None), ("P04", None)
    ]  # fmt: skip
    assert studies_for(setting["db"], setting["manager"]) == [study]
    assert studies_for(setting["db"], setting["elsewhere"]) == []
    assert recording_studies(setting["db"], setting["sam"]) == [study]
    assert recording_studies(setting["db"], setting["outsider"]) == []
    assert len(history_for(setting["db"], "study", str(study.id))) == 1


def test_a_bad_study_is_refused_with_every_problem(setting):
    with pytest.raises(StudyProblems) as caught:
        make_study(
            setting, title=" ", starts=END, ends=START, requirements=["NO-SUCH"], grades=["nobody"],
            accounts=["manager", "outsider", "ghost"], anonymous=-1,
        )  # fmt: skip
    text = " ".join(caught.value.problems)
    for words in (
        "title", "ends before it starts", "no requirement NO-SUCH", "no staff grade nobody",
        "manager is not trust staff", "outsider is not trust staff", "no account ghost", "from 0 to 500",
    ):  # fmt: skip
        assert words in text, (words, text)
    assert setting["db"].execute("SELECT count(*) FROM studies").fetchone()[0] == 0


def test_only_the_trusts_own_manager_sets_up_its_studies(setting):
    for who in ("elsewhere", "sam", "analyst"):
        with pytest.raises(AccessDenied):
            create_study(
                setting["db"], setting[who], trust=setting["trust"], title="x", starts=START, ends=END,
                requirements=setting["measure"], anonymous=1,
            )  # fmt: skip


def test_trust_staff_accounts_need_a_trust(default_db):
    with pytest.raises(AccountError, match="needs --trust"):
        add_user(default_db, "nobody", "correct horse battery", Role.TRUST_STAFF)


# --- recording -----------------------------------------------------------------------------------------------


def test_a_participant_records_a_day_and_sees_only_their_own_entries(setting):
    study = make_study(setting)
    first, second = setting["measure"][:2]
    saved = record_day(
        setting["db"], setting["sam"], study.id, MONDAY,
        [DayEntry(first, "2", "30"), DayEntry(second, did_not_occur=True), DayEntry(setting["measure"][2])],
    )  # fmt: skip
    assert [(e.participant, e.requirement, e.occurrences, e.minutes) for e in saved] == [
        ("P01", first, 2, 30.0), ("P01", second, 0, 0.0)
    ]  # fmt: skip
    record_day(setting["db"], setting["sam"], study.id, MONDAY, [DayEntry(first, "3", "45")])  # a correction
    record_day(setting["db"], setting["kim"], study.id, MONDAY, [DayEntry(first, "1", "10")])
    mine = entries(setting["db"], setting["sam"], study.id)
    assert list(mine["participant"].unique()) == ["P01"]
    assert mine[mine["requirement"] == first][["occurrences", "minutes"]].values.tolist() == [[3, 45.0]]
    assert len(entries(setting["db"], setting["manager"], study.id)) == 3
    with pytest.raises(StudyNotFound):
        entries(setting["db"], setting["sam"], study.id, participant="P02")


def test_bad_figures_are_refused_whole_and_named(setting):
    study = make_study(setting)
    first, second, third = setting["measure"]
    with pytest.raises(StudyProblems) as caught:
        record_day(
            setting["db"], setting["sam"], study.id, MONDAY,
            [DayEntry(first, "two", "30"), DayEntry(second, "1", "-5"), DayEntry(third, "2", ""),
             DayEntry("NO-SUCH", "1", "1")],
        )  # fmt: skip
    assert caught.value.problems == [
        f"{first}: Times done: two is not a whole number.",
        f"{second}: Minutes: -5 is below zero.",
        f"{third}: Minutes: give the minutes it took in all (or tick 'did not occur').",
        "NO-SUCH is not one of the study's requirements.",
    ]
    with pytest.raises(StudyProblems, match="not a working day"):
        record_day(setting["db"], setting["sam"], study.id, dt.date(2011, 5, 7), [DayEntry(first, "1", "5")])
    assert entries(setting["db"], setting["manager"], study.id).empty


def test_no_one_outside_the_study_records_or_opens_it(setting):
    study = make_study(setting)
    for who in ("outsider", "elsewhere", "analyst"):
        with pytest.raises(StudyNotFound):
            get_study(setting["db"], setting[who], study.id)
        with pytest.raises((StudyNotFound, AccessDenied)):
            record_day(setting["db"], setting[who], study.id, MONDAY, [DayEntry(setting["measure"][0], "1", "5")])
    with pytest.raises(AccessDenied):  # the manager reads and accepts, but does not record as a participant
        record_day(setting["db"], setting["manager"], study.id, MONDAY, [DayEntry(setting["measure"][0], "1", "5")])


# --- results and acceptance ------------------------------------------------------------------------------------


def record_three(setting, study):
    """P01: 2 times in 30 min, then did not occur; P02: 1 in 20, then 3 in 40; P03 (template) 4 in 60, 0."""
    rid = setting["measure"][0]
    record_day(setting["db"], setting["sam"], study.id, MONDAY, [DayEntry(rid, "2", "30")])
    record_day(setting["db"], setting["sam"], study.id, TUESDAY, [DayEntry(rid, did_not_occur=True)])
    record_day(setting["db"], setting["kim"], study.id, MONDAY, [DayEntry(rid, "1", "20")])
    record_day(setting["db"], setting["kim"], study.id, TUESDAY, [DayEntry(rid, "3", "40")])
    book = load_workbook(io.BytesIO(template(setting["db"], setting["manager"], study.id, setting["result"].catalogue)))
    sheet = book["Recording"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "P03" and row[2].value == rid and row[1].value.date() in (MONDAY, TUESDAY):
            row[3].value, row[4].value = (4, 60) if row[1].value.date() == MONDAY else (0, None)
    out = io.BytesIO()
    book.save(out)
    import_template(setting["db"], setting["manager"], study.id, out.getvalue())
    return rid


def test_results_per_requirement_by_hand(setting):
    study = make_study(setting)
    rid = record_three(setting, study)
    _, frame = study_results(setting["db"], setting["manager"], study.id, setting["result"].catalogue)
    row = frame.set_index("requirement").loc[rid]
    # Minutes: (30 + 60 + 60) / (2 + 4 + 4) = 15 over 3 participants; times a day: 10 / 6 days.
    assert row["minutes_per_occurrence"] == 15 and row["participants_minutes"] == 3
    assert row["times_per_day"] == pytest.approx(10 / 6) and row["days_recorded"] == 6
    trust = next(t for t in setting["result"].catalogue.trusts if t.name == setting["trust"])
    assert row["occurrences_per_year"] == pytest.approx(10 / 6 * 220 * trust.staff_fte["po"])
    assert row["minutes_low"] <= 15 <= row["minutes_high"]
    assert row["national_minutes"] == next(r.minutes_central for r in setting["result"].catalogue.requirements
                                           if r.id == rid)  # fmt: skip
    assert frame.set_index("requirement").loc[setting["measure"][1], "participants_minutes"] == 0
    with pytest.raises(StudyNotFound):
        study_results(setting["db"], setting["elsewhere"], study.id, setting["result"].catalogue)


def test_a_bad_template_is_refused_whole_with_every_problem_by_sheet_row_and_column(setting):
    study = make_study(setting)
    book = load_workbook(io.BytesIO(template(setting["db"], setting["manager"], study.id, setting["result"].catalogue)))
    sheet = book["Recording"]
    sheet["D2"], sheet["E2"] = 1, -4
    sheet["D3"], sheet["E3"] = "lots", 5
    sheet["C4"], sheet["D4"], sheet["E4"] = "NO-SUCH", 1, 5
    sheet["B5"], sheet["D5"], sheet["E5"] = dt.datetime(2011, 6, 1), 1, 5
    sheet["D6"], sheet["E6"] = 2, 10  # a good row: still nothing is saved
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(StudyProblems) as caught:
        import_template(setting["db"], setting["manager"], study.id, out.getvalue())
    assert caught.value.problems == [
        "Sheet Recording, row 2, column Minutes (E): -4 is below zero.",
        "Sheet Recording, row 3, column Times done (D): lots is not a whole number.",
        "Sheet Recording, row 4, column Requirement (C): NO-SUCH is not one of the study's requirements.",
        "Sheet Recording, row 5, column Date (B): 01 June 2011 is not a working day of the study (2-13 May 2011).",
    ]
    assert entries(setting["db"], setting["manager"], study.id).empty
    with pytest.raises(StudyProblems, match="not an Excel workbook"):
        import_template(setting["db"], setting["manager"], study.id, b"not a workbook")


def test_the_template_names_participants_by_code_only(setting):
    study = make_study(setting)
    content = template(setting["db"], setting["manager"], study.id, setting["result"].catalogue)
    book = load_workbook(io.BytesIO(content))
    text = " ".join(str(c) for s in book.worksheets for row in s.iter_rows(values_only=True) for c in row if c)
    assert "P01" in text and "sam" not in text and "Sam Smith" not in text
    assert book["Recording"].max_row == 1 + 4 * 10 * 3  # participants x working days x requirements


def test_accepting_results_saves_local_measurements_with_the_study_as_provenance(setting):
    study = make_study(setting)
    rid = record_three(setting, study)
    plan = plan_accept(setting["db"], setting["manager"], study.id, setting["result"], [rid])
    saved = accept_results(
        setting["db"], setting["manager"], study.id, setting["result"], [rid],
        confirmed_key=plan.key, comment="timed by the study" if plan.needs_confirmation else "",
        today=dt.date(2011, 5, 20),
    )  # fmt: skip
    assert saved == [rid]
    [measurement] = [m for m in load_catalogue(setting["db"]).local_measurements if m.requirement == rid]
    assert measurement.trust == setting["trust"] and measurement.minutes == 15
    assert 'time study "Recording May 2011"' in measurement.comment
    assert "4 participants, 2-13 May 2011" in measurement.comment
    assert "95% interval" in measurement.comment and "n = 3" in measurement.comment
    intervals = accepted_intervals(setting["db"], setting["trust"])
    minutes = intervals[intervals["figure"] == "minutes"].iloc[0]
    assert minutes["value"] == 15 and minutes["low"] <= 15 <= minutes["high"] and minutes["sample_size"] == 3
    assert minutes["period"] == "2-13 May 2011"


def test_figures_far_from_the_national_need_a_confirmation_and_a_comment(setting):
    study = make_study(setting)
    rid = setting["measure"][0]
    national = next(r for r in setting["result"].catalogue.requirements if r.id == rid)
    far = national.minutes_high * 10
    for who in ("sam", "kim"):
        record_day(setting["db"], setting[who], study.id, MONDAY, [DayEntry(rid, "1", str(far))])
    plan = plan_accept(setting["db"], setting["manager"], study.id, setting["result"], [rid])
    assert plan.needs_confirmation
    with pytest.raises(StudyProblems, match="Confirm the figures far"):
        accept_results(setting["db"], setting["manager"], study.id, setting["result"], [rid])
    with pytest.raises(StudyProblems, match="Say why"):
        accept_results(setting["db"], setting["manager"], study.id, setting["result"], [rid], confirmed_key=plan.key)
    assert not [m for m in load_catalogue(setting["db"]).local_measurements if m.requirement == rid]
    accept_results(
        setting["db"], setting["manager"], study.id, setting["result"], [rid], confirmed_key=plan.key,
        comment="long cases this fortnight",
    )  # fmt: skip
    [m] = [m for m in load_catalogue(setting["db"]).local_measurements if m.requirement == rid]
    assert "long cases this fortnight" in m.comment


def test_an_accepted_figure_carries_the_studys_interval_into_the_catalogue_and_the_trusts_monte_carlo(setting):
    from audit.study import Entry, write_entries
    from audit.uncertainty import simulate
    from catalogue.store import record_local_figures

    study = make_study(setting)
    rid = setting["measure"][0]
    write_entries(setting["db"], setting["manager"], study, [  # four participants who differ: 12, 15, 19, 25 each
        Entry(code, day, rid, times, minutes)
        for code, times, minutes in (("P01", 2, 24), ("P02", 1, 15), ("P03", 2, 38), ("P04", 1, 25))
        for day in (MONDAY, TUESDAY)
    ])  # fmt: skip
    plan = plan_accept(setting["db"], setting["manager"], study.id, setting["result"], [rid])
    accept_results(setting["db"], setting["manager"], study.id, setting["result"], [rid], confirmed_key=plan.key,
                   comment="timed")  # fmt: skip
    catalogue = load_catalogue(setting["db"])
    [m] = [m for m in catalogue.local_measurements if m.requirement == rid]
    intervals = accepted_intervals(setting["db"], setting["trust"]).set_index("figure")
    assert (m.minutes_low, m.minutes_high) == (
        round(intervals.loc["minutes", "low"], 2),
        round(intervals.loc["minutes", "high"], 2),
    )
    assert m.minutes_low < m.minutes == round(204 / 12, 2) < m.minutes_high
    assert m.occurrences_per_year_low is not None and m.occurrences_per_year_low <= m.occurrences_per_year
    assert m.occurrences_per_year <= m.occurrences_per_year_high

    from audit.study_results import measured_in_studies

    [shown] = measured_in_studies(catalogue, setting["trust"]).to_dict(orient="records")
    assert shown["requirement"] == rid and shown["minutes_low"] == m.minutes_low
    assert (
        shown["source"] == 'Local measurement: time study "Recording May 2011" (study 1), 4 participants, 2-13 May 2011'
    )
    assert measured_in_studies(catalogue, setting["other"]).empty

    # The trust's Monte Carlo draws the measured minutes over the study's interval: with it the trust's range is
    # wider than with the same figure held fixed, and other trusts are untouched.
    with_interval = simulate(run_audit(catalogue).burden, draws=2000).by_trust.set_index("trust")
    fixed = catalogue.model_copy(update={"local_measurements": [
        x.model_copy(update={"minutes_low": None, "minutes_high": None}) for x in catalogue.local_measurements
    ]})  # fmt: skip
    without = simulate(run_audit(fixed).burden, draws=2000).by_trust.set_index("trust")
    spread = with_interval["hours_p95"] - with_interval["hours_p05"]
    assert spread[setting["trust"]] > (without["hours_p95"] - without["hours_p05"])[setting["trust"]]
    assert with_interval.loc[setting["other"]].equals(without.loc[setting["other"]])

    # A figure typed by hand afterwards is the trust's own, not the study's: its interval goes.
    record_local_figures(setting["db"], setting["trust"], rid, 18.0, None, "retimed", actor="manager")
    [m] = [m for m in load_catalogue(setting["db"]).local_measurements if m.requirement == rid]
    assert m.minutes == 18 and m.minutes_low is None and m.minutes_high is None


def test_an_interval_must_hold_its_figure():
    from pydantic import ValidationError

    from catalogue.models import LocalMeasurement

    base = {"trust": "T", "requirement": "R1", "minutes": 10.0, "recorded_on": dt.date(2011, 5, 20)}
    assert LocalMeasurement(**base, minutes_low=8.0, minutes_high=12.0).minutes_high == 12
    for bad in ({"minutes_low": 11.0, "minutes_high": 12.0}, {"minutes_low": 8.0},
                {"occurrences_per_year_low": 1.0, "occurrences_per_year_high": 2.0}):  # fmt: skip
        with pytest.raises(ValidationError):
            LocalMeasurement(**base, **bad)


def test_the_trust_report_shows_a_study_figure_with_its_interval(setting):
    from reports import builders

    study = make_study(setting)
    rid = setting["measure"][0]
    m = LocalMeasurement(
        trust=setting["trust"], requirement=rid, minutes=17.0, minutes_low=12.5, minutes_high=22.3,
        comment=f'Local measurement: time study "May" (study {study.id}), 4 participants, 2-13 May 2011; more',
        recorded_by="manager", recorded_on=dt.date(2011, 5, 20),
    )  # fmt: skip
    catalogue = setting["result"].catalogue.model_copy(update={"local_measurements": [m]})
    report = builders.trust_report(builders.prepare(catalogue, setting["result"].policy, dt.date(2011, 6, 1)),
                                   setting["trust"])  # fmt: skip
    [table] = [t for t in report.tables() if t.key == "local_measurements"]
    row = table.frame.set_index("requirement").loc[rid]
    assert row["own_minutes_interval"] == "12.5-22.3" and "time study" in row["source"]
    assert "own_minutes_interval" in [c.key for c in table.columns]


def test_a_save_while_the_database_is_held_says_so_and_writes_nothing(setting):
    """Many participants at once can hold SQLite's one writer past its wait: the save is refused in words."""
    import sqlite3

    study = make_study(setting)
    first = setting["measure"][0]
    db = setting["db"]
    path = db.execute("PRAGMA database_list").fetchone()[2]
    db.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(path)
    other.execute("BEGIN IMMEDIATE")  # another save holds the writer
    try:
        with pytest.raises(StudyProblems, match="busy with other people's saves; nothing was saved"):
            record_day(db, setting["sam"], study.id, MONDAY, [DayEntry(first, "2", "30")])
    finally:
        other.rollback()
        other.close()
    assert entries(db, setting["sam"], study.id).empty
    record_day(db, setting["sam"], study.id, MONDAY, [DayEntry(first, "2", "30")])  # saving again works
    assert len(entries(db, setting["sam"], study.id)) == 1
