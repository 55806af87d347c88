"""Outside its trust a study-measured figure is seen only over at least five participants: the rule that decides
which of a trust's local measurements a viewer sees, on a real database with real accepted studies."""

from __future__ import annotations

import pandas as pd
import pytest

from audit.access import LOCAL_ADMINISTRATOR, Role, User
from audit.engine import run_audit
from audit.study_privacy import WITHHELD, withheld, withhold_history, withhold_rows
from catalogue.history import history_of
from catalogue.store import load_catalogue
from tests.test_audit_study_pooling import run_study


@pytest.fixture
def studied(default_db):
    """One trust measured a requirement with four participants, another with six."""
    catalogue = load_catalogue(default_db)
    small, large = (t.name for t in catalogue.trusts[:2])
    rid = run_audit(catalogue).measure_first_by_trust[small][0]
    national = next(r.minutes_central for r in catalogue.requirements if r.id == rid)
    run_study(default_db, catalogue, small, rid, 4, national, "s")
    run_study(default_db, catalogue, large, rid, 6, national, "l")
    return {"db": default_db, "small": small, "large": large, "rid": rid}


@pytest.mark.parametrize(
    "role", [Role.ASSOCIATION_ANALYST, Role.MINISTRY_REVIEWER, Role.CATALOGUE_EDITOR]
)  # fmt: skip
def test_outside_the_trust_only_a_figure_of_five_or_more_participants_is_seen(studied, role):
    measurements = load_catalogue(studied["db"]).local_measurements
    assert withheld(studied["db"], User("x", role), measurements) == {(studied["small"], studied["rid"])}
    other = User("m", Role.TRUST_MANAGER, trust=studied["large"])  # another trust's manager is outside too
    assert withheld(studied["db"], other, measurements) == {(studied["small"], studied["rid"])}


def test_within_the_trust_and_for_the_administrator_nothing_is_withheld(studied):
    measurements = load_catalogue(studied["db"]).local_measurements
    for user in (
        User("m", Role.TRUST_MANAGER, trust=studied["small"]),
        User("s", Role.TRUST_STAFF, trust=studied["small"]),
        LOCAL_ADMINISTRATOR,
    ):
        assert withheld(studied["db"], user, measurements) == set()


def test_a_withheld_row_keeps_no_figure_and_says_why():
    frame = pd.DataFrame(
        {"trust": ["A", "A", "B"], "requirement": ["R1", "R2", "R1"], "minutes": [12.0, 5.0, 7.0], "source": ["s"] * 3}
    )
    out = withhold_rows(frame, {("A", "R1")}, ["minutes"], "source")
    assert pd.isna(out.loc[0, "minutes"]) and out.loc[0, "source"] == WITHHELD
    assert out.loc[1:, "minutes"].tolist() == [5.0, 7.0] and out.loc[1:, "source"].tolist() == ["s", "s"]
    assert frame.loc[0, "minutes"] == 12.0  # the caller's frame is left alone


def test_the_history_of_a_small_study_figure_is_withheld_outside_the_trust(studied):
    rows = history_of(studied["db"], "trust", studied["small"])
    assert any("4 participants" in str(r["new_value"]) for r in rows)
    seen = withhold_history(studied["db"], User("ana", Role.ASSOCIATION_ANALYST), rows)
    assert not any("4 participants" in " ".join(str(v) for v in r.values()) for r in seen)
    assert any(r["reason"] == WITHHELD for r in seen) and len(seen) == len(rows)
    own = User("m", Role.TRUST_MANAGER, trust=studied["small"])
    assert withhold_history(studied["db"], own, rows) == rows
