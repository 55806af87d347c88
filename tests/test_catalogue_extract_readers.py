"""Reading PDF, DOCX, HTML and text documents built in the test, and the bad-file cases."""

from __future__ import annotations

import io
import subprocess
import sys
from html import escape
from pathlib import Path

import docx
import pypdf
import pytest
import weasyprint

from catalogue.extract import extract_bytes, extract_file
from catalogue.extract.errors import Corrupt, Encrypted, FileTooLarge, NoTextLayer, Undecodable, UnsupportedFormat
from catalogue.extract.readers import read_bytes, read_document

ROOT = Path(__file__).resolve().parents[1]

HEADER = [
    ("Reference", "PI 09/2011"),
    ("Issue date", "4 May 2011"),
    ("Effective date", "1 June 2011"),
    ("Issued on the authority of", "NOMS Agency Board"),
    ("For action by", "Chief Executives of Probation Trusts"),
    ("Replaces the following documents, which are hereby cancelled", "PC 12/2005, PC 13/2006"),
]
PARAGRAPHS = [
    "1.1 Probation trusts hold sensitive personal information about offenders, victims and staff. The loss of "
    "such information can put people at risk and damage public confidence in the service as a whole.",
    "2.1 Each trust must appoint a Senior Information Risk Owner at board level. The Senior Information Risk "
    "Owner shall report to the board on information risk at least twice a year.",
    "2.2 Data security incidents must be reported to NOMS within 24 hours of discovery.",
    "3.1 Chief Executives are asked to:",
]
ITEMS = [
    "make sure that all staff complete the e-learning module every year;",
    "send the completed self-assessment to NOMS by 31 May 2011;",
    "brief managers on the new rules.",
]
TABLE = [
    ("Action", "Timescale"),
    ("Investigation report", "within 20 working days of the incident"),
    ("Subject access request", "within 40 calendar days of receipt"),
]
CLOSING = "4.1 Staff must not send offender information to personal e-mail accounts."


def directive_html() -> str:
    rows = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in TABLE)
    return (
        "<html><head><style>td{border:1px solid black;padding:3px} table{border-collapse:collapse}</style></head>"
        "<body><h1>Information Assurance and Data Handling</h1>"
        + "".join(f"<p>{k}: {v}</p>" for k, v in HEADER)
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "<ul>"
        + "".join(f"<li>{i}</li>" for i in ITEMS)
        + f"</ul><table>{rows}</table><p>{CLOSING}</p></body></html>"
    )


def directive_pdf() -> bytes:
    return weasyprint.HTML(string=directive_html()).write_pdf()


def directive_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Information Assurance and Data Handling", level=1)
    for key, value in HEADER:
        document.add_paragraph(f"{key}: {value}")
    for paragraph in PARAGRAPHS:
        document.add_paragraph(paragraph)
    for item in ITEMS:
        document.add_paragraph(item, style="List Bullet")
    table = document.add_table(rows=0, cols=2)
    for a, b in TABLE:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = a, b
    document.add_paragraph(CLOSING)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def without_file(result) -> list[dict]:  # type: ignore[no-untyped-def]
    return [{k: v for k, v in c.as_json().items() if k != "file"} for c in result.candidates]


def test_docx_and_pdf_of_the_same_directive_give_the_same_candidates() -> None:
    from_docx = extract_bytes(directive_docx(), "pi.docx")
    from_pdf = extract_bytes(directive_pdf(), "pi.pdf")
    assert without_file(from_docx) == without_file(from_pdf)
    assert from_docx.header.as_dict() == from_pdf.header.as_dict()
    texts = [c.text for c in from_pdf.candidates]
    assert texts == [
        "Each trust must appoint a Senior Information Risk Owner at board level.",
        "The Senior Information Risk Owner shall report to the board on information risk at least twice a year.",
        "Data security incidents must be reported to NOMS within 24 hours of discovery.",
        *ITEMS,
        "Investigation report | within 20 working days of the incident",
        "Subject access request | within 40 calendar days of receipt",
        CLOSING[4:],
    ]
    by_text = {c.text: c for c in from_pdf.candidates}
    assert by_text[ITEMS[1]].deadline == "by 31 May 2011"
    assert by_text[ITEMS[1]].actor == "Chief Executives"
    assert by_text[ITEMS[0]].location == "para 3.1, item 1"
    assert by_text[CLOSING[4:]].modality == "must_not"


