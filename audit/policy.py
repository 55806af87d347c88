"""The audit policy: every rate, date and threshold the audit uses, each with its provenance.

Public API

- :class:`Policy`: frozen pydantic model (``extra="forbid"``); ``Policy()`` gives the defaults.
  ``policy.provenance[field]`` says where each value comes from; ``policy.with_values(actor=..., reason=...,
  **changes)`` returns a changed copy whose changed values are marked as the user's estimates.
- :func:`load_policy` / :func:`save_policy` / :func:`reset_policy`: the policy in the ``settings`` table
  (key ``audit.policy``, JSON), falling back to the defaults.
- :func:`change_policy`: the one way pages and commands change settings: only values that differ count as a
  change, every change needs a reason, and it returns what changed (:class:`SettingChange`, old -> new in words).
- :func:`describe_policy`: one row per value (name, plain label, value, source) for tables and reports;
  :func:`setting_label` and :func:`format_setting` give a setting's name and value in words (shares as %,
  grades and outcomes by the catalogue's names, :func:`code_names`).

>>> Policy().overhead_rate
0.25
>>> changed = Policy().with_values(overhead_rate=0.3, actor="analyst", reason="sensitivity")
>>> changed.provenance["overhead_rate"].describe()
'Estimate: set by analyst: sensitivity'

"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from sqlite_utils import Database

from audit.errors import PolicyProblems
from catalogue.models import Provenance
from catalogue.types import Activity, Code, RequirementId, Share, Weight

if TYPE_CHECKING:
    from catalogue.models import Catalogue

SETTING_KEY = "audit.policy"

# Public documents the defaults cite (never our own research notes).
_LEITFADEN = (
    "Statistisches Bundesamt and Nationaler Normenkontrollrat, Leitfaden zur Ermittlung und Darstellung des "
    "Erfüllungsaufwands in Regelungsvorhaben der Bundesregierung"
)
_ZEITWERTE = "https://fragdenstaat.de/dokumente/246481-ordner-2/?page=469"
_NOMS_2008 = "NOMS report, December 2008, quoted in a parliamentary answer by the prisons minister Crispin Blunt"

_CANADA_RCC = "Treasury Board of Canada Secretariat, Regulatory Cost Calculator user guide"
_CANADA_RCC_ADDRESS = "https://wiki.gccollab.ca/Special:MobileDiff/133150"

DEFAULT_PROVENANCE: dict[str, Provenance] = {
    "audit_date": Provenance.estimate(
        "convention: 31 March 2011, the end of 2010-11, the probation trusts' first full financial year"
    ),
    "overhead_rate": Provenance.estimate(
        "Standard Cost Model convention of a 25% overhead on labour cost, not found in a published source; "
        "vary it (the Eurostat grants guidelines' flat rate for indirect costs is 30%)"
    ),
    "productive_hours_override": Provenance.estimate(
        "none set: each staff grade's own productive hours a year are used"
    ),
    "bau_share": Provenance.estimate(
        "none set: each requirement's own business-as-usual share (with its source) is used; a share set here "
        "for a requirement replaces it (the Standard Cost Model's business-as-usual netting)"
    ),
    "one_off_method": Provenance.cite(
        _CANADA_RCC,
        "one-for-one rule: costs discounted at 7% over a period of 10 years",
        _CANADA_RCC_ADDRESS,
        note="one-off costs shown as the equal yearly amount (annuity) over that period",
    ),
    "one_off_years": Provenance.cite(_CANADA_RCC, "a period of 10 years", _CANADA_RCC_ADDRESS),
    "discount_rate": Provenance.cite(_CANADA_RCC, "a rate of 7%", _CANADA_RCC_ADDRESS),
    "familiarisation_window_months": Provenance.estimate(
        "directives issued in the 12 months to the audit date count as new in the audit year"
    ),
    "familiarisation_minutes_low": Provenance.cite(
        _LEITFADEN, "Tabelle 5, Zeitwerttabelle Verwaltung, row 1 'einfach'", _ZEITWERTE, note="2 minutes per person"
    ),
    "familiarisation_minutes_central": Provenance.cite(
        _LEITFADEN, "Tabelle 5, Zeitwerttabelle Verwaltung, row 1 'mittel'", _ZEITWERTE, note="35 minutes per person"
    ),
    "familiarisation_minutes_high": Provenance.cite(
        _LEITFADEN, "Tabelle 5, Zeitwerttabelle Verwaltung, row 1 'hoch'", _ZEITWERTE, note="413 minutes per person"
    ),
    "direct_contact_share": Provenance.cite(
        _NOMS_2008,
        address="http://www.techeye.net/business/probation-officers-spend-41-percent-of-time-sat-by-pc",
        note="24% of PO/PSO time in direct contact with offenders",
    ),
    "direct_contact_grades": Provenance.cite(
        _NOMS_2008,
        note="the 24% is a share of PO/PSO time, so it applies to grades po and pso (all grades if neither exists)",
    ),
    "outcome_weights": Provenance.estimate("none set: the catalogue's own outcome weights are used"),
    "relevance_peak_weight": Provenance.estimate(
        "composite = 70% strongest weighted outcome score + 30% weighted mean, so a requirement that serves "
        "one outcome directly is not rated low because it serves only one"
    ),
    "remove_max_relevance": Provenance.estimate(
        "below 0.30 no outcome is served more than weakly (score 1); basis: the Red Tape Challenge's reverse "
        "burden of proof (a rule stays only when its purpose is shown)"
    ),
    "reduce_max_relevance": Provenance.estimate("0.30-0.60 is 'moderate' relevance: at best a partial contribution"),
    "reduce_min_occurrences": Provenance.estimate(
        "only requirements recurring at least twice a year per unit can be made less frequent"
    ),
    "reduce_divisor": Provenance.estimate(
        "at least halve the frequency, to the next standard period (monthly -> quarterly); precedent: PC 24/2004 "
        "cut monthly National Standards monitoring"
    ),
    "reduce_activities": Provenance.estimate("returns, reviews and meetings, as the issue's rule names them"),
    "simplify_activities": Provenance.estimate("recording, sign-off and evidence-gathering steps"),
    "simplify_min_minutes": Provenance.estimate("a step of 20 minutes or more each time is 'heavy'"),
    "simplify_min_relevance": Provenance.estimate("purpose is sound when relevance is at least moderate (0.30)"),
    "simplify_saving_share": Provenance.estimate(
        "40% of the time saved, by analogy with the stop-and-search record cut from 12 to 7 items "
        "(police stop-and-search form); not a probation measurement"
    ),
    "devolve_min_relevance": Provenance.estimate("only requirements that serve an outcome are devolved, not removed"),
    "devolve_saving_share": Provenance.estimate(
        "25%: trusts keep most of the work but may drop it for low-risk cases (the Hampton review's "
        "risk-based approach)"
    ),
    "replace_saving_share": Provenance.estimate(
        "50%: an outcome measure drawn from existing data replaces half the local counting"
    ),
    "merge_min_similarity": Provenance.estimate(
        "cosine similarity of TF-IDF word vectors of 0.5 or more, same activity, different directives"
    ),
    "merge_saving_share": Provenance.estimate(
        "80% of the smaller duplicate's burden is saved; the rest goes on the merged requirement"
    ),
    "allow_legislative_proposals": Provenance.estimate(
        "off: statutory requirements are not proposed for removal; when on, such proposals carry 'needs legislation'"
    ),
    "one_in_two_out_ratio": Provenance.cite(
        "HM Government, the One-in, Two-out rule for domestic regulation",
        "from January 2013",
        address="http://govtracker.co.uk/promise.php?id=15",
        note="£2 of savings for every £1 of cost imposed",
    ),
    "reduction_target": Provenance.cite(
        "European Commission, Action Programme for Reducing Administrative Burdens in the European Union, COM(2007) 23",
        note="a 25% net reduction target, as in the Netherlands (2003-07) and the UK (2005-10) programmes",
    ),
    # A trust's own figure far from the national one is questioned before it is saved, not refused: a trust may
    # really differ, but a slip (hours typed as minutes, a month's count as a year's) moves every total.
    "plausible_ratio": Provenance.estimate(
        "a trust's own figure more than 3 times, or less than a third of, the national central figure is "
        "questioned: the national low-high ranges of the catalogue rarely span more than that, so a figure "
        "outside it is more often a slip of unit than a difference in practice"
    ),
    "plausible_above_high": Provenance.estimate(
        "a trust's own minutes above the national high figure are questioned: the high figure is already the "
        "slowest time the national estimate allows for"
    ),
}


class Policy(BaseModel):
    """Every setting of the audit, frozen; ``provenance`` maps each field name to its source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    audit_date: dt.date = dt.date(2011, 3, 31)
    overhead_rate: float = Field(0.25, ge=0, le=5)
    productive_hours_override: float | None = Field(None, gt=0, le=3000)
    bau_share: dict[RequirementId, Share] = Field(default_factory=dict)
    familiarisation_window_months: int = Field(12, ge=0, le=120)
    familiarisation_minutes_low: float = Field(2.0, ge=0)
    familiarisation_minutes_central: float = Field(35.0, ge=0)
    familiarisation_minutes_high: float = Field(413.0, ge=0)
    direct_contact_share: float = Field(0.24, ge=0, le=1)
    direct_contact_grades: tuple[Code, ...] = ("po", "pso")
    outcome_weights: dict[Code, Weight] = Field(default_factory=dict)
    relevance_peak_weight: float = Field(0.7, ge=0, le=1)
    remove_max_relevance: float = Field(0.3, ge=0, le=1)
    reduce_max_relevance: float = Field(0.6, ge=0, le=1)
    reduce_min_occurrences: float = Field(2.0, gt=0)
    reduce_divisor: float = Field(2.0, gt=1)
    reduce_activities: tuple[Activity, ...] = (
        Activity.REPORTING,
        Activity.MEETING,
        Activity.INSPECTION,
        Activity.ASSESSMENT,
    )
    simplify_activities: tuple[Activity, ...] = (
        Activity.RECORDING,
        Activity.SIGN_OFF,
        Activity.INFORMATION_GATHERING,
    )
    simplify_min_minutes: float = Field(20.0, ge=0)
    simplify_min_relevance: float = Field(0.3, ge=0, le=1)
    simplify_saving_share: float = Field(0.4, ge=0, le=1)
    devolve_min_relevance: float = Field(0.3, ge=0, le=1)
    devolve_saving_share: float = Field(0.25, ge=0, le=1)
    replace_saving_share: float = Field(0.5, ge=0, le=1)
    merge_min_similarity: float = Field(0.5, gt=0, le=1)
    merge_saving_share: float = Field(0.8, ge=0, le=1)
    allow_legislative_proposals: bool = False
    one_in_two_out_ratio: float = Field(2.0, gt=0)
    reduction_target: float = Field(0.25, ge=0, le=1)
    one_off_method: Literal["annuity", "spread"] = "annuity"
    one_off_years: int = Field(10, ge=1, le=100)
    discount_rate: float = Field(0.07, ge=0, le=1)
    plausible_ratio: float = Field(3.0, gt=1, le=1000)
    plausible_above_high: bool = True
    provenance: dict[str, Provenance] = Field(default_factory=lambda: dict(DEFAULT_PROVENANCE))

    @model_validator(mode="after")
    def every_value_has_a_source(self) -> Self:
        names = set(type(self).model_fields) - {"provenance"}
        missing = sorted(names - set(self.provenance))
        unknown = sorted(set(self.provenance) - names)
        problems = []
        if missing:
            problems.append(f"no provenance for {', '.join(missing)}")
        if unknown:
            problems.append(f"provenance for unknown settings {', '.join(unknown)}")
        if (
            not self.familiarisation_minutes_low
            <= self.familiarisation_minutes_central
            <= (self.familiarisation_minutes_high)
        ):
            problems.append("familiarisation minutes must satisfy low <= central <= high")
        if self.remove_max_relevance > self.reduce_max_relevance:
            problems.append("remove_max_relevance must not exceed reduce_max_relevance")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def with_values(self, *, actor: str, reason: str = "", **changes: Any) -> Policy:
        """Return a copy with ``changes`` applied; each changed value's provenance names the actor and reason."""
        unknown = sorted(set(changes) - (set(type(self).model_fields) - {"provenance"}))
        if unknown:
            raise PolicyProblems([f"unknown setting {name!r}" for name in unknown])
        provenance = dict(self.provenance)
        for name in changes:
            provenance[name] = Provenance.estimate(f"set by {actor}" + (f": {reason}" if reason else ""))
        data = self.model_dump() | changes | {"provenance": provenance}
        return build_policy(data)

    def is_default(self, name: str) -> bool:
        """True when setting ``name`` still has its default source."""
        return self.provenance.get(name) == DEFAULT_PROVENANCE.get(name)


