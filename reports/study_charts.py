"""A time study's results as a chart: the measured minutes per occurrence with their 95% interval beside the
national estimate (central figure, low to high), one row per requirement.

>>> import pandas as pd
>>> frame = pd.DataFrame({"requirement": ["R1"], "minutes_per_occurrence": [15.0], "minutes_low": [10.0],
...     "minutes_high": [20.0], "national_minutes": [75.0], "national_minutes_low": [45.0],
...     "national_minutes_high": [120.0]})
>>> sorted({layer["mark"]["type"] for layer in minutes_chart(frame).to_dict()["layer"]})
['point', 'rule']
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from reports.charts import ACCENT, MUTED

STUDY = "This study (95% interval)"
NATIONAL = "National estimate (low to high)"


def minutes_long(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the study's and the national minutes as rows: ``requirement, source, value, low, high``."""
    study = frame[["requirement", "minutes_per_occurrence", "minutes_low", "minutes_high"]].set_axis(
        ["requirement", "value", "low", "high"], axis=1
    )
    national = frame[["requirement", "national_minutes", "national_minutes_low", "national_minutes_high"]].set_axis(
        ["requirement", "value", "low", "high"], axis=1
    )
    out = pd.concat([study.assign(source=STUDY), national.assign(source=NATIONAL)], ignore_index=True)
    return out.dropna(subset=["value"])[["requirement", "source", "value", "low", "high"]]


def minutes_chart(
    frame: pd.DataFrame, title: str = "Minutes per occurrence: measured and national"
) -> alt.LayerChart | alt.FacetChart:
    """Dots with interval bars: the study's minutes per occurrence beside the national estimate, per requirement."""
    data = minutes_long(frame)
    colour = alt.Color("source:N", title=None, scale=alt.Scale(domain=[STUDY, NATIONAL], range=[ACCENT, MUTED]))
    y = alt.Y("requirement:N", title=None)
    offset = alt.YOffset("source:N", scale=alt.Scale(domain=[STUDY, NATIONAL]))
    tooltip = [
        alt.Tooltip("requirement:N", title="Requirement"),
        alt.Tooltip("source:N", title="Figure"),
        alt.Tooltip("value:Q", title="Minutes", format=",.1f"),
        alt.Tooltip("low:Q", title="From", format=",.1f"),
        alt.Tooltip("high:Q", title="To", format=",.1f"),
    ]
    base = alt.Chart(data, title=title)
    bars = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("low:Q", title="Minutes each time"), x2="high:Q", y=y, yOffset=offset, color=colour, tooltip=tooltip
    )
    dots = base.mark_point(filled=True, size=70).encode(x="value:Q", y=y, yOffset=offset, color=colour, tooltip=tooltip)
    return alt.layer(bars, dots).properties(width="container")
