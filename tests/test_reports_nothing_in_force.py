"""A catalogue with nothing in force on the audit date: every report still renders, and says so plainly."""

from __future__ import annotations

import datetime as dt

import pytest
from audit_fixtures import two_trust_catalogue

from audit.policy import Policy
from audit.scenarios import Scenario
from catalogue.models import Catalogue
from catalogue.types import DirectiveStatus
from reports import builders, documents
from reports.formatting import NO_BURDEN

TODAY = dt.date(2026, 11, 24)
FORMATS = ("pdf", "docx", "html", "xlsx", "csv")


def nothing_in_force() -> Catalogue:
    """The two-trust catalogue with every directive cancelled before the audit date."""
    catalogue = two_trust_catalogue()
    cancelled = [
        d.model_copy(update={"status": DirectiveStatus.CANCELLED, "ended": "2009-01", "cancelled_by": None})
        for d in catalogue.directives
    ]
    return catalogue.model_copy(update={"directives": cancelled})


@pytest.fixture(scope="module")
def ctx() -> builders.ReportContext:
    return builders.prepare(nothing_in_force(), Policy(), TODAY)


def _reports(ctx: builders.ReportContext) -> dict[str, object]:
    scenario = Scenario("Nothing", "Nothing to decide.", "ann", "2026-11-01", {})
    return {
        "national": builders.national_report(ctx),
        "trust": builders.trust_report(ctx, "A"),
        "proposals": builders.proposals_report(ctx, scenario, []),
    }


@pytest.mark.parametrize("kind", ["national", "trust", "proposals"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_report_of_nothing_in_force_renders_in_every_format(ctx, kind: str, fmt: str, tmp_path) -> None:
    report = _reports(ctx)[kind]
    path = documents.write(report, fmt, tmp_path / f"{kind}.{fmt}")  # the call the command line makes
    assert path.exists() and path.stat().st_size > 0


@pytest.mark.parametrize("kind", ["national", "trust", "proposals"])
def test_a_report_of_nothing_in_force_says_so_plainly(ctx, kind: str) -> None:
    html = documents.render(_reports(ctx)[kind], "html").decode()
    assert "No requirement is in force on" in html
    assert "Worked example: the heaviest requirement" not in html  # there is no requirement to work through


def test_a_national_report_of_nothing_gives_no_share_of_nothing(ctx) -> None:
    html = documents.render(builders.national_report(ctx), "html").decode()
    assert "take 0% of" not in html and "0.0% of the hours" not in html and "nan%" not in html.lower()
    assert NO_BURDEN in html


def test_a_trust_report_of_nothing_gives_no_share_of_nothing(ctx) -> None:
    html = documents.render(builders.trust_report(ctx, "A"), "html").decode()
    assert "0% of its hours go on" not in html and "0% of the trust" not in html and "nan%" not in html.lower()
    assert NO_BURDEN in html


@pytest.mark.parametrize("kind", ["national", "trust", "proposals"])
def test_a_report_of_nothing_says_no_hours_rest_on_estimates_rather_than_0_percent(ctx, kind: str) -> None:
    html = documents.render(_reports(ctx)[kind], "html").decode()
    assert "0% of the burden&#39;s hours rest on" not in html
    assert "no hours rest on an estimated figure" in html


def test_the_national_key_figure_of_concentration_reads_no_burden_of_no_hours(ctx) -> None:
    figure = next(f for f in builders.national_report(ctx).key_figures if f.label.startswith("Top "))
    assert (figure.value, figure.detail) == (NO_BURDEN, "no hours, from 0 requirements in force")
