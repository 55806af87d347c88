"""Proportionality rules: each requirement in force gets one proposal, plus merge proposals for duplicates.

Rules, tried in this order for each requirement (first match wins; every threshold is a field of
:class:`audit.policy.Policy`):

1. ``retain`` when the requirement has no relevance scores yet (score it before cutting it), or is the
   familiarisation with a directive (activity ``familiarisation``: it goes when its directive goes).
2. ``remove``: composite relevance < ``remove_max_relevance``, not public-protection critical, and not
   statutory (statutory ones only when ``allow_legislative_proposals``, flagged ``needs_legislation``).
3. ``replace_with_outcome``: a process or output target (purpose process/output and the wording names a
   target, per cent, timeliness or performance measure, or the directive is a performance framework).
4. ``reduce_frequency``: a recurring return, review, meeting or inspection (``reduce_activities``, driver per
   case / per trust / per staff FTE, at least ``reduce_min_occurrences`` a year per unit) of relevance below
   ``reduce_max_relevance``; new frequency = the largest standard period (weekly 52, fortnightly 26, monthly
   12, quarterly 4, half-yearly 2, annually 1) at or below current / ``reduce_divisor``.
5. ``simplify``: a recording, sign-off or evidence step (``simplify_activities``) taking at least
   ``simplify_min_minutes`` each time, whose purpose is sound (relevance >= ``simplify_min_relevance``).
   The only change allowed for public-protection-critical requirements.
6. ``devolve``: a prescriptive "how" (modality must, purpose input/process) of relevance >=
   ``devolve_min_relevance``: set the outcome and leave the method to the trust.
7. ``retain``: everything else, with the reason.

Public-protection-critical and statutory requirements only get ``simplify`` or ``retain`` (statutory ones
also the others when ``allow_legislative_proposals``, always with ``needs_legislation``). ``merge`` pairs
two requirements of different directives with the same activity whose wording has cosine similarity >=
``merge_min_similarity`` (:mod:`audit.similarity`); the smaller (by central hours) is absorbed into the larger,
each requirement absorbed at most once, never a public-protection-critical one.

Each proposal keeps a fraction ``keep`` of its target's recurring burden: remove 0, reduce new/old frequency,
simplify 1 - ``simplify_saving_share``, devolve 1 - ``devolve_saving_share``, replace 1 -
``replace_saving_share``, merge 1 - ``merge_saving_share`` (of the absorbed one), retain 1. Savings are the
target's burden x (1 - keep), alone; in a scenario the keeps of accepted proposals multiply.

Public API

- :data:`ACTIONS`.
- :func:`make_proposals(burden, relevance, policy) -> DataFrame`: one row per proposal, ranked
  (``saving_cost_central`` descending, then ``id``): ``rank, id, action, target, requirements, directive,
  rationale, keep, current_frequency, new_frequency, new_frequency_label, similarity, relevance,
  saving_hours_*, saving_fte_*, saving_cost_*, risk_level, outcome_risk, confidence, needs_legislation,
  statutory, public_protection_critical``. ``id`` is stable across runs: ``"<action>:<requirement>"`` or
  ``"merge:<a>+<b>"``.
- :func:`proposal_trust_savings(burden, proposals, ids=None) -> DataFrame`: ``id, trust, saving_hours_*,
  saving_fte_*, saving_cost_*``.
- :func:`keep_factors(burden, proposals, accepted_ids) -> ndarray`: the fraction of each requirement's burden
  kept once ``accepted_ids`` are applied (product of their keeps).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from audit.burden import LEVELS, MEASURES, SUM_COLUMNS, Burden, _text, burden_table
from audit.ordering import ranked
from audit.policy import Policy
from audit.similarity import similar_pairs
from catalogue.types import Activity, DirectiveType, Driver, Modality, Purpose, label

REMOVE = "remove"
MERGE = "merge"
REDUCE = "reduce_frequency"
SIMPLIFY = "simplify"
DEVOLVE = "devolve"
REPLACE = "replace_with_outcome"
RETAIN = "retain"
ACTIONS = (REMOVE, MERGE, REDUCE, SIMPLIFY, DEVOLVE, REPLACE, RETAIN)
# The one table of words people read for each action: the app, the command line and the reports all use it.
ACTION_LABELS = {
    REMOVE: "Remove",
    MERGE: "Merge duplicates",
    REDUCE: "Reduce frequency",
    SIMPLIFY: "Simplify",
    DEVOLVE: "Devolve to trusts",
    REPLACE: "Replace with an outcome measure",
    RETAIN: "Retain",
}


def action_label(action: str) -> str:
    """Return the words people read for a proposal action (``"merge"`` -> ``"Merge duplicates"``)."""
    return ACTION_LABELS.get(action, str(action).replace("_", " ").capitalize())


def is_actionable(action: str) -> bool:
    """Return whether a proposal of ``action`` changes something (every action but "retain")."""
    return action != RETAIN


def actionable(proposals: pd.DataFrame) -> pd.DataFrame:
    """Return the proposals that change something: the ones a reviewer decides and a scenario can accept."""
    return proposals[proposals["action"].map(is_actionable).astype(bool)]


SAVING_COLUMNS = [f"saving_{c}" for c in SUM_COLUMNS]
PERIODS = {52.0: "weekly", 26.0: "fortnightly", 12.0: "monthly", 4.0: "quarterly", 2.0: "half-yearly", 1.0: "annually"}
TARGET_WORDS = r"\btargets?\b|\bper ?cent\b|%|\btimeliness\b|\bperformance (?:measure|indicator|target)s?\b|\bkpis?\b"
RECURRING_DRIVERS = (str(Driver.PER_CASE), str(Driver.PER_TRUST), str(Driver.PER_STAFF_FTE))
COLUMNS = [
    "rank",
    "id",
    "action",
    "target",
    "requirements",
    "directive",
    "rationale",
    "keep",
    "current_frequency",
    "new_frequency",
    "new_frequency_label",
    "similarity",
    "relevance",
    *SAVING_COLUMNS,
    "risk_level",
    "outcome_risk",
    "confidence",
    "needs_legislation",
    "statutory",
    "public_protection_critical",
]


def _hours(value: float) -> str:
    return f"{value:,.0f} hours"


def _money(value: float) -> str:
    return f"£{value:,.0f}"


def _a(phrase: str) -> str:
    """Return ``phrase`` with "a" or "an" in front."""
    return f"{'an' if phrase[:1].lower() in 'aeiou' else 'a'} {phrase}"


def _activity(row: Row) -> str:
    """Return the activity's label in lower case ("sign-off", "information gathering")."""
    return label(row["activity"]).lower()


