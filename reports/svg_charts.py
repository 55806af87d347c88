"""The reports' own charts drawn as SVG here, from the Vega-Lite specs of :mod:`reports.charts`.

The chart engine (vl-convert) takes half a second to start in each process and about a tenth of a second a
chart; a trust report's two charts cost as much as a sixth of its PDF. The bar, column and line charts the
reports print are simple, so they are drawn here in a few milliseconds, in the chart engine's style: labelled
axes, one value axis with a light grid, the legend under the chart, nothing hidden. ``reports.charts`` marks each
spec it can be drawn from with ``usermeta.proportion`` (the kind of chart and its fields); :func:`draw` returns
None for any other spec, which the chart engine then draws.

>>> spec = {"usermeta": {"proportion": {"kind": "bars", "category": "k", "value": "v", "value_title": "Hours"}},
...         "data": {"values": [{"k": "a", "v": 2.0}]}, "width": 200}
>>> draw(spec).startswith("<svg")
True
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import statistics
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

FONT = "DejaVu Sans"
FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
FONT_DIR = "/usr/share/fonts/truetype/dejavu"
LABEL_PX = 10.0
TITLE_PX = 11.0
GRID = "#dddddd"
AXIS = "#888888"
INK = "#000000"
TICK = 5.0
DEFAULT_WIDTH = 470.0
BAND_PADDING = 0.1  # the gap between bars, as a share of each bar's band
Point = tuple[float, float]


@functools.cache
def _advances(bold: bool) -> tuple[dict[int, float], float]:
    """Return each character's advance (in em) in DejaVu Sans and the advance of a character it lacks."""
    try:
        from fontTools.ttLib import TTFont

        font = TTFont(f"{FONT_DIR}/{FONT_FILES[bold]}", lazy=True)
        units = float(font["head"].unitsPerEm)
        metrics = font["hmtx"].metrics
        advances = {code: metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}
        return advances, 0.62
    except OSError:  # no DejaVu on this machine: the average advance of its letters
        return {}, 0.62


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Return the width (px) of ``text`` set in DejaVu Sans at ``size`` px."""
    advances, missing = _advances(bold)
    return size * sum(advances.get(ord(char), missing) for char in text)


def _clip(text: str, size: float, limit: float) -> str:
    """Return ``text`` shortened with an ellipsis to fit ``limit`` px, as the chart engine's label limit does."""
    if text_width(text, size) <= limit:
        return text
    while text and text_width(text + "…", size) > limit:
        text = text[:-1]
    return text.rstrip() + "…"


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, text: str, *, size: float = LABEL_PX, anchor: str = "start", bold: bool = False,
          rotate: float = 0.0, fill: str = INK) -> str:  # fmt: skip
    """Return an SVG text element at (x, y) (its baseline), optionally turned ``rotate`` degrees about that point."""
    place = f'transform="translate({_number(x)},{_number(y)}) rotate({_number(rotate)})"' if rotate else (
        f'x="{_number(x)}" y="{_number(y)}"'
    )  # fmt: skip
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text {place} text-anchor="{anchor}" font-family="{FONT}" font-size="{_number(size)}px"{weight} '
        f'fill="{fill}">{escape(text)}</text>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, dash: str = "", width: float = 1.0) -> str:
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{_number(x1)}" y1="{_number(y1)}" x2="{_number(x2)}" y2="{_number(y2)}" stroke="{colour}" '
        f'stroke-width="{_number(width)}"{dashes}/>'
    )


def _rect(x: float, y: float, width: float, height: float, colour: str) -> str:
    return (
        f'<rect x="{_number(x)}" y="{_number(y)}" width="{_number(max(width, 0.0))}" '
        f'height="{_number(max(height, 0.0))}" fill="{colour}"/>'
    )


def _svg(width: float, height: float, parts: Sequence[str]) -> str:
    width, height = math.ceil(width), math.ceil(height)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><rect width="{width}" height="{height}" fill="white"/>'
        + "".join(parts)
        + "</svg>"
    )


