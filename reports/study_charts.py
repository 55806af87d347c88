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


def pooled_chart(measured: pd.DataFrame, title: str = "Minutes each: trusts' studies against the national estimate"):
    """A dot plot per requirement: each trust's measured minutes with its 95% interval, and the national estimate.

    ``measured`` has ``requirement, trust, value, low, high, national`` (:func:`audit.study_pooling.measured_minutes`).
    """
    y = alt.Y("requirement:N", title=None)
    tooltip = [
        alt.Tooltip("requirement:N", title="Requirement"),
        alt.Tooltip("trust:N", title="Trust"),
        alt.Tooltip("value:Q", title="Minutes", format=",.1f"),
        alt.Tooltip("low:Q", title="From", format=",.1f"),
        alt.Tooltip("high:Q", title="To", format=",.1f"),
        alt.Tooltip("sample_size:Q", title="Participants"),
    ]
    base = alt.Chart(measured, title=title)
    bars = base.mark_rule(color=ACCENT, opacity=0.5).encode(x=alt.X("low:Q", title="Minutes each time"), x2="high:Q",
                                                            y=y, yOffset="trust:N", tooltip=tooltip)  # fmt: skip
    dots = base.mark_point(filled=True, color=ACCENT, size=60).encode(x="value:Q", y=y, yOffset="trust:N",
                                                                      tooltip=tooltip)  # fmt: skip
    national = base.mark_tick(color="#d62728", thickness=3, size=24).encode(
        x="national:Q", y=y, tooltip=[alt.Tooltip("national:Q", title="National estimate", format=",.1f")]
    )
    return alt.layer(bars, dots, national).properties(width="container")
