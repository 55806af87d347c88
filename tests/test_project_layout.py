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
    r"""["']estimate["'] if [\w.]*is_estimate""": "reports.catalogue_view.figures_basis",
    r"""\{True: ["'](estimate|cited|sourced)["']""": "reports.catalogue_view.basis_label / ProvenanceKind.label",
    r"""[.]map\([^)]*["']estimate["']""": "reports.catalogue_view.basis_label / ProvenanceKind.label",
    r"""\[["']action["']\]\s*==""": "audit.summary.proposals_summary(result, action)",
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


CACHE = ROOT / "app_pages" / "_cache.py"
# What shapes data rather than caches it: pandas or numpy at run time, loops and comprehensions, filters and
# column selections, and the DataFrame methods that join, group, sort or relabel. Such work belongs in reports/
# (or audit/), where tests call it directly.
SHAPING_CALLS = {"merge", "join", "groupby", "sort_values", "isin", "assign", "rename", "query", "pivot_table", "agg"}
SHAPING_NODES = (ast.For, ast.While, ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp)


def _shaping(source: str) -> list[str]:
    """Return where ``source`` shapes data instead of calling a library function (imports for annotations only,
    under ``if TYPE_CHECKING:``, are not counted)."""
    tree = ast.parse(source)
    annotations_only = {
        id(child)
        for node in tree.body
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"
        for child in node.body
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in annotations_only:
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [f"line {node.lineno}: imports {n}" for n in names if n.split(".")[0] in {"pandas", "numpy"}]
        if isinstance(node, SHAPING_NODES):
            found.append(f"line {node.lineno}: {type(node).__name__}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SHAPING_CALLS
            and not isinstance(node.func.value, ast.Constant)  # "/".join(...) builds a key, not a table
        ):
            found.append(f"line {node.lineno}: .{node.func.attr}()")
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Compare | ast.List):
            found.append(f"line {node.lineno}: a filter or a column selection")
    return found


def _long_cached_functions(source: str) -> list[str]:
    """Return the cached functions of ``source`` whose body is more than one returned call."""
    long = []
    for node in ast.parse(source).body:
        if not isinstance(node, ast.FunctionDef) or not any("cache_" in ast.unparse(d) for d in node.decorator_list):
            continue
        body = [s for s in node.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
        if not (len(body) == 1 and isinstance(body[0], ast.Return)):
            long.append(f"{node.name} (line {node.lineno})")
    return long


def test_the_app_cache_only_caches_and_shapes_no_data():
    found = _shaping(CACHE.read_text())
    assert found == [], f"move this shaping into a reports/ module and cache its result: {found}"


def test_every_cached_function_in_the_app_cache_is_one_library_call():
    long = _long_cached_functions(CACHE.read_text())
    assert long == [], f"a cached function returns one library call; move the rest into reports/: {long}"


def test_the_cache_checks_catch_shaping():
    shaping = """
import pandas as pd
@st.cache_data
def _table(path, version):
    frame = load(path)
    return frame[frame["action"] == "remove"].merge(other, on="id")
"""
    assert len(_shaping(shaping)) == 3
    assert _long_cached_functions(shaping) == ["_table (line 4)"]
