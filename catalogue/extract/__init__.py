"""Draft catalogue requirements from directive documents (PDF, DOCX, HTML, text) for a person to review.

>>> result = extract_text("PI 01/2010\\n\\n2.1 Trusts must report quarterly.", name="pi.txt")
>>> [(c.text, c.modality, c.frequency_per_year) for c in result.candidates]
[('Trusts must report quarterly.', 'must', 4.0)]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from catalogue.extract.candidates import JSON_KEYS, Candidate, extract_candidates
from catalogue.extract.errors import ExtractionError
from catalogue.extract.header import DirectiveHeader, read_header
from catalogue.extract.readers import DEFAULT_MAX_BYTES, Document, read_bytes, read_document, text_blocks

__all__ = [
    "JSON_KEYS",
    "Candidate",
    "DirectiveHeader",
    "Document",
    "Extraction",
    "ExtractionError",
    "extract_bytes",
    "extract_document",
    "extract_file",
    "extract_text",
]


@dataclass
class Extraction:
    """What one document gave: the document, its header and its candidate requirements."""

    document: Document
    header: DirectiveHeader
    candidates: list[Candidate]


def extract_document(document: Document) -> Extraction:
    """Read the header and draft candidates from an already read document."""
    header = read_header(document.blocks)
    return Extraction(document, header, extract_candidates(document, header))


def extract_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Extraction:
    """Read a file and draft its candidates; raises ExtractionError (naming the file) when it cannot be read."""
    return extract_document(read_document(path, max_bytes=max_bytes))


def extract_bytes(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Extraction:
    """Like :func:`extract_file` for a document held in memory (an upload), with the same size limit."""
    return extract_document(read_bytes(data, name, max_bytes=max_bytes))


def extract_text(text: str, name: str = "text") -> Extraction:
    """Draft candidates from plain text or Markdown."""
    document = Document(name=name, format="text", size=len(text.encode()), blocks=text_blocks(text))
    return extract_document(document)