def build_policy(data: dict[str, Any]) -> Policy:
    """Validate a policy from plain data, raising :class:`PolicyProblems` listing every bad value."""
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        raise PolicyProblems(
            [f"{'.'.join(str(p) for p in err['loc']) or 'policy'}: {err['msg']}" for err in exc.errors()]
        ) from None


def policy_json(policy: Policy) -> dict[str, Any]:
    """Return the policy as JSON-ready data (the form stored in settings)."""
    return policy.model_dump(mode="json")


def load_policy(db: Database) -> Policy:
    """Return the stored policy, or the defaults when none is stored."""
    from catalogue.store import get_setting

    stored = get_setting(db, SETTING_KEY)
    if stored is None:
        return Policy()
    if isinstance(stored, str):  # tolerate a double-encoded value
        stored = json.loads(stored)
    return build_policy(stored)


def save_policy(db: Database, policy: Policy, *, actor: str, reason: str) -> None:
    """Store ``policy`` in the settings table (the change is recorded in the history with its reason).

    Pages and commands change settings through :func:`change_policy`, which says what changed; this stores a
    whole policy and, like every change of a setting, refuses one without a reason.
    """
    from catalogue.store import set_setting

    _require_reason(reason, "changing the audit settings")
    set_setting(db, SETTING_KEY, policy_json(policy), actor=actor, reason=reason.strip())


