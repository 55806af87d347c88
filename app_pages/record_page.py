"""Record my time: a participant of a time study records, for each working day, how many times they did each
requirement and the minutes it took (or that it did not occur). Built for a phone: one column, one day at a
time, saved with one button, and what was recorded shown below. The rules live in audit.study."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app_pages import _cache, _state
from audit import study as studies

data = _cache.load()
user = _state.current_user()

st.title("Record my time")
_state.show_flash()
mine = studies.recording_studies(data.db, user)
if not mine:
    st.info("You are not a participant of an open time study of your trust.")
    st.stop()

by_id = {s.id: s for s in mine}
study_id = st.selectbox("Study", list(by_id), format_func=lambda i: by_id[i].label, key="record_study")
study = by_id[study_id]
code = study.code_of(user.username)
st.caption(f"You are participant **{code}** of {study.trust}'s study. Your name is never shown with your figures.")

days = studies.working_days(study.starts, study.ends)
today = dt.date.today()
start = days.index(today) if today in days else 0
day = st.selectbox("Day", days, index=start, format_func=lambda d: f"{d:%A %d %B %Y}", key=f"record_day_{study.id}")

recorded = studies.entries(data.db, user, study.id)
that_day = recorded[recorded["day"] == day.isoformat()].set_index("requirement")
texts = {r.id: r.text for r in _cache.catalogue(data).requirements}

rows = []
with st.form(f"record_{study.id}_{day.isoformat()}"):
    for rid in study.requirements:
        before = that_day.loc[rid] if rid in that_day.index else None
        st.markdown(f"**{rid}**: {texts.get(rid, '')}")
        base = f"rec_{study.id}_{day.isoformat()}_{rid}"
        did_not = st.checkbox(
            "Did not occur", value=bool(before is not None and before["occurrences"] == 0), key=f"{base}_none"
        )
        times = st.number_input(
            "Times done", min_value=0, max_value=studies.MAX_TIMES_A_DAY, step=1, key=f"{base}_times",
            value=int(before["occurrences"]) if before is not None and before["occurrences"] else None,
        )  # fmt: skip
        minutes = st.number_input(
            "Minutes in all", min_value=0.0, max_value=float(studies.MAX_MINUTES_A_DAY), step=5.0,
            key=f"{base}_minutes", value=float(before["minutes"]) if before is not None and before["minutes"] else None,
        )  # fmt: skip
        rows.append(studies.DayEntry(rid, times, minutes, did_not))
        st.divider()
    if st.form_submit_button("Save this day", type="primary", width="stretch"):
        try:
            saved = studies.record_day(data.db, user, study.id, day, rows)
        except studies.StudyProblems as problems:
            st.error("Nothing was saved:\n\n" + "\n".join(f"- {p}" for p in problems.problems))
        else:
            _state.flash(f"Saved {len(saved)} figure(s) for {day:%A %d %B}.")
            st.rerun()

st.subheader("What I have recorded")
recorded = studies.entries(data.db, user, study.id)
if recorded.empty:
    st.caption("Nothing yet.")
else:
    shown = pd.DataFrame(
        {
            "Day": [dt.date.fromisoformat(d).strftime("%a %d %b") for d in recorded["day"]],
            "Requirement": recorded["requirement"],
            "Times": recorded["occurrences"],
            "Minutes": recorded["minutes"],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")
    st.caption(f"{recorded['day'].nunique()} of {len(days)} working days recorded.")
