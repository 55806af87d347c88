"""Review: ministry reviewers decide on each proposal (accept, reject, defer, amend) with a comment."""

from __future__ import annotations

import re

import streamlit as st

from app_pages import _cache, _links, _state, _ui
from app_pages._links import as_written
from audit.access import Action
from audit.proposal_story import proposal_title, requirement_texts
from audit.proposals import actionable
from audit.review import (
    DECISIONS,
    NEEDS_COMMENT,
    UNDECIDED,
    ReviewError,
    decisions_frame,
    record_decision,
    status_board,
    status_counts,
)
from reports import formatting as fmt
from reports.labels import metric_help


def plain(text: str) -> str:
    """Return a reviewer's text escaped so that Markdown shows it as written."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", " ".join(text.split()))


data = _cache.load()
props = _cache.proposals(data)
props = actionable(props)
texts = dict(zip(props["id"], requirement_texts(props, _cache.burden(data).requirements), strict=True))
history = _cache.reviews(data)
latest = {d.proposal_id: d for d in history}
board = status_board(props, latest)
board.insert(board.columns.get_loc("target") + 1, "requirement_text", board["id"].map(texts))

st.title("Review")
st.caption(
    "For ministry reviewers: record a decision on each proposal with a comment. Every decision is kept; "
    "a proposal's status is its latest decision."
)
_state.show_flash()

counts = status_counts(board)
for col, (status, n) in zip(st.columns(len(counts)), counts.items(), strict=True):
    col.metric(status.capitalize(), fmt.number(n), help=metric_help("review", status.capitalize()))

st.subheader("Decide")
scenario_names = [s.name for s in _cache.scenarios(data)]
labels = {
    row.id: f"#{row.rank} {proposal_title(row.id, texts[row.id], width=110)} ({row.status})"
    for row in board.itertuples()
}
if st.session_state.get("review_proposal") in labels:
    # Set the choice again so the browser redraws its label: it would keep showing the status it had when chosen.
    st.session_state["review_proposal"] = st.session_state["review_proposal"]
chosen = _links.proposal_picker(
    "Proposal",
    board["id"].head(500).tolist(),
    known=board["id"].tolist(),
    key="review_proposal",
    format_func=lambda pid: labels[pid],
)
if chosen:
    p = props.set_index("id").loc[chosen]
    st.markdown(f"> {as_written(texts[chosen])}")
    left, right = st.columns(2)
    _links.proposal_link(chosen, container=left, label="Its whole story on the Proposals page")
    _links.requirement_link(str(p["target"]), container=right)
    saving = fmt.money_range(p["saving_cost_low"], p["saving_cost_central"], p["saving_cost_high"])
    st.markdown(
        f"{p['rationale']}  \n**Saving:** {saving} a year · **Risk:** {p['outcome_risk']} · "
        f"**Confidence:** {p['confidence']}"
    )
    own = [d for d in history if d.proposal_id == chosen]
    current = latest.get(chosen)
    if current:
        st.markdown(
            f"**Current decision:** {current.decision} by {current.reviewer} on {current.decided_at[:10]}"
            + (f": “{plain(current.comment)}”" if current.comment else "")
        )
    else:
        st.markdown("No decision yet on this proposal.")
    if _state.allowed(Action.DECIDE_PROPOSALS):
        # The form belongs to this proposal's next decision: another proposal, or a decision just recorded, gets a
        # new form with new widgets, so a comment (even one typed and never sent) is never saved with a proposal it
        # was not written for. A refused decision keeps its form, and what was typed in it.
        box = f"{chosen}-{len(own)}"
        errors: list[str] = st.session_state.get(f"review_errors-{box}", [])
        with st.form(f"review-form-{box}", clear_on_submit=False):
            for e in errors:
                st.error(e)
            decision = st.radio("Decision", list(DECISIONS), index=None, horizontal=True, key=f"review_decision-{box}")
            comment = st.text_area(
                "Comment",
                key=f"review_comment-{box}",
                help=f"Required to {', '.join(sorted(NEEDS_COMMENT))}: say why, or what to amend.",
            )
            scenarios = ["", *scenario_names]
            last = st.session_state.get("review_last_scenario")  # a reviewer works through one scenario at a time
            scenario = st.selectbox(
                "In scenario (optional)",
                scenarios,
                index=scenarios.index(last) if last in scenarios else 0,
                key=f"review_scenario-{box}",
            )
            if st.form_submit_button("Record decision", type="primary", key="record_decision"):
                try:
                    record_decision(
                        data.db,
                        chosen,
                        decision or "",
                        reviewer=_state.actor(),
                        comment=comment,
                        scenario=scenario or None,
                        proposals=set(board["id"]),
                    )
                except ReviewError as exc:
                    st.session_state[f"review_errors-{box}"] = exc.problems
                    st.rerun()
                st.session_state.pop(f"review_errors-{box}", None)
                st.session_state["review_last_scenario"] = scenario
                _state.flash(f"Recorded: {decision} {proposal_title(chosen, texts[chosen], width=100)}.")
                st.rerun()
    if own:
        st.markdown("**Decisions on this proposal**")
        _ui.table(decisions_frame(own).drop(columns=["id", "proposal_id"]), f"decisions {chosen}", key="review-own")

st.subheader("Status board")
statuses = st.multiselect("Status", [UNDECIDED, *DECISIONS], key="review_status_filter")
shown = board[board["status"].isin(statuses)] if statuses else board
_ui.table(
    shown,
    "review status board",
    column_config={
        "id": None,  # the action and the requirement, which have their own columns
        "target": st.column_config.TextColumn("Requirement"),
        "requirement_text": st.column_config.TextColumn("What it requires", width="large"),
        "saving_cost_central": _ui.money_column("Saving a year"),
    },
    height=320,
    key="review-board",
)
st.subheader("History of decisions")
if history:
    every = decisions_frame(history)
    every.insert(every.columns.get_loc("proposal_id") + 1, "requirement_text", every["proposal_id"].map(texts))
    _ui.table(
        every,
        "review history",
        key="review-history",
        column_config={
            "proposal_id": st.column_config.TextColumn("Proposal"),
            "requirement_text": st.column_config.TextColumn("What it requires", width="large"),
        },
    )
else:
    st.caption("No decisions yet.")