def reset_policy(db: Database, *, actor: str, reason: str) -> list[SettingChange]:
    """Remove any stored policy so the defaults apply again; return what that restored ([] when nothing).

    A reset is a change of every changed setting, so it needs a reason too; nothing is written when every
    setting already has its default.
    """
    from catalogue.store import set_setting, writing

    with writing(db):
        restored = policy_reset_changes(load_policy(db))
        if not restored and get_stored_policy(db) is None:
            return []
        _require_reason(reason, "restoring the defaults of " + _names(restored or []))
        set_setting(db, SETTING_KEY, None, actor=actor, reason=reason.strip())
    return restored


def describe_policy(policy: Policy, names: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Return one row per setting: name, plain label, value (JSON form and as shown), source, its basis (cited,
    derived or estimate) and whether it is an estimate.

    ``names`` are the catalogue's names of the codes a setting lists (:func:`code_names`), so its grades and
    outcomes are shown by name.
    """
    data = policy_json(policy)
    rows = []
    for name in type(policy).model_fields:
        if name == "provenance":
            continue
        source = policy.provenance[name]
        rows.append(
            {
                "setting": name,
                "label": setting_label(name),
                "value": data[name],
                "shown": format_setting(name, getattr(policy, name), names),
                "source": source.describe(),
                "is_estimate": source.is_estimate,
                "basis": source.kind.label,
            }
        )
    return rows


# --- changing settings: what counts as a change, and the reason every change needs ------------------------

# Plain names of the settings, as pages, commands and reports show them. A setting missing here is shown
# with its name in words (``setting_label``), so a new setting never shows a bare key.
SETTING_LABELS: dict[str, str] = {
    "audit_date": "Audit date",
    "overhead_rate": "Overhead on labour cost",
    "productive_hours_override": "Productive hours a year, every grade",
    "bau_share": "Business-as-usual share, by requirement",
    "familiarisation_window_months": "Months a new directive needs familiarisation",
    "familiarisation_minutes_low": "Familiarisation minutes per person, low",
    "familiarisation_minutes_central": "Familiarisation minutes per person, central",
    "familiarisation_minutes_high": "Familiarisation minutes per person, high",
    "direct_contact_share": "Officer time in direct contact with offenders",
    "direct_contact_grades": "Grades the direct-contact share applies to",
    "outcome_weights": "Outcome weights",
    "relevance_peak_weight": "Weight of the strongest outcome in the relevance composite",
    "remove_max_relevance": "Highest relevance at which removal is proposed",
    "reduce_max_relevance": "Highest relevance at which a lower frequency is proposed",
    "reduce_min_occurrences": "Fewest occurrences a year for a lower frequency",
    "reduce_divisor": "Frequency divided by, when reduced",
    "reduce_activities": "Activities whose frequency may be reduced",
    "simplify_activities": "Activities that may be simplified",
    "simplify_min_minutes": "Shortest step worth simplifying (minutes each time)",
    "simplify_min_relevance": "Lowest relevance at which simplifying is proposed",
    "simplify_saving_share": "Time saved by simplifying",
    "devolve_min_relevance": "Lowest relevance at which devolving is proposed",
    "devolve_saving_share": "Time saved by devolving",
    "replace_saving_share": "Time saved by replacing with an outcome measure",
    "merge_min_similarity": "Least text similarity for merging duplicates (0 to 1)",
    "merge_saving_share": "Time saved by merging duplicates",
    "allow_legislative_proposals": "Propose changes that need legislation",
    "one_in_two_out_ratio": "One-in, two-out: pounds saved needed per pound of new burden",
    "reduction_target": "Net reduction target",
    "one_off_method": "How one-off costs are spread over the years",
    "one_off_years": "Years a one-off cost is spread over",
    "discount_rate": "Discount rate for one-off costs",
    "plausible_ratio": "Times the national figure, either way, that a trust's figure is questioned at",
    "plausible_above_high": "Question figures above the national high",
}
# Settings that are shares of a whole, shown and typed as percentages (0.25 is shown as 25%).
PERCENT_SETTINGS: frozenset[str] = frozenset(
    {
        "overhead_rate",
        "bau_share",
        "direct_contact_share",
        "relevance_peak_weight",
        "simplify_saving_share",
        "devolve_saving_share",
        "replace_saving_share",
        "merge_saving_share",
        "reduction_target",
        "discount_rate",
    }
)
_UNSET_TEXT = {"productive_hours_override": "each grade's own"}


def setting_label(name: str) -> str:
    """Return the plain name of a setting (its key in words when it has no label of its own)."""
    return SETTING_LABELS.get(name) or name.replace("_", " ").capitalize()


def _number(value: float) -> str:
    return format(value, ",.6g")


def code_names(catalogue: Catalogue) -> dict[str, str]:
    """Return the catalogue's name of each staff grade and outcome code, as a setting that lists them shows them.

    A grade's name is shown without its note in brackets ("Probation Officer", not "Probation Officer (incl.
    senior practitioner, PDA)"), so a list of grades reads as one.
    """
    names = {o.key: o.name for o in catalogue.outcomes}
    names.update({g.code: g.name.split(" (", 1)[0].strip() or g.code for g in catalogue.staff_grades})
    return names


def format_setting(name: str, value: Any, names: Mapping[str, str] | None = None) -> str:
    """Return a setting's value as people read it: percentages for shares, dates in words, labels for codes.

    ``names`` (:func:`code_names`) gives the catalogue's names of the grades and outcomes a setting lists; a code
    it does not name is shown with its vocabulary label, or as it is.
    """
    from catalogue.types import label

    def code(value: Any) -> str:
        return (names or {}).get(str(value)) or label(str(value))

    if value is None:
        return _UNSET_TEXT.get(name, "none")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, int | float):
        return f"{_number(value * 100)}%" if name in PERCENT_SETTINGS else _number(value)
    if isinstance(value, dict):
        inner = name if name in PERCENT_SETTINGS else ""
        shown = (f"{code(key)}: {format_setting(inner, v)}" for key, v in sorted(value.items()))
        return "; ".join(shown) or "none"
    if isinstance(value, tuple | list):
        return ", ".join(code(v) for v in value) or "none"
    return str(value)


@dataclass(frozen=True)
class SettingChange:
    """One setting a save changes: its name and its value before and after."""

    setting: str
    old: Any
    new: Any

    @property
    def label(self) -> str:
        return setting_label(self.setting)

    def describe(self) -> str:
        """Return the change in plain words, for example ``Overhead on labour cost: 25% → 30%``."""
        return f"{self.label}: {format_setting(self.setting, self.old)} → {format_setting(self.setting, self.new)}"


def _same(a: Any, b: Any) -> bool:
    """True when two values of a setting are the same (a float typed as a percentage may differ in its last bit)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, tuple | list) and isinstance(b, tuple | list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _limit(name: str, bound: Any) -> str:
    return format_setting(name, float(bound)) if isinstance(bound, int | float) else str(bound)


def _plain_problem(err: Any) -> str:
    """Return one validation problem in the user's words: the setting's label and what it must be."""
    loc = [str(p) for p in err["loc"]]
    name = loc[0] if loc else ""
    where = setting_label(name) + (f" ({' '.join(loc[1:])})" if len(loc) > 1 else "") if name else "The settings"
    ctx = err.get("ctx") or {}
    wording = {
        "greater_than_equal": ("at least", "ge"),
        "greater_than": ("more than", "gt"),
        "less_than_equal": ("at most", "le"),
        "less_than": ("less than", "lt"),
    }
    if err["type"] in wording:
        words, key = wording[err["type"]]
        return f"{where} must be {words} {_limit(name, ctx.get(key))}."
    message = str(err["msg"]).removeprefix("Value error, ")
    return f"{where}: {message[0].lower()}{message[1:]}." if message else f"{where} is not valid."


def _names(changes: list[SettingChange]) -> str:
    parts = [f"{c.label} ({format_setting(c.setting, c.old)} → {format_setting(c.setting, c.new)})" for c in changes]
    return ", ".join(parts) or "the settings"


def _require_reason(reason: str, what: str) -> None:
    if not reason or not reason.strip():
        raise PolicyProblems([f"Give a reason for {what}."])


def policy_changes(policy: Policy, values: Mapping[str, Any], *, actor: str = "", reason: str = "") -> Policy:
    """Return ``policy`` with ``values`` applied (only those that differ), or raise PolicyProblems in plain words."""
    known = set(type(policy).model_fields) - {"provenance"}
    problems = [f"There is no setting called {name!r}." for name in sorted(set(values) - known)]
    try:
        candidate = Policy.model_validate(policy.model_dump() | {k: v for k, v in values.items() if k in known})
    except ValidationError as exc:
        problems += [_plain_problem(err) for err in exc.errors()]
    if problems:
        raise PolicyProblems(problems)
    changed = {
        name: getattr(candidate, name) for name in values if not _same(getattr(candidate, name), getattr(policy, name))
    }
    return policy.with_values(actor=actor, reason=reason.strip(), **changed) if changed else policy


def diff_policies(old: Policy, new: Policy) -> list[SettingChange]:
    """Return every setting whose value differs between two policies, in the order the settings are listed."""
    return [
        SettingChange(name, getattr(old, name), getattr(new, name))
        for name in type(old).model_fields
        if name != "provenance" and not _same(getattr(old, name), getattr(new, name))
    ]


def policy_reset_changes(policy: Policy) -> list[SettingChange]:
    """Return what restoring the defaults would change in ``policy`` (for the confirmation before a reset)."""
    return diff_policies(policy, Policy())


def get_stored_policy(db: Database) -> Any:
    """Return the stored policy's raw JSON, or None when the defaults apply."""
    from catalogue.store import get_setting

    return get_setting(db, SETTING_KEY)


def change_policy(db: Database, values: Mapping[str, Any], *, actor: str, reason: str) -> list[SettingChange]:
    """Change settings of the stored policy and return what changed, each with its old and new value.

    The rule for every page and command: only values that differ from the stored ones count as a change;
    no change writes nothing and returns ``[]`` ("nothing changed"); any change needs a reason, kept with the
    new values and in the history. Raises :class:`PolicyProblems` (plain words, every problem) and then
    writes nothing. The stored policy is read and written in one transaction, so the changes are made
    against what is stored now, not against what the user's screen showed.

    >>> change_policy(db, {"overhead_rate": 0.3}, actor="ann", reason="Eurostat rate")  # doctest: +SKIP
    [SettingChange(setting='overhead_rate', old=0.25, new=0.3)]
    """
    from catalogue.store import writing

    with writing(db):
        current = load_policy(db)
        new = policy_changes(current, values, actor=actor, reason=reason)
        changes = diff_policies(current, new)
        if not changes:
            return []
        _require_reason(reason, "changing " + _names(changes))
        save_policy(db, new, actor=actor, reason=reason)
    return changes
