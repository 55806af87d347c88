"""A PDF/UA-1 (ISO 14289-1) structure check that reads a PDF's tag tree with pypdf and its pages with pdfplumber.

It tests what a tag-tree reader can tell (the first rules veraPDF would test): a tagged catalogue with language,
title and the title shown; every Figure with alternative text; tables whose data cells name their header cells;
headings that nest without skipping a level; every piece of page content either in the tag tree or marked as an
Artifact; a structure order that follows the pages; tagged, described links; embedded fonts. ``problems`` returns
every fault in words, so one failing test lists them all.
"""

from __future__ import annotations

import io
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pdfplumber
from pypdf import PdfReader
from pypdf.generic import ContentStream

# Operators that put something on the page: text, painted paths, images and drawings, shadings.
PAINTING = {"Tj", "TJ", "'", '"', "Do", "BI", "sh", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*"}
TABLE_CELLS = {"/TH", "/TD"}
# A sibling read after another may sit beside it (cards in a row, cells of a row) but never wholly above it.
ABOVE_TOLERANCE_PT = 1.0


@dataclass
class Element:
    """A structure element of the tag tree, with the content it holds directly and its children in order."""

    tag: str
    node: Any
    page: int | None
    mcids: list[int] = field(default_factory=list)
    children: list[Element] = field(default_factory=list)

    def walk(self) -> Iterator[Element]:
        """Yield this element and every element under it, in structure (reading) order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def content(self) -> Iterator[tuple[int, int]]:
        """Yield the (page, marked-content id) pairs of this element and its descendants, in reading order."""
        for element in self.walk():
            for mcid in element.mcids:
                if element.page is not None:
                    yield element.page, mcid


@dataclass
class Structure:
    """A PDF read for its structure: the catalogue, the tag tree and the marked content of each page."""

    reader: PdfReader
    document: Element
    # Marked-content ids each page's content stream declares, and what it paints outside any marked content.
    page_mcids: list[set[int]]
    unmarked: list[list[str]]
    boxes: dict[tuple[int, int], tuple[float, float]]  # (page, mcid) -> (top, bottom) of its text
    texts: dict[tuple[int, int], str]  # (page, mcid) -> its text

    def text(self, element: Element) -> str:
        """Return the words an element holds, as a screen reader would read them."""
        return " ".join(" ".join(self.texts.get(key, "") for key in element.content()).split()) or element.tag

    def elements(self, tag: str | None = None) -> list[Element]:
        return [e for e in self.document.walk() if tag is None or e.tag == tag]


def read(pdf: bytes) -> Structure:
    """Return the structure of ``pdf``: its tag tree, each page's marked content and where that content sits."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
    root = reader.trailer["/Root"]
    tree = root["/StructTreeRoot"].get_object() if "/StructTreeRoot" in root else {}
    document = Element("/StructTreeRoot", tree, None)
    _build(document, tree, pages, None)
    page_mcids, unmarked = [], []
    for page in reader.pages:
        declared, outside = _marked_content(page)
        page_mcids.append(declared)
        unmarked.append(outside)
    boxes: dict[tuple[int, int], tuple[float, float]] = {}
    texts: dict[tuple[int, int], str] = defaultdict(str)
    with pdfplumber.open(io.BytesIO(pdf)) as plumber:
        for number, page in enumerate(plumber.pages):
            for char in page.chars:
                if char.get("mcid") is None:
                    continue
                key = (number, int(char["mcid"]))
                top, bottom = boxes.get(key, (char["top"], char["bottom"]))
                boxes[key] = (min(top, char["top"]), max(bottom, char["bottom"]))
                texts[key] += char["text"]
    return Structure(reader, document, page_mcids, unmarked, boxes, dict(texts))


def _build(parent: Element, node: Any, pages: dict[int, int], page: int | None) -> None:
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids]:
        if kid is None:
            continue
        target = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(target, int):
            parent.mcids.append(int(target))  # marked content on the element's own page
        elif hasattr(target, "get") and target.get("/Type") == "/MCR":
            parent.mcids.append(int(target["/MCID"]))
        elif hasattr(target, "get") and target.get("/S") is not None:
            reference = target.get("/Pg")
            own_page = pages.get(reference.idnum) if reference is not None else page
            child = Element(str(target["/S"]), target, own_page)
            parent.children.append(child)
            _build(child, target, pages, own_page)
        # An /OBJR (an annotation such as a link) holds no content of the page.