def blend(colour: str, opacity: float) -> str:
    """Return ``colour`` at ``opacity`` over white as a solid colour (a transparency costs the PDF a group each)."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)] if len(colour) == 7 else [
        int(c * 2, 16) for c in colour.lstrip("#")
    ]  # fmt: skip
    mixed = [round(255 - (255 - c) * opacity) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)


class Linear:
    """A linear scale over nice round ticks (1, 2 or 5 times a power of ten), as the chart engine draws them."""

    def __init__(self, low: float, high: float, length: float, *, zero: bool = True, across: bool = False) -> None:
        """``across``: the axis runs across the page, so its labels side by side must not touch."""
        if zero:
            low, high = min(low, 0.0), max(high, 0.0)
        if high <= low:
            high = low + 1.0
        self.length = length
        for count in range(max(2, math.ceil(length / 40)), 0, -1):
            self.step = _nice_step(high - low, count)
            self.low = math.floor(low / self.step) * self.step
            self.high = math.ceil(high / self.step) * self.step
            room = self.step / (self.high - self.low) * length
            widest = max(text_width(self.label(t), LABEL_PX) for t in (self.low, self.high)) if across else LABEL_PX
            if room >= widest + 8:
                break

    def __call__(self, value: float) -> float:
        return (value - self.low) / (self.high - self.low) * self.length

    def ticks(self) -> list[float]:
        count = round((self.high - self.low) / self.step)
        return [self.low + i * self.step for i in range(count + 1)]

    def label(self, value: float) -> str:
        decimals = max(0, -math.floor(math.log10(self.step) + 1e-9))
        return f"{value:,.{decimals}f}"


def _nice_step(span: float, count: int) -> float:
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    error = raw / power
    factor = 10 if error >= math.sqrt(50) else 5 if error >= math.sqrt(10) else 2 if error >= math.sqrt(2) else 1
    return float(factor * power)


def _rows(spec: dict[str, Any], layer: int | None = None) -> list[dict[str, Any]]:
    """Return the data rows of the spec (of one of its layers, when that layer has data of its own)."""
    data = spec.get("data", {})
    if layer is not None:
        data = spec.get("layer", [{}])[layer].get("data", data)
    if "values" in data:
        return list(data["values"])
    return list(spec.get("datasets", {}).get(data.get("name", ""), []))


def _value(row: dict[str, Any], field: str) -> float | None:
    """Return the row's number in ``field``, or None where it has none (a trust with no caseload has no rate)."""
    value = row.get(field)
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _floats(rows: list[dict[str, Any]], field: str) -> list[float]:
    return [v for v in (_value(row, field) for row in rows) if v is not None]


def _value_axis_below(scale: Linear, left: float, top: float, height: float, title: str) -> list[str]:
    """The value axis under a plot: grid, ticks, labels and title."""
    parts = []
    bottom = top + height
    for tick in scale.ticks():
        x = left + scale(tick)
        parts.append(_line(x, top, x, bottom, GRID))
        parts.append(_line(x, bottom, x, bottom + TICK, AXIS))
        parts.append(_text(x, bottom + TICK + 2 + LABEL_PX * 0.8, scale.label(tick), anchor="middle"))
    parts.append(_line(left, bottom + 0.5, left + scale.length, bottom + 0.5, AXIS))
    if title:
        parts.append(_text(left + scale.length / 2, bottom + TICK + 4 + LABEL_PX + TITLE_PX, title, size=TITLE_PX,
                           anchor="middle", bold=True))  # fmt: skip
    return parts


def _value_axis_left(scale: Linear, left: float, top: float, width: float, title: str) -> list[str]:
    """The value axis left of a plot (values upward): grid, ticks, labels and title."""
    parts = []
    bottom = top + scale.length
    widest = max(text_width(scale.label(t), LABEL_PX) for t in scale.ticks())
    for tick in scale.ticks():
        y = bottom - scale(tick)
        parts.append(_line(left, y, left + width, y, GRID))
        parts.append(_line(left - TICK, y, left, y, AXIS))
        parts.append(_text(left - TICK - 2, y + LABEL_PX * 0.35, scale.label(tick), anchor="end"))
    parts.append(_line(left - 0.5, top, left - 0.5, bottom, AXIS))
    if title:
        x = left - TICK - 2 - widest - 6
        parts.append(_text(x, top + scale.length / 2, title, size=TITLE_PX, anchor="middle", bold=True, rotate=-90))
    return parts


