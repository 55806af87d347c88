"""Read PDF, DOCX, HTML and text/Markdown files into a list of blocks in document order.

A block is a paragraph, a list item or a table row. Every reader produces the same kinds of block so
that the same directive text gives the same candidates whatever format it arrived in.

>>> doc = read_bytes(b"4.1 Trusts must comply.\\n\\n- brief staff", "note.txt")
>>> [(b.kind, b.text) for b in doc.blocks]
[('text', '4.1 Trusts must comply.'), ('item', 'brief staff')]
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar, Literal

from catalogue.extract.errors import (
    Corrupt,
    Encrypted,
    ExtractionError,
    FileTooLarge,
    NoText,
    NoTextLayer,
    Undecodable,
    UnsupportedFormat,
)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

BlockKind = Literal["text", "item", "row", "heading"]

# Bullets and list markers as they appear at the start of a line of PDF or plain text.
BULLET = re.compile(r"^\s*(?:[•●▪◦‣∙·○■□\uf0a7\uf0b7\-–—*]|o(?=\s))\s+")
LIST_MARKER = re.compile(r"^\s*(?:\(?[a-z]\)|\(?[ivx]{1,4}\)|\([a-z]\)|[a-z]\.(?=\s)|\(?\d{1,2}\))\s+")
ORDINAL_MARKER = re.compile(r"^\s*\d{1,2}\.\s+(?=[a-z])")  # "1. submit ..." (lower case: a list item, not a section)
FORMATS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
}


@dataclass(frozen=True)
class Block:
    """One paragraph, list item, heading or table row, with where it sits."""

    kind: BlockKind
    text: str
    page: int | None = None
    cells: tuple[str, ...] = ()
    table: int | None = None
    row: int | None = None
    marker: str = ""  # the kind of list marker an item had: "bullet", "(1)", "(a)", "(i)", "1.", "a."
    column_start: bool = False  # the first block of a PDF page's second column
    # PDF only, in ems of the line's type: the room left at the end of the block's last line, and the width of its
    # first word; a block whose last line had room for the next block's first word ended there on purpose.
    room: float | None = None
    first_word: float | None = None


@dataclass
class Document:
    """A read document: its name, format, size in bytes and blocks in order."""

    name: str
    format: str
    size: int
    blocks: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The document as plain text, one block a line."""
        return "\n".join(b.text for b in self.blocks)


_SPACES = re.compile(r"\s+")


def _clean(text: str) -> str:
    if not text.isascii():
        text = text.replace("\u00a0", " ").replace("\u00ad", "").replace("\ufeff", "")
    # str.split() splits on the same Unicode whitespace as the regex \s, several times faster than a substitution.
    return " ".join(text.split())


def _item_or_text(text: str, page: int | None = None) -> Block:
    """Turn a line that starts with a bullet or list marker into an item without its marker."""
    if text[:1].isupper():
        return Block("text", _clean(text), page)  # no bullet or list marker starts with a capital letter
    for pattern in (BULLET, LIST_MARKER, ORDINAL_MARKER):
        match = pattern.match(text)
        if match and text[match.end() :].strip():
            return Block("item", _clean(text[match.end() :]), page, marker=marker_style(match.group(0)))
    return Block("text", _clean(text), page)


def marker_style(marker: str) -> str:
    """Name the numbering style of a list marker, so that "(3)" after "(a) (b)" is seen to close their list."""
    marker = marker.strip()
    if not marker or not any(ch.isalnum() for ch in marker):
        return "bullet"
    core = marker.strip("().")
    shape = ("(" if marker.startswith("(") else "") + ("." if marker.endswith(".") else ")")
    if core.isdigit():
        return f"{shape}1"
    if re.fullmatch(r"[ivx]{2,4}", core) or (core in ("i", "v", "x") and marker.startswith("(")):
        return f"{shape}i"
    return f"{shape}a"


# Bullets flattened onto one line by a PDF or a web copy: "Chief Officers are asked to: • Forward ... • Ensure ...".
# (\uf0a7 and \uf0b7 are the Wingdings and Symbol bullets a copy of a Word document keeps as private-use characters.)
_BULLET_CHARS = "•●▪◦‣∙■□\uf0a7\uf0b7"
_INLINE_BULLET = re.compile(r"\s+[" + _BULLET_CHARS + r"]\s+")
# Enumerators flattened onto the lead-in's line: "he shall record— (a) the findings; and (b) any group ...".
_LEAD_END = re.compile(r"[:—–]\s*$|\s-\s*$")
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]


def _enumerator_sequences() -> list[list[str]]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [
        [f"({c})" for c in letters],
        [f"({r})" for r in _ROMAN],
        [f"{c})" for c in letters],
        [f"{n}." for n in range(1, 30)],
        [f"({n})" for n in range(1, 30)],
    ]