def test_html_and_text_read_the_same_directive() -> None:
    from_html = extract_bytes(directive_html().encode(), "pi.html")
    text = "\n\n".join(
        ["Information Assurance and Data Handling", *(f"{k}: {v}" for k, v in HEADER), *PARAGRAPHS[:3]]
        + [PARAGRAPHS[3] + "\n" + "\n".join(f"- {i}" for i in ITEMS)]
        + ["| " + " | ".join(r) + " |" for r in TABLE[:1]]
    )
    text += "\n" + "\n".join("| " + " | ".join(r) + " |" for r in TABLE[1:]) + "\n\n" + CLOSING
    from_text = extract_bytes(text.encode(), "pi.md")
    assert without_file(from_html) == without_file(from_text)
    assert from_html.header.cancels == ["PC 12/2005", "PC 13/2006"]


def test_docx_keeps_paragraphs_lists_and_tables_in_document_order() -> None:
    blocks = read_bytes(directive_docx(), "pi.docx").blocks
    kinds = [b.kind for b in blocks]
    assert kinds[0] == "heading"
    assert kinds.index("item") < kinds.index("row") < len(kinds) - 1
    assert blocks[-1].text == CLOSING


def test_pdf_wrapped_lines_are_joined_into_paragraphs() -> None:
    blocks = read_bytes(directive_pdf(), "pi.pdf").blocks
    assert any(b.text == PARAGRAPHS[0] for b in blocks)


# -- bad files -------------------------------------------------------------------------------------


def blank_pdf() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(directive_pdf())))
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("scan.pdf", blank_pdf(), NoTextLayer),
        ("locked.pdf", encrypted_pdf(), Encrypted),
        ("broken.pdf", b"%PDF-1.7\n garbage that is not a pdf", Corrupt),
        ("notpdf.pdf", b"hello", Corrupt),
        ("broken.docx", b"PK\x03\x04 not really a zip", Corrupt),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, Encrypted),
        ("bad.txt", b"Trusts must \x81\x8d report", Undecodable),
        ("binary.txt", bytes(range(0, 32)) * 20, Undecodable),
        ("old.doc", b"anything", UnsupportedFormat),
    ],
)
def test_bad_files_give_a_clear_error_naming_the_file(name: str, data: bytes, error: type) -> None:
    with pytest.raises(error) as caught:
        read_bytes(data, name)
    assert str(caught.value).startswith(f"{name}: ")
    assert "Traceback" not in str(caught.value)


def test_an_upload_over_the_size_limit_is_refused_before_it_is_read() -> None:
    text = b"4.1 Trusts must report each quarter.\n" * 40  # about 1.4 kB
    with pytest.raises(FileTooLarge) as caught:
        extract_bytes(text, "big.txt", max_bytes=1024)
    assert str(caught.value).startswith("big.txt: file is over the size limit")
    assert extract_bytes(text, "big.txt", max_bytes=4096).candidates  # the same bytes under a higher limit


