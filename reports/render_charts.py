"""Charts rendered offline: SVG for HTML and PDF (vectors), PNG for DOCX and XLSX.

The reports' own bar, column and line charts are drawn by :mod:`reports.svg_charts` (milliseconds, no chart
engine to start); any other spec by vl-convert. Renders are cached by the canonical JSON of the spec, so a chart
shared by many reports (``--all``) is drawn once per process.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from typing import Any

from reports import svg_charts

FONT = "DejaVu Sans"
# The chart engine starts threads of its own on its first chart; a process that has them must not fork.
_engine = {"started": False}


def _with_font(spec: dict[str, Any]) -> dict[str, Any]:
    """Return the spec with the report font set everywhere Vega-Lite draws text."""
    spec = copy.deepcopy(spec)
    config = spec.setdefault("config", {})
    config.setdefault("font", FONT)
    for part in ("axis", "legend", "title", "header"):
        config.setdefault(part, {})
    config["axis"].setdefault("labelFont", FONT)
    config["axis"].setdefault("titleFont", FONT)
    config["legend"].setdefault("labelFont", FONT)
    config["legend"].setdefault("titleFont", FONT)
    config["title"].setdefault("font", FONT)
    config.setdefault("view", {}).setdefault("stroke", None)
    return spec


def _key(spec: dict[str, Any]) -> str:
    return json.dumps(spec, sort_keys=True, default=str)


def _engine_module() -> Any:
    """Return vl-convert, imported on first use: the reports' own charts never need it."""
    import vl_convert

    _engine["started"] = True
    return vl_convert


@functools.lru_cache(maxsize=256)
def _svg(key: str) -> str:
    spec = json.loads(key)
    drawn = svg_charts.draw(spec)
    if drawn is not None:
        return drawn
    svg = _engine_module().vegalite_to_svg(_with_font(spec))
    return re.sub(r"^<\?xml[^>]*>\s*", "", svg)


@functools.lru_cache(maxsize=256)
def _png(key: str, scale: float) -> bytes:
    spec = json.loads(key)
    drawn = svg_charts.draw(spec)
    if drawn is not None:  # the same picture as the PDF's, rasterised
        return bytes(_engine_module().svg_to_png(drawn, scale=scale))
    return bytes(_engine_module().vegalite_to_png(_with_font(spec), scale=scale))


def chart_svg(spec: dict[str, Any]) -> str:
    """Return the chart as an SVG element (no XML declaration), ready to inline in HTML."""
    return _svg(_key(spec))


def chart_png(spec: dict[str, Any], scale: float = 2.0) -> bytes:
    """Return the chart as PNG bytes at ``scale`` times its nominal size."""
    return _png(_key(spec), scale)


def engine_started() -> bool:
    """Return whether this process has drawn a chart (and so runs the chart engine's threads)."""
    return _engine["started"]


def svg_size(svg: str) -> tuple[float, float]:
    """Return the nominal width and height (px) of an SVG from its root element."""
    match = re.search(r'<svg[^>]*?width="([\d.]+)"[^>]*?height="([\d.]+)"', svg)
    if not match:
        return (600.0, 300.0)
    return float(match.group(1)), float(match.group(2))
