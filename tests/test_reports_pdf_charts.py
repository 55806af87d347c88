"""Charts in the PDF: what the reader sees of a chart is what its text layer holds."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from reports.model import Chart, Paragraph, Report, Section
from reports.render_charts import chart_svg
from reports.render_pdf import render_pdf

# Twenty long labels side by side on a narrow axis: the chart engine hides those that would overlap.
LABELS = [f"Label{n:02d}Q" for n in range(20)]
SPEC = {
    "data": {"values": [{"label": label, "hours": n + 1} for n, label in enumerate(LABELS)]},
    "mark": "bar",
    "encoding": {
        "x": {"field": "label", "type": "nominal", "sort": None, "axis": {"labelAngle": 0, "labelOverlap": True}},
        "y": {"field": "hours", "type": "quantitative"},
    },
    "width": 300,
    "height": 80,
}


def _labels(svg: str, hidden: bool) -> set[str]:
    """Return the axis labels the SVG draws with no opacity (``hidden``) or visibly."""
    found = set()
    for element, text in re.findall(r"<text([^>]*)>([^<]*)</text>", svg):
        if text in LABELS and ('opacity="0"' in element) == hidden:
            found.add(text)
    return found


@pytest.fixture(scope="module")
def pdf_text() -> str:
    section = Section("chart", "A crowded axis", [Paragraph("One chart."), Chart("crowded", "Crowded", SPEC)])
    report = Report(
        kind="national",
        title="Chart text",
        subtitle="A crowded axis",
        generated_on=dt.date(2011, 3, 31),
        fingerprint="0123456789abcdef",
        estimate_share=0.0,
        key_figures=[],
        summary=["One chart."],
        sections=[section],
        appendix=[],
        file_stem="chart-text",
    )
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(report))).pages)


def test_the_chart_engine_hides_some_labels_of_the_crowded_axis() -> None:
    svg = chart_svg(SPEC)
    assert _labels(svg, hidden=True) and _labels(svg, hidden=False)


def test_labels_the_chart_hides_are_not_in_the_pdf_text(pdf_text: str) -> None:
    svg = chart_svg(SPEC)
    assert all(label in pdf_text for label in _labels(svg, hidden=False))
    assert not [label for label in _labels(svg, hidden=True) if label in pdf_text]
