"""Turn a read document into candidate requirements: one per duty-bearing sentence, list item or table row.

>>> from catalogue.extract.readers import read_bytes
>>> doc = read_bytes(b"4.2 Chief Officers are asked to:\\n- submit a return quarterly;\\n- brief staff.", "pc.txt")
>>> [(c.text, c.modality, c.actor, c.frequency_per_year, c.location) for c in extract_candidates(doc)]
[('submit a return quarterly;', 'must', 'Chief Officers', 4.0, 'para 4.2, item 1'), ('brief staff.', 'must', \
'Chief Officers', None, 'para 4.2, item 2')]
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from catalogue.extract import patterns as p
from catalogue.extract import scorer
from catalogue.extract.header import RUN_IN_LABEL, DirectiveHeader, read_header
from catalogue.extract.readers import Block, Document, marker_style
from catalogue.extract.sentences import split_paragraph_number
from catalogue.extract.sentences import split_sentences as _split_sentences
from catalogue.types import Activity, Driver

JSON_KEYS = (
    "file",
    "text",
    "modality",
    "actor",
    "on_regulated",
    "timescale",
    "frequency",
    "frequency_per_year",
    "deadline",
    "activity",
    "driver",
    "references",
    "location",
    "confidence",
)

# Keyword cues for the Standard Cost Model activity, checked in order (first hit wins).
ACTIVITY_CUES: list[tuple[Activity, str]] = [
    (Activity.TRAINING, r"\btrain(?:ing|ed)?\b|e-learning|\bmodule\b"),
    (
        Activity.INSPECTION,
        r"\baudit(?:s|ed)?\b|\binspect|\bquality assur|\bspot checks?\b|\bself-assessment\b|"
        r"\bmonitor(?:s|ing)? (?:compliance|performance|the operation)\b",
    ),
    (
        Activity.REPORTING,
        r"\breturns?\b|\breport(?:s|ing)?\b(?! to\b)|\bsubmit|\bsend\b|\bpublish|\bnotify|\bnotif"
        r"|\bmonitoring form\b|\bstatistics\b|\bfigures\b|\btemplate\b",
    ),
    (Activity.ASSESSMENT, r"\bassess(?:ment|ed)?\b|\boasys\b|\brisk management plan\b|\bscreening\b|\banalysis\b"),
    (
        Activity.MEETING,
        r"\bmeet(?:ing|ings)?\b|\battend|\binterview|\bconference\b|\bvisit|\bsee the offender\b"
        r"|\bsee\b.*\boffenders?\b|\bcontact with\b|\bfirst contact\b|\bsession\b|\bhearing\b",
    ),
    (Activity.PLANNING, r"\bplans?\b|\bprotocol\b|\bstrategy\b|\barrangements\b"),
    (Activity.SIGN_OFF, r"\bsign(?:ed)?(?: it)? off\b|\bcountersign|\bapprov|\bsigned by\b|\bauthoris"),
    (
        Activity.FAMILIARISATION,
        r"\bbrief(?:ing)?\b|\baware\b|\bread\b|\bremind|\bexplain|\binform\b|\btell\b|"
        r"\bdistribut|\battention\b",
    ),
    (Activity.RECORDING, r"\brecord|\bregister\b|\blog\b|\bregistered\b|\bkept\b|\bkeep\b|\bretain|\bcase file\b"),
    (Activity.INFORMATION_GATHERING, r"\bcollect|\bgather|\bcheck|\bobtain|\bseek|\bidentify|\bconsult|\bfollow"),
]
DRIVER_CUES: list[tuple[Driver, str]] = [
    (Driver.PER_REPORT, r"\b(?:pre-sentence|same-day|court|oral|progress) reports?\b|\bpsrs?\b"),
    (
        Driver.PER_STAFF_FTE,
        r"\b(?:each|every|all|new) (?:member of staff|members of staff|staff|tutors?|offender "
        r"managers?|employees?)\b|\bstaff (?:must|should|shall|are)\b|\btraining\b|\bsickness\b"
        r"|\babsence\b|\bleaves?\b",
    ),
    (
        Driver.PER_COMMENCEMENT,
        r"\bof (?:sentence|release|arrival|the commencement)\b|\bcommencement\b|\binduction\b"
        r"|\ballocat|\bfirst contact\b|\bnew residents?\b|\bstart(?:s|ing)?\b",
    ),
    (
        Driver.PER_CASE,
        r"\boffenders?\b|\bcases?\b|\bresidents?\b|\bvictims?\b|\blicence\b|\border\b|\bppos?\b|"
        r"\bsentence plan\b|\bbreach\b|\benforcement\b|\bcontacts?\b",
    ),
    (Driver.PER_TRUST, r"\breturns?\b|\bplans?\b|\btrusts?\b|\bareas?\b|\bboards?\b|\bannual\b|\bquarterly\b"),
]
# Compiled once, matched on lower-cased text (much faster than re.IGNORECASE); the first listed cue found wins.


@cache
def split_sentences(text: str) -> tuple[str, ...]:
    """The sentences of a text, remembered for one document: the scorer splits again what the rules have split."""
    return tuple(_split_sentences(text))


# The modal cue of a sentence, remembered for one document: the scorer looks again at what the rules have read.
_find_modality = lru_cache(maxsize=None)(p.find_modality)
_ACTIVITY_RES = [(activity, p.word_pattern(cue)) for activity, cue in ACTIVITY_CUES]
_DRIVER_RES = [(driver, p.word_pattern(cue)) for driver, cue in DRIVER_CUES]
_LABEL_PREFIX = re.compile(
    r"^(?:action(?: required)?|mandatory actions?|requirements?|note|audit\s*/\s*monitoring|audit and monitoring)"
    r"\s*[:.\-–]\s*",
    re.I,
)
_LABEL_INITIALS = frozenset("AaMmRrNn")  # the first letters of the labels _LABEL_PREFIX removes
_HEADING_ACTION = re.compile(r"^(?:action(?:s)?(?: required)?|mandatory actions?)\.?$", re.IGNORECASE)
_NOT_IMPERATIVE_SECOND = {
    "on",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "will",
    "can",
    "may",
    "should",
    "must",
    "of",
    "and",
    "'s",
    "’s",
    "shall",
    "would",
    "could",
    "reports",
    "returns",
    "plans",
    "meetings",
    "hearings",
    "sessions",
    "visits",
    "figures",
}


@dataclass
class Candidate:
    """A requirement drafted from a document, awaiting a person's review."""

    file: str
    text: str
    modality: str
    actor: str
    on_regulated: bool
    timescale: str | None
    frequency: str | None
    frequency_per_year: float | None
    deadline: str | None
    activity: str
    driver: str
    references: list[str]
    location: str
    confidence: float
    directive: str | None = None
    paragraph: str | None = None
    lead_in: str | None = None
    kind: str = "sentence"
    extra: dict[str, object] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        """Return the object printed by ``proportion extract --json`` (exactly the documented keys)."""
        data = asdict(self)
        return {key: data[key] for key in JSON_KEYS}

    @property
    def full_text(self) -> str:
        """The requirement as a self-contained sentence: a list item gets its lead-in in front."""
        if self.lead_in:
            return f"{self.lead_in.rstrip(':-– ')} {self.text}".strip()
        return self.text


def guess_activity(text: str) -> Activity:
    """Return the Standard Cost Model activity a requirement most likely involves (by keyword, first hit)."""
    low = p.lower(text)
    for activity, pattern in _ACTIVITY_RES:
        if pattern.search_lower(low):
            return activity
    return Activity.RECORDING


def guess_driver(text: str, activity: Activity, frequency_per_year: float | None) -> Driver:
    """Return the volume a requirement most likely scales with (per case, commencement, report, staff or trust)."""
    low = p.lower(text)
    driver = next((d for d, pattern in _DRIVER_RES if pattern.search_lower(low)), None)
    if driver is None:
        return Driver.PER_TRUST
    # A periodic return "each quarter" is made once per trust, however many cases it covers.
    if (
        driver in (Driver.PER_CASE, Driver.PER_COMMENCEMENT)
        and activity == Activity.REPORTING
        and (frequency_per_year is not None and frequency_per_year <= 12)
    ):
        return Driver.PER_TRUST
    return driver


_LABEL_COLON = re.compile(r"^\s*[A-Za-z-]+\s*:")
_IMPERATIVE_WORD = re.compile(r"[\w'’]+")


def _is_imperative(text: str) -> bool:
    if _LABEL_COLON.match(text):
        return False  # "Update: 1 February 2015 - ..." is a label, not an order
    # Only the first three words decide (see _opens_with_verb): the rest of a long sentence is not split into words.
    words = [word.group(0) for word in itertools.islice(_IMPERATIVE_WORD.finditer(text.lower()), 3)]
    if not p.starts_with_action_verb(text):
        return text.lstrip()[:1].isupper() and _opens_with_verb(words)
    return len(words) >= 2 and words[1] not in _NOT_IMPERATIVE_SECOND


