"""The trust burden report, for a trust's board: its burden, where it stands, its heaviest requirements.

>>> documents.write(trust_report(ctx, "Avon and Somerset"), "pdf", "trust.pdf")  # doctest: +SKIP
"""

from __future__ import annotations

import pandas as pd

from audit.study_privacy import withhold_rows
from reports import charts
from reports import formatting as fmt
from reports import tables as tb
from reports.context import ReportContext, resolve_trust, slug
from reports.model import KeyFigure, Report, Section, Table
from reports.sections import (
    NATIONAL,
    RANGE_COLUMNS,
    SIZE_ONLY,
    against_median,
    audit_year,
    burden_sentence,
    chart,
    estimates_section,
    flagged_figures,
    glossary_section,
    hidden_locally,
    hours_share,
    key_findings,
    method_section,
    ordinal,
    purpose_sentence,
    range_detail,
    reading_note,
    recommendations,
    scope_section,
    trusts_differ,
    withheld_note,
    withhold,
)

# A board reads the ten heaviest requirements and the ten largest proposals (the chart shows the same ten); the
# spreadsheet exports hold every row, and each shortened table says so. Each row of these two tables is a few
# lines of wrapped text, the larger part of laying out a trust's PDF.
BOARD_ROWS = 10


def _withhold_proposals(ctx: ReportContext, table: Table, trust: str) -> Table:
    """Return ``table`` with the savings blank of proposals on a requirement whose study figure the reader may not
    see: a proposal's saving in one trust would give that figure away."""
    if not ctx.withheld or table.frame.empty:
        return table
    frame = table.frame.assign(
        requirement=[
            next(
                (
                    str(r)
                    for r in (reqs if isinstance(reqs, (list, tuple)) else [reqs])
                    if (trust, str(r)) in ctx.withheld
                ),
                "",
            )
            for reqs in table.frame["requirements"]
        ]
    )
    savings = [c for c in frame.columns if str(c).startswith("saving_")]
    frame = withhold_rows(frame, set(ctx.withheld), savings, "risk_level", trust).drop(columns="requirement")
    return table.with_changes(frame=frame)


def _no_savings(ctx: ReportContext) -> pd.DataFrame:
    """Return the savings of a trust in which no proposal saves anything: none of :func:`tb.proposal_savings`."""
    every: pd.DataFrame = ctx.shared_table("proposal_savings:none", lambda: tb.proposal_savings(ctx.result).head(0))
    return every


