"""Read the header block of a Probation Instruction or Circular: reference, dates, authority, audience, cancellations.

PI headers use labels such as "Issue date", "Issued on the authority of", "For action by" and "Replaces the
following documents, which are hereby cancelled"; PC headers use "REFERENCE NO", "ISSUE DATE", "TO",
"AUTHORISED BY", "SUMMARY". Header fields are facts about the document, never requirements.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from catalogue.extract.patterns import MONTH_NAMES, find_modality, find_references
from catalogue.extract.readers import Block
from catalogue.models import Directive
from catalogue.types import DirectiveType

# label pattern -> field name; the longest labels come first so that "Issue date" is not read as "Issue".
LABELS: list[tuple[str, str]] = [
    (r"replaces the following documents?,? which (?:is|are) hereby cancelled", "cancels"),
    (r"(?:this (?:instruction|circular|document) )?(?:cancels|replaces)(?: the following(?: documents?)?)?", "cancels"),
    (r"documents? (?:hereby )?cancelled", "cancels"),
    (r"introduces amendments to", "amends"),
    (r"this (?:instruction|circular|document) applies to", "applies_to"),
    (r"issued on the authority of|authori[sz]ed by|issued by|authority", "authority"),
    (r"reference(?: no\.?| number)?|ref(?:erence)?\.? no\.?", "reference"),
    (r"(?:date of issue|issue date|date issued|issued)", "issued"),
    (r"(?:effective|implementation) date|effective from|date of implementation|in force from", "effective"),
    (r"expiry date|expires|date of expiry|review date", "expiry"),
    (r"for action(?: by)?|action by|to", "for_action"),
    (r"for information|cc|copied to|copy to", "for_information"),
    (r"contacts?|further information", "contact"),
    (r"associated documents?|attached|attachments?|annex(?:es)?", "associated"),
    (r"relevant previous (?:probation )?circulars|previous (?:probation )?circulars|related documents?", "previous"),
    (r"audit\s*/\s*monitoring|audit and monitoring|monitoring", "audit"),
    (r"subject|title", "title"),
    (r"action(?: required)?", "action"),
    (r"summary", "summary"),
    (r"purpose", "purpose"),
    (r"provide a summary of the policy aim and the reason for its development\s*/\s*revision", "summary"),
]
_LABEL_RES = [
    (re.compile(r"^\s*(" + pattern + r")\s*(?::-?|-|–|/(?=\s))?\s*(.*)$", re.IGNORECASE), name)
    for pattern, name in LABELS
]
# Free-text fields whose sentences may carry duties: scanned by the candidate extractor as body text.
FREE_TEXT_FIELDS = {
    "summary",
    "audit",
    "cancels",
}  # "cancels": "... cancelled: PI 05/2009. All hard copies must be destroyed"
# Fields whose value may follow on the next block(s) when the label stands alone.
_BLOCK_VALUES = {
    "summary",
    "contact",
    "previous",
    "associated",
    "for_action",
    "for_information",
    "cancels",
    "amends",
    "audit",
    "title",
    "applies_to",
}
_TYPE_LINE = re.compile(
    r"^(?:probation (?:instruction|circular)|prison service (?:instruction|order)|national probation service)"
    r"(?:\s+(?:no\.?\s*)?\d{1,3}/\d{4})?$",
    re.IGNORECASE,
)
_SERIES = [
    ("probation circular", "PC"),
    ("probation instruction", "PI"),
    ("prison service instruction", "PSI"),
    ("prison service order", "PSO"),
]
_NONE = re.compile(r"^(?:none|n/?a|nil|not applicable|-)\.?$", re.IGNORECASE)
_CANCEL_SENTENCE = re.compile(
    r"\b(?:hereby cancel(?:led|s)?|(?:is|are) (?:hereby )?(?:cancelled|withdrawn|rescinded)|cancels and replaces|"
    r"(?:this (?:instruction|circular)) (?:cancels|replaces|supersedes))\b",
    re.IGNORECASE,
)
_BODY_START = re.compile(
    r"^\s*(?:contents\b|section\s+\w+\b|part\s+\w+\b|[A-Z]?\d{1,2}(?:\.\d{1,2})*\.?\s+"
    # a numbered paragraph, not a date ("11 February 2013 / 11 February 2013")
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)[A-Z])"
)
MONTH_NUMBER = {m: i for i, m in enumerate(MONTH_NAMES, start=1)}


def parse_date(text: str) -> str | None:
    """Return a partial ISO date ("2010-04-01", "2010-04", "2010") from how directives write dates, or None."""
    text = text.strip()
    match = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b", text)
    if match and match.group(2).lower()[:3] in {m[:3] for m in MONTH_NUMBER}:
        month = next(v for k, v in MONTH_NUMBER.items() if k.startswith(match.group(2).lower()[:3]))
        return _iso(int(match.group(3)), month, int(match.group(1)))
    match = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if match:
        return _iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = re.search(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b", text)
    if match:
        year = int(match.group(3))
        year = year + 2000 if year < 100 else year
        return _iso(year, int(match.group(2)), int(match.group(1)))  # British day/month/year
    match = re.search(r"\b([A-Za-z]{3,9})\s+(\d{4})\b", text)
    if match and match.group(1).lower()[:3] in {m[:3] for m in MONTH_NUMBER}:
        month = next(v for k, v in MONTH_NUMBER.items() if k.startswith(match.group(1).lower()[:3]))
        return f"{int(match.group(2)):04d}-{month:02d}"
    match = re.fullmatch(r"(\d{4})", text)
    return match.group(1) if match else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


@dataclass
class DirectiveHeader:
    """The fields of a directive's header block, and which blocks it occupied."""

    reference: str | None = None
    title: str | None = None
    type: DirectiveType | None = None
    issued: str | None = None
    effective: str | None = None
    expiry: str | None = None
    authority: str | None = None
    applies_to: str | None = None
    for_action: list[str] = field(default_factory=list)
    for_information: list[str] = field(default_factory=list)
    contact: str | None = None
    associated: list[str] = field(default_factory=list)
    previous: list[str] = field(default_factory=list)
    cancels: list[str] = field(default_factory=list)
    amends: list[str] = field(default_factory=list)
    audit: str | None = None
    summary: str | None = None
    blocks: set[int] = field(default_factory=set)
    # Which field each header block holds, and the free text (summary, audit/monitoring) to scan for duties.
    fields: dict[int, str] = field(default_factory=dict)
    free_text: dict[int, str] = field(default_factory=dict)

    @property
    def default_actor(self) -> str:
        """Who a sentence without a named actor is addressed to: the first "For action by" entry."""
        if self.for_action:
            chiefs = [a for a in self.for_action if re.search(r"chief (?:officer|executive)", a, re.IGNORECASE)]
            return (chiefs or self.for_action)[0]
        return self.applies_to or "Probation Trusts"

    def to_directive(self, source: str | None = None) -> Directive:
        """Return the directive this header describes (status in force; cancellations are applied on acceptance)."""
        if not self.reference:
            raise ValueError("the document has no directive reference; add one before accepting it")
        return Directive(
            reference=self.reference,
            title=(self.title or self.reference)[:300],
            type=self.type or DirectiveType.OTHER,
            issuer=(self.authority or "not stated in the document")[:300],
            issued=self.issued,
            effective=self.effective,
            expiry=self.expiry,
            supersedes=[ref for ref in self.cancels if ref != self.reference],
            source_address=source,
            summary=self.summary or "",
        )

    def as_dict(self) -> dict[str, object]:
        """Return the header as JSON-ready data (for the documents table and ``extract --json``)."""
        return {
            "reference": self.reference,
            "title": self.title,
            "type": str(self.type) if self.type else None,
            "issued": self.issued,
            "effective": self.effective,
            "expiry": self.expiry,
            "authority": self.authority,
            "applies_to": self.applies_to,
            "for_action": self.for_action,
            "for_information": self.for_information,
            "contact": self.contact,
            "associated": self.associated,
            "previous": self.previous,
            "cancels": self.cancels,
            "amends": self.amends,
            "audit": self.audit,
            "summary": self.summary,
        }