def _frequency_label(value: float) -> str:
    return PERIODS.get(float(value), f"{value:.3g} times a year")


def _new_frequency(current: np.ndarray, divisor: float) -> np.ndarray:
    """Return the largest standard period at or below current / divisor (NaN when none)."""
    rungs = np.array(sorted(PERIODS))  # ascending
    target = current / divisor
    pos = np.searchsorted(rungs, target, side="right") - 1
    return np.where(pos >= 0, rungs[np.clip(pos, 0, None)], np.nan)


def _confidence(minutes_est: np.ndarray, freq_est: np.ndarray, local: np.ndarray) -> np.ndarray:
    estimates = minutes_est.astype(int) + freq_est.astype(int)
    level = np.select([estimates == 0, estimates == 1], ["high", "medium"], default="low")
    # A trust's own measurements firm up a low-confidence national estimate a little.
    return np.where((level == "low") & (local > 0), "medium", level)


def _risk(max_score: np.ndarray) -> np.ndarray:
    return np.select([max_score >= 3, max_score >= 2], ["high", "medium"], default="low")


Row = dict[str, Any]


def make_proposals(burden: Burden, relevance: pd.DataFrame, policy: Policy) -> pd.DataFrame:
    """Return the ranked proposals for the requirements in ``burden`` (``relevance`` from audit.relevance)."""
    scores = relevance[["requirement", "scored", "composite", "max_score", "best_outcome", "best_outcome_name"]]
    ids = burden.requirements["requirement"].to_numpy()
    if len(scores) == len(ids) and bool((scores["requirement"].to_numpy() == ids).all()):
        # The scores of the same requirements in the same order (as the audit gives them): what the merge below
        # gives, without copying every column of the requirements.
        req = pd.concat(
            [burden.requirements.reset_index(drop=True), scores.drop(columns="requirement").reset_index(drop=True)],
            axis=1,
        )
    else:
        req = burden.requirements.merge(scores, on="requirement", how="left")
    req["scored"] = req["scored"].fillna(False).astype(bool)
    primary = _primary(req, policy)
    merges = _merges(req, policy)
    out = pd.concat([primary, merges], ignore_index=True) if len(merges) else primary
    out = out.take(ranked(out["saving_cost_central"].to_numpy(dtype=float), out["id"].tolist()))
    out = out.reset_index(drop=True)
    out["rank"] = np.arange(1, len(out) + 1)
    return out[COLUMNS]


