"""Section builders and wording shared by the national, trust and proposals reports.

One place writes the cost formula for people to read (:data:`COST_FORMULA`), the method and estimates
appendices, the glossary and the scope; :mod:`reports.national`, :mod:`reports.trust` and
:mod:`reports.proposals` compose them.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from audit import evidence
from audit.plausibility import band_text
from audit.policy import Policy, code_names
from audit.proposals import action_label, actionable
from audit.stock import financial_year_label
from audit.study_privacy import WITHHELD, withhold_rows
from catalogue.types import label
from reports import charts
from reports import formatting as fmt
from reports import tables as tb
from reports.context import ReportContext
from reports.model import Bullets, Chart, Recommendation, Section, Table

CHART_WIDTH = 470
RANGE_COLUMNS = ["requirement", "hours_low", "hours_central", "hours_high"]
NATIONAL = tb.NATIONAL


def hidden_locally(ctx: ReportContext, trust: str) -> bool:
    """True when ``trust``'s own measurements are hidden from the reader (so the report must not call them absent)."""
    return ctx.local_scope is not None and trust != ctx.local_scope


def withhold(ctx: ReportContext, table: Table, figures: list[str], text_column: str, trust: str | None = None) -> Table:
    """Return ``table`` with the study figures the reader may not see (``ctx.withheld``) blanked and
    ``text_column`` giving the rule's reason; ``trust`` names the trust of a table without a trust column."""
    if not ctx.withheld:
        return table
    return table.with_changes(frame=withhold_rows(table.frame, set(ctx.withheld), figures, text_column, trust))


def withheld_note(ctx: ReportContext, trust: str, requirements: Any) -> str | None:
    """Return the sentence naming ``trust``'s requirements among ``requirements`` whose study figure is withheld."""
    hidden = sorted({str(r) for r in requirements if (trust, str(r)) in ctx.withheld})
    return f"{', '.join(hidden)} in {trust}: {WITHHELD}" if hidden else None


def flagged_figures(ctx: ReportContext, section: Section, trust: str | None) -> None:
    """Add the paragraph and table of trusts' own figures far from the national ones (of ``trust``, or all)."""
    flagged = withhold(
        ctx, tb.flagged_local_figures(ctx.result, trust), ["value", "comment", "difference_hours"], "reason"
    )
    count = len(flagged.frame)
    if count:
        whose = f"{trust}'s own figures are" if trust else "the trusts' own figures are"
        section.paragraph(
            f"{count} of {whose} far from the national figures ({band_text(ctx.policy)}). Each was confirmed with a "
            "comment when it was saved; check them before relying on the comparison, as one slip (hours typed as "
            "minutes) can move a trust's burden and its place among the trusts."
        )
        section.add(flagged)
    elif trust is None:
        section.paragraph(f"No trust's own figure is far from the national figures ({band_text(ctx.policy)}).")


def chart(key: str, title: str, spec: charts.ChartSpec, caption: str = "", width: int = CHART_WIDTH) -> Chart:
    # The Vega-Lite spec is built only if asked for (the renderers draw from the drawable part): building and
    # validating it took a fifth of a report. The tests check every report chart against the schema.
    return Chart(key, title, spec.properties(width=width), caption=caption)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def against_median(distance: float) -> str:
    """Say how far a trust is from the median trust, e.g. '12% above the median trust'."""
    if abs(distance) < 0.005:
        return "level with the median trust"
    return f"{fmt.percent(abs(distance), 0)} {'above' if distance > 0 else 'below'} the median trust"


def range_detail(row: Any, prefix: str, formatter: Any) -> str:
    return f"range {formatter(row[f'{prefix}_low'])} to {formatter(row[f'{prefix}_high'])}"


def audit_year(policy: Policy) -> str:
    return financial_year_label(policy.audit_date)


ESTIMATE_WORDS = "of the burden's hours rest on at least one estimated figure"

# The cost formula in words, written once: the method appendix, the worked example and the spreadsheets' notes
# read it from here (the code that computes it is audit.burden).
COST_FORMULA = [
    "occurrences a year = occurrences per unit x the trust's volume of the driver (its caseload, commencements, "
    "court reports, staff FTE, or 1 per trust), or the trust's own count",
    "hours = occurrences x minutes each time / 60 x (1 - business-as-usual share)",
    "cost = hours x the hourly tariff of the staff grade that does the work x (1 + overhead rate)",
    "FTE = hours / productive hours a year of that grade",
]


