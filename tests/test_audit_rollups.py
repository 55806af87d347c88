"""Roll-ups: national totals, per trust, by attribute and outcome, benchmark and concentration."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from audit.burden import SUM_COLUMNS
from audit.engine import run_audit
from audit.rollups import DIMENSIONS, benchmark, by_dimension, concentration
from tests.audit_fixtures import two_trust_catalogue


@pytest.fixture(scope="module")
def result():
    return run_audit(two_trust_catalogue())


def test_national_totals_match_the_hand_computation(result):
    """Central 554 + 874 = 1,428 h; cost 13,550 + 21,550 = 35,100; caseload 3,000 -> 0.476 h per offender;
    staff 180 FTE -> share of staff time 1,428 / 1,500 / 180."""
    nat = result.national
    assert nat["hours_central"] == pytest.approx(1428)
    assert nat["cost_central"] == pytest.approx(35_100)
    assert nat["hours_per_offender"] == pytest.approx(0.476)
    assert nat["share_of_staff_time"] == pytest.approx(1428 / 1500 / 180)
    assert nat["familiarisation_hours_central"] == pytest.approx(110 * 35 / 60)
    assert nat["total_hours_central"] == pytest.approx(1428 + 110 * 35 / 60)
    assert nat["requirements"] == 3 and nat["trusts"] == 2 and nat["local_measurements"] == 1


def test_per_trust_ratios(result):
    """A: 554 h / 1,000 offenders; 554 / 60 staff FTE; (554 / 1,500) / 60 of staff time; 13,550 / £1m budget."""
    a = result.by_trust.set_index("trust").loc["A"]
    assert a["hours_per_offender"] == pytest.approx(0.554)
    assert a["hours_per_staff_fte"] == pytest.approx(554 / 60)
    assert a["share_of_staff_time"] == pytest.approx(554 / 1500 / 60)
    assert a["cost_share_of_budget"] == pytest.approx(0.01355)


@pytest.mark.parametrize("dimension", [*DIMENSIONS, "outcome"])
def test_every_rollup_sums_to_the_national_totals(result, dimension):
    table = result.by_dimension[dimension]
    for c in SUM_COLUMNS:
        assert table[c].sum() == pytest.approx(result.national[c])
    assert table["share_of_hours"].sum() == pytest.approx(1.0)
    assert result.by_trust[SUM_COLUMNS].sum().to_numpy() == pytest.approx(
        np.array([result.national[c] for c in SUM_COLUMNS])
    )


def test_by_outcome_splits_a_requirement_by_its_weighted_scores(result):
    """R1 (1,300 h) scores protect_public 3 and reduce_reoffending 2: 780 h and 520 h."""
    out = result.by_dimension["outcome"].set_index("outcome")["hours_central"]
    assert out["protect_public"] == pytest.approx(780)
    assert out["reduce_reoffending"] == pytest.approx(520)
    assert out["value_for_money"] == pytest.approx(48)


def test_unknown_dimension_is_refused(result):
    with pytest.raises(ValueError, match="unknown dimension"):
        by_dimension(result.burden, "colour")


def test_benchmark_gives_median_quartiles_rank_and_distance():
    trusts = pd.DataFrame({"trust": ["A", "B", "C", "D"], "hours_per_offender": [1.0, 2.0, 3.0, 10.0]})
    out = benchmark(trusts).set_index("trust")
    assert out.loc["A", "median"] == 2.5
    assert out.loc["A", "q1"] == 1.75 and out.loc["A", "q3"] == 4.75
    assert out["rank"].to_dict() == {"D": 1, "C": 2, "B": 3, "A": 4}
    assert out.loc["D", "distance_from_median"] == 7.5
    assert out.loc["D", "distance_pct"] == pytest.approx(3.0)
    assert out["quartile"].to_dict() == {"D": 4, "C": 3, "B": 2, "A": 1}


def test_concentration_and_pareto_curve(result):
    """R1 1,300 h, R4 80 h, R2 48 h: top 1 share 1,300 / 1,428."""
    conc = concentration(result.burden, top_n=1)
    assert conc.top_share == pytest.approx(1300 / 1428)
    assert conc.pareto["requirement"].tolist() == ["R1", "R4", "R2"]
    assert conc.pareto["cumulative_share"].iloc[-1] == pytest.approx(1.0)
    assert result.concentration.top_share == pytest.approx(1.0)


def test_edge_cases_empty_catalogue_no_trusts_no_scores():
    from audit.scenarios import evaluate_scenario
    from catalogue.models import Catalogue

    empty = run_audit(Catalogue())
    assert empty.national["hours_central"] == 0 and empty.proposals.empty
    assert evaluate_scenario(empty, []).national["saving_hours_central"] == 0
    no_trusts = run_audit(two_trust_catalogue().model_copy(update={"trusts": []}))
    assert no_trusts.national["hours_central"] == 0 and len(no_trusts.proposals) == 3
    unscored = run_audit(two_trust_catalogue().model_copy(update={"relevance_scores": []}))
    assert set(unscored.proposals["action"]) == {"retain"}
