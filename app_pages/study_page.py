"""Time studies: a trust manager sets up a time-recording study, follows it, uploads templates, and accepts the
results into the trust's own measurements. The rules live in audit.study, audit.study_template and
audit.study_results; this page reads widgets, calls them and shows what they return."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app_pages import _cache, _state, _ui
from audit import study as studies
from audit.access import AccessDenied
from audit.study_results import accept_results, method_text, plan_accept, study_results
from audit.study_template import import_template, template
from reports import formatting as fmt
from reports.study_charts import minutes_chart

data = _cache.load()
user = _state.current_user()
catalogue = _cache.catalogue(data)
result = _cache.audit(data)

st.title("Time studies")
st.caption(
    "Measure what the trust's requirements take instead of relying on national estimates: staff record, for each "
    "working day, how many times they did each requirement and the minutes it took."
)
_state.show_flash()

names = [t.name for t in catalogue.trusts]
trust = user.trust or st.selectbox("Trust", names, key="study_trust")  # a trust manager works for their own
if trust is None:
    st.info("The catalogue has no trusts yet: load the default data with `proportion init`.")
    st.stop()


def show_problems(problems: list[str]) -> None:
    st.error("Nothing was saved:\n\n" + "\n".join(f"- {p}" for p in problems), icon=":material/error:")


requirement_text = {r.id: r.text for r in catalogue.requirements}


def requirement_label(rid: str) -> str:
    text = requirement_text.get(rid, "")
    return f"{rid} ({text[:60]}…)" if len(text) > 60 else f"{rid} ({text})"


with st.expander("Set up a new study", expanded=not studies.studies_for(data.db, user)):
    measure_first = result.measure_first_by_trust.get(trust, [])
    try:
        staff = studies.staff_accounts(data.db, user, trust)
    except AccessDenied as denied:
        st.error(str(denied))
        st.stop()
    with st.form("new_study"):
        title = st.text_input("Title", placeholder="Time study, May 2011", key="study_title")
        today = dt.date.today()
        c1, c2 = st.columns(2)
        earliest, latest = dt.date(2000, 1, 1), today + dt.timedelta(days=3 * 366)  # the audit covers 2010-2014
        starts = c1.date_input(
            "First day", value=today, min_value=earliest, max_value=latest, key="study_starts", format="DD/MM/YYYY"
        )
        ends = c2.date_input(
            "Last day", value=today + dt.timedelta(days=11), min_value=earliest, max_value=latest, key="study_ends",
            format="DD/MM/YYYY",
        )  # fmt: skip
        chosen = st.multiselect(
            "Requirements to measure",
            sorted(requirement_text),
            default=[r for r in measure_first if r in requirement_text],
            format_func=requirement_label,
            key="study_requirements",
            help="Starts at the trust's 'measure these first' list: the estimates whose uncertainty costs it most.",
        )
        grades = st.multiselect(
            "Grades taking part",
            [g.code for g in catalogue.staff_grades],
            format_func=lambda code: next(g.name for g in catalogue.staff_grades if g.code == code),
            key="study_grades",
            help="Their staff numbers scale a day's count up to the trust's year (none: each requirement's grade).",
        )
        accounts = st.multiselect("Trust staff who record in the app", staff, key="study_accounts")
        if not staff:  # accounts are made by an administrator; say how, so the manager is not left looking
            st.info(
                f"{trust} has no trust staff accounts yet. An administrator adds each one with "
                f'`proportion users add USERNAME --role trust-staff --trust "{trust}"`; meanwhile, add '
                "participants with a code only, who fill in the offline template.",
                icon=":material/person_add:",
            )
        anonymous = st.number_input(
            "Participants with a code only (they fill in the template)", 0, 500, 0, key="study_anonymous"
        )
        days = st.number_input(
            "Working days a year of a full-time participant", 1.0, 366.0, studies.WORKING_DAYS_PER_YEAR, 1.0,
            key="study_days",
        )  # fmt: skip
        if st.form_submit_button("Set up the study", type="primary"):
            try:
                made = studies.create_study(
                    data.db, user, trust=trust, title=title, starts=starts, ends=ends, requirements=chosen,
                    grades=grades, accounts=accounts, anonymous=int(anonymous), working_days_per_year=float(days),
                )  # fmt: skip
            except studies.StudyProblems as problems:
                show_problems(problems.problems)
            else:
                _state.flash(f"Study {made.id} set up with {len(made.participants)} participants ({made.period}).")
                st.session_state["study_choice"] = made.id
                st.rerun()

own = studies.studies_for(data.db, user)
own = [s for s in own if s.trust == trust]
if not own:
    st.info(f"{trust} has no time study yet.")
    st.stop()

by_id = {s.id: s for s in own}
if st.session_state.get("study_choice") not in by_id:
    st.session_state["study_choice"] = own[0].id
study_id = st.selectbox(
    "Study", list(by_id), format_func=lambda i: f"{by_id[i].label} · {by_id[i].status}", key="study_choice"
)
study = by_id[study_id]

st.subheader("Participants")
progress = studies.progress(data.db, user, study.id)
st.dataframe(
    progress.rename(
        columns={
            "participant": "Participant",
            "records": "Records",
            "days_recorded": "Days recorded",
            "working_days": "Working days",
        }
    ),
    hide_index=True,
    width="stretch",
)
st.caption("Participants appear by code everywhere, in the results and in every download.")

st.subheader("Offline template")
st.download_button(
    "Download the template (XLSX)",
    template(data.db, user, study.id, catalogue),
    file_name=f"time-study-{study.id}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    key="study_template",
)
upload = st.file_uploader("Upload a filled template", type=["xlsx"], key=f"study_upload_{study.id}")
if upload is not None and st.button("Add the template's entries", key="study_import"):
    try:
        added = import_template(data.db, user, study.id, upload.getvalue())
    except studies.StudyProblems as problems:
        show_problems(problems.problems)
    else:
        _state.flash(f"Added {len(added)} entries from the template.")
        st.rerun()

st.subheader("Results")
_, frame = study_results(data.db, user, study.id, catalogue)
shown = pd.DataFrame(
    {
        "Requirement": frame["requirement"],
        "Minutes each (study)": frame["minutes_per_occurrence"].round(1),
        "95% interval": [
            "" if pd.isna(lo) else f"{lo:,.1f}-{hi:,.1f}"
            for lo, hi in zip(frame["minutes_low"], frame["minutes_high"], strict=True)
        ],
        "Participants": frame["participants_minutes"],
        "Minutes each (national)": frame["national_minutes"],
        "Times a year (study)": frame["occurrences_per_year"].round(0),
        "Times a year 95% interval": [
            "" if pd.isna(lo) else f"{fmt.number(lo)}-{fmt.number(hi)}"
            for lo, hi in zip(frame["occurrences_per_year_low"], frame["occurrences_per_year_high"], strict=True)
        ],
        "Per driver unit (study)": frame["per_unit"].round(3),
        "Per driver unit (national)": frame["national_per_unit"],
        "Days recorded": frame["days_recorded"],
    }
)
_ui.table(shown, f"time-study-{study.id}-results", key="study_results")
st.caption(method_text())
if frame["minutes_per_occurrence"].notna().any():
    _ui.chart(minutes_chart(frame).to_dict())

st.subheader("Accept into the trust's measurements")
ready = frame.loc[frame["minutes_per_occurrence"].notna() | frame["occurrences_per_year"].notna(), "requirement"]
if ready.empty:
    st.info("Nothing has been recorded yet.")
else:
    picked = st.multiselect(
        "Requirements to accept", list(ready), default=list(ready), format_func=requirement_label, key="study_accept"
    )
    if picked:
        plan = plan_accept(data.db, user, study.id, result, picked)
        confirmed = None
        comment = ""
        if plan.needs_confirmation:
            st.warning(
                "Some figures are far from the national ones:\n\n"
                + "\n".join(f"- {c.requirement}: {c.describe()}" for c in plan.concerns),
                icon=":material/warning:",
            )
            if st.checkbox("These figures are right", key=f"study_confirm_{plan.key}"):
                confirmed = plan.key
            comment = st.text_input("Why they are right", key="study_accept_comment")
        if st.button("Accept as local measurements", type="primary", key="study_accept_button"):
            try:
                saved = accept_results(
                    data.db, user, study.id, result, picked, confirmed_key=confirmed, comment=comment
                )
            except studies.StudyProblems as problems:
                show_problems(problems.problems)
            else:
                _state.flash(f"Accepted {len(saved)} requirement(s) as {trust}'s local measurements.")
                st.rerun()

if study.is_open and st.button("Close the study for recording", key="study_close"):
    studies.close_study(data.db, user, study.id)
    _state.flash(f"Study {study.id} is closed for recording.")
    st.rerun()