# Words that open a sentence without being an order: function words, and nouns that name a part of a document.
_NOT_A_VERB_FIRST = frozenset(
    {
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "there",
        "here",
        "we",
        "you",
        "they",
        "he",
        "she",
        "i",
        "our",
        "your",
        "their",
        "his",
        "her",
        "all",
        "each",
        "every",
        "any",
        "some",
        "no",
        "none",
        "both",
        "either",
        "neither",
        "such",
        "many",
        "most",
        "more",
        "much",
        "few",
        "other",
        "another",
        "if",
        "when",
        "where",
        "while",
        "whilst",
        "although",
        "though",
        "as",
        "because",
        "since",
        "unless",
        "until",
        "once",
        "whether",
        "for",
        "in",
        "on",
        "at",
        "by",
        "from",
        "with",
        "without",
        "within",
        "into",
        "onto",
        "upon",
        "to",
        "of",
        "about",
        "above",
        "across",
        "after",
        "against",
        "along",
        "among",
        "around",
        "before",
        "behind",
        "below",
        "beneath",
        "beside",
        "between",
        "beyond",
        "during",
        "except",
        "inside",
        "near",
        "off",
        "outside",
        "over",
        "past",
        "per",
        "regarding",
        "through",
        "throughout",
        "towards",
        "under",
        "via",
        "and",
        "but",
        "or",
        "nor",
        "so",
        "yet",
        "also",
        "however",
        "thus",
        "hence",
        "therefore",
        "then",
        "now",
        "today",
        "only",
        "even",
        "just",
        "again",
        "overall",
        "finally",
        "first",
        "second",
        "third",
        "firstly",
        "secondly",
        "lastly",
        "further",
        "furthermore",
        "moreover",
        "given",
        "despite",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "how",
        "why",
        "annex",
        "annexe",
        "appendix",
        "section",
        "paragraph",
        "para",
        "chapter",
        "table",
        "part",
        "schedule",
        "figure",
        "page",
        "note",
        "notes",
        "summary",
        "contents",
        "purpose",
        "background",
        "introduction",
        "action",
        "update",
        "key",
        "one",
        "two",
        "three",
        "like",
        "unlike",
    }
)
# Words that follow a verb in an order: a determiner, pronoun or particle ("Treat each case ...", "Find out ...").
_AFTER_A_VERB = frozenset(
    {
        "the",
        "a",
        "an",
        "each",
        "every",
        "any",
        "all",
        "that",
        "this",
        "these",
        "those",
        "your",
        "their",
        "its",
        "his",
        "her",
        "our",
        "them",
        "him",
        "it",
        "us",
        "whether",
        "what",
        "how",
        "out",
        "up",
        "off",
        "back",
        "down",
    }
)


def _opens_with_verb(words: list[str]) -> bool:
    """True when a sentence opens like an order with a verb no list names ("Treat each case on its merits").

    The first word is a plain word (not a function word, a plural, a past or -ing form or an adverb) and the second
    is a determiner, pronoun or particle, as after a verb; a noun is seldom followed so at a sentence's start.
    """
    if len(words) < 3:
        return False
    first, second = words[0], words[1]
    if first in _NOT_A_VERB_FIRST or not first.isalpha() or len(first) < 3:
        return False
    if first.endswith(("s", "ed", "ing", "ly", "en")) and first not in p.ACTION_VERBS:
        return False
    return second in _AFTER_A_VERB


@cache
def _describes_document(sentence: str, modal: p.ModalityMatch) -> bool:
    """True for sentences about the document itself ("This circular sets out what areas must do")."""
    if p.DOCUMENT_SUBJECT.match(sentence):
        subject_end = p.DOCUMENT_SUBJECT.match(sentence)
        assert subject_end is not None
        between = sentence[subject_end.end() : modal.start]
        # "This instruction sets out ... that areas are required to" describes; "The return must ..." orders.
        return bool(
            re.search(
                r"\b(?:sets? out|describes?|explains?|introduces?|asks?|tells?|gives?|lists?|"
                r"reminds?|summari[sz]es?|contains?|brings?|covers?|provides?)\b",
                between,
                re.I,
            )
        )
    if not re.search(r"\b(?:that|what|which|how)\s+(?:\w+\s+){0,3}$", sentence[: modal.start], re.I):
        return False
    # "This circular sets out what areas must do"; "Details of the advice that should be given ... are set out in
    # SSI 2005/557": the modal sits in a clause about the duty, the main verb points to where it is written.
    return bool(
        re.search(r"\b(?:sets? out|describes?|explains?|asks?|shows?|lists?)\b", sentence[: modal.start], re.I)
        or _WRITTEN_ELSEWHERE.search(sentence, modal.start)
    )


# What a change is expected to bring about: "This should help to reduce ...", "should be straightforward".
_OUTCOME = re.compile(
    # (not "enable", "allow" or "prevent": a specification's "The system should allow staff to ..." is a requirement)
    r"\s*(?:also |therefore |further |in turn |then )?(?:help|lead|result|mean|reduce|increase|improve|"
    r"minimi[sz]e|simplify|speed|save|lessen|ease|give rise|"
    r"be (?:more |much |far )?(?:straightforward|easy|easier|simple|simpler|possible|sufficient|enough|clear|"
    r"useful|helpful|beneficial|quick|quicker|fast|faster|cheaper|rare|unusual|small|minimal))\b",
    re.IGNORECASE,
)


def _expects_an_outcome(sentence: str, modal: p.ModalityMatch) -> bool:
    """True for an expectation about how things will be, with no body told to act ("This should reduce ...")."""
    if modal.cue.lower() != "should" or not _OUTCOME.match(sentence, modal.start + len(modal.cue)):
        return False
    return p.find_actor(sentence[: modal.start]) is None


_WRITTEN_ELSEWHERE = re.compile(
    r"\b(?:is|are) (?:set out|described|listed|explained|given|contained|found|specified|defined) in\b", re.I
)


@dataclass
class _Context:
    paragraph: str | None = None
    paragraph_ordinal: int = 0
    lead_in: str | None = None
    lead_actor: str | None = None
    lead_modality: str | None = None
    lead_confidence: float = 0.0
    list_open: bool = False
    conditions: bool = False  # the open list holds the conditions of its lead-in's duty, not duties
    lead_marker: str | None = None  # the marker style of a lead-in that is itself a list item ("(3)")
    item_number: int = 0
    action_section: bool = False
    purpose_section: bool = False  # the items under a PURPOSE label say what the document does
    timescale_actor: str | None = None  # set under a heading such as "Timescales for children's social care"
    sub_marker: str | None = None  # the marker style of an item whose own sub-items are skipped until it recurs
    item_marker: str | None = None  # the marker style of the open list's last item


_RUN_IN_LABEL = RUN_IN_LABEL
_RUN_IN_WORDS = ("PURPOSE", "ACTION", "SUMMARY", "AUDIT")  # the words each label of RUN_IN_LABEL starts with
_GLUED_ENUMERATOR = re.compile(r"^\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)(?=[a-z“‘\"'])")
_GLUED_SPLIT = re.compile(
    r"(?:(?<=[;,.—–-])|(?<=\band)|(?<=\bor))\s+(?=\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)[a-z“‘\"'])"
    r"|(?<=\bor)\s+(?=\([ivx]{1,4}\))"
)
# "Those notices are—", "which contains the following information—": a lead-in that only introduces what follows.
_INTRODUCES_ITSELF = re.compile(
    r"\b(?:are|is|were|was|be|include|includes|including|contains?|following(?: \w+)?|follows|namely)\s*[:—–-]\s*$",
    re.IGNORECASE,
)
_TIMESCALE_ROW_SHAPE = re.compile(
    r"^[A-Z][^.;:–—]{1,80}?\s[–—-]\s(?:[^.;:–—]{1,40}:\s*)?(?:within|no later than|not later than|at least)\s",
)
_TIMESCALE_HEADING = re.compile(r"\b(?:timescales?|timetable|time limits?|deadlines?|key dates)\b", re.IGNORECASE)
_TIMESCALE_FOR = re.compile(r"\b(?:timescales?|timetable|time limits?|deadlines?)\s+(?:for|:)\s+(?:the\s+)?(.+)$", re.I)
_PAGE_REFERENCE = re.compile(r"(?:\.{2,}|\s)\s*\d{1,3}$")
_NUMBERED_PART = re.compile(
    r"\b(?:appendix|annex|annexe|section|chapter|part|paragraph|para|table|schedule|rule|regulation|page|tier|"
    r"level|stage|step|phase|form|no\.?)\s+\d{1,3}$",
    re.IGNORECASE,
)
_MINOR_WORDS = {"and", "or", "of", "the", "a", "an", "for", "to", "in", "on", "with", "by", "at", "from", "&"}


def extract_candidates(
    document: Document, header: DirectiveHeader | None = None, calibrated: bool = True
) -> list[Candidate]:
    """Return the candidate requirements of a document, in document order (deterministic).

    Each confidence is the calibrated one (see :func:`calibrate`); ``calibrated=False`` gives the rules' own
    score, from which the calibration table is built.
    """
    header = header or read_header(document.blocks)
    # The memories serve one document (the scorer reads again what the rules read), never the next one.
    for memory in (split_sentences, _clauses, _find_modality, _looks_like_a_duty_but_is_not, _describes_document):
        memory.cache_clear()
    out = _extract(document, header)
    if not calibrated:
        return out
    model = scorer.model()
    if model is None:
        calibrate(out)
        return out
    return _scored(document, header, out, model)


# -- calibration -------------------------------------------------------------------------------------------

CALIBRATION_FILE = Path(__file__).with_name("calibration.csv")
# A bin the calibration table has no evidence for stays out of the bulk-accept band (> 0.8).
UNCALIBRATED_CEILING = 0.75


EvidenceBin = tuple[str, str, str, str]