def share_of(value: float | None, total: float | None, of: str) -> str:
    """Return a share in words, '23% of the hours', or 'no burden' when the total is nothing (``fmt.share``)."""
    text = fmt.share(value, total, 0)
    return text if text == fmt.NO_BURDEN else f"{text} {of}"


def purpose_sentence(shares: Any, total: float, whose: str) -> str:
    """Return how ``whose`` hours split between inputs and processes and outputs and outcomes, or that there are
    none to split: 'its hours go on inputs...' never reads '0%' of nothing."""
    share = fmt.share(shares["share_input_process"], total, 0)
    if share == fmt.NO_BURDEN:
        return f"There is {fmt.NO_BURDEN} to split between inputs and processes and outputs and outcomes."
    return f"{share} of {whose} go on inputs and processes rather than on outputs and outcomes."


def estimates_text(ctx: ReportContext, trust: str | None = None) -> str:
    """Return the share of hours resting on an estimate in words, e.g. '40% of the burden's hours rest on ...', or
    that there is no burden when no hours fall on the trust (a share of nothing is not 0%)."""
    row = ctx.result.national if trust is None else ctx.trust_row(trust)
    share = fmt.share(hours_share(ctx, trust), row["hours_central"], 0)
    if share == fmt.NO_BURDEN:
        return f"There is {fmt.NO_BURDEN}, so no hours rest on an estimated figure"
    return f"{share} {ESTIMATE_WORDS}"


def hours_share(ctx: ReportContext, trust: str | None = None) -> float:
    """Return the share of central hours resting on at least one estimate, by weight (0 with no hours)."""
    share = ctx.shared_table(
        f"hours_share:{trust or ''}",
        lambda: evidence.estimated_hours_share(
            ctx.result.burden, trust, rows=None if trust is None else ctx.trust_rows(trust)
        ),
    )  # asked for four times by each report
    return 0.0 if share is None else share


def reading_note(ctx: ReportContext, trust: str | None = None) -> str:
    return (
        "How to read the figures: each is a central estimate a year with its 90% interval or its low-high range, "
        f"for the requirements in force on {ctx.policy.audit_date:%d %B %Y}, measured with the Standard Cost Model "
        "(the method appendix gives the formula, a worked example and every assumption with its source). "
        f"{estimates_text(ctx, trust)}."
    )


def heaviest(ctx: ReportContext, trust: str | None, n: int = 3) -> pd.DataFrame:
    """Return the ``n`` heaviest requirements (national, or in ``trust``) with their text and central hours."""
    if trust is None:
        frame = ctx.result.burden.requirements[["requirement", "directive", "text", "hours_central", "cost_central"]]
    else:
        rows = ctx.trust_rows(trust)
        texts = ctx.requirements_by_id()["text"]
        frame = rows[["requirement", "directive", "hours_central", "cost_central"]].assign(
            text=rows["requirement"].map(texts)
        )
    return frame.sort_values(["hours_central", "requirement"], ascending=[False, True], kind="stable").head(n)


def _interval(ctx: ReportContext, trust: str | None, measure: str) -> tuple[float, float]:
    unc = ctx.result.uncertainty
    if trust is None:
        return unc.national[measure]["p05"], unc.national[measure]["p95"]
    by_name: pd.DataFrame = ctx.shared_table(
        "uncertainty_by_trust", lambda: unc.by_trust.drop_duplicates("trust").set_index("trust")
    )  # asked for four times by each trust report: filtering the frame each time costs more than the lookup
    row = by_name.loc[trust]
    return float(row[f"{measure}_p05"]), float(row[f"{measure}_p95"])


def burden_sentence(ctx: ReportContext, row: Any, trust: str | None) -> str:
    """Return the administrative burden with its 90% interval, rounded: '£62 m a year (90% interval £57–74 m)'."""
    low, high = _interval(ctx, trust, "cost")
    hours_low, hours_high = _interval(ctx, trust, "hours")
    return (
        f"{fmt.interval(row['cost_central'], low, high)} a year, "
        f"{fmt.interval(row['hours_central'], hours_low, hours_high, 'hours')}"
    )


