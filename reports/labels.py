"""Words people read for the app's codes: column titles and metric explanations, kept as data in ``data/``.

>>> column_label("decided_at")
'Decided (UTC)'
>>> column_label("hours_per_offender")
'Hours per offender'
>>> metric_help("overview", "Requirements in force", directives="12")[:40]
'Requirements of the directives in force '
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

DATA = Path(__file__).with_name("data")


@functools.cache
def _rows(name: str) -> tuple[dict[str, str], ...]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def humanise(key: str) -> str:
    """Return a snake_case key as words, as 'hours_per_offender' -> 'Hours per offender' (the fallback title)."""
    words = str(key).replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def column_label(key: str) -> str:
    """Return the title of a table column from its key: the library's word for it, else the key in words."""
    found = {row["key"]: row["label"] for row in _rows("columns.csv")}.get(str(key))
    return found or humanise(key)


def column_kind(key: str) -> str | None:
    """Return the kind of a table column (``reports.model.Kind``: hours, money, score ...) from its key, if known."""
    return {row["key"]: row["kind"] for row in _rows("columns.csv")}.get(str(key)) or None


def column_help(key: str) -> str | None:
    """Return what a table column holds, for its header's tooltip (None for a column the library does not know)."""
    return {row["key"]: row["help"] for row in _rows("columns.csv")}.get(str(key)) or None


class UnexplainedMetric(KeyError):
    """A page shows a metric the library has no explanation for."""


def metric_help(page: str, metric: str, **values: object) -> str:
    """Return the tooltip of the metric ``metric`` on ``page``: what it counts and from what.

    ``values`` fill the text's ``{placeholders}`` (e.g. how many proposals there are in all). A metric without an
    explanation raises :class:`UnexplainedMetric`, so a page cannot show a figure nobody explained.
    """
    for row in _rows("metric_help.csv"):
        if row["page"] == page and row["metric"] == metric:
            return row["help"].format(**values)
    raise UnexplainedMetric(f"no help for the metric {metric!r} on the {page} page in reports/data/metric_help.csv")


def strongest_outcome(scores: pd.DataFrame, outcome_names: Mapping[str, str]) -> pd.Series:
    """Return, per row, the outcome scored highest with its score, as 'Protect the public (3)' ('' when unscored).

    ``outcome_names`` maps each score column to the outcome's name; ties go to the first outcome.
    """
    columns = [c for c in outcome_names if c in scores.columns]
    if not columns:
        return pd.Series([""] * len(scores), index=scores.index, dtype="object")
    values = scores[columns].apply(pd.to_numeric, errors="coerce")
    best = values.fillna(-1).idxmax(axis=1)
    top = values.max(axis=1)
    return pd.Series(
        [
            f"{outcome_names[col]} ({int(score)})" if score == score else ""
            for col, score in zip(best, top, strict=True)
        ],
        index=scores.index,
        dtype="object",
    )


def code_label(key: str, value: object) -> object:
    """Return the words for a code in the column ``key``: a proposal action, an activity, a purpose, a status."""
    if not isinstance(value, str):
        return value
    if key == "action":
        from audit.proposals import action_label

        return action_label(value)
    from catalogue.types import label

    words = label(value)
    return humanise(words) if words == value else words


def label_codes(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with the codes of its code columns (``columns.csv`` kind ``code``) in words."""
    coded = [c for c in frame.columns if column_kind(str(c)) == "code"]
    if not coded:
        return frame
    out = frame.copy()
    for column in coded:
        out[column] = out[column].map(lambda v, c=str(column): code_label(c, v))
    return out


def action_words_expression(field: str = "datum.label") -> str:
    """Return a Vega expression giving the words of a proposal action code held in ``field`` (for chart labels)."""
    import json

    from audit.proposals import ACTION_LABELS

    return f"{json.dumps(ACTION_LABELS)}[{field}] || {field}"
