"""Errors raised while reading documents: each names the file and says what went wrong in plain words."""

from __future__ import annotations

from catalogue.errors import CatalogueError


class ExtractionError(CatalogueError):
    """A document could not be read; ``str()`` is a one-line message naming the file."""

    reason = "cannot be read"

    def __init__(self, file: str, detail: str = "") -> None:
        self.file = file
        self.detail = detail
        message = f"{file}: {self.reason}" + (f" ({detail})" if detail else "")
        super().__init__(message)


class FileTooLarge(ExtractionError):
    reason = "file is over the size limit"


class NoText(ExtractionError):
    reason = "holds nothing to review"


class NoTextLayer(ExtractionError):
    reason = "PDF has no text layer (scanned image?); run it through OCR first"


class Encrypted(ExtractionError):
    reason = "file is encrypted or password-protected"


class Corrupt(ExtractionError):
    reason = "file is damaged or not in the format its name says"


class Undecodable(ExtractionError):
    reason = "text cannot be decoded (not UTF-8, UTF-16 or Windows-1252 text)"


class UnsupportedFormat(ExtractionError):
    reason = "unsupported file type (use PDF, DOCX, HTML, TXT or Markdown)"


class DraftError(CatalogueError):
    """A review-queue action that cannot be done (unknown draft, already decided, bad edit)."""
