"""The trust report's local figures list a trust's own business-as-usual share beside the national one."""

from __future__ import annotations

import pytest

from audit.engine import run_audit
from reports.tables import local_measurements
from tests.test_audit_local_business_as_usual import _catalogue, _local


def test_the_local_figures_table_shows_our_share_beside_the_national_one() -> None:
    catalogue = _catalogue(0.25, _local(bau_share=0.5))
    result = run_audit(catalogue)
    national_only = run_audit(catalogue.model_copy(update={"local_measurements": []}))
    table = local_measurements(result, national_only, "A")
    row = table.frame.iloc[0]
    assert row["bau_share_national"] == 0.25 and row["own_bau_share"] == 0.5
    assert row["hours_central"] == pytest.approx(500) and row["hours_central_national"] == pytest.approx(750)
    titles = [c.label for c in table.columns]
    assert "Our business-as-usual share" in titles and "National business-as-usual share" in titles