def evidence_bin(candidate: Candidate) -> EvidenceBin:
    """The calibration bin of a candidate scored by the rules: its kind, its cue strength, whether it names its
    actor, and whether it binds (must, must not) or advises (should, should not).

    Cue strength reads the rules' score: strong (>= 0.85: must, shall, should with the actor named), mid
    (>= 0.78) and weak (the rest: will, need to, imperatives, items with no actor of their own). Advice is
    binned apart because more of what reads as advice is not a duty at all (an expectation, a reading note).
    """
    score = candidate.confidence
    strength = "strong" if score >= 0.85 else "mid" if score >= 0.78 else "weak"
    named = "named" if candidate.actor and candidate.actor.lower() in candidate.text.lower() else "unnamed"
    force = "advisory" if candidate.modality in (p.SHOULD, p.SHOULD_NOT) else "binding"
    return candidate.kind, strength, named, force


@lru_cache(maxsize=1)
def calibration_table() -> dict[EvidenceBin, float]:
    """The calibrated confidence of each evidence bin, read from calibration.csv (built on the dev split)."""
    with CALIBRATION_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            (row["kind"], row["strength"], row["actor"], row["force"]): float(row["calibrated_confidence"])
            for row in csv.DictReader(handle)
        }


def calibrate(candidates: list[Candidate]) -> None:
    """Replace each rules' score by the measured precision of its bin, so that the review queue sorts by it.

    The table holds, per bin, a lower confidence bound on the share of the bin's candidates that were real
    requirements on the labelled development documents; bins without evidence stay at or below 0.75.
    """
    table = calibration_table()
    for candidate in candidates:
        key = evidence_bin(candidate)
        candidate.extra["rule_score"] = candidate.confidence
        measured = table.get(key)
        candidate.confidence = (
            min(candidate.confidence, UNCALIBRATED_CEILING) if measured is None else bounded(key, measured)
        )


def bounded(key: EvidenceBin, measured: float) -> float:
    """A bin's calibrated confidence, with list items that name no one kept at or below 0.8.

    Such items inherit everything from their lead-in, and on documents the rules had not seen they were the
    commonest false positive (contents entries, conditions, audiences under a duty lead-in): they are not
    accepted in bulk, whatever their bin measured on the development documents.
    """
    kind, _, actor, _ = key
    return min(measured, 0.8) if kind == "item" and actor == "unnamed" else measured


def _extract(document: Document, header: DirectiveHeader) -> list[Candidate]:
    out: list[Candidate] = []
    ctx = _Context()
    joined: set[int] = set()  # blocks already read as the end of the block before
    for index, block in _tagged(_pieces(document.blocks), out):
        if index in header.blocks:
            _close_list(ctx)
            name = header.fields.get(index)
            if name is not None:
                ctx.action_section = name == "action"
                ctx.purpose_section = name == "purpose"
            elif _is_timescale_heading(block.text.strip()):
                ctx.timescale_actor = _timescale_actor(block.text, header)  # a title such as "Timescales for ..."
            free = header.free_text.get(index)
            if free:
                where = {"summary": "summary", "audit": "audit/monitoring"}.get(name or "", "header")
                out.extend(_paragraph_candidates(document, header, free, where, ctx))
                _close_list(ctx)
            continue
        if block.kind == "heading":
            ctx.purpose_section = False
            _close_list(ctx)
            ctx.action_section = bool(_HEADING_ACTION.match(block.text.strip()))
            ctx.timescale_actor = _timescale_actor(block.text, header)
            number, _ = split_paragraph_number(block.text)
            if number:
                ctx.paragraph = number
            continue
        if block.kind == "row":
            _close_list(ctx)
            if block.row == 1 and ctx.timescale_actor is None:
                ctx.timescale_actor = _timescale_actor(block.text, header, strict=True)
            candidate = _row_candidate(document, header, block, ctx.timescale_actor)
            if candidate:
                out.append(candidate)
            continue
        if block.kind == "item":
            if ctx.purpose_section:
                continue
            if ctx.sub_marker is not None:
                if block.marker != ctx.sub_marker:
                    continue  # the alternatives or qualifiers of one item ("receive— (i) ... or (ii) ...")
                ctx.sub_marker = None
            sibling = ctx.item_marker is not None and block.marker == ctx.item_marker
            ctx.item_marker = block.marker or None
            if (
                ctx.list_open
                and ctx.lead_in
                and not ctx.conditions
                and sibling
                and not _INTRODUCES_ITSELF.search(block.text)
                and block.text.rstrip().endswith((":", "—", "–"))
                and _find_modality(block.text) is None
                and not p.is_lead_in(block.text)
                and not p.is_condition_lead_in(block.text)
            ):
                # "(d) complainants receive, so far as is reasonably practical—" under "must ... ensure that—": one
                # item of the list; the sub-items under it qualify it.
                ctx.item_number += 1
                out.extend(_item_candidates(document, header, block, ctx))
                ctx.sub_marker = block.marker or None
                continue
            if ctx.lead_marker and block.marker == ctx.lead_marker:
                _close_list(ctx)  # "(4)" after "(3) ... unless— (a) (b)" closes the conditions of (3)
            ctx.item_number += 1
            if block.text.rstrip().endswith((":", "—", "–")) and len(block.text) < 600:
                *own, lead = split_sentences(block.text)
                if own:
                    # "• Participate in regional benchmarking events. Regional Managers ... are asked to:": the
                    # item's own sentences belong to the list it closes; only its last sentence opens the next one.
                    out.extend(_item_candidates(document, header, replace(block, text=" ".join(own)), ctx))
                    _close_list(ctx)
                before = len(out)
                handled = _lead_in(document, header, lead, _item_where(ctx), ctx, out)
                if handled:
                    # A lead-in after sentences of its own heads the items that follow it, not a sub-list.
                    ctx.lead_marker = None if own else block.marker or None
                    for candidate in out[before:]:
                        candidate.kind = "item"
                    continue
            out.extend(_item_candidates(document, header, block, ctx))
            continue
        # A plain paragraph.
        if index in joined:
            continue
        if ctx.list_open and ctx.lead_modality and "|" in block.text and _BAR_ROW.match(block.text):
            # "2023 | 28th February 2025 |" under "... must publish ... on or before the corresponding date in the
            # second column—": a table under a duty lead-in; each row with a date is that duty, due then.
            row = _lead_in_row(document, header, block.text, ctx)
            if row is not None:
                out.append(row)
            continue
        ctx.purpose_section = False
        _close_list(ctx)
        ctx.item_number = 0
        text = block.text
        following = document.blocks[index + 1] if index + 1 < len(document.blocks) else None
        if (
            following is not None
            and following.kind == "text"
            and text.endswith(":")
            and _TRAILING_LABEL.search(text)
            and _CONTINUES.match(following.text)
        ):
            # "... from 1 April IMPLEMENTATION DATE:" then "2004 (i.e. ...": a mirrored copy put a header label inside
            # the sentence and broke it there; the sentence goes on in the next block.
            text = f"{text} {following.text}"
            joined.add(index + 1)
        number, body = split_paragraph_number(text)
        ctx.paragraph_ordinal += 1
        if number:
            ctx.paragraph = number
        stripped = body.strip()
        if _HEADING_ACTION.match(stripped):
            ctx.action_section = True
            continue
        if _is_timescale_heading(stripped):
            ctx.timescale_actor = _timescale_actor(stripped, header)
            continue
        if _LABEL_PREFIX.match(stripped) and stripped.lower().startswith(("action", "mandatory")):
            ctx.action_section = True
        where = _where(document, block, ctx, number)
        # Every run-in label is one of these capitalised words: most paragraphs hold none and skip the regex.
        run_ins = list(_RUN_IN_LABEL.finditer(body)) if any(map(body.__contains__, _RUN_IN_WORDS)) else []
        if run_ins:
            # "REVISED PROCEDURES ... PURPOSE This PC instructs ...", "ACTION Chief Officers ... to note ...": header
            # labels run into their text, as copies of circulars often have them, several to a paragraph when a
            # copy flattens the header. What follows PURPOSE describes the document; what follows ACTION is the
            # action points; each section is read under its own label.
            ends = [m.start() for m in run_ins[1:]] + [len(body)]
            sections: list[tuple[str | None, str]] = [(None, body[: run_ins[0].start()])]
            sections += [(m.group(1), body[m.end() : end]) for m, end in zip(run_ins, ends, strict=True)]
            *earlier, (label, body) = sections
            for section_label, section in earlier:
                if section_label == "PURPOSE" or not section.strip():
                    continue
                if section_label:
                    ctx.action_section = section_label.startswith("ACTION")
                out.extend(_paragraph_candidates(document, header, section, where, ctx))
            if label == "PURPOSE":
                continue
            ctx.action_section = bool(label and label.startswith("ACTION"))
        next_is_item = index + 1 < len(document.blocks) and document.blocks[index + 1].kind == "item"
        found = _paragraph_candidates(document, header, body, where, ctx, open_ended=next_is_item)
        if not found and not ctx.timescale_actor and _TIMESCALE_ROW_SHAPE.match(stripped):
            # "First contact — community: within five working days of sentence": a timescale row set as a line.
            row = _timescale_line(document, header, stripped, where, ctx)
            found = [row] if row else []
        if ctx.timescale_actor and not found:
            row = _timescale_line(document, header, stripped, where, ctx) if not stripped.endswith(":") else None
            found = [row] if row else []
            if row is None and (len(stripped) > 200 or stripped.endswith(".")):
                ctx.timescale_actor = None  # running prose after the table: its rows have ended
        out.extend(found)
        if ctx.action_section and not found and not _is_imperative(stripped) and len(stripped.split()) >= 4:
            ctx.action_section = False  # background text after the action points ends them
        if number and ctx.action_section and not found:
            ctx.action_section = False
    return out