def _left_margin(scale: Linear, title: str) -> float:
    widest = max(text_width(scale.label(t), LABEL_PX) for t in scale.ticks())
    return TICK + 2 + widest + (6 + TITLE_PX if title else 0) + 4


def bars(spec: dict[str, Any], meta: dict[str, Any]) -> str:
    """Horizontal bars of a value per category, largest first, with the low-high range drawn across each bar.

    ``meta``: ``category``, ``value`` and ``value_title``, optionally ``low`` and ``high`` (the range), ``order``
    (the field to sort by, largest first; else ``value``), ``start`` (bars from this field rather than from zero,
    as a tornado's), ``central`` (a dashed rule at this value), ``colour`` and ``opacity``, ``label_limit``. The
    spec's height gives the px a bar (``{"step": n}``) or the whole height.
    """
    rows = _rows(spec)
    order = meta.get("order", meta["value"])
    rows.sort(key=lambda row: -(_value(row, order) or 0.0))
    start, low, high = meta.get("start"), meta.get("low"), meta.get("high")
    values = _floats(rows, meta["value"]) + (_floats(rows, start) if start else [])
    values += (_floats(rows, low) + _floats(rows, high)) if low and high else []
    if meta.get("central") is not None:
        values.append(float(meta["central"]))
    width = float(spec.get("width", DEFAULT_WIDTH))
    size = spec.get("height", {"step": 26})
    step = float(size["step"]) if isinstance(size, dict) else float(size) / max(len(rows), 1)
    scale = Linear(min(values, default=0.0), max(values, default=1.0), width, zero=start is None, across=True)
    limit = float(meta.get("label_limit", 260))
    labels = [_clip(str(row[meta["category"]]), LABEL_PX, limit) for row in rows]
    left = max((text_width(label, LABEL_PX) for label in labels), default=0.0) + TICK + 2 + 4
    top, height = 6.0, step * len(rows)
    colour = blend(meta.get("colour", "#1f4e79"), float(meta.get("opacity", 1.0)))
    parts = _value_axis_below(scale, left, top, height, meta.get("value_title", ""))
    for index, (row, label) in enumerate(zip(rows, labels, strict=True)):
        band_top = top + index * step
        middle = band_top + step / 2
        begin = scale(_value(row, start) or 0.0) if start else scale(0.0)
        figure = _value(row, meta["value"])
        if figure is not None:  # a row with no figure keeps its label and draws no bar
            end = scale(figure)
            parts.append(_rect(left + min(begin, end), band_top + step * BAND_PADDING / 2, abs(end - begin),
                               step * (1 - BAND_PADDING), colour))  # fmt: skip
        if low and high and row.get(low) is not None and row.get(high) is not None:
            parts.append(_line(left + scale(float(row[low])), middle, left + scale(float(row[high])), middle,
                               blend("#333333", 0.6)))  # fmt: skip
        parts.append(_line(left - TICK, middle, left, middle, AXIS))
        parts.append(_text(left - TICK - 2, middle + LABEL_PX * 0.35, label, anchor="end"))
    parts.append(_line(left - 0.5, top, left - 0.5, top + height, AXIS))
    if meta.get("central") is not None:
        x = left + scale(float(meta["central"]))
        parts.append(_line(x, top, x, top + height, "#333333", dash="4,4"))
    last = text_width(scale.label(scale.ticks()[-1]), LABEL_PX) / 2
    bottom = top + height + TICK + 4 + LABEL_PX + (TITLE_PX + 6 if meta.get("value_title") else 2)
    return _svg(left + width + max(last, 4.0) + 2, bottom, parts)


