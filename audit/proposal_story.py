"""A proposal's whole story: its requirement, why the rule proposed it, what it saves, its review, its scenarios.

One function gathers what the Proposals page shows on one screen (and what a report or the command line may
show): the requirement's text and directive, the rule's tests with the figures and the policy thresholds they
were held against, the saving with its range and its Monte Carlo interval, every reviewer's decision and comment,
and the scenarios that accept or reject it.

Public API

- :class:`ProposalStory` (frozen), with :class:`RequirementBrief`, :class:`RuleCheck`, :class:`SavingFigures`,
  :class:`ReviewEntry`.
- :func:`proposal_story(result, proposal_id, *, decisions=(), scenarios=(), draws=DRAWS, seed=SEED)
  -> ProposalStory` (raises :class:`catalogue.names.UnknownName` with suggestions for an id that is no proposal).
- :func:`resolve_proposal(typed, ids) -> str`: the proposal id a typed id means (case and spacing aside).
- :func:`requirement_texts(proposals, requirements) -> list[str]`: each proposal's requirement text (both texts of
  a merge), for tables that show a proposal id.
- :func:`proposal_name(proposal_id) -> str`: a proposal id in words, its action's label and its requirement.
- :func:`proposal_title(proposal_id, text, width=None) -> str`: a proposal's name with its requirement's text,
  shortened to ``width`` characters for pickers and chart labels.

>>> proposal_name("reduce_frequency:NS07-TIER")
'Reduce frequency: NS07-TIER'
>>> proposal_title("devolve:NS07-TIER", "Offender managers must allocate every case to a tier.", width=52)
'Devolve to trusts: NS07-TIER — Offender managers…'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict

from audit.engine import AuditResult
from audit.policy import Policy, format_setting, setting_label
from audit.proposals import (
    DEVOLVE,
    MERGE,
    PERIODS,
    REDUCE,
    REMOVE,
    REPLACE,
    RETAIN,
    SIMPLIFY,
    action_label,
)
from audit.review import UNDECIDED, Decision
from audit.scenarios import ACCEPTED, REJECTED, Scenario
from audit.uncertainty import DRAWS, SEED, saving_interval
from catalogue.names import UnknownName, resolve_name
from catalogue.types import Modality, Purpose, label

INTERVAL_METHOD = (
    "Monte Carlo, {draws} draws (seed {seed}): the requirement's national minutes drawn from a triangular "
    "distribution on its low, central and high figures, the same in every trust; trusts' own measured minutes, "
    "frequencies, volumes, pay and overheads held at their stated values. The interval is the 5th to 95th "
    "percentile of the saving over the draws; the range sets every figure at its low or its high end at once."
)
MEASURE_WORDS = {"hours": "Hours a year", "fte": "Full-time equivalents", "cost": "Money a year"}


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RequirementBrief(_Value):
    """A requirement the proposal changes: its id, words and directive."""

    id: str
    text: str
    directive: str
    directive_title: str
    statutory_basis: str | None = None


class RuleCheck(_Value):
    """One test of the rule that chose the proposal: the requirement's figure against the policy's threshold."""

    test: str  # what was tested, in words
    value: str  # the requirement's figure
    rule: str  # the condition, with the threshold ("below 0.5")
    setting: str | None = None  # the policy setting that holds the threshold, by its label
    met: bool


class SavingFigures(_Value):
    """What the proposal saves a year in one measure: central, the low-high range and the Monte Carlo interval."""

    measure: str  # hours | fte | cost
    label: str
    central: float
    low: float  # every figure at its low end
    high: float  # every figure at its high end
    p05: float
    p50: float
    p95: float


class ReviewEntry(_Value):
    """One reviewer's decision on the proposal."""

    decision: str
    reviewer: str
    decided_at: str
    comment: str
    scenario: str | None = None


class ProposalStory(_Value):
    """Everything about one proposal, for one screen."""

    id: str
    rank: int
    action: str
    action_label: str
    title: str
    requirements: list[RequirementBrief]
    directive: str
    rationale: str
    checks: list[RuleCheck]
    savings: list[SavingFigures]
    interval_method: str
    risk: str
    confidence: str
    needs_legislation: bool
    status: str  # the latest decision, or "undecided"
    reviews: list[ReviewEntry]  # oldest first
    comments: int
    last_comment: str | None
    accepted_in: list[str]
    rejected_in: list[str]

    @property
    def target(self) -> str:
        """The requirement whose burden the proposal cuts (for a merge, the one absorbed)."""
        return self.requirements[0].id


def resolve_proposal(typed: str, ids: Sequence[str]) -> str:
    """Return the proposal id that ``typed`` names (case and spacing aside); raise UnknownName with suggestions."""
    return resolve_name(typed, ids, "proposal")


def proposal_name(proposal_id: str) -> str:
    """Return a proposal id as people read it: its action's label and the requirement(s) it changes.

    An id is ``action:target`` (``merge:A+B`` for a merge); anything else is returned as it is.
    """
    action, sep, target = proposal_id.partition(":")
    if not sep or not target:
        return proposal_id
    return f"{action_label(action)}: {target.replace('+', ' and ')}"


