"""Trust: one trust's burden, how it breaks down, where it stands among the trusts, and its own measurements."""

from __future__ import annotations

import zlib

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from app_pages import _cache, _state, _ui
from audit.access import Action
from catalogue.errors import StaleWrite
from catalogue.store import record_local_figures
from reports import formatting as fmt

data = _cache.load()
trusts = _cache.by_trust(data)
names = trusts["trust"].tolist()

st.title("Trust burden")
_state.show_flash()
if not names:
    st.info("The catalogue has no trusts yet: load the default data with `proportion init`.")
    st.stop()

trust = _ui.trust_picker(names, key="trust_choice")  # the address's trust, else the user's own, else the first
if trust is None:  # the address names no trust: the picker says so
    st.stop()

with st.spinner(f"Computing the burden of {trust}…"):
    row = trusts.set_index("trust").loc[trust]
    table = _cache.trust_table(data, trust)
    bench = _cache.benchmark(data, "hours_per_offender").set_index("trust")

local_count = int(row["local_measurements"])
st.caption(
    f"{row['region']} · caseload {fmt.number(row['caseload'])} offenders · {fmt.fte(row['staff_fte'])} staff · "
    f"budget {fmt.money(row['budget_gbp'], short=True)}. "
    + (
        f"{_ui.LOCAL_BADGE} {local_count} requirement(s) use the trust's own measurements."
        if local_count
        else "All figures are national estimates applied to the trust's volumes."
    )
)
c1, c2, c3, c4, c5 = st.columns(5)
c1.metric("Hours a year", fmt.hours(row["hours_central"]))
c1.caption(_ui.range_caption(row["hours_low"], row["hours_central"], row["hours_high"], "hours"))
c2.metric("Staff (FTE)", fmt.fte(row["fte_central"]))
c2.caption(_ui.range_caption(row["fte_low"], row["fte_central"], row["fte_high"], "fte"))
c3.metric("Cost a year", fmt.money(row["cost_central"]))
c3.caption(f"{fmt.percent(row['cost_share_of_budget'])} of the budget")
c4.metric("Hours per offender", fmt.number(row["hours_per_offender"], 1))
b = bench.loc[trust]
c4.caption(f"{fmt.rank_phrase(b['rank'], len(bench))}; median {fmt.number(b['median'], 1)}")
c5.metric("Share of staff time", fmt.percent(row["share_of_staff_time"]))
estimated = table.loc[table["is_estimate"], "hours_central"].sum() / max(table["hours_central"].sum(), 1e-9)
st.markdown(f"{_ui.ESTIMATE_BADGE} {fmt.percent(estimated)} of the trust's hours rest on estimated figures.")

st.subheader("Where the time goes")
specs = _cache.trust_charts(data, trust)
for col, dim in zip(st.columns(3), ("directive", "activity", "purpose"), strict=True):
    with col:
        _ui.chart(specs[dim])

st.subheader("Among the 35 trusts")
_ui.chart(specs["distribution"])

st.subheader("Top requirements")
top = table.nlargest(15, "hours_central")[
    [
        "requirement",
        "directive",
        "text",
        "occurrences",
        "minutes_central",
        "hours_central",
        "cost_central",
        "basis",
        "is_estimate",
    ]
]
_ui.table(
    top,
    f"{trust} top requirements",
    column_config={
        "text": st.column_config.TextColumn("Requirement", width="large"),
        "occurrences": st.column_config.NumberColumn("Times a year", format="%,.0f"),
        "minutes_central": st.column_config.NumberColumn("Minutes each", format="%,.0f"),
        "hours_central": _ui.hours_column(),
        "cost_central": _ui.money_column(),
        "basis": st.column_config.TextColumn("Basis"),
        "is_estimate": st.column_config.CheckboxColumn("Estimate"),
    },
    key="trust-top",
)

# --- the trust's own measurements -------------------------------------------------------------------
st.subheader("Record the trust's own measurements")
if not _state.allowed(Action.READ_LOCAL_DATA, trust):
    st.info("A trust's own measurements are shown to its own managers and to national users.")
    st.stop()
