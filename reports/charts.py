"""DataFrames -> charts, shared by the web app and the PDF/DOCX reports.

Every function is pure: it takes a DataFrame with documented columns and returns a :class:`ChartSpec`, whose
Vega-Lite spec is ``chart.to_dict()``. Numbers in tooltips are formatted for people; colours come from one
palette so a category keeps its colour across charts. No chart fetches anything.

Altair, which builds the specs, takes half a second to import: it is imported only when a spec is asked for.
The reports never ask: :mod:`reports.svg_charts` draws their charts from ``ChartSpec.drawing`` (the kind of
chart, its fields and its data), while the app asks for the spec it hands to Vega-Lite.

>>> import pandas as pd
>>> bar_chart(pd.DataFrame({"k": ["a"], "v": [1.0]}), "k", "v", "Hours").to_dict()["layer"][0]["mark"]["type"]
'bar'
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    import altair as alt

PURPOSE_COLOURS = {"input": "#d95f02", "process": "#e6ab02", "output": "#1b9e77", "outcome": "#7570b3"}
ACCENT = "#1f4e79"
MUTED = "#b8c4d0"
HIGHLIGHT = "#d62728"
SAVING = "#2ca02c"


class ChartSpec:
    """A chart: what :mod:`reports.svg_charts` draws it from (``drawing``), and its Vega-Lite spec on request.

    ``drawing`` holds the spec's ``usermeta`` (:func:`_drawable`), its data and its size, as ``to_dict()`` gives
    them, or is None for a chart only the chart engine can draw. ``build`` returns the Altair chart.
    """

    def __init__(
        self,
        drawing: dict[str, Any] | None,
        build: Callable[[], Any],
        props: tuple[dict[str, Any], ...] = (),
    ) -> None:
        self.drawing = drawing
        self._build = build
        self._props = props

    def properties(self, **props: Any) -> ChartSpec:
        """Return the chart with top-level properties set (plain values: ``height=300``), as Altair's does."""
        drawing = None if self.drawing is None else {**self.drawing, **props}
        return ChartSpec(drawing, self._build, (*self._props, props))

    def chart(self) -> alt.TopLevelMixin:
        """Return the Altair chart (importing Altair)."""
        chart = self._build()
        for props in self._props:
            chart = chart.properties(**props)
        return chart

    def to_dict(self, validate: bool = True) -> dict[str, Any]:
        """Return the Vega-Lite spec."""
        return dict(self.chart().to_dict(validate=validate))


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Return the rows of ``frame`` as Altair writes them into a spec: dates as ISO text, NaN and inf as None."""
    data = frame.copy()
    for name, dtype in data.dtypes.items():
        if str(dtype).startswith("datetime"):
            data[name] = data[name].apply(lambda x: x.isoformat()).replace("NaT", "")
        elif pd.api.types.is_float_dtype(dtype):
            column = data[name]
            data[name] = column.astype(object).where(~(column.isna() | column.isin([float("inf"), float("-inf")])))
    return [
        {key: (None if not isinstance(value, str | bool) and pd.isna(value) else value) for key, value in row.items()}
        for row in data.astype(object).to_dict(orient="records")
    ]


def _drawable(**meta: object) -> dict[str, dict[str, object]]:
    """Return the ``usermeta`` that lets :mod:`reports.svg_charts` draw the chart without the chart engine."""
    return {"proportion": meta}


def _tooltip(columns: Sequence[tuple[str, str, str]]) -> list[alt.Tooltip]:
    """(field, title, format) -> tooltips; format "" for text, else a number format."""
    import altair as alt

    return [
        alt.Tooltip(f, title=t, format=fmt, type="quantitative") if fmt else alt.Tooltip(f, title=t, type="nominal")
        for f, t, fmt in columns
    ]


def quadrant_chart(
    frame: pd.DataFrame,
    *,
    burden_cut: float,
    relevance_cut: float,
    title: str = "Burden and relevance of each requirement",
) -> ChartSpec:
    """Plot one point per requirement: central hours (log scale) across, relevance composite up.

    ``frame`` columns: ``requirement, directive, text, purpose, hours_central, cost_central, composite``.
    The high-burden / low-relevance corner (hours >= ``burden_cut``, composite < ``relevance_cut``) is
    shaded and labelled. Requirements with no hours or no composite are left out (a log axis has no zero).
    """
    columns = ["requirement", "directive", "text", "purpose", "hours_central", "cost_central", "composite"]
    data = frame.loc[(frame["hours_central"] > 0) & frame["composite"].notna(), columns].copy()
    data["text"] = data["text"].str.slice(0, 120)
    return ChartSpec(None, functools.partial(_quadrant, data, burden_cut, relevance_cut, title))


def _quadrant(
    data: pd.DataFrame, burden_cut: float, relevance_cut: float, title: str
) -> alt.LayerChart | alt.FacetChart:
    import altair as alt

    # Inline values: a catalogue of 10,000 requirements exceeds Altair's 5,000-row guard for DataFrames.
    values = alt.Data(values=data.astype(object).where(data.notna(), None).to_dict(orient="records"))
    x_max = float(data["hours_central"].max()) if len(data) else 10.0
    x_min = float(data["hours_central"].min()) if len(data) else 1.0
    x_cut = min(max(burden_cut, x_min), x_max)
    corner = pd.DataFrame(
        {"x": [x_cut], "x2": [x_max * 1.5], "y": [0.0], "y2": [relevance_cut], "label": ["High burden, low relevance"]}
    )
    scale = alt.Scale(type="log", domain=[max(x_min / 1.5, 0.1), x_max * 1.5], nice=False)
    shade = (
        alt.Chart(corner)
        .mark_rect(color=HIGHLIGHT, opacity=0.08)
        .encode(x=alt.X("x:Q", scale=scale), x2=alt.X2("x2"), y=alt.Y("y:Q"), y2=alt.Y2("y2"))
    )
    label = (
        alt.Chart(corner)
        .mark_text(align="right", baseline="bottom", dx=-6, dy=-6, color=HIGHLIGHT, fontWeight="bold")
        .encode(x=alt.X("x2:Q", scale=scale), y=alt.Y("y:Q"), text=alt.Text("label:N"))
    )
    domain = list(PURPOSE_COLOURS)
    points = (
        alt.Chart(values)
        .mark_circle(size=70, opacity=0.75, stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("hours_central:Q", title="Burden (hours a year, log scale)", scale=scale),
            y=alt.Y("composite:Q", title="Relevance to outcomes (0–1)", scale=alt.Scale(domain=[0, 1])),
            color=alt.Color(
                "purpose:N",
                title="Purpose",
                scale=alt.Scale(domain=domain, range=[PURPOSE_COLOURS[d] for d in domain]),
            ),
            tooltip=_tooltip(
                [
                    ("requirement", "Requirement", ""),
                    ("directive", "Directive", ""),
                    ("text", "Text", ""),
                    ("purpose", "Purpose", ""),
                    ("hours_central", "Hours a year", ",.0f"),
                    ("cost_central", "Cost a year (£)", ",.0f"),
                    ("composite", "Relevance", ".2f"),
                ]
            ),
        )
    )
    return alt.layer(shade, points, label).properties(title=title, height=420)


def bar_chart(
    frame: pd.DataFrame,
    category: str,
    value: str,
    value_title: str,
    *,
    category_title: str | None = None,
    title: str = "",
    value_format: str = ",.0f",
    low: str | None = None,
    high: str | None = None,
    colour: str = ACCENT,
    limit: int | None = None,
) -> ChartSpec:
    """Horizontal bars of ``value`` per ``category``, largest first, with an optional low–high range whisker."""
    data = frame.sort_values(value, ascending=False)
    if limit:
        data = data.head(limit)
    drawn = _drawable(kind="bars", category=category, value=value, value_title=value_title, colour=colour,
                      **({"low": low, "high": high} if low and high else {}))  # fmt: skip
    drawing = {"usermeta": drawn, "data": {"values": _records(data)}, "height": {"step": 26}}
    build = functools.partial(
        _bars, data, category, value, value_title, category_title, title, value_format, low, high, colour, drawn
    )
    return ChartSpec(drawing, build)


def _bars(
    data: pd.DataFrame,
    category: str,
    value: str,
    value_title: str,
    category_title: str | None,
    title: str,
    value_format: str,
    low: str | None,
    high: str | None,
    colour: str,
    drawn: dict[str, Any],
) -> alt.LayerChart | alt.FacetChart:
    import altair as alt

    y = alt.Y(f"{category}:N", title=category_title or "", sort="-x", axis=alt.Axis(labelLimit=260, labelOverlap=False))
    tips = [(category, category_title or category, ""), (value, value_title, value_format)]
    if low and high:
        tips += [(low, "Low", value_format), (high, "High", value_format)]
    # The data goes on the layer, not on each part: Altair would otherwise hash every part's copy of it.
    bars = (
        alt.Chart().mark_bar(color=colour).encode(x=alt.X(f"{value}:Q", title=value_title), y=y, tooltip=_tooltip(tips))
    )
    layers: list[alt.Chart] = [bars]
    if low and high:
        whisker = alt.Chart().mark_rule(color="#333", opacity=0.6)
        layers.append(whisker.encode(x=alt.X(f"{low}:Q"), x2=alt.X2(high), y=y))
    return alt.layer(*layers, data=data).properties(title=title, height=alt.Step(26), usermeta=drawn)


STOCK_SERIES = {"stock_end": "In force at year end", "added": "Added in the year", "removed": "Removed in the year"}


def stock_flow_chart(frame: pd.DataFrame, title: str = "Requirements in force, added and removed") -> ChartSpec:
    """One line per series on one axis: requirements in force at year end, added and removed, per financial year.

    ``frame`` columns: ``year, added, removed, stock_end`` (from ``audit.stock.stock_and_flow``); every series is
    named in the legend. Pass only the years the report covers: the chart draws what it is given.
    """
    data = frame.melt(id_vars="year", value_vars=list(STOCK_SERIES), var_name="series", value_name="count")
    data["series"] = data["series"].map(STOCK_SERIES)
    names = list(STOCK_SERIES.values())
    drawn = _drawable(kind="lines", x="year", series="series", value="count", x_title="Financial year",
                      value_title="Requirements", names=names, colours=["#333333", ACCENT, HIGHLIGHT])  # fmt: skip
    drawing = {"usermeta": drawn, "data": {"values": _records(data)}, "height": 260}
    return ChartSpec(drawing, functools.partial(_stock_flow, data, title, drawn))


def _stock_flow(data: pd.DataFrame, title: str, drawn: dict[str, Any]) -> alt.LayerChart | alt.FacetChart:
    import altair as alt

    names = list(STOCK_SERIES.values())
    line = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title="Financial year", axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("count:Q", title="Requirements"),
            color=alt.Color(
                "series:N",
                title="",
                scale=alt.Scale(domain=names, range=["#333333", ACCENT, HIGHLIGHT]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=_tooltip([("year", "Year", ""), ("series", "Series", ""), ("count", "Requirements", ",.0f")]),
        )
    )
    return alt.layer(line).properties(title=title, height=260, usermeta=drawn)


def tornado_chart(frame: pd.DataFrame, central: float, value_title: str = "National hours a year") -> ChartSpec:
    """The tornado: for each input, the national hours with it at its low and at its high figure, widest first.

    ``frame`` columns: ``label, hours_at_low, hours_at_high, swing_hours`` (from ``audit.uncertainty.sensitivity``);
    ``central`` is the national central hours, drawn as a rule.
    """
    data = frame[["label", "hours_at_low", "hours_at_high", "swing_hours"]].copy()
    drawn = _drawable(kind="bars", category="label", value="hours_at_high", start="hours_at_low",
                      order="swing_hours", central=float(central), value_title=value_title, colour=ACCENT,
                      opacity=0.85)  # fmt: skip
    drawing = {"usermeta": drawn, "data": {"values": _records(data)}, "height": {"step": 22}}
    return ChartSpec(drawing, functools.partial(_tornado, data, central, value_title, drawn))


def _tornado(
    data: pd.DataFrame, central: float, value_title: str, drawn: dict[str, Any]
) -> alt.LayerChart | alt.FacetChart:
    import altair as alt

    y = alt.Y("label:N", title="", sort=alt.EncodingSortField("swing_hours", order="descending"),
              axis=alt.Axis(labelLimit=260))  # fmt: skip
    bars = (
        alt.Chart()
        .mark_bar(color=ACCENT, opacity=0.85)
        .encode(
            x=alt.X("hours_at_low:Q", title=value_title, scale=alt.Scale(zero=False)),
            x2=alt.X2("hours_at_high"),
            y=y,
            tooltip=_tooltip(
                [
                    ("label", "Requirement", ""),
                    ("hours_at_low", "At its low", ",.0f"),
                    ("hours_at_high", "At its high", ",.0f"),
                ]
            ),
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"central": [central]})).mark_rule(color="#333", strokeDash=[4, 4]).encode(x="central:Q")
    )
    return (alt.layer(bars, data=data).properties(height=alt.Step(22)) + rule).properties(usermeta=drawn)


def distribution_chart(
    frame: pd.DataFrame,
    value: str,
    value_title: str,
    highlight: str | None,
    *,
    name: str = "trust",
    title: str = "",
    value_format: str = ",.1f",
    horizontal: bool = False,
) -> ChartSpec:
    """One bar per trust sorted by ``value``, the ``highlight`` trust in red, with the median as a dashed rule.

    ``horizontal`` draws a named row per trust (the app: a fixed height left slanted names no room there);
    upright bars with short names suit a printed page.
    """
    data = frame[[name, value]].copy()
    data["chosen"] = data[name] == highlight
    if horizontal:
        return ChartSpec(None, functools.partial(_distribution, data, value, value_title, name, title, value_format))
    drawn = _drawable(kind="columns", name=name, value=value, value_title=value_title, colours=[MUTED, HIGHLIGHT])
    drawing = {"usermeta": drawn, "data": {"values": _records(data)}, "height": 260}
    return ChartSpec(
        drawing, functools.partial(_distribution, data, value, value_title, name, title, value_format, drawn)
    )


def _distribution(
    data: pd.DataFrame,
    value: str,
    value_title: str,
    name: str,
    title: str,
    value_format: str,
    drawn: dict[str, Any] | None = None,
) -> alt.LayerChart | alt.FacetChart:
    import altair as alt

    colour = alt.Color("chosen:N", scale=alt.Scale(domain=[False, True], range=[MUTED, HIGHLIGHT]), legend=None)
    tips = _tooltip([(name, "Trust", ""), (value, value_title, value_format)])
    if drawn is None:  # the app's: a named row per trust
        trusts = alt.Y(f"{name}:N", sort="-x", title="", axis=alt.Axis(labelLimit=320, labelOverlap=False))
        x = alt.X(f"{value}:Q", title=value_title)
        bars = alt.Chart().mark_bar().encode(y=trusts, x=x, color=colour, tooltip=tips)
        median = alt.Chart().mark_rule(strokeDash=[4, 4], color="#333").encode(x=alt.X(f"median({value}):Q"))
        return alt.layer(bars, median, data=data).properties(title=title, height=alt.Step(16))
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            x=alt.X(f"{name}:N", sort="-y", title="", axis=alt.Axis(labelAngle=-60, labelFontSize=8, labelLimit=140)),
            y=alt.Y(f"{value}:Q", title=value_title),
            color=colour,
            tooltip=tips,
        )
    )
    median = alt.Chart().mark_rule(strokeDash=[4, 4], color="#333").encode(y=alt.Y(f"median({value}):Q"))
    return alt.layer(bars, median, data=data).properties(title=title, height=260, usermeta=drawn)  # data on the layer


def before_after_chart(frame: pd.DataFrame, title: str = "Burden before and after the scenario") -> ChartSpec:
    """Paired bars per trust: hours before and after. ``frame`` columns: ``trust, before, after``."""
    data = frame.melt(id_vars="trust", value_vars=["before", "after"], var_name="when", value_name="hours")
    return ChartSpec(None, functools.partial(_before_after, data, title))


def _before_after(data: pd.DataFrame, title: str) -> alt.Chart:
    import altair as alt

    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("trust:N", title="", sort=alt.EncodingSortField("hours", op="max", order="descending")),
            yOffset=alt.YOffset("when:N", sort=["before", "after"]),
            x=alt.X("hours:Q", title="Hours a year"),
            color=alt.Color("when:N", title="", scale=alt.Scale(domain=["before", "after"], range=[MUTED, ACCENT])),
            tooltip=_tooltip([("trust", "Trust", ""), ("when", "", ""), ("hours", "Hours a year", ",.0f")]),
        )
        .properties(title=title, height=alt.Step(9))
    )


def through_time_chart(
    national: pd.DataFrame, changes: pd.DataFrame, audit_date: object, value_title: str = "Hours a year (central)"
) -> ChartSpec:
    """Line of the national burden at each quarter-end (``date, hours_central``), one axis, the audit date marked.

    A point marks each quarter in which directives came into or went out of force (``changes``: ``date,
    directive, change``); its tooltip names them, so the steps of the line are explained where they happen.
    """
    data = national.assign(date=pd.to_datetime(national["date"]))
    moved = (
        changes.assign(date=pd.to_datetime(changes["date"]))
        .groupby("date", as_index=False)
        .agg(directives=("directive", lambda d: ", ".join(sorted(set(d)))))
        .merge(data[["date", "hours_central"]], on="date", how="left")
    )
    marked = pd.DataFrame({"date": [pd.Timestamp(str(audit_date))]})
    drawn = _drawable(kind="timeline", date="date", value="hours_central", line=0, points=1, rule=2,
                      x_title="Quarter ending", value_title=value_title, colour=ACCENT, point_colour=HIGHLIGHT,
                      rule_colour=MUTED)  # fmt: skip
    layers = [{"data": {"values": _records(part)}} for part in (data, moved, marked)]
    drawing = {"usermeta": drawn, "layer": layers, "width": 560, "height": 220}
    return ChartSpec(drawing, functools.partial(_through_time, data, moved, marked, value_title, drawn))


def _through_time(
    data: pd.DataFrame, moved: pd.DataFrame, marked: pd.DataFrame, value_title: str, drawn: dict[str, Any]
) -> alt.LayerChart | alt.FacetChart:
    import altair as alt

    x = alt.X("date:T", title="Quarter ending", axis=alt.Axis(format="%Y", tickCount="year"))
    y = alt.Y("hours_central:Q", title=value_title, axis=alt.Axis(format=",.0f"), scale=alt.Scale(zero=True))
    line = (
        alt.Chart(data)
        .mark_line(color=ACCENT, interpolate="step-before")
        .encode(x=x, y=y, tooltip=_tooltip([("date", "Quarter ending", ""), ("hours_central", value_title, ",.0f")]))
    )
    points = (
        alt.Chart(moved)
        .mark_point(color=HIGHLIGHT, filled=True, size=40)
        .encode(
            x=x,
            y=y,
            tooltip=[alt.Tooltip("date:T", title="Quarter ending"), alt.Tooltip("directives:N", title="Changed")],
        )
    )
    rule = alt.Chart(marked).mark_rule(color=MUTED, strokeDash=[4, 3]).encode(x="date:T")
    return alt.layer(line, points, rule).properties(width=560, height=220, usermeta=drawn)
