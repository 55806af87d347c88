"""Flat table rows for models: what SQLite tables and CSV/XLSX sheets hold, and back again.

Nested models are flattened with ``__`` (``minutes_provenance__kind``); empty cells mean "not given".

>>> flatten({"a": 1, "p": {"kind": "estimate", "rationale": "x"}})
{'a': 1, 'p__kind': 'estimate', 'p__rationale': 'x'}
"""

from __future__ import annotations

from typing import Any

SEP = "__"


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Flatten nested dicts into one level with ``__``-joined keys."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, name + SEP))
        else:
            flat[name] = value
    return flat


def is_blank(value: Any) -> bool:
    """True for the values a spreadsheet cell holds when nothing was entered."""
    return value is None or (isinstance(value, str) and value.strip() == "")


def unflatten(row: dict[str, Any]) -> dict[str, Any]:
    """Rebuild nested dicts from ``__`` keys, dropping blank cells so model defaults apply."""
    nested: dict[str, Any] = {}
    for key, value in row.items():
        if is_blank(value):
            continue
        parts = str(key).split(SEP)
        node = nested
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        node[parts[-1]] = value
    return nested


def error_column(loc: tuple[int | str, ...]) -> str | None:
    """Turn a pydantic error location into the flat column name it concerns."""
    parts = [str(p) for p in loc if not isinstance(p, int)]
    return SEP.join(parts) if parts else None