def _marked_content(page: Any) -> tuple[set[int], list[str]]:
    """Return the marked-content ids a page declares and the painting operators it runs outside marked content."""
    declared: set[int] = set()
    outside: list[str] = []
    stack: list[str] = []
    stream = ContentStream(page.get_contents(), page.pdf)
    for operands, operator in stream.operations:
        name = operator.decode("latin-1") if isinstance(operator, bytes) else str(operator)
        if name in ("BDC", "BMC"):
            stack.append(str(operands[0]))
            if name == "BDC" and hasattr(operands[1], "get") and "/MCID" in operands[1]:
                declared.add(int(operands[1]["/MCID"]))
        elif name == "EMC" and stack:
            stack.pop()
        elif name == "INLINE IMAGE" and not stack:
            outside.append("BI")
        elif name in PAINTING and not stack:
            outside.append(name)
    return declared, outside


def problems(pdf: bytes, title: str, *, language: str = "en-GB") -> list[str]:
    """Return every PDF/UA structure fault of ``pdf`` a tag-tree reader can find, in words; none when it passes."""
    found: list[str] = []
    structure = read(pdf)
    found += _catalogue_problems(structure, title, language)
    if not structure.document.children:
        return [*found, "no structure tree: the PDF is untagged"]
    found += _figure_problems(structure)
    found += _table_problems(structure)
    found += _heading_problems(structure)
    found += _content_problems(structure)
    found += _order_problems(structure)
    found += _link_and_font_problems(structure)
    return found


def _catalogue_problems(structure: Structure, title: str, language: str) -> list[str]:
    found: list[str] = []
    root = structure.reader.trailer["/Root"]
    tree = root.get("/StructTreeRoot")
    if tree is None or "/ParentTree" not in tree.get_object():
        found.append("no structure tree root with a parent tree")
    if not bool((root.get("/MarkInfo") or {}).get("/Marked")):
        found.append("the catalogue does not declare the file tagged (MarkInfo Marked)")
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8") if "/Metadata" in root else ""
    if 'pdfuaid:part="1"' not in xmp:
        found.append("no PDF/UA-1 identifier in the XMP metadata")
    if root.get("/Lang") != language:
        found.append(f"document language {root.get('/Lang')!r}, not {language!r}")
    metadata_title = structure.reader.metadata.title if structure.reader.metadata else None
    if metadata_title != title or title not in xmp:
        found.append(f"document title {metadata_title!r}, not {title!r} (in the information and the XMP)")
    if not bool((root.get("/ViewerPreferences") or {}).get("/DisplayDocTitle")):
        found.append("the viewer shows the file name, not the title (DisplayDocTitle)")
    return found


def _figure_problems(structure: Structure) -> list[str]:
    found = []
    for figure in structure.elements("/Figure"):
        if not str(figure.node.get("/Alt", "")).strip():
            found.append(f"page {_page(figure)}: a Figure without alternative text")
    return found


def _table_problems(structure: Structure) -> list[str]:
    """Tables whose data cells a screen reader can announce with their headers (Scope, or Headers and IDs)."""
    found = []
    for table in structure.elements("/Table"):
        cells = [e for e in table.walk() if e.tag in TABLE_CELLS]
        headers = [c for c in cells if c.tag == "/TH"]
        where = f"page {_page(table)}: table starting {structure.text(table)[:40]!r}"
        if not headers:
            found.append(f"{where}: no header cell (a layout grid tagged as a table)")
            continue
        ids = {str(h.node.get("/ID")) for h in headers if h.node.get("/ID") is not None}
        for header in headers:
            attributes = header.node.get("/A") or {}
            if attributes.get("/Scope") is None and header.node.get("/ID") is None:
                found.append(f"{where}: header cell {structure.text(header)!r} has neither a scope nor an id")
        for cell in (c for c in cells if c.tag == "/TD"):
            attributes = cell.node.get("/A") or {}
            named = [str(h) for h in attributes.get("/Headers") or []]
            scoped = any((h.node.get("/A") or {}).get("/Scope") is not None for h in headers)
            if not scoped and (not named or not set(named) <= ids):
                found.append(f"{where}: data cell {structure.text(cell)[:30]!r} names no header cell of its table")
                break
        for part in (c for c in table.children if c.tag == "/THead"):
            for row in part.children:
                if {c.tag for c in row.children} != {"/TH"}:
                    found.append(f"{where}: a header row holds cells other than header cells")
        for row in (e for e in table.walk() if e.tag == "/TR"):
            if not {c.tag for c in row.children} <= TABLE_CELLS:
                found.append(f"{where}: a row holds {sorted({c.tag for c in row.children} - TABLE_CELLS)}")
    return found


def _heading_problems(structure: Structure) -> list[str]:
    headings = [e for e in structure.elements() if re.fullmatch(r"/H[1-6]", e.tag)]
    levels = [int(h.tag[2]) for h in headings]
    if not levels:
        return ["no headings"]
    found = []
    if levels[0] != 1 or levels.count(1) != 1:
        found.append(f"the headings do not open with one H1: {levels[:6]}")
    for before, (after, heading) in itertools.pairwise(zip(levels, headings, strict=True)):
        if after > before[0] + 1:
            found.append(f"page {_page(heading)}: H{before[0]} then H{after} ({structure.text(heading)[:40]!r})")
    return found


