"""The documentation: a short README that points into docs/, and docs that name every command, page and link."""

from __future__ import annotations

import re
from pathlib import Path

from proportion.cli import build_parser
from streamlit_app import PAGE_SPECS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
EXPECTED_DOCS = ("method", "dataset", "cli", "json", "architecture", "deployment", "app", "extraction", "reports")


def _commands(parser, prefix=()):
    for action in parser._actions:
        if action.__class__.__name__ == "_SubParsersAction":
            for name, sub in action.choices.items():
                has_children = any(a.__class__.__name__ == "_SubParsersAction" for a in sub._actions)
                if has_children:
                    yield from _commands(sub, (*prefix, name))
                else:
                    yield " ".join((*prefix, name))


def test_the_readme_stays_a_short_guide():
    readme = (ROOT / "README.md").read_text()
    assert len(readme.encode()) <= 12_500
    for name in EXPECTED_DOCS:
        assert f"docs/{name}.md" in readme, f"the README does not point to docs/{name}.md"


def test_every_docs_file_the_readme_promises_exists():
    for name in EXPECTED_DOCS:
        assert (DOCS / f"{name}.md").is_file()


def test_every_relative_link_in_the_docs_resolves():
    broken = []
    for path in [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", path.read_text()):
            if not (path.parent / target).is_file():
                broken.append(f"{path.relative_to(ROOT)} -> {target}")
    assert broken == []


def test_every_cli_command_appears_in_the_command_line_docs():
    text = (DOCS / "cli.md").read_text()
    commands = sorted(set(_commands(build_parser())))
    assert len(commands) >= 7
    missing = [c for c in commands if not re.search(rf"proportion {re.escape(c)}\b", text)]
    assert missing == []


def test_every_page_of_the_app_is_described_in_the_app_docs_and_the_readme():
    app_doc = (DOCS / "app.md").read_text()
    readme = (ROOT / "README.md").read_text()
    titles = [title for _, _, title, _, _ in PAGE_SPECS]
    assert len(titles) >= 10
    assert [t for t in titles if f"**{t}**" not in app_doc] == []
    assert [t for t in titles if f"**{t}**" not in readme] == []


def test_the_architecture_doc_states_where_a_rule_of_the_domain_lives():
    text = (DOCS / "architecture.md").read_text()
    assert "never in a page or a command" in text
    assert "catalogue <- audit <- reports <- shells" in text
