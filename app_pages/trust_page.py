"""Trust: one trust's burden, how it breaks down, where it stands among the trusts, and its own measurements."""

from __future__ import annotations

import zlib

import pandas as pd
import streamlit as st

from app_pages import _cache, _state, _ui
from audit import plausibility
from audit.access import Action
from audit.evidence import EVIDENCE
from audit.study_privacy import withheld, withhold_rows
from audit.study_results import measured_in_studies
from catalogue.editing import percent_text
from catalogue.local_figures import (
    BAU_COLUMN,
    BAU_SOURCE_COLUMN,
    COMMENT_COLUMN,
    COUNT_COLUMN,
    MINUTES_COLUMN,
    FigureProblems,
    FigureRow,
    StaleFigures,
    row_label,
)
from catalogue.local_figures import shown as figure_text
from catalogue.store import local_figure_versions, record_local_figure_edits, stale_edits
from reports import formatting as fmt
from reports.labels import metric_help

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
c1.metric("Hours a year", fmt.hours(row["hours_central"]), help=metric_help("trust", "Hours a year"))
c1.caption(_ui.range_caption(row["hours_low"], row["hours_central"], row["hours_high"], "hours"))
c2.metric("Staff (FTE)", fmt.fte(row["fte_central"]), help=metric_help("trust", "Staff (FTE)"))
c2.caption(_ui.range_caption(row["fte_low"], row["fte_central"], row["fte_high"], "fte"))
c3.metric("Cost a year", fmt.money(row["cost_central"]), help=metric_help("trust", "Cost a year"))
c3.caption(f"{fmt.percent(row['cost_share_of_budget'])} of the budget")
c4.metric(
    "Hours per offender",
    fmt.number(row["hours_per_offender"], 1),
    help=metric_help("trust", "Hours per offender"),
)
b = bench.loc[trust]
basis = _cache.summary(data).national.data_quality.comparison_basis
rank = b["rank"] if basis == EVIDENCE else None  # never rank trusts that differ only by size
c4.caption(f"{fmt.rank_phrase(rank, len(bench), basis)}; median {fmt.number(b['median'], 1)}")
c5.metric(
    "Share of staff time",
    fmt.percent(row["share_of_staff_time"]),
    help=metric_help("trust", "Share of staff time"),
)
estimated = _cache.estimated_hours_share(data, trust)
if estimated is None:
    st.markdown("No burden: no administrative requirement in force falls on this trust.")
else:
    st.markdown(f"{_ui.ESTIMATE_BADGE} {fmt.percent(estimated)} of the trust's hours rest on estimated figures.")

st.subheader("Where the time goes")
specs = _cache.trust_charts(data, trust)
for col, dim in zip(st.columns(3), ("directive", "activity", "purpose"), strict=True):
    with col:
        _ui.chart(specs[dim])

st.subheader("Among the 35 trusts")
_ui.chart(specs["distribution"])

# A study figure of fewer than five participants is seen only within its trust; the totals above still use it.
viewer = _state.current_user()
hidden = withheld(data.db, viewer, _cache.catalogue(data).local_measurements)

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
top = withhold_rows(top, hidden, ["occurrences", "minutes_central", "hours_central", "cost_central"], "basis", trust)
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
    "Our business-as-usual share (%) is the share of the work the trust would do anyway; it replaces the national "
    "share for the trust. Clear every figure to go back to the national estimate. A figure far from the national "
    "one is saved only once you confirm it and say in the comment why it is right."
)
policy = _cache.policy(data)
result = _cache.audit(data)


def flag_lines(flagged: pd.DataFrame) -> str:
    """One line per flagged figure, for the warning above the grid."""
    return "\n".join(
        f"- **{r['requirement']}**, {r['figure']}: {r['reason']}"  # withheld: neither figure nor how far it is
        if pd.isna(r["value"])
        else f"- **{r['requirement']}**, {r['figure']}: {figure_text(r['value'])} where the national figure is "
        f"{figure_text(r['national'])} ({r['reason']})"
        for _, r in flagged.iterrows()
    )


flagged = withhold_rows(plausibility.flagged_figures(result, trust), hidden, ["value", "comment"], "reason")
if len(flagged):
    st.warning(
        f"{len(flagged)} of {trust}'s own figures are far from the national figures. Each was saved with a "
        "confirmation; check them, as they count in every total, in the benchmark and in the reports.\n\n"
        + flag_lines(flagged),
        icon=":material/flag:",
    )