_SEQUENCES = _enumerator_sequences()
_GLUED_LABEL = re.compile(r"(?<=\S)\s*\b(?=(?:Audit\s*/\s*monitoring|Audit and monitoring)\s*:)")
_REFERENCE_WORDS = {
    "section",
    "sections",
    "paragraph",
    "paragraphs",
    "subsection",
    "subsections",
    "regulation",
    "regulations",
    "rule",
    "rules",
    "schedule",
    "article",
    "articles",
    "annex",
    "appendix",
    "and",
    "or",
    "to",
    "of",
    "in",
    "under",
    "see",
    "para",
    "paras",
    "s",
    "reg",
    "",
}
# A list marker standing alone on its line ("(a)", "-", "•"), its text on the next line.
_MARKER_ONLY = re.compile(
    r"^\s*(?:[•●▪◦‣∙○■□\uf0a7\uf0b7\-–—*]|\(?[a-z]\)|\(?[ivx]{1,4}\)|\(?\d{1,2}\)|\d{1,2}\.|[a-z]\.)\s*$"
)


def _inline_enumerated(text: str) -> list[tuple[int, int]] | None:
    """Return (marker start, text start) of each enumerator of an inline list that follows a lead-in, or None."""
    for sequence in _SEQUENCES:
        first = text.find(" " + sequence[0] + " ")
        if first < 0:
            continue
        before = text[: first + 1]
        # After a lead-in's dash or colon, or straight after its verb ("a registered person must (a) notify ...");
        # never a cross-reference ("section 3 (a)", "paragraphs (b) to (d)").
        last_word = before.split()[-1].lower().strip(",") if before.split() else ""
        if not _LEAD_END.search(before) and (last_word in _REFERENCE_WORDS or last_word[:1].isdigit()):
            continue
        spans = [(first + 1, first + 1 + len(sequence[0]) + 1)]
        position = spans[0][1]
        for marker in sequence[1:]:
            found = text.find(" " + marker + " ", position)
            if found < 0:
                break
            spans.append((found + 1, found + 1 + len(marker) + 1))
            position = spans[-1][1]
        if len(spans) >= 2:
            return spans
    return None


def split_inline_lists(blocks: list[Block]) -> list[Block]:
    """Split paragraphs and items that hold a whole list on one line into a lead-in and one item per entry."""
    out: list[Block] = []
    pending_marker: str | None = None
    for block in blocks:
        if block.kind == "text" and len(block.text) <= 6 and _MARKER_ONLY.match(block.text):
            pending_marker = block.text.strip()
            continue
        if pending_marker is not None:
            if block.kind == "text":
                block = Block("item", block.text, block.page, marker=marker_style(pending_marker + " "))
            pending_marker = None
        if block.kind not in ("text", "item") or len(block.text) < 12:
            out.append(block)
            continue
        glued = _GLUED_LABEL.search(block.text) if "udit" in block.text else None
        if glued and glued.start() > 0:
            # "... must be destroyed Audit/monitoring:Deputy Directors ...": a header label run on to the line before.
            out.append(Block(block.kind, block.text[: glued.start()].strip(), block.page, marker=block.marker))
            block = Block("text", block.text[glued.start() :].strip(), block.page)
        has_bullet = not block.text.isascii() and any(ch in block.text for ch in _BULLET_CHARS)
        parts = _INLINE_BULLET.split(block.text) if has_bullet else []
        if len([part for part in parts if part.strip()]) >= 2:
            head, *entries = parts
            if head.strip():
                out.append(Block(block.kind, head.strip(), block.page, marker=block.marker))
            style = "bullet"
            out.extend(Block("item", e.strip(), block.page, marker=style) for e in entries if e.strip())
            continue
        spans = _inline_enumerated(block.text) if ("(" in block.text or ". " in block.text) else None
        if spans:
            head = block.text[: spans[0][0]].strip()
            if head:
                out.append(Block(block.kind, head, block.page, marker=block.marker))
            bounds = [start for start, _ in spans[1:]] + [len(block.text)]
            for (start, text_start), end in zip(spans, bounds, strict=True):
                entry = block.text[text_start:end].strip()
                if entry:
                    out.append(Block("item", entry, block.page, marker=marker_style(block.text[start:text_start])))
            continue
        out.append(block)
    return out


def _table_rows(rows: list[list[str]], table: int, page: int | None = None) -> list[Block]:
    blocks = []
    for index, row in enumerate(rows, start=1):
        cells = tuple(_clean(c or "") for c in row)
        # Merged cells repeat their text in python-docx and come back as None in pdfplumber.
        deduped: list[str] = []
        for cell in cells:
            if cell and (not deduped or deduped[-1] != cell):
                deduped.append(cell)
        if deduped:
            blocks.append(Block("row", " | ".join(deduped), page, tuple(deduped), table, index))
    return blocks