def key_findings(ctx: ReportContext, trust: str | None) -> list[str]:
    """Return the key findings boxed on the first page: burden with its interval, what is apart, what rests on
    estimates, the three heaviest requirements and what the proposals would release."""
    result = ctx.result
    where = trust or NATIONAL
    row = result.national if trust is None else result.by_trust[result.by_trust["trust"] == trust].iloc[0]
    everything = ctx.all_changes()
    release = (
        everything.national if trust is None else everything.by_trust[everything.by_trust["trust"] == trust].iloc[0]
    )
    top = heaviest(ctx, trust)
    names = "; ".join(
        f"{r.requirement} ({r.directive}, "
        + ("study figure withheld" if (trust, r.requirement) in ctx.withheld else fmt.rounded(r.hours_central, "hours"))
        + ")"
        for r in top.itertuples()
    )
    findings = [
        f"Administrative burden of central directives on {'the probation trusts' if trust is None else where}: "
        f"{burden_sentence(ctx, row, trust)}.",
        f"Prescribed practice with offenders is costed apart and is not in the burden: "
        f"{fmt.rounded(row['prescribed_cost_central'])} a year. Work done anyway (business as usual, "
        f"{fmt.rounded(row['bau_cost_central'])}) is taken off.",
        f"{estimates_text(ctx, trust)}; measuring the heaviest of them would narrow the interval most.",
        f"The three heaviest requirements: {names}.",
        f"Accepting every proposal would release {fmt.rounded(release['saving_cost_central'])} a year "
        f"({fmt.rounded(release['saving_hours_central'], 'hours')}), "
        + (
            f"{share_of(everything.national['saving_share'], row['hours_central'], 'of the burden')} against the "
            f"{fmt.percent(ctx.policy.reduction_target, 0)} reduction target."
            if trust is None
            else f"{share_of(_share(release), row['hours_central'], 'of the trust' + chr(39) + 's burden')}."
        ),
    ]
    nothing = nothing_in_force(ctx)
    return [nothing, *findings] if nothing else findings


def _share(row: Any) -> float:
    before = float(row.get("before_hours_central", 0) or 0)
    return float(row["saving_hours_central"]) / before if before > 0 else 0.0


def recommendations(ctx: ReportContext, trust: str | None) -> list[Recommendation]:
    """Return the recommendations of a national or trust report, each with the body that should act."""
    result = ctx.result
    everything = ctx.all_changes()
    share = float(everything.national["saving_share"])
    target = ctx.policy.reduction_target
    first = result.measure_first
    if trust is not None:
        first = result.measure_first_by_trust.get(trust, first["requirement"].tolist())
        first_ids = list(first)[:3]
    else:
        first_ids = first["requirement"].head(3).tolist()
    changing, top_words = ctx.shared_table("changing_proposals", lambda: _changing_proposals(ctx))
    ministry = (
        f"Review the {len(changing)} proposals of this audit, starting with the three that release most ({top_words})."
        if len(changing)
        else "No proposal arises from this audit: keep the catalogue under review as directives change."
    )
    if share < target:
        ministry += (
            f" Together they release {share_of(share, result.national['hours_central'], 'of the burden')}, "
            "short of the "
            f"{fmt.percent(target, 0)} target: reaching it needs changes beyond these rules."
        )
    measure = (
        f"Measure the minutes of {', '.join(first_ids)} first: their estimates move the total most."
        if first_ids
        else "Record the trust's own minutes and counts for its heaviest requirements."
    )
    own = "this trust" if trust else "each trust"
    return [
        Recommendation("Ministry (NOMS)", ministry),
        Recommendation("Trusts", f"{measure} Recording them replaces the national estimates for {own}."),
        Recommendation(
            "Association",
            "Publish the burden each year from the same catalogue and policy (the data fingerprint) and track it "
            f"against the {fmt.percent(target, 0)} reduction target.",
        ),
    ]


def _changing_proposals(ctx: ReportContext) -> tuple[pd.DataFrame, str]:
    """Return the proposals that change something and the three that release most, in words (the same in every
    report of one audit)."""
    proposals = ctx.result.proposals
    changing = proposals[proposals["id"].isin(everything_ids(ctx))]
    top = changing.sort_values("saving_cost_central", ascending=False, kind="stable").head(3)
    return changing, "; ".join(f"{action_label(r.action).lower()} {r.target}" for r in top.itertuples())