def _pieces(blocks: list[Block]) -> Iterator[tuple[int, Block]]:
    """The blocks with their index; a text block of enumerated items whose enumerators lost their space is split.

    "(a)complaints are dealt with efficiently;" (as legislation.gov.uk copies lay it out) is an item; when a reader
    ran several such items into one block ("(i)assistance ...; or (ii)advice ...; (e)complainants ..."), each is one.
    """
    for index, block in enumerate(blocks):
        if block.kind != "text" or block.text[:1] != "(" or not _GLUED_ENUMERATOR.match(block.text):
            yield index, block
            continue
        for piece in _GLUED_SPLIT.split(block.text):
            glued = _GLUED_ENUMERATOR.match(piece)
            if glued is None:
                yield index, replace(block, text=piece)
                continue
            text = piece[glued.end() :].strip()
            yield index, replace(block, kind="item", text=text, marker=marker_style(glued.group(0)))


_BAR_ROW = re.compile(r"^[^|]*\S[^|]*(?:\|[^|]*){1,8}\|?\s*$")
_BARE_DATE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+" + p.MONTHS + r"\s+\d{4}\b", re.IGNORECASE)


def _lead_in_row(document: Document, header: DirectiveHeader, text: str, ctx: _Context) -> Candidate | None:
    """A row of a table laid out as text under a duty lead-in: a requirement when it holds a date or a time."""
    if re.fullmatch(r"[\s|:-]+", text):
        return None  # the rule under the header row ("---|---|")
    details = _details(text)
    if not details["deadline"]:
        date = _BARE_DATE.search(text)
        details["deadline"] = date.group(0) if date else None
    if not (details["deadline"] or details["timescale"] or details["frequency"]):
        return None  # the header row ("Financial year beginning in— | Date |")
    ctx.item_number += 1
    actor = ctx.lead_actor or header.default_actor
    return Candidate(
        file=document.name,
        text=text.strip(),
        modality=ctx.lead_modality or p.MUST,
        actor=actor,
        on_regulated=not p.is_central(actor),
        location=_item_where(ctx),
        confidence=0.75,
        directive=header.reference,
        paragraph=ctx.paragraph,
        lead_in=ctx.lead_in,
        kind="row",
        **details,  # type: ignore[arg-type]
    )


def _close_list(ctx: _Context) -> None:
    ctx.list_open = False
    ctx.sub_marker = None
    ctx.item_marker = None
    ctx.conditions = False
    ctx.lead_marker = None


def _item_where(ctx: _Context) -> str:
    base = f"para {ctx.paragraph}" if ctx.paragraph else f"paragraph {ctx.paragraph_ordinal}"
    return f"{base}, item {ctx.item_number}"


def _paragraph_candidates(
    document: Document,
    header: DirectiveHeader,
    body: str,
    where: str,
    ctx: _Context,
    open_ended: bool = False,
) -> list[Candidate]:
    """Candidates of one paragraph: each sentence (or clause) with its own modal; a closing lead-in opens a list.

    ``open_ended`` says a list follows: a last sentence without a full stop ("You also need to tell us when",
    "a registered person must") then introduces it.
    """
    out: list[Candidate] = []
    if body.endswith(":"):
        # "... from 1 April IMPLEMENTATION DATE:": a header label a mirrored copy ran on to the text; no lead-in.
        body = _TRAILING_LABEL.sub("", body)
    sentences = split_sentences(body)
    for position, sentence in enumerate(sentences, start=1):
        location = where if len(sentences) == 1 or position == 1 else f"{where}, sentence {position}"
        last = position == len(sentences)
        introduces = sentence.rstrip().endswith((":", "—", "–", "-")) or (
            open_ended and not sentence.rstrip().endswith((".", "!", "?", ";"))
        )
        if last and introduces and _lead_in(document, header, sentence, location, ctx, out, open_ended=True):
            continue
        inline = _inline_list(document, header, sentence, location, ctx)
        if inline is not None:
            out.extend(inline)
            continue
        found: list[Candidate] = []
        for clause in _clauses(sentence):
            candidate = _sentence_candidate(document, header, clause, location, ctx.paragraph)
            if candidate is None and ctx.action_section and (_is_imperative(clause) or _purpose_form(clause)):
                candidate = _imperative(document, header, clause, location, ctx.paragraph, None, 0.7)
            if candidate is None and " to " in clause[:130]:
                candidate = _actor_infinitive(document, header, clause, location, ctx)
            if candidate is None and clause.rstrip().endswith(".") and _is_instruction_sentence(clause):
                candidate = _imperative(document, header, clause, location, ctx.paragraph, None, 0.65)
            if candidate:
                found.append(candidate)
        # Checked only once something was found: most sentences carry no duty and need no second look.
        if found and not _is_non_requirement(sentence, ctx):
            out.extend(found)
    return out


_TRAILING_LABEL = re.compile(r"(?<=[a-z0-9).,;:])\s+(?:[A-Z]{2,}(?:\s+[A-Z]{2,}){0,3}):$")
_CONTINUES = re.compile(
    r"^(?:[a-z]|\d{4}\b)"
)  # a block that goes on with the sentence before (a year, a lower-case word)
_INLINE_LEAD_IN = re.compile(r"^(.{8,300}?:)\s+(?=\S)")


def _inline_list(
    document: Document, header: DirectiveHeader, sentence: str, location: str, ctx: _Context
) -> list[Candidate] | None:
    """ "Chief Officers are asked to: ensure ...; to undertake ...; submit ...": a list run into its lead-in.

    Each part between semicolons is an item of the lead-in (None when the sentence is not such a list).
    """
    if sentence.count(";") < 1 or ":" not in sentence:
        return None
    match = _INLINE_LEAD_IN.match(sentence)
    if match is None:
        return None
    lead = match.group(1)
    parts = [part.strip() for part in re.split(r";\s*(?:and\s+|or\s+)?", sentence[match.end() :]) if part.strip()]
    if len(parts) < 2 or not p.is_lead_in(lead) or p.is_condition_lead_in(lead):
        return None
    if not all(_is_action(part) for part in parts):
        return None  # "mandatory for all early years providers: maintained schools; ...": its audience, one duty
    _open_list(ctx, header, lead)
    out: list[Candidate] = []
    for part in parts:
        ctx.item_number += 1
        out.extend(_item_candidates(document, header, Block("item", part, marker="inline"), ctx))
    _close_list(ctx)
    ctx.item_number = 0
    for number, candidate in enumerate(out, start=1):
        candidate.location = f"{location}, item {number}"
    return out


def _is_action(text: str) -> bool:
    """True when a list item is a thing to do: it opens with a verb ("submit ...", "to undertake ...") or a modal."""
    text = re.sub(r"^(?:to|and|or)\s+", "", text.strip(), flags=re.IGNORECASE)
    return p.starts_with_action_verb(text) or _find_modality(text) is not None


_READING_VERBS = {"read", "see", "refer", "note", "find", "visit", "use"}
# A lead-in that only names a body: "For Probation Areas:", "Chief Officers and Regional Managers:".
_ACTOR_LEAD_IN = re.compile(r"^\s*(?:for\s+)?((?:the\s+|all\s+|each\s+)?[A-Za-z’' ,&()-]{3,80}?)\s*:\s*$", re.I)
# An order to take the steps listed next: "take the following action", "complete the following steps".
_ORDERS_STEPS = re.compile(
    r"\b(?:take|follow|complete|carry out|undertake|observe|apply)\s+the\s+following\s+(?:\w+\s+)?"
    r"(?:actions?|steps?|procedures?|measures?|checks?)\s*[:.\-–—]?\s*$",
    re.IGNORECASE,
)
_IF_THEN = re.compile(r"^(?:if|where|when|once|before|after)\b[^,]{3,120},\s*(?=[a-z])", re.IGNORECASE)


def _is_instruction_sentence(text: str) -> bool:
    """ "Contact Ofsted to resign your registration.", "If ..., tell parents to ...": an order with no modal."""
    rest = _IF_THEN.sub("", text, count=1)
    words = rest.split()
    if len(words) < 4 or words[0].lower() in _READING_VERBS:
        return False
    return _is_imperative(rest)


_ACTOR_TO = re.compile(r"^(.{2,120}?)\s+to\s+(?:also\s+)?([a-z]+)\b")
# Auxiliaries and forms of "be" or "have": a subject followed by one of them has a verb of its own.
_AUXILIARY = re.compile(
    r"\b(?:is|are|was|were|be|been|being|will|would|may|might|can|could|shall|should|must|has|have|had|do|does|"
    r"did|wish|wishes|want|wants)\b",
    re.IGNORECASE,
)


def _purpose_form(text: str) -> bool:
    """ "To ensure that the contents of this circular are implemented ..." under an ACTION heading."""
    match = re.match(r"^to\s+(?:be\s+)?([a-z]+)\b", text.strip(), re.IGNORECASE)
    return bool(match and (match.group(1).lower() in p.ACTION_VERBS or match.group(1).lower() in _AWARE_VERBS))


_AWARE_VERBS = {"aware", "understand", "note", "ensure", "consider", "read"}


