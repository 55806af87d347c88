"""DOCX rendering with python-docx: real headings, editable tables, charts as PNG pictures.

The document reads the same :class:`~reports.model.Report` as the HTML and PDF: the same
sections, numbering, formatted tables and charts. A4 pages with a page-number footer.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as DocxParagraph

from catalogue.ziparchive import stable_zip
from reports.layout import column_widths, fitting_font
from reports.model import Block, Bullets, Chart, Paragraph, Report, Section, Table
from reports.render_charts import chart_png, chart_svg, svg_size

FONT = "DejaVu Sans"
LANGUAGE = "en-GB"
ACCENT = RGBColor(0x0B, 0x4F, 0x6C)
MUTED = RGBColor(0x52, 0x60, 0x6D)
CONTENT_WIDTH_CM = 17.0
APPENDIX_LETTERS = "ABCDEFGHIJ"


def _shade(cell: _Cell, hex_colour: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), hex_colour)
    props.append(shading)


def _repeat_header(row: _Row) -> None:
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _field(paragraph: DocxParagraph, instruction: str) -> None:
    """Append a Word field (PAGE, NUMPAGES) to a paragraph."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(text)
    run._r.append(end)


def _contents_field(document: DocxDocument, entries: list[str]) -> None:
    """Add a real table of contents (a TOC field over the Heading 2 sections) that Word and LibreOffice update.

    Heading 1 is the report's title alone and the tables and charts (Heading 3) stay out: with them the contents
    run onto a near-empty second page, and the PDF's contents list the sections only. The navigation pane shows
    all three levels. Until it is updated the field shows ``entries``, so the list reads correctly even in a
    viewer that never updates fields; the document asks to be updated when opened.
    """
    paragraph = document.add_paragraph()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = 'TOC \\o "2-2" \\h \\z \\u'
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    for element in (begin, instruction, separate):
        run = paragraph.add_run()
        run._r.append(element)
    for index, entry in enumerate(entries):
        run = paragraph.add_run(entry)
        if index < len(entries) - 1:
            run.add_break()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _styles(document: DocxDocument) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(6)
    # The outline of the HTML and PDF: the title is Heading 1, sections Heading 2, tables and charts Heading 3.
    sizes = (("Heading 1", 24), ("Heading 2", 15), ("Heading 3", 11.5), ("TOC Heading", 15), ("Subtitle", 13))
    for name, size in sizes:
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT
        rfonts = style.element.rPr.rFonts
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(attr), FONT)
    document.styles["Subtitle"].font.color.rgb = RGBColor(0x1F, 0x29, 0x33)
    # British English throughout (the template says US): a screen reader's voice and Word's spelling follow it.
    for language in document.styles.element.iter(qn("w:lang")):
        language.set(qn("w:val"), LANGUAGE)
    document.core_properties.language = LANGUAGE


def _page_setup(document: DocxDocument, report: Report) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = footer.add_run(f"{report.title} · fingerprint {report.fingerprint} · page ")
    run.font.size = Pt(7.5)
    run.font.color.rgb = MUTED
    _field(footer, "PAGE")
    tail = footer.add_run(" of ")
    tail.font.size = Pt(7.5)
    _field(footer, "NUMPAGES")


def _small(paragraph: DocxParagraph, text: str, italic: bool = False) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(8)
    run.font.color.rgb = MUTED
    run.italic = italic