def test_pdf_with_an_empty_user_password_is_read() -> None:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(directive_pdf())))
    writer.encrypt(user_password="", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert len(extract_bytes(buffer.getvalue(), "owner-only.pdf").candidates) == 9


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Trusts must report monthly.\n" * 100)
    with pytest.raises(FileTooLarge, match=r"big\.txt: file is over the size limit"):
        read_document(path, max_bytes=1000)
    assert read_document(path, max_bytes=10_000).blocks


def test_windows_1252_and_utf16_text_are_decoded(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("Trusts must report \u2013 monthly.".encode("cp1252"))
    (tmp_path / "b.txt").write_bytes("Trusts must report monthly.".encode("utf-16"))
    assert [c.frequency_per_year for c in extract_file(tmp_path / "a.txt").candidates] == [12]
    assert [c.frequency_per_year for c in extract_file(tmp_path / "b.txt").candidates] == [12]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "proportion", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_cli_extract_goes_on_after_bad_files_and_names_them(tmp_path: Path) -> None:
    (tmp_path / "good.docx").write_bytes(directive_docx())
    (tmp_path / "good.pdf").write_bytes(directive_pdf())
    (tmp_path / "scan.pdf").write_bytes(blank_pdf())
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 nope")
    result = run_cli("extract", str(tmp_path), "--json", "--no-progress")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("proportion: ") == 2
    assert "scan.pdf: PDF has no text layer" in result.stderr
    assert "broken.docx: file is damaged" in result.stderr
    import json

    candidates = json.loads(result.stdout)
    assert {c["file"].rsplit("/", 1)[-1] for c in candidates} == {"good.docx", "good.pdf"}
    keys = [
        "file",
        "text",
        "modality",
        "actor",
        "on_regulated",
        "timescale",
        "frequency",
        "frequency_per_year",
        "deadline",
        "activity",
        "driver",
        "references",
        "location",
        "confidence",
    ]
    assert all(list(c) == keys for c in candidates)
    docx_rows = [{k: v for k, v in c.items() if k != "file"} for c in candidates if c["file"].endswith(".docx")]
    pdf_rows = [{k: v for k, v in c.items() if k != "file"} for c in candidates if c["file"].endswith(".pdf")]
    assert docx_rows == pdf_rows and len(docx_rows) == 9


def test_cli_extract_prints_a_readable_listing_with_a_progress_bar(tmp_path: Path) -> None:
    (tmp_path / "pi.docx").write_bytes(directive_docx())
    result = run_cli("extract", str(tmp_path / "pi.docx"), "--progress")
    assert result.returncode == 0, result.stderr
    assert "PI 09/2011 - Information Assurance and Data Handling (9 candidates)" in result.stdout
    assert "cancels: PC 12/2005, PC 13/2006" in result.stdout
    assert "1/1" in result.stderr


def test_multi_page_pdf_drops_running_header_and_page_numbers_and_rejoins_split_paragraphs() -> None:
    # The filler pushes paragraph 2.1 to the foot of page 1, so it runs on to page 2.
    filler = " ".join(f"Background sentence {i} about the history of the service." for i in range(45))
    html = (
        "<html><head><style>@page { @top-center { content: 'PI 09/2011 Information Assurance' } "
        "@bottom-center { content: 'Page ' counter(page) } } p { orphans: 1; widows: 1 }</style></head><body>"
        f"<p>Reference: PI 09/2011</p><p>1.1 {filler}</p>"
        f"<p>2.1 Each trust must appoint a Senior Information Risk Owner at board level and the owner shall "
        f"{'report to the board on information risk and ' * 25}do so at least twice a year.</p>"
        "</body></html>"
    )
    pdf = weasyprint.HTML(string=html).write_pdf()
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 2
    result = extract_bytes(pdf, "long.pdf")
    texts = [b.text for b in result.document.blocks]
    assert not any(t.startswith("Page ") or t == "PI 09/2011 Information Assurance" for t in texts)
    (block,) = [b for b in result.document.blocks if b.text.startswith("2.1 ")]
    assert block.page == 1  # one paragraph, begun on page 1 and ended on page 2
    # Two clauses joined by "and", each with its own modal, are two candidates (the corpus README's splitting rule).
    *_, candidate = [c for c in result.candidates if c.location == "para 2.1"]
    assert candidate.text.endswith("do so at least twice a year.")
    assert candidate.frequency_per_year == 2


def test_html_paragraphs_inside_list_items_are_items() -> None:
    html = b"<p>3.1 Areas are asked to:</p><ul><li><p>brief all staff;</p></li><li><p>appoint a lead.</p></li></ul>"
    result = extract_bytes(html, "pc.html")
    assert [(c.text, c.location) for c in result.candidates] == [
        ("brief all staff;", "para 3.1, item 1"),
        ("appoint a lead.", "para 3.1, item 2"),
    ]


def test_docx_header_block_in_a_table_is_read_as_header() -> None:
    document = docx.Document()
    document.add_paragraph("Probation Instruction 09/2011")
    table = document.add_table(rows=0, cols=2)
    for key, value in HEADER:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = key, value
    document.add_paragraph("2.2 Data security incidents must be reported to NOMS within 24 hours of discovery.")
    buffer = io.BytesIO()
    document.save(buffer)
    result = extract_bytes(buffer.getvalue(), "pi.docx")
    assert result.header.reference == "PI 09/2011"
    assert result.header.cancels == ["PC 12/2005", "PC 13/2006"]
    assert result.header.effective == "2011-06-01"
    assert [c.location for c in result.candidates] == ["para 2.2"]


# -- PDF reading faults seen on the benchmark's PDF builds of the real corpus's dev documents ------------------
# Each quotes real public wording (Crown copyright, reused under the Open Government Licence v3.0), from the dev
# split of bench/extraction/corpus/real/ (not from the held-out or the reserved documents).

PAGE_CSS = (
    "@page { size: A5; margin: 22mm 14mm; @top-center { content: 'Running title'; font-size: 7pt } "
    "@bottom-center { content: 'Page ' counter(page) ' of ' counter(pages); font-size: 7pt } } "
    "body { font: 9pt/1.3 serif } "
)


def pdf_of(body: str, css: str = "") -> bytes:
    return weasyprint.HTML(
        string=f"<html><head><style>{PAGE_CSS}{css}</style></head><body>{body}</body></html>"
    ).write_pdf()


def pdf_lines(pdf: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [line["text"] for page in document.pages for line in page.extract_text_lines()]


def at_widths(text: str, widths: range) -> str:
    """The same paragraph set at many measures, so that its lines wrap at many different words."""
    return "".join(f'<p style="width: {w}mm">{escape(text)}</p>' for w in widths)


# One tall page: the same paragraph repeated at the edges of several pages would be taken for a running line.
TALL_PAGE = "@page { size: 148mm 3000mm; margin: 200mm 14mm } "

# PC 48/2005, OASys Quality Management Plan, ACTION: https://www.scribd.com/document/1430299/UK-Home-Office-PC48-202005
PC48_LEAD_IN = (
    "Participate in regional benchmarking events. Regional Managers, through the Regional Forums, are asked to:"
)
# PC 90/2005, Role boundaries: https://www.scribd.com/document/1430472/UK-Home-Office-PC90-202005
PC90_SENTENCE = (
    "The NPD expects Chief Officers to discuss the contents of this PC with their Trade Unions and use it to "
    "inform future consultation/negotiations."
)
# PSO 4700, Lifer Manual, chapter 13: https://info.5y1.org/13-reasons-why-release-date_1_cabfb1.html
PSO4700_SENTENCE = (
    "The Parole Board may direct the release of a tariff-expired lifer only if it is satisfied that it is no "
    "longer necessary for the protection of the public that the prisoner should be confined."
)
WIDTHS = range(30, 120, 3)


def test_a_wrapped_line_that_looks_like_a_label_goes_on_with_its_paragraph() -> None:
    pdf = pdf_of(at_widths(PC48_LEAD_IN, WIDTHS), TALL_PAGE)
    # Some measure wraps the lead-in just before "Forums, are asked to:" (a line that looks like "Label: value").
    assert any(line.startswith("Forums, are asked to:") for line in pdf_lines(pdf))
    texts = [b.text for b in read_bytes(pdf, "pc48.pdf").blocks]
    assert texts == [PC48_LEAD_IN] * len(WIDTHS)


def test_a_line_broken_after_a_hyphen_or_a_slash_is_joined_without_a_space() -> None:
    pdf = pdf_of(at_widths(PSO4700_SENTENCE, WIDTHS) + at_widths(PC90_SENTENCE, WIDTHS), TALL_PAGE)
    lines = pdf_lines(pdf)
    assert any(line.endswith("tariff-") for line in lines) and any(line.endswith("consultation/") for line in lines)
    texts = [b.text for b in read_bytes(pdf, "pso4700.pdf").blocks]
    assert texts == [PSO4700_SENTENCE] * len(WIDTHS) + [PC90_SENTENCE] * len(WIDTHS)


# School Standards and Framework Act 1998, section 65(2), (4) and (5):
# https://legislation.gov.uk/ukpga/1998/31/section/65/enacted/data.html
SSFA_65 = [
    (
        "Where the head teacher decides that any exclusion of a pupil for a fixed period should be made permanent, "
        "he shall (without delay) take reasonable steps to inform the relevant person of—",
        "his decision, and",
        "the matters specified in paragraphs (b) to (d) of subsection (1).",
    ),
    (
        "Where this subsection applies, the head teacher shall (without delay) inform the local education "
        "authority and the governing body of the following matters—",
        "the period of the exclusion (or, if the pupil is being permanently excluded, that he is being so "
        "excluded), or",
        "his decision that any exclusion of a pupil for a fixed period should be made permanent,",
    ),
    (
        "In this section and in sections 66 and 67 “the relevant person” means—",
        "in relation to a pupil under the age of 18, a parent of his;",
        "in relation to a pupil who has attained that age, the pupil himself.",
    ),
]


def test_a_list_marker_left_at_the_foot_of_several_pages_is_not_a_running_footer() -> None:
    # As the act is laid out, each enumerator a line of its own and its words on the next; as the benchmark's
    # A5 build of it happens to break, "(b)" is the last line of three pages running.
    body = "".join(
        f"<p>{escape(lead_in)}</p><p>(a)</p><p>{escape(first)}</p><p>(b)</p>"
        f'<p style="break-before: page">{escape(second)}</p>'
        for lead_in, first, second in SSFA_65
    )
    pdf = pdf_of(body)
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 4
    blocks = [(b.kind, b.marker, b.text) for b in read_bytes(pdf, "ssfa.pdf").blocks]
    expected = []
    for lead_in, first, second in SSFA_65:
        expected += [("text", "", lead_in), ("item", "()a", first), ("item", "()a", second)]
    assert blocks == expected


# Ofsted, Report changes to registered people in your nursery or other daycare (EY3):
# https://gov.uk/guidance/report-changes-to-registered-people-in-your-nursery-or-other-daycare-ey3
EY3_OPENING = (
    "You must tell Ofsted about changes to those responsible for a daycare organisation, and for a home where "
    "daycare takes place, and also who is living or working there. You can only report changes in your daycare if "
    "you are one of the following: the nominated individual of an organisation such as a company, charity or "
    "partnership; the sole owner of the business. If you are a childminder who is, and will be, working with no "
    "more than 2 other adults in someone’s home at the same time, you do not need to read this guide. Instead, you "
    "should follow the instructions on household members and regular visitors. You need to report changes to "
    "Ofsted in relation to certain governance roles. These will depend on the type of organisation and if they are "
    "legally responsible for the daycare’s registration."
)
EY3_ITEMS = [
    "someone else will be taking over as the nominated individual",
    "there are changes to any additional contacts for any setting within your daycare organisation",
]


def test_a_short_last_page_keeps_the_columns_of_the_pages_before() -> None:
    # Page 1 in two columns; page 2 holds only the last lead-in and its items, balanced over two short columns.
    body = (
        f'<div class="two">{escape(EY3_OPENING)}</div>'
        '<div class="two" style="break-before: page"><p>You also need to tell us when:</p>'
        f"<ul>{''.join(f'<li>{escape(item)}</li>' for item in EY3_ITEMS)}</ul></div>"
    )
    pdf = pdf_of(body, ".two { columns: 2; column-gap: 8mm } ")
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 2
    blocks = read_bytes(pdf, "ey3.pdf").blocks
    assert [b.text for b in blocks] == [EY3_OPENING, "You also need to tell us when:", *EY3_ITEMS]
    assert [b.kind for b in blocks[2:]] == ["item", "item"]


# What academies, free schools and colleges should publish online:
# https://www.gov.uk/guidance/what-academies-free-schools-and-colleges-should-publish-online
ACADEMY_OPENING = (
    "This guide gives an overview of the information that the Department for Education (DfE) recommends that you "
    "publish on your website if you are one of these schools or colleges."
)
ACADEMY_LEAD_IN = "If you’re an academy or free school, you should publish details about your academy’s sponsor:"
ACADEMY_ITEMS = [
    "if the school’s owner is an individual, you should publish their full name and contact details (address and a "
    "telephone number)",
    "if the school’s owner is a group or organisation, you should publish the address and telephone number of its "
    "office",
]
COLUMN_HEIGHTS = range(60, 76)  # mm: each page's first column ends at a different line of the list


def test_an_item_broken_at_the_foot_of_a_column_goes_on_at_the_head_of_the_next() -> None:
    items = f"<ul>{''.join(f'<li>{escape(item)}</li>' for item in ACADEMY_ITEMS)}</ul>"
    body = "".join(
        f'<div class="two" style="height: {h}mm; break-before: page"><p>{escape(ACADEMY_OPENING)}</p>'
        f"<p>{escape(ACADEMY_LEAD_IN)}</p>{items}</div>"
        for h in COLUMN_HEIGHTS
    )
    pdf = pdf_of(body, ".two { columns: 2; column-gap: 8mm; column-fill: auto } ")
    # Some page ends its first column with "contact details", its second column going on "(address and ...".
    assert any(line.endswith("contact details") for line in pdf_lines(pdf))
    blocks = read_bytes(pdf, "academies.pdf").blocks
    assert [b.text for b in blocks if b.kind == "item"] == ACADEMY_ITEMS * len(COLUMN_HEIGHTS)


def test_a_paragraph_that_stops_short_at_a_page_foot_is_not_run_on_to_the_next_page() -> None:
    # School Standards and Framework Act 1998, section 65(4): the closing words after the list are a line of their
    # own, even when they head the next page and start in lower case.
    lead_in, first, second = SSFA_65[1]
    closing = "and (in either case) of the reasons for it."
    body = (
        f"<p>{escape(lead_in)}</p><p>(a)</p><p>{escape(first)}</p><p>(b)</p><p>{escape(second)}</p>"
        f'<p style="break-before: page">{escape(closing)}</p>'
    )
    texts = [b.text for b in read_bytes(pdf_of(body), "ssfa.pdf").blocks]
    assert texts == [lead_in, first, second, closing]


# What maintained schools must publish online:
# https://web.archive.org/web/20201009133143/https://www.gov.uk/guidance/what-maintained-schools-must-publish-online
MAINTAINED_OPENING = (
    "If the school’s governing body decides your admissions, you must publish your school’s admission arrangements "
    "each year and keep them up for the whole school year."
)
MAINTAINED_HEADING = "Community schools and voluntary-controlled schools"
MAINTAINED_DUTY = (
    "If the local authority decides your admissions, tell parents to contact the local authority to find out about "
    "your admission arrangements."
)


MAINTAINED_HEIGHTS = range(39, 46)  # mm: the heading ends the first column, or the duty heads the second


def test_a_heading_at_the_foot_of_a_column_is_not_run_on_to_the_paragraph_heading_the_next() -> None:
    # The heading wraps in the narrow column, its last line ("voluntary-controlled schools") its widest. One
    # PDF a height: the heading repeated on every page would be taken for a running line.
    ends_column = 0
    for height in MAINTAINED_HEIGHTS:
        body = (
            f'<div class="two" style="height: {height}mm"><p>{escape(MAINTAINED_OPENING)}</p>'
            f"<p>{escape(MAINTAINED_HEADING)}</p><p>{escape(MAINTAINED_DUTY)}</p></div>"
        )
        pdf = pdf_of(body, ".two { columns: 2; column-gap: 8mm; column-fill: auto } ")
        ends_column += pdf_lines(pdf)[-2] == "voluntary-controlled schools"  # the last line before the footer
        texts = [b.text for b in read_bytes(pdf, "maintained.pdf").blocks]
        assert texts == [MAINTAINED_OPENING, MAINTAINED_HEADING, MAINTAINED_DUTY], height
    assert ends_column


# Checking a job applicant's right to work: https://www.gov.uk/check-job-applicant-right-to-work
RIGHT_TO_WORK_ITEM = (
    "if 2 documents give different names, the applicant has supporting documents showing why they’re different, "
    "such as a marriage certificate or divorce decree"
)
RIGHT_TO_WORK_NEXT = "Read the guidance on how to carry out right to work checks and what documents you can accept."


def test_a_text_line_after_a_list_item_and_not_indented_past_its_marker_is_a_paragraph_of_its_own() -> None:
    # ... while a hard-wrapped item goes on, its second line indented past the marker
    wrap = RIGHT_TO_WORK_ITEM.index(" showing")
    text = (
        f"- {RIGHT_TO_WORK_ITEM}\n{RIGHT_TO_WORK_NEXT}\n"
        f"- {RIGHT_TO_WORK_ITEM[:wrap]}\n  {RIGHT_TO_WORK_ITEM[wrap + 1 :]}\n"
    )
    blocks = [(b.kind, b.text) for b in read_bytes(text.encode(), "right-to-work.txt").blocks]
    assert blocks == [("item", RIGHT_TO_WORK_ITEM), ("text", RIGHT_TO_WORK_NEXT), ("item", RIGHT_TO_WORK_ITEM)]