cat = _cache.catalogue(data)
national_minutes = _cache.requirement_burden(data).set_index("requirement")["minutes_central"]
measured = {m.requirement: m for m in cat.local_measurements if m.trust == trust}
studied = withhold_rows(
    measured_in_studies(cat, trust),
    hidden,
    ["minutes", "minutes_low", "minutes_high", "occurrences_per_year", "occurrences_per_year_low",
     "occurrences_per_year_high"],
    "source",
    trust,
)  # fmt: skip
if len(studied):
    st.markdown(f"**Measured in {trust}'s time studies**: local measurements with the study's 95% interval.")
    st.dataframe(
        pd.DataFrame(
            {
                "Requirement": studied["requirement"],
                "Minutes each": studied["minutes"],
                "Minutes: 95% interval": [
                    "" if pd.isna(lo) else f"{lo:,.1f}-{hi:,.1f}"
                    for lo, hi in zip(studied["minutes_low"], studied["minutes_high"], strict=True)
                ],
                "Times a year": studied["occurrences_per_year"].astype(float).round(0),
                "Times a year: 95% interval": [
                    "" if pd.isna(lo) else f"{fmt.number(lo)}-{fmt.number(hi)}"
                    for lo, hi in zip(studied["occurrences_per_year_low"], studied["occurrences_per_year_high"],
                                      strict=True)
                ],
                "Source": studied["source"],
            }
        ),
        hide_index=True,
        width="stretch",
        key="trust_studied",
    )  # fmt: skip
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
national_bau = {r.id: float(percent_text(r.bau_share)) for r in cat.requirements}


def own_bau(rid: str) -> str:
    """The trust's own business-as-usual share as the grid shows it, in per cent (empty: the national share)."""
    share = measured[rid].bau_share if rid in measured else None
    return "" if share is None else percent_text(share)


# The trust's own figures are text cells, so what was typed reaches the library as typed: "-5" or "abc" is
# refused with its row and column rather than turned into 5 or dropped by a number editor.
editor_in = pd.DataFrame(
    {
        "requirement": shown["requirement"].to_numpy(),
        "text": shown["text"].str.slice(0, 100).to_numpy(),
        "national_minutes": shown["requirement"].map(national_minutes).to_numpy(),
        "occurrences": shown["occurrences"].to_numpy(),
        "local_minutes": [figure_text(measured[r].minutes if r in measured else None) for r in shown["requirement"]],
        "local_occurrences": [
            figure_text(measured[r].occurrences_per_year if r in measured else None) for r in shown["requirement"]
        ],
        "national_bau": shown["requirement"].map(national_bau).to_numpy(),
        "local_bau": [own_bau(r) for r in shown["requirement"]],
        "comment": [measured[r].comment if r in measured else "" for r in shown["requirement"]],
        "trust": trust,
        "bau_source": [(measured[r].bau_source or "") if r in measured else "" for r in shown["requirement"]],
    }
)
editor_in = withhold_rows(editor_in, hidden, ["local_minutes", "local_occurrences"], "comment").drop(columns="trust")
rows = editor_in["requirement"].tolist()
labels = dict(zip(rows, (row_label(r, t) for r, t in zip(rows, shown["text"], strict=True)), strict=True))
versions = local_figure_versions(data.db, trust)
# The editor's key follows only what the edits rest on: the rows shown and this trust's measurement versions, so
# an edit is never applied to a row that moved, and a save elsewhere (another trust, the catalogue) leaves a
# manager's unsaved edits alone. Edits made against a table that changed before they were saved are sorted by
# the store: those it already holds are done; the others are set aside and offered back.
basis = "|".join(rows) + "#" + "|".join(f"{r}={v}" for r, v in sorted(versions.items()))
editor_key = f"measure-{trust}-{zlib.crc32(basis.encode()):08x}"
LAST_EDITOR = f"measure_last_{trust}"
SET_ASIDE = f"measure_set_aside_{trust}"
CONFIRMED_FOR = "measure_confirmed_for"  # the figures the "confirm" box was ticked for


def cell(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)  # type: ignore[arg-type]


def grid_values(frame: pd.DataFrame) -> dict[str, tuple[str, str, str, str, str]]:
    """The grid's figure cells as typed, by requirement: minutes, times a year, comment, business-as-usual share
    and its source."""
    return {
        r["requirement"]: (
            cell(r["local_minutes"]), cell(r["local_occurrences"]), cell(r["comment"]), cell(r["local_bau"]),
            cell(r["bau_source"]),
        )
        for _, r in frame.iterrows()
    }  # fmt: skip


