"""PDF rendering with WeasyPrint: the report's HTML (print mode) laid out on A4 pages.

Charts stay vectors (an SVG image each); page numbers, running titles and the contents' page numbers
come from CSS paged media rules in ``templates/print.css``. The file is tagged (PDF/UA-1).
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import functools
import gc
import re
import zlib
from collections.abc import Iterator
from typing import Any

import pydyf
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from reports import pdf_svg_text
from reports.model import Report
from reports.pdf_tags import mark_untagged_content_as_artifacts
from reports.render_html import TEMPLATES, render_html

# WeasyPrint makes millions of short-lived objects per report; with Python's default first threshold (700) the
# collector runs thousands of times a report and took a fifth of its time. Collecting every 10,000 allocations
# costs a little memory for the length of one render.
RENDER_GC_THRESHOLD = (10_000, 20, 20)


# Chart labels set as one run each rather than letter by letter (see reports.pdf_svg_text).
pdf_svg_text.install()

# pydyf deflates every stream of the PDF at zlib's slowest level (9): 40 ms of a ten-page report for 3% smaller
# files than the default level (6) gives in a quarter of the time. The output is as reproducible at either level.
STREAM_COMPRESSION_LEVEL = 6


class _DeflateAtLevel:
    """The ``zlib`` module as pydyf sees it, with its compression level held at ``STREAM_COMPRESSION_LEVEL``."""

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = STREAM_COMPRESSION_LEVEL, *args: Any, **kwargs: Any) -> Any:
        del level  # pydyf asks for 9
        return zlib.compressobj(STREAM_COMPRESSION_LEVEL, *args, **kwargs)

    @staticmethod
    def compress(data: bytes, level: int = STREAM_COMPRESSION_LEVEL) -> bytes:
        del level
        return zlib.compress(data, STREAM_COMPRESSION_LEVEL)


pydyf.zlib = _DeflateAtLevel()

CHART_SCHEME = "report-chart"
_CHART_DATA = re.compile(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]*)"')
# The chart engine keeps the axis labels it hides (they would overlap) as text with no opacity.
_HIDDEN_TEXT = re.compile(rb'<text[^>]*\sopacity="0"[^>]*>[^<]*</text>')


class _ChartFetcher(URLFetcher):
    """Serve the report's charts from memory to WeasyPrint, other addresses as usual."""

    def __init__(self, charts: list[bytes]) -> None:
        super().__init__()
        self.charts = charts

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith(f"{CHART_SCHEME}:"):
            body = self.charts[int(url.partition(":")[2])]
            return URLFetcherResponse(url, body=body, headers={"Content-Type": "image/svg+xml"})
        return super().fetch(url, headers)


def _charts_by_reference(html: str) -> tuple[str, _ChartFetcher]:
    """Return the page with each chart's data address replaced by a short reference, and the fetcher for them.

    WeasyPrint's HTML parser is pure Python: tens of kilobytes of base64 per chart cost more to read as markup
    than the chart costs to draw.
    """
    charts: list[bytes] = []

    def reference(match: re.Match[str]) -> str:
        charts.append(pdf_svg_text.anchor_labels(_visible_only(base64.b64decode(match.group(1)))))
        return f'src="{CHART_SCHEME}:{len(charts) - 1}"'

    return _CHART_DATA.sub(reference, html), _ChartFetcher(charts)


def _visible_only(svg: bytes) -> bytes:
    """Return the chart without the labels it hides.

    WeasyPrint would draw each into a transparency group of its own (a few per cent of a PDF's time) and put its
    text, unseen, into the PDF's text layer, where a screen reader or a copy would meet it.
    """
    return _HIDDEN_TEXT.sub(b"", svg)


@functools.cache
def _fonts() -> FontConfiguration:
    """Return the font configuration, made once per process (every report of ``--all`` shares it)."""
    return FontConfiguration()


@functools.cache
def _stylesheet() -> CSS:
    """Return the print stylesheet, parsed once per process rather than once per report."""
    text = "\n".join((TEMPLATES / name).read_text(encoding="utf-8") for name in ("report.css", "print.css"))
    return CSS(string=text, base_url=str(TEMPLATES), font_config=_fonts())


@contextlib.contextmanager
def _collecting_less() -> Iterator[None]:
    """Run the block with the garbage collector's thresholds raised, then put the caller's back."""
    saved = gc.get_threshold()
    gc.set_threshold(*RENDER_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*saved)


def render_pdf(report: Report) -> bytes:
    """Return the report as PDF bytes."""
    html, fetcher = _charts_by_reference(render_html(report, mode="pdf", inline_css=False))
    with _collecting_less():
        document = HTML(string=html, base_url=str(TEMPLATES), url_fetcher=fetcher)
        # The report's own date, not the clock, goes into the metadata: same inputs, same document.
        stamp = dt.datetime.combine(report.generated_on, dt.time()).strftime("%Y-%m-%dT%H:%M:%SZ")
        rendered = document.render(stylesheets=[_stylesheet()], font_config=_fonts())
        rendered.metadata.title = report.title
        rendered.metadata.authors = ["Proportion"]
        rendered.metadata.created = stamp
        rendered.metadata.modified = stamp
        # Tagged PDF (PDF/UA-1): a structure tree, the document language and title, so screen readers can read
        # it, as public bodies must publish accessible documents.
        # The running header and footer become Artifacts, which a screen reader skips.
        return bytes(rendered.write_pdf(pdf_variant="pdf/ua-1", finisher=mark_untagged_content_as_artifacts))
