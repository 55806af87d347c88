"""Score candidate requirements with a logistic regression trained on labelled real directive text.

The rules in :mod:`catalogue.extract.candidates` give each document's structure: list items, their lead-ins, what
an item inherits (actor, modality, deadline), clauses with their own modal, table rows. This module adds, for high
recall, every other sentence, clause, list item and table row of the document as a candidate too, describes each
candidate by features read from its words and its place (modal verb and its strength, an imperative opening, a
lead-in above it, negation, a question, a heading, a description of the document, dates, tense, length ...), and
lets a logistic regression decide which to keep and how sure it is. The weights, the decision threshold and the
calibration of the probability into a confidence are data (``scorer.json``), rebuilt from the development split of
the corpus by ``bench/extraction/train_scorer.py``.

>>> names = feature_names()
>>> vector = features("Chief Officers must submit the return by 30 June 2010.", "sentence")
>>> bool(vector[names.index("modal_must")]), bool(vector[names.index("date")])
(True, True)
"""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from catalogue.extract import patterns as p

WEIGHTS_FILE = Path(__file__).with_name("scorer.json")

# Word features: each fires when the candidate holds one of its words or phrases (of one to three words, matched on
# the lower-cased words of the candidate). Looked up in one dictionary, they cost a few microseconds a candidate.
MONTHS = [*p.MONTH_NAMES, "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
WORD_FEATURES: dict[str, str] = {
    "modal_must_not": "must not|shall not|may not|can not|cannot|mustn't|shan't|must never|shall never",
    "modal_prohibited": "prohibited|forbidden|not permitted|not allowed|under no circumstances",
    "modal_must": "must|shall",
    "modal_should": "should|ought to",
    "should_not": "should not|should never",
    "required_to": "required to|obliged to|expected to|instructed to|is required|are required",
    "asked_to": "asked to|requested to",
    # An invitation ("Areas are invited to express an interest ...") leaves the choice to the reader, unlike a request.
    "invited": "invited to|welcome to|are welcome|would welcome|express an interest",
    "is_to": "is to|are to",
    "need_to": "need to|needs to|has to|have to",
    "we_expect": "i expect|we expect|i would expect|we would expect|we require|continue to expect",
    "we_will": "we will|we shall|we are going",
    "will": "will",
    "responsible_for": "responsible for|accountable for|responsibility of|responsibility to|duty|duties",
    "essential": "essential that|vital that|imperative that|necessary that|crucial that|mandatory|compulsory",
    "recommend": "recommend|recommends|recommended|encourage|encouraged|advise|advised|advisable|good practice|"
    "best practice",
    "important": "important",
    "please": "please|remember",
    "ensure": "ensure|ensures|ensuring|make sure",
    "may": "may|can|could|might|free to|able to|discretion",
    "negated_duty": "not required|no longer|not obliged|not expected|not necessary|not mandatory|need not|"
    "not have to|not need to|no requirement|optional",
    "not": "not|never|no",
    "this_document": "this circular|this instruction|this pc|this psi|this pso|this pi|this order|this guidance|"
    "this document|this code|this framework|this chapter|this manual|this annex|this section|this letter|"
    "this specification|this policy|the circular|the instruction|the guidance|the code|these regulations|"
    "this bulletin|this note",
    "describes": "sets out|set out|describes|explains|introduces|outlines|summarises|summarizes|provides guidance|"
    "provides information|contains|covers|informs|purpose|aim is|aims to|intended to|defines",
    "reading_note": "read in conjunction|read alongside|read together|should be read|see also|see paragraph|"
    "see annex|see section|refer to|available on|available at|available from|can be found|website|www|http|https",
    "contact": "query|queries|enquiry|enquiries|contact|telephone|tel|email|e mail|questions",
    "reported": "recommended that|said that|stated that|reported that|found that|concluded that|noted that|"
    "suggested that|announced that|agreed that|decided that|has asked|have asked|asked",
    "past": "was|were|had|has been|have been|did",
    "present_be": "is|are",
    "definition": "means|is defined|refers to|includes|including|in this instruction|in this regulation|"
    "in this part|in this section|in relation to|is a report|is a document|is a statement",
    "outcome": "should help|should lead|should result|should mean|should reduce|should increase|should improve|"
    "should be straightforward|should be easy|should be easier|should be simple|should be possible|"
    "should be sufficient|should also help",
    "future_passive": "will be made|will be sent|will be issued|will be given|will be held|will be published|"
    "will be available|will be released|will be circulated|will shortly|will soon|will be provided",
    "deadline_word": "deadline|due|collection date|closing date|put back|no later than|not later than|by the end",
    "within": "within|at least|working days|calendar days",
    "frequency": "annual|annually|quarterly|monthly|weekly|daily|every|each year|each month|each quarter|"
    "once a|twice a|per year|per annum|per month|regularly",
    "submit": "submit|send|forward|return|provide|notify|inform|report|complete|publish|record|keep|retain|review|"
    "monitor|consult|tell|appoint|produce|make|take|carry out|undertake|arrange|implement",
    "actor_words": "chief officer|chief officers|area|areas|trust|trusts|governor|governors|staff|manager|managers|"
    "school|schools|employer|employers|authority|authorities|provider|providers|officer|officers|board|boards|"
    "establishment|establishments|prison|prisons|head teacher|registered person|sponsor|sponsors|npd|noms",
    "you": "you|your",
    "we": "we|us|our|i",
    "follows": "the following|as follows|below",
    "note": "note that|note the|please note",
    "header_words": "for action|for information|action required|summary|issue date|implementation date|"
    "expiry date|reference|cancels|supersedes|issued|addressed to",
    "legal_ref": "section|regulation|paragraph|schedule|subsection|article",
}
FIRST_WORD_FEATURES: dict[str, str] = {
    "condition_open": "where|if|when|unless|once|before|after|subject",
    "purpose_open": "to|in",
    "question_word": "who|what|when|where|how|why|which|can|do|does|is|are",
    "this_open": "this|these|it|they|there",
    "note_open": "note|remember|please",
}

STRUCTURE_FEATURES = [
    "date",
    "year",
    "by_date",
    "enumerator_inside",
    "kind_item",
    "kind_row",
    "kind_imperative",
    "from_rules",
    "lead_in",
    "lead_in_binding",
    "lead_in_advisory",
    "modality_found",
    "cue_confidence",
    "lead_condition",
    "lead_qualifies",
    "lead_order",
    "lead_modal",
    "modal_early",
    "imperative_open",
    "actor_at_start",
    "ends_colon",
    "ends_semicolon",
    "ends_stop",
    "ends_question",
    "no_end_punctuation",
    "title_case",
    "capitals",
    "log_words",
    "short",
    "long",
    "lower_start",
    "bars",
    "lookalike",
    "position",
    "numbered",
    # Where the segment stands, read from the blocks around it (catalogue.extract.candidates.block_context).
    "in_header",
    "under_timescale_heading",
    "table_under_duty",
    "row_dated",
    "first_item",
    "lead_short",
    "lead_no_verb",
    "after_heading",
    "before_items",
    # Pairs of features that together say more than each alone (the model is linear in its features).
    "item_no_modal_binding_lead",
    "date_and_deadline_word",
    "imperative_item",
    "modal_and_actor",
    "infinitive_item",
    "question_heading",
    "lead_completes",
    "item_short",
    "opens_quote",
]
# The context features, in the order :func:`context_vector` gives them.
CONTEXT_FEATURES = STRUCTURE_FEATURES[
    STRUCTURE_FEATURES.index("in_header") : STRUCTURE_FEATURES.index("before_items") + 1
]

_WORDS = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+")


def _lexicon() -> dict[str, list[int]]:
    """Each word or phrase of the word features, with the features (by column) it sets."""
    columns = {name: i for i, name in enumerate(feature_names())}
    lexicon: dict[str, list[int]] = {}
    for name, phrases in WORD_FEATURES.items():
        for phrase in phrases.split("|"):
            lexicon.setdefault(phrase, []).append(columns[name])
    return lexicon


_MONTH_SET = frozenset(MONTHS)
_DATE_PREPOSITIONS = frozenset({"by", "before", "from", "until", "beginning", "starting", "effect", "than"})


@lru_cache(maxsize=1)
def feature_names() -> tuple[str, ...]:
    """The names of the features, in the order of a feature vector."""
    return tuple(WORD_FEATURES) + tuple(f"first_{name}" for name in FIRST_WORD_FEATURES) + tuple(STRUCTURE_FEATURES)


def features(
    text: str,
    kind: str,
    *,
    from_rules: bool = False,
    lead_in: str | None = None,
    lead_modality: str | None = None,
    position: float = 0.0,
    numbered: bool = False,
    lookalike: bool = False,
    modal: p.ModalityMatch | bool | None = True,
    context: tuple[float, ...] = (),
) -> list[float]:
    """The feature vector of one candidate (its words, its kind, its lead-in, where it stands in the document).

    ``modal`` is the candidate's modal cue when the caller has looked it up already (True: look it up here).
    """
    low = p.lower(text)
    index = _index()
    lexicon = _LEXICON
    vector = [0.0] * len(index)
    tokens = _WORDS.findall(low)
    last = len(tokens) - 1
    # Words, pairs and triples of words, each looked up by one set intersection (a loop over words would be slower).
    keys = set(_SINGLE_WORDS.intersection(tokens))
    if last > 0:
        keys.update(_PAIRS.intersection(map(" ".join, itertools.pairwise(tokens))))
        if last > 1:
            keys.update(_TRIPLES.intersection(map(" ".join, zip(tokens, tokens[1:], tokens[2:], strict=False))))
    for key in keys:
        for column in lexicon[key]:
            vector[column] = 1.0
    if tokens:
        for column in _FIRST.get(tokens[0], ()):
            vector[column] = 1.0
    if _MONTH_SET.intersection(tokens):
        dated = [
            i
            for i, token in enumerate(tokens)
            if token in _MONTH_SET and ((i and tokens[i - 1].isdigit()) or (i < last and tokens[i + 1].isdigit()))
        ]
        vector[index["date"]] = float(bool(dated))
        vector[index["by_date"]] = float(
            any(tokens[j] in _DATE_PREPOSITIONS for i in dated for j in range(max(0, i - 3), i))
        )
    vector[index["year"]] = float(bool(_YEAR.search(low)))
    vector[index["enumerator_inside"]] = float("(" in text and bool(_ENUMERATOR.search(text)))
    n_words = len(tokens)
    stripped = text.rstrip()
    if modal is True:
        modal = p.find_modality(text)
    assert modal is not True and modal is not False
    lead = _lead_in_features(lead_in) if lead_in else _NO_LEAD
    vector[_C_KIND_ITEM] = float(kind == "item")
    vector[_C_KIND_ROW] = float(kind == "row")
    vector[_C_KIND_IMPERATIVE] = float(kind == "imperative")
    vector[_C_FROM_RULES] = float(from_rules)
    vector[_C_LEAD_IN] = float(lead_in is not None)
    vector[_C_LEAD_IN_BINDING] = float(lead_in is not None and lead_modality in (p.MUST, p.MUST_NOT))
    vector[_C_LEAD_IN_ADVISORY] = float(lead_in is not None and lead_modality in (p.SHOULD, p.SHOULD_NOT))
    vector[_C_LEAD_CONDITION] = float(lead[0])
    vector[_C_LEAD_QUALIFIES] = float(lead[1])
    vector[_C_LEAD_ORDER] = float(lead[2])
    vector[_C_LEAD_MODAL] = float(lead[3])
    vector[_C_MODALITY_FOUND] = float(modal is not None)
    vector[_C_CUE_CONFIDENCE] = float(modal.confidence if modal else 0.0)
    vector[_C_MODAL_EARLY] = float(modal is not None and modal.start < 60)
    vector[_C_IMPERATIVE_OPEN] = float(_opens_as_order(tokens))
    vector[_C_ACTOR_AT_START] = float(bool(_ACTOR_WORDS.intersection(tokens[:4])))
    vector[_C_ENDS_COLON] = float(stripped.endswith((":", "—", "–", " -")))
    vector[_C_ENDS_SEMICOLON] = float(stripped.endswith((";", "; and", "; or", ", and", ", or")))
    vector[_C_ENDS_STOP] = float(stripped.endswith((".", ".)", '."', ".”")))
    vector[_C_ENDS_QUESTION] = float(stripped.endswith("?"))
    vector[_C_NO_END_PUNCTUATION] = float(not stripped.endswith((".", ";", ":", "?", "!", ")", "—", "–", ",")))
    vector[_C_TITLE_CASE] = float(0 < n_words <= 12 and _NOT_TITLE_WORD.search(text) is None)
    vector[_C_CAPITALS] = float(len(_CAPITALS.findall(text)) / max(n_words, 1))
    vector[_C_LOG_WORDS] = float(math.log1p(n_words))
    vector[_C_SHORT] = float(n_words < 6)
    vector[_C_LONG] = float(n_words > 60)
    vector[_C_LOWER_START] = float(text.lstrip()[:1].islower())
    vector[_C_BARS] = float("|" in text)
    vector[_C_LOOKALIKE] = float(lookalike)
    vector[_C_POSITION] = float(position)
    vector[_C_NUMBERED] = float(numbered)
    if context:
        vector[_C_CONTEXT : _C_CONTEXT + len(context)] = context
    vector[_C_ITEM_NO_MODAL_BINDING] = float(kind == "item" and modal is None and vector[_C_LEAD_IN_BINDING] == 1.0)
    vector[_C_DATE_DEADLINE] = vector[index["date"]] * vector[index["deadline_word"]]
    vector[_C_IMPERATIVE_ITEM] = float(kind == "item") * vector[_C_IMPERATIVE_OPEN]
    vector[_C_MODAL_ACTOR] = vector[_C_MODAL_EARLY] * vector[_C_ACTOR_AT_START]
    # An item under a lead-in that opens "To ...": an action of the lead-in's body ("For Probation Areas: • To
    # ensure ..."), where a sentence opening "To ..." is mostly a purpose or a description of the document.
    vector[_C_INFINITIVE_ITEM] = float(kind == "item" and lead_in is not None and bool(tokens) and tokens[0] == "to")
    # A heading put as a question or a topic ("What you need to tell Ofsted"): short, no end punctuation.
    vector[_C_LEAD_COMPLETES] = float(lead_in is not None and _lead_completes(lead_in))
    vector[_C_ITEM_SHORT] = float(kind == "item" and n_words <= 5)
    # A definition in legislation opens with the quoted term ("“responsible authority”, in relation to ...").
    vector[_C_OPENS_QUOTE] = float(text.lstrip()[:1] in "“\"‘'")
    vector[_C_QUESTION_HEADING] = float(
        n_words <= 10 and vector[_C_NO_END_PUNCTUATION] == 1.0 and vector[index["first_question_word"]] == 1.0
    )
    return vector


_NO_LEAD = (False, False, False, False)
_QUALIFIES = re.compile(
    r"\b(?:either|one of the following|such as|for example|including|include|includes|for consultation by|where|"
    r"if|unless|applies|apply|are|is|namely)\s*[:—–-]?\s*$|\b(?:either|or)\b",
)


@lru_cache(maxsize=256)
def _lead_in_features(lead_in: str) -> tuple[bool, bool, bool, bool]:
    """What a list's lead-in says of its items: conditions, qualifiers or alternatives, orders, a modal of its own."""
    low = p.lower(lead_in)
    return (
        p.is_condition_lead_in(lead_in),
        bool(_QUALIFIES.search(low)),
        p.starts_with_action_verb(lead_in),
        p.find_modality(lead_in) is not None,
    )


_LEAD_LAST_WORDS = re.compile(r"([a-z]+)\W+([a-z]+)\W*$")
# The words a lead-in ends on when its items finish its own sentence: the audience, the conditions or the parts of
# one act ("... written notice ... at least seven clear days in advance to—", "... any direction given by—",
# "whether the pupil is —"), rather than separate acts ("Chief Officers are asked to:", "A warning must—").
_COMPLETING = frozenset(
    [
        "by",
        "to",
        "of",
        "for",
        "with",
        "from",
        "on",
        "in",
        "at",
        "into",
        "is",
        "are",
        "be",
        "being",
        "whether",
        "that",
        "if",
        "unless",
        "where",
        "when",
        "who",
        "which",
        "whom",
        "and",
        "or",
        "the",
        "a",
        "an",
        "any",
        "each",
        "every",
    ]
)
_INFINITIVE_BEFORE = frozenset(
    [
        "asked",
        "required",
        "expected",
        "need",
        "needs",
        "have",
        "has",
        "able",
        "requested",
        "instructed",
        "invited",
        "encouraged",
        "ought",
        "going",
        "urged",
        "reminded",
        "want",
        "wish",
        "intend",
        "agree",
        "agreed",
        "continue",
        "will",
        "must",
        "should",
        "shall",
    ]
)


@lru_cache(maxsize=256)
def _lead_completes(lead_in: str) -> bool:
    """The lead-in's items finish its sentence as audience, conditions or qualifiers (see _COMPLETING)."""
    found = _LEAD_LAST_WORDS.search(p.lower(lead_in))
    if found is None:
        return False
    before, last = found.groups()
    return last in _COMPLETING and not (last == "to" and before in _INFINITIVE_BEFORE)


# A year (19xx, 20xx) and a word in capitals, each written to open with a character class rather than "\b", so that
# the regex engine skips ahead to the digits or capitals (the look-behind after it is the word boundary).
_YEAR = re.compile(r"[12](?<![\w][12])(?:(?<=1)9|(?<=2)0)\d\d\b")
_CAPITALS = re.compile(r"[A-Z](?<![\w][A-Z])[A-Z]+\b")
# A word that does not start with a capital and is no minor word: its absence makes a heading or contents entry.
_NOT_TITLE_WORD = re.compile(r"(?<![\w’'-])(?!(?:and|or|of|the|a|an|for|to|in|on|with|by|at|from)\b)[a-z]")


@lru_cache(maxsize=1)
def _index() -> dict[str, int]:
    return {name: i for i, name in enumerate(feature_names())}


_LEXICON = _lexicon()
# The column of each structure feature (assigned by position: faster than by name).
_C_KIND_ITEM = _index()["kind_item"]
_C_KIND_ROW = _index()["kind_row"]
_C_KIND_IMPERATIVE = _index()["kind_imperative"]
_C_FROM_RULES = _index()["from_rules"]
_C_LEAD_IN = _index()["lead_in"]
_C_LEAD_IN_BINDING = _index()["lead_in_binding"]
_C_LEAD_IN_ADVISORY = _index()["lead_in_advisory"]
_C_LEAD_CONDITION = _index()["lead_condition"]
_C_LEAD_QUALIFIES = _index()["lead_qualifies"]
_C_LEAD_ORDER = _index()["lead_order"]
_C_LEAD_MODAL = _index()["lead_modal"]
_C_MODALITY_FOUND = _index()["modality_found"]
_C_CUE_CONFIDENCE = _index()["cue_confidence"]
_C_MODAL_EARLY = _index()["modal_early"]
_C_IMPERATIVE_OPEN = _index()["imperative_open"]
_C_ACTOR_AT_START = _index()["actor_at_start"]
_C_ENDS_COLON = _index()["ends_colon"]
_C_ENDS_SEMICOLON = _index()["ends_semicolon"]
_C_ENDS_STOP = _index()["ends_stop"]
_C_ENDS_QUESTION = _index()["ends_question"]
_C_NO_END_PUNCTUATION = _index()["no_end_punctuation"]
_C_TITLE_CASE = _index()["title_case"]
_C_CAPITALS = _index()["capitals"]
_C_LOG_WORDS = _index()["log_words"]
_C_SHORT = _index()["short"]
_C_LONG = _index()["long"]
_C_LOWER_START = _index()["lower_start"]
_C_BARS = _index()["bars"]
_C_LOOKALIKE = _index()["lookalike"]
_C_POSITION = _index()["position"]
_C_NUMBERED = _index()["numbered"]
_C_CONTEXT = _index()["in_header"]
_C_ITEM_NO_MODAL_BINDING = _index()["item_no_modal_binding_lead"]
_C_DATE_DEADLINE = _index()["date_and_deadline_word"]
_C_IMPERATIVE_ITEM = _index()["imperative_item"]
_C_MODAL_ACTOR = _index()["modal_and_actor"]
_C_INFINITIVE_ITEM = _index()["infinitive_item"]
_C_QUESTION_HEADING = _index()["question_heading"]
_C_LEAD_COMPLETES = _index()["lead_completes"]
_C_ITEM_SHORT = _index()["item_short"]
_C_OPENS_QUOTE = _index()["opens_quote"]
_FIRST: dict[str, list[int]] = {}
for _name, _words in FIRST_WORD_FEATURES.items():
    for _word in _words.split("|"):
        _FIRST.setdefault(_word, []).append(_index()[f"first_{_name}"])
_ACTOR_WORDS = frozenset(word for word in WORD_FEATURES["actor_words"].split("|") if " " not in word) | {"you", "we"}
_SINGLE_WORDS = frozenset(key for key in _LEXICON if " " not in key)
_PAIRS = frozenset(key for key in _LEXICON if key.count(" ") == 1)
_TRIPLES = frozenset(key for key in _LEXICON if key.count(" ") == 2)
_ENUMERATOR = re.compile(r"\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)")


def _opens_as_order(tokens: list[str]) -> bool:
    """The first word is a base-form verb of an order ("Forward this circular ...", "Ensure that ...")."""
    return bool(tokens) and tokens[0] in p.ACTION_VERBS and (len(tokens) < 2 or tokens[1] not in _NOT_AFTER_ORDER)


def may_be_added(text: str, kind: str, lead_in: str | None, modal: p.ModalityMatch | None) -> bool:
    """False for a segment the scorer never scores: no modal cue, no order, no table row, no list item under a
    lead-in and none of the words of a duty the modal cues miss ("will be mandatory", "are strongly encouraged",
    "make sure", "the deadline ...").

    The scorer skips such segments, for speed; ``bench/extraction/train_scorer.py`` trains and measures on the same
    pool, so the figures it prints are those of the segments the product scores.
    """
    if modal is not None or kind == "row" or lead_in is not None:
        return True
    # Only the first two words decide, and only in the first 60 characters: found by two searches rather than a
    # list of every word, in the whole text's lowered copy (lowering keeps positions; one copy, not two, cached).
    low = p.lower(text)
    first = _WORDS.search(low, 0, 60)
    if first is None:
        return False
    second = _WORDS.search(low, first.end(), 60)
    if _opens_as_order([first.group(0)] if second is None else [first.group(0), second.group(0)]):
        return True
    return _DUTY_WORDS.search(low) is not None


_DUTY_FEATURES = (
    "required_to",
    "asked_to",
    "need_to",
    "we_expect",
    "we_will",
    "responsible_for",
    "essential",
    "recommend",
    "important",
    "please",
    "ensure",
    "deadline_word",
    "within",
    "modal_prohibited",
    "negated_duty",
)


_DUTY_WORDS = re.compile(
    r"\b(?:"
    + p.word_trie(  # one tree of shared beginnings: each letter tried once, not each phrase in turn
        sorted(
            {w for name in _DUTY_FEATURES for w in WORD_FEATURES[name].split("|")}
            | {"require", "requires", "requirement", "will monitor", "will be mandatory"}
        )
    )
    + r")\b"
)
_NOT_AFTER_ORDER = frozenset({"is", "are", "was", "were", "has", "have", "will", "must", "should", "of", "and", "'s"})


@dataclass(frozen=True)
class Model:
    """The trained scorer: weights over standardised features, the thresholds and the calibration knots.

    ``threshold`` is the probability from which a segment the rules did not draft is kept; ``keep_drafted`` the
    probability below which a candidate the rules drafted is dropped.
    """

    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float
    keep_drafted: float
    knots_x: np.ndarray
    knots_y: np.ndarray

    def probability(self, matrix: np.ndarray) -> np.ndarray:
        """The model's probability that each row of features is a requirement."""
        z = ((matrix - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def confidence(self, probability: np.ndarray) -> np.ndarray:
        """The calibrated confidence of each probability: measured precision out of document on the dev split."""
        return np.interp(probability, self.knots_x, self.knots_y)


@lru_cache(maxsize=1)
def model() -> Model | None:
    """The trained scorer read from scorer.json (None when no model has been trained)."""
    if not WEIGHTS_FILE.exists():
        return None
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    names = tuple(data["features"])
    if names != feature_names():
        raise ValueError("scorer.json was trained on other features: rebuild it with bench/extraction/train_scorer.py")
    return Model(
        names=names,
        mean=np.array(data["mean"]),
        scale=np.array(data["scale"]),
        weights=np.array(data["weights"]),
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
        keep_drafted=float(data.get("keep_drafted", data["threshold"])),
        knots_x=np.array(data["calibration"]["probability"]),
        knots_y=np.array(data["calibration"]["confidence"]),
    )
