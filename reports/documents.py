"""Documents from a :class:`~reports.model.Report`: one report, five formats.

>>> sorted(FORMATS)
['csv', 'docx', 'html', 'pdf', 'xlsx']

``render(report, "pdf") -> bytes`` and ``write(report, "pdf", path) -> Path`` are the whole API;
the renderers (``render_html``, ``render_pdf``, ``render_docx``, ``render_tables``) all read the same
report, so every format carries the same sections, tables and totals.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from reports.model import Report

EXTENSIONS: dict[str, str] = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "xlsx": ".xlsx", "csv": ".zip"}
MEDIA_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "application/zip",
}
FORMATS = tuple(EXTENSIONS)


def _html(report: Report) -> bytes:
    from reports.render_html import render_html

    return render_html(report, mode="html").encode("utf-8")


def _pdf(report: Report) -> bytes:
    from reports.native_libraries import import_weasyprint

    import_weasyprint()  # before render_pdf imports it: without a compiler run per library name
    from reports.render_pdf import render_pdf

    return render_pdf(report)


def _docx(report: Report) -> bytes:
    from reports.render_docx import render_docx

    return render_docx(report)


def _xlsx(report: Report) -> bytes:
    from reports.render_tables import render_xlsx

    return render_xlsx(report)


def _csv(report: Report) -> bytes:
    from reports.render_tables import render_csv_zip

    return render_csv_zip(report)


RENDERERS: dict[str, Callable[[Report], bytes]] = {
    "pdf": _pdf,
    "docx": _docx,
    "html": _html,
    "xlsx": _xlsx,
    "csv": _csv,
}


def render(report: Report, fmt: str) -> bytes:
    """Return the report in format ``fmt`` (pdf, docx, html, xlsx, csv = a zip of CSV files) as bytes."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return renderer(report)


def file_name(report: Report, fmt: str) -> str:
    """Return the conventional file name of the report in ``fmt``, e.g. ``national-report.pdf``."""
    return f"{report.file_stem}{EXTENSIONS[fmt]}"


def write(report: Report, fmt: str, path: str | Path) -> Path:
    """Write the report to ``path`` atomically (a reader never sees half a file) and return the path."""
    target = Path(path)
    data = render(report, fmt)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o644)  # mkstemp makes 0600; a report is for sharing
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target