def _add_table(document: DocxDocument, table: Table) -> None:
    title = document.add_heading(table.title, level=3)
    title.paragraph_format.keep_with_next = True
    title.paragraph_format.space_after = Pt(2)
    shown = table.formatted()
    total = table.formatted_total()
    rows = shown.values.tolist() + ([total] if total else [])
    columns = table.shown_columns
    fixed = [c.align_right or c.kind == "bool" for c in columns]
    labels = [c.label for c in columns]
    # 8 pt, or smaller for a wide table, so that no number or heading word is broken across lines.
    sizes = (7.0, 6.5) if len(columns) > 7 else (8.0, 7.0, 6.5)
    size = Pt(fitting_font(rows, labels, fixed, sizes, CONTENT_WIDTH_CM))
    grid = document.add_table(rows=1, cols=len(table.shown_columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = grid.rows[0]
    _repeat_header(header)
    for cell, column in zip(header.cells, table.shown_columns, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(column.label)
        run.bold = True
        run.font.size = size
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        _shade(cell, "0B4F6C")
        if column.align_right:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    marked = [*table.highlighted(), False]
    grid.autofit = False
    widths = [Cm(w) for w in column_widths(rows, labels, fixed, size.pt, CONTENT_WIDTH_CM)]
    for cell, grid_column, width in zip(header.cells, grid.columns, widths, strict=True):
        cell.width = width
        grid_column.width = width  # LibreOffice reads the grid, Word the cells: set both
    for index, values in enumerate(rows):
        cells = grid.add_row().cells
        is_total = total is not None and index == len(rows) - 1
        for cell, column, value, width in zip(cells, table.shown_columns, values, widths, strict=True):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            run = paragraph.add_run(str(value))
            run.font.size = size
            if is_total or marked[index]:
                run.bold = True
            if column.align_right:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if marked[index]:
                _shade(cell, "FDE9C8")
            elif index % 2 == 1 and not is_total:
                _shade(cell, "F2F6F8")
    if table.truncated:
        _small(
            document.add_paragraph(),
            f"Showing {len(shown)} of {len(table.frame)} rows; the XLSX and CSV exports hold every row.",
        )
    if table.note:
        _small(document.add_paragraph(), table.note)
    document.add_paragraph()


def _add_chart(document: DocxDocument, chart: Chart) -> None:
    title = document.add_heading(chart.title, level=3)
    title.paragraph_format.keep_with_next = True
    width_px, _ = svg_size(chart_svg(chart.drawing))
    # Keep the chart's proportions: 96 px to the inch, no wider than the text column.
    width_cm = min(CONTENT_WIDTH_CM, width_px / 96 * 2.54)
    picture = document.add_picture(io.BytesIO(chart_png(chart.drawing)), width=Cm(width_cm))
    # Alternative text for screen readers: what the chart shows, in the report's own words.
    described = f"{chart.title}. {chart.caption}" if chart.caption else chart.title
    picture._inline.docPr.set("descr", described)
    picture._inline.docPr.set("title", chart.title)
    if chart.caption:
        _small(document.add_paragraph(), chart.caption, italic=True)


def _add_block(document: DocxDocument, block: Block) -> None:
    if isinstance(block, Paragraph):
        document.add_paragraph(block.text)
    elif isinstance(block, Bullets):
        if block.title:
            lead = document.add_paragraph()
            lead.add_run(block.title).bold = True
            lead.paragraph_format.keep_with_next = True
            lead.paragraph_format.space_after = Pt(2)
        for item in block.items:
            document.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Table) and block.in_documents:
        _add_table(document, block)
    elif isinstance(block, Chart):
        _add_chart(document, block)


def _add_section(document: DocxDocument, heading: str, section: Section, new_page: bool) -> None:
    # The heading itself starts the page: an empty paragraph holding a page break spills onto a page of its own
    # when the text before it fills its page, leaving that page blank.
    document.add_heading(heading, level=2).paragraph_format.page_break_before = new_page
    for block in section.blocks:
        _add_block(document, block)


def _titled_blocks(section: Section) -> list[str]:
    """The titles of a section's tables and charts, as the document shows them (its Heading 3 paragraphs)."""
    return [
        block.title
        for block in section.blocks
        if isinstance(block, Chart) or (isinstance(block, Table) and block.in_documents)
    ]


def _outline(report: Report) -> list[tuple[int, str]]:
    """The document's headings below its title, as (level, text): what the contents field lists."""
    entries = [(2, "Key findings")] if report.findings else []
    entries.append((2, "Executive summary"))
    if report.recommendations:
        entries.append((3, "Recommendations"))
    headed = [(f"{i}. {s.title}", s) for i, s in enumerate(report.sections, 1)]
    headed += [(f"Appendix {APPENDIX_LETTERS[i]}. {s.title}", s) for i, s in enumerate(report.appendix)]
    for heading, section in headed:
        entries.append((2, heading))
        entries += [(3, title) for title in _titled_blocks(section)]
    return entries


def render_docx(report: Report) -> bytes:
    """Return the report as DOCX bytes."""
    document = Document()
    _styles(document)
    _page_setup(document, report)
    props = document.core_properties
    props.title = report.title
    props.subject = report.subtitle
    props.author = "Proportion"
    props.comments = f"data fingerprint {report.fingerprint}"
    stamp = dt.datetime.combine(report.generated_on, dt.time())
    props.created = props.modified = stamp

    brand = document.add_paragraph()
    _small(brand, "PROPORTION · REGULATORY BURDEN AUDIT OF THE PROBATION TRUSTS OF ENGLAND AND WALES")
    document.add_heading(report.title, level=1)
    document.add_paragraph(report.subtitle, style="Subtitle")
    if report.audience:
        _small(document.add_paragraph(), report.audience, italic=True)
    meta = document.add_paragraph()
    meta.add_run(f"Date: {report.generated_on:%d %B %Y}\n")
    meta.add_run(f"Data fingerprint: {report.fingerprint}\n")
    meta.add_run(f"Estimates: {report.estimates_line()}")
    if report.findings:
        box = document.add_table(rows=1, cols=1)
        cell = box.rows[0].cells[0]
        _shade(cell, "E3EEF3")
        heading = cell.paragraphs[0]
        heading.style = document.styles["Heading 2"]
        heading.add_run("Key findings")
        for item in report.findings:
            cell.add_paragraph(item, style="List Bullet")

    # Word's own style for the contents' heading: outside the outline, so the contents never list themselves.
    document.add_paragraph("Contents", style="TOC Heading")
    _contents_field(document, [text for level, text in _outline(report) if level == 2])

    document.add_heading("Executive summary", level=2).paragraph_format.page_break_before = True
    figures = report.key_figures
    if figures:
        columns = 3
        grid = document.add_table(rows=(len(figures) + columns - 1) // columns, cols=columns)
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        for index, figure in enumerate(figures):
            cell = grid.rows[index // columns].cells[index % columns]
            _shade(cell, "E3EEF3")
            label = cell.paragraphs[0]
            _small(label, figure.label.upper())
            value = cell.add_paragraph()
            value_run = value.add_run(figure.value)
            value_run.bold = True
            value_run.font.size = Pt(13)
            value_run.font.color.rgb = ACCENT
            if figure.detail:
                _small(cell.add_paragraph(), figure.detail)
        document.add_paragraph()
    for text in report.summary:
        document.add_paragraph(text)
    if report.recommendations:
        document.add_heading("Recommendations", level=3)
        grid = document.add_table(rows=1, cols=2)
        grid.style = "Table Grid"
        header = grid.rows[0]
        for cell, text in zip(header.cells, ("Who", "Recommendation"), strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        _repeat_header(header)
        for rec in report.recommendations:
            row = grid.add_row()
            row.cells[0].text = rec.owner
            row.cells[1].text = rec.text

    for number, section in enumerate(report.sections, 1):
        _add_section(document, f"{number}. {section.title}", section, new_page=number == 1)
    for index, section in enumerate(report.appendix):
        _add_section(document, f"Appendix {APPENDIX_LETTERS[index]}. {section.title}", section, new_page=index == 0)
    closing = document.add_paragraph()
    _small(closing, report.provenance_line)

    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue(), f"{report.generated_on.isoformat()}T00:00:00Z")
