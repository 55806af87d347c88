"""The docs/method.md recipe: re-derive the national hours, FTE and cost from ``proportion export --format xlsx``.

The test follows docs/method.md (Checking the national totals in a spreadsheet) step by step, with
pandas in place of a spreadsheet, reading only the exported workbook and the ``directives_in_force``
list of ``proportion audit --json``.
"""

from __future__ import annotations

import pandas as pd
import pytest

from audit.engine import run_audit
from audit.summary import audit_summary
from catalogue.dataset import load_default_catalogue
from catalogue.io import export_catalogue


@pytest.fixture(scope="module")
def default_catalogue():
    return load_default_catalogue()


def test_national_totals_can_be_rederived_from_the_xlsx_export(default_catalogue, tmp_path):
    payload = audit_summary(run_audit(default_catalogue)).model_dump(mode="json")
    book = export_catalogue(default_catalogue, tmp_path / "catalogue.xlsx", "xlsx")
    sheets = pd.read_excel(book, sheet_name=None)
    trusts, staff, grades = sheets["trusts"], sheets["trust_staff"], sheets["staff_grades"]
    req = sheets["requirements"]
    local = sheets["local_measurements"]

    # Step 1: keep requirements whose directive is in "directives_in_force", that are not prescribed practice
    # (costed apart) and whose work is not counted in another requirement ("counted_in" empty).
    req = req[req["directive"].isin(payload["directives_in_force"])]
    req = req[(req["kind_of_work"] != "prescribed_practice") & req["counted_in"].isna()].copy()
    # Step 2: the national volume of each requirement's driver.
    volume = {
        "per_case": trusts["caseload__value"].sum(),
        "per_commencement": trusts["commencements__value"].sum(),
        "per_report": trusts["reports__value"].sum(),
        "per_staff_fte": staff["fte"].sum(),
        "per_trust": len(trusts),
    }
    req["volume"] = req["driver"].map(volume)
    # Step 3: hours = occurrences per unit x volume x minutes / 60 x (1 - business-as-usual share).
    req["hours"] = req["occurrences_per_unit"] * req["volume"] * req["minutes_central"] / 60 * (1 - req["bau_share"])
    # Step 4: the trust's own measurements replace the national figures for that trust.
    assert local.empty, "the default data has no local measurements; docs/method.md gives the adjustment otherwise"
    # Step 5: tariff = salary x (1 + on-costs) / productive hours; cost = hours x tariff x 1.25; FTE = hours / hours.
    grades["tariff"] = (
        grades["annual_salary_gbp"] * (1 + grades["on_cost_pct"] / 100) / grades["productive_hours_per_year"]
    )
    g = grades.set_index("code")
    req["cost"] = req["hours"] * req["grade"].map(g["tariff"]) * 1.25
    req["fte"] = req["hours"] / req["grade"].map(g["productive_hours_per_year"])
    # Step 6: a requirement made of activities (sheet "activities") has the sum of their minutes, each activity's
    # share of them at its own grade's tariff and productive hours.
    acts = sheets["activities"].assign(
        tariff=lambda a: a["grade"].map(g["tariff"]), hours=lambda a: a["grade"].map(g["productive_hours_per_year"])
    )
    minutes = acts.groupby("requirement")["minutes_central"].sum()
    tariff = (acts["minutes_central"] * acts["tariff"]).groupby(acts["requirement"]).sum() / minutes
    per_fte = (acts["minutes_central"] / acts["hours"]).groupby(acts["requirement"]).sum() / minutes
    split = req["id"].isin(minutes.index)
    req.loc[split, "cost"] = req.loc[split, "hours"] * req.loc[split, "id"].map(tariff) * 1.25
    req.loc[split, "fte"] = req.loc[split, "hours"] * req.loc[split, "id"].map(per_fte)

    national = payload["national"]
    assert req["hours"].sum() == pytest.approx(national["hours"]["central"], rel=1e-9)
    assert req["fte"].sum() == pytest.approx(national["fte"]["central"], rel=1e-9)
    assert req["cost"].sum() == pytest.approx(national["cost"]["central"], rel=1e-9)
    low = (req["occurrences_per_unit"] * req["volume"] * req["minutes_low"] / 60 * (1 - req["bau_share"])).sum()
    assert low == pytest.approx(national["hours"]["low"], rel=1e-9)


def test_default_data_proposals_meet_the_acceptance_rules(default_catalogue):
    proposals = run_audit(default_catalogue).proposals
    assert proposals["action"].nunique() >= 5
    removed = proposals[proposals["action"] == "remove"]
    assert not removed["statutory"].any() and not removed["public_protection_critical"].any()
    active = proposals[proposals["action"] != "retain"]
    assert (active["saving_hours_central"] > 0).all()
    assert active["rationale"].str.contains("hours").all()