def _actor_infinitive(
    document: Document, header: DirectiveHeader, text: str, location: str, ctx: _Context
) -> Candidate | None:
    """ "Chief Officers to ensure that ...", "Regional Managers to collate ...": an action point without a verb."""
    match = _ACTOR_TO.match(text)
    if not match or (match.group(2).lower() not in p.ACTION_VERBS and match.group(2).lower() not in _AWARE_VERBS):
        return None
    subject = match.group(1)
    actor = p.find_actor(subject)
    if actor is None or not p.lower(subject).startswith(p.lower(actor)[:4]) or _AUXILIARY.search(subject):
        return None  # "Areas may wish to ...", "Trusts are free to ...": a verb before "to" makes it no action point
    candidate = _imperative(document, header, text, location, ctx.paragraph, None, 0.75)
    candidate.actor = actor
    candidate.on_regulated = not p.is_central(actor)
    return candidate


def _lead_in(
    document: Document,
    header: DirectiveHeader,
    sentence: str,
    location: str,
    ctx: _Context,
    out: list[Candidate],
    open_ended: bool = False,
) -> bool:
    """Open a list after a lead-in; return False when the sentence does not introduce one."""
    duty = p.is_lead_in(sentence) or (open_ended and _find_modality(sentence) is not None)
    if not duty and (
        (_is_imperative(sentence) and sentence.rstrip().endswith(":"))
        or (open_ended and _ORDERS_STEPS.search(sentence))
    ):
        # "Use the early years incident online form to report:", "To revert to a quarterly stagger take the
        # following action": each item is a thing to do.
        _open_list(ctx, header, sentence)
        return True
    if duty:
        if p.is_condition_lead_in(sentence):
            # "... must not be opened unless—" is the duty; its items are the conditions.
            whole = _sentence_candidate(document, header, sentence.rstrip(":-–— "), location, ctx.paragraph)
            if whole:
                out.append(whole)
            _open_list(ctx, header, sentence)
            ctx.conditions = True
            return True
        _open_list(ctx, header, sentence)
        return True
    named = _ACTOR_LEAD_IN.match(sentence)
    if ctx.action_section and named and p.find_actor(named.group(1)):
        # "For Probation Areas:", "Regional Managers:" under ACTION: the items are that body's actions.
        _open_list(ctx, header, sentence)
        ctx.lead_actor = p.find_actor(named.group(1))
        ctx.lead_modality = p.MUST
        return True
    if sentence.rstrip().endswith((":", "—", "–")) or open_ended:
        # A descriptive list ("The return asks for:", "This section applies to each of the following—").
        ctx.list_open = True
        ctx.conditions = False
        ctx.item_number = 0
        ctx.lead_in = None
        ctx.lead_modality = None
        ctx.lead_actor = None
        return True
    return False


# Look-alikes that are not requirements: reading notes, the document describing itself, emphasis.
_NOT_A_DUTY_FORMS = [
    # reading notes, whatever their preposition: "should be read before and in conjunction with PSO ...",
    # "should be read alongside ..."
    r"\bread in conjunction with\b|\bbe read (?:[\w ]{0,25}?\b)?(?:in conjunction with|alongside|together with|"
    r"in (?:the )?light of)\b",
    # definitions: "All references to Governors should be taken to include Directors of Contracted out Prisons"
    r"\b(?:should|must|shall|is to|are to|will) be (?:taken|read|construed|understood|interpreted) "
    r"(?:to (?:include|mean|refer)|as (?:including|meaning|referring|a reference))\b",
    # a past expectation, not a duty now: "... should have been sent to Areas in May"
    r"\b(?:should|must|would|ought to) (?:already )?have been\b",
    r"^it (?:must|should) be (?:emphasised|noted|stressed|remembered) that\b",
    # a blanket statement that the document's own actions are to be followed ("All mandatory actions in this
    # Instruction ... must be strictly adhered to")
    r"\b(?:mandatory actions?|mandatory requirements?|requirements|instructions) (?:in|of|contained in|set out in) "
    r"this (?:instruction|circular|order|document|guidance|pso|psi|pi|pc)\b.*\b(?:must|shall|should|are to)\b"
    r"(?: be)?(?: strictly)? (?:adhered|followed|complied|observed)\b",
    r"\bthe (?:purpose|aim|objective)s? (?:of [\w ]+ )?(?:is|are) to\b",
    r"(?:^|[–—-]\s)(?:this|the|these)(?: new| revised| attached| national)? (?:pc|circular|instruction|order|code|"
    r"framework|guidance|guide|document|handbook|manual|directions?|policy|specification|plan|"
    r"national business plan|process|act|regulations|management regulations)\b[^.]*?\b(?:provides?|sets? out|"
    r"explains?|describes?|defines?|includes?|focus(?:es)?|informs?|instructs?|introduces?|summari[sz]es?|"
    r"gives?|covers?|contains?|outlines?|generally make)\b",
    r"^(?:it|they) (?:also )?(?:provides?|defines?|sets? out|explains?|describes?|covers?|introduces?|"
    r"summari[sz]es?)\b",
    r"^(?:our|this) (?:monitoring|inspection) (?:process|framework)\b",
    r"^(?:if you(?:’|')re|if you are)\b[^,]*,\s*(?:read|see)\b",
    r"^the (?:information|details|guidance) (?:that|which)\b",
    r"\byou can (?:read|see|find|use)\b",
    r"^this is not\b",
    # the document saying what it is for: "... this is to clarify the responsibilities of ...", "This letter is to"
    r"\bthis (?:(?:circular|instruction|letter|bulletin|notice|note|guidance|document|pc|psi|pso|pi) )?is to "
    r"(?!be\b)",  # "This is to be completed ..." is a duty ("is to be")
    # routing of queries: "Any queries should be addressed to ...", "Enquiries about this PSI should be sent to ..."
    r"^(?:any |all |other |further |general )?(?:queries|enquiries|inquiries|questions)\b[^.;]{0,120}?\b"
    r"(?:should|must|may|can|are to) be (?:addressed|directed|sent|referred|made|raised|put|emailed|e-mailed)"
    r" (?:initially |in the first instance )?to\b",
    # the text describing what it does: "The Regulations make more explicit what employers are required to do"
    r"\b(?:make|makes) (?:more |it )?(?:explicit|clear) (?:what|how|that|who|when)\b",
]
# One pattern a form, on lower-cased text: each is first ruled out by a substring test of its leading words,
# where one alternation of them all would run the regex on every sentence (about 5% of extraction time).
# A form whose every alternative starts at a word boundary has that boundary checked by hand (see patterns.CI), so
# that the regex engine skips ahead to its leading words.
_NOT_A_DUTY = [
    p.CI(form, word_start=all(alt.startswith("\\b") for alt in p.top_level_alternatives(form)))
    for form in _NOT_A_DUTY_FORMS
]


# A need of the service, not a duty of anyone: "there is an urgent need to address the audit process" (in the main
# clause only: "Where there is a need to share information, staff must ..." is a duty).
_SERVICE_NEED = re.compile(
    r"(?:^|\band (?:consequently |therefore |so )?|[;:]\s*)there (?:is|was|remains|will be) "
    r"(?:a|an|the|no|some|also a|also an)? ?(?:\w+ )?need\b"
)


@cache
def _looks_like_a_duty_but_is_not(text: str) -> bool:
    """True for the look-alikes above (a reading note, a definition, the document describing itself, ...)."""
    low = p.lower(text)
    if "there" in low and _SERVICE_NEED.search(low):
        return True
    return any(form.search_lower(low) for form in _NOT_A_DUTY)


_QUESTION_HEADING = re.compile(r"^(?:who|what|when|where|how|why|which)\b[^.?!;:]*$", re.IGNORECASE)
_PURPOSE_SENTENCE = re.compile(r"^to\s+[a-z]+\b[^,;]*$", re.IGNORECASE)


def _is_non_requirement(sentence: str, ctx: _Context) -> bool:
    """Sentences that look like duties but describe the document, route readers or head a section."""
    text = sentence.strip()
    if text.endswith("?"):
        return True  # "When should a return be logged?": a question heads a section or asks; it orders nothing
    if _QUESTION_HEADING.match(text) and len(text.split()) <= 12:
        return True  # "What maintained schools must publish online"
    if _PURPOSE_SENTENCE.match(text) and not ctx.action_section:
        return True  # "To notify Probation Areas of the need to provide ..." states the document's purpose
    return _looks_like_a_duty_but_is_not(text)


@cache
def _clauses(sentence: str) -> tuple[str, ...]:
    return tuple(_split_clauses(sentence))


def _split_clauses(sentence: str) -> list[str]:
    """Split a sentence at "; " or "but" where each side carries its own modal ("must not be read but must be ...").

    A side that is an order of its own ("...; ensure an annual safety check is carried out ...") counts as one.
    """
    if ";" not in sentence and " but " not in sentence and " and " not in sentence:
        return [sentence]
    # Without a semicolon, a break is a "but" or an "and" followed by "must", "should" or "shall" (the breaks'
    # own words, in lower case): a sentence holding none of them is one clause, found before any regex runs.
    if ";" not in sentence and "must" not in sentence and "should" not in sentence and "shall" not in sentence:
        return [sentence]
    ordered = ";" in sentence and bool(_ORDER_AFTER_SEMICOLON.search(sentence))
    if not ordered and len(_TWO_MODALS.findall(p.lower(sentence))) < 2:
        return [sentence]
    pieces = [piece for piece in _CLAUSE_BREAK.split(sentence) if piece and piece.strip()]
    if len(pieces) < 2:
        return [sentence]
    modal = [_find_modality(piece) is not None for piece in pieces]
    # A side that only permits ("... may requisition a meeting ...") is a clause of its own too: a look-alike that
    # the other side's duty should not be joined to.
    own = [
        has or p.starts_with_action_verb(piece) or _PERMITS.search(piece) is not None
        for has, piece in zip(modal, pieces, strict=True)
    ]
    if all(own) and any(modal):
        return [piece.strip() for piece in pieces]
    return [sentence]


