"""Every figure shown as a metric explains itself: a help tooltip saying what it counts and from what.

Two checks: AppTest opens every page as the local administrator (and the scenario page with a scenario) and
reads each metric's ``help``; and, for metrics only some choices draw, every ``.metric(...)`` call in app_pages/
passes ``help=`` from the library (``reports.labels.metric_help``), not a string written in the page.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from audit.scenarios import create_scenario
from catalogue.store import open_db
from reports.labels import UnexplainedMetric, metric_help
from streamlit_app import PAGE_SPECS

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")
# The pages the local administrator opens (Record my time belongs to trust staff, who see no metric there).
PAGES = [file for _, file, _, _, path in PAGE_SPECS if path != "record" and (ROOT / "app_pages" / file).exists()]


def open_page(file: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page(f"app_pages/{file}").run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("file", PAGES)
def test_every_metric_on_a_page_says_what_it_counts(app_db: Path, file: str) -> None:
    if file == "scenarios_page.py":
        db = open_db(app_db)
        create_scenario(db, "Plan A", actor="test")
        db.conn.close()
    at = open_page(file)
    unexplained = [m.label for m in at.metric if not (m.help or "").strip()]
    assert not unexplained, f"{file}: metrics without help: {unexplained}"
    for m in at.metric:
        assert m.help.strip().rstrip(".").lower() != m.label.lower(), f"{file}: the help of {m.label} repeats it"


def metric_calls() -> list[tuple[str, int, ast.Call]]:
    calls = []
    for path in sorted((ROOT / "app_pages").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "metric":
                calls.append((path.name, node.lineno, node))
    return calls


def test_every_metric_in_the_pages_takes_its_help_from_the_library() -> None:
    calls = metric_calls()
    assert len(calls) >= 10, "the pages' metrics were not found"
    written_in_page = []
    for file, line, call in calls:
        help_arg = next((k.value for k in call.keywords if k.arg == "help"), None)
        if help_arg is None or isinstance(help_arg, ast.Constant | ast.JoinedStr):
            written_in_page.append(f"{file}:{line}")
    assert not written_in_page, f"metrics without help from reports.labels.metric_help: {written_in_page}"


def test_a_metric_nobody_explained_is_refused() -> None:
    with pytest.raises(UnexplainedMetric):
        metric_help("overview", "Something new")
    assert "12 directives" in metric_help("overview", "Requirements in force", directives="12")
