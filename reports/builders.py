"""The three reports, one import away: a facade over the modules national, trust and proposals of reports.

>>> ctx = prepare(Catalogue(), Policy(), today=dt.date(2011, 3, 31))  # doctest: +SKIP
>>> documents.write(national_report(ctx), "pdf", "national.pdf")   # doctest: +SKIP

- :func:`prepare(catalogue, policy, today) -> ReportContext`: runs the audit once (:mod:`reports.context`).
- :func:`trust_report(ctx, trust) -> Report`: the trust burden report for a trust's board.
- :func:`national_report(ctx) -> Report`: all trusts compared, for an association.
- :func:`proposals_report(ctx, scenario, reviews) -> Report`: one scenario's proposals and decisions.

All arithmetic comes from :mod:`audit`; the report modules choose, order and word it, sharing the section
builders of :mod:`reports.sections`.
"""

from __future__ import annotations

from reports.context import ReportContext, UnknownTrust, context_from, prepare, resolve_trust, slug
from reports.national import national_report
from reports.proposals import proposals_report, reviews_for
from reports.trust import trust_report

__all__ = [
    "ReportContext",
    "UnknownTrust",
    "context_from",
    "national_report",
    "prepare",
    "proposals_report",
    "resolve_trust",
    "reviews_for",
    "slug",
    "trust_report",
]