_PERMITS = re.compile(r"\bmay\b")
_ORDER_AFTER_SEMICOLON = re.compile(r";\s+(?:and\s+)?[a-z]+\b")


_EMBEDDED_MODAL = re.compile(r"^\W*(?:what|how|who|which|where|when|whether)\b[^.]*?\b(?:should|must)\b", re.I)
_TWO_MODALS = re.compile(r"\b(?:must|should|shall|will|need|needs|required|expected|cannot|may|is to|are to)\b")
# "... may requisition a meeting ..., and the clerk must convene a meeting ...": "and" joins two clauses when a
# subject of a few words and its own modal follow it (the corpus README's rule on splitting).
_CLAUSE_BREAK = re.compile(
    r"(?<=;)\s+(?:and\s+|or\s+)?(?=\S)|,?\s+but\s+(?=(?:[\w’'-]+\s+){0,2}?(?:must|should|shall)\b)"
    r"|,?\s+and\s+(?=(?:the|a|an|each|every|all|any|in|where|if)\s+(?:[\w’'-]+\s+){0,6}?(?:must|should|shall)\b)"
)


def _is_timescale_heading(text: str) -> bool:
    if len(text) > 120 or text.endswith((".", ";", ":")):
        return False
    low = text.lower()
    if "time" not in low and "deadline" not in low and "dates" not in low:
        return False
    return len(text.split()) <= 12 and bool(_TIMESCALE_HEADING.search(text))


def _timescale_actor(text: str, header: DirectiveHeader, strict: bool = False) -> str | None:
    """The body a timescale table binds: named in its heading ("Timescales for children's social care")."""
    if not _TIMESCALE_HEADING.search(text):
        return None
    named = p.find_actor(text)
    if named:
        return named
    match = _TIMESCALE_FOR.search(text)
    if match:
        return match.group(1).strip(" .:|")[:80].capitalize()
    return None if strict else header.default_actor


def _timescale_line(
    document: Document, header: DirectiveHeader, text: str, where: str, ctx: _Context
) -> Candidate | None:
    """A line of a timescale table laid out as text ("Initial assessment – within 7 working days of referral")."""
    if len(text) > 400 or not (p.find_timescale(text) or p.find_deadline(text)):
        return None
    details = _details(text)
    actor = ctx.timescale_actor or header.default_actor
    return Candidate(
        file=document.name,
        text=text,
        modality=p.MUST,
        actor=actor,
        on_regulated=not p.is_central(actor),
        location=where,
        confidence=0.75,
        directive=header.reference,
        paragraph=ctx.paragraph,
        kind="row",
        **details,  # type: ignore[arg-type]
    )


def _where(document: Document, block: Block, ctx: _Context, number: str | None) -> str:
    if ctx.paragraph:
        return f"para {ctx.paragraph}"
    if document.format == "pdf" and block.page:
        return f"page {block.page}, paragraph {ctx.paragraph_ordinal}"
    return f"paragraph {ctx.paragraph_ordinal}"


def _open_list(ctx: _Context, header: DirectiveHeader, sentence: str) -> None:
    sentence = _LABEL_PREFIX.sub("", sentence)
    modal = _find_modality(sentence)
    ctx.list_open = True
    ctx.conditions = False
    ctx.item_number = 0
    ctx.lead_in = sentence
    ctx.lead_modality = modal.modality if modal else p.MUST
    ctx.lead_confidence = modal.confidence if modal else 0.75
    ctx.lead_actor = _actor_of(sentence, modal, header) if modal else header.default_actor


def _looks_like_heading(text: str) -> bool:
    """True for a contents entry or heading ("Background 5", "Residents’ programmes and activities 6")."""
    text = text.strip()
    if text.endswith((".", ";", ",")) or len(text.split()) > 10:
        return False
    if _PAGE_REFERENCE.search(text) and not _NUMBERED_PART.search(text):
        return True  # "Background 5"; but "Provide summary reports as per Appendix 3" names a part, not a page
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", text) if w.lower() not in _MINOR_WORDS]
    return bool(words) and all(w[0].isupper() for w in words) and not p.starts_with_action_verb(text)


def _item_candidates(document: Document, header: DirectiveHeader, block: Block, ctx: _Context) -> list[Candidate]:
    location = _item_where(ctx)
    text = block.text
    if ctx.list_open and (ctx.conditions or ctx.lead_in is None):
        # Conditions of a duty, or items of a descriptive list: only sentences with their own (main-clause) modal.
        found = _own_modal_sentences(document, header, text, location, ctx, ctx.lead_actor)
        return [c for c in found if c.confidence >= 0.75]
    if ctx.list_open and ctx.lead_modality:
        if _looks_like_heading(text) or len(text.split()) < 2:
            return []
        out: list[Candidate] = []
        for position, sentence in enumerate(split_sentences(text), start=1):
            for clause in _clauses(sentence):
                own = _sentence_candidate(
                    document, header, clause, location, ctx.paragraph, inherit_actor=ctx.lead_actor
                )
                if own:
                    own.lead_in = ctx.lead_in
                    own.kind = "item"
                    if own.modality != ctx.lead_modality and _EMBEDDED_MODAL.search(clause):
                        own.modality = ctx.lead_modality  # "what parents should do ..." under "You must explain:"
                    _cap_unnamed_item(own, clause)
                    out.append(own)
                elif position == 1 and not out and not _says_what_can_be(clause):
                    out.append(
                        _imperative(
                            document,
                            header,
                            clause,
                            location,
                            ctx.paragraph,
                            ctx,
                            min(0.8, 0.85 * ctx.lead_confidence / 0.9),
                        )
                    )
                elif out:
                    # A sentence that explains the item without a duty of its own stays with it.
                    out[-1].text = f"{out[-1].text} {clause}"
        for candidate in out:
            _inherit_times(candidate, ctx.lead_in)
        if len(out) > 1:
            for number, candidate in enumerate(out, start=1):
                candidate.location = f"{location}, sentence {number}"
        return out
    found = _own_modal_sentences(document, header, text, location, ctx, None)
    if found:
        return found
    if _is_imperative(text):
        return [_imperative(document, header, text, location, ctx.paragraph, None, 0.7)]
    if ctx.timescale_actor:
        row = _timescale_line(document, header, text, location, ctx)
        return [row] if row else []
    return []


_LEADING_CONDITION = re.compile(r"^\s*(?:where|if|unless|when|in the event that)\b[^,]*,\s*", re.IGNORECASE)


def _inherit_times(item: Candidate, lead_in: str | None) -> None:
    """Give a list item the timescale, deadline and frequency its lead-in states, where it states none itself.

    "An authority must, ... not later than 31st July ..., publish— (a) ...; (b) ...": each item is due then.
    """
    if not lead_in:
        return
    # "Where the chief constable is not going to respond within the 21 day period ..., [he] must inform— ...":
    # a time in the lead-in's condition is not when the items are due.
    lead_in = _LEADING_CONDITION.sub("", lead_in)
    if item.timescale is None:
        item.timescale = p.find_timescale(lead_in)
    if item.deadline is None:
        item.deadline = p.find_deadline(lead_in)
    if item.frequency is None:
        found = p.find_frequency(lead_in)
        # "To revert to a quarterly stagger take the following action": an adjective in the lead-in names a thing;
        # only a stated recurrence ("each quarter", "twice a year") is passed to its items.
        if found is not None and found[0].lower() not in p.ADVERBS:
            item.frequency, item.frequency_per_year = found


_CAN_BE_DONE = re.compile(r"\b(?:can|could|may|might)\s+(?:also\s+|still\s+|then\s+)?be\s+[a-z]+(?:ed|en|ne|wn)\b")
_GOVERNED = re.compile(r"[(]|\b(?:that|which|who|whom|whose|how|what|when|where|whether|if|why|unless)\b", re.I)


def _says_what_can_be(item: str) -> bool:
    """True for an item whose own verb says what can be done ("Stagger changes can be actioned ..."): no action.

    Not when the possibility sits in a clause the lead-in governs ("how a complaint can be made") or the item
    opens with a verb of its own.
    """
    found = _CAN_BE_DONE.search(item)
    return bool(found and not _GOVERNED.search(item[: found.start()]) and not _is_imperative(item))


def _cap_unnamed_item(candidate: Candidate, text: str) -> None:
    """A list item that names no one of its own is less sure: keep it out of the bulk-accept band (> 0.8)."""
    if candidate.actor.lower() not in text.lower():
        candidate.confidence = min(candidate.confidence, 0.8)


def _own_modal_sentences(
    document: Document, header: DirectiveHeader, text: str, location: str, ctx: _Context, actor: str | None
) -> list[Candidate]:
    out: list[Candidate] = []
    for sentence in split_sentences(text):
        for clause in _clauses(sentence):
            own = _sentence_candidate(document, header, clause, location, ctx.paragraph, inherit_actor=actor)
            if own:
                own.kind = "item"
                _cap_unnamed_item(own, clause)
                out.append(own)
    if len(out) > 1:
        for number, candidate in enumerate(out, start=1):
            candidate.location = f"{location}, sentence {number}"
    return out


