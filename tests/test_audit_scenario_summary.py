"""The typed contracts of ``proportion scenario show|list --json`` and ``proportion stock --json``
(``audit.scenario_summary``): what they hold on the hand-worked two-trust catalogue, and that the command line
prints exactly them, following the schema ``proportion schema`` prints."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
from pydantic import ValidationError

from audit.engine import run_audit
from audit.scenario_summary import ScenarioSummary, scenario_records, scenario_summary, stock_summary
from audit.scenarios import create_scenario, decide, evaluate_scenario, get_scenario, list_scenarios
from catalogue.store import open_db, save_catalogue
from proportion.cli import main
from tests.audit_fixtures import two_trust_catalogue

CATALOGUE = two_trust_catalogue()
RESULT = run_audit(CATALOGUE)


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    monkeypatch.delenv("PROPORTION_USER", raising=False)
    path = tmp_path / "audit.db"
    db = open_db(path)
    save_catalogue(db, CATALOGUE)
    create_scenario(db, "lean", actor="tester", description="drop the return")
    decide(db, "lean", ["remove:R2", "gone:R9"], "accepted", actor="tester")
    decide(db, "lean", ["devolve:R4"], "rejected", actor="tester")
    db.conn.close()
    return str(path)


def _json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_a_scenario_summary_gives_the_saving_nationally_by_action_and_by_trust(db_path):
    db = open_db(db_path)
    scenario = get_scenario(db, "lean")
    summary = scenario_summary(scenario, evaluate_scenario(RESULT, scenario.accepted))
    assert summary.accepted == ["gone:R9", "remove:R2"] and summary.rejected == ["devolve:R4"]
    assert summary.missing == ["gone:R9"]  # no longer proposed: no effect
    # R2 takes 24 central hours a year in each trust (audit_fixtures' docstring).
    assert summary.national.saving.hours.central == pytest.approx(48)
    assert summary.national.before.hours.central == pytest.approx(1428)
    assert summary.national.saving_share == pytest.approx(48 / 1428)
    assert [(a.action, a.proposals) for a in summary.by_action] == [("remove", 1)]
    assert {t.trust: t.saving.hours.central for t in summary.trusts} == pytest.approx({"A": 24, "B": 24})
    # Outs: R2's £600 a year; ins: R4 (PI 04/2010, in force since June 2010), 80 hours at £25 = £2,000.
    check = summary.one_in_two_out
    assert (check.outs_cost, check.ins_cost, check.ratio, check.passes) == pytest.approx((600, 2000, 0.3, False))


def test_a_scenario_with_no_saving_keeps_a_ratio_of_null_and_never_nan():
    scenario = create_and_get_empty()
    summary = scenario_summary(scenario, evaluate_scenario(RESULT, []))
    assert summary.by_action == [] and summary.national.saving.hours.central == 0
    text = summary.model_dump_json()
    assert "NaN" not in text and "Infinity" not in text


def create_and_get_empty():
    db = open_db(":memory:")
    save_catalogue(db, CATALOGUE)
    create_scenario(db, "empty", actor="tester")
    return get_scenario(db, "empty")


def test_the_scenario_list_is_every_stored_scenario_with_its_decisions(db_path):
    listed = scenario_records(list_scenarios(open_db(db_path)))
    assert [(s.name, s.created_by, s.description) for s in listed.root] == [("lean", "tester", "drop the return")]
    assert listed.root[0].accepted == ["gone:R9", "remove:R2"]


def test_the_stock_summary_counts_what_is_in_force_on_a_date():
    summary = stock_summary(CATALOGUE, dt.date(2011, 3, 31))
    assert (summary.on, summary.requirements_in_force, summary.directives_in_force) == ("2011-03-31", 3, 3)
    year = next(y for y in summary.years if y.year == "2010-11")
    assert (year.added, year.removed, year.stock_end) == (1, 1, year.stock_start)
    # PI 05/2011 takes effect in June 2011.
    assert stock_summary(CATALOGUE, dt.date(2012, 1, 1)).requirements_in_force == 4


def test_the_contracts_refuse_a_key_they_do_not_define():
    data = json.loads(scenario_summary(create_and_get_empty(), evaluate_scenario(RESULT, [])).model_dump_json())
    with pytest.raises(ValidationError):
        ScenarioSummary.model_validate({**data, "surprise": 1})


def test_the_command_line_prints_the_models_and_they_follow_proportion_schema(db_path, capsys):
    schemas = _json(capsys, "schema")
    assert {"ScenarioSummary", "ScenarioList", "StockSummary"} <= set(schemas)
    shown = _json(capsys, "scenario", "show", "lean", "--db", db_path, "--json")
    listed = _json(capsys, "scenario", "list", "--db", db_path, "--json")
    stock = _json(capsys, "stock", "--db", db_path, "--json")
    jsonschema.validate(shown, schemas["ScenarioSummary"])
    jsonschema.validate(listed, schemas["ScenarioList"])
    jsonschema.validate(stock, schemas["StockSummary"])
    scenario = get_scenario(open_db(db_path), "lean")
    assert shown == json.loads(
        scenario_summary(scenario, evaluate_scenario(RESULT, scenario.accepted)).model_dump_json()
    )
    assert stock == json.loads(stock_summary(CATALOGUE, dt.date(2011, 3, 31)).model_dump_json())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**stock, "requirements_in_force": "many"}, schemas["StockSummary"])
