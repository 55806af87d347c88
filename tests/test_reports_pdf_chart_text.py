"""Chart labels in the PDF: set as one run each, where WeasyPrint's letter-by-letter drawing puts them."""

from __future__ import annotations

import base64
import contextlib
import io
import re
from collections.abc import Iterator

import pdfplumber
import weasyprint
import weasyprint.svg
from pypdf import PdfReader

from reports import pdf_svg_text, render_pdf  # noqa: F401  (render_pdf puts the single-run drawing in place)

LABELS = ["Hours a year (central, with range)", "NS07-REVIEW-4M", "Avon and Somerset", "Yorkshire", "14,000"]
# One label of each kind the charts draw: anchored at its start, middle and end, bold, and turned a quarter.
SVG = f"""<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">
<rect width="400" height="200" fill="white"/>
<text x="200" y="30" text-anchor="middle" font-family="DejaVu Sans" font-size="11px" font-weight="bold"
 fill="#000000">{LABELS[0]}</text>
<text x="150" y="60" text-anchor="end" font-family="DejaVu Sans" font-size="10px" fill="#000000">{LABELS[1]}</text>
<text x="20" y="90" text-anchor="start" font-family="DejaVu Sans" font-size="10px" fill="#1f4e79">{LABELS[2]}</text>
<text transform="translate(30,190) rotate(-90)" text-anchor="middle" font-family="DejaVu Sans" font-size="10px"
 fill="#000000">{LABELS[3]}</text>
<text x="300" y="120" font-family="DejaVu Sans" font-size="10px">{LABELS[4]}</text>
</svg>"""


@contextlib.contextmanager
def _letter_by_letter() -> Iterator[None]:
    """Draw SVG text with WeasyPrint's own drawing for the length of the block."""
    tags, name = dict(weasyprint.svg.TAGS), weasyprint.svg.text
    stock = pdf_svg_text.svg_text.text
    weasyprint.svg.TAGS.update({tag: stock for tag, drawing in tags.items() if drawing is pdf_svg_text.draw_label})
    weasyprint.svg.text = stock
    try:
        yield
    finally:
        weasyprint.svg.TAGS.update(tags)
        weasyprint.svg.text = name


def _pdf(*, prepared: bool = True) -> bytes:
    """Return a page with the chart, prepared for print as the PDF reports prepare theirs (or as drawn)."""
    svg = SVG.encode()
    data = base64.b64encode(pdf_svg_text.anchor_labels(svg) if prepared else svg).decode()
    page = weasyprint.HTML(string=f'<img src="data:image/svg+xml;base64,{data}" style="width: 400px">')
    return bytes(page.write_pdf())


def _letters(pdf: bytes) -> list[tuple[str, float, float]]:
    """Return each letter drawn (a ligature split into its letters), with where it starts, spaces left out."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [
            (letter, round(char["x0"], 1), round(char["top"], 1))
            for char in document.pages[0].chars
            for letter in char["text"]
            if not letter.isspace()
        ]


def _forms(pdf: bytes) -> list[bytes]:
    """Return the drawing of each form (group) the page draws, at any depth."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    forms: list[bytes] = []
    pending = [page["/Resources"]]
    while pending:
        resources = pending.pop().get_object()
        for item in resources.get("/XObject", {}).values():
            form = item.get_object()
            forms.append(form.get_data())
            if "/Resources" in form:
                pending.append(form["/Resources"])
    return forms


def _shown_runs(pdf: bytes) -> int:
    """Return how many text-showing operations the page holds, in its own drawing and its forms'."""
    drawings = [PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data(), *_forms(pdf)]
    return sum(len(re.findall(rb"(?<![A-Za-z])(?:TJ|Tj)(?![A-Za-z])", drawing)) for drawing in drawings)


def test_the_single_run_drawing_is_in_place_for_this_weasyprint() -> None:
    assert weasyprint.__version__ in pdf_svg_text.CHECKED_VERSIONS
    assert pdf_svg_text.install()
    assert weasyprint.svg.TAGS["text"] is pdf_svg_text.draw_label


def test_each_label_is_set_as_one_run_not_one_letter_at_a_time() -> None:
    assert _shown_runs(_pdf()) == len(LABELS)
    with _letter_by_letter():
        assert _shown_runs(_pdf()) == sum(len(label.replace(" ", "")) for label in LABELS)


def test_a_label_anchored_at_its_middle_or_end_needs_no_group_of_its_own() -> None:
    anchored = SVG.count('text-anchor="middle"') + SVG.count('text-anchor="end"')
    with _letter_by_letter():
        assert len(_forms(_pdf(prepared=False))) == anchored == 3
    assert _forms(_pdf()) == []


def test_labels_land_where_the_letter_by_letter_drawing_puts_them() -> None:
    ours = _letters(_pdf())
    with _letter_by_letter():
        stock = _letters(_pdf(prepared=False))
    assert [letter for letter, _, _ in ours] == [letter for letter, _, _ in stock]
    # The one run takes the font's kerning, so a letter may sit a fraction of a point off; never more.
    assert max(abs(a[1] - b[1]) + abs(a[2] - b[2]) for a, b in zip(ours, stock, strict=True)) < 1.0


def test_a_label_reads_with_the_spaces_between_its_words() -> None:
    # Letter by letter, a space is a gap no wider than the text checks' tolerance: "Hoursayear(central,withrange)".
    with pdfplumber.open(io.BytesIO(_pdf())) as document:
        lines = document.pages[0].extract_text().splitlines()
    assert LABELS[0] in lines
    assert "Avon and Somerset" in lines
