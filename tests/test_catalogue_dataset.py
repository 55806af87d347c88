"""The embedded default dataset (catalogue/data): complete, consistent, honest about its sources."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalogue.dataset import (
    APPORTIONMENT,
    DEFAULT_DATA,
    apportion,
    read_apportionment,
    share_out,
    write_shared_out,
)
from catalogue.errors import ImportProblems
from catalogue.io import export_catalogue, read_catalogue
from catalogue.models import DEFAULT_OUTCOMES, Catalogue, Provenance
from catalogue.store import load_catalogue, open_db
from catalogue.tables import TABLES
from catalogue.types import Activity, DirectiveStatus, KindOfWork, ProvenanceKind, parse_partial_date
from proportion.cli import main

DATA = Path(__file__).resolve().parent.parent / "catalogue" / "data"
APPORTIONMENT_FILES = ["area_sources.csv", "areas.csv", "national_staff.csv", "national_totals.csv"]
NATIONAL_FTE_TOTAL = 20_894.34  # the 2007 table's own total; its grades sum to 20,894.36 (rounding in the source)
AUDIT_DATE = dt.date(2011, 3, 31)
NOMS_REGIONS = {
    "North West",
    "North East",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
    "Wales",
}


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return read_catalogue(DATA)


def all_provenances(c: Catalogue) -> list[tuple[str, Provenance]]:
    found: list[tuple[str, Provenance]] = []
    for q in c.requirements:
        found += [(f"{q.id} frequency", q.frequency_provenance), (f"{q.id} minutes", q.minutes_provenance)]
    for t in c.trusts:
        for name in ("caseload", "commencements", "reports", "budget_gbp"):
            found.append((f"{t.name} {name}", getattr(t, name).provenance))
        found.append((f"{t.name} staff", t.staff_provenance))
    found += [(f"grade {g.code}", g.provenance) for g in c.staff_grades]
    return found


def in_force_on(c: Catalogue, day: dt.date) -> set[str]:
    """Directives binding on ``day``: from effective (else issued) to ended or the canceller's start."""
    start: dict[str, dt.date | None] = {}
    for d in c.directives:
        first = d.effective or d.issued
        start[d.reference] = parse_partial_date(first) if first else None
    live = set()
    for d in c.directives:
        ends = [parse_partial_date(d.ended)] if d.ended else []
        canceller_start = start.get(d.cancelled_by) if d.cancelled_by else None
        if canceller_start is not None:
            ends.append(canceller_start)
        if not ends and d.status != DirectiveStatus.IN_FORCE:
            continue
        begun = start[d.reference]
        if (begun is None or begun <= day) and (not ends or min(ends) > day):
            live.add(d.reference)
    return live


