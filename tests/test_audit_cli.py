"""The audit commands: audit, proposals, scenario, stock (tables and --json)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from catalogue.store import open_db, save_catalogue
from proportion.cli import main
from tests.audit_fixtures import two_trust_catalogue


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    monkeypatch.delenv("PROPORTION_USER", raising=False)
    path = tmp_path / "audit.db"
    db = open_db(path)
    save_catalogue(db, two_trust_catalogue())
    db.conn.close()
    return str(path)


def _json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_audit_json_gives_national_and_trust_totals_with_ranges(db_path, capsys):
    out = _json(capsys, "audit", "--db", db_path, "--json")
    assert out["audit_date"] == "2011-03-31"
    hours = out["national"]["hours"]
    assert {k: hours[k] for k in ("low", "central", "high")} == pytest.approx(
        {"low": 1237 + 1 / 3, "central": 1428, "high": 1976}
    )
    assert hours["low"] <= hours["p05"] <= hours["p50"] <= hours["p95"] <= hours["high"]
    assert out["national"]["cost"]["central"] == pytest.approx(35_100)
    assert out["assumptions"]["overhead_rate"] == 0.25
    assert [t["trust"] for t in out["trusts"]] == ["A", "B"]
    assert out["trusts"][0]["benchmark"]["rank"] == 1
    one = _json(capsys, "audit", "--db", db_path, "--json", "--trust", "B")
    assert [t["trust"] for t in one["trusts"]] == ["B"] and one["trusts"][0]["local_measurements"] == 1


def test_audit_table_and_unknown_trust(db_path, capsys):
    assert main(["audit", "--db", db_path]) == 0
    assert "1,428 (1,237-1,976)" in capsys.readouterr().out
    assert main(["audit", "--db", db_path, "--trust", "Nowhere"]) == 1
    assert "no trust called 'Nowhere'" in capsys.readouterr().err


def test_proposals_json_and_filter(db_path, capsys):
    out = _json(capsys, "proposals", "--db", db_path, "--json")
    assert out["count"] == 3 and out["actions"] == {"devolve": 1, "remove": 1, "retain": 1}
    first = out["proposals"][0]
    assert first["id"] == "remove:R2" and first["savings"]["hours"]["central"] == pytest.approx(48)
    assert {t["trust"]: t["hours"] for t in first["per_trust"]} == pytest.approx({"A": 24, "B": 24})
    only = _json(capsys, "proposals", "--db", db_path, "--json", "--action", "devolve")
    assert [p["id"] for p in only["proposals"]] == ["devolve:R4"]
    assert main(["proposals", "--db", db_path, "--action", "burn"]) == 1


def test_scenario_commands(db_path, capsys):
    assert main(["scenario", "create", "lean", "--db", db_path]) == 0
    assert main(["scenario", "accept", "lean", "remove:R2", "devolve:R4", "--db", db_path]) == 0
    assert main(["scenario", "reject", "lean", "devolve:R4", "--db", db_path]) == 0
    capsys.readouterr()
    out = _json(capsys, "scenario", "show", "lean", "--db", db_path, "--json")
    assert out["accepted"] == ["remove:R2"] and out["rejected"] == ["devolve:R4"]
    assert out["national"]["saving"]["hours"]["central"] == pytest.approx(48)
    assert out["national"]["direct_contact_share_before"] == 0.24
    assert out["one_in_two_out"]["passes"] is False
    listed = _json(capsys, "scenario", "list", "--db", db_path, "--json")
    assert [s["name"] for s in listed] == ["lean"]
    assert main(["scenario", "accept", "lean", "bogus:X", "--db", db_path]) == 1
    assert "unknown proposal id" in capsys.readouterr().err
    assert main(["scenario", "create", "lean", "--db", db_path]) == 1
    assert main(["scenario", "show", "none", "--db", db_path]) == 1
    assert main(["scenario", "show", "lean", "--db", db_path]) == 0
    assert "one-in-two-out fails" in capsys.readouterr().out


def test_stock_json(db_path, capsys):
    out = _json(capsys, "stock", "--db", db_path, "--json")
    assert out["requirements_in_force"] == 3 and out["directives_in_force"] == 3
    row = next(y for y in out["years"] if y["year"] == "2010-11")
    assert row["added"] == 1 and row["removed"] == 1
    later = _json(capsys, "stock", "--db", db_path, "--json", "--on", "2012-01-01")
    assert later["requirements_in_force"] == 4
    assert main(["stock", "--db", db_path, "--on", "soon"]) == 1


def _keys(value, found=None):
    found = set() if found is None else found
    if isinstance(value, dict):
        for key, inner in value.items():
            found.add(key)
            _keys(inner, found)
    elif isinstance(value, list):
        for inner in value:
            _keys(inner, found)
    return found


def test_every_json_key_is_documented(db_path, capsys):
    doc = (Path(__file__).resolve().parents[1] / "docs" / "json.md").read_text()
    assert main(["scenario", "create", "s", "--db", db_path]) == 0
    assert main(["scenario", "accept", "s", "remove:R2", "--db", db_path]) == 0
    capsys.readouterr()
    keys = set()
    for argv in (["audit"], ["proposals"], ["scenario", "show", "s"], ["scenario", "list"], ["stock"]):
        keys |= _keys(_json(capsys, *argv, "--db", db_path, "--json"))
    missing = sorted(k for k in keys if not re.search(rf"[`\"]{re.escape(k)}[`\"]", doc))
    assert missing == []


def test_a_broken_stored_policy_is_a_one_line_error(db_path, capsys):
    from catalogue.store import open_db, set_setting

    db = open_db(db_path)
    set_setting(db, "audit.policy", {"overhead_rate": -1}, actor="test")
    db.conn.close()
    assert main(["audit", "--db", db_path]) == 1
    err = capsys.readouterr().err
    assert "overhead_rate" in err and "Traceback" not in err


def test_the_json_of_audit_and_proposals_follows_the_schema_that_proportion_schema_prints(db_path, capsys):
    import jsonschema

    schemas = _json(capsys, "schema")
    audit = _json(capsys, "audit", "--db", db_path, "--json")
    proposals = _json(capsys, "proposals", "--db", db_path, "--json")
    jsonschema.validate(audit, schemas["AuditSummary"])
    jsonschema.validate(proposals, schemas["ProposalsSummary"])
    broken = {**audit, "national": {**audit["national"], "hours": {"central": "lots"}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schemas["AuditSummary"])
