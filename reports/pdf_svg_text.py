"""Chart text in the PDF set as one run a label rather than one glyph at a time.

WeasyPrint 70 draws an SVG ``<text>`` letter by letter, each letter laid out by Pango on its own, so that it can
honour per-letter positions (``x="1 2 3"``, ``dx``, ``rotate``, ``textLength``). Our charts never use them: each label
has one position. Laid out letter by letter, the labels of a trust report's two charts cost a tenth of its PDF; set
as one run each, as a browser sets them, they cost a fiftieth, and they gain the font's kerning.
:func:`install` puts the single-run drawing in front of WeasyPrint's for the labels it can draw; any other text
(per-letter positions, spacing, nested spans, a text path) still goes to WeasyPrint's own drawing.
"""

from __future__ import annotations

import functools
import importlib
import re
from math import inf
from typing import Any

import weasyprint
import weasyprint.svg
from weasyprint.css.properties import INITIAL_VALUES
from weasyprint.draw.text import draw_emojis, draw_first_line
from weasyprint.matrix import Matrix
from weasyprint.svg.bounding_box import extend_bounding_box
from weasyprint.svg.utils import normalize, size
from weasyprint.text.line_break import split_first_line

# The module, not its function of the same name, which ``weasyprint.svg`` exports in its place.
svg_text = importlib.import_module("weasyprint.svg.text")
# The versions whose SVG text drawing this module was written against and checked with (tests compare the two
# drawings); under any other, WeasyPrint's own drawing stays.
CHECKED_VERSIONS = ("70.0",)
_PER_LETTER = ("dx", "dy", "rotate", "textLength", "lengthAdjust", "letter-spacing")
# Where a label's anchor goes once :func:`anchor_labels` has taken it off ``text-anchor``.
ANCHOR = "data-anchor"
_SHIFT = {"start": 0.0, "middle": 0.5, "end": 1.0}
_LABEL = re.compile(rb"<text\b([^>]*)>([^<]*)</text>")
_TEXT_ANCHOR = re.compile(rb'\stext-anchor="(middle|end)"')
_WEIGHTS = {"normal": 400, "bold": 700}


def _stock() -> Any:
    """Return WeasyPrint's own SVG text drawing."""
    return svg_text.text


def _single(value: str | None) -> bool:
    """Tell whether an ``x`` or ``y`` attribute holds at most one length."""
    return value is None or len(normalize(value).split()) <= 1


def _drawable(node: Any) -> bool:
    """Tell whether ``node`` is a label drawn here: a ``<text>`` with one position, its own text and no child."""
    attributes = node.attrib
    return (
        node.tag == "text"
        and bool(node.text)
        and not node.text.isspace()
        and len(node._etree_node) == 0  # no <tspan> or other child
        and not any(name in attributes for name in _PER_LETTER)
        and _single(attributes.get("x"))
        and _single(attributes.get("y"))
    )


