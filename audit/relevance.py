"""Outcome relevance of each requirement and the "purpose" view of where the burden goes.

Each requirement is scored 0 (none) .. 3 (direct) against each outcome, and each outcome has a weight
(the catalogue's, or the policy's ``outcome_weights`` override). The composite, between 0 and 1, is

    composite = p x peak + (1 - p) x breadth
    peak      = max over outcomes of (weight x score) / (3 x largest weight)
    breadth   = sum over outcomes of (weight x score) / (3 x sum of weights)

with p = ``policy.relevance_peak_weight`` (0.7). The peak term keeps a requirement that serves one outcome
directly (e.g. public protection) from being rated low because it serves only one. A requirement with no
scores at all is "unscored": its composite is NaN and no proposal removes or cuts it.

Public API

- :func:`outcome_weights(catalogue, policy) -> dict[str, float]`.
- :func:`relevance(catalogue, policy, requirement_ids=None) -> DataFrame`: one row per requirement:
  ``requirement, scored, max_score, best_outcome, best_outcome_name, peak, breadth,
  composite`` plus ``score_<outcome>`` columns.
- :func:`outcome_shares(catalogue, policy, requirement_ids) -> DataFrame`: ``requirement, outcome, share``:
  how a requirement's burden is attributed to outcomes (weighted score shares; unscored or all-zero
  requirements go wholly to outcome ``"none"``). Shares of one requirement sum to 1.
- :func:`outcome_share_rows(catalogue, policy, requirement_ids) -> (DataFrame, ndarray)`: the same, with the
  place in ``requirement_ids`` of each row's requirement.
- :func:`quadrant_cuts(requirements, policy) -> (hours, composite)`: where the burden x relevance quadrant is cut.
- :func:`purpose_view(burden) -> DataFrame`: per trust and a final ``"England and Wales"`` row:
  ``trust, hours_input, hours_process, hours_output, hours_outcome, hours_input_process,
  hours_output_outcome, share_input_process, share_output_outcome`` (central hours).
"""

from __future__ import annotations

from itertools import repeat
from operator import attrgetter, itemgetter

import numpy as np
import pandas as pd

from audit.burden import Burden, trust_central_hours
from audit.policy import Policy
from catalogue.models import DEFAULT_OUTCOMES, Catalogue
from catalogue.types import Purpose

NATIONAL = "England and Wales"
NO_OUTCOME = "none"


def outcome_weights(catalogue: Catalogue, policy: Policy) -> dict[str, float]:
    """Return each outcome's weight: the policy's override, else the catalogue's (default outcomes if none)."""
    outcomes = catalogue.outcomes or list(DEFAULT_OUTCOMES)
    weights = {o.key: float(o.weight) for o in outcomes}
    for key, weight in policy.outcome_weights.items():
        if key in weights:
            weights[key] = float(weight)
    return weights


ScoreMatrix = tuple[np.ndarray, np.ndarray]  # (scores [R, O] with 0 where unscored, scored [R] bool)


def score_matrix(catalogue: Catalogue, keys: list[str], ids: list[str]) -> ScoreMatrix:
    """Return (scores [R, O] with 0 where unscored, scored [R] bool) for requirements ``ids`` and outcomes ``keys``."""
    found = catalogue.relevance_scores
    # One pass over the models' own dicts of fields, then plain dict look-ups: at 50,000 requirements they cost a
    # fraction of attribute access and of building pandas indexes.
    row_of = dict(zip(ids, range(len(ids)), strict=True))
    col_of = dict(zip(keys, range(len(keys)), strict=True))
    count = len(found)
    fields = list(map(itemgetter("requirement", "outcome", "score"), map(attrgetter("__dict__"), found)))
    requirements, outcomes, scores = zip(*fields, strict=True) if count else ((), (), ())
    rows = np.fromiter(map(row_of.get, requirements, repeat(-1)), dtype=np.intp, count=count)
    cols = np.fromiter(map(col_of.get, outcomes, repeat(-1)), dtype=np.intp, count=count)
    values = np.array(scores, dtype=float)
    ok = (rows >= 0) & (cols >= 0)
    matrix = np.full((len(ids), len(keys)), -1.0)  # -1 = not scored
    np.maximum.at(matrix, (rows[ok], cols[ok]), values[ok])
    scored = np.asarray((matrix >= 0).any(axis=1), dtype=bool) if len(keys) else np.zeros(len(ids), dtype=bool)
    return np.maximum(matrix, 0.0), scored


def outcome_keys(catalogue: Catalogue, policy: Policy) -> list[str]:
    """Return the outcomes' keys in the order of the score matrix's columns."""
    return sorted(outcome_weights(catalogue, policy))


