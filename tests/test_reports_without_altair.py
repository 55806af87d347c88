"""The reports are written without Altair: their charts are drawn from the drawable part of each chart.

Importing Altair costs about half a second a process and building the specs a fifth of a second more, a tenth of
the national PDF. The app still gets the full Vega-Lite spec, which draws as the report's drawing does.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from audit.proposals import actionable
from audit.scenarios import Scenario
from catalogue.dataset import load_default_catalogue
from reports import builders, svg_charts
from reports.model import Report

TODAY = dt.date(2026, 11, 24)
ROOT = Path(__file__).resolve().parents[1]


def test_building_and_writing_every_report_in_every_format_never_imports_altair() -> None:
    # A fresh interpreter: this test process may have imported Altair for other tests.
    script = """
import datetime as dt, sys
from audit.proposals import actionable
from audit.scenarios import Scenario
from catalogue.dataset import load_default_catalogue
from reports import builders, documents
ctx = builders.prepare(load_default_catalogue(), None, dt.date(2026, 11, 24))
ids = actionable(ctx.result.proposals)["id"].tolist()
scenario = Scenario(name="Review", description="", created_by="reviewer", created_at="2011-01-10",
                    decisions={ids[0]: "accepted", ids[1]: "rejected"})
reports = [builders.national_report(ctx), builders.trust_report(ctx, ctx.trusts[0]),
           builders.proposals_report(ctx, scenario)]
assert all(report.charts() for report in reports)
for report, fmt in [(reports[0], "pdf"), (reports[0], "docx"), (reports[1], "html"), (reports[1], "xlsx"),
                    (reports[2], "csv"), (reports[2], "pdf")]:
    assert documents.render(report, fmt)
print(sorted(name for name in sys.modules if name.split(".")[0] == "altair")[:5])
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=600, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "[]", f"the reports imported Altair: {done.stdout[-500:]}"


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    ctx = builders.prepare(load_default_catalogue(), None, TODAY)
    ids = actionable(ctx.result.proposals)["id"].tolist()
    scenario = Scenario(name="Review", description="", created_by="reviewer", created_at="2011-01-10",
                        decisions={ids[0]: "accepted", ids[1]: "rejected"})  # fmt: skip
    return [
        builders.national_report(ctx),
        builders.trust_report(ctx, ctx.trusts[0]),
        builders.proposals_report(ctx, scenario),
    ]


def _as_drawn(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec as the renderers hand it to svg_charts (through its canonical JSON)."""
    return json.loads(json.dumps(spec, sort_keys=True, default=str))


def test_each_report_chart_is_drawn_from_its_drawing_exactly_as_from_its_vega_lite_spec(reports: list[Report]) -> None:
    charts = [chart for report in reports for chart in report.charts()]
    assert len(charts) >= 8
    for chart in charts:
        assert chart.drawing is not chart.spec, f"{chart.key}: drawn from the full spec"
        drawn = svg_charts.draw(_as_drawn(chart.drawing))
        assert drawn is not None, f"{chart.key}: svg_charts cannot draw it"
        assert drawn == svg_charts.draw(_as_drawn(chart.spec)), f"{chart.key}: drawing and spec differ"
