"""`proportion report`: every format on the default data carries the totals of `proportion audit --json`."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from audit_fixtures import two_trust_catalogue
from docx import Document
from pypdf import PdfReader
from test_reports_documents import dark_pixels

from proportion.cli import main
from reports import formatting as fmt

DATE = "2026-11-24"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _audit(capsys: pytest.CaptureFixture[str], db: Path, *extra: str) -> dict:
    code, out, err = _run(capsys, "audit", "--db", str(db), "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


def _docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return " ".join(" ".join(parts).split())


@pytest.fixture(scope="module")
def national_files(default_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The national report in every format, written once by the command line."""
    folder = tmp_path_factory.mktemp("national")
    files = {}
    for kind, name in (("pdf", "n.pdf"), ("docx", "n.docx"), ("html", "n.html"), ("xlsx", "n.xlsx"), ("csv", "n.zip")):
        code = main(["report", "national", "--db", str(default_db_template), "--format", kind,
                     "--out", str(folder / name), "--date", DATE])  # fmt: skip
        assert code == 0
        files[kind] = folder / name
    return files


def _national_totals(payload: dict) -> list[str]:
    nat = payload["national"]
    return [fmt.hours(nat["hours"]["central"]), fmt.fte(nat["fte"]["central"]), fmt.money(nat["cost"]["central"])]


