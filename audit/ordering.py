"""Row orders that a stable sort by a figure (largest first) and then by text labels gives, taken faster.

Sorting a table by a number and then a text column makes pandas order the texts as categories, which at tens of
thousands of rows costs more than the rest of a roll-up; most rows' figures differ, so only the rows whose figure
equals another's need their labels compared.

Public API

- :func:`ranked(values, labels) -> ndarray`: the positions of the rows with ``values`` descending (not-a-number
  last), ties by ``labels`` ascending (strings, or tuples of strings compared in turn), then in their own order:
  what ``sort_values([value, label...], ascending=[False, True...], kind="mergesort")`` gives.
- :func:`ranked_or_none(values, labels)`: the same, or None when a tied label is not text (the caller sorts as
  pandas does).
"""

from __future__ import annotations

from typing import Any

import numpy as np


def _tied(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (positions by value descending, stably; whether each row's value equals another row's)."""
    by_value = np.argsort(-values, kind="stable")
    ordered = values[by_value]
    same = (ordered[1:] == ordered[:-1]) | (np.isnan(ordered[1:]) & np.isnan(ordered[:-1]))
    tied = np.zeros(len(values), dtype=bool)
    tied[1:] |= same
    tied[:-1] |= same
    return by_value, tied


def _is_text(label: Any) -> bool:
    return type(label) is str or (type(label) is tuple and all(type(part) is str for part in label))


def ranked_or_none(values: np.ndarray, labels: list[Any]) -> np.ndarray | None:
    """Return :func:`ranked`, or None when a label that needs comparing is not text."""
    values = np.asarray(values, dtype=float)
    by_value, tied = _tied(values)
    rows = by_value[tied].tolist()
    if not all(_is_text(labels[i]) for i in rows):
        return None
    rank = np.zeros(len(values), dtype=np.int64)
    rank[np.array(sorted(rows, key=labels.__getitem__), dtype=np.intp)] = np.arange(len(rows))
    return np.lexsort((rank, -values))


def ranked(values: np.ndarray, labels: list[str]) -> np.ndarray:
    """Return the positions of the rows in ranked order (see the module text); the labels are text."""
    order = ranked_or_none(values, labels)
    if order is None:
        raise TypeError("labels must be text to be ranked")
    return order