def everything_ids(ctx: ReportContext) -> list[str]:
    """Return the ids of every proposal that changes something."""
    return actionable(ctx.result.proposals)["id"].tolist()


# --- shared appendix ---------------------------------------------------------------------------------


def nothing_in_force(ctx: ReportContext) -> str | None:
    """Return the plain sentence for an audit with no requirement in force on its date, or None when some are."""
    if len(ctx.result.burden.requirements):
        return None
    return (
        f"No requirement is in force on the audit date, {ctx.policy.audit_date:%d %B %Y}: every directive in the "
        "catalogue was cancelled, superseded or had expired by then, or none had started, so there is no burden "
        "to measure and every figure in this report is nil."
    )


def worked_example(ctx: ReportContext, trust: str | None = None) -> Bullets:
    """Return one requirement x trust figure worked through from its inputs: the trust's heaviest requirement."""
    result = ctx.result
    trust = trust or result.by_trust.sort_values("trust")["trust"].iloc[0]
    rows = ctx.trust_rows(trust)
    if rows.empty:
        # No requirement in force: there is no figure to work through, and the reader is told why.
        return Bullets(
            [
                f"There is no worked example: no requirement is in force in {trust} on "
                f"{ctx.policy.audit_date:%d %B %Y}, so there is no figure to work through."
            ],
            title="Worked example",
        )
    # A figure the reader may not see is not worked through: the example is the heaviest one they may see.
    rows = rows[[(trust, r) not in ctx.withheld for r in rows["requirement"]]]
    if rows.empty:
        return Bullets(
            [f"There is no worked example: every figure in {trust} is a study figure shown only within the trust."],
            title="Worked example",
        )
    row = rows.sort_values(["hours_central", "requirement"], ascending=[False, True], kind="stable").iloc[0]
    req = ctx.requirements_by_id().loc[row["requirement"]]
    tariff = float(req["hourly_tariff"])
    # The overhead the audit applied to this grade (none when the grade's tariff already includes overheads).
    overhead = float(req["cost_per_hour"]) / tariff - 1 if tariff else 0.0
    grades = {g.code: g.name for g in ctx.catalogue.staff_grades}
    if bool(row["local_occurrences"]):
        count = f"occurrences a year = {fmt.number(row['occurrences'])}, the trust's own count"
    else:
        count = (
            f"occurrences a year = {fmt.number(req['occurrences_per_unit'], 2)} per unit x "
            f"{fmt.number(row['volume'])} ({label(str(row['driver'])).lower()}) = {fmt.number(row['occurrences'])}"
        )
    hours = float(row["occurrences"]) * float(row["minutes_central"]) / 60 * (1 - float(row["bau_share"]))
    cost = hours * tariff * (1 + overhead)
    return Bullets(
        [
            f"Requirement {row['requirement']} ({row['directive']}): {req['text']}",
            count,
            f"hours = {fmt.number(row['occurrences'])} x {fmt.number(row['minutes_central'], 1)} minutes / 60 x "
            f"(1 - {fmt.percent(row['bau_share'], 0)} business as usual) = {fmt.number(hours)} hours",
            f"cost = {fmt.number(hours)} hours x £{tariff:,.2f} an hour ({grades.get(row['grade'], row['grade'])}) x "
            f"(1 + {fmt.percent(overhead, 0)} overhead) = {fmt.money(cost)} a year",
            f"The report's figure for this requirement in {trust}: {fmt.hours(row['hours_central'])}, "
            f"{fmt.money(row['cost_central'])}. The spreadsheet exports hold these inputs for every requirement in "
            "every trust (the sheet 'inputs' of the workbook, the file inputs.csv of the CSV archive).",
        ],
        title=f"Worked example: the heaviest requirement in {trust}",
    )


