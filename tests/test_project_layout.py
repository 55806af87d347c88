"""The project's shape: library packages stay free of Streamlit, resolve inside the repository, and the README
documents every command."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

from proportion.cli import build_parser

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


def _commands(parser, prefix=()):
    for action in parser._actions:
        if action.__class__.__name__ == "_SubParsersAction":
            for name, sub in action.choices.items():
                has_children = any(a.__class__.__name__ == "_SubParsersAction" for a in sub._actions)
                if has_children:
                    yield from _commands(sub, (*prefix, name))
                else:
                    yield " ".join((*prefix, name))


def test_every_cli_command_appears_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    commands = sorted(set(_commands(build_parser())))
    assert len(commands) >= 7
    missing = [c for c in commands if not re.search(rf"proportion {re.escape(c)}\b", readme)]
    assert missing == []


def test_readme_gives_the_two_setup_commands_and_ci_calls_make_test():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
