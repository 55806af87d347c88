"""The project's shape: library packages stay free of Streamlit and resolve inside the repository; the README
gives the two set-up commands."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LIBRARIES = ("catalogue", "audit", "reports")


@pytest.mark.parametrize("package", LIBRARIES)
def test_library_packages_never_import_streamlit(package):
    offenders = []
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] == "streamlit"]
    assert offenders == []


@pytest.mark.parametrize("package", [*LIBRARIES, "proportion"])
def test_packages_resolve_inside_the_repository_not_to_pypi_namesakes(package):
    module = importlib.import_module(package)
    assert Path(module.__file__).resolve().is_relative_to(ROOT)


def test_readme_gives_the_two_setup_commands_and_ci_calls_make_test():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


SHELLS = [
    *sorted((ROOT / "app_pages").glob("*.py")),
    *sorted((ROOT / "proportion").rglob("*.py")),
    ROOT / "streamlit_app.py",
]
# Rules of the domain that once lived in pages and commands, each with the library function that owns it now.
RULES_IN_THE_LIBRARY = {
    r"""["']action["']\]\s*!=\s*(RETAIN|["']retain["'])""": "audit.proposals.actionable / is_actionable",
    r"\bimport\b[^\n]*\bRETAIN\b": "audit.proposals.actionable / is_actionable",
    r"quantile\(0\.75\)": "audit.relevance.quadrant_cuts",
    r"""\[["']is_estimate["']\][^\n]*hours_central[^\n]*\.sum\(\)""": "audit.evidence.estimated_hours_share",
    r"""\.replace\(["']_["'], ["'] ["']\)""": "audit.proposals.action_label / catalogue.types.label",
}


@pytest.mark.parametrize("pattern", sorted(RULES_IN_THE_LIBRARY))
def test_no_page_or_command_decides_a_rule_the_library_owns(pattern):
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in SHELLS
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(pattern, line)
    ]
    assert found == [], f"use {RULES_IN_THE_LIBRARY[pattern]} instead: {found}"
