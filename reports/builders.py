"""The content of the three reports, built once as :class:`reports.model.Report` from the audit.

>>> ctx = prepare(Catalogue(), Policy(), today=dt.date(2011, 3, 31))  # doctest: +SKIP
>>> documents.write(national_report(ctx), "pdf", "national.pdf")   # doctest: +SKIP

- :func:`prepare(catalogue, policy, today) -> ReportContext`: runs the audit once; every report of one
  command (``--all``: one per trust) reads the same context. :func:`context_from` wraps an audit already run.
- :func:`trust_report(ctx, trust) -> Report`: the trust burden report for a trust's board.
- :func:`national_report(ctx) -> Report`: all trusts compared, for an association.
- :func:`proposals_report(ctx, scenario, reviews) -> Report`: one scenario's proposals and decisions.

All arithmetic comes from :mod:`audit` (``run_audit``, ``evaluate_scenario``, ``proposal_trust_savings``);
this module chooses, orders and words it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import pandas as pd

from audit.engine import AuditResult, run_audit
from audit.plausibility import band_text
from audit.policy import Policy
from audit.proposals import action_label, actionable, is_actionable
from audit.scenarios import Scenario, ScenarioResult, evaluate_scenario
from audit.stock import financial_year_label
from catalogue import names
from catalogue.models import Catalogue
from reports import charts
from reports import formatting as fmt
from reports import tables as tb
from reports.fingerprint import fingerprint
from reports.model import FORMATTERS, Bullets, Chart, Column, KeyFigure, Report, Section, Table

CHART_WIDTH = 470
RANGE_COLUMNS = ["requirement", "hours_low", "hours_central", "hours_high"]
NATIONAL = tb.NATIONAL


class UnknownTrust(KeyError):
    """The trust named is not in the catalogue."""


@dataclass
class ReportContext:
    """The audit and its inputs, computed once and shared by every report built from them."""

    catalogue: Catalogue
    policy: Policy
    result: AuditResult
    today: dt.date
    fingerprint: str
    # The one trust whose own measurements the reader may see (a trust manager's), None when they see every
    # trust's: the reports then never call another trust's hidden measurements absent.
    local_scope: str | None = None
    _national_only: AuditResult | None = None
    _all_changes: ScenarioResult | None = None
    _cache: dict[str, Any] = field(default_factory=dict)

    @property
    def trusts(self) -> list[str]:
        """Trust names in the catalogue's order."""
        return self.result.by_trust["trust"].tolist()

    def national_only(self) -> AuditResult:
        """The audit without any local measurement: what the national estimates alone give."""
        if self._national_only is None:
            if self.catalogue.local_measurements:
                bare = self.catalogue.model_copy(update={"local_measurements": []})
                self._national_only = run_audit(bare, self.policy)
            else:
                self._national_only = self.result
        return self._national_only

    def all_changes(self) -> ScenarioResult:
        """The effect of accepting every proposal that changes something (the ceiling of what is on offer)."""
        if self._all_changes is None:
            proposals = self.result.proposals
            ids = actionable(proposals)["id"].tolist()
            self._all_changes = evaluate_scenario(self.result, ids)
        return self._all_changes

    def shared_table(self, key: str, build: Any) -> Any:
        """Build a table once per context (the ranking and policy tables are the same in every trust report)."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]


def prepare(
    catalogue: Catalogue,
    policy: Policy | None = None,
    today: dt.date | None = None,
    *,
    local_scope: str | None = None,
) -> ReportContext:
    """Run the audit once and return the context every report reads.

    ``local_scope`` is the one trust whose own measurements the reader may see (``audit.access.local_data_scope``);
    the catalogue passed must already be restricted to it (``audit.access.restrict_catalogue``).
    """
    policy = policy or Policy()
    return ReportContext(
        catalogue=catalogue,
        policy=policy,
        result=run_audit(catalogue, policy),
        today=today or dt.date.today(),
        fingerprint=fingerprint(catalogue, policy),
        local_scope=local_scope,
    )


def context_from(
    catalogue: Catalogue, result: AuditResult, today: dt.date, *, local_scope: str | None = None
) -> ReportContext:
    """Return a context around an audit already run (the app's cached one), without running it again."""
    return ReportContext(
        catalogue=catalogue,
        policy=result.policy,
        result=result,
        today=today,
        fingerprint=fingerprint(catalogue, result.policy),
        local_scope=local_scope,
    )


def _hidden_locally(ctx: ReportContext, trust: str) -> bool:
    """True when ``trust``'s own measurements are hidden from the reader (so the report must not call them absent)."""
    return ctx.local_scope is not None and trust != ctx.local_scope


def _flagged_figures(ctx: ReportContext, section: Section, trust: str | None) -> None:
    """Add the paragraph and table of trusts' own figures far from the national ones (of ``trust``, or all)."""
    flagged = tb.flagged_local_figures(ctx.result, trust)
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


def slug(text: str) -> str:
    """Return a file-name-safe form of ``text``, e.g. ``avon-and-somerset``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "report"


def resolve_trust(ctx: ReportContext, name: str) -> str:
    """Return the trust called ``name``, however spelt (the rule is ``catalogue.names.resolve_trust``)."""
    try:
        return names.resolve_trust(name, ctx.trusts)
    except names.UnknownName as exc:
        raise UnknownTrust(str(exc)) from None


def _chart(key: str, title: str, chart: alt.TopLevelMixin, caption: str = "", width: int = CHART_WIDTH) -> Chart:
    return Chart(key, title, chart.properties(width=width).to_dict(), caption=caption)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _against_median(distance: float) -> str:
    """Say how far a trust is from the median trust, e.g. '12% above the median trust'."""
    if abs(distance) < 0.005:
        return "level with the median trust"
    return f"{fmt.percent(abs(distance), 0)} {'above' if distance > 0 else 'below'} the median trust"


def _range_detail(row: Any, prefix: str, formatter: Any) -> str:
    return f"range {formatter(row[f'{prefix}_low'])} to {formatter(row[f'{prefix}_high'])}"


def _audit_year(policy: Policy) -> str:
    return financial_year_label(policy.audit_date)


def _reading_note(ctx: ReportContext, share: float) -> str:
    return (
        "How to read the figures: each is a central estimate with its low-high range, a year, for the requirements "
        f"in force on {ctx.policy.audit_date:%d %B %Y}, measured with the Standard Cost Model (Appendix A gives the "
        f"method and every assumption with its source). {fmt.percent(share, 0)} of the figures this report rests "
        "on are estimates rather than cited figures (Appendix B)."
    )


# --- shared appendix ---------------------------------------------------------------------------------


def _method_section(ctx: ReportContext) -> Section:
    policy = ctx.policy
    section = Section("method", "Method and assumptions")
    section.paragraph(
        "The burden is measured with the Standard Cost Model. For each requirement in force on "
        f"{policy.audit_date:%d %B %Y} and each trust: occurrences a year = occurrences per unit x the trust's "
        "volume (its caseload, commencements, court reports, staff FTE, or 1 per trust), or the trust's own count; "
        "hours = occurrences x minutes each time / 60 x (1 - business-as-usual share); cost = hours x the hourly "
        "tariff of the staff grade that does the work x (1 + overhead rate); FTE = hours / productive hours a year."
    )
    section.paragraph(
        "Every requirement carries three times (low, central, high); the ranges in this report carry them "
        "through. A trust's own measurement replaces the national estimate for that trust. Directives issued in "
        f"the {policy.familiarisation_window_months} months to the audit date add a one-off familiarisation "
        "burden, shown separately from the recurring burden."
    )
    section.paragraph(
        "Relevance: each requirement is scored 0-3 against each outcome; the composite (0-1) weights the strongest "
        "contribution and the breadth of contributions. Proposals follow fixed proportionality rules (remove, "
        "reduce frequency, simplify, devolve, replace with an outcome measure, merge duplicates, retain); the "
        "thresholds are the policy values below. Each proposal's saving is shown alone; when several proposals "
        "touch one requirement their effects multiply rather than add."
    )
    section.paragraph(
        "Every value the audit uses is listed below with its source. 'Estimate' marks a value not taken from a "
        "cited source; each gives its rationale."
    )
    section.add(ctx.shared_table("policy", lambda: tb.policy_values(ctx.policy)))
    return section


def _estimates_section(ctx: ReportContext, trust: str | None) -> Section:
    section = Section("estimates", "How much rests on estimates")
    share = tb.estimate_share(ctx.result, trust)
    hours_share = tb.estimated_hours_share(ctx.result)
    section.paragraph(
        f"{fmt.percent(share, 0)} of the figures this report rests on are estimates rather than cited figures. "
        f"Requirements with an estimated frequency or time account for {fmt.percent(hours_share, 0)} of the "
        "national central hours. Estimated figures are marked 'estimate' in the tables; a trust can replace them "
        "with its own measurements."
    )
    section.add(tb.estimate_summary(ctx.result, trust))
    return section


# --- trust report ------------------------------------------------------------------------------------


def trust_report(ctx: ReportContext, trust_name: str) -> Report:
    """Return the trust burden report for ``trust_name``."""
    trust = resolve_trust(ctx, trust_name)
    result = ctx.result
    row = result.by_trust[result.by_trust["trust"] == trust].iloc[0]
    bench = result.benchmark[result.benchmark["trust"] == trust].iloc[0]
    n_trusts = len(result.by_trust)
    ranked = not pd.isna(bench["rank"])  # a trust with no caseload has no hours per offender to rank
    rank_text = f"{_ordinal(int(bench['rank']))} heaviest of {n_trusts} trusts" if ranked else "not ranked: no caseload"
    everything = ctx.all_changes().by_trust
    release = everything[everything["trust"] == trust].iloc[0]
    purpose = result.purpose_view
    own_purpose = purpose[purpose["trust"] == trust].iloc[0]
    nat_purpose = purpose[purpose["trust"] == NATIONAL].iloc[0]

    key_figures = [
        KeyFigure("Hours a year", fmt.hours(row["hours_central"]), _range_detail(row, "hours", fmt.hours)),
        KeyFigure("Staff time", fmt.fte(row["fte_central"]), _range_detail(row, "fte", fmt.fte)),
        KeyFigure("Cost a year", fmt.money(row["cost_central"]), _range_detail(row, "cost", fmt.money)),
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
        f"Complying with central directives in force on {ctx.policy.audit_date:%d %B %Y} takes {trust} an "
        f"estimated {fmt.hours(row['hours_central'])} a year (range {fmt.hours(row['hours_low'])} to "
        f"{fmt.hours(row['hours_high'])}): {fmt.fte(row['fte_central'])} of staff time, costing "
        f"{fmt.money(row['cost_central'])} a year, or {fmt.percent(row['share_of_staff_time'])} of its staff's time.",
        (
            f"At {fmt.number(row['hours_per_offender'], 1)} hours per offender supervised it is the "
            f"{_ordinal(int(bench['rank']))} heaviest of the {n_trusts} trusts (median "
            f"{fmt.number(bench['median'], 1)}). "
            if ranked
            else "It has no caseload recorded, so it has no hours per offender and is not ranked among the trusts. "
        )
        + f"{fmt.percent(own_purpose['share_input_process'], 0)} of its hours go on "
        f"inputs and processes rather than outputs and outcomes ({NATIONAL}: "
        f"{fmt.percent(nat_purpose['share_input_process'], 0)}).",
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

    summary.append(_reading_note(ctx, tb.estimate_share(result, trust)))

    burden = Section("burden", "The trust's burden")
    burden.paragraph(summary[0])
    burden.add(tb.trust_figures(result, trust))
    trust_reqs = tb.top_requirements(result, trust, n=15)
    burden.add(
        _chart(
            "trust_top_requirements",
            f"The ten heaviest requirements in {trust}",
            charts.bar_chart(
                trust_reqs.frame[RANGE_COLUMNS].head(10), "requirement", "hours_central",
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
            f"Its burden per offender is {_against_median(distance)} and in the {_ordinal(int(bench['quartile']))} "
            "quarter of the trusts (4th = heaviest). "
            "Differences come from each trust's volumes, its staff mix and any local measurements it has recorded."
        )
    standing.add(
        _chart(
            "trust_distribution",
            "Hours per offender in every trust",
            charts.distribution_chart(
                result.by_trust[["trust", "hours_per_offender"]],
                "hours_per_offender",
                "Hours per offender a year",
                trust,
            ),
            caption=f"{trust} in red; the dashed line is the median trust.",
        )
    )
    ranking = ctx.shared_table("trusts", lambda: tb.trust_ranking(result))
    position = int(ranking.frame.index[ranking.frame["trust"] == trust][0])
    window = list(range(max(0, position - 4), min(len(ranking.frame), position + 5)))
    standing.add(
        ranking.with_changes(
            title=f"{trust} and its neighbours in the ranking of burden per offender",
            document_index=window,
            highlight=("trust", trust),
        )
    )

    top = Section("requirements", "The trust's heaviest requirements")
    top.paragraph(
        f"The fifteen requirements that take most of {trust}'s time; the spreadsheet exports list all "
        f"{len(trust_reqs.frame)}. 'Estimate' marks a requirement whose frequency or time is estimated, 'local' one "
        "measured by the trust."
    )
    top.add(tb.short_text(trust_reqs))

    local = Section("local", "Local measurements beside national estimates")
    local_table = tb.local_measurements(result, ctx.national_only(), trust)
    if _hidden_locally(ctx, trust):
        local.paragraph(
            f"{trust}'s own measurements are not visible to you, so every figure here for {trust} rests on the "
            "national estimates; the trust's own report may differ where it has measured its own figures."
        )
    elif len(local_table.frame):
        local.paragraph(
            f"{trust} has recorded {len(local_table.frame)} measurement(s) of its own. Each replaces the national "
            "estimate for this trust only; the table shows both so the board can see what its own evidence changed."
        )
        local.add(local_table)
        _flagged_figures(ctx, local, trust)
    else:
        local.paragraph(
            f"{trust} has recorded no measurements of its own: every figure here rests on the national estimates. "
            "Recording the trust's own minutes or counts for its heaviest requirements (section 3) would make the "
            "figures its own."
        )

    proposals = Section("proposals", "Proposals that would affect the trust")
    trust_props = tb.trust_proposals(result, trust, n=15)
    proposals.paragraph(summary[2])
    proposals.paragraph(
        f"{len(trust_props.frame)} proposals would release time in {trust}. Each saving below is the proposal's "
        "alone; proposals on the same requirement do not add up."
    )
    proposals.add(trust_props)

    return Report(
        kind="trust",
        title=f"{trust}: burden of central directives",
        subtitle=f"Trust burden report, audit year {_audit_year(ctx.policy)}",
        audience="For the trust's board",
        generated_on=ctx.today,
        fingerprint=ctx.fingerprint,
        estimate_share=tb.estimate_share(result, trust),
        key_figures=key_figures,
        summary=summary,
        sections=[burden, standing, top, local, proposals],
        appendix=[_method_section(ctx), _estimates_section(ctx, trust)],
        file_stem=f"trust-report-{slug(trust)}",
    )


# --- national report ---------------------------------------------------------------------------------


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
    stock_table = tb.stock_and_flow(ctx.catalogue)

    key_figures = [
        KeyFigure("Hours a year", fmt.hours(nat["hours_central"]), _range_detail(nat, "hours", fmt.hours)),
        KeyFigure("Staff time", fmt.fte(nat["fte_central"]), _range_detail(nat, "fte", fmt.fte)),
        KeyFigure("Cost a year", fmt.money(nat["cost_central"]), _range_detail(nat, "cost", fmt.money)),
        KeyFigure("Share of staff time", fmt.percent(nat["share_of_staff_time"]), f"of {fmt.fte(nat['staff_fte'])}"),
        KeyFigure(
            f"Top {conc.top_n} requirements",
            fmt.percent(conc.top_share, 0),
            f"of the hours, from {nat['requirements']} requirements in force",
        ),
        KeyFigure(
            "Could be released",
            fmt.fte(everything.national["saving_fte_central"]),
            f"{fmt.money(everything.national['saving_cost_central'])} a year if every proposal were accepted",
        ),
    ]
    summary = [
        f"The {nat['requirements']} requirements of {nat['directives']} central directives in force on "
        f"{ctx.policy.audit_date:%d %B %Y} take the {nat['trusts']} probation trusts an estimated "
        f"{fmt.hours(nat['hours_central'])} a year (range {fmt.hours(nat['hours_low'])} to "
        f"{fmt.hours(nat['hours_high'])}): {fmt.fte(nat['fte_central'])} of staff time costing "
        f"{fmt.money(nat['cost_central'])} a year, {fmt.percent(nat['share_of_staff_time'])} of all staff time "
        f"and {fmt.number(nat['hours_per_offender'], 1)} hours per offender supervised.",
        f"The burden is concentrated: the {conc.top_n} heaviest requirements take {fmt.percent(conc.top_share, 0)} "
        f"of the hours. {fmt.percent(nat_purpose['share_input_process'], 0)} of the hours go on inputs and "
        "processes rather than on outputs and outcomes.",
        f"Accepting every proposal of the audit would release {fmt.hours(everything.national['saving_hours_central'])}"
        f" a year ({fmt.fte(everything.national['saving_fte_central'])}, "
        f"{fmt.money(everything.national['saving_cost_central'])}), "
        f"{fmt.percent(everything.national['saving_share'], 0)} of the burden, against the "
        f"{fmt.percent(ctx.policy.reduction_target, 0)} reduction target.",
    ]
    if nat["familiarisation_hours_central"] > 0:
        summary.append(
            f"New directives add a one-off {fmt.hours(nat['familiarisation_hours_central'])} of familiarisation in "
            f"the audit year, {fmt.hours(nat['total_hours_central'])} in all."
        )

    summary.append(_reading_note(ctx, tb.estimate_share(result)))

    trusts = Section("trusts", "The trusts ranked and compared")
    trusts.paragraph(summary[0])
    if heaviest is not None and lightest is not None:
        trusts.paragraph(
            f"Per offender supervised, the heaviest burden falls on {heaviest['trust']} "
            f"({fmt.number(heaviest['hours_per_offender'], 1)} hours a year) and the lightest on {lightest['trust']} "
            f"({fmt.number(lightest['hours_per_offender'], 1)}). The spread comes from caseload, staffing and local "
            "measurements; the national estimates are the same for every trust."
        )
    # Charts embed their data: pass only the columns they draw.
    sized = result.by_trust[["trust", "hours_low", "hours_central", "hours_high"]].assign(
        trust_short=[tb.short_trust(t) for t in result.by_trust["trust"]]
    )
    trusts.add(
        _chart(
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
        _chart(
            "national_distribution",
            "Hours per offender in every trust",
            charts.distribution_chart(
                result.by_trust[["trust", "hours_per_offender"]],
                "hours_per_offender",
                "Hours per offender a year",
                None,
            ),
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
    _flagged_figures(ctx, trusts, None)

    concentrated = Section("concentration", "Where the burden is concentrated")
    concentrated.paragraph(summary[1].split(". ")[0] + ".")
    req_table = tb.top_requirements(result, None, n=15)
    concentrated.add(
        _chart(
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
        f"{fmt.percent(nat_purpose['share_input_process'], 0)} of the central hours go on requirements about "
        f"inputs and processes, {fmt.percent(nat_purpose['share_output_outcome'], 0)} on outputs and outcomes. "
        "The outcome table attributes each requirement's hours to the outcomes it serves by its relevance scores."
    )
    purpose.add(tb.by_dimension(result, "purpose"))
    purpose.add(tb.by_dimension(result, "outcome"))
    purpose.add(tb.by_dimension(result, "activity"))
    split = result.purpose_view[result.purpose_view["trust"] != NATIONAL]
    if len(split):
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
            "removed. A directive binds from its effective date until it is cancelled or superseded; passing its "
            "expiry date does not end it."
        )
        over_time.add(
            _chart(
                "stock_flow",
                "Requirements added, removed and in force",
                charts.stock_flow_chart(frame, title=""),
                caption="Bars: requirements added (up) and removed (down) each financial year; line: in force at "
                "year end.",
            )
        )
    over_time.add(stock_table)

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
            _chart(
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
        subtitle=f"National report: England and Wales, audit year {_audit_year(ctx.policy)}",
        audience="For the association and its members",
        generated_on=ctx.today,
        fingerprint=ctx.fingerprint,
        estimate_share=tb.estimate_share(result),
        key_figures=key_figures,
        summary=summary,
        sections=[trusts, concentrated, purpose, over_time, proposals],
        appendix=[_method_section(ctx), _estimates_section(ctx, None)],
        file_stem="national-report",
    )


# --- proposals and decisions report ---------------------------------------------------------------


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
    decided = proposals["id"].isin(decisions)
    changing = proposals[proposals["action"].map(is_actionable) | decided].reset_index(drop=True)
    counts = changing["decision"].value_counts()
    accepted_n, rejected_n = int(counts.get("accepted", 0)), int(counts.get("rejected", 0))
    undecided_n = len(changing) - accepted_n - rejected_n

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
            "Share of the burden", fmt.percent(nat["saving_share"]),
            f"target {fmt.percent(ctx.policy.reduction_target, 0)}",
        ),
        KeyFigure(
            "One-in-two-out", "passes" if check.passes else "fails",
            f"outs {fmt.money(check.outs_cost)} vs ins {fmt.money(check.ins_cost)}",
        ),
    ]  # fmt: skip
    ratio_text = "no new burden" if check.ins_cost <= 0 else f"{check.ratio:.1f} : 1"
    summary = [
        f"Scenario '{scenario.name}' decides {accepted_n + rejected_n} of {len(changing)} proposals: {accepted_n} "
        f"accepted, {rejected_n} rejected, {undecided_n} undecided."
        + (f" {scenario.description}" if scenario.description else ""),
        f"The accepted proposals would cut the burden from {fmt.hours(nat['before_hours_central'])} to "
        f"{fmt.hours(nat['after_hours_central'])} a year, releasing {fmt.fte(nat['saving_fte_central'])} "
        f"(officer-equivalents) and {fmt.money(nat['saving_cost_central'])} a year, "
        f"{fmt.percent(nat['saving_share'])} of the burden.",
        f"One-in-two-out: the savings ('outs', {fmt.money(check.outs_cost)} a year) against the new burden of the "
        f"audit year ('ins', {fmt.money(check.ins_cost)}) give {ratio_text}; at least "
        f"{check.ratio_required:g} : 1 is required, so the scenario {'passes' if check.passes else 'fails'}.",
    ]
    if outcome.missing:
        summary.append(
            f"{len(outcome.missing)} accepted proposal(s) no longer arise from the current catalogue and have no "
            f"effect: {', '.join(outcome.missing[:10])}."
        )

    summary.append(_reading_note(ctx, tb.estimate_share(result)))

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
        Column("id", "Proposal", "stable proposal identifier"),
        Column("action_label", "Action", "what the proposal does"),
        Column("decision", "Decision", "accepted, rejected or undecided in this scenario"),
        Column("saving_hours_central", "Hours", "central hours a year saved by this proposal alone", "hours"),
        Column("saving_cost_central", "Saving a year", "central cost a year saved by this proposal alone", "money"),
        Column("risk_level", "Risk", "risk to outcomes"),
        Column("needs_legislation", "Legislation", "needs a change in legislation", "bool"),
        Column("comments", "Comments", "reviewers' comments, newest last"),
    ]
    decision_shown = [c.key for c in decision_columns if c.key != "needs_legislation"]
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
        items += [f"Comment — {c}" for c in comments.get(p["id"], [])]
        title = f"{p['id']} — {p['action_label'].lower()}, {p['decision']} (directive {p['directive']})"
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
            _chart(
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
    oito.paragraph(
        "'Ins' is the annual cost of the requirements whose directives took effect in the "
        f"{ctx.policy.familiarisation_window_months} months to the audit date, plus any rise the scenario causes; "
        "'outs' is the scenario's annual saving. Both are central estimates."
    )
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
                        "result": "passes" if check.passes else "fails",
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

    return Report(
        kind="proposals",
        title=f"Proposals and decisions: {scenario.name}",
        subtitle=f"Scenario report, audit year {_audit_year(ctx.policy)}",
        audience="For ministry reviewers",
        generated_on=ctx.today,
        fingerprint=fingerprint_value,
        estimate_share=tb.estimate_share(result),
        key_figures=key_figures,
        summary=summary,
        sections=[overview, decided, details, savings, oito],
        appendix=[_method_section(ctx), _estimates_section(ctx, None)],
        file_stem=f"proposals-report-{slug(scenario.name)}",
    )
