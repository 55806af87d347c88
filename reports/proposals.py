"""The proposals and decisions report of one scenario, for ministry reviewers.

>>> documents.write(proposals_report(ctx, scenario, reviews), "pdf", "proposals.pdf")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from audit.proposal_story import requirement_texts
from audit.proposals import action_label, is_actionable
from audit.scenarios import NOTHING_TO_COMPARE, Scenario, evaluate_scenario
from reports import charts
from reports import formatting as fmt
from reports import tables as tb
from reports.context import ReportContext, slug
from reports.fingerprint import fingerprint
from reports.model import FORMATTERS, Bullets, Column, KeyFigure, Recommendation, Report, Section, Table
from reports.sections import (
    NATIONAL,
    audit_year,
    burden_sentence,
    chart,
    estimates_section,
    estimates_text,
    glossary_section,
    hours_share,
    method_section,
    nothing_in_force,
    reading_note,
    scope_section,
)


def _field(review: Any, name: str) -> Any:
    return review.get(name) if isinstance(review, dict) else getattr(review, name, None)


def _comments(reviews: Sequence[Any]) -> dict[str, list[str]]:
    """Return each proposal's review comments, oldest first, as 'reviewer (decision, date): comment'."""
    found: dict[str, list[str]] = {}
    for review in reviews:
        comment = str(_field(review, "comment") or "").strip()
        if comment:
            when = str(_field(review, "decided_at") or "")[:10]
            found.setdefault(str(_field(review, "proposal_id")), []).append(
                f"{_field(review, 'reviewer') or 'reviewer'} ({_field(review, 'decision')}, {when}): {comment}"
            )
    return found


def _latest(reviews: Sequence[Any]) -> dict[str, tuple[str, str]]:
    """Return each proposal's latest reviewer and reason (its latest comment), in the order the reviews were made."""
    found: dict[str, tuple[str, str]] = {}
    for review in sorted(reviews, key=lambda r: str(_field(r, "decided_at") or "")):
        key = str(_field(review, "proposal_id"))
        reviewer = str(_field(review, "reviewer") or "")
        comment = str(_field(review, "comment") or "").strip()
        found[key] = (reviewer, comment or found.get(key, ("", ""))[1])
    return found


# Who acts on an accepted proposal: a change to a national directive is the ministry's; devolving it gives the
# method to the trusts.
ACTION_OWNERS = {"devolve": "Ministry (NOMS), then the trusts"}
DEFAULT_OWNER = "Ministry (NOMS)"


def reviews_for(all_reviews: Sequence[Any], scenario: str) -> list[Any]:
    """Return the reviews that belong in a scenario's report: its own and those made outside any scenario."""
    return [r for r in all_reviews if _field(r, "scenario") in (None, "", scenario)]