# TARGET_WORDS with the word boundaries taken out of the alternatives: the same texts match, and the search tries
# one boundary per position instead of five.
_TARGET = re.compile(r"\b(?:targets?|per ?cent|timeliness|performance (?:measure|indicator|target)s?|kpis?)\b|%")
# Each alternative of TARGET_WORDS holds one of these, so a text without any cannot name a target, and a match
# starts at the hint or the given number of letters before it ("per cent", "percent").
_TARGET_HINTS = {"target": (0,), "cent": (4, 3), "%": (0,), "timeliness": (0,), "performance": (0,), "kpi": (0,)}


def _names_a_target(texts: np.ndarray) -> np.ndarray:
    """True where the wording names a target, per cent, timeliness or performance measure.

    The hints are looked for once in all the texts together (lower-cased and joined), and the regular expression
    is tried only where a match could start: at each hint, or as many letters before it as its alternative has.
    """
    items = [str(t) for t in texts]
    out = np.zeros(len(items), dtype=bool)
    joined = "\x00".join(items)
    if not joined.isascii() or joined.count("\x00") != len(items) - 1:  # lower-casing may change lengths
        for i, item in enumerate(items):
            out[i] = _TARGET.search(item.lower()) is not None
        return out
    low = joined.lower()
    matches: list[int] = []
    for hint, before in _TARGET_HINTS.items():
        pos = low.find(hint)
        while pos >= 0:
            # \b looks at the letters around the start, so matching inside the joined text is as in the text alone.
            matches.extend(start for start in (pos - b for b in before) if start >= 0 and _TARGET.match(low, start))
            pos = low.find(hint, pos + 1)
    ends = np.cumsum(np.fromiter(map(len, items), dtype=np.int64, count=len(items)) + 1)  # past each separator
    out[np.searchsorted(ends, np.array(matches, dtype=np.int64), side="right")] = True
    return out