def _content_problems(structure: Structure) -> list[str]:
    """Everything a page paints is in the tag tree or marked as an Artifact (page furniture a reader skips)."""
    found = []
    in_tree: dict[int, set[int]] = defaultdict(set)
    for page, mcid in structure.document.content():
        in_tree[page].add(mcid)
    for number, (declared, outside) in enumerate(zip(structure.page_mcids, structure.unmarked, strict=True)):
        if outside:
            found.append(f"page {number + 1}: {len(outside)} painting operations outside marked content")
        orphans = declared - in_tree[number]
        if orphans:
            text = [_mcid_text(structure, number, m) for m in sorted(orphans)]
            found.append(f"page {number + 1}: content neither in the tag tree nor an Artifact: {text[:4]}")
        missing = in_tree[number] - declared
        if missing:
            found.append(f"page {number + 1}: the tag tree points at content the page lacks: {sorted(missing)[:4]}")
    found += _parent_tree_problems(structure)
    return found


def _parent_tree_problems(structure: Structure) -> list[str]:
    """The parent tree (how a reader finds the element of a piece of content) names the element that holds it."""
    tree = structure.reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    nums = tree["/ParentTree"].get_object().get("/Nums") or []
    mapping = {int(nums[i]): nums[i + 1].get_object() for i in range(0, len(nums), 2)}
    found = []
    for element in structure.elements():
        if element.page is None or not element.mcids:
            continue
        parents = mapping.get(int(structure.reader.pages[element.page].get("/StructParents", -1)))
        for mcid in element.mcids:
            entry = parents[mcid] if isinstance(parents, list) and mcid < len(parents) else None
            if entry is None or not hasattr(entry, "idnum") or entry.idnum != element.node.indirect_reference.idnum:
                found.append(f"page {element.page + 1}: the parent tree does not lead content {mcid} to its element")
                break
    return found


def _order_problems(structure: Structure) -> list[str]:
    """The structure order follows the pages, and on a page never reads a block that sits above the one before."""
    found = []
    pages = [page for page, _mcid in structure.document.content()]
    for index, (before, after) in enumerate(itertools.pairwise(pages)):
        if after < before:
            found.append(f"the structure order goes back from page {before + 1} to page {after + 1} (item {index})")
            break
    for element in structure.elements():
        spans = [(child, _extent(structure, child)) for child in element.children]
        placed = [(child, extent) for child, extent in spans if extent is not None]
        for (first, (page_a, top_a, _bottom_a)), (second, (page_b, _top_b, bottom_b)) in itertools.pairwise(placed):
            if page_a == page_b and bottom_b < top_a - ABOVE_TOLERANCE_PT:
                found.append(
                    f"page {page_a + 1}: {second.tag} {structure.text(second)[:30]!r} is read after {first.tag} "
                    f"{structure.text(first)[:30]!r} but sits above it"
                )
    return found


def _link_and_font_problems(structure: Structure) -> list[str]:
    found = []
    links = 0
    for number, page in enumerate(structure.reader.pages, 1):
        if page.get("/Tabs") != "/S":
            found.append(f"page {number}: the tab order does not follow the structure")
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link":
                links += 1
                if "/StructParent" not in annotation or not annotation.get("/Contents"):
                    found.append(f"page {number}: a link that is not tagged or has no description")
        for font in _fonts(page["/Resources"]):
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            if descriptor is None or not any(k.startswith("/FontFile") for k in descriptor.get_object()):
                found.append(f"page {number}: font {font.get('/BaseFont')} is not embedded")
    if len(structure.elements("/Link")) < links:
        found.append("fewer Link elements in the tag tree than links on the pages")
    return found


def _fonts(resources: Any) -> Iterator[Any]:
    """Yield every font of a page's resources, and of the drawings (charts) it places."""
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for drawing in (resources.get("/XObject") or {}).values():
        drawing = drawing.get_object()
        if drawing.get("/Subtype") == "/Form" and drawing.get("/Resources") is not None:
            yield from _fonts(drawing["/Resources"].get_object())


def _extent(structure: Structure, element: Element) -> tuple[int, float, float] | None:
    """Return the page, top and bottom of an element's text when it all sits on one page, else None."""
    content = list(element.content())
    placed = [(page, structure.boxes[(page, mcid)]) for page, mcid in content if (page, mcid) in structure.boxes]
    if not placed or len({page for page, _box in placed}) != 1:
        return None
    return placed[0][0], min(box[0] for _p, box in placed), max(box[1] for _p, box in placed)


def _page(element: Element) -> int | str:
    return element.page + 1 if element.page is not None else "?"


def _mcid_text(structure: Structure, page: int, mcid: int) -> str:
    return structure.texts.get((page, mcid)) or f"content {mcid} (no text)"
