"""Charts rendered offline with vl-convert: SVG for HTML and PDF (vectors), PNG for DOCX and XLSX.

Renders are cached by the canonical JSON of the spec, so a chart shared by many reports (``--all``)
is drawn once per process.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from typing import Any

import vl_convert as vlc

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


@functools.lru_cache(maxsize=256)
def _svg(key: str) -> str:
    _engine["started"] = True
    svg = vlc.vegalite_to_svg(_with_font(json.loads(key)))
    return re.sub(r"^<\?xml[^>]*>\s*", "", svg)


@functools.lru_cache(maxsize=256)
def _png(key: str, scale: float) -> bytes:
    _engine["started"] = True
    return bytes(vlc.vegalite_to_png(_with_font(json.loads(key)), scale=scale))


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