def _details(text: str) -> dict[str, object]:
    frequency = p.find_frequency(text)
    timescale = p.find_timescale(text)
    deadline = p.find_deadline(text)
    activity = guess_activity(text)
    per_year = frequency[1] if frequency else None
    return {
        "timescale": timescale,
        "frequency": frequency[0] if frequency else None,
        "frequency_per_year": per_year,
        "deadline": deadline,
        "activity": activity.value,
        "driver": guess_driver(text, activity, per_year).value,
        "references": p.find_references(text),
    }


def _sentence_candidate(
    document: Document,
    header: DirectiveHeader,
    sentence: str,
    location: str,
    paragraph: str | None,
    inherit_actor: str | None = None,
) -> Candidate | None:
    if sentence[:1] in _LABEL_INITIALS:  # every label starts with one of these letters: most sentences skip the sub
        sentence = _LABEL_PREFIX.sub("", sentence)
    sentence = sentence.strip()
    if sentence[:1].isdigit():
        # "8.2 All Governors ...": a paragraph number inside a block (a copy that ran paragraphs together).
        sentence = split_paragraph_number(sentence)[1]
    if len(sentence) < 8 or len(sentence) > 2000:
        return None
    modal = _find_modality(sentence)
    if modal is None or _describes_document(sentence, modal) or _expects_an_outcome(sentence, modal):
        return None
    if sentence.endswith("?") or _looks_like_a_duty_but_is_not(sentence):
        return None  # a look-alike wherever it stands: in a paragraph, a list item or a header section
    if p.PAST_OR_REPORTED.search(sentence[: modal.start + len(modal.cue) + 1]) and not re.search(
        r"\b(?:is|are|be)\s+(?:\w+\s+)?(?:required|asked|instructed|expected)", modal.cue, re.I
    ):
        return None
    named = _actor_of(sentence, modal, header)
    actor = named or inherit_actor or header.default_actor
    confidence = modal.confidence * (1.0 if named else 0.9)
    if len(sentence.split()) > 80:
        confidence *= 0.8
    issuer = _is_issuer(sentence, modal)
    return Candidate(
        file=document.name,
        text=sentence,
        modality=modal.modality,
        actor=actor,
        on_regulated=not issuer and not p.is_central(actor),
        location=location,
        confidence=round(confidence, 2),
        directive=header.reference,
        paragraph=paragraph,
        **_details(sentence),  # type: ignore[arg-type]
    )


# Cues after which the bound body is named: "expects Chief Officers to", "places a duty on local authorities",
# "it is the responsibility of the Head of Quality".
_EXPECTS = re.compile(
    r"\b(?:expects?|require|instruct|instructs|responsibility of)\b|^(?:places?|imposes?|puts?)\b",
    re.IGNORECASE,
)
_WE = re.compile(r"\b(?:we|i)\s*$", re.IGNORECASE)


def _is_issuer(sentence: str, modal: p.ModalityMatch) -> bool:
    """True when the duty is the issuing body's own ("We will ensure ...")."""
    return modal.cue.lower() == "will" and bool(_WE.search(sentence[: modal.start]))


def _actor_of(sentence: str, modal: p.ModalityMatch, header: DirectiveHeader) -> str | None:
    """Who a sentence binds: the subject before the modal; for "X expects Y to" and "I expect Y to", Y."""
    if _EXPECTS.search(modal.cue) or modal.cue.lower().startswith(("i ", "we ")):
        after = p.find_actor(sentence[modal.start : modal.start + len(modal.cue) + 80])
        if after:
            return after
    if _is_issuer(sentence, modal):
        return header.authority or "The issuing body"
    return p.find_actor(sentence, modal.start)


def _imperative(
    document: Document,
    header: DirectiveHeader,
    text: str,
    location: str,
    paragraph: str | None,
    ctx: _Context | None,
    confidence: float,
) -> Candidate:
    actor = (ctx.lead_actor if ctx else None) or header.default_actor
    modality = (ctx.lead_modality if ctx else None) or p.MUST
    issuer = bool(ctx and ctx.lead_in and re.search(r"\bwe\s+will\b", ctx.lead_in, re.IGNORECASE))
    return Candidate(
        file=document.name,
        text=text.strip(),
        modality=modality,
        actor=actor,
        on_regulated=not issuer and not p.is_central(actor),
        location=location,
        confidence=round(min(confidence, 0.95), 2),
        directive=header.reference,
        paragraph=paragraph,
        lead_in=ctx.lead_in if ctx else None,
        kind="item" if ctx else "imperative",
        **_details(text),  # type: ignore[arg-type]
    )


def _row_candidate(
    document: Document, header: DirectiveHeader, block: Block, table_actor: str | None = None
) -> Candidate | None:
    text = block.text
    details = _details(text)
    modal = _find_modality(text)
    has_time = details["timescale"] or details["frequency"] or details["deadline"]
    if block.row == 1 and not has_time:
        return None  # the header row of the table
    if not (has_time or modal):
        return None
    if len(block.cells) < 2 and not modal:
        return None
    actor = (p.find_actor(text, modal.start) if modal else None) or table_actor or header.default_actor
    return Candidate(
        file=document.name,
        text=text,
        modality=modal.modality if modal else p.MUST,
        actor=actor,
        on_regulated=not p.is_central(actor),
        location=f"table {block.table}, row {block.row}",
        confidence=0.8 if modal else 0.7,
        directive=header.reference,
        kind="row",
        **details,  # type: ignore[arg-type]
    )


def _tagged(pieces: Iterator[tuple[int, Block]], out: list[Candidate]) -> Iterator[tuple[int, Block]]:
    """The pieces, marking each candidate the loop drafts from a block with that block's index."""
    for index, block in pieces:
        mark = len(out)
        yield index, block
        for candidate in out[mark:]:
            candidate.extra.setdefault("block", index)


# -- the learned scorer: every segment a candidate, the model decides -------------------------------------


@dataclass
class Segment:
    """A sentence, clause, list item or table row of a document, with what the scorer reads about it."""

    block: int
    text: str
    kind: str
    lead_in: str | None = None
    lead_modality: str | None = None
    candidate: Candidate | None = None  # the rules' candidate, when the rules drafted this segment


_TOKEN = re.compile(r"[a-z0-9]+")


def _tokens(text: str) -> frozenset[str]:
    return frozenset(_TOKEN.findall(p.lower(text)))


def _covers(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when two token sets are the same words, or one holds most of the other's."""
    if not a or not b:
        return False
    common = len(a & b)
    return common / len(a | b) >= 0.5 or common / len(a) >= 0.7 or common / len(b) >= 0.7


def _ends_lead_in(text: str) -> bool:
    return text.rstrip().endswith((":", "—", "–", " -"))


def segments(document: Document, header: DirectiveHeader) -> list[Segment]:
    """Every sentence, clause (with a modal of its own), list item and table row of a document: for high recall.

    A list item under a lead-in (a paragraph ending in a colon or a dash) carries the lead-in and its modality.
    """
    out: list[Segment] = []
    lead: str | None = None
    lead_modality: str | None = None
    for index, block in _pieces(document.blocks):
        if index in header.blocks:
            free = header.free_text.get(index)
            lead = None
            if free:
                out += [Segment(index, clause, "sentence") for clause in _sentence_pieces(free)]
            continue
        if block.kind == "heading":
            lead = None
            continue
        if block.kind == "row":
            lead = None
            out.append(Segment(index, block.text, "row"))
            continue
        if block.kind == "item":
            pieces = _sentence_pieces(block.text)
            if len(pieces) <= 1 or not any(_find_modality(piece) for piece in pieces[1:]):
                pieces = [block.text.strip()]
            out += [Segment(index, piece, "item", lead, lead_modality) for piece in pieces]
            continue
        _, body = split_paragraph_number(block.text)
        pieces = _sentence_pieces(body)
        out += [Segment(index, piece, "sentence") for piece in pieces]
        if pieces and _ends_lead_in(pieces[-1]):
            lead = pieces[-1]
            found = _find_modality(lead)
            lead_modality = found.modality if found else p.MUST
        else:
            lead = None
    return out


def _sentence_pieces(text: str) -> list[str]:
    pieces = []
    for sentence in split_sentences(text):
        if sentence[:1] in _LABEL_INITIALS:
            sentence = _LABEL_PREFIX.sub("", sentence)
        if sentence[:1].isdigit():
            sentence = split_paragraph_number(sentence)[1]
        sentence = sentence.strip()
        if len(sentence) >= 8:
            pieces += [clause for clause in map(str.strip, _clauses(sentence)) if len(clause) >= 8]
    return pieces


def candidate_pool(
    document: Document, header: DirectiveHeader, drafted: list[Candidate], addable_only: bool = False
) -> list[Segment]:
    """The rules' candidates and every segment they do not already cover, in document order.

    ``addable_only`` leaves out the segments the scorer never adds (:func:`scorer.may_be_added`).
    """
    by_block: dict[int, list[str]] = {}
    for candidate in drafted:
        key = int(candidate.extra.get("block", -1))  # type: ignore[call-overload]
        by_block.setdefault(key, []).append(candidate.text)
    # The words of the rules' candidates, read for a block only when a segment near it is compared with them.
    block_words: dict[int, list[frozenset[str]]] = {}

    def words_of(block: int) -> list[frozenset[str]]:
        found = block_words.get(block)
        if found is None:
            found = block_words[block] = [_tokens(text) for text in by_block[block]]
        return found

    pool = [
        Segment(
            int(c.extra.get("block", -1)),  # type: ignore[call-overload]
            c.text,
            c.kind,
            c.lead_in,
            c.modality if c.lead_in else None,
            candidate=c,
        )
        for c in drafted
    ]
    # The lead-ins the rules read (also those with no colon: "You also need to tell us when"): their items are the
    # duties, so such a lead-in is no candidate of its own. (Keeping those whose items look like qualifiers, by the
    # scorer's lead-in features, lost more list items than it found lead-ins.)
    lead_ins = {c.lead_in.strip() for c in drafted if c.lead_in}
    for segment in segments(document, header):
        if segment.text.strip() in lead_ins:
            continue
        # A lead-in ending in a colon or a dash is a candidate too: it is the one requirement when its items are
        # alternatives, conditions or qualifiers of one act ("... must comply with any direction given by—"); the
        # model reads which from the lead-in's words and the items under it. (The lead-ins the rules read, above,
        # head items the rules drafted as the duties.) Out of document on dev: the same F1, a higher recall ceiling.
        if addable_only and not scorer.may_be_added(
            segment.text, segment.kind, segment.lead_in, _find_modality(segment.text)
        ):
            continue
        near = [block for block in (segment.block - 1, segment.block, segment.block + 1) if block in by_block]
        if not near:
            pool.append(segment)  # no candidate of the rules nearby covers it: no need to read its words
            continue
        words = _tokens(segment.text)
        if not any(_covers(words, tokens) for block in near for tokens in words_of(block)):
            pool.append(segment)
    blocks = document.blocks
    pool.sort(key=lambda s: (s.block, _position(blocks[s.block].text if 0 <= s.block < len(blocks) else "", s.text)))
    return pool


def _position(block_text: str, text: str) -> int:
    found = block_text.find(text[:30])
    return found if found >= 0 else 0


def pool_features(document: Document, pool: list[Segment], header: DirectiveHeader | None = None) -> np.ndarray:
    """The feature matrix of a pool of segments (one row a segment)."""
    if not pool:
        return np.zeros((0, len(scorer.feature_names())))
    blocks = document.blocks
    size = max(len(blocks), 1)
    context = block_context(document, header, {s.block for s in pool})
    rows = []
    numbered_blocks: dict[int, bool] = {}  # several segments come from one block: its number is read once
    for s in pool:
        numbered = numbered_blocks.get(s.block)
        if numbered is None:
            block = blocks[s.block] if 0 <= s.block < len(blocks) else None
            numbered = bool(block is not None and block.text[:1].isdigit() and split_paragraph_number(block.text)[0])
            numbered_blocks[s.block] = numbered
        modal = _find_modality(s.text)
        in_header, timescale, table_duty, first_item, after_heading, before_items = context.get(s.block, _NO_CONTEXT)
        lead = s.lead_in
        lead_words = len(lead.split()) if lead else 0
        rows.append(
            scorer.features(
                s.text,
                s.kind,
                from_rules=s.candidate is not None,
                lead_in=lead,
                lead_modality=s.lead_modality,
                position=s.block / size,
                numbered=numbered,
                lookalike=modal is not None and _is_lookalike(s.text, modal),
                modal=modal,
                context=(
                    in_header,
                    timescale,
                    table_duty,
                    float(s.kind == "row" and bool(_DATED_ROW.search(s.text))),
                    first_item,
                    float(0 < lead_words <= 3),
                    float(bool(lead) and lead_bare(lead or "")),
                    after_heading,
                    before_items,
                ),
            )
        )
    return np.array(rows)


_NO_CONTEXT = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)