def relevance(
    catalogue: Catalogue,
    policy: Policy,
    requirement_ids: list[str] | None = None,
    scores: ScoreMatrix | None = None,
) -> pd.DataFrame:
    """Return the composite relevance (0-1) of each requirement, with its parts.

    ``scores`` is :func:`score_matrix` of the same requirements and :func:`outcome_keys` when the caller has it.
    """
    ids = [r.id for r in catalogue.requirements] if requirement_ids is None else list(requirement_ids)
    weights = outcome_weights(catalogue, policy)
    keys = sorted(weights)
    w = np.array([weights[k] for k in keys], dtype=float)
    s, scored = score_matrix(catalogue, keys, ids) if scores is None else scores
    weighted = s * w[None, :]
    peak = weighted.max(axis=1) / (3 * w.max()) if len(keys) and w.max() > 0 else np.zeros(len(ids))
    breadth = weighted.sum(axis=1) / (3 * w.sum()) if len(keys) and w.sum() > 0 else np.zeros(len(ids))
    p = policy.relevance_peak_weight
    composite = np.where(scored, p * peak + (1 - p) * breadth, np.nan)
    best: np.ndarray = (
        np.array(keys, dtype=object)[weighted.argmax(axis=1)] if len(keys) else np.full(len(ids), None, dtype=object)
    )
    has_best = scored & (weighted.max(axis=1) > 0) if len(keys) else np.zeros(len(ids), dtype=bool)
    names = {o.key: o.name for o in catalogue.outcomes}
    out = pd.DataFrame(
        {
            "requirement": pd.Series(ids, dtype=object),
            "scored": scored,
            "max_score": np.where(scored, s.max(axis=1) if len(keys) else 0, np.nan),
            "best_outcome": np.where(has_best, best, np.full(len(ids), None, dtype=object)),
            "best_outcome_name": [names.get(b, b) if ok else None for b, ok in zip(best, has_best, strict=True)]
            if len(keys)
            else [None] * len(ids),
            "peak": np.where(scored, peak, np.nan),
            "breadth": np.where(scored, breadth, np.nan),
            "composite": composite,
        }
    )
    for i, key in enumerate(keys):
        out[f"score_{key}"] = np.where(scored, s[:, i], np.nan)
    return out


def outcome_shares(
    catalogue: Catalogue, policy: Policy, requirement_ids: list[str], scores: ScoreMatrix | None = None
) -> pd.DataFrame:
    """Return how each requirement's burden is attributed to outcomes (weighted score shares, summing to 1).

    ``scores`` is :func:`score_matrix` of the same requirements and :func:`outcome_keys` when the caller has it.
    """
    return outcome_share_rows(catalogue, policy, requirement_ids, scores)[0]


def outcome_share_rows(
    catalogue: Catalogue, policy: Policy, requirement_ids: list[str], scores: ScoreMatrix | None = None
) -> tuple[pd.DataFrame, np.ndarray]:
    """Return :func:`outcome_shares` and, for each of its rows, the place of its requirement in ``requirement_ids``."""
    weights = outcome_weights(catalogue, policy)
    keys = sorted(weights)
    w = np.array([weights[k] for k in keys], dtype=float)
    s, _ = score_matrix(catalogue, keys, list(requirement_ids)) if scores is None else scores
    weighted = s * w[None, :]
    total = weighted.sum(axis=1)
    ids = np.asarray(requirement_ids, dtype=object)
    r_idx, o_idx = np.nonzero(weighted > 0)
    attributed = pd.DataFrame(
        {
            "requirement": ids[r_idx],
            "outcome": np.asarray(keys, dtype=object)[o_idx],
            "share": weighted[r_idx, o_idx] / total[r_idx],
        }
    )
    unattributed = np.flatnonzero(total <= 0)
    none = pd.DataFrame({"requirement": ids[unattributed], "outcome": NO_OUTCOME, "share": 1.0})
    return pd.concat([attributed, none], ignore_index=True), np.concatenate([r_idx, unattributed]).astype(np.intp)


def quadrant_cuts(requirements: pd.DataFrame, policy: Policy) -> tuple[float, float]:
    """Return the (central hours, composite relevance) at which the burden x relevance quadrant is cut.

    High burden is the heaviest quarter of the requirements in force (hours at or above the 75th percentile);
    low relevance is below the composite under which a requirement is proposed for removal, so the shaded
    corner holds exactly the heavy requirements the proposals would question first.
    """
    hours = float(requirements["hours_central"].quantile(0.75)) if len(requirements) else 0.0
    return hours, float(policy.remove_max_relevance)


def purpose_view(burden: Burden) -> pd.DataFrame:
    """Return the central hours on input, process, output and outcome requirements per trust and nationally."""
    purposes = burden.requirements["purpose"].to_numpy()
    out = pd.DataFrame({"trust": burden.trusts["trust"].to_numpy()})
    keeps = np.vstack([(purposes == str(purpose)).astype(float) for purpose in Purpose])
    hours = trust_central_hours(burden, keeps)  # one pass over the occurrence matrix for all four purposes
    for i, purpose in enumerate(Purpose):
        out[f"hours_{purpose.value}"] = hours[i]
    national = {"trust": NATIONAL, **{c: out[c].sum() for c in out.columns if c != "trust"}}
    out = pd.concat([out, pd.DataFrame([national])], ignore_index=True)
    out["hours_input_process"] = out["hours_input"] + out["hours_process"]
    out["hours_output_outcome"] = out["hours_output"] + out["hours_outcome"]
    total = out["hours_input_process"] + out["hours_output_outcome"]
    safe = total.where(total > 0)
    out["share_input_process"] = (out["hours_input_process"] / safe).fillna(0.0)
    out["share_output_outcome"] = (out["hours_output_outcome"] / safe).fillna(0.0)
    return out