def _style(svg: Any, node: Any, font_size: float) -> Any:
    """Return the text style WeasyPrint gives an SVG label (its family, style, weight and size)."""
    style = svg_text.Style()
    style.update(INITIAL_VALUES)
    style.font_config = svg.font_config
    style["font_family"] = [font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")]
    style["font_style"] = node.get("font-style", "normal")
    weight = node.get("font-weight", 400)
    try:
        style["font_weight"] = _WEIGHTS[weight] if weight in _WEIGHTS else int(weight)
    except ValueError:
        style["font_weight"] = 400
    style["font_size"] = font_size
    if node.get("direction") in ("ltr", "rtl"):
        style["direction"] = node.get("direction")
    return style


def _vertical_shift(node: Any, font_size: float, height: float) -> float:
    """Return how far the label moves down from its ``y`` for its baseline alignment, as WeasyPrint reckons it."""
    ascent, descent = font_size * 0.8, font_size * 0.2
    anchor = node.get("display-anchor")
    baseline = node.get("dominant-baseline", node.get("alignment-baseline"))
    if anchor == "middle":
        return -height / 2
    if anchor == "top":
        return 0.0
    if anchor == "bottom":
        return -height
    if baseline in ("central", "middle"):
        return (ascent + descent) / 2 - descent
    if baseline in ("text-before-edge", "before_edge", "top", "hanging", "text-top"):
        return ascent
    if baseline in ("text-after-edge", "after_edge", "bottom", "text-bottom"):
        return -descent
    return 0.0


def draw_label(svg: Any, node: Any, font_size: float) -> None:
    """Draw an SVG text node: a single-position label as one run, anything else by WeasyPrint's own drawing."""
    if not _drawable(node):
        _stock()(svg, node, font_size)
        return
    style = _style(svg, node, font_size)
    layout, length, _, width, height, baseline = split_first_line(node.text, style, svg.context, inf, 0)
    if length < len(node.text.encode()):  # a line break in the label: leave it to WeasyPrint
        _stock()(svg, node, font_size)
        return
    if "x" in node.attrib:
        x = size(node.attrib["x"], font_size, svg.inner_width)
        svg.cursor_d_position[0] = 0
    else:
        x = svg.cursor_position[0]
    if "y" in node.attrib:
        y = size(node.attrib["y"], font_size, svg.inner_height)
        svg.cursor_d_position[1] = 0
    else:
        y = svg.cursor_position[1]
    x -= width * _SHIFT.get(node.get(ANCHOR, "start"), 0.0)
    svg.cursor_position = x + width, y
    x_position = x + svg.cursor_d_position[0]
    y_position = y + svg.cursor_d_position[1] + _vertical_shift(node, font_size, height)
    # The box WeasyPrint anchors the label by ("middle", "end") and fills gradients in.
    node.text_bounding_box = extend_bounding_box(
        node.text_bounding_box,
        ((x_position, y_position - baseline), (x_position + width, y_position - baseline + height)),
    )
    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    box = svg_text.TextBox(layout, style)
    box.baseline = baseline
    emojis = draw_first_line(svg.stream, box, "none", "none", Matrix(d=-1, e=x_position, f=y_position))
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)


def anchor_labels(svg: bytes) -> bytes:
    """Return the chart with each label anchored at its middle or end placed here rather than by WeasyPrint.

    WeasyPrint anchors such a label by drawing it into a group of its own (a PDF object each) and moving the group
    back by the label's width; :func:`draw_label` knows the width as it sets the run and moves the label itself.
    Only labels it draws are changed, and only while it is in place.
    """
    if not install():
        return svg

    def anchored(match: re.Match[bytes]) -> bytes:
        attributes = match.group(1)
        anchor = _TEXT_ANCHOR.search(attributes)
        names = set(re.findall(rb"\s([\w:-]+)=", attributes))
        positions = re.findall(rb'\s[xy]="([^"]*)"', attributes)
        if (
            anchor is None
            or not match.group(2).strip()
            or b"\n" in match.group(2)
            or names & {name.encode() for name in (*_PER_LETTER, "direction", ANCHOR)}
            or any(len(value.split()) > 1 for value in positions)
        ):
            return match.group(0)
        moved = attributes.replace(
            anchor.group(0), b' text-anchor="start" ' + ANCHOR.encode() + b'="' + anchor.group(1) + b'"'
        )
        return b"<text" + moved + b">" + match.group(2) + b"</text>"

    return _LABEL.sub(anchored, svg)


@functools.cache
def install() -> bool:
    """Put :func:`draw_label` in place of WeasyPrint's SVG text drawing, once; return whether it is in place.

    WeasyPrint's SVG drawer looks its text drawing up in its table of tags and compares against it by name (to
    anchor and measure text), so both are replaced together.
    """
    if weasyprint.__version__ not in CHECKED_VERSIONS:
        return False
    stock = weasyprint.svg.TAGS["text"]
    if stock is not svg_text.text or getattr(weasyprint.svg, "text", None) is not stock:
        return False
    for tag, drawing in list(weasyprint.svg.TAGS.items()):
        if drawing is stock:
            weasyprint.svg.TAGS[tag] = draw_label
    weasyprint.svg.text = draw_label
    return True