@lru_cache(maxsize=256)
def lead_bare(lead_in: str) -> bool:
    """A lead-in with no modal, no order and no body named ("Documents:", "Contents"): its items are a list of
    things, not of duties ("For Probation Areas:" names the body whose actions follow)."""
    return _find_modality(lead_in) is None and not p.starts_with_action_verb(lead_in) and not p.find_actor(lead_in)


# A table row that holds a date or a period: a timescale or deadline row ("2023 | 28th February 2025 |").
_DATED_ROW = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+" + p.MONTHS + r"|\bwithin\b|\bworking days\b|\bno later than\b|\bnot later than\b",
    re.IGNORECASE,
)


def block_context(
    document: Document, header: DirectiveHeader | None, wanted: set[int] | None = None
) -> dict[int, tuple[float, ...]]:
    """What the blocks around each block say of it, as features: in the header's free text, under a heading that
    names timescales, a table row under a duty (a lead-in or a sentence with a modal) or a timescale heading, the
    first item of a list, the first block after a heading, a block that list items follow (a lead-in).

    ``wanted``: the blocks whose features are asked for (all when None); the others are still read in order, for
    the timescale heading and the table's lead-in they pass on, but their heading test is run only when it matters.
    """
    blocks = document.blocks
    in_header = header.blocks if header is not None else set()
    out: dict[int, tuple[float, ...]] = {}
    timescale = False
    table_duty = False
    previous: Block | None = None
    previous_heading = False
    last = len(blocks) - 1
    for index, block in enumerate(blocks):
        kind = block.kind
        asked = wanted is None or index in wanted
        if kind == "heading":
            text = block.text.strip()
            heading = True
            timescale = _is_timescale_heading(text)
        elif kind == "text":
            text = block.text.strip()
            # A heading is short; and the heading test (the dearest here) runs only where its answer is read: a
            # block asked for, the block before one, or a heading that would end a timescale section.
            short = len(text) <= 120
            if short and _is_timescale_heading(text):
                timescale = True
                heading = (asked or (wanted is None or index + 1 in wanted)) and _looks_like_heading(text)
            elif short and (timescale or asked or wanted is None or index + 1 in wanted):
                heading = _looks_like_heading(text)
                if heading:
                    timescale = False
            else:
                heading = False
        else:
            heading = False
        if kind == "row" and (previous is None or previous.kind != "row"):
            lead = previous.text.strip() if previous is not None else ""
            table_duty = timescale or _ends_lead_in(lead) or (bool(lead) and _find_modality(lead) is not None)
        if asked:
            out[index] = (
                float(index in in_header),
                float(timescale and not heading),
                float(kind == "row" and table_duty),
                float(kind == "item" and (previous is None or previous.kind != "item")),
                float(previous_heading and not heading),
                float(kind != "item" and index < last and blocks[index + 1].kind == "item"),
            )
        previous = block
        previous_heading = heading
    return out


def _is_lookalike(text: str, modal: p.ModalityMatch) -> bool:
    """The rules' look-alike forms of a sentence with a modal cue (a reading note, a definition, the document
    describing itself, an expectation)."""
    return _describes_document(text, modal) or _expects_an_outcome(text, modal) or _looks_like_a_duty_but_is_not(text)


def _scored(
    document: Document, header: DirectiveHeader, drafted: list[Candidate], model: scorer.Model
) -> list[Candidate]:
    """The segments the model keeps, each with a confidence.

    The rules give the pool its structure (list items with their lead-ins, what an item inherits, clauses with
    their own modal, table rows) and draft the fields of the segments they read; the model decides which segments
    are requirements. A segment is kept from the model's threshold (chosen out of document on the dev split); a
    candidate the rules drafted from ``keep_drafted``, at or below it (the two are equal when the model decides
    alone). A candidate the rules drafted keeps the calibrated precision of its evidence bin unless the model
    doubts it (below its threshold): then it stays out of the bulk-accept band (> 0.8). A segment the model adds
    gets the model's calibrated confidence, at most 0.8: a person looks at each.
    """
    pool = candidate_pool(document, header, drafted, addable_only=True)
    if not pool:
        return []
    probability = model.probability(pool_features(document, pool, header))
    confidence = model.confidence(probability)
    calibrate(drafted)
    out = []
    for segment, prob, sure in zip(pool, probability, confidence, strict=True):
        drafted_one = segment.candidate
        if prob < (model.keep_drafted if drafted_one else model.threshold):
            continue
        candidate = drafted_one or _segment_candidate(document, header, segment)
        candidate.extra["probability"] = round(float(prob), 3)
        if drafted_one is None:
            candidate.extra["rule_score"] = None
            candidate.confidence = round(min(float(sure), UNCALIBRATED_CEILING_ADDED), 3)
        elif prob < model.threshold:
            candidate.confidence = round(min(candidate.confidence, float(sure), UNCALIBRATED_CEILING_ADDED), 3)
        out.append(candidate)
    return out


# The bulk-accept band starts above this confidence; what the model adds or doubts stays at or below it.
UNCALIBRATED_CEILING_ADDED = 0.8


def _segment_candidate(document: Document, header: DirectiveHeader, segment: Segment) -> Candidate:
    """A candidate for a segment the rules did not draft: modality from its own cue, else its lead-in's, else must."""
    modal = _find_modality(segment.text)
    modality = modal.modality if modal else segment.lead_modality or p.MUST
    named = _actor_of(segment.text, modal, header) if modal else p.find_actor(segment.text[:80])
    actor = named or header.default_actor
    block = document.blocks[segment.block] if 0 <= segment.block < len(document.blocks) else None
    number = split_paragraph_number(block.text)[0] if block is not None and block.kind == "text" else None
    where = f"para {number}" if number else f"block {segment.block + 1}"
    if segment.kind == "row" and block is not None and block.table is not None:
        where = f"table {block.table}, row {block.row}"
    candidate = Candidate(
        file=document.name,
        text=segment.text,
        modality=modality,
        actor=actor,
        on_regulated=not p.is_central(actor),
        location=where,
        confidence=0.0,
        directive=header.reference,
        paragraph=number,
        lead_in=segment.lead_in,
        kind=segment.kind,
        **_details(segment.text),  # type: ignore[arg-type]
    )
    if segment.lead_in:
        _inherit_times(candidate, segment.lead_in)
    return candidate
