"""HTML rendering of a :class:`~reports.model.Report` through one autoescaped Jinja template.

The same template gives the standalone HTML (``mode="html"``) and the page for WeasyPrint
(``mode="pdf"``, with A4 page rules). Every piece of user text is escaped; only the SVG of the
charts, made by vl-convert from our own specs, is inserted as markup. Nothing is fetched: styles
and charts are inline.
"""

from __future__ import annotations

import base64
import functools
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from reports import formatting as fmt
from reports.layout import column_widths
from reports.model import Report, Table
from reports.render_charts import chart_svg, svg_size

TEMPLATES = Path(__file__).resolve().parent / "templates"


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    """Return the Jinja environment; autoescaping is on for every template, files and strings alike."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


PDF_CONTENT_CM = 17.6  # A4 less the 17 mm side margins of print.css


def _table_view(table: Table) -> dict[str, Any]:
    shown = table.formatted()
    columns = table.shown_columns
    rows = shown.values.tolist()
    total = table.formatted_total()
    font_pt = 7.0 if len(columns) > 7 else 8.0
    fixed = [c.align_right or c.kind == "bool" for c in columns]
    widths = column_widths(
        rows + ([total] if total else []), [c.label for c in columns], fixed, font_pt, PDF_CONTENT_CM
    )
    # Each cell paired with its column's class here, once, rather than looked up cell by cell in the template.
    classes = ["num" if c.align_right else "txt" for c in columns]
    return {
        "widths": [round(100 * w / sum(widths), 2) for w in widths],
        "columns": table.shown_columns,
        "classes": classes,
        "rows": [
            (marked, list(zip(classes, row, strict=True)))
            for marked, row in zip(table.highlighted(), rows, strict=True)
        ],
        "total": list(zip(classes, total, strict=True)) if total else None,
        "more": table.truncated,
        "shown": len(shown),
        "count": len(table.frame),
    }


@functools.lru_cache(maxsize=256)
def _svg_image(svg: str, alt: str) -> Markup:
    """Return an ``<img>`` of ``svg`` (a data address) at its own size, never wider than the page, with ``alt``."""
    width, _height = svg_size(svg)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Markup('<img class="chart-image" src="data:image/svg+xml;base64,{}" alt="{}" style="width: {}px">').format(
        Markup(data), alt, f"{width:.0f}"
    )


def render_html(report: Report, mode: Literal["html", "pdf"] = "html", *, inline_css: bool = True) -> str:
    """Return the report as one self-contained HTML document (``inline_css=False``: without its stylesheet, which
    the PDF renderer passes in already parsed)."""
    tables = {t.key: _table_view(t) for t in report.tables() if t.in_documents}
    if mode == "pdf":
        # For WeasyPrint each chart is an image of its SVG: still vector, but parsed once as an image rather than
        # as thousands of HTML elements to parse, style and lay out (most of a report's PDF time otherwise).
        svgs = {c.key: _svg_image(chart_svg(c.drawing), f"{c.title}. {c.caption}".strip()) for c in report.charts()}
    else:
        svgs = {c.key: Markup(chart_svg(c.drawing)) for c in report.charts()}
    template = environment().get_template("report.html.j2")
    return template.render(
        report=report,
        mode=mode,
        inline_css=inline_css,
        tables=tables,
        svgs=svgs,
        estimate_share=fmt.percent(report.estimate_share, 0),
        estimates_line=report.estimates_line(),
        provenance_line=report.provenance_line,
    )