def proposal_title(proposal_id: str, text: str, width: int | None = None) -> str:
    """Return ``name — text`` (:func:`proposal_name`), the text cut at a word to fit ``width`` characters in all."""
    head = f"{proposal_name(proposal_id)} — "
    if width is None or len(head) + len(text) <= width:
        return head + text
    room = max(width - len(head) - 1, 8)
    cut = text[:room].rsplit(" ", 1)[0] if " " in text[:room] else text[:room]
    return head + cut.rstrip(" ,;:.") + "…"


def requirement_texts(proposals: pd.DataFrame, requirements: pd.DataFrame) -> list[str]:
    """Return each proposal's requirement text; a merge gives both requirements' texts, absorbed one first."""
    texts = dict(zip(requirements["requirement"], requirements["text"], strict=True))
    out = []
    for target, reqs in zip(proposals["target"], proposals["requirements"], strict=True):
        others = [r for r in (reqs if isinstance(reqs, list | tuple) else [reqs]) if r != target]
        parts = [texts.get(target, "")] + [f"{r}: {texts.get(r, '')}" for r in others]
        out.append(" | ".join(p for p in parts if p))
    return out


def _share(name: str, policy: Policy) -> str:
    return format_setting(name, getattr(policy, name))


def _relevance(row: dict[str, Any]) -> str:
    return "not scored" if pd.isna(row["composite"]) else f"{row['composite']:.2f}"


def _checks(p: dict[str, Any], row: dict[str, Any], policy: Policy) -> list[RuleCheck]:
    """Return the tests of the rule that chose ``p``'s action, with the requirement's figures in ``row``."""
    rel = row["composite"]
    scored = not pd.isna(rel)
    relevance = _relevance(row)
    action = p["action"]

    def threshold(test: str, value: str, word: str, setting: str, met: bool) -> RuleCheck:
        shown = format_setting(setting, getattr(policy, setting))
        return RuleCheck(test=test, value=value, rule=f"{word} {shown}", setting=setting_label(setting), met=met)

    def activity_in(setting: str) -> RuleCheck:
        """The rule's first test: the requirement's activity is one the setting lists."""
        listed = format_setting(setting, getattr(policy, setting))
        value = label(row["activity"])
        return RuleCheck(
            test="Activity", value=value, rule=f"one of {listed}", setting=setting_label(setting), met=True
        )

    def saving(setting: str) -> RuleCheck:
        return RuleCheck(
            test="Share of the time saved",
            value=_share(setting, policy),
            rule="an estimate held in the policy",
            setting=setting_label(setting),
            met=True,
        )

    guarded = [
        RuleCheck(
            test="Public-protection critical",
            value="yes" if row["public_protection_critical"] else "no",
            rule="critical requirements are only simplified or retained",
            met=action in (SIMPLIFY, RETAIN) or not row["public_protection_critical"],
        ),
        RuleCheck(
            test="Statutory",
            value=f"yes ({row['statutory_basis']})" if row["statutory"] else "no",
            rule="a change to a statutory requirement needs legislation",
            met=True,
        ),
    ]
    if action == REMOVE:
        return [
            threshold(
                "Composite relevance",
                relevance,
                "below",
                "remove_max_relevance",
                scored and rel < policy.remove_max_relevance,
            ),
            *guarded,
        ]
    if action == REPLACE:
        return [
            RuleCheck(
                test="Purpose",
                value=label(row["purpose"]),
                rule=f"{label(str(Purpose.PROCESS))} or {label(str(Purpose.OUTPUT))}",
                met=row["purpose"] in (str(Purpose.PROCESS), str(Purpose.OUTPUT)),
            ),
            RuleCheck(
                test="Wording",
                value=row["text"],
                rule="names a target, per cent, timeliness or performance measure, or the directive is a "
                "performance framework",
                met=True,
            ),
            saving("replace_saving_share"),
            *guarded,
        ]
    if action == REDUCE:
        current = float(row["occurrences_per_unit"])
        return [
            activity_in("reduce_activities"),
            threshold(
                "Occurrences a year per case, trust or officer",
                f"{current:g}",
                "at least",
                "reduce_min_occurrences",
                current >= policy.reduce_min_occurrences,
            ),
            threshold(
                "Composite relevance",
                relevance,
                "below",
                "reduce_max_relevance",
                scored and rel < policy.reduce_max_relevance,
            ),
            RuleCheck(
                test="New frequency",
                value=PERIODS.get(float(p["new_frequency"]), f"{p['new_frequency']:g} a year"),
                rule=f"the largest standard period at or below the current one divided by {policy.reduce_divisor:g}",
                setting=setting_label("reduce_divisor"),
                met=True,
            ),
            *guarded,
        ]
    if action == SIMPLIFY:
        minutes = float(row["minutes_central"])
        return [
            activity_in("simplify_activities"),
            threshold(
                "Minutes each time",
                f"{minutes:g}",
                "at least",
                "simplify_min_minutes",
                minutes >= policy.simplify_min_minutes,
            ),
            threshold(
                "Composite relevance",
                relevance,
                "at least",
                "simplify_min_relevance",
                scored and rel >= policy.simplify_min_relevance,
            ),
            saving("simplify_saving_share"),
            *guarded,
        ]
    if action == DEVOLVE:
        return [
            RuleCheck(
                test="Modality",
                value=str(row["modality"]),
                rule=f"'{Modality.MUST}': a prescribed method",
                met=row["modality"] == str(Modality.MUST),
            ),
            RuleCheck(
                test="Purpose",
                value=label(row["purpose"]),
                rule=f"{label(str(Purpose.INPUT))} or {label(str(Purpose.PROCESS))}",
                met=row["purpose"] in (str(Purpose.INPUT), str(Purpose.PROCESS)),
            ),
            threshold(
                "Composite relevance",
                relevance,
                "at least",
                "devolve_min_relevance",
                scored and rel >= policy.devolve_min_relevance,
            ),
            saving("devolve_saving_share"),
            *guarded,
        ]
    if action == MERGE:
        similarity = float(p["similarity"])
        return [
            RuleCheck(
                test="Similarity of the wording",
                value=f"{similarity:.0%}",
                rule=f"at least {policy.merge_min_similarity:.0%}",
                setting=setting_label("merge_min_similarity"),
                met=similarity >= policy.merge_min_similarity,
            ),
            RuleCheck(test="Activity", value=label(row["activity"]), rule="the same in both requirements", met=True),
            saving("merge_saving_share"),
            *guarded,
        ]
    return [
        RuleCheck(test="Composite relevance", value=relevance, rule="no rule to change it applies", met=True),
        *guarded,
    ]


