"""Section builders and wording shared by the national, trust and proposals reports.

One place writes the cost formula for people to read (:data:`COST_FORMULA`), the method and estimates
appendices, the glossary and the scope; :mod:`reports.national`, :mod:`reports.trust` and
:mod:`reports.proposals` compose them.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from audit.plausibility import band_text
from audit.policy import Policy
from audit.stock import financial_year_label
from reports import formatting as fmt
from reports import tables as tb
from reports.context import ReportContext
from reports.model import Chart, Section

CHART_WIDTH = 470
RANGE_COLUMNS = ["requirement", "hours_low", "hours_central", "hours_high"]
NATIONAL = tb.NATIONAL


def hidden_locally(ctx: ReportContext, trust: str) -> bool:
    """True when ``trust``'s own measurements are hidden from the reader (so the report must not call them absent)."""
    return ctx.local_scope is not None and trust != ctx.local_scope


def flagged_figures(ctx: ReportContext, section: Section, trust: str | None) -> None:
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


def chart(key: str, title: str, spec: alt.TopLevelMixin, caption: str = "", width: int = CHART_WIDTH) -> Chart:
    return Chart(key, title, spec.properties(width=width).to_dict(), caption=caption)


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


def reading_note(ctx: ReportContext, share: float) -> str:
    return (
        "How to read the figures: each is a central estimate with its low-high range, a year, for the requirements "
        f"in force on {ctx.policy.audit_date:%d %B %Y}, measured with the Standard Cost Model (Appendix A gives the "
        f"method and every assumption with its source). {fmt.percent(share, 0)} of the figures this report rests "
        "on are estimates rather than cited figures (Appendix B)."
    )


# --- shared appendix ---------------------------------------------------------------------------------


def method_section(ctx: ReportContext) -> Section:
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


def estimates_section(ctx: ReportContext, trust: str | None) -> Section:
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
