"""The Trust page's "Among the 35 trusts" chart names every trust on its axis and has a tooltip.

Drawn as upright bars in a fixed height, the chart's slanted names took the height from the bars in the app and
most names were dropped; one bar per trust across, each named, with a row of height per trust, reads whole.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from reports import charts

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")
KENT = "Kent Probation"


def bars_and_names(spec: dict) -> tuple[dict, set[str]]:
    bars = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    rows = [r for data in spec.get("datasets", {}).values() for r in data]
    return bars, {r["trust"] for r in rows}


def assert_every_trust_named(spec: dict) -> None:
    bars, _ = bars_and_names(spec)
    trust_axis = bars["encoding"]["y"]
    assert trust_axis["field"] == "trust" and trust_axis["type"] == "nominal"
    assert trust_axis["axis"]["labelOverlap"] is False  # no name is dropped to make room
    assert trust_axis["axis"]["labelLimit"] >= 250  # "Staffordshire and West Midlands Probation Trust" whole
    assert "step" in spec["height"]  # a row of height per trust, whatever the container
    assert [t["title"] for t in bars["encoding"]["tooltip"]][:1] == ["Trust"]


def test_the_distribution_across_trusts_puts_a_named_row_per_trust() -> None:
    frame = pd.DataFrame({"trust": ["A", "B", "C"], "x": [1.0, 2.0, 3.0]})
    spec = charts.distribution_chart(frame, "x", "X", "B", horizontal=True).to_dict()
    assert_every_trust_named(spec)
    median = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "rule")
    assert median["encoding"]["x"]["aggregate"] == "median"


def test_the_trust_page_names_every_trust_among_the_35(app_db) -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["trust"] = KENT
    at.run()
    at.switch_page("app_pages/trust_page.py").run()
    assert not at.exception
    [chart] = [c for c in at.get("vega_lite_chart") if "in red" in str(json.loads(c.proto.spec).get("title", ""))]
    assert_every_trust_named(json.loads(chart.proto.spec))
    # The app sends the chart's rows beside the spec, as Arrow data sets.
    names = {t for d in chart.proto.datasets for t in convert_arrow_bytes_to_pandas_df(d.data.data)["trust"]}
    assert len(names) == 35 and KENT in names
