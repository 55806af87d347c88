"""Charts shared by the app and the reports: checked through their Vega-Lite specs."""

from __future__ import annotations

import pandas as pd

from reports import charts


def layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def test_quadrant_plots_log_burden_against_relevance_and_labels_the_corner() -> None:
    frame = pd.DataFrame(
        {
            "requirement": ["R1", "R2", "R3"],
            "directive": ["PI 1/2010"] * 3,
            "text": ["a", "b", "c"],
            "purpose": ["input", "process", "outcome"],
            "hours_central": [10.0, 1000.0, 0.0],
            "cost_central": [1.0, 2.0, 3.0],
            "composite": [0.9, 0.1, 0.5],
        }
    )
    spec = charts.quadrant_chart(frame, burden_cut=100, relevance_cut=0.3).to_dict()
    points = next(layer for layer in layers(spec) if layer["mark"]["type"] == "circle")
    assert points["encoding"]["x"]["scale"]["type"] == "log"
    assert points["encoding"]["y"]["field"] == "composite"
    assert points["encoding"]["color"]["field"] == "purpose"
    tooltip_fields = {t["field"] for t in points["encoding"]["tooltip"]}
    assert {"directive", "hours_central", "composite"} <= tooltip_fields
    label = next(layer for layer in layers(spec) if layer["mark"]["type"] == "text")
    data = spec["datasets"]
    assert any(row.get("label") == "High burden, low relevance" for rows in data.values() for row in rows)
    assert label["encoding"]["text"]["field"] == "label"
    plotted = points["data"]["values"]
    assert [r["requirement"] for r in plotted] == ["R1", "R2"]  # zero hours cannot sit on a log axis


def test_bar_chart_sorts_largest_first_and_draws_the_range() -> None:
    frame = pd.DataFrame({"k": ["a", "b"], "v": [1.0, 5.0], "lo": [0.5, 4.0], "hi": [2.0, 9.0]})
    spec = charts.bar_chart(frame, "k", "v", "Hours", low="lo", high="hi").to_dict()
    bar, rule = layers(spec)
    assert bar["encoding"]["y"]["sort"] == "-x"
    assert (rule["encoding"]["x"]["field"], rule["encoding"]["x2"]["field"]) == ("lo", "hi")


def test_distribution_highlights_the_chosen_trust() -> None:
    frame = pd.DataFrame({"trust": ["A", "B", "C"], "x": [1.0, 2.0, 3.0]})
    spec = charts.distribution_chart(frame, "x", "X", "B").to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert [r["chosen"] for r in rows] == [False, True, False]
    scale = layers(spec)[0]["encoding"]["color"]["scale"]
    assert scale["range"][scale["domain"].index(True)] == charts.HIGHLIGHT  # the chosen trust's bar is red
    assert layers(spec)[1]["encoding"]["y"]["aggregate"] == "median"


def test_stock_flow_has_one_axis_and_every_series_in_its_legend() -> None:
    frame = pd.DataFrame({"year": ["2009-10", "2010-11"], "added": [5, 3], "removed": [2, 1], "stock_end": [10, 12]})
    spec = charts.stock_flow_chart(frame).to_dict()
    assert "resolve" not in spec  # one y axis: no second, independent scale
    parts = layers(spec)
    assert len(parts) == 1
    colour = parts[0]["encoding"]["color"]
    assert colour["scale"]["domain"] == ["In force at year end", "Added in the year", "Removed in the year"]
    assert colour.get("legend") is not None  # the legend names every line
    rows = [r for rs in spec["datasets"].values() for r in rs]
    assert sorted(r["year"] for r in rows) == ["2009-10"] * 3 + ["2010-11"] * 3  # no year it was not given


def test_tornado_draws_each_input_from_its_low_to_its_high() -> None:
    frame = pd.DataFrame(
        {"label": ["A", "B"], "hours_at_low": [90.0, 95.0], "hours_at_high": [120.0, 104.0], "swing_hours": [30.0, 9.0]}
    )
    spec = charts.tornado_chart(frame, central=100.0).to_dict()
    bars = layers(spec)[0]
    assert bars["encoding"]["x"]["field"] == "hours_at_low" and bars["encoding"]["x2"]["field"] == "hours_at_high"
    assert bars["encoding"]["y"]["sort"]["field"] == "swing_hours"


def test_before_after_has_both_series_per_trust() -> None:
    frame = pd.DataFrame({"trust": ["A"], "before": [10.0], "after": [6.0]})
    spec = charts.before_after_chart(frame).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert {(r["when"], r["hours"]) for r in rows} == {("before", 10.0), ("after", 6.0)}