can_edit = _state.allowed(Action.EDIT_LOCAL_DATA, trust)
st.caption(
    "Type the minutes a requirement really takes here, or how many times a year it really happens, with a comment; "
    "save, and the trust's figures are recomputed with its own measurements instead of the national estimates. "
    "Clear both numbers to go back to the national estimate."
)
cat = _cache.catalogue(data)
national_minutes = _cache.requirement_burden(data).set_index("requirement")["minutes_central"]
measured = {m.requirement: m for m in cat.local_measurements if m.trust == trust}
find = st.text_input("Find a requirement to measure", key="measure_find", placeholder="id or words from its text")
pool = table
if find.strip():
    needle = find.strip().lower()
    pool = table[
        table["requirement"].str.lower().str.contains(needle, regex=False)
        | table["text"].str.lower().str.contains(needle, regex=False)
    ]
shown = pd.concat([table[table["requirement"].isin(measured)], pool.nlargest(25, "hours_central")])
shown = shown.drop_duplicates("requirement")
editor_in = pd.DataFrame(
    {
        "requirement": shown["requirement"].to_numpy(),
        "text": shown["text"].str.slice(0, 100).to_numpy(),
        "national_minutes": shown["requirement"].map(national_minutes).to_numpy(),
        "occurrences": shown["occurrences"].to_numpy(),
        "local_minutes": [measured[r].minutes if r in measured else None for r in shown["requirement"]],
        "local_occurrences": [
            measured[r].occurrences_per_year if r in measured else None for r in shown["requirement"]
        ],
        "comment": [measured[r].comment if r in measured else "" for r in shown["requirement"]],
    }
)
# The editor's key changes when the rows shown or this trust's measurements change, so an edit is never applied
# to a row that moved. Edits made against a table that changed before they were saved are set aside and offered
# back.
rows = editor_in["requirement"].tolist()
versions = {
    r["requirement"]: r["version"]
    for r in data.db.query("SELECT requirement, version FROM local_measurements WHERE trust = ?", [trust])
}
# The key follows only what the edits rest on: the rows shown and this trust's measurement versions. A save
# elsewhere (another trust, the catalogue) leaves a manager's unsaved edits alone.
basis = "|".join(rows) + "#" + "|".join(f"{r}={v}" for r, v in sorted(versions.items()))
editor_key = f"measure-{trust}-{zlib.crc32(basis.encode()):08x}"
LAST_EDITOR = f"measure_last_{trust}"
SET_ASIDE = f"measure_set_aside_{trust}"


def _norm(v: object) -> float | None:
    return None if v is None or pd.isna(v) else float(v)  # type: ignore[arg-type]


def _values(frame: pd.DataFrame) -> dict[str, tuple[float | None, float | None, str]]:
    return {
        r["requirement"]: (_norm(r["local_minutes"]), _norm(r["local_occurrences"]), r["comment"] or "")
        for _, r in frame.iterrows()
    }


last = st.session_state.get(LAST_EDITOR)
if last and last["key"] != editor_key:
    stale = (st.session_state.get(last["key"]) or {}).get("edited_rows") or {}
    mine = {}
    for position, change in stale.items():
        rid = last["rows"][int(position)]
        minutes, occurrences, comment = last["values"][rid]
        minutes = _norm(change.get("local_minutes", minutes))
        occurrences = _norm(change.get("local_occurrences", occurrences))
        mine[rid] = (minutes, occurrences, change.get("comment", comment) or "")
    if mine:
        st.session_state[SET_ASIDE] = {**st.session_state.get(SET_ASIDE, {}), **mine}
st.session_state[LAST_EDITOR] = {"key": editor_key, "rows": rows, "values": _values(editor_in)}


def save_measurements(
    pending: list[tuple[str, float | None, float | None, str]], expected: dict[str, int]
) -> tuple[int, list[str], list[str]]:
    """Save each change against the version it was based on; return (saved, problems, refused as stale)."""
    saved, problems, stale = 0, [], []
    for rid, minutes, occurrences, comment in pending:
        try:
            record_local_figures(
                data.db,
                trust,
                rid,
                minutes,
                occurrences,
                comment,
                actor=_state.actor(),
                expected_version=expected.get(rid, 0),
            )
            saved += 1
        except ValidationError as exc:
            problems += [f"{rid}: {msg}" for msgs in _ui.errors_by_field(exc).values() for msg in msgs]
        except StaleWrite as exc:
            theirs = exc.current_row or {}
            stale.append(
                f"{rid}: {theirs.get('recorded_by') or 'someone'} saved minutes {theirs.get('minutes')}, "
                f"times a year {theirs.get('occurrences_per_year')}, comment {theirs.get('comment')!r} meanwhile"
            )
            st.session_state[SET_ASIDE] = {**st.session_state.get(SET_ASIDE, {}), rid: (minutes, occurrences, comment)}
    return saved, problems, stale


