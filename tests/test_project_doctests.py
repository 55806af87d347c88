"""Every usage example in a docstring of the library packages runs, and shows what the code really does."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

LIBRARY_PACKAGES = ("catalogue", "audit", "reports")
OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def library_modules() -> list[str]:
    """Every module of the library packages, sub-packages included."""
    names: list[str] = []
    for package in LIBRARY_PACKAGES:
        names.append(package)
        path = importlib.import_module(package).__path__
        names += sorted(info.name for info in pkgutil.walk_packages(path, f"{package}."))
    return names


def examples_of(module_name: str) -> list[doctest.DocTest]:
    module = importlib.import_module(module_name)
    return [test for test in doctest.DocTestFinder().find(module) if test.examples]


MODULES_WITH_EXAMPLES = [name for name in library_modules() if examples_of(name)]


def test_the_examples_are_found() -> None:
    # A finder that quietly finds nothing would make every other test here pass.
    assert len(MODULES_WITH_EXAMPLES) >= 20
    assert {"reports.charts", "catalogue.store", "catalogue.migrations", "audit.review"} <= set(MODULES_WITH_EXAMPLES)


@pytest.mark.parametrize("module_name", MODULES_WITH_EXAMPLES)
def test_docstring_examples_run(module_name: str) -> None:
    runner = doctest.DocTestRunner(optionflags=OPTIONS)
    report: list[str] = []
    for test in examples_of(module_name):
        runner.run(test, out=report.append)
    results = runner.summarize(verbose=False)
    assert results.failed == 0, "".join(report)