def _brief(row: dict[str, Any]) -> RequirementBrief:
    basis = row.get("statutory_basis")
    return RequirementBrief(
        id=str(row["requirement"]),
        text=str(row["text"]),
        directive=str(row["directive"]),
        directive_title=str(row.get("directive_title") or ""),
        statutory_basis=str(basis) if isinstance(basis, str) and basis else None,
    )


def proposal_story(
    result: AuditResult,
    proposal_id: str,
    *,
    decisions: Sequence[Decision] = (),
    scenarios: Sequence[Scenario] = (),
    draws: int = DRAWS,
    seed: int = SEED,
) -> ProposalStory:
    """Return the whole story of one proposal of the audit ``result`` (see the module text).

    ``decisions`` are the reviewers' decisions (any proposals'; :func:`audit.review.decisions`), ``scenarios`` the
    stored scenarios (:func:`audit.scenarios.list_scenarios`).
    """
    props = result.proposals
    pid = resolve_proposal(proposal_id, list(props["id"]))
    p = props[props["id"] == pid].iloc[0].to_dict()
    req = result.burden.requirements.merge(
        result.relevance[["requirement", "composite"]], on="requirement", how="left"
    ).set_index("requirement", drop=False)
    members = [p["target"], *[r for r in p["requirements"] if r != p["target"]]]
    rows = {r: req.loc[r].to_dict() for r in members if r in req.index}
    if p["target"] not in rows:  # cannot happen for an audit's own proposal; said plainly if it does
        raise UnknownName("requirement", str(p["target"]))
    target = rows[p["target"]]
    cut = 1.0 - float(p["keep"])
    interval = saving_interval(result.burden, p["target"], cut, draws=draws, seed=seed)
    savings = [
        SavingFigures(
            measure=m,
            label=MEASURE_WORDS[m],
            central=float(p[f"saving_{m}_central"]),
            low=float(p[f"saving_{m}_low"]),
            high=float(p[f"saving_{m}_high"]),
            **interval[m],
        )
        for m in ("hours", "fte", "cost")
    ]
    own = [d for d in decisions if d.proposal_id == pid]
    reviews = [
        ReviewEntry(
            decision=d.decision, reviewer=d.reviewer, decided_at=d.decided_at, comment=d.comment, scenario=d.scenario
        )
        for d in own
    ]
    commented = [r.comment for r in reviews if r.comment.strip()]
    text = target["text"]
    return ProposalStory(
        id=pid,
        rank=int(p["rank"]),
        action=str(p["action"]),
        action_label=action_label(p["action"]),
        title=f"{action_label(p['action'])}: {p['target']} — {text}",
        requirements=[_brief(rows[r]) for r in members if r in rows],
        directive=str(p["directive"]),
        rationale=str(p["rationale"]),
        checks=_checks(p, target, result.policy),
        savings=savings,
        interval_method=INTERVAL_METHOD.format(draws=draws, seed=seed),
        risk=str(p["outcome_risk"]),
        confidence=str(p["confidence"]),
        needs_legislation=bool(p["needs_legislation"]),
        status=reviews[-1].decision if reviews else UNDECIDED,
        reviews=reviews,
        comments=len(commented),
        last_comment=commented[-1] if commented else None,
        accepted_in=sorted(s.name for s in scenarios if s.decisions.get(pid) == ACCEPTED),
        rejected_in=sorted(s.name for s in scenarios if s.decisions.get(pid) == REJECTED),
    )
