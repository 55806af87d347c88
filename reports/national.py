"""The national report, for the association: every trust compared, concentration, purpose, stock, proposals.

>>> documents.write(national_report(ctx), "pdf", "national.pdf")  # doctest: +SKIP
"""

from __future__ import annotations

from audit.proposals import action_label
from audit.through_time import burden_through_time
from reports import charts
from reports import formatting as fmt
from reports import tables as tb
from reports.context import ReportContext
from reports.model import Column, KeyFigure, Report, Section, Table
from reports.sections import (
    NATIONAL,
    RANGE_COLUMNS,
    SIZE_ONLY,
    audit_year,
    burden_sentence,
    chart,
    estimates_section,
    flagged_figures,
    glossary_section,
    hours_share,
    key_findings,
    method_section,
    purpose_sentence,
    range_detail,
    reading_note,
    recommendations,
    scope_section,
    share_of,
    trusts_differ,
    uncertainty_section,
)


def national_report(ctx: ReportContext) -> Report:
    """Return the national report: every trust ranked and compared, concentration, purpose, stock, proposals."""
    result = ctx.result
    nat = result.national
    conc = result.concentration
    everything = ctx.all_changes()
    nat_purpose = result.purpose_view[result.purpose_view["trust"] == NATIONAL].iloc[0]
    ranking = tb.trust_ranking(result)
    heaviest = ranking.frame.iloc[0] if len(ranking.frame) else None
    lightest = ranking.frame.iloc[-1] if len(ranking.frame) else None
    stock_table = tb.stock_and_flow(ctx.catalogue, until=ctx.policy.audit_date)
    compared = trusts_differ(result)

    key_figures = [
        KeyFigure("Hours a year", fmt.hours(nat["hours_central"]), range_detail(nat, "hours", fmt.hours)),
        KeyFigure("Staff time", fmt.fte(nat["fte_central"]), range_detail(nat, "fte", fmt.fte)),
        KeyFigure("Cost a year", fmt.money(nat["cost_central"]), range_detail(nat, "cost", fmt.money)),
        KeyFigure("Share of staff time", fmt.percent(nat["share_of_staff_time"]), f"of {fmt.fte(nat['staff_fte'])}"),
        KeyFigure(
            f"Top {conc.top_n} requirements",
            fmt.share(conc.top_share, nat["hours_central"], 0),
            f"of the hours, from {nat['requirements']} requirements in force"
            if nat["hours_central"]
            else f"no hours, from {nat['requirements']} requirements in force",
        ),
        KeyFigure(
            "Could be released",
            fmt.fte(everything.national["saving_fte_central"]),
            f"{fmt.money(everything.national['saving_cost_central'])} a year if every proposal were accepted",
        ),
    ]
    summary = [
        f"The {nat['requirements']} requirements of {nat['directives']} central directives in force on "
        f"{ctx.policy.audit_date:%d %B %Y} put an administrative burden of {burden_sentence(ctx, nat, None)} on "
        f"the {nat['trusts']} probation trusts: {fmt.fte(nat['fte_central'])} of staff time costing "
        f"{fmt.money(nat['cost_central'])} a year, {fmt.percent(nat['share_of_staff_time'])} of all staff time "
        f"and {fmt.number(nat['hours_per_offender'], 1)} hours per offender supervised.",
        (
            f"The burden is concentrated: the {conc.top_n} heaviest requirements take "
            f"{share_of(conc.top_share, nat['hours_central'], 'of the hours')}. "
            if nat["hours_central"]
            else f"There is {fmt.NO_BURDEN} to concentrate: no requirement takes any hours. "
        )
        + purpose_sentence(nat_purpose, nat["hours_central"], "the hours"),
        f"Accepting every proposal of the audit would release {fmt.hours(everything.national['saving_hours_central'])}"
        f" a year ({fmt.fte(everything.national['saving_fte_central'])}, "
        f"{fmt.money(everything.national['saving_cost_central'])}), "
        f"{share_of(everything.national['saving_share'], nat['hours_central'], 'of the burden')}, against the "
        f"{fmt.percent(ctx.policy.reduction_target, 0)} reduction target.",
    ]
    if nat["familiarisation_hours_central"] > 0:
        summary.append(
            f"New directives add a one-off {fmt.hours(nat['familiarisation_hours_central'])} of familiarisation in "
            f"the audit year, {fmt.hours(nat['total_hours_central'])} in all."
        )

    summary.append(reading_note(ctx))
    summary.append("What the figures rest on: " + ctx.result.data_quality["statement"])

    trusts = Section("trusts", "The trusts ranked and compared" if compared else "The trusts compared")
    trusts.paragraph(summary[0])
    if not compared:
        trusts.paragraph(f"The trusts are compared by {SIZE_ONLY}.")
        frame = ranking.frame.sort_values("trust", kind="stable").reset_index(drop=True)
        shown = [k for k in ranking.document_columns or [] if k != "rank"]
        ranking = ranking.with_changes(
            frame=frame, document_columns=shown, title="The trusts and their burden (alphabetical)"
        )
    elif heaviest is not None and lightest is not None:
        trusts.paragraph(
            f"Per offender supervised, the heaviest burden falls on {heaviest['trust']} "
            f"({fmt.number(heaviest['hours_per_offender'], 1)} hours a year) and the lightest on {lightest['trust']} "
            f"({fmt.number(lightest['hours_per_offender'], 1)}). The spread comes from caseload, staffing and local "
            "measurements (the per-trust volumes are derived from published figures); the national estimates are the "
            "same for every trust."
        )
    # Charts embed their data: pass only the columns they draw.
    sized = result.by_trust[["trust", "hours_low", "hours_central", "hours_high"]].assign(
        trust_short=[tb.short_trust(t) for t in result.by_trust["trust"]]
    )
    trusts.add(
        chart(
            "national_trust_hours",
            "Hours a year in every trust",
            charts.bar_chart(
                sized, "trust_short", "hours_central", "Hours a year (central, with range)",
                low="hours_low", high="hours_high",
            ).properties(height=13 * len(sized)),
            caption="Central hours a year spent complying; the line across each bar is the low-high range. Larger "
            "trusts carry more hours; the chart below compares them per offender.",
        )
    )  # fmt: skip
    trusts.add(
        chart(
            "national_distribution",
            "Hours per offender in every trust",
            charts.distribution_chart(
                result.by_trust[["trust", "hours_per_offender"]].assign(
                    trust=[tb.short_trust(t) for t in result.by_trust["trust"]]
                ),
                "hours_per_offender",
                "Hours per offender a year",
                None,
            ).properties(height=300),
            caption="One bar per trust, heaviest first; the dashed line is the median trust.",
        )
    )
    ranking = ranking.with_changes(total_row={
        "trust": NATIONAL,
        "trust_short": NATIONAL,
        "caseload": nat["caseload"],
        "hours_central": nat["hours_central"],
        "hours_low": nat["hours_low"],
        "hours_high": nat["hours_high"],
        "hours_range": tb.range_text(nat, "hours"),
        "fte_central": nat["fte_central"],
        "cost_central": nat["cost_central"],
        "hours_per_offender": nat["hours_per_offender"],
        "share_of_staff_time": nat["share_of_staff_time"],
    })  # fmt: skip
    trusts.add(ranking)
    if ctx.local_scope is not None:
        trusts.paragraph(
            f"Only {ctx.local_scope}'s own measurements are visible to you: other trusts' own measurements are not "
            "visible to you, so their figures here rest on the national estimates."
        )
    flagged_figures(ctx, trusts, None)

    concentrated = Section("concentration", "Where the burden is concentrated")
    concentrated.paragraph(summary[1].split(". ")[0] + ".")
    req_table = tb.top_requirements(result, None, n=15)
    concentrated.add(
        chart(
            "national_top_requirements",
            "The fifteen heaviest requirements",
            charts.bar_chart(
                req_table.frame[RANGE_COLUMNS].head(15), "requirement", "hours_central",
                "Hours a year (central, with range)",
                low="hours_low", high="hours_high", limit=15,
            ),
            caption="Central hours a year across all trusts; the line across each bar is the low-high range.",
        )
    )  # fmt: skip
    concentrated.add(tb.short_text(req_table))
    concentrated.add(tb.by_dimension(result, "directive", n=15))
    concentrated.add(tb.by_dimension(result, "issuer"))
    concentrated.paragraph(
        "The XLSX and CSV exports add the full Pareto table: every requirement with the cumulative share of hours."
    )
    concentrated.add(tb.spreadsheet_only(tb.concentration(result)))

    purpose = Section("purpose", "Inputs and processes versus outputs and outcomes")
    purpose.paragraph(
        (
            f"{fmt.share(nat_purpose['share_input_process'], nat['hours_central'], 0)} of the central hours go on "
            f"requirements about inputs and processes, "
            f"{fmt.share(nat_purpose['share_output_outcome'], nat['hours_central'], 0)} on outputs and outcomes. "
            if nat["hours_central"]
            else f"There is {fmt.NO_BURDEN}: no central hours go on inputs and processes or outputs and outcomes. "
        )
        + "The outcome table attributes each requirement's hours to the outcomes it serves by its relevance scores."
    )
    purpose.add(tb.by_dimension(result, "purpose"))
    purpose.add(tb.by_dimension(result, "outcome"))
    purpose.add(tb.by_dimension(result, "activity"))
    split = result.purpose_view[result.purpose_view["trust"] != NATIONAL]
    if len(split) and nat["hours_central"]:
        low, high = split.loc[split["share_input_process"].idxmin()], split.loc[split["share_input_process"].idxmax()]
        purpose.paragraph(
            "Across the trusts the share on inputs and processes runs from "
            f"{fmt.percent(low['share_input_process'], 0)} ({low['trust']}) to "
            f"{fmt.percent(high['share_input_process'], 0)} ({high['trust']}); the XLSX and CSV exports give it for "
            "every trust."
        )
    purpose.add(tb.spreadsheet_only(tb.purpose_split(result)))

    over_time = Section("stock", "Requirements in force over time")
    frame = stock_table.frame
    if len(frame):
        first, last = frame.iloc[0], frame.iloc[-1]
        over_time.paragraph(
            f"From {first['year']} to {last['year']} the requirements in force went from {int(first['stock_start'])} "
            f"to {int(last['stock_end'])}: {int(frame['added'].sum())} added and {int(frame['removed'].sum())} "
            f"removed, to the end of the audit year. A directive binds from its effective date until it is "
            "cancelled or superseded, or, for a Probation Circular, until its printed expiry date."
        )
        over_time.add(
            chart(
                "stock_flow",
                "Requirements added, removed and in force",
                charts.stock_flow_chart(frame, title=""),
                caption=f"Requirements in force at the end of each financial year, added and removed in it, from "
                f"{first['year']} to {last['year']} (the audit year).",
            )
        )
    over_time.add(stock_table)
    burden_over_time, _, moved = burden_through_time(ctx.catalogue, ctx.policy)
    if len(burden_over_time):
        over_time.add(
            chart(
                "burden_through_time",
                "The burden through time",
                charts.through_time_chart(burden_over_time, moved, ctx.policy.audit_date),
                caption=f"National administrative burden (central hours a year) with the same catalogue audited at "
                f"every quarter-end from {burden_over_time['date'].iloc[0]:%B %Y} to "
                f"{burden_over_time['date'].iloc[-1]:%B %Y}; the dashed line is the audit date and each red point a "
                "quarter in which directives came into or went out of force. National Standards 2007 were replaced "
                "on 5 April 2011, days after the audit date.",
            )
        )

    proposals = Section("proposals", "The top proposals and what they would release")
    proposals.paragraph(summary[2])
    by_action = everything.by_action.copy()
    by_action["action_label"] = [action_label(a) for a in by_action["action"]]
    by_action = by_action.sort_values("saving_cost_central", ascending=False, kind="stable").reset_index(drop=True)
    proposals.add(
        Table(
            "proposals_by_action",
            "Proposals by action",
            by_action,
            [
                Column("action_label", "Action", "what the proposals do"),
                Column("proposals", "Proposals", "number of proposals", "int"),
                Column("saving_hours_central", "Hours released", "sum of the proposals' central hours saved", "hours"),
                Column("saving_fte_central", "FTE released", "sum of the proposals' central FTE saved", "fte"),
                Column("saving_cost_central", "Saving a year", "sum of the proposals' central cost saved", "money"),
            ],
            note="Sums of each proposal's saving alone; the combined effect in the text allows for overlaps.",
        )
    )
    if len(by_action):
        proposals.add(
            chart(
                "proposals_by_action",
                "Central cost saving a year by kind of proposal",
                charts.bar_chart(
                    by_action, "action_label", "saving_cost_central", "Saving a year (£, central, with range)",
                    low="saving_cost_low", high="saving_cost_high", colour=charts.SAVING,
                ),
                caption="Sum of each proposal's saving alone; the line across each bar is the low-high range.",
            )
        )  # fmt: skip
    proposals.add(tb.national_proposals(result, n=20))

    return Report(
        kind="national",
        title="The burden of central directives on probation trusts",
        subtitle=f"National report: England and Wales, audit year {audit_year(ctx.policy)}",
        audience="For the association and its members",
        generated_on=ctx.today,
        fingerprint=ctx.fingerprint,
        estimate_share=hours_share(ctx),
        no_burden=not ctx.result.national["hours_central"],
        key_figures=key_figures,
        summary=summary,
        sections=[trusts, concentrated, uncertainty_section(ctx), purpose, over_time, proposals, scope_section(ctx)],
        appendix=[method_section(ctx), estimates_section(ctx, None), glossary_section()],
        file_stem="national-report",
        findings=key_findings(ctx, None),
        recommendations=recommendations(ctx, None),
    )