def columns(spec: dict[str, Any], meta: dict[str, Any]) -> str:
    """Upright bars, one per trust, largest first: the chosen trust's in red, the median as a dashed rule.

    ``meta``: ``name``, ``value``, ``value_title``, and ``colours`` (the bar of a row whose ``chosen`` is false,
    then true).
    """
    rows = _rows(spec)
    rows.sort(key=lambda row: -(_value(row, meta["value"]) or 0.0))
    values = _floats(rows, meta["value"])
    width = float(spec.get("width", DEFAULT_WIDTH))
    height = float(spec.get("height", 300))
    scale = Linear(0.0, max(values, default=1.0), height)
    title = meta.get("value_title", "")
    left, top = _left_margin(scale, title), 6.0
    parts = _value_axis_left(scale, left, top, width, title)
    plain, chosen = meta.get("colours", ["#b8c4d0", "#d62728"])
    step = width / max(len(rows), 1)
    size, angle = 8.0, 60.0
    labels = [_clip(str(row[meta["name"]]), size, 140.0) for row in rows]
    bottom = top + height
    for index, (row, label) in enumerate(zip(rows, labels, strict=True)):
        x = left + index * step
        figure = _value(row, meta["value"])
        if figure is not None:  # a trust with no figure (no caseload) keeps its label and draws no bar
            value = scale(figure)
            parts.append(_rect(x + step * BAND_PADDING / 2, bottom - value, step * (1 - BAND_PADDING), value,
                               chosen if row.get("chosen") else plain))  # fmt: skip
        middle = x + step / 2
        parts.append(_line(middle, bottom, middle, bottom + TICK, AXIS))
        parts.append(_text(middle + 3, bottom + TICK + 2, label, size=size, anchor="end", rotate=-angle))
    parts.append(_line(left, bottom + 0.5, left + width, bottom + 0.5, AXIS))
    if values:
        y = bottom - scale(statistics.median(values))
        parts.append(_line(left, y, left + width, y, "#333333", dash="4,4"))
    drop = max((text_width(label, size) for label in labels), default=0.0) * math.sin(math.radians(angle))
    return _svg(left + width + 4, bottom + TICK + 4 + drop + size, parts)


def _legend(entries: Sequence[tuple[str, str]], left: float, y: float) -> list[str]:
    """A row of legend entries (a dot and a name each) starting at ``left``, centred on ``y``."""
    parts, x = [], left
    for name, colour in entries:
        parts.append(f'<circle cx="{_number(x + 4)}" cy="{_number(y)}" r="4" fill="{colour}"/>')
        parts.append(_text(x + 12, y + LABEL_PX * 0.35, name))
        x += 12 + text_width(name, LABEL_PX) + 16
    return parts


def _dots(points: Sequence[Point], colour: str, radius: float) -> list[str]:
    return [f'<circle cx="{_number(x)}" cy="{_number(y)}" r="{_number(radius)}" fill="{colour}"/>' for x, y in points]


def _path(points: Sequence[Point], colour: str, step_before: bool = False) -> str:
    if not points:
        return ""
    moves = [f"M{_number(points[0][0])},{_number(points[0][1])}"]
    for x, y in points[1:]:
        moves.append(f"V{_number(y)}H{_number(x)}" if step_before else f"L{_number(x)},{_number(y)}")
    return f'<path d="{"".join(moves)}" fill="none" stroke="{colour}" stroke-width="2"/>'


def lines(spec: dict[str, Any], meta: dict[str, Any]) -> str:
    """One line with points per series across ordered categories (financial years), every series in the legend.

    ``meta``: ``x``, ``series``, ``value``, ``x_title``, ``value_title``, ``names`` and ``colours`` (the series
    in legend order and their colours).
    """
    rows = _rows(spec)
    categories = sorted({str(row[meta["x"]]) for row in rows})
    width = float(spec.get("width", DEFAULT_WIDTH))
    height = float(spec.get("height", 260))
    scale = Linear(0.0, max(_floats(rows, meta["value"]), default=1.0), height)
    title = meta.get("value_title", "")
    left, top = _left_margin(scale, title), 8.0
    parts = _value_axis_left(scale, left, top, width, title)
    step = width / max(len(categories), 1)
    place = {name: left + (index + 0.5) * step for index, name in enumerate(categories)}
    bottom = top + height
    angle = 45.0
    for name, x in place.items():
        parts.append(_line(x, bottom, x, bottom + TICK, AXIS))
        parts.append(_text(x + 3, bottom + TICK + 4, name, anchor="end", rotate=-angle))
    parts.append(_line(left, bottom + 0.5, left + width, bottom + 0.5, AXIS))
    colours = dict(zip(meta["names"], meta["colours"], strict=True))
    for series in meta["names"]:
        chosen = sorted((str(r[meta["x"]]), float(r[meta["value"]])) for r in rows if r[meta["series"]] == series)
        points = [(place[x], bottom - scale(v)) for x, v in chosen]
        parts.append(_path(points, colours[series]))
        parts += _dots(points, colours[series], 3.0)
    drop = max((text_width(name, LABEL_PX) for name in categories), default=0.0) * math.sin(math.radians(angle))
    y = bottom + TICK + 6 + drop
    if meta.get("x_title"):
        y += TITLE_PX
        parts.append(_text(left + width / 2, y, meta["x_title"], size=TITLE_PX, anchor="middle", bold=True))
    parts += _legend(list(colours.items()), left, y + 14)
    return _svg(left + width + 8, y + 24, parts)