# -- plain text and Markdown ------------------------------------------------------------------------


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252; else Undecodable."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise Undecodable(name, "bad UTF-16") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise Undecodable(name, f"byte {exc.object[exc.start]:#04x} at offset {exc.start}") from exc
    controls = sum(1 for ch in text[:100_000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(2, len(text[:100_000]) // 100):
        raise Undecodable(name, "looks like binary data")
    return text


_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.*)")


def text_blocks(text: str) -> list[Block]:
    """Split plain text or Markdown into blocks: blank lines end paragraphs, markers start items, pipes make rows."""
    blocks: list[Block] = []
    buffer: list[str] = []
    table_rows: list[list[str]] = []
    tables = 0

    def flush() -> None:
        if buffer:
            blocks.append(_item_or_text(" ".join(buffer)))
            buffer.clear()

    def flush_table() -> None:
        nonlocal tables
        if table_rows:
            tables += 1
            blocks.extend(_table_rows(table_rows, tables))
            table_rows.clear()

    item_indent: int | None = None  # how far the marker of the list item being read is indented
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("|") and line.count("|") >= 2:
            flush()
            if not re.fullmatch(r"\|?[\s:\-|]+\|?", line):
                table_rows.append([c for c in line.strip("|").split("|")])
            continue
        flush_table()
        if not line:
            flush()
            continue
        heading = _MARKDOWN_HEADING.match(line) if line[0] == "#" else None
        if heading:
            flush()
            blocks.append(Block("heading", _clean(heading.group(1))))
            continue
        indent = len(raw) - len(raw.lstrip())
        # (A line after a blank one starts a block anyway: only a line that may go on with the one before is tested.)
        if (
            buffer
            and (
                starts_block(line, buffer[-1])
                # a list item goes on only on lines indented past its marker, or in lower case (a lazy continuation)
                or (item_indent is not None and indent <= item_indent and not line[:1].islower())
            )
        ):
            flush()
            item_indent = None
        if not buffer:
            item_indent = indent if BULLET.match(line) or LIST_MARKER.match(line) else None
        buffer.append(line)
    flush()
    flush_table()
    return split_inline_lists([b for b in blocks if b.text])


def starts_block(line: str, previous: str | None) -> bool:
    """True when a line of plain text starts a block of its own rather than going on with the line before.

    Hard-wrapped text continues a paragraph only after a long line; short lines (headings, header fields) are
    lines of their own, and so are list items, numbered sections and label lines.
    """
    if previous is not None and (len(previous) < 50 or previous.endswith((":", "—", "–"))):
        return True
    first = line[:1]
    if first.isupper():
        # Only a label line starts with a capital, and every label line holds ":", " / " or a dash.
        return _may_be_label(line) and _LABEL_LINE.match(line) is not None
    return bool(
        BULLET.match(line)
        or LIST_MARKER.match(line)
        or ORDINAL_MARKER.match(line)
        or (first.isdigit() and _starts_paragraph(line))
    )


def _may_be_label(line: str) -> bool:
    """A cheap test that a line could be a label line: the regex runs only on lines that pass it."""
    return ":" in line or " / " in line or "–" in line or "—" in line


_LABEL_LINE = re.compile(
    r"^[A-Z][\w/ ,'()-]{1,70}:(?:\s|$)"  # "Issue date: ...", "REFERENCE NO: ..."
    r"|^[A-Z][\w/ ,'’()]{1,60}\s[–—]\s"  # a table row laid out as a line: "Initial assessment – within 7 days"
    r"|^[A-Z][\w'’()*-]*(?: [\w'’()*-]+){0,6} / \S"  # a mirrored header row: "Issued on the authority of / NOMS"
)
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+\S|^\d{1,2}\.\s+[A-Z]")


def _starts_paragraph(line: str) -> bool:
    return bool(_SECTION_NUMBER.match(line))


# -- HTML --------------------------------------------------------------------------------------------


class _HtmlBlocks(HTMLParser):
    BLOCK_TAGS: ClassVar[set[str]] = {
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "br",
        "blockquote",
        "pre",
        "section",
        "article",
        "dt",
        "dd",
        "table",
        "ul",
        "ol",
        "caption",
    }
    SKIP: ClassVar[set[str]] = {"script", "style", "head", "title", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text: list[str] = []
        self.kind: BlockKind = "text"
        self.in_list_item = 0  # paragraphs inside <li> are still list items
        self.skip = 0
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.table_rows: list[list[list[str]]] = []
        self.tables = 0

    def _flush(self) -> None:
        text = _clean("".join(self.text))
        self.text = []
        if text:
            kind: BlockKind = "item" if self.kind == "text" and self.in_list_item else self.kind
            block = Block(kind, text) if kind != "text" else _item_or_text(text)
            self.blocks.append(block)
        self.kind = "text"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skip += 1
            return
        if tag == "table":
            self._flush()
            self.table_rows.append([])
        elif tag == "tr" and self.table_rows:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag in self.BLOCK_TAGS and self.cell is None:
            self._flush()
            if tag == "li":
                self.kind = "item"
                self.in_list_item += 1
            elif tag[0] == "h" and tag[1:].isdigit():
                self.kind = "heading"
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append("".join(self.cell))
            self.cell = None
        elif tag == "tr" and self.row is not None and self.table_rows:
            self.table_rows[-1].append(self.row)
            self.row = None
        elif tag == "table" and self.table_rows:
            rows = self.table_rows.pop()
            self.tables += 1
            self.blocks.extend(_table_rows(rows, self.tables))
        elif tag in self.BLOCK_TAGS and self.cell is None:
            self._flush()
            if tag == "li":
                self.in_list_item = max(0, self.in_list_item - 1)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        else:
            self.text.append(data)


def html_blocks(text: str) -> list[Block]:
    """Read HTML into blocks: paragraphs, headings, list items and table rows."""
    parser = _HtmlBlocks()
    parser.feed(text)
    parser.close()
    parser._flush()
    return split_inline_lists(parser.blocks)


# -- DOCX --------------------------------------------------------------------------------------------


def docx_blocks(data: bytes, name: str) -> list[Block]:
    """Read a DOCX body in order: paragraphs (list paragraphs become items) and table rows.

    Circulars often lay the whole header and body out as a two-column table; such layout tables are read as
    flowing text (label, then its paragraphs), while data tables keep one block a row.
    """
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise Encrypted(name, "an encrypted DOCX or an old binary .doc; save it as an unprotected .docx")
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise Corrupt(name, "not a valid DOCX package") from exc
    except Exception as exc:  # python-docx raises several exception types for broken packages
        raise Corrupt(name, type(exc).__name__) from exc
    reader = _DocxReader(document)
    reader.read(document.element.body)
    return split_inline_lists(reader.blocks)


class _DocxReader:
    """Walk a DOCX body (or a table cell) in document order, turning paragraphs and tables into blocks."""

    def __init__(self, document: object) -> None:
        self.document = document
        self.blocks: list[Block] = []
        self.tables = 0

    def read(self, parent: object) -> None:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        for child in parent.iterchildren():  # type: ignore[attr-defined]
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                block = _docx_paragraph(Paragraph(child, self.document))  # type: ignore[arg-type]
                if block is not None:
                    self.blocks.append(block)
            elif tag == "tbl":
                self.table(Table(child, self.document))  # type: ignore[arg-type]
            elif tag == "sdt":
                content = child.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sdtContent")
                if content is not None:
                    self.read(content)

    def table(self, table: object) -> None:
        rows = []
        for row in table.rows:  # type: ignore[attr-defined]
            cells = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell repeats in every column it spans
                    continue
                seen.add(id(cell._tc))
                cells.append(cell)
            rows.append(cells)
        if not _is_layout_table(rows):
            self.tables += 1
            self.blocks.extend(_table_rows([[cell.text for cell in cells] for cells in rows], self.tables))
            return
        for cells in rows:
            texts = [_clean(cell.text) for cell in cells]
            if len(cells) == 2 and _is_label(texts[0]) and len(cells[1].paragraphs) == 1 and len(texts[1]) <= 300:
                self.tables += 1  # a header field ("Issue date | 4 May 2011") stays a label and value row
                self.blocks.extend(_table_rows([texts], self.tables))
                continue
            # Header fields first when a column holds them ("REFERENCE NO: ...", "ISSUE DATE: ..."), then the body.
            for cell in sorted(cells, key=lambda c: not _holds_labels(c)):
                self.read(cell._tc)


def _docx_paragraph(paragraph: object) -> Block | None:
    text = _clean(paragraph.text)  # type: ignore[attr-defined]
    if not text:
        return None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""  # type: ignore[attr-defined]
    ppr = paragraph._p.pPr  # type: ignore[attr-defined]
    numbered = ppr is not None and ppr.numPr is not None
    if style.startswith("Heading") or style == "Title":
        return Block("heading", text)
    if style.startswith("List") or numbered:
        item = _item_or_text(text)
        return Block("item", item.text, marker=item.marker or "bullet")
    return _item_or_text(text)


def _is_label(text: str) -> bool:
    """True for a field label such as "Issue date", "SUMMARY" or "Audit/monitoring:"."""
    return 0 < len(text) <= 60 and not text.endswith(".") and len(text.split()) <= 8


def _holds_labels(cell: object) -> bool:
    paragraphs = [_clean(p.text) for p in cell.paragraphs if _clean(p.text)]  # type: ignore[attr-defined]
    labels = sum(1 for text in paragraphs if _LABEL_LINE.match(text) or (text.isupper() and _is_label(text)))
    return bool(paragraphs) and labels * 2 >= len(paragraphs)


def _is_layout_table(rows: list[list[object]]) -> bool:
    """True when a table lays out prose (several paragraphs or long text in a cell) rather than tabulating data."""
    if not rows or max(len(cells) for cells in rows) > 3:
        return False
    for cells in rows:
        for cell in cells:
            paragraphs = [p for p in cell.paragraphs if p.text.strip()]  # type: ignore[attr-defined]
            if len(paragraphs) > 2 or sum(len(p.text) for p in paragraphs) > 400:
                return True
    return False


# -- PDF ---------------------------------------------------------------------------------------------


def pdf_blocks(data: bytes, name: str) -> list[Block]:
    """Read a PDF's text layer into blocks, using line spacing for paragraphs and ruled tables for rows."""
    import pdfplumber
    import pypdf
    from pypdf.errors import PdfReadError

    password = None
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many PDFs carry only an owner password and open with an empty user password.
            if not reader.decrypt(""):
                raise Encrypted(name, "needs a password")
            password = ""
        page_count = len(reader.pages)
    except ExtractionError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise Corrupt(name, str(exc)[:80] or type(exc).__name__) from exc
    except Exception as exc:  # pypdf raises assorted errors on damaged files
        raise Corrupt(name, type(exc).__name__) from exc

    entries: list[tuple[int, str, object]] = []  # (page, "table" | "blocks", raw rows | blocks) in reading order
    columns: list[float] = []  # left edges of the cells of the last table on the previous page
    gutter: float | None = None  # where the previous page's two text columns met
    try:
        with pdfplumber.open(io.BytesIO(data), password=password) as pdf:
            for page_no, page in enumerate(pdf.pages, start=1):
                found = page.find_tables()
                boxes = [t.bbox for t in found]
                items: list[tuple[float, str, object]] = []
                for table in found:
                    rows = [[c or "" for c in row] for row in table.extract()]
                    items.append((table.bbox[1], "table", rows))
                height = float(page.height)
                band = max(height * _MARGIN_BAND, _MARGIN_MIN)
                if found and columns:
                    # Rows of the previous page's table that lost their top border at the page break.
                    first = min(found, key=lambda t: t.bbox[1])
                    orphan = _orphan_rows(page, band, first.bbox[1], columns, first.bbox[2])
                    if orphan is not None:
                        items.append((orphan[1][1], "table", orphan[0]))
                        boxes.append(orphan[1])
                last_table = max(found, key=lambda t: t.bbox[3], default=None)
                columns = [cell[0] for cell in last_table.rows[-1].cells if cell] if last_table else []
                if last_table is not None and columns:
                    # ... and the start of a row that lost its bottom border at the foot of this page.
                    orphan = _orphan_rows(page, last_table.bbox[3] - 1, height - band, columns, last_table.bbox[2])
                    if orphan is not None:
                        items.append((orphan[1][1], "table", orphan[0]))
                        boxes.append(orphan[1])

                def outside(obj: dict, boxes: list = boxes) -> bool:
                    x = (obj["x0"] + obj["x1"]) / 2
                    y = (obj["top"] + obj["bottom"]) / 2
                    return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

                text_page = page.filter(outside) if boxes else page
                columns_here = _column_boxes(text_page, height, band, boxes, gutter)
                gutter = columns_here[0][2] if len(columns_here) == 2 else None
                placed: list[tuple[int, float, str, object]] = []
                for column, box in enumerate(columns_here):
                    column_page = text_page.crop(box) if len(columns_here) > 1 else text_page
                    lines = _without_margin_lines(column_page.extract_text_lines(), height, boxes)
                    for position, (top, block) in enumerate(_pdf_paragraphs(lines, page_no)):
                        if column > 0 and position == 0:
                            block = dataclasses.replace(block, column_start=True)
                        placed.append((column, top, "blocks", [block]))
                for top, kind, payload in items:
                    # A table belongs to the column its middle falls in (tables span the column they sit in).
                    table_box = next((b for b in boxes if abs(b[1] - top) < 0.5), None)
                    middle = (table_box[0] + table_box[2]) / 2 if table_box else 0.0
                    column = next((i for i, c in enumerate(columns_here) if c[0] <= middle <= c[2]), 0)
                    placed.append((column, top, kind, payload))
                placed.sort(key=lambda item: (item[0], item[1]))
                entries.extend((page_no, kind, payload) for _, _, kind, payload in placed)
    except ExtractionError:
        raise
    except Exception as exc:  # pdfminer raises many kinds of errors on damaged streams
        raise Corrupt(name, type(exc).__name__) from exc
    blocks = _pdf_entries_to_blocks(entries)
    if page_count and sum(len(b.text) for b in blocks) < 20:
        raise NoTextLayer(name, f"{page_count} page(s), no extractable text")
    return split_inline_lists(_join_page_breaks(_drop_running_lines(blocks, page_count)))


# Running headers and footers sit in the page margins: within this share of the page height from its edge.
_MARGIN_BAND = 0.06
_MARGIN_MIN = 48.0  # points: on small pages the band is at least two-thirds of an inch


def _column_boxes(
    page: object, height: float, band: float, tables: list | None = None, gutter: float | None = None
) -> list[tuple[float, float, float, float]]:
    """The page's text columns, left to right: two when a clear gutter runs down the middle of the body text.

    Tables count as text in the column they sit in (ten words' worth), so that a column mostly taken by a
    table still shows its gutter. ``gutter`` is where the previous page's columns met: a page too short to show
    a gutter of its own (the last few lines of a document, balanced over two columns) keeps it when no word
    crosses it and both sides hold words.
    """
    width = float(page.width)  # type: ignore[attr-defined]
    words = [w for w in page.extract_words() if band < w["top"] and w["bottom"] < height - band]  # type: ignore[attr-defined]
    for box in tables or []:
        words += [{"x0": box[0], "x1": box[2], "top": box[1], "bottom": box[3]}] * 10
    whole = [(0.0, 0.0, width, height)]
    if (
        gutter is not None
        and not any(w["x0"] < gutter < w["x1"] for w in words)
        and any(w["x1"] <= gutter for w in words)
        and any(w["x0"] >= gutter for w in words)
    ):
        return [(0.0, 0.0, gutter, height), (gutter, 0.0, width, height)]
    if len(words) < 30:
        return whole
    best_x, best_crossing = 0.0, len(words)
    x = width * 0.35
    while x <= width * 0.65:
        crossing = sum(1 for w in words if w["x0"] < x < w["x1"])
        if crossing < best_crossing:
            best_x, best_crossing = x, crossing
        x += 2.0
    left = sum(1 for w in words if w["x1"] <= best_x)
    right = sum(1 for w in words if w["x0"] >= best_x)
    if best_crossing > len(words) * 0.02 or min(left, right) < len(words) * 0.2:
        return whole
    # A real gutter is a few points wide and both columns run down the page side by side.
    gap = min((w["x0"] for w in words if w["x0"] >= best_x), default=best_x) - max(
        (w["x1"] for w in words if w["x1"] <= best_x), default=best_x
    )
    left_span = [w["top"] for w in words if w["x1"] <= best_x]
    right_span = [w["top"] for w in words if w["x0"] >= best_x]
    overlap = min(max(left_span), max(right_span)) - max(min(left_span), min(right_span))
    # Side by side for a quarter of the height the text takes (a short page's text takes little of the page).
    text_height = max(w["bottom"] for w in words) - min(w["top"] for w in words)
    if gap < 6 or overlap < text_height * 0.25:
        return whole
    return [(0.0, 0.0, best_x, height), (best_x, 0.0, width, height)]


def _without_margin_lines(lines: list[dict], height: float, boxes: list) -> list[dict]:
    """Drop the running header and footer of one page, on any page count: short lines set apart in a margin band."""
    if not lines or height <= 0:
        return lines
    band = max(height * _MARGIN_BAND, _MARGIN_MIN)
    top_band = [line for line in lines if line["bottom"] <= band]
    bottom_band = [line for line in lines if line["top"] >= height - band]
    body = [line for line in lines if line not in top_band and line not in bottom_band]
    body_top = min([line["top"] for line in body] + [b[1] for b in boxes], default=height)
    body_bottom = max([line["bottom"] for line in body] + [b[3] for b in boxes], default=0.0)
    drop: list[dict] = []
    if top_band and all(len(line["text"]) <= 120 for line in top_band):
        last = max(top_band, key=lambda line: line["bottom"])
        if body_top - last["bottom"] > 1.2 * max(1.0, last["bottom"] - last["top"]):
            drop += top_band
    if bottom_band and all(len(line["text"]) <= 120 for line in bottom_band):
        first = min(bottom_band, key=lambda line: line["top"])
        if first["top"] - body_bottom > 1.2 * max(1.0, first["bottom"] - first["top"]):
            drop += bottom_band
    return [line for line in lines if not any(line is gone for gone in drop)]


def _orphan_rows(page: object, y0: float, y1: float, columns: list[float], x1: float) -> tuple[list, tuple] | None:
    """Read the words between ``y0`` and ``y1`` that sit in a table's columns as rows of that table, or None.

    When a table breaks across pages the rows at the break lose a border, so the table finder misses them; their
    words still sit in the table's columns. A word in the first column starts a row. Any word outside the columns
    means the region is ordinary text, and nothing is taken.
    """
    region = [w for w in page.extract_words() if y0 < w["top"] and w["bottom"] <= y1 + 1]  # type: ignore[attr-defined]
    if not region or len({round(w["top"]) for w in region}) > 4:
        return None  # a few lines at most: more is the text that follows the table
    edges = columns[1:]
    if any(w["x0"] < columns[0] - 2 or w["x1"] > x1 + 2 for w in region) or any(
        w["x0"] < edge - 2 < w["x1"] for w in region for edge in edges
    ):
        return None
    rows: list[list[str]] = []
    for word in sorted(region, key=lambda w: (round(w["top"]), w["x0"])):
        column = max(i for i, left in enumerate(columns) if word["x0"] >= left - 2)
        if not rows or (column == 0 and rows[-1][0] and any(rows[-1][1:])):
            rows.append([""] * len(columns))
        rows[-1][column] = f"{rows[-1][column]} {word['text']}".strip()
    box = (columns[0], min(w["top"] for w in region), x1, max(w["bottom"] for w in region))
    return rows, box


def _pdf_entries_to_blocks(entries: list[tuple[int, str, object]]) -> list[Block]:
    """Number the tables and rejoin a table that a page break split (a row broken across pages comes back whole)."""
    merged: list[list] = []  # [first page, last page, kind, payload]
    for page, kind, payload in entries:
        if kind == "table":
            rows = [list(row) for row in payload]  # type: ignore[attr-defined]
            previous = merged[-1] if merged else None
            if previous is not None and previous[2] == "table" and previous[1] in (page - 1, page):
                before: list[list[str]] = previous[3]
                if rows and before and [_clean(c) for c in rows[0]] == [_clean(c) for c in before[0]]:
                    rows = rows[1:]  # the header row repeated at the top of the next page
                if rows and before and not _clean(rows[0][0]) and len(rows[0]) == len(before[-1]):
                    # An empty first cell: the rest of a row that began at the foot of the previous page.
                    before[-1] = [f"{a} {b}".strip() for a, b in zip(before[-1], rows[0], strict=True)]
                    rows = rows[1:]
                before.extend(rows)
                previous[1] = page
                continue
            merged.append([page, page, kind, rows])
        else:
            merged.append([page, page, kind, payload])
    blocks: list[Block] = []
    tables = 0
    for first_page, _, kind, payload in merged:
        if kind != "table":
            blocks.extend(payload)
            continue
        if any(len(cell or "") > 400 for row in payload for cell in row):
            # A layout table holding prose (the whole body in one cell): read its cells as flowing text.
            for row in payload:
                for cell in row:
                    blocks.extend(dataclasses.replace(b, page=first_page) for b in text_blocks(cell or ""))
            continue
        tables += 1
        blocks.extend(_table_rows(payload, tables, first_page))
    return blocks


_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)


def _drop_running_lines(blocks: list[Block], pages: int) -> list[Block]:
    """Drop page numbers and the running header or footer repeated on most pages."""
    if pages < 2:
        return [b for b in blocks if not _PAGE_NUMBER.match(b.text)]
    # Only the first and last two blocks of a page can be running lines.
    edge: set[int] = set()
    by_page: dict[int, list[int]] = {}
    for index, block in enumerate(blocks):
        by_page.setdefault(block.page or 0, []).append(index)
    for indices in by_page.values():
        edge.update(indices[:2] + indices[-2:])
    seen: dict[str, set[int]] = {}
    for index in edge:
        block = blocks[index]
        # A list marker left alone at a page foot ("(b)", its words overleaf) may recur there; it is no running line.
        if block.kind == "text" and len(block.text) < 120 and not _MARKER_ONLY.match(block.text):
            seen.setdefault(re.sub(r"\d+", "#", block.text), set()).add(block.page or 0)
    running = {text for text, on in seen.items() if len(on) >= max(2, pages // 2 + 1)}
    return [
        b
        for index, b in enumerate(blocks)
        if not _PAGE_NUMBER.match(b.text) and not (index in edge and re.sub(r"\d+", "#", b.text) in running)
    ]


def _ended_on_purpose(previous: Block, block: Block) -> bool:
    """True when the last line of ``previous`` had room for the first word of ``block``: it ended there."""
    if previous.room is None or block.first_word is None:
        return False
    return previous.room > block.first_word + 0.3


def _goes_on(previous: Block, block: Block) -> bool:
    """True when ``block``, at the head of a page or column, may be the rest of ``previous`` (whose line ran full).

    Lower case goes on; a capital goes on only after a list item or a sentence of some length, since a short
    line of text without a full stop is a heading ("Community schools and voluntary-controlled schools").
    """
    if block.text[:1].islower():
        return True
    return previous.room is not None and (previous.kind == "item" or len(previous.text.split()) > 8)


def _join_page_breaks(blocks: list[Block]) -> list[Block]:
    """Rejoin a paragraph that a page or column break split: it goes on mid-sentence at the head of the next.

    The next part goes on when it starts in lower case, or, at the head of a page or column, when the last line
    before the break ran full (the next word did not fit); never when that line stopped short with room to spare.
    """
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (
            previous is not None
            and block.kind == "text"
            and previous.kind in ("text", "item")
            and previous.page is not None
            and not previous.text.rstrip().endswith((".", ":", ";", "!", "?"))
            and not _ended_on_purpose(previous, block)
            and (
                ((block.page == previous.page + 1 or block.column_start) and _goes_on(previous, block))
                or (block.page == previous.page and block.text[:1].islower())
            )
        ):
            joined = join_lines(previous.text, block.text)
            # "(a)" left alone at a column foot, its text at the next column's head: an item again once joined.
            kept = _item_or_text(joined, previous.page) if previous.kind == "text" else None
            if kept is None:
                kept = Block(previous.kind, joined, previous.page, marker=previous.marker)
            out[-1] = dataclasses.replace(kept, room=block.room, first_word=previous.first_word)
            continue
        out.append(block)
    return out


_BROKEN_AFTER = re.compile(r"\w[-/]$")  # "Co-" / "ordinate", "consultation/" / "negotiations"
_BULLET_GLYPH = re.compile(r"^\s*[•●▪◦‣∙○■□\uf0a7\uf0b7]\s")


def join_lines(first: str, second: str) -> str:
    """Join two lines of a paragraph: with a space, or without one where the first broke after a hyphen or slash.

    A typesetter breaks a line after the hyphen of "co-ordinate" or the slash of "consultation/negotiations"; the
    word is whole again once the lines are joined.
    """
    if _BROKEN_AFTER.search(first) and second[:1].isalnum():
        return first + second
    return f"{first} {second}"


def _first_word_width(line: dict) -> float:
    """How wide the first word of a PDF line is, in points (0 when its characters are not known)."""
    words = line["text"].split()
    chars = [c for c in line.get("chars") or [] if not str(c.get("text", " ")).isspace()]
    if not words or not chars:
        return 0.0
    run = chars[: len(words[0])]
    return float(run[-1]["x1"]) - float(run[0]["x0"])


def _wrapped(previous: dict, line: dict, right: float) -> bool:
    """True when ``previous`` ended only because ``line``'s first word would not fit after it (a wrapped line).

    ``right`` is the right edge of the measure (the widest line of the paragraph so far). A line that stopped
    short of room for the next word was ended on purpose: a heading, a field, the last line of a paragraph.
    """
    space = 0.3 * max(1.0, previous["bottom"] - previous["top"])
    return previous["x1"] + space + _first_word_width(line) > right - 1.0


def _pdf_paragraphs(lines: list[dict], page: int) -> list[tuple[float, Block]]:
    """Join PDF lines into paragraphs: a new paragraph at a wide vertical gap, a bullet or a section number.

    A line that was wrapped (the next word did not fit) goes on with the next whatever that starts with, so that
    a wrapped "Forums, are asked to:" or "– This framework" is not taken for a label or a bullet.
    """
    out: list[tuple[float, Block]] = []
    current: list[str] = []
    right = 0.0
    start_top = 0.0
    previous: dict | None = None
    first_line: dict | None = None
    column_right = max((float(line["x1"]) for line in lines), default=0.0)

    def flush() -> None:
        if current and previous is not None and first_line is not None:
            joined = current[0]
            for text in current[1:]:
                joined = join_lines(joined, text)
            # The measure is the column's: a paragraph's own widest line may be its last ("... voluntary-controlled
            # schools" under "Community schools and"), which would leave it no room at all.
            measure = column_right
            em_last = max(1.0, previous["bottom"] - previous["top"])
            em_first = max(1.0, first_line["bottom"] - first_line["top"])
            block = dataclasses.replace(
                _item_or_text(joined, page),
                room=max(0.0, measure - float(previous["x1"])) / em_last,
                first_word=_first_word_width(first_line) / em_first,
            )
            out.append((start_top, block))
            current.clear()

    widest = max((line["x1"] - line["x0"] for line in lines), default=0.0)
    for line in lines:
        text = line["text"].strip()
        if not text:
            continue
        height = max(1.0, line["bottom"] - line["top"])
        right = max(right, float(line["x1"])) if current else float(line["x1"])
        gap = previous is not None and (line["top"] - previous["bottom"]) > 0.5 * height
        wrapped = previous is not None and not gap and _wrapped(previous, line, max(right, previous["x1"]))
        new_para = previous is None or gap
        if not new_para and not wrapped:
            assert previous is not None
            ended = previous["text"].rstrip().endswith((".", ":", ";", "?", "!"))
            new_para = (
                # a short line ends its paragraph, unless the next goes on in lower case (a long word wrapped early)
                (
                    (previous["x1"] - previous["x0"]) < 0.6 * widest
                    and not (text[:1].islower() and not ended)
                    # in a bullet item only a gap, a new marker or a full stop ends it (narrow columns wrap early)
                    and not (current and (BULLET.match(current[0]) or LIST_MARKER.match(current[0])) and not ended)
                )
                or previous["text"].rstrip().endswith((":", "—", "–"))
                or bool(_LABEL_LINE.match(text))
            )
        starts = BULLET.match(text) or LIST_MARKER.match(text) or ORDINAL_MARKER.match(text) or _starts_paragraph(text)
        if new_para or (starts and not wrapped) or _BULLET_GLYPH.match(text):
            flush()
            start_top = line["top"]
            right = float(line["x1"])
            first_line = line
        current.append(text)
        previous = line
    flush()
    return out


# -- entry points ------------------------------------------------------------------------------------


def detect_format(name: str, data: bytes) -> str:
    """Return pdf, docx, html or text from the file name, falling back on the first bytes."""
    suffix = Path(name).suffix.lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK") and b"word/" in data[:4096]:
        return "docx"
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if suffix in ("", ".doc", ".rtf", ".odt"):
        raise UnsupportedFormat(name, f"{suffix or 'no extension'}; save it as DOCX or PDF" if suffix else "")
    raise UnsupportedFormat(name, suffix)


def read_bytes(data: bytes, name: str, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a document held in memory (an upload); ``name`` is used in messages and provenance."""
    if len(data) > max_bytes:
        raise FileTooLarge(name, f"{len(data) / 1_048_576:.1f} MB > limit {max_bytes / 1_048_576:.0f} MB")
    if not data:
        raise NoText(name, "the file is empty")
    fmt = fmt or detect_format(name, data)
    if fmt == "pdf":
        if not data.lstrip()[:5].startswith(b"%PDF"):
            raise Corrupt(name, "no PDF header")
        blocks = pdf_blocks(data, name)
    elif fmt == "docx":
        blocks = docx_blocks(data, name)
    elif fmt == "html":
        blocks = html_blocks(decode_text(data, name))
    elif fmt == "text":
        blocks = text_blocks(decode_text(data, name))
    else:
        raise UnsupportedFormat(name, fmt)
    if not any(block.text.strip() for block in blocks):  # nothing to review: refuse rather than queue an empty draft
        raise NoText(name, "no readable text")
    return Document(name=name, format=fmt, size=len(data), blocks=blocks)


def read_document(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file from disk; raise an ExtractionError subclass naming the file when it cannot be read."""
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ExtractionError(name, exc.strerror or "cannot open") from exc
    if path.is_dir():
        raise ExtractionError(name, "is a folder")
    if size > max_bytes:
        raise FileTooLarge(name, f"{size / 1_048_576:.1f} MB > limit {max_bytes / 1_048_576:.0f} MB")
    fmt = detect_format(name, path.read_bytes()[:4096])
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractionError(name, exc.strerror or "cannot read") from exc
    return read_bytes(data, name, fmt, max_bytes)


def expand_paths(paths: list[str | Path]) -> list[Path]:
    """Expand folders into the readable files inside them (sorted, recursive); keep files as given."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS))
        else:
            out.append(path)
    return out
