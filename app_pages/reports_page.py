"""Reports: choose a report, its scope and format, generate it with progress, and download it."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app_pages import _cache, _state, _ui
from audit.access import Action, local_data_scope, may_report_every_trust
from audit.review import decisions
from audit.scenarios import list_scenarios
from audit.study_privacy import withheld
from reports import builders, documents
from reports.batch import trust_reports_zip

KINDS = {
    "trust": "Trust burden report (for a trust's board)",
    "national": "National report (for an association)",
    "proposals": "Proposals and decisions (for ministry reviewers)",
}
FORMAT_LABELS = {
    "pdf": "PDF (A4, to print or circulate)",
    "docx": "Word (DOCX, to edit)",
    "html": "Web page (HTML, self-contained)",
    "xlsx": "Excel (XLSX, one sheet per table)",
    "csv": "CSV tables (zip)",
}
ALL_TRUSTS = "All trusts (one report each, in a zip)"
RESULT = "reports_page_result"  # (key of the request, file name, media type, bytes)

st.title("Reports")
_state.show_flash()
if not _state.allowed(Action.PRODUCE_REPORTS):
    st.warning("Your role may not produce reports.")
    st.stop()

data = _cache.load()
catalogue = _cache.catalogue(data)
if not catalogue.trusts:
    st.info("The catalogue has no trusts yet: load the default data with `proportion init`.")
    st.stop()

st.caption(
    "Every report carries an executive summary, charts, tables, the method and every assumption with its "
    "source, the share of figures that are estimates, the date, and a fingerprint of the data it was built from."
)
kind = st.radio("Report", list(KINDS), format_func=KINDS.__getitem__, key="reports_kind")
names = [t.name for t in catalogue.trusts]
trust: str | None = None
scenario_name: str | None = None
# A trust manager starts at their own trust and is not offered every trust's reports.
every_trust = [ALL_TRUSTS] if may_report_every_trust(_state.current_user()) else []
if kind == "trust":
    trust = _ui.trust_picker(names, key="reports_trust", extra=every_trust)
elif kind == "proposals":
    scenarios = list_scenarios(data.db)
    if not scenarios:
        st.info("There is no scenario yet: create one on the Scenarios page, then come back for its report.")
        st.stop()
    scenario_name = _ui.scenario_picker([s.name for s in scenarios], key="reports_scenario")
fmt = st.selectbox("Format", list(FORMAT_LABELS), format_func=FORMAT_LABELS.__getitem__, key="reports_format")

request = (data.version, kind, trust, scenario_name, fmt)
unnamed = (kind == "trust" and trust is None) or (kind == "proposals" and scenario_name is None)
if st.button("Generate report", type="primary", key="reports_generate", disabled=unnamed):
    today = dt.date.today()
    # The reader's local-data scope: a trust manager's report must not call another trust's hidden figures absent.
    viewer = _state.current_user()
    scope = local_data_scope(viewer)
    # A study figure of fewer than five participants is shown only within its trust (audit.study_privacy).
    hidden = frozenset(withheld(data.db, viewer, catalogue.local_measurements))
    context = builders.context_from(catalogue, _cache.audit(data), today, local_scope=scope, withheld=hidden)
    with st.status("Generating the report…", expanded=True) as status:
        if kind == "trust" and trust == ALL_TRUSTS and every_trust:
            bar = st.progress(0.0, text="Starting…")

            def tick(name: str, done: int, total: int) -> None:
                bar.progress(done / total, text=f"{done} of {total}: {name}")

            payload = trust_reports_zip(context, fmt, on_done=tick)
            file_name, media = f"trust-reports-{fmt}.zip", "application/zip"
        else:
            st.write("Building the tables and charts…")
            if kind == "trust":
                assert trust is not None
                report = builders.trust_report(context, trust)
            elif kind == "national":
                report = builders.national_report(context)
            else:
                scenario = next(s for s in list_scenarios(data.db) if s.name == scenario_name)
                reviews = builders.reviews_for(decisions(data.db), scenario.name)
                report = builders.proposals_report(context, scenario, reviews)
            st.write(f"Laying out the {fmt.upper()}…")
            payload = documents.render(report, fmt)
            file_name, media = documents.file_name(report, fmt), documents.MEDIA_TYPES[fmt]
        status.update(label="Report ready", state="complete", expanded=False)
    st.session_state[RESULT] = (request, file_name, media, payload)

result = st.session_state.get(RESULT)
if result and result[0] == request:
    _, file_name, media, payload = result
    st.download_button(
        f"Download {file_name}", payload, file_name=file_name, mime=media, type="primary", key="reports_download"
    )
    st.caption(f"{len(payload) / 1024:,.0f} KB")
elif result:
    st.caption("The choices changed since the last report: generate it again.")
