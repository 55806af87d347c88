"""The embedded default dataset (catalogue/data): complete, consistent, honest about its sources."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
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
from catalogue.types import Activity, DirectiveStatus, ProvenanceKind, parse_partial_date
from proportion.cli import main

DATA = Path(__file__).resolve().parent.parent / "catalogue" / "data"
APPORTIONMENT_FILES = ["national_staff.csv", "national_totals.csv", "trust_shares.csv"]
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
    totals.write_text(totals.read_text(encoding="utf-8").replace("caseload,241500,", "caseload,250000,"), "utf-8")
    changed = write_shared_out(copy)
    assert sum(t.caseload.value for t in changed.trusts) == 250_000
    assert [t.reports for t in changed.trusts] == [t.reports for t in cat.trusts]
    assert read_catalogue(copy) == changed


def test_bad_apportionment_rows_are_all_reported_with_their_place(tmp_path: Path) -> None:
    copy = tmp_path / "apportionment"
    shutil.copytree(DATA / "apportionment", copy)
    totals = copy / "national_totals.csv"
    text = totals.read_text(encoding="utf-8").replace("reports,218000,1,citation,", "reports,lots,1,citation,")
    # One comma too many moves the commencements estimate's rationale out of its column.
    text = text.replace("commencements,190000,1,estimate,,,,", "commencements,190000,1,estimate,,,,,")
    totals.write_text(text, "utf-8")
    shares = copy / "trust_shares.csv"
    shares.write_text(shares.read_text(encoding="utf-8").replace(",0.95,", ",none,"), "utf-8")
    with pytest.raises(ImportProblems) as caught:
        read_apportionment(copy)
    found = {(p.source, p.row, p.column) for p in caught.value.problems}
    assert ("national_totals.csv", 4, "value") in found
    assert ("trust_shares.csv", 3, "share_of_2003_04_budget_pct") in found
    assert any(p.source == "national_totals.csv" and p.row == 3 for p in caught.value.problems)


def test_every_apportionment_input_has_a_provenance() -> None:
    inputs = read_apportionment()
    assert set(inputs.volumes) == {"caseload", "commencements", "reports", "budget_gbp"}
    for name, figure in {**inputs.volumes, **inputs.staff}.items():
        assert figure.provenance.kind in (ProvenanceKind.CITATION, ProvenanceKind.ESTIMATE), name
        assert figure.shared_out, name
    assert inputs.volumes["commencements"].provenance.is_estimate
    with (DATA / "apportionment" / "trust_shares.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 35
    for row in rows:
        Provenance(**{k: row[k] or None for k in ("kind", "document", "location", "address", "rationale")})


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
    assert sum(t.caseload.value for t in cat.trusts) == national.volumes["caseload"].value == 241_500
    assert sum(t.reports.value for t in cat.trusts) == national.volumes["reports"].value == 218_000
    assert sum(t.budget_gbp.value for t in cat.trusts) == national.volumes["budget_gbp"].value == 870_000_000
    assert sum(t.commencements.value for t in cat.trusts) == national.volumes["commencements"].value == 190_000
    for grade, total in national.staff.items():
        assert sum(t.staff_fte[grade] for t in cat.trusts) == pytest.approx(total.value, abs=1e-6)
    assert sum(t.total_fte for t in cat.trusts) == pytest.approx(NATIONAL_FTE_TOTAL, abs=0.05)
    london = next(t for t in cat.trusts if t.name == "London Probation Trust")
    # London's 16.84% of the renormalised 2003-04 shares (which sum to 99.99%).
    assert london.caseload.value == pytest.approx(241_500 * 16.84 / 99.99, abs=1)


def test_trust_figures_name_their_method(cat: Catalogue) -> None:
    for t in cat.trusts:
        assert t.caseload.provenance.kind == ProvenanceKind.CITATION
        assert "2003-04 budget share" in (t.caseload.provenance.rationale or "")
        assert t.commencements.provenance.is_estimate
        assert set(t.staff_fte) == {g.code for g in cat.staff_grades}


def test_every_estimate_has_a_rationale_and_every_citation_a_document(cat: Catalogue) -> None:
    provenances = all_provenances(cat)
    assert len(provenances) > 400
    for where, p in provenances:
        if p.kind == ProvenanceKind.ESTIMATE:
            assert p.rationale and p.rationale.strip(), where
        else:
            assert p.document and p.document.strip(), where


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


def test_most_requirements_belong_to_directives_in_force_on_the_audit_date(cat: Catalogue) -> None:
    live = in_force_on(cat, AUDIT_DATE)
    assert "NS 2007" in live and "NS 2011" not in live and "PI 04/2011" not in live
    assert "PC 13/2006" in live  # cancelled only from 1 Apr 2011
    share = sum(q.directive in live for q in cat.requirements) / len(cat.requirements)
    assert share > 0.5


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
    assert kinds.count(ProvenanceKind.ESTIMATE) >= 100
    oasys = next(q for q in cat.requirements if q.id == "PSO2205-OASYS1")
    assert oasys.minutes_central == 180 and oasys.minutes_provenance.kind == ProvenanceKind.CITATION


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