def test_the_data_folder_holds_the_catalogue_tables_and_the_apportionment_inputs_only() -> None:
    assert DEFAULT_DATA == DATA and APPORTIONMENT == DATA / "apportionment"
    files = sorted(str(p.relative_to(DATA)) for p in DATA.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    tables = sorted(f"{table}.csv" for table in TABLES)
    assert files == sorted(tables + [f"apportionment/{name}" for name in APPORTIONMENT_FILES])


def test_init_loads_exactly_the_data_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What `proportion init` stores, exported again, is byte for byte the files in catalogue/data."""
    db_path = tmp_path / "p.db"
    assert main(["init", "--db", str(db_path)]) == 0
    capsys.readouterr()
    db = open_db(db_path)
    exported = export_catalogue(load_catalogue(db), tmp_path / "export", fmt="csv")
    db.conn.close()
    written = sorted(p.name for p in exported.glob("*.csv"))
    assert written == sorted(p.name for p in DATA.glob("*.csv"))
    for name in written:
        assert (exported / name).read_bytes() == (DATA / name).read_bytes(), name


def test_trust_figures_are_the_national_totals_shared_out(cat: Catalogue, tmp_path: Path) -> None:
    assert share_out(cat, read_apportionment()) == cat
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    write_shared_out(copy)
    for path in DATA.rglob("*.csv"):
        assert (copy / path.relative_to(DATA)).read_bytes() == path.read_bytes(), path.name


def test_a_changed_national_total_changes_every_trust_and_still_adds_up(cat: Catalogue, tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    totals = copy / "apportionment" / "national_totals.csv"
    totals.write_text(totals.read_text(encoding="utf-8").replace("caseload,243400,", "caseload,250000,"), "utf-8")
    changed = write_shared_out(copy)
    assert sum(t.caseload.value for t in changed.trusts) == 250_000
    assert [t.reports for t in changed.trusts] == [t.reports for t in cat.trusts]
    assert read_catalogue(copy) == changed


def test_bad_apportionment_rows_are_all_reported_with_their_place(tmp_path: Path) -> None:
    copy = tmp_path / "apportionment"
    shutil.copytree(DATA / "apportionment", copy)
    totals = copy / "national_totals.csv"
    text = totals.read_text(encoding="utf-8").replace("reports,218000,1,", "reports,lots,1,")
    # An estimate without its rationale.
    text = text.replace("commencements,190000,1,a year,estimate,,,,", "commencements,190000,1,a year,estimate,,,,\n#")
    totals.write_text(text, "utf-8")
    areas = copy / "areas.csv"
    text = areas.read_text(encoding="utf-8")
    areas.write_text(text.replace("Bedfordshire Probation Trust,5440,", "Bedfordshire Probation Trust,none,"), "utf-8")
    with pytest.raises(ImportProblems) as caught:
        read_apportionment(copy)
    found = {(p.source, p.row, p.column) for p in caught.value.problems}
    assert ("national_totals.csv", 4, "value") in found
    assert ("national_totals.csv", 3, "rationale") in found
    assert ("areas.csv", 3, "budget_2003_04_gbp000") in found
    assert all("pydantic" not in p.message and "_" not in p.message.split()[0] for p in caught.value.problems)


def test_every_apportionment_input_has_a_provenance_and_a_reference_year() -> None:
    inputs = read_apportionment()
    assert set(inputs.volumes) == {"caseload", "commencements", "reports", "budget_gbp", "budget_2009_10_gbp"}
    for name, figure in {**inputs.volumes, **inputs.staff}.items():
        assert figure.provenance.kind in (ProvenanceKind.CITATION, ProvenanceKind.ESTIMATE), name
        assert figure.reference_year, name
        if figure.provenance.kind == ProvenanceKind.CITATION:
            assert (figure.provenance.address or "").startswith("https://"), name
    assert inputs.volumes["commencements"].provenance.is_estimate
    assert len(inputs.areas) == 42 and len({a.trust for a in inputs.areas}) == 35
    assert sum(a.budget_2003_04_gbp000 for a in inputs.areas) == 574_017  # the source table's own total
    assert sum(a.terminations_apr_jul_2009 for a in inputs.areas) == 30_997  # the source table's national total
    assert sum(a.planned_budget_2009_10_gbp000 is not None for a in inputs.areas) == 24
    for column, source in inputs.sources.items():
        assert source.address.startswith("https://") and source.reference_year, column


def test_csv_files_follow_the_export_format() -> None:
    with (DATA / "requirements.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    assert {r["public_protection_critical"] for r in rows} == {"true", "false"}
    with (DATA / "local_measurements.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.reader(handle))) == 1  # header only
    with (DATA / "directives.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert "supersedes" in header and "version" not in header


def test_35_trusts_in_noms_regions(cat: Catalogue) -> None:
    assert len({t.name for t in cat.trusts}) == 35
    assert {t.region for t in cat.trusts} == NOMS_REGIONS
    regions = {t.name: t.region for t in cat.trusts}
    assert regions["London Probation Trust"] == "London"
    assert regions["Wales Probation Trust"] == "Wales"
    assert regions["Essex Probation"] == "East of England"


def test_trust_volumes_sum_to_the_national_totals(cat: Catalogue) -> None:
    national = read_apportionment()
    assert sum(t.caseload.value for t in cat.trusts) == national.volumes["caseload"].value == 243_400
    assert sum(t.reports.value for t in cat.trusts) == national.volumes["reports"].value == 218_000
    assert sum(t.budget_gbp.value for t in cat.trusts) == national.volumes["budget_gbp"].value == 870_000_000
    assert sum(t.commencements.value for t in cat.trusts) == national.volumes["commencements"].value == 190_000
    for grade, total in national.staff.items():
        assert sum(t.staff_fte[grade] for t in cat.trusts) == pytest.approx(total.value, abs=1e-6)
    assert sum(t.total_fte for t in cat.trusts) == pytest.approx(NATIONAL_FTE_TOTAL, abs=0.05)


def test_a_trust_budget_follows_its_published_2009_10_budget(cat: Catalogue) -> None:
    """Greater Manchester's planned 2009-10 budget was £51.342m of £894m; its 2010-11 part of £870m is in proportion."""
    manchester = next(t for t in cat.trusts if t.name == "Greater Manchester Probation Trust")
    assert manchester.budget_gbp.value == pytest.approx(870_000_000 * 51_342 / 894_000, abs=1)
    assert "£51,342k planned" in (manchester.budget_gbp.provenance.rationale or "")
    # Its staff follow the same share; its caseload follows budget x offenders per offender manager.
    assert manchester.total_fte == pytest.approx(NATIONAL_FTE_TOTAL * 51_342 / 894_000, abs=0.5)


def test_caseload_follows_the_offenders_per_offender_manager_of_each_area(cat: Catalogue) -> None:
    """Essex officers carried 54.9 offenders each, the most of any area: its caseload share exceeds its budget share."""
    share = {t.name: (t.caseload.value / 243_400, t.budget_gbp.value / 870_000_000) for t in cat.trusts}
    caseload, budget = share["Essex Probation"]
    assert caseload / budget == pytest.approx(54.9 / _weighted_ratio(), rel=0.01)
    caseload, budget = share["Devon and Cornwall Probation Trust"]  # 22.7, the fewest
    assert caseload < budget


def _weighted_ratio() -> float:
    """Offenders per offender manager over England and Wales, each area weighted by its 2009-10 budget."""
    inputs = read_apportionment()
    budgets = inputs.area_budgets_2009_10()
    total = sum(budgets.values())
    return sum(budgets[a.area] / total * a.offenders_per_offender_manager_2007 for a in inputs.areas)


def test_no_trust_figure_is_labelled_a_citation(cat: Catalogue) -> None:
    """No source gives every trust's own figures: each one worked out from national totals is derived or an estimate."""
    for t in cat.trusts:
        for name in ("caseload", "commencements", "reports", "budget_gbp"):
            assert getattr(t, name).provenance.kind != ProvenanceKind.CITATION, (t.name, name)
        assert t.staff_provenance.kind != ProvenanceKind.CITATION, t.name
        assert t.caseload.provenance.kind == ProvenanceKind.DERIVED
        assert t.budget_gbp.provenance.kind == ProvenanceKind.DERIVED
        assert t.staff_provenance.kind == ProvenanceKind.DERIVED
        assert t.commencements.provenance.is_estimate and t.reports.provenance.is_estimate  # national figures assumed
        assert set(t.staff_fte) == {g.code for g in cat.staff_grades}


def test_every_derived_figure_writes_down_its_formula(cat: Catalogue) -> None:
    """A derived figure says the national figure, the trust's share as a number, and where each input comes from."""
    derived = [(where, p) for where, p in all_provenances(cat) if p.kind == ProvenanceKind.DERIVED]
    assert len(derived) >= 105
    for where, p in derived:
        formula = p.rationale or ""
        assert " x " in formula and re.search(r"\d+\.\d\d%", formula), where
        assert "Hansard" in formula and p.document and (p.address or "").startswith("https://"), where
        assert "reference" in (p.location or ""), where  # the reference year of the national figure


def test_hours_per_offender_differ_between_trusts_where_the_sources_differ(cat: Catalogue) -> None:
    from audit.engine import run_audit

    trusts = run_audit(cat).by_trust.set_index("trust")
    per_offender = trusts["hours_per_offender"]
    assert per_offender.round(3).nunique() == 35  # no two trusts the same
    assert per_offender.max() / per_offender.min() > 1.3
    # London's officers carried more offenders each than Greater Manchester's (48.2 against 37.0), so each of
    # London's offenders carries fewer hours of per-report and per-staff work.
    assert per_offender["London Probation Trust"] < per_offender["Greater Manchester Probation Trust"]


def test_every_estimate_has_a_rationale_and_every_citation_a_public_document(cat: Catalogue) -> None:
    provenances = all_provenances(cat)
    assert len(provenances) > 400
    for where, p in provenances:
        if p.kind == ProvenanceKind.CITATION:
            assert p.document and p.document.strip(), where
            assert (p.address or "").startswith("http"), where  # a public address, never a file of ours
        else:
            assert p.rationale and p.rationale.strip(), where


# Working words of research notes, and the names of the notes themselves, must never reach the product.
WORKING_WORDS = re.compile(
    r"UNVERIFIED|DERIVED|NOT FOUND|UNCERTAIN|\bOCR\b|\bFOI\b|methods\.md|domain-facts|directives\.csv|trusts\.csv"
    r"|/work/|shared/reference|reference set|research set|research notes|\.md\b"
)


def test_no_working_words_or_note_files_in_any_data_text() -> None:
    found = []
    for path in sorted(DATA.rglob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            for line, row in enumerate(csv.reader(handle), start=1):
                found += [f"{path.name}:{line}: {cell[:80]}" for cell in row if WORKING_WORDS.search(cell)]
    assert found == []


# Inputs whose cited source was read and does not state the figure: estimates now, with the reason.
NOT_IN_THEIR_SOURCE = [
    ("IPPF-OASYS-15D", "frequency"),
    ("PTRS-OASYS-15D", "frequency"),
    ("PTRS-RATING", "frequency"),
    ("MAPPA07-IDENTIFY", "frequency"),
    ("MAPPA12-IDENTIFY", "frequency"),
    ("NS11-JUDGEMENT", "frequency"),
    ("PC58-SCORECARD", "frequency"),
    ("PSO2205-SCOPE", "frequency"),
    ("PC13-06-H1", "frequency"),
    ("PI04-11-AP-STATS", "frequency"),
    ("PI04-16-PSR-TYPE", "frequency"),
    ("PI05-11-PSR-TYPE", "frequency"),
    ("PI05-14-ALLOCATION", "frequency"),
    ("PC44-ANNUAL-REPORT", "frequency"),
]


def test_inputs_their_source_does_not_state_are_estimates(cat: Catalogue) -> None:
    by_id = {q.id: q for q in cat.requirements}
    for rid, field in NOT_IN_THEIR_SOURCE:
        assert getattr(by_id[rid], f"{field}_provenance").is_estimate, rid
    # A citation names the document it cites: the PC 28/2006 row no longer cites PC 24/2004.
    assert (by_id["PC28-NS-BASKET"].frequency_provenance.document or "").startswith("PC 28/2006")
    # PC 24/2004 makes its other items optional: cited, and costed at nothing.
    optional = by_id["PC24-OPTIONAL"]
    assert optional.occurrences_per_unit == 0 and "optional" in (optional.frequency_provenance.location or "")
    # Revocation of a community order is Part 3 of Schedule 8 (Part 4 is amendment).
    assert by_id["NS11-EARLY-TERM"].statutory_basis == "Criminal Justice Act 2003 Sch 8 Part 3 (revocation of order)"


def test_directives_have_sources_and_sound_links(cat: Catalogue) -> None:
    by_ref = {d.reference: d for d in cat.directives}
    assert len(by_ref) >= 70
    for d in cat.directives:
        assert d.source_address and d.source_address.startswith("http"), d.reference
        if d.status in (DirectiveStatus.CANCELLED, DirectiveStatus.SUPERSEDED):
            assert d.cancelled_by in by_ref, d.reference
            assert d.reference in by_ref[d.cancelled_by].supersedes, d.reference
            assert d.ended, d.reference
        for ref in d.supersedes:
            assert ref in by_ref, d.reference
    assert by_ref["NS 2005"].cancelled_by == "NS 2007"
    assert by_ref["NS 2007"].cancelled_by == "NS 2011"
    assert by_ref["PI 09/2009"].cancelled_by == "PI 04/2011"
    assert {"PI 02/2011", "PI 04/2011"} <= set(by_ref["PI 32/2014"].supersedes)
    assert by_ref["PI 11/2014"].title == "Licence Conditions, Polygraph Examinations and Temporary Travel Abroad"
    assert by_ref["PSI 18/2014"].title == "Licences, Licence Conditions and Polygraph Examination"
    assert by_ref["IPPF"].issued == "2008"
    assert by_ref["PTRS"].type == "Performance Framework"


def test_requirements_reference_existing_directives_and_grades(cat: Catalogue) -> None:
    directives = {d.reference for d in cat.directives}
    grades = {g.code for g in cat.staff_grades}
    assert len(cat.requirements) >= 150
    assert len({q.id for q in cat.requirements}) == len(cat.requirements)
    for q in cat.requirements:
        assert q.directive in directives, q.id
        assert q.grade in grades, q.id


def test_at_least_one_requirement_per_activity(cat: Catalogue) -> None:
    assert {q.activity for q in cat.requirements} == set(Activity)


def test_full_relevance_matrix_with_one_rationale_per_requirement(cat: Catalogue) -> None:
    keys = [(s.requirement, s.outcome) for s in cat.relevance_scores]
    expected = set(itertools.product([q.id for q in cat.requirements], [o.key for o in DEFAULT_OUTCOMES]))
    assert len(keys) == len(set(keys)) == len(expected)
    assert set(keys) == expected
    rationales: dict[str, set[str]] = {}
    for s in cat.relevance_scores:
        rationales.setdefault(s.requirement, set()).add(s.rationale)
        assert s.scorer == "Proportion default dataset" and s.scored_on == dt.date(2026, 11, 24)
    assert all(len(r) == 1 for r in rationales.values())
    assert [o.key for o in sorted(cat.outcomes, key=lambda o: o.key)] == sorted(o.key for o in DEFAULT_OUTCOMES)


def test_every_probation_circular_lapses_at_its_expiry_unless_a_later_directive_ends_it(cat: Catalogue) -> None:
    """One rule for every circular: it ends at its printed expiry, or earlier if cancelled or replaced; one with no
    expiry found ends five years after issue (one year for annual circulars); only one whose header says N/A stays."""
    by_ref = {d.reference: d for d in cat.directives}
    circulars = [d for d in cat.directives if d.type == "Probation Circular"]
    assert len(circulars) >= 45
    for d in circulars:
        if d.cancelled_by:
            canceller = by_ref[d.cancelled_by]
            assert d.ended == (canceller.effective or canceller.issued), d.reference
        elif d.expiry:
            assert d.ended == d.expiry and d.status == DirectiveStatus.EXPIRED, d.reference
        elif d.reference == "PC 90/2005":
            assert d.ended is None and "N/A" in d.summary
        else:
            assert d.ended and d.status != DirectiveStatus.IN_FORCE, d.reference
            reason = d.summary.lower()
            assert "expiry date not found" in reason or "replaced" in reason or "cut" in reason, d.reference


def test_circulars_past_their_expiry_are_not_in_force_on_the_audit_date(cat: Catalogue) -> None:
    live = in_force_on(cat, AUDIT_DATE)
    expired = {"PC 53/2004", "PC 28/2006", "PC 66/2005", "PC 94/2005", "PC 89/2005", "PC 24/2004", "PC 14/2006"}
    assert not expired & live
    assert {"PC 11/2006", "PC 09/2007", "PC 90/2005", "PC 13/2006"} <= live  # expiry later, none, or cancelled 1 Apr
    assert "NS 2007" in live and "NS 2011" not in live and "PI 04/2011" not in live
    # PIs are numbered in the order issued and PI 04/2011 was issued on 1 Apr 2011: PI 05/2011 is later.
    assert "PI 05/2011" not in live and "PI 05/2011" in in_force_on(cat, dt.date(2011, 4, 30))


def test_kinds_of_work_business_as_usual_and_work_counted_once(cat: Catalogue) -> None:
    by_id = {q.id: q for q in cat.requirements}
    practice = {q.id for q in cat.requirements if q.kind_of_work == KindOfWork.PRESCRIBED_PRACTICE}
    assert {"NS07-CONTACT-LEVELS", "NS07-TIER2-CONTACT", "NS07-FIRST-T13", "NS07-FIRST-T4"} <= practice
    assert by_id["NS07-CONTACT-REC"].kind_of_work == KindOfWork.ADMINISTRATIVE  # the recording is paperwork
    assert by_id["PC24-NSMART"].kind_of_work == KindOfWork.ADMINISTRATIVE
    for q in cat.requirements:
        if q.kind_of_work == KindOfWork.PRESCRIBED_PRACTICE and not q.counted_in:
            assert q.bau_share > 0 and q.bau_provenance and q.bau_provenance.rationale, q.id
        if q.bau_share > 0:
            assert q.bau_provenance is not None and q.bau_provenance.is_estimate, q.id
        if q.counted_in:
            target = by_id[q.counted_in]
            assert not target.counted_in, q.id  # counted in a requirement that is itself counted
            assert q.counted_in in (q.counted_in_reason or ""), q.id
    counted = {q.id: q.counted_in for q in cat.requirements if q.counted_in}
    assert counted["NS07-WARN"] == "CJA-S8P5-WARN" and counted["NS07-ENF-10D"] == "CJA-S8P6-BREACH"
    assert counted["PC94-SESSION-REC"] == "PI02-10-HOURS" and counted["PSO2205-REVIEW"] == "NS07-REVIEW-4M"


def test_national_burden_is_a_plausible_share_of_staff_time(cat: Catalogue) -> None:
    """Hours a year of the requirements in force on the audit date, over all staff's productive hours."""
    live = in_force_on(cat, AUDIT_DATE)
    volume = {
        "per_case": sum(t.caseload.value for t in cat.trusts),
        "per_commencement": sum(t.commencements.value for t in cat.trusts),
        "per_report": sum(t.reports.value for t in cat.trusts),
        "per_staff_fte": sum(t.total_fte for t in cat.trusts),
        "per_trust": len(cat.trusts),
    }
    hours = sum(
        volume[q.driver] * q.occurrences_per_unit * q.minutes_central / 60
        for q in cat.requirements
        if q.directive in live
    )
    productive = {g.code: g.productive_hours_per_year for g in cat.staff_grades}
    capacity = sum(fte * productive[grade] for t in cat.trusts for grade, fte in t.staff_fte.items())
    assert 0.15 <= hours / capacity <= 0.45


def test_estimates_and_citations_both_present(cat: Catalogue) -> None:
    kinds = [q.frequency_provenance.kind for q in cat.requirements] + [
        q.minutes_provenance.kind for q in cat.requirements
    ]
    assert kinds.count(ProvenanceKind.CITATION) >= 30
    assert kinds.count(ProvenanceKind.ESTIMATE) >= 300
    oasys = next(q for q in cat.requirements if q.id == "PSO2205-OASYS1")
    assert oasys.minutes_central == 180 and oasys.minutes_provenance.kind == ProvenanceKind.CITATION  # PSO 2205
    grades = [g.provenance for g in cat.staff_grades]
    assert len(grades) == 8 and all(p.is_estimate for p in grades)  # pay, on-costs and hours: no 2010 source


@given(
    total=st.integers(min_value=0, max_value=10_000_000),
    weights=st.lists(st.integers(min_value=1, max_value=1000), min_size=1, max_size=40),
)
def test_apportion_adds_up_exactly_and_stays_within_one_unit(total: int, weights: list[int]) -> None:
    shares = {f"t{i:02d}": w / sum(weights) for i, w in enumerate(weights)}
    parts = apportion(total, shares)
    assert sum(parts.values()) == total
    for name, part in parts.items():
        assert abs(part - total * shares[name]) < 1 + 1e-6


def test_apportion_hand_example() -> None:
    # 10 split 1:1:1 -> 3.33 each; the one unit left goes to the first name on a tie.
    assert apportion(10, {"a": 1 / 3, "b": 1 / 3, "c": 1 / 3}) == {"a": 4, "b": 3, "c": 3}
    assert apportion(1.0, {"a": 0.5, "b": 0.5}, unit=0.01) == {"a": 0.5, "b": 0.5}


def test_every_statutory_basis_cites_the_act_with_its_public_address():
    from catalogue.dataset import load_default_catalogue

    statutory = [r for r in load_default_catalogue().requirements if r.statutory_basis]
    assert len(statutory) >= 30
    for r in statutory:
        source = r.statutory_basis_provenance
        assert source is not None and source.kind == "citation", r.id
        assert source.address and source.address.startswith("https://www.legislation.gov.uk/"), r.id
        assert source.document and "Act" in source.document and source.location, r.id