def method_section(ctx: ReportContext, trust: str | None = None) -> Section:
    policy = ctx.policy
    section = Section("method", "Method and assumptions")
    section.paragraph(
        "The burden is measured with the Standard Cost Model, for each requirement in force on "
        f"{policy.audit_date:%d %B %Y} and each trust:"
    )
    section.add(Bullets(list(COST_FORMULA)))
    section.add(worked_example(ctx, trust))
    section.paragraph(
        "Every requirement carries three times (low, central, high). A trust's own measurement replaces the "
        "national estimate for that trust. Directives issued in "
        f"the {policy.familiarisation_window_months} months to the audit date add a one-off familiarisation "
        "burden, shown separately from the recurring burden."
    )
    section.paragraph(
        "Uncertainty in plain words: the 90% interval comes from 1,000 simulations in which every requirement's "
        "minutes take a value between its low and high figure, independently of the others; in 90 of 100 the "
        "burden fell inside the interval. The low-high range adds every low and every high figure at once, as if "
        "every estimate erred the same way: it is much wider and is a bound, not a likely outcome."
    )
    section.paragraph(
        "Relevance: each requirement is scored 0-3 against each outcome; the composite (0-1) weights the strongest "
        "contribution and the breadth of contributions. Proposals follow fixed proportionality rules (remove, "
        "reduce frequency, simplify, devolve, replace with an outcome measure, merge duplicates, retain); the "
        "thresholds are the policy values below. Each proposal's saving is shown alone; when several proposals "
        "touch one requirement their effects multiply rather than add."
    )
    policy_table = ctx.shared_table("policy", lambda: tb.policy_values(ctx.policy, code_names(ctx.catalogue)))
    if trust is None:
        section.paragraph(
            "Every value the audit uses is listed below with its source. 'Estimate' marks a value not taken from a "
            "cited source; each gives its rationale."
        )
        section.add(policy_table)
    else:
        # A trust's board reads its own figures; the thirty policy values, the same for every trust, are in the
        # national report and in this report's spreadsheets (and out of 35 PDFs' layout time).
        section.paragraph(
            "Every value the audit uses, with its source or the rationale of the estimate, is listed in the national "
            "report's method appendix and in the spreadsheet exports of this report (sheet 'policy')."
        )
        section.add(tb.spreadsheet_only(policy_table))
    inputs = [
        "occurrences", "minutes_low", "minutes_central", "minutes_high", "hours_central", "hours_low", "hours_high",
        "fte_central", "cost_central",
    ]  # fmt: skip
    section.add(withhold(ctx, requirement_inputs(ctx, trust), inputs, "minutes_basis"))
    return section


def requirement_inputs(ctx: ReportContext, trust: str | None) -> Table:
    """Return :func:`reports.tables.requirement_inputs` of every trust or of ``trust``: a trust's rows are taken
    from those of every trust, built once per context (its rows are ordered by trust first)."""
    every: Table = ctx.shared_table("inputs", lambda: tb.requirement_inputs(ctx.result))
    if trust is None:
        return every
    parts = ctx.per_trust("inputs:by_trust", lambda: every.frame)
    if trust not in parts:  # no row (nothing in force): the table itself, with its columns and their types
        return tb.requirement_inputs(ctx.result, trust)
    return every.with_changes(frame=parts[trust].reset_index(drop=True))


def estimates_section(ctx: ReportContext, trust: str | None) -> Section:
    """How much of the burden rests on estimates: by weight, then figure by figure (a table in the national report,
    a sentence in a trust's, whose PDF is one of 35 laid out at once; its spreadsheets keep the table)."""
    section = Section("estimates", "How much rests on estimates")
    counts = tb.estimate_summary(ctx.result, trust)
    opening = (
        f"{estimates_text(ctx, trust)} (a frequency, a time or a volume that is estimated rather than cited or "
        "derived from a published figure), weighted by the hours. "
    )
    closing = (
        "Estimated figures are marked 'estimate' in the tables; a trust can replace them with its own measurements."
    )
    if trust is None:
        section.paragraph(f"{opening}Counted figure by figure, the table below shows how many of each kind are "
                          f"estimates. {closing}")  # fmt: skip
        section.add(counts)
        return section
    section.paragraph(f"{opening}Counted figure by figure, {_counted_in_words(counts)}. {closing}")
    section.add(counts.with_changes(in_documents=False))
    return section


def _counted_in_words(counts: Table) -> str:
    """Return the estimate counts of :func:`reports.tables.estimate_summary` as a clause: 'x of the y requirement
    minutes, ... are estimates: n of the m figures (p%)'."""
    kinds = [f"{row.estimates:,} of the {row.count:,} {row.figures.lower()}" for row in counts.frame.itertuples()]
    total = counts.total_row or {}
    listed = ", ".join(kinds[:-1]) + f" and {kinds[-1]}" if len(kinds) > 1 else "".join(kinds)
    return (
        f"{listed} are estimates: {total.get('estimates', 0):,} of the {total.get('count', 0):,} figures "
        f"({fmt.percent(total.get('share', 0.0))})"
    )


