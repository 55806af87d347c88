"""The Trust page's grid: a trust's own business-as-usual share, typed in per cent, saved and used for the trust."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.engine import run_audit
from catalogue.local_figures import BAU_COLUMN, BAU_SOURCE_COLUMN
from catalogue.store import load_catalogue, open_db
from tests.test_app_trust_measurements import edit, errors, first_trust, grid, start, stored, try_to_save


def test_our_share_is_a_column_typed_in_per_cent_that_halves_the_trust_s_figure(app_db: Path) -> None:
    trust = first_trust(app_db)
    at = start(trust)
    table = grid(at)
    assert "local_bau" in table.columns and "national_bau" in table.columns
    row = 0
    rid = table.iloc[row]["requirement"]
    national = table.iloc[row]["national_bau"]
    assert national == 0  # the national share of the trust's top rows is nil
    before = run_audit(load_catalogue(open_db(app_db))).table(trusts=[trust], requirements=[rid]).iloc[0]
    edit(at, trust, {row: {"local_bau": "150", "comment": "our board reads the same figures"}})
    assert any(BAU_COLUMN in e and "not a percentage" in e for e in errors(at))
    edit(at, trust, {row: {"local_bau": "50", "comment": "our board reads the same figures"}})
    assert any(BAU_SOURCE_COLUMN in e and "source" in e for e in errors(at))  # a share needs its source
    edit(at, trust, {row: {"local_bau": "50", "comment": "our board reads the same figures",
                           "bau_source": "board minutes, March 2011"}})  # fmt: skip
    try_to_save(at)
    assert not errors(at)
    [saved] = [m for m in stored(app_db) if m.trust == trust and m.requirement == rid]
    assert (saved.bau_share, saved.bau_source) == (0.5, "board minutes, March 2011")
    after = run_audit(load_catalogue(open_db(app_db))).table(trusts=[trust], requirements=[rid]).iloc[0]
    assert after["hours_central"] == pytest.approx(before["hours_central"] / 2)
    assert grid(at).set_index("requirement").loc[rid, "local_bau"] == "50"
    assert grid(at).set_index("requirement").loc[rid, "bau_source"] == "board minutes, March 2011"