def proposals_report(ctx: ReportContext, scenario: Scenario, reviews: Sequence[Any] = ()) -> Report:
    """Return the proposals and decisions report of ``scenario``.

    ``reviews``: :class:`audit.review.Decision` objects (or dicts with the same keys), e.g.
    ``reviews_for(audit.review.decisions(db), scenario.name)``; their comments are quoted as written.
    """
    result = ctx.result
    decisions = dict(scenario.decisions)
    outcome = evaluate_scenario(result, scenario.accepted)
    nat = outcome.national
    check = outcome.one_in_two_out
    explained = outcome.one_in_two_out_explained  # the check in words, "nothing to compare" for an empty scenario
    verdict = explained.verdict if explained is not None else ("passes" if check.passes else "fails")
    comments = _comments(reviews)
    fingerprint_value = fingerprint(
        ctx.catalogue,
        ctx.policy,
        {"scenario": scenario.name, "decisions": decisions, "comments": sorted(str(r) for r in comments.items())},
    )

    proposals = result.proposals.copy()
    proposals["decision"] = [decisions.get(i, "undecided") for i in proposals["id"]]
    proposals["comments"] = [" | ".join(comments.get(i, [])) for i in proposals["id"]]
    proposals["action_label"] = [action_label(a) for a in proposals["action"]]
    texts = requirement_texts(proposals, result.burden.requirements)  # every proposal with its requirement's words
    proposals["label"] = [
        tb.proposal_label(a, r, t)
        for a, r, t in zip(proposals["action"], proposals["requirements"], texts, strict=True)
    ]
    latest = _latest(reviews)
    proposals["reason"] = [
        latest.get(i, ("", ""))[1] or ("no reason recorded" if i in decisions else "") for i in proposals["id"]
    ]
    proposals["decided_by"] = [latest.get(i, ("", ""))[0] if i in decisions else "" for i in proposals["id"]]
    proposals["owner"] = [ACTION_OWNERS.get(a, DEFAULT_OWNER) for a in proposals["action"]]
    decided = proposals["id"].isin(decisions)
    changing = proposals[proposals["action"].map(is_actionable) | decided].reset_index(drop=True)
    counts = changing["decision"].value_counts()
    accepted_n, rejected_n = int(counts.get("accepted", 0)), int(counts.get("rejected", 0))
    undecided_n = len(changing) - accepted_n - rejected_n

    target = ctx.policy.reduction_target
    meets = float(nat["saving_share"]) >= target
    key_figures = [
        KeyFigure("Decisions", f"{accepted_n} accepted", f"{rejected_n} rejected, {undecided_n} undecided"),
        KeyFigure(
            "Hours released", fmt.hours(nat["saving_hours_central"]),
            f"range {fmt.hours(nat['saving_hours_low'])} to {fmt.hours(nat['saving_hours_high'])}",
        ),
        KeyFigure(
            "Officer-equivalents", fmt.fte(nat["saving_fte_central"]),
            f"range {fmt.fte(nat['saving_fte_low'])} to {fmt.fte(nat['saving_fte_high'])}",
        ),
        KeyFigure(
            "Saving a year", fmt.money(nat["saving_cost_central"]),
            f"range {fmt.money(nat['saving_cost_low'])} to {fmt.money(nat['saving_cost_high'])}",
        ),
        KeyFigure(
            "Share of the burden", fmt.share(nat["saving_share"], nat["before_hours_central"]),
            f"target {fmt.percent(target, 0)}: {'met' if meets else 'missed'}",
        ),
        KeyFigure(
            "One-in-two-out", verdict,
            f"outs {fmt.money(check.outs_cost)} vs ins {fmt.money(check.ins_cost)}",
        ),
    ]  # fmt: skip
    ratio_text = "no new burden" if check.ins_cost <= 0 else f"{check.ratio:.1f} : 1"
    target_text = f"The scenario releases {fmt.percent(nat['saving_share'])} of the burden and so " + (
        f"meets the {fmt.percent(target, 0)} reduction target."
        if meets
        else f"misses the {fmt.percent(target, 0)} reduction target: a further "
        f"{fmt.rounded(target * float(nat['before_cost_central']) - float(nat['saving_cost_central']))} a year "
        "would be needed."
    )
    caveat = (
        "The one-in-two-out rule dates from January 2013; the audit year is "
        f"{audit_year(ctx.policy)}. Applied here it shows what the rule would have asked of the scenario, not a rule "
        "the directives of that year had to meet."
    )
    summary = [
        f"Scenario '{scenario.name}' decides {accepted_n + rejected_n} of {len(changing)} proposals: {accepted_n} "
        f"accepted, {rejected_n} rejected, {undecided_n} undecided."
        + (f" {scenario.description}" if scenario.description else ""),
        f"The accepted proposals would cut the burden from {fmt.hours(nat['before_hours_central'])} to "
        f"{fmt.hours(nat['after_hours_central'])} a year, releasing {fmt.fte(nat['saving_fte_central'])} "
        f"(officer-equivalents) and {fmt.money(nat['saving_cost_central'])} a year, "
        f"{fmt.percent(nat['saving_share'])} of the burden. {target_text}",
        (explained.headline if explained is not None else "") + " " + caveat,
    ]
    if outcome.missing:
        summary.append(
            f"{len(outcome.missing)} accepted proposal(s) no longer arise from the current catalogue and have no "
            "effect; the spreadsheet exports list them."
        )

    summary.append(reading_note(ctx))
    summary.append("What the figures rest on: " + ctx.result.data_quality["statement"])

    overview = Section("scenario", "The scenario and its effect")
    overview.paragraph(summary[0])
    overview.paragraph(summary[1])
    overview.paragraph(
        f"Share of staff time in direct contact with offenders: {fmt.percent(nat['direct_contact_share_before'], 0)} "
        f"before, up to {fmt.percent(nat['direct_contact_share_after'], 1)} after. This "
        f"{nat['direct_contact_assumption']}."
    )
    effect = pd.DataFrame(
        [
            {
                "measure": name,
                "before": nat[f"before_{m}_central"],
                "after": nat[f"after_{m}_central"],
                "saving": nat[f"saving_{m}_central"],
                "saving_low": nat[f"saving_{m}_low"],
                "saving_high": nat[f"saving_{m}_high"],
                "kind": kind,
            }
            for name, m, kind in (
                ("Hours a year", "hours", "hours"), ("FTE", "fte", "fte"), ("Cost a year", "cost", "money")
            )
        ]
    )  # fmt: skip
    for col in ("before", "after", "saving", "saving_low", "saving_high"):
        effect[f"{col}_text"] = [FORMATTERS[k](v) for k, v in zip(effect["kind"], effect[col], strict=True)]
    overview.add(
        Table(
            "scenario_effect",
            "England and Wales before and after the accepted proposals (central, with the saving's range)",
            effect,
            [
                Column("measure", "Measure", "what is measured"),
                Column("before_text", "Before", "central figure before the scenario"),
                Column("after_text", "After", "central figure with the accepted proposals"),
                Column("saving_text", "Saving", "central saving"),
                Column("saving_low_text", "Saving (low)", "saving on the low estimates"),
                Column("saving_high_text", "Saving (high)", "saving on the high estimates"),
            ],
        )
    )

    decided = Section("decisions", "Proposals and decisions")
    decided.paragraph(
        "Every proposal that would change a requirement, with the scenario's decision and the reviewers' comments. "
        "Savings are each proposal's alone, central estimates a year."
    )
    decision_columns = [
        Column("rank", "Rank", "rank by central cost saving", "int"),
        Column("label", "Proposal", "what the proposal does, to which requirement(s)"),
        Column("id", "Proposal id", "stable proposal identifier"),
        Column("action_label", "Action", "what the proposal does"),
        Column("decision", "Decision", "accepted, rejected or undecided in this scenario"),
        Column("reason", "Reason", "the reviewer's latest comment on the decision"),
        Column("decided_by", "Decided by", "the reviewer who made the decision"),
        Column("owner", "Owner", "who acts on the proposal if it is accepted"),
        Column("saving_hours_central", "Hours", "central hours a year saved by this proposal alone", "hours"),
        Column("saving_cost_central", "Saving a year", "central cost a year saved by this proposal alone", "money"),
        Column("risk_level", "Risk", "risk to outcomes"),
        Column("needs_legislation", "Legislation", "needs a change in legislation", "bool"),
        Column("comments", "Comments", "reviewers' comments, newest last"),
    ]
    decision_shown = ["rank", "label", "decision", "reason", "owner", "saving_hours_central", "saving_cost_central",
                      "risk_level"]  # fmt: skip
    order = {"accepted": 0, "rejected": 1, "undecided": 2}
    changing["decision_order"] = changing["decision"].map(order).fillna(3)
    listed = changing.sort_values(["decision_order", "rank"], kind="stable").reset_index(drop=True)
    decided.add(
        Table(
            "decisions", "Proposals with their decisions", listed, decision_columns, document_rows=60,
            document_columns=decision_shown,
        )
    )  # fmt: skip

    details = Section("details", "Decided proposals: rationale, risks and comments")
    chosen = listed[listed["decision"].isin(["accepted", "rejected"])]
    if chosen.empty:
        details.paragraph("No proposal has been decided in this scenario yet.")
    for _, p in chosen.head(40).iterrows():
        items = [
            f"Rationale: {p['rationale']}",
            f"Saving alone: {fmt.hours_range(p['saving_hours_low'], p['saving_hours_central'], p['saving_hours_high'])}"
            f" a year, {fmt.money_range(p['saving_cost_low'], p['saving_cost_central'], p['saving_cost_high'])}.",
            f"Risk to outcomes: {p['outcome_risk']}; confidence {p['confidence']}"
            + ("; needs legislation" if p["needs_legislation"] else "")
            + ".",
        ]
        items.append(f"Owner: {p['owner']}. Reason for the decision: {p['reason']}.")
        items += [f"Comment — {c}" for c in comments.get(p["id"], [])]
        title = f"{p['label']}, {p['decision']} (directive {p['directive']})"
        details.add(Bullets(items, title=title))
    if len(chosen) > 40:
        details.paragraph(f"{len(chosen) - 40} further decided proposals are listed in the table of section 2.")

    savings = Section("savings", "Savings by action and by trust")
    by_action = outcome.by_action.copy()
    by_action["action_label"] = [action_label(a) for a in by_action["action"]]
    savings.add(
        Table(
            "scenario_by_action",
            "Accepted proposals by action",
            by_action,
            [
                Column("action_label", "Action", "what the proposals do"),
                Column("proposals", "Proposals", "accepted proposals", "int"),
                Column("saving_hours_central", "Hours", "sum of central hours saved", "hours"),
                Column("saving_fte_central", "FTE", "sum of central FTE saved", "fte"),
                Column("saving_cost_central", "Saving a year", "sum of central cost saved", "money"),
            ],
        )
    )
    per_trust = outcome.by_trust.sort_values("saving_hours_central", ascending=False, kind="stable")
    if nat["saving_hours_central"] > 0:
        savings.add(
            chart(
                "scenario_trusts",
                "Hours released in each trust",
                charts.bar_chart(
                    per_trust[["trust", "saving_hours_low", "saving_hours_central", "saving_hours_high"]], "trust",
                    "saving_hours_central", "Hours released a year (central, with range)",
                    low="saving_hours_low", high="saving_hours_high", colour=charts.SAVING, limit=12,
                ),
                caption="The twelve trusts releasing most hours.",
            )
        )  # fmt: skip
    savings.add(
        Table(
            "scenario_trusts",
            "Before and after in each trust",
            per_trust.reset_index(drop=True),
            [
                Column("trust", "Trust", "probation trust"),
                Column("before_hours_central", "Hours before", "central hours a year before", "hours"),
                Column("after_hours_central", "Hours after", "central hours a year after", "hours"),
                Column("saving_hours_central", "Hours released", "central hours a year released", "hours"),
                Column("saving_fte_central", "FTE released", "central FTE released", "fte"),
                Column("saving_cost_central", "Saving a year", "central cost saved a year", "money"),
                Column(
                    "direct_contact_share_after", "Direct contact after",
                    "upper bound of the share of staff time with offenders", "percent",
                ),
            ],
            total_row={
                "trust": NATIONAL,
                "before_hours_central": nat["before_hours_central"],
                "after_hours_central": nat["after_hours_central"],
                "saving_hours_central": nat["saving_hours_central"],
                "saving_fte_central": nat["saving_fte_central"],
                "saving_cost_central": nat["saving_cost_central"],
                "direct_contact_share_after": nat["direct_contact_share_after"],
            },
        )
    )  # fmt: skip

    oito = Section("one_in_two_out", "The one-in-two-out check")
    oito.paragraph(summary[2])
    if explained is not None:
        oito.paragraph(explained.ins)
        oito.paragraph(explained.outs)
    oito.add(
        Table(
            "one_in_two_out",
            "One-in-two-out",
            pd.DataFrame(
                [
                    {
                        "ins_cost": check.ins_cost,
                        "outs_cost": check.outs_cost,
                        "ratio": ratio_text,
                        "ratio_required": f"{check.ratio_required:g} : 1",
                        "result": verdict,
                    }
                ]
            ),
            [
                Column("ins_cost", "Ins (new burden a year)", "annual cost of new requirements", "money"),
                Column("outs_cost", "Outs (saving a year)", "annual saving of the accepted proposals", "money"),
                Column("ratio", "Outs : ins", "ratio of outs to ins"),
                Column("ratio_required", "Required", "the policy's ratio"),
                Column("result", "Result", "whether outs reach the required multiple of ins"),
            ],
        )
    )

    oito.paragraph(caveat)
    base = result.national
    findings = [
        f"Decisions: {accepted_n} proposals accepted, {rejected_n} rejected, {undecided_n} undecided, of "
        f"{len(changing)}.",
        f"The accepted proposals release {fmt.rounded(nat['saving_cost_central'])} a year "
        f"({fmt.rounded(nat['saving_hours_central'], 'hours')}) of an administrative burden of "
        f"{burden_sentence(ctx, base, None)}.",
        target_text,
        (
            "One-in-two-out: nothing to compare yet, as no proposal is accepted"
            if verdict == NOTHING_TO_COMPARE
            else f"One-in-two-out: {verdict} ({ratio_text} against {check.ratio_required:g} : 1)"
        )
        + ", a rule of 2013 applied to an earlier year for illustration.",
        f"Prescribed practice with offenders ({fmt.rounded(base['prescribed_cost_central'])} a year) is not in the "
        f"burden and no proposal touches it; {estimates_text(ctx)[0].lower()}{estimates_text(ctx)[1:]}.",
    ]
    nothing = nothing_in_force(ctx)
    if nothing:
        findings.insert(0, nothing)
    advice = [
        Recommendation(
            "Ministry (NOMS)",
            (f"Decide the {undecided_n} undecided proposals. " if undecided_n else "")
            + ("" if meets else "The accepted proposals fall short of the target: look beyond them. ")
            + "Record a reason with every rejection, so the decision can be read later.",
        ),
        Recommendation(
            "Trusts", "Check the accepted proposals against local practice before they take effect, and record "
            "your own minutes where the savings rest on estimates.",
        ),
        Recommendation("Association", "Publish the decisions with their reasons beside the national report."),
    ]  # fmt: skip
    return Report(
        kind="proposals",
        title=f"Proposals and decisions: {scenario.name}",
        subtitle=f"Scenario report, audit year {audit_year(ctx.policy)}",
        audience="For ministry reviewers",
        generated_on=ctx.today,
        fingerprint=fingerprint_value,
        estimate_share=hours_share(ctx),
        no_burden=not result.national["hours_central"],
        key_figures=key_figures,
        summary=summary,
        sections=[overview, decided, details, savings, oito],
        appendix=[method_section(ctx), estimates_section(ctx, None), scope_section(ctx), glossary_section()],
        file_stem=f"proposals-report-{slug(scenario.name)}",
        findings=findings,
        recommendations=advice,
    )