def _day(value: Any) -> float:
    return float(dt.datetime.fromisoformat(str(value)).toordinal())


def timeline(spec: dict[str, Any], meta: dict[str, Any]) -> str:
    """A stepped line through dated values (quarter-ends), points on the dates marked, a dashed rule at one date.

    ``meta``: ``date`` and ``value`` (the fields), ``line``, ``points`` and ``rule`` (the layer holding each),
    ``x_title``, ``value_title``, ``colour`` and ``point_colour``, ``rule_colour``.
    """
    line_rows = _rows(spec, meta["line"])
    point_rows = _rows(spec, meta["points"]) if meta.get("points") is not None else []
    rule_rows = _rows(spec, meta["rule"]) if meta.get("rule") is not None else []
    date, value = meta["date"], meta["value"]
    days = [_day(r[date]) for r in line_rows + point_rows + rule_rows]
    first, last = (min(days), max(days)) if days else (0.0, 1.0)
    width = float(spec.get("width", DEFAULT_WIDTH))
    height = float(spec.get("height", 220))
    scale = Linear(0.0, max(_floats(line_rows, value), default=1.0), height)
    title = meta.get("value_title", "")
    left, top = _left_margin(scale, title), 8.0
    parts = _value_axis_left(scale, left, top, width, title)
    bottom = top + height

    def across(day: float) -> float:
        return left + (day - first) / ((last - first) or 1.0) * width

    start, end = dt.date.fromordinal(int(first)), dt.date.fromordinal(int(last))
    years = range(start.year + (1 if (start.month, start.day) != (1, 1) else 0), end.year + 1)  # ticks inside
    for year in years:
        x = across(float(dt.date(year, 1, 1).toordinal()))
        parts.append(_line(x, top, x, bottom, GRID))
        parts.append(_line(x, bottom, x, bottom + TICK, AXIS))
        parts.append(_text(x, bottom + TICK + 2 + LABEL_PX * 0.8, str(year), anchor="middle"))
    parts.append(_line(left, bottom + 0.5, left + width, bottom + 0.5, AXIS))
    for row in rule_rows:
        x = across(_day(row[date]))
        parts.append(_line(x, top, x, bottom, meta.get("rule_colour", "#b8c4d0"), dash="4,3"))
    ordered = sorted((_day(r[date]), float(r[value])) for r in line_rows if r.get(value) is not None)
    parts.append(_path([(across(d), bottom - scale(v)) for d, v in ordered], meta.get("colour", "#1f4e79"), True))
    marked = [(across(_day(r[date])), bottom - scale(float(r[value]))) for r in point_rows if r.get(value) is not None]
    parts += _dots(marked, meta.get("point_colour", "#d62728"), 3.5)
    y = bottom + TICK + 4 + LABEL_PX
    if meta.get("x_title"):
        y += TITLE_PX + 4
        parts.append(_text(left + width / 2, y, meta["x_title"], size=TITLE_PX, anchor="middle", bold=True))
    return _svg(left + width + 16, y + 6, parts)


DRAWERS: dict[str, Callable[[dict[str, Any], dict[str, Any]], str]] = {
    "bars": bars,
    "columns": columns,
    "lines": lines,
    "timeline": timeline,
}


def draw(spec: dict[str, Any]) -> str | None:
    """Return the chart of ``spec`` as SVG if it is one of the reports' own kinds, else None."""
    meta = spec.get("usermeta", {}).get("proportion")
    if not isinstance(meta, dict) or meta.get("kind") not in DRAWERS:
        return None
    return DRAWERS[meta["kind"]](spec, meta)
