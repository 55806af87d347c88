"""The audit policy: defaults with sources, user changes, storage in settings."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from audit.errors import PolicyProblems
from audit.policy import Policy, build_policy, describe_policy, load_policy, reset_policy, save_policy


def test_defaults_and_every_value_has_a_source():
    p = Policy()
    assert p.overhead_rate == 0.25 and p.audit_date == dt.date(2011, 3, 31) and p.direct_contact_share == 0.24
    rows = describe_policy(p)
    assert {r["setting"] for r in rows} == set(Policy.model_fields) - {"provenance"}
    overhead = next(r for r in rows if r["setting"] == "overhead_rate")
    assert "UNVERIFIED" in overhead["source"] and overhead["is_estimate"]
    contact = next(r for r in rows if r["setting"] == "direct_contact_share")
    assert "NOMS" in contact["source"] and not contact["is_estimate"]


def test_a_changed_value_records_who_changed_it():
    p = Policy().with_values(overhead_rate=0.3, actor="ann", reason="Eurostat rate")
    assert p.overhead_rate == 0.3
    assert p.provenance["overhead_rate"].describe() == "Estimate: set by ann: Eurostat rate"
    assert not p.is_default("overhead_rate") and p.is_default("audit_date")
    with pytest.raises(PolicyProblems, match="unknown setting"):
        Policy().with_values(colour="red", actor="ann")


def test_policy_is_frozen_and_refuses_unknown_or_bad_values():
    with pytest.raises(ValidationError):
        Policy(colour="red")
    with pytest.raises(ValidationError):
        Policy().overhead_rate = 0.5  # type: ignore[misc]
    with pytest.raises(PolicyProblems) as err:
        build_policy({"overhead_rate": -1, "bau_share": {"R1": 2}})
    assert len(err.value.problems) == 2


def test_save_load_and_reset(empty_db):
    assert load_policy(empty_db) == Policy()
    changed = Policy().with_values(audit_date=dt.date(2012, 3, 31), actor="ann")
    save_policy(empty_db, changed, actor="ann")
    assert load_policy(empty_db) == changed
    assert reset_policy(empty_db, actor="ann") == Policy()
    assert load_policy(empty_db) == Policy()
