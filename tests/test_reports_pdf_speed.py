"""What makes the trust PDFs quicker to lay out keeps them whole: the colophon stands under the contents rather than
alone on a last page, bullets are drawn without a marker box yet stay list items to a screen reader, a trust's
count of estimates is a sentence (its spreadsheets keep the table), and the first of many reports is written by
the calling process itself, the same file a worker would write."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pdfplumber
import pytest

from reports import batch, builders, documents, sections
from reports import tables as tb
from reports.model import Report
from tests import pdf_structure
from tests.report_samples import TRUST, default_reports


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return default_reports()


@pytest.fixture(scope="module")
def trust_pdf(reports: dict[str, Report]) -> bytes:
    return documents.render(reports["trust"], "pdf")


def _pages(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [" ".join((page.extract_text() or "").split()) for page in document.pages]


def test_the_colophon_stands_under_the_contents_in_print_and_at_the_end_in_html(
    reports: dict[str, Report], trust_pdf: bytes
) -> None:
    pages = _pages(trust_pdf)
    assert "Contents" in pages[1] and "Built by Proportion" in pages[1]
    assert not any("Built by Proportion" in page for page in pages[2:])
    assert "same data and policy give the same tables" not in pages[-1]
    html = documents.render(reports["trust"], "html").decode("utf-8")
    assert html.count("Built by Proportion") == 1
    assert html.index("Built by Proportion") > html.index('class="appendix"')


def test_bullets_are_list_items_in_the_tag_tree_without_marker_boxes(trust_pdf: bytes) -> None:
    structure = pdf_structure.read(trust_pdf)
    items = structure.elements("/LI")
    glossary = [i for i in items if structure.text(i).startswith("Standard Cost Model:")]
    assert len(glossary) == 1 and len(items) >= len(sections.GLOSSARY)
    assert all(child.tag == "/LBody" for item in items for child in item.children)
    assert not structure.elements("/Lbl")  # the bullet is the item's background, not a label to read out
    assert pdf_structure.problems(trust_pdf, default_reports()["trust"].title) == []


def test_a_trusts_estimate_counts_are_a_sentence_that_gives_every_count_of_the_table(
    reports: dict[str, Report], trust_pdf: bytes
) -> None:
    ctx = builders.prepare(*_default_inputs(), dt.date(2026, 11, 24))
    counts = tb.estimate_summary(ctx.result, TRUST)
    section = next(s for s in reports["trust"].appendix if s.key == "estimates")
    text = section.blocks[0].text
    for row in counts.frame.itertuples():
        assert f"{row.estimates:,} of the {row.count:,} {row.figures.lower()}" in text
    assert counts.total_row is not None
    assert f"{counts.total_row['estimates']:,} of the {counts.total_row['count']:,} figures" in text
    table = next(t for t in section.blocks if getattr(t, "key", "") == "estimates")
    assert not table.in_documents  # the spreadsheets keep it
    assert "How many figures are estimates" not in " ".join(_pages(trust_pdf))
    national = next(s for s in reports["national"].appendix if s.key == "estimates")
    assert any(getattr(b, "key", "") == "estimates" and b.in_documents for b in national.blocks)


def _default_inputs() -> tuple:
    from catalogue.dataset import load_default_catalogue

    return load_default_catalogue(), None


def test_the_caller_writes_the_first_report_and_the_pool_the_others_all_as_one_process_would(tmp_path: Path) -> None:
    ctx = builders.prepare(*_default_inputs(), dt.date(2026, 11, 24))
    names = ctx.trusts[:3]
    done: list[str] = []
    pooled = batch.write_trust_reports(
        "unused.db", "pdf", tmp_path / "pool", ctx.today, trusts=names, workers=2, context=ctx,
        on_done=lambda trust, _path: done.append(trust),
    )  # fmt: skip
    alone = batch.write_trust_reports(
        "unused.db", "pdf", tmp_path / "one", ctx.today, trusts=names, workers=1, context=ctx
    )
    assert sorted(done) == sorted(names) and len(done) == 3
    assert [p.name for p in pooled] == [p.name for p in alone]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(pooled, alone, strict=True))