def _split_list(value: str) -> list[str]:
    parts = re.split(r"\s*(?:;|,(?!\s*\d{4})|\band\b(?=\s+[A-Z]))\s*", value)
    return [p.strip(" .") for p in parts if p.strip(" .") and not _NONE.match(p.strip())]


def _label(text: str) -> tuple[str, str] | None:
    for pattern, name in _LABEL_RES:
        match = pattern.match(text)
        if match:
            label, value = match.group(1), match.group(2).strip().lstrip("/:- ").strip()
            # A real label is short and, when followed by text on the line, separated by a colon.
            # Mirrored PDF tables write "Issued on the authority of / NOMS Agency Board".
            separated = ":" in text[: len(label) + 3] or text[len(label) :].lstrip().startswith("/ ")
            if value and not separated and name != "cancels" and not (label.isupper() and len(label) > 3):
                continue
            return name, value
    return None


# A header label run into its text inside a paragraph ("... CONTRACTS PURPOSE This circular ... ACTION Chief
# Officers are asked to ..."), as flattened copies of circulars set them.
RUN_IN_LABEL = re.compile(
    r"(?:^|(?<=[A-Z0-9)] )|(?<=[a-z0-9)][.;] ))(PURPOSE|ACTION(?: REQUIRED)?|SUMMARY|AUDIT ?/ ?MONITORING:?)\s+"
    r"(?=[A-Z(][a-z]|[A-Z] )"
)


