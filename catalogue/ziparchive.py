"""Zip-based office files (XLSX, DOCX) that are the same bytes for the same content.

Office libraries write the clock into each zip entry and into ``docProps/core.xml``; rewriting the archive with a
fixed entry time and a given document date makes a file reproducible, so two runs on the same data can be
compared byte for byte.
"""

from __future__ import annotations

import io
import re
import zipfile

FIXED_ENTRY_TIME = (2000, 1, 1, 0, 0, 0)
FIXED_STAMP = "2000-01-01T00:00:00Z"


def stable_zip(data: bytes, stamp: str = FIXED_STAMP) -> bytes:
    """Return the office file ``data`` rewritten with fixed entry times and ``stamp`` as its created/modified date."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = content.decode("utf-8")
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", rf"\g<1>{stamp}\3", text)
                content = text.encode("utf-8")
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ENTRY_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, content)
    return out.getvalue()
