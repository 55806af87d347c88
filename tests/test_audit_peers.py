"""Peer groups: the other trusts of a region, or of a third of the trusts by caseload."""

from __future__ import annotations

import pandas as pd
import pytest

from audit.errors import AuditError
from audit.peers import SIZE_BANDS, peer_group, size_bands

SIX = pd.DataFrame(
    {
        "trust": ["F", "E", "D", "C", "B", "A"],
        "region": ["W", "S", "S", "S", "N", "N"],
        "caseload": [600, 500, 400, 300, 200, 100],
    }
)


def test_size_bands_cut_the_trusts_by_caseload_into_thirds_smallest_first():
    assert size_bands(SIX).to_dict() == {
        "A": "smaller", "B": "smaller", "C": "middle-sized", "D": "middle-sized", "E": "larger", "F": "larger"
    }  # fmt: skip


def test_a_region_group_is_the_other_trusts_of_the_region():
    group = peer_group(SIX, "D", by="region")
    assert group.peers == ["C", "E"] and group.name == "trusts in S"
    assert peer_group(SIX, "F", by="region").peers == []  # alone in its region


def test_a_size_group_names_its_band_and_caseload_range():
    group = peer_group(SIX, "E", by="size")
    assert group.peers == ["F"]
    assert group.name == "larger trusts (caseload 500–600)"


def test_the_35_trusts_make_bands_of_12_12_and_11(default_db):
    from audit.engine import run_audit
    from catalogue.store import load_catalogue

    trusts = run_audit(load_catalogue(default_db)).by_trust
    bands = size_bands(trusts)
    assert [int((bands == b).sum()) for b in SIZE_BANDS] == [12, 12, 11]
    assert bands["London Probation Trust"] == "larger" and bands["Warwickshire Probation Trust"] == "smaller"
    assert peer_group(trusts, "Kent Probation", by="region").peers == [
        "Hampshire Probation Trust", "Surrey and Sussex Probation Trust", "Thames Valley Probation"
    ]  # fmt: skip
    assert peer_group(trusts, "London Probation Trust", by="region").peers == []


@pytest.mark.parametrize(
    ("trust", "by", "message"), [("Z", "region", "no trust called 'Z'"), ("A", "budget", "budget")]
)
def test_an_unknown_trust_or_grouping_is_a_clear_error(trust, by, message):
    with pytest.raises(AuditError, match=message):
        peer_group(SIX, trust, by=by)