@pytest.mark.parametrize("kind", ["pdf", "docx", "html"])
def test_national_documents_carry_the_audit_totals(
    kind: str, national_files: dict[str, Path], default_db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = _audit(capsys, default_db_path)
    path = national_files[kind]
    text = {"pdf": _pdf_text, "docx": _docx_text, "html": lambda p: p.read_text()}[kind](path)
    for figure in _national_totals(payload):
        assert figure in text, figure
    heaviest = max(payload["trusts"], key=lambda t: t["hours_per_offender"])
    assert heaviest["trust"] in text
    assert "24 November 2026" in text


def test_national_spreadsheets_hold_the_audit_rows(
    national_files: dict[str, Path], default_db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = _audit(capsys, default_db_path)
    expected = {t["trust"]: t["hours"]["central"] for t in payload["trusts"]}
    book = openpyxl.load_workbook(national_files["xlsx"])
    assert book.sheetnames[0] == "About"
    rows = list(book["trusts"].iter_rows(values_only=True))
    header = list(rows[0])
    got = {r[header.index("Trust")]: r[header.index("Hours a year")] for r in rows[1:-1]}
    assert got.keys() == expected.keys()
    total = rows[-1]  # the workbook's totals row: the audit's national hours
    assert total[header.index("Trust")] == "England and Wales"
    assert total[header.index("Hours a year")] == pytest.approx(payload["national"]["hours"]["central"])
    for trust, hours in expected.items():
        assert got[trust] == pytest.approx(hours)
    assert sum(got.values()) == pytest.approx(payload["national"]["hours"]["central"])
    archive = zipfile.ZipFile(national_files["csv"])
    name = next(n for n in archive.namelist() if n.endswith("_trusts.csv"))
    frame = pd.read_csv(io.BytesIO(archive.read(name)))
    assert dict(zip(frame["trust"], frame["hours_central"], strict=True)) == pytest.approx(expected)


def test_national_html_fetches_nothing(national_files: dict[str, Path]) -> None:
    html = national_files["html"].read_text()
    lowered = html.lower()
    for marker in ("<script", "<link", 'src="http', "src='http", "url(", "@import", "<iframe", '<img src="http'):
        assert marker not in lowered, marker
    assert lowered.count("<svg") >= 4


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_national_pdf_pages_render_and_are_not_blank(national_files: dict[str, Path], tmp_path: Path) -> None:
    reader = PdfReader(national_files["pdf"])
    assert len(reader.pages) >= 8
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "30",
            "-f",
            "1",
            "-l",
            "4",
            "-png",
            "-gray",
            str(national_files["pdf"]),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) == 4
    for page in pages:
        assert dark_pixels(page) > 200, f"{page.name} looks blank"
    text = reader.pages[1].extract_text()
    assert "Contents" in text and "Appendix A" in text


def test_trust_report_names_the_trust_with_its_audit_figures(
    default_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = _audit(capsys, default_db_path)
    trust = payload["trusts"][3]
    code, out, err = _run(capsys, "report", "trust", "--db", str(default_db_path), "--trust", trust["trust"],
                          "--out", str(tmp_path / "t.pdf"), "--date", DATE)  # fmt: skip
    assert code == 0, err
    assert out.strip() == str(tmp_path / "t.pdf")
    text = _pdf_text(tmp_path / "t.pdf")
    assert trust["trust"] in text
    for figure in (fmt.hours(trust["hours"]["central"]), fmt.money(trust["cost"]["central"])):
        assert figure in text
    assert _pdf_text(tmp_path / "t.pdf") == text  # reading twice gives the same
    code, _, _ = _run(capsys, "report", "trust", "--db", str(default_db_path), "--trust", trust["trust"],
                      "--out", str(tmp_path / "t.docx"), "--date", DATE)  # fmt: skip
    assert code == 0
    docx = _docx_text(tmp_path / "t.docx")
    assert trust["trust"] in docx and fmt.hours(trust["hours"]["central"]) in docx


def test_proposals_report_quotes_comments_inertly(
    default_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from audit.review import record_decision
    from audit.scenarios import accept, create_scenario
    from catalogue.store import open_db

    code, out, _ = _run(capsys, "proposals", "--db", str(default_db_path), "--json", "--limit", "2")
    assert code == 0
    data = json.loads(out)
    ids = [p["id"] for p in (data["proposals"] if isinstance(data, dict) else data)][:2]
    db = open_db(default_db_path)
    create_scenario(db, "Review 1", actor="ann")
    accept(db, "Review 1", ids[:1], actor="ann")
    record_decision(db, ids[0], "amend", reviewer="ann", comment="<script>alert(1)</script>", scenario="Review 1")
    record_decision(db, ids[1], "reject", reviewer="bob", comment="=1+1 not proven", scenario="Review 1")
    db.conn.close()
    for kind, name in (("html", "p.html"), ("xlsx", "p.xlsx")):
        code, _, err = _run(capsys, "report", "proposals", "--db", str(default_db_path), "--format", kind,
                            "--out", str(tmp_path / name), "--date", DATE)  # fmt: skip
        assert code == 0, err
    html = (tmp_path / "p.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    book = openpyxl.load_workbook(tmp_path / "p.xlsx")
    cells = [c for row in book["decisions"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any("=1+1 not proven" in c for c in cells)
    assert not any(c.startswith("=") for c in cells)


def test_user_mistakes_end_in_one_line(
    default_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "report", "trust", "--db", str(default_db_path), "--trust", "Atlantis",
                        "--out", str(tmp_path / "x.pdf"))  # fmt: skip
    assert code == 1 and "no trust called 'Atlantis'" in err and "Traceback" not in err
    code, _, err = _run(capsys, "report", "proposals", "--db", str(default_db_path), "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and "--scenario" in err
    code, _, err = _run(capsys, "report", "national", "--db", str(default_db_path), "--out", str(tmp_path / "x.pdf"),
                        "--date", "24/11/2026")  # fmt: skip
    assert code == 1 and "YYYY-MM-DD" in err
    (tmp_path / "file").write_text("x")
    code, _, err = _run(
        capsys, "report", "trust", "--all", "--db", str(default_db_path), "--out", str(tmp_path / "file")
    )
    assert code == 1 and "directory" in err
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_all_writes_one_report_per_trust_with_progress(
    workers: str, empty_db, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from catalogue.store import save_catalogue

    save_catalogue(empty_db, two_trust_catalogue())
    db_path = empty_db.execute("PRAGMA database_list").fetchone()[2]
    code, out, err = _run(capsys, "report", "trust", "--all", "--db", db_path, "--format", "html",
                          "--out", str(tmp_path / "all"), "--workers", workers, "--date", DATE)  # fmt: skip
    assert code == 0, err
    written = sorted(p.name for p in (tmp_path / "all").iterdir())
    assert written == ["trust-report-a.html", "trust-report-b.html"]
    assert out.split() == [str(tmp_path / "all" / n) for n in written]
    assert "2/2" in err and "[" in err
    assert "554 h" in (tmp_path / "all" / "trust-report-a.html").read_text()