def edited_rows(before: dict[str, tuple[str, ...]], after: dict[str, tuple[str, ...]], drawn: dict) -> list:
    """The rows whose cells differ from the grid as drawn, each based on the version it was drawn from."""
    return [
        FigureRow(
            rid,
            drawn["labels"][rid],
            *values[:3],
            expected_version=drawn["versions"].get(rid, 0),
            bau_share=values[3],
            bau_source=values[4],
        )
        for rid, values in after.items()
        if tuple(v.strip() for v in values) != tuple(v.strip() for v in before[rid])
    ]


last = st.session_state.get(LAST_EDITOR)
if last and last["key"] != editor_key:
    changes = (st.session_state.get(last["key"]) or {}).get("edited_rows") or {}
    after = dict(last["values"])
    for position, change in changes.items():
        rid = last["rows"][int(position)]
        minutes, occurrences, comment, bau, source = after[rid]
        after[rid] = (
            cell(change.get("local_minutes", minutes)),
            cell(change.get("local_occurrences", occurrences)),
            cell(change.get("comment", comment)),
            cell(change.get("local_bau", bau)),
            cell(change.get("bau_source", source)),
        )
    aside = stale_edits(data.db, trust, edited_rows(last["values"], after, last))
    if aside:
        st.session_state[SET_ASIDE] = {**st.session_state.get(SET_ASIDE, {}), **{s.row.requirement: s for s in aside}}
st.session_state[LAST_EDITOR] = {
    "key": editor_key,
    "rows": rows,
    "values": grid_values(editor_in),
    "labels": labels,
    "versions": versions,
}


def review(pending: list, key: str) -> plausibility.SavePlan:
    """Check pending rows; show every problem and every figure to confirm; return what a save would do."""
    confirm_key = f"{key}_confirm"
    draft = plausibility.plan_save(_cache.burden(data), trust, pending, policy)
    if st.session_state.get(confirm_key) and st.session_state.get(CONFIRMED_FOR, {}).get(key) != draft.key:
        st.session_state[confirm_key] = False  # ticked for other figures: these need their own confirmation
    if draft.concerns:
        st.warning(
            "These figures are far from the national ones. A slip here (hours typed as minutes, a month's count "
            "as a year's) moves the trust's burden, its place among the trusts and the national proposals. Check "
            "them; if they are right, say in Comment how they were measured and confirm.\n\n"
            + "\n".join(
                f"- **{labels.get(c.requirement, c.requirement)}**, {c.column}: {c.describe()}" for c in draft.concerns
            ),
            icon=":material/flag:",
        )
        st.checkbox(
            "These figures are right: save them even though they are far from the national figures",
            key=confirm_key,
            on_change=lambda: st.session_state.setdefault(CONFIRMED_FOR, {}).update({key: draft.key}),
        )
    confirmed = draft.key if st.session_state.get(confirm_key) else None
    plan = plausibility.plan_save(_cache.burden(data), trust, pending, policy, confirmed_key=confirmed)
    for problem in plan.problems:
        st.error(str(problem))
    if plan.problems:
        st.caption("Nothing is saved until every problem above is put right.")
    return plan


def save(plan: plausibility.SavePlan, done: str) -> None:
    """Save every pending row in one transaction (all or none), then show the recomputed figures."""
    try:
        saved = record_local_figure_edits(data.db, trust, plan.to_save(), actor=_state.actor())
    except StaleFigures as exc:
        st.session_state[SET_ASIDE] = {
            **st.session_state.get(SET_ASIDE, {}),
            **{s.row.requirement: s for s in exc.stale},
        }
        st.session_state.pop(LAST_EDITOR, None)
        st.rerun()
    except FigureProblems as exc:
        for problem in exc.problems:
            st.error(str(problem))
        return
    # The grid's edits are saved: forget them, so the next run does not offer them back as set aside.
    st.session_state.pop(LAST_EDITOR, None)
    st.session_state.pop(CONFIRMED_FOR, None)
    _state.flash(f"{done} {saved} measurement(s); {trust}'s figures are recomputed.")
    st.rerun()