def trust_report(ctx: ReportContext, trust_name: str) -> Report:
    """Return the trust burden report for ``trust_name``."""
    trust = resolve_trust(ctx, trust_name)
    result = ctx.result
    row = result.by_trust[result.by_trust["trust"] == trust].iloc[0]
    bench = result.benchmark[result.benchmark["trust"] == trust].iloc[0]
    n_trusts = len(result.by_trust)
    compared = trusts_differ(result)  # ranks mean something only when the trusts differ by more than size
    ranked = compared and not pd.isna(bench["rank"])  # a trust with no caseload has no hours per offender to rank
    if ranked:
        rank_text = f"{ordinal(int(bench['rank']))} heaviest of {n_trusts} trusts"
    else:
        rank_text = "not ranked: no caseload" if compared else "not ranked: size only"
    everything = ctx.all_changes().by_trust
    release = everything[everything["trust"] == trust].iloc[0]
    purpose = result.purpose_view
    own_purpose = purpose[purpose["trust"] == trust].iloc[0]
    nat_purpose = purpose[purpose["trust"] == NATIONAL].iloc[0]

    key_figures = [
        KeyFigure("Hours a year", fmt.hours(row["hours_central"]), range_detail(row, "hours", fmt.hours)),
        KeyFigure("Staff time", fmt.fte(row["fte_central"]), range_detail(row, "fte", fmt.fte)),
        KeyFigure("Cost a year", fmt.money(row["cost_central"]), range_detail(row, "cost", fmt.money)),
        KeyFigure(
            "Hours per offender",
            fmt.number(row["hours_per_offender"], 1),
            rank_text,
        ),
        KeyFigure("Share of staff time", fmt.percent(row["share_of_staff_time"]), "burden FTE / staff FTE"),
        KeyFigure(
            "Could be released",
            fmt.fte(release["saving_fte_central"]),
            f"{fmt.money(release['saving_cost_central'])} a year if every proposal were accepted",
        ),
    ]
    summary = [
        f"Complying with central directives in force on {ctx.policy.audit_date:%d %B %Y} puts an administrative "
        f"burden of {burden_sentence(ctx, row, trust)} on {trust}: {fmt.fte(row['fte_central'])} of staff time, "
        f"or {fmt.percent(row['share_of_staff_time'])} of its staff's time.",
        (
            f"At {fmt.number(row['hours_per_offender'], 1)} hours per offender supervised it is the "
            f"{ordinal(int(bench['rank']))} heaviest of the {n_trusts} trusts (median "
            f"{fmt.number(bench['median'], 1)}). "
            if ranked
            else (
                "It has no caseload recorded, so it has no hours per offender and is not ranked among the trusts. "
                if compared
                else f"It is compared with the other trusts by {SIZE_ONLY}. "
            )
        )
        + purpose_sentence(own_purpose, row["hours_central"], "its hours")[:-1]
        + f" ({NATIONAL}: {fmt.share(nat_purpose['share_input_process'], result.national['hours_central'], 0)}).",
        f"If every proposal in this audit were accepted, {trust} would release about "
        f"{fmt.hours(release['saving_hours_central'])} a year ({fmt.fte(release['saving_fte_central'])}, "
        f"{fmt.money(release['saving_cost_central'])}).",
    ]
    if row["familiarisation_hours_central"] > 0:
        summary.append(
            f"Directives issued in the year to the audit date add a one-off "
            f"{fmt.hours(row['familiarisation_hours_central'])} of familiarisation, giving "
            f"{fmt.hours(row['total_hours_central'])} in all this year."
        )

    summary.append(reading_note(ctx, trust))
    summary.append("What the figures rest on: " + ctx.result.data_quality["statement"])

    burden = Section("burden", "The trust's burden")
    burden.paragraph(summary[0])
    burden.add(tb.trust_figures(result, trust))
    # The trust's totals keep every figure; a study figure the reader may not see is blank in its rows.
    trust_reqs = withhold(
        ctx,
        tb.top_requirements(result, trust, n=BOARD_ROWS, rows=ctx.trust_rows(trust)),
        ["hours_central", "hours_low", "hours_high", "hours_range", "cost_central"],
        "basis",
        trust,
    )
    burden.add(
        chart(
            "trust_top_requirements",
            f"The ten heaviest requirements in {trust}",
            charts.bar_chart(
                trust_reqs.frame[RANGE_COLUMNS].dropna(subset=["hours_central"]).head(10), "requirement",
                "hours_central",
                "Hours a year (central, with range)",
                low="hours_low", high="hours_high", limit=10,
            ),
            caption="Bars show central hours a year; the line across each bar the low-high range.",
        )
    )  # fmt: skip
    purpose_rows = purpose[purpose["trust"].isin([trust, NATIONAL])].reset_index(drop=True)
    purpose_table = tb.purpose_split(result)
    purpose_rows["trust_short"] = [tb.short_trust(t) for t in purpose_rows["trust"]]
    purpose_table = purpose_table.with_changes(key="trust_purpose", title="Where the hours go", frame=purpose_rows)
    burden.add(purpose_table)

    standing = Section("standing", "Where the trust stands among the trusts")
    standing.paragraph(summary[1])
    if ranked:
        distance = float(bench["distance_pct"])
        standing.paragraph(
            f"Its burden per offender is {against_median(distance)} and in the {ordinal(int(bench['quartile']))} "
            "quarter of the trusts (4th = heaviest). "
            "Differences come from each trust's volumes, its staff mix and any local measurements it has recorded."
        )
    standing.add(
        chart(
            "trust_distribution",
            "Hours per offender in every trust",
            charts.distribution_chart(
                result.by_trust[["trust", "hours_per_offender"]].assign(
                    trust=[tb.short_trust(t) for t in result.by_trust["trust"]]
                ),
                "hours_per_offender",
                "Hours per offender a year",
                tb.short_trust(trust),
            ).properties(height=300),
            caption=f"{trust} in red; the dashed line is the median trust.",
        )
    )
    ranking = ctx.shared_table("trusts", lambda: tb.trust_ranking(result))
    position = int(ranking.frame.index[ranking.frame["trust"] == trust][0])
    window = list(range(max(0, position - 4), min(len(ranking.frame), position + 5)))
    if compared:
        standing.add(
            ranking.with_changes(
                title=f"{trust} and its neighbours in the ranking of burden per offender",
                document_index=window,
                highlight=("trust", trust),
            )
        )

    top = Section("requirements", "The trust's heaviest requirements")
    top.paragraph(
        f"The ten requirements that take most of {trust}'s time; the spreadsheet exports list all "
        f"{len(trust_reqs.frame)}. 'Estimate' marks a requirement whose frequency or time is estimated, 'local' one "
        "measured by the trust."
    )
    top.add(tb.short_text(trust_reqs))
    note = withheld_note(ctx, trust, trust_reqs.frame["requirement"].head(BOARD_ROWS))
    if note:
        top.paragraph(note)

    local = Section("local", "Local measurements beside national estimates")
    own_rows = ctx.trust_rows(trust)
    if hidden_locally(ctx, trust):
        local.paragraph(
            f"{trust}'s own measurements are not visible to you, so every figure here for {trust} rests on the "
            "national estimates; the trust's own report may differ where it has measured its own figures."
        )
    elif (own_rows["basis"] == "local").any():  # the table has one row per requirement the trust measured
        local_table = withhold(
            ctx,
            tb.local_measurements(
                result, ctx.national_only(), trust, rows=own_rows, national_rows=ctx.national_only_rows(trust)
            ),
            ["own_minutes", "own_minutes_interval", "own_occurrences", "hours_central", "difference_hours"],
            "source",
            trust,
        )
        local.paragraph(
            f"{trust} has recorded {len(local_table.frame)} measurement(s) of its own. Each replaces the national "
            "estimate for this trust only; the table shows both so the board can see what its own evidence changed."
        )
        local.add(local_table)
        note = withheld_note(ctx, trust, local_table.frame["requirement"])
        if note:
            local.paragraph(note)
        shares = local_table.frame[local_table.frame["own_bau_share"].notna()]
        if len(shares):
            local.paragraph(
                f"{trust}'s own business-as-usual shares and where they come from: "
                + "; ".join(f"{r.requirement} {r.own_bau_share:.0%} ({r.own_bau_source})" for r in shares.itertuples())
                + "."
            )
        flagged_figures(ctx, local, trust)
    else:
        local.paragraph(
            f"{trust} has recorded no measurements of its own: every figure here rests on the national estimates. "
            "Recording the trust's own minutes or counts for its heaviest requirements (section 3) would make the "
            "figures its own."
        )

    proposals = Section("proposals", "Proposals that would affect the trust")
    # Each proposal's savings in every trust are computed once for all the trust reports of one audit.
    savings = ctx.per_trust("proposal_savings", lambda: tb.proposal_savings(result))
    trust_props = _withhold_proposals(
        ctx, tb.trust_proposals(result, trust, n=BOARD_ROWS, savings=savings.get(trust, _no_savings(ctx))), trust
    )
    proposals.paragraph(summary[2])
    proposals.paragraph(
        f"{len(trust_props.frame)} proposals would release time in {trust}. Each saving below is the proposal's "
        "alone; proposals on the same requirement do not add up."
    )
    proposals.add(trust_props)

    return Report(
        kind="trust",
        title=f"{trust}: burden of central directives",
        subtitle=f"Trust burden report, audit year {audit_year(ctx.policy)}",
        audience="For the trust's board",
        generated_on=ctx.today,
        fingerprint=ctx.fingerprint,
        estimate_share=hours_share(ctx, trust),
        no_burden=not row["hours_central"],
        key_figures=key_figures,
        summary=summary,
        sections=[burden, standing, top, local, proposals],
        appendix=[method_section(ctx, trust), estimates_section(ctx, trust), scope_section(ctx), glossary_section()],
        file_stem=f"trust-report-{slug(trust)}",
        findings=key_findings(ctx, trust),
        recommendations=recommendations(ctx, trust),
    )