set_aside = st.session_state.get(SET_ASIDE) or {}
if set_aside and can_edit:
    with st.container(border=True):
        st.warning(
            "The table changed before these edits of yours were saved (someone else saved, or the rows shown "
            "changed), so they were set aside rather than applied to the wrong figures. Compare them with the "
            "current values and reapply them, or discard them.",
            icon=":material/sync_problem:",
        )
        current = {rid: measured.get(rid) for rid in set_aside}
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "requirement": rid,
                        "your minutes": mine[0],
                        "your times a year": mine[1],
                        "your comment": mine[2],
                        "current minutes": current[rid].minutes if current[rid] else None,
                        "current times a year": current[rid].occurrences_per_year if current[rid] else None,
                        "current comment": current[rid].comment if current[rid] else "",
                        "saved by": current[rid].recorded_by if current[rid] else "",
                    }
                    for rid, mine in set_aside.items()
                ]
            ),
            hide_index=True,
            width="stretch",
        )
        reapply, discard = st.columns(2)
        if reapply.button("Reapply my edits", key="measure_reapply", type="primary"):
            st.session_state.pop(SET_ASIDE, None)
            done, problems, stale = save_measurements([(r, *v) for r, v in set_aside.items()], versions)
            for p in problems + stale:
                st.error(p)
            if not problems and not stale:
                _state.flash(f"Reapplied {done} measurement(s); {trust}'s figures are recomputed.")
                st.rerun()
        if discard.button("Discard my edits", key="measure_discard"):
            st.session_state.pop(SET_ASIDE, None)
            st.rerun()

# The keyed container gives the grid a stable handle (class st-key-measurements) for browser tests.
with st.container(key="measurements"):
    edited = st.data_editor(
        editor_in,
        key=editor_key,
        hide_index=True,
        width="stretch",
        disabled=["requirement", "text", "national_minutes", "occurrences"] if can_edit else True,
        column_config={
            "requirement": st.column_config.TextColumn("Id", width="small"),
            "text": st.column_config.TextColumn("Requirement", width="large"),
            "national_minutes": st.column_config.NumberColumn("National minutes", format="%,.0f"),
            "occurrences": st.column_config.NumberColumn("Times a year (now)", format="%,.0f"),
            "local_minutes": st.column_config.NumberColumn("Our minutes", min_value=0, format="%,.1f"),
            "local_occurrences": st.column_config.NumberColumn("Our times a year", min_value=0, format="%,.0f"),
            "comment": st.column_config.TextColumn("Comment"),
        },
    )


def changes(before: pd.DataFrame, after: pd.DataFrame) -> list[tuple[str, float | None, float | None, str]]:
    out = []
    for (_, b), (_, a) in zip(before.iterrows(), after.iterrows(), strict=True):

        def norm(v: object) -> float | None:
            return None if v is None or pd.isna(v) else float(v)  # type: ignore[arg-type]

        if (norm(b["local_minutes"]), norm(b["local_occurrences"]), b["comment"] or "") != (
            norm(a["local_minutes"]),
            norm(a["local_occurrences"]),
            a["comment"] or "",
        ):
            out.append((a["requirement"], norm(a["local_minutes"]), norm(a["local_occurrences"]), a["comment"] or ""))
    return out


pending = changes(editor_in, edited)
if can_edit and st.button(
    f"Save {len(pending)} measurement(s)" if pending else "Save measurements",
    type="primary",
    disabled=not pending,
    key="save_measurements",
):
    saved, problems, stale = save_measurements(pending, versions)
    problems += stale
    if problems:
        for p in problems:
            st.error(p)
    else:
        _state.flash(f"Saved {saved} measurement(s); {trust}'s figures are recomputed.")
        st.rerun()

with st.expander("History"):
    _ui.history_view(data.db, "trust", trust)
