"""Audit results as report tables: DataFrames with documented columns (:class:`reports.model.Table`).

Every function reads an :class:`audit.engine.AuditResult` (or another audit output) and selects,
ranks and labels; none recomputes the burden. Each column says what it holds, so the XLSX 'About'
sheet and the CSV zip's ``columns.csv`` explain themselves.

Public API (each returns a :class:`~reports.model.Table`):

- :func:`trust_ranking(result)`: every trust, ranked by hours per offender.
- :func:`trust_figures(result, trust)`: the trust's burden beside the England and Wales figures.
- :func:`top_requirements(result, trust=None, n=15)`: the heaviest requirements (national or in one trust).
- :func:`local_measurements(result, national_only, trust)`: a trust's own measurements beside the national estimates.
- :func:`flagged_local_figures(result, trust=None)`: trusts' own figures far from the national ones.
- :func:`trust_proposals(result, trust, n=15)`: proposals that would release time in one trust.
- :func:`national_proposals(result, n=20)`: the proposals with the largest national savings.
- :func:`purpose_split(result, trust=None)`: input/process versus output/outcome hours.
- :func:`by_dimension(result, dimension)`: the burden grouped by directive, issuer, activity, outcome, ...
- :func:`concentration(result)`: the Pareto table of requirements.
- :func:`stock_and_flow(catalogue)`: requirements in force, added and removed each financial year.
- :func:`policy_values(policy, names)`: every policy value in words with its source.
- :func:`estimate_summary(result, trust=None)`: how many figures are estimates, by kind.
"""

from __future__ import annotations

import csv
import functools
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from audit import evidence, stock
from audit.engine import AuditResult
from audit.plausibility import flagged_figures
from audit.policy import Policy, describe_policy
from audit.proposal_story import requirement_texts
from audit.proposals import action_label, actionable, proposal_trust_savings
from audit.study_results import measured_in_studies
from catalogue.models import Catalogue
from catalogue.types import label
from reports import formatting as fmt
from reports.model import FORMATTERS, Column, Table

NATIONAL = "England and Wales"
DATA = Path(__file__).with_name("data")


@functools.cache
def _csv_map(name: str, key: str, value: str) -> dict[str, str]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return {row[key]: row[value] for row in csv.DictReader(handle)}


def issuing_body(spelling: str) -> str:
    """Return the one spelling of an issuing body (``data/issuers.csv``), e.g. 'Home Office NPD' -> the directorate."""
    return _csv_map("issuers.csv", "spelling", "issuing_body").get(str(spelling).strip(), str(spelling).strip())


def setting_label(setting: str) -> str:
    """Return the words for a policy setting (``data/settings.csv``), as 'Overhead on labour cost'."""
    found = _csv_map("settings.csv", "setting", "label").get(setting)
    return found if found else setting.replace("_", " ").capitalize()


def _triple(prefix: str, noun: str, kind: str, what: str, additive: bool = False) -> list[Column]:
    """Columns low/central/high of one measure."""
    return [
        Column(f"{prefix}_central", f"{noun} (central)", f"{what}, central estimate", kind, additive),  # type: ignore[arg-type]
        Column(f"{prefix}_low", f"{noun} (low)", f"{what}, low estimate", kind, additive),  # type: ignore[arg-type]
        Column(f"{prefix}_high", f"{noun} (high)", f"{what}, high estimate", kind, additive),  # type: ignore[arg-type]
    ]


def add_range(frame: pd.DataFrame, prefix: str, kind: str = "number") -> pd.DataFrame:
    """Add ``<prefix>_range``: the low–high range as text (documents show it beside the central figure)."""
    show = fmt.money if kind == "money" else (lambda v: fmt.number(v, 1) if kind == "fte" else fmt.number(v))
    frame = frame.copy()
    frame[f"{prefix}_range"] = [
        f"{show(lo)}–{show(hi)}" for lo, hi in zip(frame[f"{prefix}_low"], frame[f"{prefix}_high"], strict=True)
    ]
    return frame


def range_text(row: Any, prefix: str, kind: str = "number") -> str:
    """Return one row's low–high range as text, e.g. ``1,200–3,400``."""
    return str(
        add_range(
            pd.DataFrame([{f"{prefix}_low": row[f"{prefix}_low"], f"{prefix}_high": row[f"{prefix}_high"]}]),
            prefix,
            kind,
        )[f"{prefix}_range"][0]
    )


