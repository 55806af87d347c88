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
    assert "Eurostat" in overhead["source"] and overhead["is_estimate"]
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
    with pytest.raises(PolicyProblems, match="reason"):
        save_policy(empty_db, changed, actor="ann", reason="")
    assert load_policy(empty_db) == Policy()
    save_policy(empty_db, changed, actor="ann", reason="a later audit year")
    assert load_policy(empty_db) == changed
    assert [c.setting for c in reset_policy(empty_db, actor="ann", reason="defaults")] == ["audit_date"]
    assert load_policy(empty_db) == Policy()


# --- changing settings: a reason for every change, a plain confirmation, "nothing changed" -----------------


def test_a_setting_change_without_a_reason_is_refused_and_nothing_is_stored(empty_db):
    from audit.policy import change_policy
    from catalogue.history import history_for

    for reason in ("", "   "):
        with pytest.raises(PolicyProblems) as err:
            change_policy(empty_db, {"overhead_rate": 0.3}, actor="ann", reason=reason)
        assert err.value.problems == ["Give a reason for changing Overhead on labour cost (25% → 30%)."]
    assert load_policy(empty_db) == Policy()
    assert history_for(empty_db, "setting", "audit.policy") == []


def test_a_change_with_a_reason_is_stored_and_confirmed_in_plain_words(empty_db):
    from audit.policy import change_policy
    from catalogue.history import history_for

    changes = change_policy(
        empty_db, {"overhead_rate": 0.3, "audit_date": dt.date(2012, 3, 31)}, actor="ann", reason="Eurostat rate"
    )
    assert [c.describe() for c in changes] == [
        "Audit date: 31 March 2011 → 31 March 2012",
        "Overhead on labour cost: 25% → 30%",
    ]
    stored = load_policy(empty_db)
    assert stored.overhead_rate == 0.3 and stored.audit_date == dt.date(2012, 3, 31)
    assert stored.provenance["overhead_rate"].describe() == "Estimate: set by ann: Eurostat rate"
    [entry] = history_for(empty_db, "setting", "audit.policy")
    assert entry["reason"] == "Eurostat rate" and entry["actor"] == "ann"


def test_saving_the_same_values_again_changes_nothing_and_a_later_change_with_a_new_reason_works(empty_db):
    from audit.policy import change_policy
    from catalogue.history import history_for

    change_policy(empty_db, {"overhead_rate": 0.3}, actor="ann", reason="first")
    # The same value again, even as the float a percentage box gives back, is no change: nothing is written.
    assert change_policy(empty_db, {"overhead_rate": 30 / 100, "audit_date": Policy().audit_date}, actor="ann",
                         reason="again") == []  # fmt: skip
    assert change_policy(empty_db, {"overhead_rate": 0.3}, actor="ann", reason="") == []  # no change needs no reason
    [second] = change_policy(empty_db, {"overhead_rate": 0.35}, actor="bob", reason="second opinion")
    assert second.describe() == "Overhead on labour cost: 30% → 35%"
    assert load_policy(empty_db).provenance["overhead_rate"].describe() == "Estimate: set by bob: second opinion"
    assert [e["reason"] for e in history_for(empty_db, "setting", "audit.policy")] == ["first", "second opinion"]


def test_a_bad_change_names_the_setting_in_words_and_stores_nothing(empty_db):
    from audit.policy import change_policy

    with pytest.raises(PolicyProblems) as err:
        change_policy(empty_db, {"overhead_rate": -1, "colour": "red"}, actor="ann", reason="try")
    text = " ".join(err.value.problems)
    assert "Overhead on labour cost" in text and "no setting called 'colour'" in text
    assert "_" not in text.replace("'colour'", "")  # no snake_case keys
    assert load_policy(empty_db) == Policy()


def test_reset_needs_a_reason_lists_what_it_restores_and_says_when_nothing_is_set(empty_db):
    from audit.policy import change_policy, policy_reset_changes

    assert policy_reset_changes(load_policy(empty_db)) == []
    change_policy(empty_db, {"overhead_rate": 0.3}, actor="ann", reason="sensitivity")
    with pytest.raises(PolicyProblems, match="reason"):
        reset_policy(empty_db, actor="ann", reason=" ")
    assert load_policy(empty_db).overhead_rate == 0.3
    restored = reset_policy(empty_db, actor="ann", reason="back to the defaults")
    assert [c.describe() for c in restored] == ["Overhead on labour cost: 30% → 25%"]
    assert load_policy(empty_db) == Policy()
    assert reset_policy(empty_db, actor="ann", reason="again") == []


def test_every_setting_has_a_plain_label_and_shares_read_as_percentages():
    from audit.policy import format_setting, setting_label

    for name in set(Policy.model_fields) - {"provenance"}:
        assert "_" not in setting_label(name) and setting_label(name)[0].isupper(), name
    p = Policy()
    assert format_setting("overhead_rate", p.overhead_rate) == "25%"
    assert format_setting("direct_contact_share", p.direct_contact_share) == "24%"
    assert format_setting("audit_date", p.audit_date) == "31 March 2011"
    assert format_setting("allow_legislative_proposals", False) == "no"
    assert format_setting("reduce_activities", p.reduce_activities).startswith("Reporting / data return, Meeting")
    assert format_setting("productive_hours_override", None) == "each grade's own"
    rows = {r["setting"]: r for r in describe_policy(p)}
    assert rows["overhead_rate"]["label"] == "Overhead on labour cost" and rows["overhead_rate"]["shown"] == "25%"


def test_sources_are_public_documents_never_our_own_files_or_working_words():
    for row in describe_policy(Policy()):
        for bad in ("../", "/work", ".md", "UNVERIFIED", "shared/reference"):
            assert bad not in row["source"], (row["setting"], row["source"])


def test_each_setting_states_its_basis_by_provenance_kind():
    """A derived or estimated setting is never shown as cited: the basis is the provenance kind's own label."""
    policy = Policy().with_values(overhead_rate=0.3, actor="ann", reason="a local rate")
    rows = {row["setting"]: row for row in describe_policy(policy)}
    assert rows["overhead_rate"]["basis"] == "estimate"
    labels = {"citation": "cited", "derived": "derived", "estimate": "estimate"}
    assert {name: row["basis"] for name, row in rows.items()} == {
        name: labels[policy.provenance[name].kind.value] for name in rows
    }