def scope_section(ctx: ReportContext) -> Section:
    """What the audit counts and what it leaves out."""
    nat = ctx.result.national
    section = Section("scope", "Scope and exclusions")
    section.add(
        Bullets(
            [
                f"Counted: the {nat['requirements']} requirements of the {nat['directives']} central directives in "
                f"force on {ctx.policy.audit_date:%d %B %Y} that fall on the {nat['trusts']} probation trusts of "
                "England and Wales, as recurring work a year, plus a one-off familiarisation with new directives.",
                f"Apart: prescribed practice with offenders ({nat['prescribed_requirements']} requirements: the "
                "supervision itself) is costed beside the burden, never in it.",
                "Taken off: the business-as-usual share of each requirement, the work a trust would do without the "
                "directive.",
                f"Counted once: {nat['counted_elsewhere']} requirements whose work another requirement already "
                "counts are left out, so no work is added twice.",
                "Not counted: the cost to courts, prisons, the police and other partners; buying or building IT "
                "systems; local instructions a trust sets itself; the changes of 2014 that replaced the trusts.",
            ],
            title="What the audit counts",
        )
    )
    return section


GLOSSARY = [
    ("Standard Cost Model", "the method that prices an obligation as occurrences x time x tariff"),
    ("Administrative cost", "the cost of all the work a requirement asks for"),
    ("Business as usual", "the share of that work a trust would do anyway; it is taken off"),
    ("Administrative burden", "administrative cost less business as usual: what this report counts"),
    ("Prescribed practice", "the work with offenders a directive prescribes; costed apart, not a burden"),
    ("Driver and volume", "what the number of occurrences follows (caseload, commencements, reports, staff) and "
     "how much of it a trust has"),
    ("Tariff and overhead", "pay per hour of the staff grade, and the share added for overheads"),
    ("FTE", "full-time equivalent: a year's productive hours of one member of staff"),
    ("90% interval", "the range in which the burden fell in 90 of 100 simulations of the estimated times"),
    ("Cited, derived, estimate", "a figure taken from a source, worked out from sourced figures by a stated "
     "formula, or estimated with a stated rationale"),
    ("Proposal", "a change to one requirement (remove, reduce frequency, simplify, devolve, replace, merge) with "
     "its saving"),
    ("One-in-two-out", "the government's rule from January 2013: two pounds of savings for each pound of new burden"),
    ("Reduction target", "the share of the burden to be cut, after the European programme's 25%"),
]  # fmt: skip


def glossary_section() -> Section:
    """The terms the report uses, in plain words."""
    section = Section("glossary", "Glossary")
    section.add(Bullets([f"{term}: {meaning}." for term, meaning in GLOSSARY]))
    return section


def trusts_differ(result: Any) -> bool:
    """Return whether ranking the trusts says something (the rule is ``audit.evidence.trusts_differ``)."""
    return evidence.trusts_differ(result.burden)


SIZE_ONLY = (
    "size only: the trusts have the same volumes per offender and the same national estimates, so their figures "
    "differ only by their size and they are not ranked"
)


def uncertainty_section(ctx: ReportContext) -> Section:
    """How sure the national figure is: the 90% interval, the tornado of inputs, what to measure first."""
    result = ctx.result
    nat = result.national
    section = Section("uncertainty", "How sure the figures are")
    section.paragraph(
        f"The administrative burden is {burden_sentence(ctx, nat, None)}. In 90 of 100 simulations of the "
        "estimated times it fell inside that interval. The low-high range of the tables "
        f"({fmt.rounded(nat['cost_low'])} to {fmt.rounded(nat['cost_high'])}) assumes every estimate errs the same "
        "way at once and is a bound, not a likely outcome."
    )
    sens = result.sensitivity
    if len(sens):
        frame = sens.assign(label=sens["requirement"])
        section.add(
            chart(
                "tornado",
                "What moves the national hours most",
                charts.tornado_chart(frame, float(nat["hours_central"])),
                caption="Each bar: the national hours with that requirement's minutes at its low and at its high "
                "figure, the others held central; the dashed line is the central figure.",
            )
        )
        section.add(tb.sensitivity(sens))
    return section