def short_trust(name: str) -> str:
    """Return a trust's name without the 'Probation Trust' suffix, for narrow document columns."""
    for suffix in (" Probation Trust", " Probation"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def _find_trust(result: AuditResult, trust: str) -> pd.Series:
    rows = result.by_trust[result.by_trust["trust"] == trust]
    if rows.empty:
        raise KeyError(trust)
    return rows.iloc[0]


def trust_ranking(result: AuditResult) -> Table:
    """Every trust with its recurring burden, ranked by hours per offender (1 = heaviest)."""
    frame = result.by_trust.merge(result.benchmark[["trust", "rank", "quartile"]], on="trust", how="left")
    frame = frame.sort_values(["rank", "trust"], kind="stable").reset_index(drop=True)
    frame = add_range(frame, "hours")
    frame["trust_short"] = [short_trust(t) for t in frame["trust"]]
    columns = [
        Column("rank", "Rank", "rank by hours per offender a year (1 = heaviest burden)", "int"),
        Column("trust", "Trust", "probation trust"),
        Column("trust_short", "Trust (short name)", "probation trust, short name"),
        Column("region", "Region", "region of England, or Wales"),
        Column("caseload", "Caseload", "offenders under supervision", "int"),
        Column("hours_central", "Hours a year", "recurring hours a year spent complying, central estimate", "hours"),
        Column("hours_low", "Hours (low)", "recurring hours a year, low estimate", "hours"),
        Column("hours_high", "Hours (high)", "recurring hours a year, high estimate", "hours"),
        Column("hours_range", "Range (hours)", "low to high hours a year", "range"),
        Column("fte_central", "FTE", "recurring burden in full-time staff equivalents, central", "fte"),
        Column("cost_central", "Cost a year", "recurring cost a year (labour plus overhead), central", "money"),
        Column("hours_per_offender", "Hours per offender", "central hours a year per offender supervised", "number"),
        Column("share_of_staff_time", "Share of staff time", "central FTE divided by the trust's staff FTE", "percent"),
        Column("quartile", "Quartile", "quartile of hours per offender among the trusts (4 = heaviest quarter)", "int"),
    ]
    shown = ["rank", "trust_short", "hours_central", "hours_range", "fte_central", "cost_central", "hours_per_offender",
             "share_of_staff_time"]  # fmt: skip
    return Table("trusts", "The trusts ranked by burden per offender", frame, columns, document_columns=shown)


def trust_figures(result: AuditResult, trust: str) -> Table:
    """The trust's burden measures beside England and Wales, with ranges."""
    row = _find_trust(result, trust)
    nat = result.national
    measures = [
        ("Recurring hours a year", "hours", "hours"),
        ("Recurring FTE", "fte", "fte"),
        ("Recurring cost a year", "cost", "money"),
        ("One-off familiarisation hours", "familiarisation_hours", "hours"),
        ("Total hours a year (recurring + familiarisation)", "total_hours", "hours"),
        ("Total cost a year (recurring + familiarisation)", "total_cost", "money"),
    ]
    records: list[dict[str, Any]] = []
    for name, prefix, unit in measures:
        records.append(
            {
                "measure": name,
                "unit": unit,
                "trust_low": float(row[f"{prefix}_low"]),
                "trust_central": float(row[f"{prefix}_central"]),
                "trust_high": float(row[f"{prefix}_high"]),
                "national_central": float(nat[f"{prefix}_central"]),
            }
        )
    for name, key, unit in (
        ("Hours per offender supervised", "hours_per_offender", "number"),
        ("Hours per staff FTE", "hours_per_staff_fte", "number"),
        ("Share of staff time", "share_of_staff_time", "percent"),
    ):
        value = float(row[key])
        records.append(
            {
                "measure": name,
                "unit": unit,
                "trust_low": math.nan,
                "trust_central": value,
                "trust_high": math.nan,
                "national_central": float(nat[key]),
            }
        )
    frame = pd.DataFrame(records)
    # Documents format each row by its own unit: keep a display column per row.
    for col in ("trust_low", "trust_central", "trust_high", "national_central"):
        frame[f"{col}_text"] = [
            FORMATTERS[u](v) if not (isinstance(v, float) and math.isnan(v)) else "–"
            for u, v in zip(frame["unit"], frame[col], strict=True)
        ]
    columns = [
        Column("measure", "Measure", "what is measured (all figures a year)"),
        Column("trust_central_text", trust, "the trust's figure, central estimate"),
        Column("trust_low_text", "Low", "the trust's figure, low estimate"),
        Column("trust_high_text", "High", "the trust's figure, high estimate"),
        Column("national_central_text", NATIONAL, "all trusts together (ratios: England and Wales as a whole)"),
    ]
    table = Table("trust_figures", f"{trust}: burden at a glance", frame, columns)
    return table


def _requirement_columns(scope: str) -> list[Column]:
    return [
        Column("rank", "Rank", f"rank by central hours {scope} (1 = heaviest)", "int"),
        Column("requirement", "Requirement", "requirement identifier in the catalogue"),
        Column("directive", "Directive", "the directive that imposes it"),
        Column("text", "Requirement text", "the requirement as the directive words it"),
        Column("activity_label", "Activity", "Standard Cost Model activity"),
        Column("hours_central", "Hours a year", f"hours a year {scope}, central", "hours", additive=True),
        Column("hours_low", "Hours (low)", f"hours a year {scope}, low", "hours", additive=True),
        Column("hours_high", "Hours (high)", f"hours a year {scope}, high", "hours", additive=True),
        Column("hours_range", "Range (hours)", f"low to high hours a year {scope}", "range"),
        Column("cost_central", "Cost a year", f"cost a year {scope}, central", "money", additive=True),
        Column(
            "basis", "Basis", "'estimate' when the frequency or minutes are estimated; 'local' for own measurements"
        ),
    ]


def top_requirements(
    result: AuditResult, trust: str | None = None, n: int = 15, *, rows: pd.DataFrame | None = None
) -> Table:
    """The ``n`` heaviest requirements nationally, or in ``trust`` (document rows; the spreadsheet has all).

    ``rows`` are the trust's ``result.table(trusts=[trust])`` when the caller has them already.
    """
    if trust is None:
        frame = result.burden.requirements.copy()
        frame["basis"] = np.where(frame["is_estimate"], "estimate", "sourced")
        scope, key, title = "in England and Wales", "requirements", "The heaviest requirements nationally"
    else:
        frame = (result.table(trusts=[trust]) if rows is None else rows).merge(
            result.burden.requirements[["requirement", "text", "activity"]], on="requirement", how="left"
        )
        frame["basis"] = np.where(
            frame["basis"] == "local", "local", np.where(frame["is_estimate"], "estimate", "sourced")
        )
        scope, key, title = f"in {trust}", "trust_requirements", f"The heaviest requirements in {trust}"
    frame = frame.sort_values(["hours_central", "requirement"], ascending=[False, True], kind="stable")
    frame = frame.reset_index(drop=True)
    frame["rank"] = np.arange(1, len(frame) + 1)
    frame["activity_label"] = [label(a) for a in frame["activity"]]
    frame = add_range(frame, "hours")
    shown = ["rank", "requirement", "directive", "text", "hours_central", "hours_range", "cost_central", "basis"]
    return Table(key, title, frame, _requirement_columns(scope), document_rows=n, document_columns=shown)


def short_text(table: Table) -> Table:
    """Return ``table`` as it is: requirement text is never cut, documents wrap it (kept for callers)."""
    return table


def local_measurements(
    result: AuditResult,
    national_only: AuditResult,
    trust: str,
    *,
    rows: pd.DataFrame | None = None,
    national_rows: pd.DataFrame | None = None,
) -> Table:
    """The trust's own measurements beside the national estimates they replace.

    ``national_only`` is the same audit run without any local measurements, so its burden for this
    trust is what the national estimates alone give. ``rows`` and ``national_rows`` are the trust's rows of
    ``result.table`` and ``national_only.table`` when the caller has them already.
    """
    own = result.table(trusts=[trust]) if rows is None else rows
    own = own[own["basis"] == "local"]
    if national_rows is None or own.empty:  # (no rows: the table's own empty columns and their types)
        national = national_only.table(trusts=[trust], requirements=own["requirement"].tolist())
    else:
        national = national_rows[national_rows["requirement"].isin(own["requirement"].tolist())]
    frame = own.merge(
        national[["requirement", "minutes_central", "occurrences", "hours_central", "bau_share"]],
        on="requirement",
        suffixes=("", "_national"),
        how="left",
    )
    frame = frame.sort_values("requirement", kind="stable").reset_index(drop=True)
    # burden_table's local_* columns are flags: the measured value is the row's own minutes or count.
    frame["own_minutes"] = frame["minutes_central"].where(frame["local_minutes"].astype(bool))
    frame["own_occurrences"] = frame["occurrences"].where(frame["local_occurrences"].astype(bool))
    if "local_bau_share" in frame:  # the trust's own business-as-usual share, where it gave one
        frame["own_bau_share"] = frame["bau_share"].where(frame["local_bau_share"].astype(bool))
    else:
        frame["own_bau_share"] = np.nan
    frame["difference_hours"] = frame["hours_central"] - frame["hours_central_national"]
    # A figure measured in a time study keeps the study's 95% interval and says where it comes from.
    studied = measured_in_studies(result.catalogue, trust).set_index("requirement")
    frame["own_minutes_interval"] = [
        f"{studied.at[r, 'minutes_low']:,.1f}-{studied.at[r, 'minutes_high']:,.1f}"
        if r in studied.index and not pd.isna(studied.at[r, "minutes_low"])
        else ""
        for r in frame["requirement"]
    ]
    frame["source"] = [studied.at[r, "source"] if r in studied.index else "" for r in frame["requirement"]]
    bau_sources = {m.requirement: m.bau_source or "" for m in result.catalogue.local_measurements if m.trust == trust}
    frame["own_bau_source"] = [bau_sources.get(r, "") for r in frame["requirement"]]
    columns = [
        Column("requirement", "Requirement", "requirement identifier"),
        Column("directive", "Directive", "the directive that imposes it"),
        Column("minutes_central_national", "National minutes", "national estimate of minutes each time", "number"),
        Column(
            "own_minutes", "Local minutes", "the trust's own measurement of minutes each time (blank: none)", "number"
        ),
        Column(
            "own_minutes_interval", "95% interval", "of local minutes measured in a time study (blank: none)", "range"
        ),
        Column("occurrences_national", "National count a year", "occurrences a year from the national rate", "int"),
        Column("own_occurrences", "Local count a year", "the trust's own count a year (blank: none)", "int"),
        Column("bau_share_national", "National business-as-usual share", "share done anyway, nationally", "percent"),
        Column(
            "own_bau_share", "Our business-as-usual share", "the trust's own share done anyway (blank: none)", "percent"
        ),
        Column("own_bau_source", "Source of our business-as-usual share", "where the trust's own share comes from"),
        Column(
            "hours_central_national", "Hours: national basis", "central hours a year on national estimates", "hours"
        ),
        Column(
            "hours_central",
            "Hours: local basis",
            "central hours a year with the trust's measurements",
            "hours",
            additive=True,
        ),
        Column("difference_hours", "Difference", "local minus national hours a year", "hours", additive=True),
        Column("source", "Source", "where a local figure measured in a time study comes from (blank: typed in)"),
    ]
    shown = [c.key for c in columns if c.key not in ("directive", "source", "own_bau_source")]
    return Table(
        "local_measurements", f"{trust}: local measurements beside national estimates", frame, columns,
        document_columns=shown,
    )  # fmt: skip


def flagged_local_figures(result: AuditResult, trust: str | None = None) -> Table:
    """Trusts' own figures far from the national ones (``audit.plausibility``), of ``trust`` or of every trust."""
    frame = flagged_figures(result, trust)
    columns = [
        Column("trust", "Trust", "the trust that recorded the figure"),
        Column("requirement", "Requirement", "requirement identifier"),
        Column("directive", "Directive", "the directive that imposes it"),
        Column("figure", "Figure", "which of the trust's figures: its minutes each time or its count a year"),
        Column("value", "Trust's figure", "the figure the trust recorded", "number"),
        Column("national", "National figure", "national central minutes, or the trust's national count", "number"),
        Column("national_high", "National high", "national high minutes (blank for a count)", "number"),
        Column("reason", "Why it is flagged", "how the figure falls outside the plausible band of the policy"),
        Column("comment", "Trust's comment", "what the trust said when it confirmed the figure"),
        Column("recorded_by", "Recorded by", "who saved it"),
        Column("recorded_on", "Recorded on", "when it was saved"),
        Column(
            "difference_hours",
            "Difference",
            "hours a year it adds (negative: removes) to the national",
            "hours",
            additive=True,
        ),
    ]
    shown = ["trust", "requirement", "figure", "value", "national", "reason", "comment", "difference_hours"]
    if trust is not None:
        shown.remove("trust")
    title = "Local figures far from the national figures" + (f" in {trust}" if trust else "")
    return Table("flagged_local_figures", title, frame, columns, document_columns=shown)


def proposal_label(action: str, requirements: Any, text: str = "") -> str:
    """Return a proposal in words: its action, the requirement(s) it changes and what they require, e.g.
    'Simplify: PSO2205-QA — OASys assessments must be quality assured' (``text`` from ``requirement_texts``)."""
    names = [str(r) for r in requirements] if isinstance(requirements, (list, tuple)) else [str(requirements)]
    head = f"{action_label(action)}: {' and '.join(names)}"
    return f"{head} — {text}" if text else head


def _proposal_columns(scope: str) -> list[Column]:
    return [
        Column("rank", "Rank", "rank by central cost saving", "int"),
        Column("label", "Proposal", "what the proposal does, to which requirement(s)"),
        Column("id", "Proposal id", "stable proposal identifier: action and requirement"),
        Column("action_label", "Action", "what the proposal does"),
        Column("directive", "Directive", "directive of the requirement concerned"),
        Column("saving_hours_central", "Hours released", f"hours a year released {scope}, central", "hours"),
        Column("saving_fte_central", "FTE released", f"FTE released {scope}, central", "fte"),
        Column("saving_cost_central", "Saving a year", f"cost saved a year {scope}, central", "money"),
        Column("saving_cost_low", "Saving (low)", f"cost saved a year {scope}, low", "money"),
        Column("saving_cost_high", "Saving (high)", f"cost saved a year {scope}, high", "money"),
        Column("saving_cost_range", "Range (saving)", f"low to high cost saved a year {scope}", "range"),
        Column("risk_level", "Risk", "risk to outcomes: none, low, medium, high"),
        Column("needs_legislation", "Needs legislation", "the change needs primary or secondary legislation", "bool"),
    ]


PROPOSAL_DOCUMENT_COLUMNS = [
    "rank", "label", "saving_hours_central", "saving_fte_central", "saving_cost_central",
    "saving_cost_range", "risk_level",
]  # fmt: skip


def _with_action_labels(frame: pd.DataFrame, requirements: pd.DataFrame) -> pd.DataFrame:
    frame = add_range(frame, "saving_cost", "money")
    frame["action_label"] = [action_label(a) for a in frame["action"]]
    texts = requirement_texts(frame, requirements)  # never a bare id: each proposal says what it changes
    frame["label"] = [
        proposal_label(a, r, t) for a, r, t in zip(frame["action"], frame["requirements"], texts, strict=True)
    ]
    return frame


def national_proposals(result: AuditResult, n: int = 20) -> Table:
    """Proposals that change something, by national saving; documents show the top ``n``."""
    frame = actionable(result.proposals)
    frame = _with_action_labels(frame, result.burden.requirements).reset_index(drop=True)
    frame["rank"] = np.arange(1, len(frame) + 1)
    return Table(
        "proposals",
        "Proposals ranked by national saving",
        frame,
        _proposal_columns("in England and Wales"),
        document_rows=n,
        document_columns=PROPOSAL_DOCUMENT_COLUMNS,
        note="Savings of each proposal alone; in a scenario the savings of accepted proposals on one "
        "requirement combine, they do not add.",
    )


def proposal_savings(result: AuditResult) -> pd.DataFrame:
    """Return the savings in every trust of every proposal that changes something (``proposal_trust_savings``)."""
    changing = actionable(result.proposals)
    return proposal_trust_savings(result.burden, changing, ids=changing["id"].tolist())


def trust_proposals(result: AuditResult, trust: str, n: int = 15, *, savings: pd.DataFrame | None = None) -> Table:
    """Proposals that would release time in ``trust``, by the trust's saving.

    ``savings`` are the trust's rows of :func:`proposal_savings` when the caller has them already.
    """
    changing = actionable(result.proposals)
    if savings is None:
        every = proposal_savings(result)
        savings = every[every["trust"] == trust]
    meta = changing[
        ["id", "action", "target", "requirements", "directive", "risk_level", "needs_legislation", "rationale"]
    ]
    frame = savings.merge(meta, on="id", how="left")
    frame = frame[frame["saving_hours_central"] > 0]
    frame = frame.sort_values(["saving_cost_central", "id"], ascending=[False, True], kind="stable")
    frame = _with_action_labels(frame, result.burden.requirements).reset_index(drop=True)
    frame["rank"] = np.arange(1, len(frame) + 1)
    return Table(
        "trust_proposals", f"Proposals that would release time in {trust}", frame, _proposal_columns(f"in {trust}"),
        document_rows=n, document_columns=PROPOSAL_DOCUMENT_COLUMNS,
    )  # fmt: skip


def purpose_split(result: AuditResult) -> Table:
    """Central hours on input/process versus output/outcome requirements, per trust and nationally."""
    frame = result.purpose_view.copy()
    frame["trust_short"] = [short_trust(t) for t in frame["trust"]]
    columns = [
        Column("trust", "Trust", "probation trust, or England and Wales"),
        Column("trust_short", "Trust (short name)", "probation trust, short name"),
        Column("hours_input", "Input", "central hours a year on input requirements", "hours"),
        Column("hours_process", "Process", "central hours a year on process requirements", "hours"),
        Column("hours_output", "Output", "central hours a year on output requirements", "hours"),
        Column("hours_outcome", "Outcome", "central hours a year on outcome requirements", "hours"),
        Column("share_input_process", "Input + process share", "share of hours on inputs and processes", "percent"),
        Column("share_output_outcome", "Output + outcome share", "share of hours on outputs and outcomes", "percent"),
    ]
    return Table(
        "purpose", "Where the hours go: inputs and processes versus outputs and outcomes", frame, columns,
        document_columns=[c.key for c in columns if c.key != "trust"],
    )  # fmt: skip


DIMENSION_TITLES = {
    "directive": "directive",
    "issuer": "issuing body",
    "directive_type": "type of directive",
    "purpose": "purpose",
    "activity": "activity",
    "grade": "staff grade",
    "driver": "volume driver",
    "legal_force": "legal force",
    "outcome": "outcome served",
}


def by_dimension(result: AuditResult, dimension: str, n: int | None = None) -> Table:
    """The national burden grouped by ``dimension`` (see :data:`audit.rollups.DIMENSIONS` and ``outcome``)."""
    frame = result.by_dimension[dimension].copy()
    if dimension == "issuer":
        frame = _one_spelling(frame)
    words = DIMENSION_TITLES.get(dimension, dimension)
    names = {o.key: o.name for o in result.catalogue.outcomes} if dimension == "outcome" else {}
    frame["group"] = [names.get(v) or label(v) if isinstance(v, str) else v for v in frame[dimension]]
    frame = add_range(frame, "hours")
    columns = [
        Column("group", words[0].upper() + words[1:], f"the {words}"),
        Column("requirements", "Requirements", "requirements in force in the group", "int", additive=True),
        *_triple("hours", "Hours", "hours", "recurring hours a year", additive=True),
        Column("hours_range", "Range (hours)", "low to high hours a year", "range"),
        Column("fte_central", "FTE", "recurring FTE, central", "fte", additive=True),
        Column("cost_central", "Cost a year", "recurring cost a year, central", "money", additive=True),
        # Shares of one national total: the groups' shares add up to the total's own share.
        Column("share_of_hours", "Share of hours", "share of the national central hours", "percent", additive=True),
    ]
    shown = [c.key for c in columns if c.key not in ("hours_low", "hours_high")]
    return Table(f"by_{dimension}", f"The burden by {words}", frame, columns, document_rows=n, document_columns=shown)


def _one_spelling(frame: pd.DataFrame) -> pd.DataFrame:
    """Merge the rows of one issuing body spelt several ways (sums of hours, FTE, cost, counts and shares)."""
    frame = frame.assign(issuer=[issuing_body(v) for v in frame["issuer"]])
    summed = [c for c in frame.columns if c != "issuer" and pd.api.types.is_numeric_dtype(frame[c])]
    merged = frame.groupby("issuer", sort=False, as_index=False)[summed].sum()
    return merged.sort_values(["hours_central", "issuer"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )


def concentration(result: AuditResult) -> Table:
    """The Pareto table: requirements by central hours with the cumulative share."""
    frame = result.concentration.pareto.copy()
    columns = [
        Column("rank", "Rank", "rank by national central hours", "int"),
        Column("requirement", "Requirement", "requirement identifier"),
        Column("hours_central", "Hours a year", "national central hours a year", "hours", additive=True),
        Column(
            "cumulative_share",
            "Cumulative share of hours",
            "share of hours in this and heavier requirements",
            "percent",
        ),
        Column(
            "requirement_share", "Share of requirements", "share of the requirements this far down the list", "percent"
        ),
    ]
    return Table("concentration", "Concentration of the burden", frame, columns, document_rows=15)


def spreadsheet_only(table: Table) -> Table:
    """Return ``table`` kept out of PDF, HTML and DOCX (the spreadsheet formats still hold it)."""
    return table.with_changes(in_documents=False)


def stock_and_flow(catalogue: Catalogue, until: Any = None) -> Table:
    """Requirements in force at the start and end of each financial year, and those added and removed.

    ``until`` (a date, e.g. the audit date) ends the table at that date's financial year; the years before the
    first requirement took effect are left out.
    """
    last = stock.financial_year(until) if until is not None else None
    frame = stock.stock_and_flow(catalogue, last_year=last)
    active = (frame["stock_end"] > 0) | (frame["added"] > 0) | (frame["removed"] > 0)
    if active.any():
        frame = frame.loc[active.idxmax() :].reset_index(drop=True)
    columns = [
        Column("year", "Financial year", "April to March"),
        Column("stock_start", "In force at start", "requirements in force on 1 April", "int"),
        Column("added", "Added", "requirements of directives taking effect in the year", "int", additive=True),
        Column("removed", "Removed", "requirements of directives ended or cancelled in the year", "int", additive=True),
        Column("stock_end", "In force at end", "requirements in force on 31 March", "int"),
        Column("directives_added", "Directives added", "directives taking effect in the year", "int", additive=True),
        Column(
            "directives_removed",
            "Directives removed",
            "directives ended or cancelled in the year",
            "int",
            additive=True,
        ),
    ]
    return Table("stock_and_flow", "Requirements in force over time", frame, columns)


def policy_values(policy: Policy, names: Mapping[str, str] | None = None) -> Table:
    """Every policy value in words with its source: a citation, a derivation or an estimate with its rationale.

    ``names`` are the catalogue's names of the codes a setting lists (``audit.policy.code_names``), so grades and
    outcomes read by name; the basis is the source's own kind, so a derived value never reads as cited.
    """
    rows = describe_policy(policy, names)
    frame = pd.DataFrame(
        {
            "setting": [setting_label(r["setting"]) for r in rows],
            "value": [r["shown"] for r in rows],
            "basis": [r["basis"] for r in rows],
            "source": [r["source"] for r in rows],
        }
    )
    columns = [
        Column("setting", "Setting", "what the policy value sets"),
        Column("value", "Value", "the value used in this report"),
        Column("basis", "Basis", "'cited' from a source, 'derived' by a stated formula, or 'estimate'"),
        Column("source", "Source or rationale", "the citation, or the rationale of the estimate"),
    ]
    return Table("policy", "Policy values and their sources", frame, columns)


def estimate_counts(result: AuditResult, trust: str | None = None) -> pd.DataFrame:
    """Return how many of the figures the report rests on are estimates, by kind of figure.

    Counted: each requirement's frequency and minutes; each trust's caseload, commencements, reports and
    staff (only the named trust's when ``trust`` is given); each policy value.
    """
    reqs = result.burden.requirements
    trusts = result.burden.trusts
    if trust is not None:
        trusts = trusts[trusts["trust"] == trust]
    policy_rows = describe_policy(result.policy)
    counts = [
        ("Requirement frequencies", len(reqs), int(reqs["frequency_estimate"].sum())),
        ("Requirement minutes", len(reqs), int(reqs["minutes_estimate"].sum())),
        (
            "Trust volumes and staff",
            4 * len(trusts),
            int(
                sum(
                    trusts[c].sum()
                    for c in ("caseload_estimate", "commencements_estimate", "reports_estimate", "staff_estimate")
                )
            ),
        ),
        ("Policy values", len(policy_rows), sum(1 for r in policy_rows if r["is_estimate"])),
    ]
    frame = pd.DataFrame(counts, columns=["figures", "count", "estimates"])
    frame["share"] = np.where(frame["count"] > 0, frame["estimates"] / frame["count"].clip(lower=1), 0.0)
    return frame


def estimate_share(result: AuditResult, trust: str | None = None) -> float:
    """Return the share of the report's figures that are estimates (see :func:`estimate_counts`)."""
    return _share_estimated(estimate_counts(result, trust))


def _share_estimated(counts: pd.DataFrame) -> float:
    total = int(counts["count"].sum())
    return float(counts["estimates"].sum() / total) if total else 0.0


def estimated_hours_share(result: AuditResult) -> float:
    """Return the share of national central hours resting on an estimate (``audit.evidence``; 0 with no hours)."""
    share = evidence.estimated_hours_share(result.burden)
    return 0.0 if share is None else share


def estimate_summary(result: AuditResult, trust: str | None = None) -> Table:
    """The count of figures that are estimates, by kind, with a total row."""
    frame = estimate_counts(result, trust)
    total = {
        "figures": "All figures",
        "count": int(frame["count"].sum()),
        "estimates": int(frame["estimates"].sum()),
        "share": _share_estimated(frame),
    }
    columns = [
        Column("figures", "Figures", "kind of figure the report rests on"),
        Column("count", "Count", "how many figures of this kind", "int"),
        Column("estimates", "Estimates", "how many are estimates rather than cited", "int"),
        Column("share", "Share estimated", "estimates divided by count", "percent"),
    ]
    return Table("estimates", "How many figures are estimates", frame, columns, total_row=total)


def requirement_inputs(result: AuditResult, trust: str | None = None, *, rows: pd.DataFrame | None = None) -> Table:
    """Every requirement x trust row with every input of its figure, so that a spreadsheet re-derives it.

    hours = occurrences x minutes / 60 x (1 - business-as-usual share); occurrences = occurrences per unit x volume,
    unless the trust counted its own; cost = hours x hourly tariff x (1 + overhead rate); FTE = hours / productive
    hours. Spreadsheets only: a national workbook holds one row per requirement and trust. ``rows`` are
    ``result.table`` of the same trusts when the caller has them already.
    """
    if rows is None:
        rows = result.table(trusts=None if trust is None else [trust])
    reqs = result.burden.requirements.set_index("requirement")
    grades = {g.code: g.name for g in result.catalogue.staff_grades}
    frame = rows.assign(
        text=rows["requirement"].map(reqs["text"]),
        occurrences_per_unit=rows["requirement"].map(reqs["occurrences_per_unit"]).astype(float),
        hourly_tariff=rows["requirement"].map(reqs["hourly_tariff"]).astype(float),
        productive_hours=rows["requirement"].map(reqs["productive_hours"]).astype(float),
        # The overhead applied (cost per hour / tariff - 1): none where a grade's tariff already includes it.
        overhead_rate=(
            rows["requirement"].map(reqs["cost_per_hour"]).astype(float)
            / rows["requirement"].map(reqs["hourly_tariff"]).astype(float).where(lambda v: v != 0)
            - 1
        ).fillna(0.0),
        driver_label=[label(str(d)) for d in rows["driver"]],
        grade_label=[grades.get(str(g), label(str(g))) for g in rows["grade"]],
        count_basis=np.where(rows["local_occurrences"].astype(bool), "trust's own count", "rate x volume"),
        minutes_basis=np.where(rows["local_minutes"].astype(bool), "trust's own", "national"),
        provenance=[
            "local" if basis == "local" else ("estimate" if est else "sourced")
            for basis, est in zip(rows["basis"], rows["is_estimate"], strict=True)
        ],
    )
    frame = frame.sort_values(["trust", "requirement"], kind="stable").reset_index(drop=True)
    columns = [
        Column("trust", "Trust", "probation trust"),
        Column("requirement", "Requirement", "requirement identifier in the catalogue"),
        Column("directive", "Directive", "the directive that imposes it"),
        Column("text", "Requirement text", "the requirement as the directive words it, in full"),
        Column("driver_label", "Driver", "what the number of occurrences follows"),
        Column("volume", "Volume", "the trust's volume of the driver (caseload, commencements, reports, FTE, or 1)",
               "number"),
        Column("occurrences_per_unit", "Occurrences per unit", "occurrences a year per unit of the driver", "score"),
        Column("count_basis", "Count basis", "occurrences from the rate x volume, or the trust's own count"),
        Column("occurrences", "Occurrences a year", "occurrences a year in the trust", "number"),
        Column("minutes_low", "Minutes (low)", "minutes each time, low", "number"),
        Column("minutes_central", "Minutes (central)", "minutes each time, central", "number"),
        Column("minutes_high", "Minutes (high)", "minutes each time, high", "number"),
        Column("minutes_basis", "Minutes basis", "national estimate or the trust's own measurement"),
        Column("bau_share", "Business-as-usual share", "share of the work done anyway, taken off the burden",
               "percent"),
        Column("grade_label", "Staff grade", "the grade that does the work"),
        Column("hourly_tariff", "Hourly tariff", "pay per hour of the grade (£)", "score"),
        Column("overhead_rate", "Overhead rate", "overhead added to labour cost", "percent"),
        Column("productive_hours", "Productive hours", "productive hours a year of one FTE of the grade", "number"),
        Column("hours_central", "Hours (central)", "occurrences x minutes central / 60 x (1 - BAU share)", "number",
               additive=True),
        Column("hours_low", "Hours (low)", "the same with the low minutes", "number", additive=True),
        Column("hours_high", "Hours (high)", "the same with the high minutes", "number", additive=True),
        Column("fte_central", "FTE (central)", "hours central / productive hours", "score", additive=True),
        Column("cost_central", "Cost (central)", "hours central x hourly tariff x (1 + overhead rate) (£)", "score",
               additive=True),
        Column("provenance", "Provenance", "sourced, estimate (a frequency, time or volume is estimated), or local"),
    ]  # fmt: skip
    return Table("inputs", "Every input of every requirement in every trust", frame, columns, in_documents=False)


def sensitivity(frame: pd.DataFrame) -> Table:
    """The tornado as a table: each input's national hours at its low and high figure (``audit.uncertainty``)."""
    data = frame.assign(basis=np.where(frame["is_estimate"].astype(bool), "estimate", "sourced")).reset_index(drop=True)
    columns = [
        Column("requirement", "Requirement", "requirement identifier"),
        Column("text", "Requirement text", "the requirement as the directive words it"),
        Column("hours_at_low", "Hours at its low", "national hours with this requirement at its low minutes", "hours"),
        Column("hours_at_high", "Hours at its high", "national hours with it at its high minutes", "hours"),
        Column("swing_hours", "Swing (hours)", "high minus low", "hours"),
        Column("swing_cost", "Swing (cost)", "the swing in cost a year", "money"),
        Column("basis", "Basis", "'estimate' when the minutes are estimated"),
    ]
    shown = [c.key for c in columns if c.key != "text"]  # the requirements' words are in the tables above
    return Table("sensitivity", "The inputs that move the national burden most", data, columns, document_columns=shown)