def _records(frame: pd.DataFrame, columns: list[str], rows: np.ndarray) -> list[Row]:
    """Return ``rows`` of ``frame`` as dicts of the ``columns``' plain Python values (much faster than
    ``to_dict("records")``, and than taking the rows of every column first)."""
    values = [frame[c].to_numpy()[rows].tolist() for c in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def _among(values: np.ndarray, choices: list[str] | tuple[str, ...]) -> np.ndarray:
    """Return where ``values`` is one of ``choices`` (as ``np.isin``): each distinct value is compared once."""
    codes, distinct = pd.factorize(values)
    return np.append(np.isin(np.asarray(distinct, dtype=object), list(choices)), False)[codes]


def _primary(req: pd.DataFrame, p: Policy) -> pd.DataFrame:
    rel = req["composite"].to_numpy(dtype=float)
    scored = req["scored"].to_numpy()
    ppc = req["public_protection_critical"].to_numpy(dtype=bool)
    statutory = req["statutory"].to_numpy(dtype=bool)
    purpose = req["purpose"].to_numpy()
    activity = req["activity"].to_numpy()
    opu = req["occurrences_per_unit"].to_numpy(dtype=float)
    # Familiarisation follows from its directive: it goes when the directive goes, never on its own.
    familiarisation = activity == str(Activity.FAMILIARISATION)
    locked = statutory & (not p.allow_legislative_proposals)  # statutory and no legislative proposals wanted
    guarded = ppc | locked  # only simplify or retain
    rel0 = np.nan_to_num(rel, nan=-1.0)

    new_freq = _new_frequency(opu, p.reduce_divisor)
    is_target = _names_a_target(req["text"].to_numpy()) | (
        req["directive_type"].to_numpy() == str(DirectiveType.PERFORMANCE_FRAMEWORK)
    )
    remove = scored & ~ppc & ~locked & (rel0 < p.remove_max_relevance)
    replace = scored & ~guarded & _among(purpose, [str(Purpose.PROCESS), str(Purpose.OUTPUT)]) & is_target
    reduce = (
        scored
        & ~guarded
        & (rel0 < p.reduce_max_relevance)
        & _among(activity, [str(a) for a in p.reduce_activities])
        & _among(req["driver"].to_numpy(), RECURRING_DRIVERS)
        & (opu >= p.reduce_min_occurrences)
        & (new_freq < opu)
    )
    simplify = (
        scored
        & (rel0 >= p.simplify_min_relevance)
        & _among(activity, [str(a) for a in p.simplify_activities])
        & (req["minutes_central"].to_numpy() >= p.simplify_min_minutes)
    )
    devolve = (
        scored
        & ~guarded
        & (rel0 >= p.devolve_min_relevance)
        & (req["modality"].to_numpy() == str(Modality.MUST))
        & _among(purpose, [str(Purpose.INPUT), str(Purpose.PROCESS)])
    )
    action = np.select(
        [~scored | familiarisation, remove, replace, reduce, simplify, devolve],
        [RETAIN, REMOVE, REPLACE, REDUCE, SIMPLIFY, DEVOLVE],
        default=RETAIN,
    )
    keep = np.select(
        [action == REMOVE, action == REPLACE, action == REDUCE, action == SIMPLIFY, action == DEVOLVE],
        [
            np.zeros(len(req)),
            np.full(len(req), 1 - p.replace_saving_share),
            np.divide(new_freq, opu, out=np.ones(len(req)), where=opu > 0),
            np.full(len(req), 1 - p.simplify_saving_share),
            np.full(len(req), 1 - p.devolve_saving_share),
        ],
        default=1.0,
    )
    actions, ids = action.tolist(), req["requirement"].tolist()
    out = pd.DataFrame(
        {
            "id": _text([f"{a}:{r}" for a, r in zip(actions, ids, strict=True)]),
            "action": _text(actions),
            "target": _text(ids),
            "requirements": _text([(r,) for r in ids]),
            "directive": _text(req["directive"].tolist()),
            "keep": keep,
            "current_frequency": opu,
            "new_frequency": np.where(action == REDUCE, new_freq, np.nan),
            "similarity": np.nan,
            "relevance": rel,
            "statutory": statutory,
            "public_protection_critical": ppc,
            "needs_legislation": statutory & _among(action, [REMOVE, REPLACE, REDUCE, DEVOLVE]),
        }
    )
    labels: list[str | None] = [None] * len(req)
    reduced = np.flatnonzero(action == REDUCE)
    for i, value in zip(reduced.tolist(), new_freq[reduced].tolist(), strict=True):
        labels[i] = _frequency_label(value)
    out["new_frequency_label"] = _text(labels)
    for c in SUM_COLUMNS:
        out[f"saving_{c}"] = req[c].to_numpy() * (1 - keep)
    max_score = np.nan_to_num(req["max_score"].to_numpy(dtype=float), nan=0.0)
    risk = _risk(max_score)
    risk = np.where(action == SIMPLIFY, np.where(risk == "high", "medium", "low"), risk)  # one level lower
    risk = np.where(ppc & (action != RETAIN), "medium", risk)
    out["risk_level"] = _text(np.where(action == RETAIN, "none", risk).tolist())
    out["confidence"] = _text(
        _confidence(
            req["minutes_estimate"].to_numpy(), req["frequency_estimate"].to_numpy(), req["local_trusts"].to_numpy()
        ).tolist()
    )
    out["rationale"] = _text(_rationales(req, action, new_freq, p))
    out["outcome_risk"] = _text(_risk_texts(out["risk_level"].tolist(), req))
    return out


# The burden of a requirement in words: "costs 1,234 hours (0.8 FTE, £45,678) a year nationally, range ... to ...".
_BURDEN_PHRASE = "costs {:,.0f} hours ({:,.1f} FTE, £{:,.0f}) a year nationally, range {:,.0f} hours to {:,.0f} hours"
_RELEVANCE_PHRASE = "composite relevance {:.2f} (highest outcome score {:.0f} of 3)"


def _whole(values: np.ndarray) -> list[int] | None:
    """Return ``values`` rounded to integers, which ``"{:,}"`` writes as ``"{:,.0f}"`` writes the floats, but faster.

    Rounding is half to even, as the float format's. None when some value would read differently as an integer:
    NaN, an infinity, a huge value, or a negative value that rounds to zero (the float format writes "-0").
    """
    rounded = np.rint(values)
    if (
        np.isfinite(rounded).all()
        and (np.abs(rounded) < 2.0**53).all()
        and not (np.signbit(values) & (rounded == 0)).any()
    ):
        return rounded.astype(np.int64).tolist()
    return None


# Each number 0-999 as three ASCII digits and a comma, four bytes read as one 32-bit integer, for writing whole
# numbers a group of three digits at a time.
_DIGIT_GROUPS = np.frombuffer(b"".join(f"{i:03d},".encode() for i in range(1000)), dtype=np.uint32)
_POWERS_OF_TEN = 10 ** np.arange(1, 19, dtype=np.int64)


def _grouped_digits(values: np.ndarray) -> np.ndarray:
    """Return non-negative integers as ``"{:,}"`` writes them: one row of ASCII bytes each, padded left with 0 bytes."""
    groups = max(1, -(-len(str(int(values.max(initial=0)))) // 3))
    words = np.empty((len(values), groups), dtype=np.uint32)
    for g in range(groups):
        words[:, groups - 1 - g] = _DIGIT_GROUPS[(values // 1000**g) % 1000]
    text = words.view(np.uint8).reshape(len(values), 4 * groups)[:, :-1]  # the last group's comma goes
    digits = 1 + np.searchsorted(_POWERS_OF_TEN, values, side="right")
    width = digits + (digits - 1) // 3
    return np.where(np.arange(text.shape[1]) < text.shape[1] - width[:, None], np.uint8(0), text)


def _joined_rows(pieces: list[bytes | np.ndarray], n: int) -> list[str]:
    """Return ``n`` strings, each the pieces in order: constant words (bytes) and rows of ASCII (0 bytes left out)."""
    columns = [
        np.broadcast_to(np.frombuffer(p, dtype=np.uint8), (n, len(p))) if isinstance(p, bytes) else p for p in pieces
    ]
    columns.append(np.full((n, 1), ord("\n"), dtype=np.uint8))
    text = np.concatenate(columns, axis=1).ravel()
    return text[text != 0].tobytes().decode("utf-8").split("\n")[:-1]


def _burden_phrases(req: pd.DataFrame) -> list[str]:
    """Return each requirement's burden in words (:data:`_BURDEN_PHRASE`), written for all rows at once.

    Whole numbers and tenths are written as rows of ASCII digits with whole-array operations, which gives the
    float format's words at a fraction of the cost of one format call per row. A row whose figures the digits
    could write differently (negative, not finite, huge, or tenths within a rounding error of a half) is
    formatted as before.
    """
    whole = ("hours_central", "cost_central", "hours_low", "hours_high")
    numbers = [req[c].to_numpy(dtype=float) for c in whole]
    fte = req["fte_central"].to_numpy(dtype=float)
    n = len(req)
    with np.errstate(invalid="ignore", over="ignore"):
        tenths = fte * 10
        simple = np.isfinite(tenths) & ~np.signbit(fte) & (tenths < 2.0**52)
        simple &= np.abs(tenths - np.floor(tenths) - 0.5) > 2 * np.spacing(np.where(simple, tenths, 1.0))
        for values in numbers:
            simple &= np.isfinite(values) & ~np.signbit(values) & (values < 2.0**53)
    if n == 0:
        return []
    ints = [np.where(simple, np.rint(v), 0).astype(np.int64) for v in numbers]
    tenth = np.where(simple, np.rint(tenths), 0).astype(np.int64)
    hours, cost, low, high = (_grouped_digits(v) for v in ints)
    decimal = (tenth % 10 + ord("0")).astype(np.uint8)[:, None]
    pieces: list[bytes | np.ndarray] = [
        b"costs ", hours, b" hours (", _grouped_digits(tenth // 10), b".", decimal, " FTE, £".encode(), cost,
        b") a year nationally, range ", low, b" hours to ", high, b" hours",
    ]  # fmt: skip
    out = _joined_rows(pieces, n)
    for i in np.flatnonzero(~simple).tolist():
        out[i] = _BURDEN_PHRASE.format(*(v[i] for v in numbers[:1]), fte[i], *(v[i] for v in numbers[1:]))
    return out


def _relevance_phrases(composite: np.ndarray, max_score: np.ndarray, scored: np.ndarray) -> list[str]:
    """Return each scored requirement's relevance in words ("" when unscored), each distinct pair formatted once.

    A composite is one of few values (scores 0-3 against a handful of weighted outcomes), so most rows repeat.
    Values are told apart by their bits, so 0.0 and -0.0 (equal, but written differently) stay apart.
    """
    out = np.full(len(composite), "", dtype=object)
    rows = np.flatnonzero(scored)
    value_codes, distinct_values = pd.factorize(np.ascontiguousarray(composite[rows], dtype=np.float64).view(np.int64))
    score_codes, distinct_scores = pd.factorize(np.ascontiguousarray(max_score[rows], dtype=np.float64).view(np.int64))
    width = max(len(distinct_scores), 1)
    pair_codes, pairs = pd.factorize(value_codes * width + score_codes)
    values = np.asarray(distinct_values, dtype=np.int64).view(np.float64)[pairs // width].tolist()
    scores = np.asarray(distinct_scores, dtype=np.int64).view(np.float64)[pairs % width].tolist()
    phrases = [_RELEVANCE_PHRASE.format(value, score) for value, score in zip(values, scores, strict=True)]
    out[rows] = np.array(phrases, dtype=object)[pair_codes] if phrases else []
    return out.tolist()


def _rationales(req: pd.DataFrame, action: np.ndarray, new_freq: np.ndarray, p: Policy) -> list[str]:
    """Return each row's rationale: why its action was proposed, with its burden in words.

    Built a rule at a time over whole columns (one format per row), not a dict per row: at 50,000 requirements
    the per-row dicts cost more than the rest of the proposals.
    """
    n = len(req)
    burden = _burden_phrases(req)
    activity = req["activity"].to_numpy()
    scored = req["scored"].to_numpy(dtype=bool)
    fam = activity == str(Activity.FAMILIARISATION)
    out = [""] * n
    for i in np.flatnonzero(fam).tolist():
        out[i] = (
            "Retain: familiarisation with a directive goes when the directive is cancelled or consolidated, not on "
            f"its own. It {burden[i]}."
        )
    for i in np.flatnonzero(~fam & ~scored).tolist():
        out[i] = f"Retain for now: not yet scored against the outcomes; it {burden[i]}. Score it before deciding."
    rest = ~fam & scored
    col = {c: req[c].tolist() for c in ("composite", "max_score", "activity", "statutory", "statutory_basis",
                                          "public_protection_critical", "purpose", "occurrences_per_unit",
                                          "minutes_central", "modality")}  # fmt: skip
    col["_new"] = new_freq.tolist()
    rel = _relevance_phrases(req["composite"].to_numpy(dtype=float), req["max_score"].to_numpy(dtype=float), rest)
    words = {a: label(a).lower() for a in set(col["activity"])}  # "sign-off", "information gathering"
    statutory, basis, ppc = col["statutory"], col["statutory_basis"], col["public_protection_critical"]
    purpose, opu, new = col["purpose"], col["occurrences_per_unit"], col["_new"]
    # Each row's words are a beginning, its burden and an end; the beginnings and ends depend on a few fields with
    # few values each, so each distinct one is written once.
    said: dict[tuple[Any, ...], tuple[str, str]] = {}
    remove_below = f"{p.remove_max_relevance:.2f}"
    for i in np.flatnonzero(rest & (action == REMOVE)).tolist():
        key: tuple[Any, ...] = (REMOVE, rel[i], bool(statutory[i]), basis[i] if statutory[i] else None)
        parts = said.get(key)
        if parts is None:
            legal = f" It is statutory ({basis[i]}): removal needs legislation." if statutory[i] else ""
            parts = said[key] = (
                f"Remove: {rel[i]} is below the {remove_below} threshold; not public-protection critical"
                f"{'' if statutory[i] else ' and not statutory'}. It ",
                f"; removal saves all of it.{legal}",
            )
        out[i] = f"{parts[0]}{burden[i]}{parts[1]}"
    replace_saves = (
        f"; measuring the outcome from existing data instead saves an estimated {p.replace_saving_share:.0%}."
    )
    begun: dict[tuple[Any, ...], str] = {}
    for i in np.flatnonzero(rest & (action == REPLACE)).tolist():
        key = (REPLACE, purpose[i], rel[i])
        start = begun.get(key)
        if start is None:
            start = begun[key] = f"Replace with an outcome measure: {_a(purpose[i])} target ({rel[i]}). It "
        out[i] = f"{start}{burden[i]}{replace_saves}"
    reduce_below = f"{p.reduce_max_relevance:.2f}"
    for i in np.flatnonzero(rest & (action == REDUCE)).tolist():
        out[i] = (
            f"Reduce frequency from {_frequency_label(opu[i])} to {_frequency_label(new[i])}:"
            f" a recurring {words[col['activity'][i]]} requirement of moderate relevance ({rel[i]}, below "
            f"{reduce_below}). It {burden[i]}; the new frequency keeps "
            f"{new[i] / opu[i]:.0%} of it."
        )
    heavy = f"(at least {p.simplify_min_minutes:g} is heavy)"
    simplify_saves = f"; fewer data items and sign-offs save an estimated {p.simplify_saving_share:.0%}."
    for i in np.flatnonzero(rest & (action == SIMPLIFY)).tolist():
        critical = " It is public-protection critical, so it is simplified, never removed." if ppc[i] else ""
        out[i] = (
            f"Simplify: {_a(words[col['activity'][i]])} step of {col['minutes_central'][i]:g} minutes each time "
            f"{heavy} whose purpose is sound ({rel[i]}). It {burden[i]}{simplify_saves}{critical}"
        )
    devolve_saves = f"; discretion for low-risk cases saves an estimated {p.devolve_saving_share:.0%}."
    for i in np.flatnonzero(rest & (action == DEVOLVE)).tolist():
        key = (DEVOLVE, col["modality"][i], purpose[i], rel[i])
        start = begun.get(key)
        if start is None:
            start = begun[key] = (
                f"Devolve to local discretion: a prescriptive '{col['modality'][i]}' on the {purpose[i]} ({rel[i]}). "
                "Set the outcome and leave the method to the trust. It "
            )
        out[i] = f"{start}{burden[i]}{devolve_saves}"
    retained = rest & ~_among(action, [REMOVE, REPLACE, REDUCE, SIMPLIFY, DEVOLVE])
    # The reasons depend on a few fields with few values each: each distinct combination is written once.
    reasons_said: dict[tuple[Any, ...], str] = {}
    for i in np.flatnonzero(retained).tolist():
        high = col["composite"][i] >= p.reduce_max_relevance
        key = (bool(ppc[i]), bool(statutory[i]), basis[i] if statutory[i] else None, high, rel[i])
        reason = reasons_said.get(key)
        if reason is None:
            reasons = []
            if ppc[i]:
                reasons.append("public-protection critical (never removed; no heavy recording step to simplify)")
            if statutory[i]:
                reasons.append(f"statutory ({basis[i]}): changes need legislation")
            if high:
                reasons.append(f"high relevance ({rel[i]}, at least {p.reduce_max_relevance:.2f})")
            if not reasons:
                reasons.append(
                    f"{rel[i]}; no rule applies (not a recurring return, a heavy step or a prescriptive process)"
                )
            reason = reasons_said[key] = f"Retain: {'; '.join(reasons)}. It "
        out[i] = f"{reason}{burden[i]}."
    return out


def _risk_texts(levels: list[str], frame: pd.DataFrame) -> list[str]:
    """Return each row's outcome risk in words: its level and the outcome it contributes to most.

    The words depend on a few fields with few values each, so each distinct combination is written once.
    """
    names, keys = frame["best_outcome_name"].tolist(), frame["best_outcome"].tolist()
    scores, ppc = frame["max_score"].tolist(), frame["public_protection_critical"].tolist()
    seen: dict[tuple[Any, ...], str] = {}
    out = []
    for combination in zip(levels, names, keys, scores, ppc, strict=True):
        text = seen.get(combination)
        if text is None:
            level, name, key, score, critical = combination
            if level == "none":
                text = "none: no change proposed"
            else:
                best = name or key or "no outcome"
                extra = "; public-protection critical" if critical else ""
                text = (f"{level}: strongest contribution is to '{best}' (score "
                        f"{0 if pd.isna(score) else int(score)} of 3){extra}")  # fmt: skip
            seen[combination] = text
        out.append(text)
    return out


def _merges(req: pd.DataFrame, p: Policy) -> pd.DataFrame:
    # Only the columns merge detection reads, of the requirements that are not familiarisation (copying the
    # whole frame to drop those rows costs more than the look-ups).
    activity = req["activity"].to_numpy()
    considered = activity != str(Activity.FAMILIARISATION)
    ids = req["requirement"].to_numpy()
    pairs = similar_pairs(
        ids[considered],
        req["text"].to_numpy()[considered],
        activity[considered],
        req["directive"].to_numpy()[considered],
        min_similarity=p.merge_min_similarity,
    )
    if pairs.empty:
        return pd.DataFrame(columns=[c for c in COLUMNS if c != "rank"])
    involved = set(pairs["a"]) | set(pairs["b"])
    # Only the fields a merge reads: a dict of every column per involved requirement costs more than the merges.
    fields = ["requirement", "directive", "activity", "public_protection_critical", "statutory", "occurrences_per_unit",
              "composite", *SUM_COLUMNS]  # fmt: skip
    rows_involved = np.flatnonzero(considered & req["requirement"].isin(involved).to_numpy())
    info = {r["requirement"]: r for r in _records(req, fields, rows_involved)}
    eligible = {
        k: not r["public_protection_critical"] and not (r["statutory"] and not p.allow_legislative_proposals)
        for k, r in info.items()
    }
    hours = {k: r["hours_central"] for k, r in info.items()}
    absorbed: set[str] = set()
    rows = []
    for a, b, sim in zip(pairs["a"], pairs["b"], pairs["similarity"], strict=True):
        if a in absorbed or b in absorbed:
            continue
        # Absorb the smaller one (ties: the later id) if allowed, else the other if allowed.
        order = sorted([a, b], key=lambda r: (hours[r], r == min(a, b)))
        choice = next((r for r in order if eligible[r]), None)
        if choice is None:
            continue
        survivor = b if choice == a else a
        absorbed.add(choice)
        rows.append((a, b, float(sim), choice, survivor))
    if not rows:
        return pd.DataFrame(columns=[c for c in COLUMNS if c != "rank"])
    keep = 1 - p.merge_saving_share
    gone_rows, stay_rows = [info[gone] for *_, gone, _ in rows], [info[stay] for *_, stay in rows]
    rationales = []
    for (_, _, sim, gone, stay), r, s in zip(rows, gone_rows, stay_rows, strict=True):
        rationales.append(
            f"Merge {gone} ({r['directive']}) into {stay} ({s['directive']}): both are "
            f"{_activity(r)} requirements and their wording is {sim:.0%} similar (threshold "
            f"{p.merge_min_similarity:.0%}). {gone} costs {_hours(r['hours_central'])} ({r['fte_central']:,.1f} FTE, "
            f"{_money(r['cost_central'])}) a year nationally; collecting it once saves an estimated "
            f"{p.merge_saving_share:.0%} of that."
        )
    similarity = [sim for _, _, sim, _, _ in rows]
    statutory = [bool(r["statutory"]) for r in gone_rows]
    columns: dict[str, list[Any]] = {
        "id": [f"merge:{a}+{b}" for a, b, *_ in rows],
        "action": [MERGE] * len(rows),
        "target": [gone for *_, gone, _ in rows],
        "requirements": [(a, b) for a, b, *_ in rows],
        "directive": [r["directive"] for r in gone_rows],
        "rationale": rationales,
        "keep": [keep] * len(rows),
        "current_frequency": [float(r["occurrences_per_unit"]) for r in gone_rows],
        "new_frequency": [np.nan] * len(rows),
        "new_frequency_label": [None] * len(rows),
        "similarity": similarity,
        "relevance": [float(r["composite"]) if pd.notna(r["composite"]) else np.nan for r in gone_rows],
        **{f"saving_{c}": [float(r[c]) * (1 - keep) for r in gone_rows] for c in SUM_COLUMNS},
        "risk_level": ["low"] * len(rows),
        "outcome_risk": [f"low: the same information is still collected once, under {stay}" for *_, stay in rows],
        "confidence": ["high" if sim >= 0.8 else "medium" for sim in similarity],
        "needs_legislation": statutory,
        "statutory": statutory,
        "public_protection_critical": [bool(r["public_protection_critical"]) for r in gone_rows],
    }
    return pd.DataFrame(columns)


def keep_factors(burden: Burden, proposals: pd.DataFrame, accepted_ids: list[str] | set[str]) -> np.ndarray:
    """Return the fraction of each requirement's recurring burden kept once the accepted proposals apply."""
    keep = np.ones(len(burden.requirements))
    chosen = proposals[proposals["id"].isin(set(accepted_ids))]
    if chosen.empty:
        return keep
    rows = pd.Series(np.arange(len(burden.requirements)), index=burden.requirements["requirement"])
    idx = chosen["target"].map(rows)
    ok = idx.notna().to_numpy()
    np.multiply.at(keep, idx[ok].astype(np.intp).to_numpy(), chosen["keep"].to_numpy(dtype=float)[ok])
    return keep


def proposal_trust_savings(burden: Burden, proposals: pd.DataFrame, ids: list[str] | None = None) -> pd.DataFrame:
    """Return each proposal's savings in each trust (hours, FTE, cost; low/central/high)."""
    chosen = proposals if ids is None else proposals[proposals["id"].isin(set(ids))]
    chosen = chosen[chosen["keep"] < 1]
    columns = ["id", "trust", *SAVING_COLUMNS]
    if chosen.empty:
        return pd.DataFrame(columns=columns)
    cells = burden_table(burden, requirements=sorted(set(chosen["target"])))
    joined = chosen[["id", "target", "keep"]].merge(cells, left_on="target", right_on="requirement")
    cut = 1 - joined["keep"].to_numpy()
    out = pd.DataFrame({"id": joined["id"].to_numpy(), "trust": joined["trust"].to_numpy()})
    for m in MEASURES:
        for x in LEVELS:
            out[f"saving_{m}_{x}"] = joined[f"{m}_{x}"].to_numpy() * cut
    return out.sort_values(["id", "trust"], kind="mergesort").reset_index(drop=True)