set_aside = st.session_state.get(SET_ASIDE) or {}
if set_aside and can_edit:
    with st.container(border=True):
        changed = [s for s in set_aside.values() if s.changed_meanwhile]
        st.warning(
            (
                "Someone else saved figures for "
                + ", ".join(s.row.requirement for s in changed)
                + " after you started editing, so your edits were set aside rather than saved over theirs. "
                if changed
                else "The rows shown changed before these edits of yours were saved, so they were set aside "
                "rather than applied to the wrong rows. "
            )
            + "Compare them with the current values and reapply them, or discard them.",
            icon=":material/sync_problem:",
        )
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Id": rid,
                        "Your minutes": s.row.minutes,
                        "Your times a year": s.row.occurrences,
                        "Your comment": s.row.comment,
                        "Your business-as-usual share (%)": s.row.bau_share,
                        "Your source of the share": s.row.bau_source,
                        "Current minutes": figure_text((s.current or {}).get("minutes")),  # type: ignore[arg-type]
                        "Current times a year": figure_text((s.current or {}).get("occurrences_per_year")),  # type: ignore[arg-type]
                        "Current comment": (s.current or {}).get("comment") or "",
                        "Saved by": (s.current or {}).get("recorded_by") or "",
                    }
                    for rid, s in set_aside.items()
                ]
            ),
            hide_index=True,
            width="stretch",
        )
        again = review([s.rebased() for s in set_aside.values()], "measure_reapply")
        reapply, discard = st.columns(2)
        if reapply.button("Reapply my edits", key="measure_reapply", type="primary", disabled=not again.ready):
            st.session_state.pop(SET_ASIDE, None)
            save(again, "Reapplied")
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
        disabled=["requirement", "text", "national_minutes", "occurrences", "national_bau"] if can_edit else True,
        # Fitted to the page's width, so the comment column stays in view beside the figures.
        column_config=_ui.fitted_columns(
            editor_in,
            {
                "requirement": st.column_config.TextColumn("Id", width="small"),
                "text": st.column_config.TextColumn("Requirement", width="medium"),
                "national_minutes": st.column_config.NumberColumn("National minutes", format="%,.0f"),
                "occurrences": st.column_config.NumberColumn("Times a year (now)", format="%,.0f"),
                "local_minutes": st.column_config.TextColumn(MINUTES_COLUMN, help="minutes each time, e.g. 12 or 7.5"),
                "local_occurrences": st.column_config.TextColumn(COUNT_COLUMN, help="times a year in this trust"),
                "national_bau": st.column_config.NumberColumn("National business-as-usual share (%)", format="%g"),
                "local_bau": st.column_config.TextColumn(
                    BAU_COLUMN, help="the share of this work the trust would do anyway, in per cent, e.g. 25"
                ),
                "comment": st.column_config.TextColumn(COMMENT_COLUMN, width="medium"),
                "bau_source": st.column_config.TextColumn(
                    BAU_SOURCE_COLUMN, help="where our share comes from, or why it is estimated (needed with a share)"
                ),
            },
        )[0],
    )

if can_edit:
    pending = edited_rows(grid_values(editor_in), grid_values(edited), st.session_state[LAST_EDITOR])
    plan = review(pending, "measure")
    if (
        st.button(
            f"Save {len(pending)} measurement(s)" if pending else "Save measurements",
            type="primary",
            disabled=not plan.ready,
            key="save_measurements",
        )
        and plan.ready
    ):
        save(plan, "Saved")

# --- every trust's flagged figures, for those who compare the trusts ------------------------------------------
if plausibility.may_see_every_flag(_state.current_user()):
    st.subheader("Flagged local figures in every trust")
    every = withhold_rows(
        plausibility.flagged_figures(result),
        withheld(data.db, viewer, result.catalogue.local_measurements),
        ["value", "comment", "hours_central", "difference_hours"],
        "reason",
    )
    if len(every):
        st.caption(
            f"{len(every)} local figure(s) in {every['trust'].nunique()} trust(s) are far from the national "
            f"figures ({plausibility.band_text(policy)}, as the Settings say). Each was saved with a confirmation "
            "and a comment."
        )
        _ui.table(
            every,
            "flagged local figures",
            column_config={
                "trust": st.column_config.TextColumn("Trust"),
                "requirement": st.column_config.TextColumn("Id"),
                "directive": st.column_config.TextColumn("Directive"),
                "figure": st.column_config.TextColumn("Figure"),
                "value": st.column_config.NumberColumn("Trust's figure", format="%,.1f"),
                "national": st.column_config.NumberColumn("National figure", format="%,.1f"),
                "national_high": st.column_config.NumberColumn("National high", format="%,.1f"),
                "reason": st.column_config.TextColumn("Why it is flagged"),
                "comment": st.column_config.TextColumn("Comment"),
                "recorded_by": st.column_config.TextColumn("Saved by"),
                "recorded_on": st.column_config.TextColumn("Saved on"),
                "hours_central": _ui.hours_column("Hours with it"),
                "hours_national": _ui.hours_column("Hours on national figures"),
                "difference_hours": _ui.hours_column("Difference"),
            },
            key="flagged-every-trust",
        )
    else:
        st.caption("No trust has a local figure far from the national figures.")

with st.expander("History"):
    _ui.history_view(data.db, "trust", trust)
