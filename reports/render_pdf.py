"""PDF rendering with WeasyPrint: the report's HTML (print mode) laid out on A4 pages.

Charts stay vectors (inline SVG); page numbers, running titles and the contents' page numbers
come from CSS paged media rules in ``templates/print.css``. The file is tagged (PDF/UA-1).
"""

from __future__ import annotations

import datetime as dt
import functools

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from reports.model import Report
from reports.render_html import TEMPLATES, render_html


@functools.cache
def _fonts() -> FontConfiguration:
    """Return the font configuration, made once per process (every report of ``--all`` shares it)."""
    return FontConfiguration()


@functools.cache
def _stylesheet() -> CSS:
    """Return the print stylesheet, parsed once per process rather than once per report."""
    text = "\n".join((TEMPLATES / name).read_text(encoding="utf-8") for name in ("report.css", "print.css"))
    return CSS(string=text, base_url=str(TEMPLATES), font_config=_fonts())


def render_pdf(report: Report) -> bytes:
    """Return the report as PDF bytes."""
    html = render_html(report, mode="pdf", inline_css=False)
    document = HTML(string=html, base_url=str(TEMPLATES))
    # The report's own date, not the clock, goes into the metadata: same inputs, same document.
    stamp = dt.datetime.combine(report.generated_on, dt.time()).strftime("%Y-%m-%dT%H:%M:%SZ")
    rendered = document.render(stylesheets=[_stylesheet()], font_config=_fonts())
    rendered.metadata.title = report.title
    rendered.metadata.authors = ["Proportion"]
    rendered.metadata.created = stamp
    rendered.metadata.modified = stamp
    # Tagged PDF (PDF/UA-1): a structure tree, the document language and title, so screen readers can read it,
    # as public bodies must publish accessible documents.
    return bytes(rendered.write_pdf(pdf_variant="pdf/ua-1"))
