"""Accounts from the command line, and commands refused by role."""

from __future__ import annotations

import json

import pytest

from proportion.cli import main

KENT = "Kent Probation"


@pytest.fixture
def with_users(default_db_path, monkeypatch, capsys):
    db = str(default_db_path)
    monkeypatch.setenv("PROPORTION_DB", db)
    monkeypatch.setenv("PROPORTION_PASSWORD", "correct horse battery")
    assert main(["users", "add", "kent", "--role", "trust_manager", "--trust", KENT]) == 0
    assert main(["users", "add", "rev", "--role", "ministry_reviewer", "--email", "rev@example.org"]) == 0
    assert main(["users", "add", "ana", "--role", "association_analyst"]) == 0
    capsys.readouterr()
    return db


def test_users_add_list_disable_set_password(with_users, capsys):
    assert main(["users", "list", "--json"]) == 0
    users = {u["username"]: u for u in json.loads(capsys.readouterr().out)}
    assert users["kent"]["trust"] == KENT and users["rev"]["role"] == "ministry_reviewer"
    assert main(["users", "disable", "ana"]) == 0
    assert main(["users", "set-password", "ana"]) == 0
    main(["users", "list"])
    assert "disabled" in capsys.readouterr().out


def test_secrets_are_never_written_out(with_users, capsys, monkeypatch):
    """Passwords (and their hashes) stay out of the history, the command output and every other table."""
    from catalogue.store import open_db

    monkeypatch.setenv("PROPORTION_PASSWORD", "a new secret phrase")
    assert main(["users", "set-password", "kent"]) == 0
    assert main(["users", "list", "--json"]) == 0
    assert main(["history", "verify"]) == 0
    printed = capsys.readouterr()
    db = open_db(with_users)
    hashes = [row[0] for row in db.execute("SELECT password_hash FROM users")]
    secrets = ["correct horse battery", "a new secret phrase", *hashes]
    for table in db.table_names():
        if table == "users" or table.startswith(("search_", "requirements_fts")):
            continue
        dump = str(list(db.query(f"SELECT * FROM [{table}]")))
        assert not any(secret in dump for secret in secrets), table
    assert not any(secret in printed.out + printed.err for secret in secrets)


@pytest.mark.parametrize(
    "user,argv,allowed",
    [
        ("kent", ["users", "list"], False),
        ("kent", ["init", "--force"], False),
        ("kent", ["trusts", "list"], True),
        ("ana", ["backup", "--out", "/tmp/never.db"], False),
        ("rev", ["history", "verify"], True),
    ],
)
def test_commands_are_refused_by_role(with_users, capsys, user, argv, allowed):
    code = main(["--as", user, *argv])
    err = capsys.readouterr().err
    if allowed:
        assert code == 0
    else:
        assert code == 1 and "may not" in err and "Traceback" not in err


def test_an_unknown_acting_user_is_a_clear_error(with_users, capsys):
    assert main(["--as", "ghost", "trusts", "list"]) == 1
    assert "no account 'ghost'" in capsys.readouterr().err


def test_serve_refuses_an_open_address_without_accounts(default_db_path, capsys):
    assert main(["serve", "--db", str(default_db_path), "--address", "0.0.0.0"]) == 1
    err = capsys.readouterr().err
    assert "no accounts" in err and "users add" in err and err.count("\n") == 1


def test_serve_passes_the_project_settings_from_config_toml():
    from pathlib import Path

    from proportion.commands.admin_cmds import project_settings

    flags = project_settings(Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml")
    pairs = dict(zip(flags[::2], flags[1::2], strict=True))
    assert pairs["--runner.postScriptGC"] == "false"
    assert pairs["--server.fileWatcherType"] == "none"
    assert pairs["--server.maxUploadSize"] == "50"
    assert project_settings(Path("/nonexistent/config.toml")) == []


def test_a_role_is_read_as_typed_with_a_dash_or_a_space(with_users, capsys):
    assert main(["users", "add", "sam", "--role", "trust-staff", "--trust", KENT]) == 0
    assert main(["users", "add", "kim", "--role", "Trust Staff", "--trust", KENT]) == 0
    capsys.readouterr()
    assert main(["users", "list", "--json"]) == 0
    users = {u["username"]: u for u in json.loads(capsys.readouterr().out)}
    assert users["sam"]["role"] == users["kim"]["role"] == "trust_staff"
