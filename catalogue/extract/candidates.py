"""Turn a read document into candidate requirements: one per duty-bearing sentence, list item or table row.

>>> from catalogue.extract.readers import read_bytes
>>> doc = read_bytes(b"4.2 Chief Officers are asked to:\\n- submit a return quarterly;\\n- brief staff.", "pc.txt")
>>> [(c.text, c.modality, c.actor, c.frequency_per_year, c.location) for c in extract_candidates(doc)]
[('submit a return quarterly;', 'must', 'Chief Officers', 4.0, 'para 4.2, item 1'), ('brief staff.', 'must', \
'Chief Officers', None, 'para 4.2, item 2')]
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from catalogue.extract import patterns as p
from catalogue.extract.header import DirectiveHeader, read_header
from catalogue.extract.readers import Block, Document
from catalogue.extract.sentences import split_paragraph_number, split_sentences
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
_ACTIVITY_RES = [(activity, p.word_pattern(cue)) for activity, cue in ACTIVITY_CUES]
_DRIVER_RES = [(driver, p.word_pattern(cue)) for driver, cue in DRIVER_CUES]
_LABEL_PREFIX = re.compile(r"^(?:action(?: required)?|mandatory actions?|requirements?|note)\s*[:.\-–]\s*", re.I)
_HEADING_ACTION = re.compile(r"^(?:action(?:s)?(?: required)?|mandatory actions?)\.?$", re.IGNORECASE)
_NOT_IMPERATIVE_SECOND = {
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


def _is_imperative(text: str) -> bool:
    if not p.starts_with_action_verb(text):
        return False
    words = re.findall(r"[\w'’]+", text.lower())
    return len(words) >= 2 and words[1] not in _NOT_IMPERATIVE_SECOND


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
    return bool(re.search(r"\b(?:that|what|which|how)\s+(?:\w+\s+){0,3}$", sentence[: modal.start], re.I)) and bool(
        re.search(r"\b(?:sets? out|describes?|explains?|asks?|shows?|lists?)\b", sentence[: modal.start], re.I)
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
    item_number: int = 0
    action_section: bool = False


def extract_candidates(document: Document, header: DirectiveHeader | None = None) -> list[Candidate]:
    """Return the candidate requirements of a document, in document order (deterministic)."""
    header = header or read_header(document.blocks)
    out: list[Candidate] = []
    ctx = _Context()
    for index, block in enumerate(document.blocks):
        if index in header.blocks:
            ctx.list_open = False
            continue
        if block.kind == "heading":
            ctx.list_open = False
            ctx.action_section = bool(_HEADING_ACTION.match(block.text.strip()))
            number, _ = split_paragraph_number(block.text)
            if number:
                ctx.paragraph = number
            continue
        if block.kind == "row":
            ctx.list_open = False
            candidate = _row_candidate(document, header, block)
            if candidate:
                out.append(candidate)
            continue
        if block.kind == "item":
            ctx.item_number += 1
            out.extend(_item_candidates(document, header, block, ctx))
            continue
        # A plain paragraph.
        ctx.list_open = False
        ctx.item_number = 0
        number, body = split_paragraph_number(block.text)
        ctx.paragraph_ordinal += 1
        if number:
            ctx.paragraph = number
        if _HEADING_ACTION.match(body.strip()):
            ctx.action_section = True
            continue
        sentences = split_sentences(body)
        where = _where(document, block, ctx, number)
        for position, sentence in enumerate(sentences, start=1):
            location = where if len(sentences) == 1 or position == 1 else f"{where}, sentence {position}"
            if position == len(sentences) and p.is_lead_in(sentence):
                _open_list(ctx, header, sentence)
                continue
            candidate = _sentence_candidate(document, header, sentence, location, ctx.paragraph)
            if candidate is None and ctx.action_section and _is_imperative(sentence):
                candidate = _imperative(document, header, sentence, location, ctx.paragraph, None, 0.7)
            if candidate:
                out.append(candidate)
        if sentences and not ctx.list_open and body.rstrip().endswith(":"):
            # A descriptive list ("The return asks for:") opens a list with no duty attached.
            ctx.list_open = True
            ctx.lead_in = None
            ctx.lead_modality = None
            ctx.lead_actor = None
        if not body.rstrip().endswith(":") and not _HEADING_ACTION.match(body.strip()):
            ctx.action_section = ctx.action_section and len(body.split()) < 4
    return out


def _where(document: Document, block: Block, ctx: _Context, number: str | None) -> str:
    if ctx.paragraph:
        return f"para {ctx.paragraph}"
    if document.format == "pdf" and block.page:
        return f"page {block.page}, paragraph {ctx.paragraph_ordinal}"
    return f"paragraph {ctx.paragraph_ordinal}"


def _open_list(ctx: _Context, header: DirectiveHeader, sentence: str) -> None:
    sentence = _LABEL_PREFIX.sub("", sentence)
    modal = p.find_modality(sentence)
    ctx.list_open = True
    ctx.item_number = 0
    ctx.lead_in = sentence
    ctx.lead_modality = modal.modality if modal else "must"
    ctx.lead_confidence = modal.confidence if modal else 0.75
    ctx.lead_actor = p.find_actor(sentence, modal.start if modal else None) or header.default_actor


def _item_candidates(document: Document, header: DirectiveHeader, block: Block, ctx: _Context) -> list[Candidate]:
    base = f"para {ctx.paragraph}" if ctx.paragraph else f"paragraph {ctx.paragraph_ordinal}"
    location = f"{base}, item {ctx.item_number}"
    text = block.text
    if ctx.list_open and ctx.lead_modality:
        own = _sentence_candidate(document, header, text, location, ctx.paragraph, inherit_actor=ctx.lead_actor)
        if own:
            own.lead_in = ctx.lead_in
            own.kind = "item"
            return [own]
        if len(text.split()) < 2:
            return []
        return [_imperative(document, header, text, location, ctx.paragraph, ctx, 0.85 * ctx.lead_confidence / 0.9)]
    if ctx.list_open and ctx.lead_in is None:
        return []  # items of a descriptive list
    own = _sentence_candidate(document, header, text, location, ctx.paragraph)
    if own:
        own.kind = "item"
        return [own]
    if _is_imperative(text):
        return [_imperative(document, header, text, location, ctx.paragraph, None, 0.7)]
    return []


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
    sentence = _LABEL_PREFIX.sub("", sentence).strip()
    if len(sentence) < 8 or len(sentence) > 2000:
        return None
    modal = p.find_modality(sentence)
    if modal is None or _describes_document(sentence, modal):
        return None
    if p.PAST_OR_REPORTED.search(sentence[: modal.start + len(modal.cue) + 1]) and not re.search(
        r"\b(?:is|are)\s+(?:\w+\s+)?(?:required|asked|instructed|expected)", modal.cue, re.I
    ):
        return None
    named = p.find_actor(sentence, modal.start)
    actor = named or inherit_actor or header.default_actor
    confidence = modal.confidence * (1.0 if named else 0.9)
    if len(sentence.split()) > 80:
        confidence *= 0.8
    return Candidate(
        file=document.name,
        text=sentence,
        modality=modal.modality,
        actor=actor,
        on_regulated=not p.is_central(actor),
        location=location,
        confidence=round(confidence, 2),
        directive=header.reference,
        paragraph=paragraph,
        **_details(sentence),  # type: ignore[arg-type]
    )


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
    modality = (ctx.lead_modality if ctx else None) or "must"
    return Candidate(
        file=document.name,
        text=text.strip(),
        modality=modality,
        actor=actor,
        on_regulated=not p.is_central(actor),
        location=location,
        confidence=round(min(confidence, 0.95), 2),
        directive=header.reference,
        paragraph=paragraph,
        lead_in=ctx.lead_in if ctx else None,
        kind="item" if ctx else "imperative",
        **_details(text),  # type: ignore[arg-type]
    )


def _row_candidate(document: Document, header: DirectiveHeader, block: Block) -> Candidate | None:
    text = block.text
    details = _details(text)
    modal = p.find_modality(text)
    has_time = details["timescale"] or details["frequency"] or details["deadline"]
    if block.row == 1 and not has_time:
        return None  # the header row of the table
    if not (has_time or modal):
        return None
    if len(block.cells) < 2 and not modal:
        return None
    actor = (p.find_actor(text, modal.start) if modal else None) or header.default_actor
    return Candidate(
        file=document.name,
        text=text,
        modality=modal.modality if modal else "must",
        actor=actor,
        on_regulated=not p.is_central(actor),
        location=f"table {block.table}, row {block.row}",
        confidence=0.8 if modal else 0.7,
        directive=header.reference,
        kind="row",
        **details,  # type: ignore[arg-type]
    )
