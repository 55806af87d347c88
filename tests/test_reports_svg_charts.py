"""The reports' charts drawn without the chart engine: read back from their SVG, as a reader meets them."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from audit.proposals import actionable
from audit.scenarios import Scenario
from catalogue.dataset import load_default_catalogue
from reports import builders, charts, render_charts, svg_charts
from reports.sections import chart

SVG = "{http://www.w3.org/2000/svg}"


def _texts(svg: str) -> list[str]:
    return [element.text or "" for element in ET.fromstring(svg).iter(f"{SVG}text")]


def _drawn(spec: object) -> str:
    """Return the chart as the reports draw it, checking it is well-formed SVG drawn here."""
    assert isinstance(spec, dict)
    svg = svg_charts.draw(spec)
    assert svg is not None, "a report chart fell back to the chart engine"
    assert ET.fromstring(svg).tag == f"{SVG}svg"
    return svg


def test_every_chart_of_the_three_reports_is_drawn_here() -> None:
    ctx = builders.prepare(load_default_catalogue(), None, dt.date(2026, 11, 24))
    ids = actionable(ctx.result.proposals)["id"].tolist()
    scenario = Scenario(name="Review", description="", created_by="r", created_at="2011-01-10",
                        decisions={ids[0]: "accepted", ids[1]: "rejected"})  # fmt: skip
    reports = [
        builders.national_report(ctx),
        builders.trust_report(ctx, ctx.trusts[0]),
        builders.proposals_report(ctx, scenario),
    ]
    found = [c for report in reports for c in report.charts()]
    assert len(found) >= 10
    for item in found:
        svg = _drawn(item.spec)
        assert render_charts.chart_svg(item.spec) == svg  # the HTML and the PDF print this drawing


def test_bars_name_every_category_largest_first_with_a_titled_axis_and_each_range() -> None:
    frame = pd.DataFrame({"k": ["small", "large <b>", "middle"], "v": [1.0, 9.0, 4.0], "lo": [0.5, 6.0, 3.0],
                          "hi": [2.0, 12.0, 5.0]})  # fmt: skip
    svg = _drawn(chart("c", "Hours", charts.bar_chart(frame, "k", "v", "Hours a year", low="lo", high="hi")).spec)
    texts = _texts(svg)
    assert [t for t in texts if t in {"small", "large <b>", "middle"}] == ["large <b>", "middle", "small"]
    assert "Hours a year" in texts
    assert "0" in texts and "12" in texts  # the axis reaches the highest end of a range
    assert svg.count("<rect") == 1 + 3  # the background and one bar each
    assert svg.count('stroke="#858585"') == 3  # one range line each


def test_columns_name_every_trust_mark_the_chosen_one_and_draw_the_median() -> None:
    frame = pd.DataFrame({"trust": ["A", "B", "C"], "x": [1.0, 2.0, 6.0]})
    svg = _drawn(chart("d", "Per offender", charts.distribution_chart(frame, "x", "X a year", "B")).spec)
    assert {"A", "B", "C", "X a year"} <= set(_texts(svg))
    assert svg.count(f'fill="{charts.HIGHLIGHT}"') == 1 and svg.count(f'fill="{charts.MUTED}"') == 2
    assert 'stroke-dasharray="4,4"' in svg  # the median trust


def test_stock_lines_name_every_series_in_the_legend_and_only_the_years_given() -> None:
    frame = pd.DataFrame({"year": ["2009-10", "2010-11"], "added": [5, 3], "removed": [2, 1], "stock_end": [10, 12]})
    svg = _drawn(chart("s", "Stock", charts.stock_flow_chart(frame, title="")).spec)
    texts = _texts(svg)
    assert set(charts.STOCK_SERIES.values()) <= set(texts)
    assert [t for t in texts if re.fullmatch(r"\d{4}-\d{2}", t)] == ["2009-10", "2010-11"]
    assert svg.count("<path") == 3 and "Requirements" in texts and "Financial year" in texts


def test_burden_through_time_is_bounded_by_its_dates_and_marks_the_audit_date() -> None:
    national = pd.DataFrame({"date": [dt.date(2010, 3, 31), dt.date(2011, 3, 31), dt.date(2012, 3, 31)],
                             "hours_central": [100.0, 250.0, 80.0]})  # fmt: skip
    changes = pd.DataFrame({"date": [dt.date(2011, 3, 31)], "directive": ["PC 1/2011"], "change": ["in"]})
    spec = charts.through_time_chart(national, changes, dt.date(2011, 3, 31)).to_dict(validate=False)
    svg = _drawn(spec)
    years = [t for t in _texts(svg) if re.fullmatch(r"\d{4}", t)]
    assert years == ["2011", "2012"]  # no year before the first quarter or after the last
    assert 'stroke-dasharray="4,3"' in svg  # the audit date
    assert svg.count("<circle") == 1  # the quarter in which a directive changed


def test_the_same_chart_is_drawn_to_the_same_bytes() -> None:
    frame = pd.DataFrame({"k": ["a", "b"], "v": [1.0, 5.0]})
    specs = [chart("c", "t", charts.bar_chart(frame, "k", "v", "Hours")).spec for _ in range(2)]
    assert svg_charts.draw(specs[0]) == svg_charts.draw(specs[1])


@pytest.mark.parametrize("spec", [{"mark": "bar"}, {"usermeta": {"proportion": {"kind": "pie"}}, "mark": "arc"}])
def test_other_specs_are_left_to_the_chart_engine(spec: dict) -> None:
    assert svg_charts.draw(spec) is None
