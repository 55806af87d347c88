"""The intermediate form of a report: built once from the audit, read by every renderer.

A :class:`Report` holds titles, key figures and sections; a section holds blocks in reading order
(paragraphs, bullet lists, tables, charts). Tables keep raw values in a DataFrame and describe each
column (label, unit, meaning) with :class:`Column`, so PDF/HTML/DOCX format the numbers for people
while XLSX/CSV keep them as numbers. Charts keep a Vega-Lite spec, rendered on demand.

>>> t = Table("demo", "Demo", pd.DataFrame({"x": [1.5]}), [Column("x", "X", "a number", "hours")])
>>> t.formatted()["X"].tolist()
['2 h']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import pandas as pd

from reports import formatting as fmt

Kind = Literal["text", "range", "int", "number", "money", "hours", "fte", "percent", "score", "bool"]


def _number1(value: Any) -> str:
    return fmt.number(value, 1)


def _score(value: Any) -> str:
    return fmt.number(value, 2)


def _bool(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    return "yes" if bool(value) else "no"


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


FORMATTERS: dict[str, Callable[[Any], str]] = {
    "text": _text,
    "range": _text,
    "int": fmt.number,
    "number": _number1,
    "money": fmt.money,
    "hours": fmt.hours,
    "fte": lambda v: fmt.number(v, 1),
    "percent": fmt.percent,
    "score": _score,
    "bool": _bool,
}

# Excel number formats matching the kinds above (XLSX keeps numbers numeric).
EXCEL_FORMATS: dict[str, str] = {
    "int": "#,##0",
    "number": "#,##0.0",
    "money": "£#,##0",
    "hours": "#,##0",
    "fte": "#,##0.0",
    "percent": "0.0%",
    "score": "0.00",
}


@dataclass(frozen=True)
class Column:
    """One column of a table: its key in the DataFrame, the label people read, what it means, its kind."""

    key: str
    label: str
    description: str
    kind: Kind = "text"
    # Whether a totals row sums the column: hours, FTE, cost, savings, counts of requirements, shares of one
    # common total. Never minutes, rates, ranks, ratios within a row or per-offender figures.
    additive: bool = False

    @property
    def numeric(self) -> bool:
        return self.kind not in ("text", "range", "bool")

    @property
    def align_right(self) -> bool:
        """Numbers and ranges of numbers line up on the right."""
        return self.numeric or self.kind == "range"


@dataclass
class Table:
    """A table of results: raw values plus documented columns.

    ``document_rows`` limits the rows shown in PDF/HTML/DOCX (the spreadsheet formats hold every row);
    ``total_row`` adds a bold last row in documents (its values are already computed, never summed here);
    without one, the spreadsheet ends the table with the sums of its ``additive`` columns (:meth:`spreadsheet_total`);
    ``document_columns`` names the columns PDF/HTML/DOCX show when the page is too narrow for all of them;
    ``document_index`` picks the rows (positions) documents show, e.g. a trust and its neighbours;
    ``highlight = (column, value)`` marks the rows holding ``value`` in ``column`` (the report's own trust);
    ``in_documents=False`` keeps a table for the spreadsheet formats only.
    """

    key: str
    title: str
    frame: pd.DataFrame
    columns: list[Column]
    note: str = ""
    document_rows: int | None = None
    total_row: dict[str, Any] | None = None
    document_columns: list[str] | None = None
    document_index: list[int] | None = None
    highlight: tuple[str, Any] | None = None
    in_documents: bool = True

    def __post_init__(self) -> None:
        missing = [c.key for c in self.columns if c.key not in self.frame.columns]
        missing += [k for k in self.document_columns or [] if k not in {c.key for c in self.columns}]
        if missing:
            raise ValueError(f"table {self.key!r} has no column(s) {', '.join(missing)}")

    @property
    def data(self) -> pd.DataFrame:
        """The documented columns only, in order, with machine names (what XLSX and CSV hold)."""
        return self.frame[[c.key for c in self.columns]].reset_index(drop=True)

    @property
    def shown_columns(self) -> list[Column]:
        """The columns a document shows."""
        if self.document_columns is None:
            return self.columns
        by_key = {c.key: c for c in self.columns}
        return [by_key[k] for k in self.document_columns]

    def shown_rows(self) -> pd.DataFrame:
        """The rows a document shows."""
        data = self.data
        if self.document_index is not None:
            return data.iloc[self.document_index].reset_index(drop=True)
        return data.head(self.document_rows) if self.document_rows is not None else data

    @property
    def truncated(self) -> bool:
        if self.document_index is not None:
            return len(self.document_index) < len(self.frame)
        return self.document_rows is not None and len(self.frame) > self.document_rows

    def formatted(self) -> pd.DataFrame:
        """The shown rows as strings for people, with column labels as headers."""
        data = self.shown_rows()
        out = pd.DataFrame(
            {c.label: [FORMATTERS[c.kind](v) for v in data[c.key].tolist()] for c in self.shown_columns},
            dtype="object",
        )
        return out

    def highlighted(self) -> list[bool]:
        """For each shown row, whether documents emphasise it."""
        count = len(self.shown_rows())
        if self.highlight is None:
            return [False] * count
        column, value = self.highlight
        positions = self.document_index if self.document_index is not None else list(range(count))
        return [v == value for v in self.frame[column].iloc[positions].tolist()]

    def formatted_total(self) -> list[str] | None:
        """The total row as strings, or None."""
        if self.total_row is None:
            return None
        return [
            FORMATTERS[c.kind](self.total_row[c.key]) if c.key in self.total_row else "" for c in self.shown_columns
        ]

    def spreadsheet_total(self) -> dict[str, Any] | None:
        """The row a spreadsheet ends the table with: its own total, else "Total" and the sums of additive columns."""
        if self.total_row is not None:
            return self.total_row
        additive = [c for c in self.columns if c.additive]
        if not additive or self.frame.empty:
            return None
        total: dict[str, Any] = {}
        label = next((c.key for c in self.columns if c.kind == "text"), None)
        if label is not None:
            total[label] = "Total"
        for column in additive:
            values = pd.to_numeric(self.frame[column.key], errors="coerce")
            summed = values.sum()
            total[column.key] = int(summed) if column.kind == "int" else float(summed)
        return total

    def with_changes(self, **changes: Any) -> Table:
        """Return a copy with some fields replaced (tables shared between reports are never mutated)."""
        return replace(self, **changes)


@dataclass
class Chart:
    """A chart with a caption: a Vega-Lite spec, or a :class:`reports.charts.ChartSpec` that builds one on request.

    The renderers draw ``drawing``: for the reports' own charts that is what :mod:`reports.svg_charts` needs, so
    writing a report never builds the Vega-Lite spec (nor imports Altair, which builds it).
    """

    key: str
    title: str
    source: Any
    caption: str = ""
    width_cm: float = 16.0

    @property
    def spec(self) -> dict[str, Any]:
        """Return the chart's Vega-Lite spec (built now if the chart was given as a ChartSpec)."""
        if isinstance(self.source, dict):
            return self.source
        return dict(self.source.to_dict(validate=False))

    @property
    def drawing(self) -> dict[str, Any]:
        """Return what the renderers draw: the drawable part of a ChartSpec, else the Vega-Lite spec."""
        drawing = getattr(self.source, "drawing", None)
        return drawing if isinstance(drawing, dict) else self.spec


@dataclass
class Paragraph:
    """A paragraph of plain text (escaped by every renderer)."""

    text: str


@dataclass
class Bullets:
    """A bulleted list of plain-text items, with an optional bold lead-in line."""

    items: list[str]
    title: str = ""


Block = Paragraph | Bullets | Table | Chart


@dataclass
class Section:
    """A numbered section of the report, with its blocks in reading order."""

    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> Section:
        self.blocks.extend(blocks)
        return self

    def paragraph(self, text: str) -> Section:
        return self.add(Paragraph(text))


@dataclass(frozen=True)
class KeyFigure:
    """A headline figure of the executive summary: label, formatted value, and a line of detail (e.g. range)."""

    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class Recommendation:
    """A recommendation with the body that should act on it (the ministry, the trusts, the association)."""

    owner: str
    text: str


@dataclass
class Report:
    """Everything a rendered report shows; renderers only lay it out.

    ``findings`` are the key findings boxed on the first page; ``recommendations`` follow the summary.
    """

    kind: str
    title: str
    subtitle: str
    generated_on: dt.date
    fingerprint: str
    estimate_share: float
    key_figures: list[KeyFigure]
    summary: list[str]
    sections: list[Section]
    appendix: list[Section] = field(default_factory=list)
    audience: str = ""
    file_stem: str = "report"
    findings: list[str] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    no_burden: bool = False  # no hours fall in the report's scope: a share of them is no share at all

    def estimates_line(self, decimals: int = 0) -> str:
        """Say how much of the burden rests on estimates, or that there is no burden to rest on anything."""
        if self.no_burden:
            return f"There is {fmt.NO_BURDEN}, so no hours rest on an estimated figure"
        return (
            f"{fmt.percent(self.estimate_share, decimals)} of the burden's hours rest on at least one estimated figure"
        )

    def all_sections(self) -> Iterator[Section]:
        yield from self.sections
        yield from self.appendix

    def tables(self) -> list[Table]:
        """Every table in reading order, each key once (the sheets of XLSX and files of the CSV zip)."""
        seen: set[str] = set()
        found = []
        for section in self.all_sections():
            for block in section.blocks:
                if isinstance(block, Table) and block.key not in seen:
                    seen.add(block.key)
                    found.append(block)
        return found

    def charts(self) -> list[Chart]:
        return [b for s in self.all_sections() for b in s.blocks if isinstance(b, Chart)]

    @property
    def provenance_line(self) -> str:
        """One line a reader can quote: date, fingerprint, estimate share."""
        return f"Generated {self.generated_on:%d %B %Y} · data fingerprint {self.fingerprint} · {self.estimates_line()}"