def _type_from(reference: str | None, lines: list[str]) -> DirectiveType | None:
    prefix = (reference or "").split(" ")[0]
    if prefix == "PI":
        return DirectiveType.PROBATION_INSTRUCTION
    if prefix == "PC":
        return DirectiveType.PROBATION_CIRCULAR
    joined = " ".join(lines).lower()
    if "national standards" in joined:
        return DirectiveType.NATIONAL_STANDARDS
    if "specification" in joined:
        return DirectiveType.SERVICE_SPECIFICATION
    return DirectiveType.OTHER if reference else None


# A title opens with a capital or a number, not with an enumerator or a lower-case word ("(d)complainants ...").
_NOT_A_TITLE_START = re.compile(r"^\s*(?:\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)|[a-z])")


def read_header(blocks: list[Block], scan: int = 45) -> DirectiveHeader:
    """Return the header fields found among the first ``scan`` blocks, and the cancellations stated anywhere."""
    header = DirectiveHeader()
    pending: str | None = None
    title_candidates: list[tuple[int, str]] = []
    first_lines: list[str] = []
    in_action = False  # the blocks after an ACTION label are its duties, never the title
    for index, block in enumerate(blocks[:scan]):
        text = block.text
        if _BODY_START.match(text) and (header.blocks or index > 3):
            break  # the numbered body has begun; later labels are section headings, not header fields
        if block.kind == "row" and len(block.cells) == 2:
            text = f"{block.cells[0].rstrip(':')}: {block.cells[1]}"
        first_lines.append(text)
        found = _label(text) if block.kind in ("text", "row", "heading") else None
        if found and block.kind == "text" and RUN_IN_LABEL.search(found[1]):
            # "PURPOSE ... ACTION ... SUMMARY ...": a header flattened into one paragraph is not one field's value;
            # the extractor reads it section by section, so the duties under ACTION and SUMMARY are scanned.
            found = None
        if found and found[0] == "action":
            # The ACTION field holds the duties themselves: leave its text to the candidate extractor.
            pending = None
            in_action = True
            if not found[1]:
                header.blocks.add(index)
                header.fields[index] = "action"
            continue
        if found:
            name, value = found
            in_action = False
            header.blocks.add(index)
            header.fields[index] = name
            pending = name if (not value and name in _BLOCK_VALUES) else None
            if value:
                _set(header, name, value)
                if name in FREE_TEXT_FIELDS:
                    header.free_text[index] = value
            continue
        if pending and (block.kind == "item" or pending in ("summary", "contact", "previous", "associated", "title")):
            if pending == "title" and header.title:
                pending = None
            else:
                header.blocks.add(index)
                header.fields[index] = pending
                _set(header, pending, text)
                if pending in FREE_TEXT_FIELDS:
                    header.free_text[index] = text
                if block.kind != "item":
                    pending = None
                continue
        pending = None
        if in_action:
            continue
        if _TYPE_LINE.match(text.strip()):
            header.blocks.add(index)
            refs = find_references(text)
            if refs and not header.reference:
                header.reference = refs[0]
            continue
        if (
            index < 8
            and block.kind in ("text", "heading")
            and len(text.split()) <= 25
            and not text.rstrip().endswith((":", ".", ";", ",", "—", "–"))
            and not _NOT_A_TITLE_START.match(text)
            and "|" not in text  # a table row laid out as text ("Financial year beginning in— | Date |")
            and find_modality(text) is None
            # a line that list items follow introduces them ("To revert ... take the following action")
            and not (index + 1 < len(blocks) and blocks[index + 1].kind == "item")
        ):
            title_candidates.append((index, text))
    if header.reference and re.fullmatch(r"\d{1,3}/\d{4}", header.reference):
        # "REFERENCE NO: 37/2005" under a "Probation Circular" title line.
        kind = " ".join(first_lines[:8]).lower()
        prefix = next((p for word, p in _SERIES if word in kind), None)
        if prefix:
            number, year = header.reference.split("/")
            header.reference = f"{prefix} {int(number):02d}/{year}"
    if not header.reference:
        for line in first_lines[:10]:
            refs = find_references(line)
            if refs:
                header.reference = refs[0]
                break
    if not header.title:
        for index, text in title_candidates:
            if header.reference and find_references(text) == [header.reference] and len(text.split()) <= 4:
                continue
            if re.match(r"^(?:contents|\d+[.\s]|section\b)", text, re.IGNORECASE):
                break
            header.title = text
            header.blocks.add(index)
            break
    header.type = _type_from(header.reference, first_lines[:6])
    # Cancellations stated in the body ("PC 12/2005 is hereby cancelled") count as well.
    for index, block in enumerate(blocks):
        if index in header.blocks:
            continue
        low = block.text.lower()
        if (
            "cancel" in low or "withdrawn" in low or "rescinded" in low or "replaces" in low or "supersedes" in low
        ) and (_CANCEL_SENTENCE.search(block.text)):
            for ref in find_references(block.text):
                if ref != header.reference and ref not in header.cancels:
                    header.cancels.append(ref)
    header.cancels = [ref for ref in header.cancels if ref != header.reference]
    return header


def _set(header: DirectiveHeader, name: str, value: str) -> None:
    value = value.strip()
    if not value or _NONE.match(value):
        return
    if name == "reference":
        refs = find_references(value)
        header.reference = refs[0] if refs else value.split(",")[0].strip()[:60]
    elif name in ("issued", "effective", "expiry"):
        if getattr(header, name) is None:
            setattr(header, name, parse_date(value))
    elif name in ("cancels", "amends", "previous"):
        current: list[str] = getattr(header, name)
        for ref in find_references(value) or ([] if name != "previous" else [value]):
            if ref not in current:
                current.append(ref)
    elif name in ("for_action", "for_information", "associated"):
        getattr(header, name).extend(item for item in _split_list(value) if item not in getattr(header, name))
    elif name == "summary":
        header.summary = f"{header.summary} {value}".strip() if header.summary else value
    elif name == "title":
        header.title = header.title or value
    elif name == "purpose":
        return  # the document's stated purpose describes it; it is neither a field we keep nor a duty
    else:
        setattr(header, name, value if getattr(header, name) is None else getattr(header, name))
