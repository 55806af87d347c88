"""Patterns that read one sentence: modality, actor, timescale, frequency, deadline and directive references.

Each function is pure and deterministic, so the rules can be tested one by one.

>>> find_modality("Areas must not send personal data.").modality
'must_not'
>>> find_frequency("Trusts will report every three months.")
('every three months', 4.0)
>>> find_timescale("within 5 working days of sentence or release, unless the case is transferred")
'within 5 working days of sentence or release'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=8192)
def lower(text: str) -> str:
    """Lower-case text keeping every character's position (so spans still index the original).

    Cached: one sentence is lowered for each of the many patterns tried on it, and again by the scorer (room for
    every sentence of a long document, so that the scorer's second reading finds them).
    """
    low = text.lower()
    return low if len(low) == len(text) else "".join(ch.lower()[0] for ch in text)


class CI:
    """A case-insensitive pattern run on lower-cased text: several times faster than re.IGNORECASE.

    Matches index the original string; take text from the original by span when case matters.
    With ``word_start`` the pattern's leading ``\\b`` is checked by hand, which lets the regex
    engine skip ahead on the first letters (another large speed-up for long alternations).
    """

    def __init__(self, pattern: str, word_start: bool = False, needs: tuple[str, ...] | None = None) -> None:
        self.source = pattern  # as written: what the fast search must find, by the plain regex on lower-cased text
        self.word_start = word_start and pattern.startswith("\\b")
        self.literals = literal_prefixes(pattern)
        body = pattern[2:] if self.word_start else pattern
        if self.literals is not None:
            # Every match starts with one of the literals: a look-ahead for their first letters rejects most places
            # at once, where the engine would otherwise try each alternative there (a third faster or more).
            body = "(?=[" + "".join(sorted({re.escape(literal[0]) for literal in self.literals})) + "])" + body
        self.pattern = re.compile(body)
        # Words of which every match holds one (given by hand where the leading words are too common to rule
        # anything out, "is", "no"): a text holding none is ruled out by substring tests before the regex runs.
        self.needs = needs
        # A pattern whose every alternative opens with "^" can only match where the text starts.
        self.anchored = all(alt.startswith(("^", "\\b^")) for alt in top_level_alternatives(pattern))

    def _search(self, low: str, pos: int) -> re.Match[str] | None:
        if self.anchored:
            return self.pattern.match(low) if pos == 0 else None  # one try where the text starts: no prefilter
        needs = self.needs
        if needs is not None and not any(low.find(word, pos) >= 0 for word in needs):
            return None
        literals = self.literals
        if literals is not None:
            # No alternative's leading words occur: the pattern cannot match (cheap substring tests).
            if pos == 0:
                if not any(map(low.__contains__, literals)):
                    return None
            elif not any(low.find(literal, pos) >= 0 for literal in literals):
                return None
        match = self.pattern.search(low, pos)
        while self.word_start and match is not None and match.start() > 0 and _word_char(low[match.start() - 1]):
            match = self.pattern.search(low, match.start() + 1)
        return match

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self._search(lower(text), pos)

    def search_lower(self, low: str) -> re.Match[str] | None:
        """Search text already lower-cased with :func:`lower` (saves lowering it again for each pattern)."""
        return self._search(low, 0)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        low = lower(text)
        if self.word_start and pos > 0 and _word_char(low[pos - 1]):
            return None
        return self.pattern.match(low, pos)

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        low = lower(text)
        match = self._search(low, pos)
        while match is not None:
            yield match
            match = self._search(low, max(match.end(), match.start() + 1))


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """Yield (index, character, group depth after it) for each ``(``, ``)`` and ``|`` of a regex outside escapes
    and character classes: the one scanner for splitting a pattern into its alternatives and groups."""
    depth, index = 0, 0
    while index < len(pattern):
        ch = pattern[index]
        if ch == "\\":
            index += 2
            continue
        if ch == "[":
            index = pattern.find("]", index + 2) + 1 or len(pattern)
            continue
        if ch in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[ch]
            yield index, ch, depth
        index += 1


def top_level_alternatives(pattern: str) -> list[str]:
    """The alternatives of a regex at its top level (split at each ``|`` outside groups and character classes)."""
    parts, start = [], 0
    for index, ch, depth in _structure(pattern):
        if ch == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
    parts.append(pattern[start:])
    return parts


def _closing_paren(text: str) -> int:
    return next((index for index, ch, depth in _structure(text) if ch == ")" and depth == 0), -1)


def literal_prefixes(pattern: str, shortest: int = 2) -> tuple[str, ...] | None:
    """The literal text each top-level alternative of a pattern starts with, or None when one has none.

    Any match of the pattern contains one of them, so a text holding none cannot match: a substring test rules
    it out far faster than the regex engine's search. ``r"\\bmust\\b|\\bshall\\b"`` gives ("must", "shall").
    """
    literals: list[str] = []
    for alternative in top_level_alternatives(pattern):
        text = re.sub(r"^(?:\\b|\^)+", "", alternative)
        group = re.match(r"\(\?(?::|P<\w+>)", text)
        if group:
            # "(?:must|shall)\\b...": the alternatives of a leading group, unless the group may be skipped.
            close = _closing_paren(text)
            if close < 0 or text[close + 1 : close + 2] in ("?", "*", "{"):
                return None
            inner = literal_prefixes(text[group.end() : close], shortest)
            if inner is None:
                return None
            literals.extend(inner)
            continue
        literal = ""
        for index, ch in enumerate(text):
            if ch.isalnum() or ch in " -'’,&/":
                literal += ch
                continue
            if ch in "?*{" and literal:
                literal = literal[:-1]  # the character before an optional quantifier may be absent
            elif ch == "\\" and text[index + 1 : index + 2] in (".", "-", "/"):
                break
            break
        if len(literal) < shortest:
            return None
        literals.append(literal)
    return tuple(dict.fromkeys(literals))


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


# -- numbers ----------------------------------------------------------------------------------------

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "sixteen": 16,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-eight": 48,
    "sixty": 60,
    "ninety": 90,
}
NUM = r"(?:\d{1,3}|" + "|".join(sorted((w for w in NUMBER_WORDS if len(w) > 2), key=len, reverse=True)) + r")"


def number(word: str) -> float:
    """Return the value of a numeral or number word ("3", "three")."""
    word = word.lower()
    return float(word) if word.isdigit() else float(NUMBER_WORDS[word])


# -- modality ---------------------------------------------------------------------------------------

# The modality vocabulary, spelt as the catalogue stores it (``catalogue.types.Modality``).
MUST, SHOULD, MUST_NOT, SHOULD_NOT = "must", "should", "must_not", "should_not"

# Subjects that take orders: the regulated bodies, their staff, and the centre.
REGULATED_ACTORS = [
    r"chief (?:executives?|officers?)(?: of (?:probation|the trust|each trust)[a-z ]*?)?",
    r"(?:probation )?trusts?",
    r"(?:probation )?areas?",
    r"(?:probation |trust )?boards?",
    r"chairs?(?: of [a-z ]*?boards?)?",
    r"secretar(?:y|ies)(?: of [a-z ]*?boards?)?",
    r"(?:probation )?providers?",
    r"offender managers?",
    r"offender supervisors?",
    r"(?:senior )?probation (?:service )?officers?",
    r"(?:senior |line |programme |treatment |unpaid work |court team |duty |victim liaison |case |team )?managers?",
    r"(?:all |new |court |agency |night |probation |trust )?staff",
    r"(?:court )?duty officers?",
    r"supervisors?",
    r"tutors?",
    r"(?:victim liaison|enforcement|information asset|court) (?:officers?|owners?|units?)",
    r"(?:the )?victim liaison units?",
    r"senior information risk owners?",
    r"mappa co-ordinators?",
    r"practitioners?",
    r"treatment providers?",
    r"(?:the )?responsible authority",
    r"each (?:trust|area|board)",
    r"approved premises managers?",
    r"the trust",
    r"the area",
    r"the board",
    r"the offender manager",
    r"members? of staff",
    r"employees?",
    r"hostel staff",
    r"police",
    r"(?:the )?employers?",
    r"(?:local |the local )?authorit(?:y|ies)(?: in england| in wales)?",
    r"(?:children's |children’s )?social care(?: services)?",
    r"governing bod(?:y|ies)",
    r"governors?",
    r"head ?teachers?",
    r"schools?",
    r"proprietors?",
    r"(?:service )?providers?",
    r"commissioners?",
    r"social workers?",
    r"(?:the )?cps",
    r"(?:the )?crown prosecution service",
    r"(?:police )?forces?",
    r"(?:nhs )?(?:foundation )?trusts?",
    r"local safeguarding children boards?|lscbs?",
    r"(?:youth offending|yot) teams?",
    r"recipients?",
    r"(?:early years |childcare )providers?",
    r"childminders?",
    r"officers?(?: and employees)?",
    # bodies that other families of directives bind: prisons, contractors, sponsors, landlords, registered persons
    r"(?:prison |penal )?establishments?",
    r"(?:public sector |contracted |private )?prisons?",
    r"(?:the )?(?:[a-z]+ )?contractors?",
    r"sponsors?",
    r"landlords?",
    r"organisations?",
    r"registered (?:persons?|providers?|managers?)",
    r"heads? of (?!the\b)[a-z]+",
]
CENTRAL_ACTORS = [
    r"noms(?: agency board)?",
    r"(?:the )?national offender management service",
    r"directors? of offender management",
    r"regional (?:offender )?managers?",
    r"(?:the )?national probation directorate",
    r"npd",
    r"(?:the )?home office",
    r"(?:the )?ministry of justice",
    r"(?:the )?secretary of state",
    r"(?:the )?director (?:of|general)[a-z ,]*?",
    r"(?:the )?(?:performance|public protection|interventions?|ppo|"
    r"information assurance|business planning|victims policy|court services) (?:unit|group|team)",
    r"hm inspectorate of probation",
    r"(?:the )?inspectorate",
    r"(?:the )?correctional services accreditation panel",
    r"(?:the )?department(?: for education| of health)?",
    r"ofsted|(?:the )?care quality commission|cqc|ukvi|uk visas and immigration",
    r"dfe|dfes|dh|hse",
    r"ministers?",
]


def _expand_leading_option(alternative: str) -> list[str]:
    """Rewrite "(?:the |all )?trusts?" as "the trusts?|all trusts?|trusts?".

    A branch that opens with an optional group stops the regex engine from skipping ahead on the first
    letters of the alternation; spelt out, the actor pattern runs several times faster on long sentences.
    """
    match = re.match(r"^\(\?:([^()]*)\)\?(.*)$", alternative)
    if not match:
        return [alternative]
    options, rest = match.groups()
    return [f"{option}{rest}" for option in options.split("|")] + _expand_leading_option(rest)


_ACTOR_ALTERNATIVES = [
    expanded for alternative in CENTRAL_ACTORS + REGULATED_ACTORS for expanded in _expand_leading_option(alternative)
]
# The leading article ("the", "all", "each", "every") is left out of the match: the actor is named without it.


class _ByFirstLetter:
    """A word-start alternation split by first letter: at each word only the branches that can match are tried.

    Several times faster than one long alternation, which the regex engine tries branch by branch at every
    character. ``search`` returns the leftmost match (group 1 is the actor), as ``re`` would.
    """

    _WORD = re.compile(r"(?<![\w])[a-z]")

    def __init__(self, alternatives: list[str]) -> None:
        groups: dict[str, list[str]] = {}
        for alternative in alternatives:
            first = alternative[0]
            letters = "abcdefghijklmnopqrstuvwxyz" if not first.isalpha() else first
            for letter in letters:
                groups.setdefault(letter, []).append(alternative)
        self.patterns = {letter: re.compile(r"(" + "|".join(alts) + r")\b") for letter, alts in groups.items()}

    def search(self, text: str) -> re.Match[str] | None:
        low = lower(text)
        for word in self._WORD.finditer(low):
            pattern = self.patterns.get(word.group(0))
            if pattern is not None:
                match = pattern.match(low, word.start())
                if match:
                    return match
        return None


_ACTOR_RE = _ByFirstLetter(_ACTOR_ALTERNATIVES)
_CENTRAL_RE = CI(r"^(?:the |all |each |every )?(?:" + "|".join(CENTRAL_ACTORS) + r")$")

# Ordered: the first match wins, so "must not" comes before "must".
MODAL_CUES: list[tuple[str, str, float]] = [
    (r"\bunder no circumstances (?:may|should|must|can|shall|will)\b", MUST_NOT, 0.95),
    (r"\b(?:must|shall|may|can) (?:not|never)\b(?! only)", MUST_NOT, 0.95),
    (r"\b(?:mustn't|shan't|won't|cannot)\b", MUST_NOT, 0.85),
    (r"\b(?:is|are) (?:strictly )?(?:prohibited|forbidden|not permitted|not allowed)\b", MUST_NOT, 0.9),
    (r"\bwill not be (?:able|permitted|allowed) to\b", MUST_NOT, 0.8),
    # "No school uniform should be so expensive ...", "No person may enter ...": a prohibition on the subject.
    (
        r"\bno (?!later\b|more\b|less\b|longer\b|sooner\b|fewer\b|further\b)(?:[\w’'-]+ ){1,5}?should\b",
        SHOULD_NOT,
        0.85,
    ),
    (
        r"\bno (?!later\b|more\b|less\b|longer\b|sooner\b|fewer\b|further\b)(?:[\w’'-]+ ){1,5}?(?:must|shall|may)\b",
        MUST_NOT,
        0.85,
    ),
    (r"\b(?:should|ought) (?:not|never)\b|\bit is not recommended that\b", SHOULD_NOT, 0.9),
    (r"\bit is (?:important|(?:best|good) practice|advisable) (?:not|never) to\b", SHOULD_NOT, 0.8),
    (
        r"\b(?:is|are) (?:also |therefore |now |still |further )?(?:required|obliged|expected|asked|requested|"
        r"instructed|to be required) to\b",
        "must",
        0.9,
    ),
    # "prisoners will be expected to pay ...": the future of "are expected to".
    (
        r"\bwill (?:also |still |now |therefore )?be (?:required|obliged|expected|asked|requested|instructed) to\b",
        "must",
        0.85,
    ),
    # "They place duties on certain landlords to ensure ...", "This section places a duty on local authorities to ...".
    (
        r"\b(?:places?|imposes?|puts?) (?:a |an |the |new |further )?(?:\w+ )?(?:duty|duties|obligations?|"
        r"requirements?) (?:up)?on\b",
        "must",
        0.8,
    ),
    (r"\bwill only (?:take place|be (?:granted|given|issued|made|approved|released|considered))\b", "must", 0.8),
    (r"\b(?:is|are) (?:mandatory|compulsory)\b|\bit is (?:mandatory|a requirement) that\b", "must", 0.85),
    (
        r"\bit is (?:therefore |also |now |still )?(?:essential|vital|imperative|necessary|crucial|critical) that\b",
        "must",
        0.85,
    ),
    # "X is responsible for ensuring ...", "the person in control ... will be responsible for reporting": the
    # subject bears the act named by the gerund.
    (r"\b(?:is|are|will be) (?:also |therefore |now )?(?:responsible|accountable) for [a-z]+ing\b", "must", 0.8),
    # "The EM contractor is only responsible for enforcement action ...": the act may be named by a noun; a weaker
    # cue (it binds only with the body named before it).
    (
        r"\b(?:is|are|will be) (?:only |solely |also |jointly |directly )?(?:responsible|accountable) for\b",
        "must",
        0.75,
    ),
    # "It is the responsibility of the Head of Quality ... to ensure ...": the body named after "of" bears the act.
    (r"\bit (?:is|shall be|will be) the (?:\w+ )?responsibility of\b", "must", 0.85),
    (r"\bplease (?:ensure|send|submit|return|complete|provide|make sure|inform|notify|forward|arrange)\b", "must", 0.8),
    (r"\bmust\b|\bshall\b", "must", 0.95),
    # "needs to" binds whatever its subject ("Admissions criteria ... need to reflect ..."); "has to" only a named one.
    (r"\b(?:need|needs) to\b(?! be considered)", "must", 0.8),
    (r"\b(?:has|have) to\b(?! be considered)", "must", 0.75),
    # Expectations stated by the issuer: "I expect ...", "We continue to expect ...", "The NPD expects X to ...".
    (
        r"\b(?:i|we)\s+(?:would\s+|also\s+|fully\s+|therefore\s+|now\s+|continue\s+to\s+|will\s+)?"
        r"(?:expect|require|instruct)\b",
        "must",
        0.8,
    ),
    (r"\b(?:expects|instructs)\s+(?:all\s+|each\s+|every\s+|the\s+)?(?:[\w’'-]+\s+){1,6}?to\b", "must", 0.8),
    (r"\bit (?:shall be|is) the duty of\b|\b(?:is|are) under a duty to\b", "must", 0.9),
    (
        r"\b(?:has|have) (?:a|an|the) (?:\w+ )?duty\b|\b(?:carries|carry|has|have) (?:a|the) responsibility to\b",
        "must",
        0.8,
    ),
    (r"\bcompliance (?:with [\w ]{1,60}? )?will be (?:monitored|audited|checked|assessed)\b", "must", 0.8),
    (r"\bwe (?:would )?(?:recommend|advise|encourage|suggest) that\b", "should", 0.85),
    (r"\b(?:is|are) (?:required|needed)\b", "must", 0.8),
    (r"\brequires?\s+(?:an?|the)\b", "must", 0.6),
    (r"\b(?:is|are) to (?!be (?:found|used as|read as|issued)\b)\w+", "must", 0.8),
    (
        r"\bshould\b|\bought to\b|\bit is recommended that\b|\b(?:is|are) (?:recommended|advised|encouraged) to\b",
        "should",
        0.9,
    ),
    (r"\bit is important that\b", "should", 0.8),
    # "It is best practice to explain to prisoners ...", "It is important to ...": a recommendation to whoever acts.
    (
        r"\bit is (?:(?:best|good) practice|important|advisable|useful|helpful|sensible) (?:to|that|for)\b",
        "should",
        0.8,
    ),
    (r"\bmay only\b", "must", 0.7),
    # "Contractors then have until the 19th of the following month to make their returns": the time allowed.
    (r"\b(?:has|have) (?:only )?until\b", "must", 0.75),
    # "Only signed returns can be logged": anything else cannot.
    (r"^only (?:[\w’'-]+ ){1,6}?(?:can|may) be\b", MUST_NOT, 0.8),
    # "The Parole Board may direct the release ... only if it is satisfied ...": a power bounded by a condition.
    (r"\bmay (?:[\w’'-]+ ){1,12}?only (?:if|where|when|after)\b", "must", 0.8),
]

# Forms that look modal but describe, permit or remove a duty rather than impose one.
# Every form of NEGATED_DUTY holds one of these (tests/test_extraction_speed.py checks it on the dev text).
NEGATED_DUTY_WORDS = (
    "requir",
    "oblig",
    "expect",
    "mandatory",
    "need",
    "necessary",
    "removed",
    "optional",
    "compulsory",
    "have to",
    "subject to",
)
NEGATED_DUTY = CI(
    r"\b(?:(?:is|are) (?:no longer|not) (?:required|obliged|expected|mandatory)|need not|needn't|"
    r"(?:is|are) not (?:necessary|needed)|(?:there is|there are) no (?:longer any )?(?:requirement|need)|"
    r"no (?:longer )?(?:a )?requirement|(?:has|have) been removed|(?:is|are) optional|"
    r"not (?:mandatory|compulsory)|no longer be (?:required|expected|obliged|mandatory)|"
    r"(?:does|do|did|will|would|shall) (?:not|no longer) (?:have|need) to|won't (?:have|need) to|"
    r"we need to|(?:which|that|what) we expect|"
    r"(?:is|are) not (?:subject to|expected to))\b",
    word_start=True,
    needs=NEGATED_DUTY_WORDS,
)
PAST_OR_REPORTED = CI(r"\b(?:required|asked|instructed) (?:\w+ ){0,4}?to\b(?<!is required to)(?<!are required to)")
WILL_NOT_INSTRUCTION = CI(
    # an adverb or a negation may stand between: "will also be able to", "will not need to", "will not be in breach"
    r"\bwill (?:(?:also|not|never|no longer|still|then|now|therefore|however|usually|normally|generally|often) )*"
    r"(?:be|help|reduce|improve|make|mean|allow|enable|need|depend|vary|continue to be|have|become|"
    r"remain|result|lead|wish|want|find|note|recall|recognise|recognize|appreciate|know|understand|already|"
    r"ensure that (?:the|this) (?:instruction|circular|system))\b",
)
DOCUMENT_SUBJECT = CI(
    r"^(?:\d[\d.]*\s+)?(?:this|the|these) (?:instruction|circular|document|guidance|specification|annex|chapter|"
    r"section|standards?|template|table|manual|return|form|review|report|programme|plan|tool|model|system)s?\b"
    r"(?! (?:must|shall|is to|are to|will be (?:sent|submitted|returned|completed|published|signed|reviewed)))",
)

# Base-form verbs that open an action item ("Submit the return ...").
ACTION_VERBS = {
    "agree",
    "appoint",
    "arrange",
    "assess",
    "attend",
    "audit",
    "brief",
    "check",
    "collect",
    "complete",
    "confirm",
    "consider",
    "consult",
    "countersign",
    "discuss",
    "distribute",
    "ensure",
    "establish",
    "hold",
    "identify",
    "implement",
    "inform",
    "interview",
    "issue",
    "keep",
    "maintain",
    "make",
    "monitor",
    "nominate",
    "notify",
    "offer",
    "pass",
    "prepare",
    "provide",
    "publish",
    "record",
    "refer",
    "register",
    "report",
    "return",
    "review",
    "see",
    "send",
    "set",
    "share",
    "sign",
    "submit",
    "supply",
    "take",
    "tell",
    "update",
    "use",
    "visit",
    "carry",
    "develop",
    "undertake",
    "bring",
    "produce",
    "analyse",
    "ask",
    "apply",
    "contact",
    "deliver",
    "enter",
    "follow",
    "give",
    "investigate",
    "lock",
    "meet",
    "obtain",
    "place",
    "put",
    "read",
    "remind",
    "request",
    "respond",
    "retain",
    "schedule",
    "store",
    "test",
    "train",
    "write",
    "seek",
    "verify",
    "designate",
    "allocate",
    "approve",
    "plan",
    "prioritise",
    "promote",
    "reconcile",
    "act",
    "adopt",
    "alert",
    "convene",
    "draft",
    "escalate",
    "evaluate",
    "explain",
    "invite",
    "observe",
    "present",
    "raise",
    "receive",
    "validate",
    "forward",
    "note",
    "circulate",
    "disseminate",
    "cascade",
    "amend",
    "revise",
    "liaise",
    "introduce",
    "pay",
    "participate",
    "co-ordinate",
    "coordinate",
    "lead",
    "collate",
    "call",
    "log",
    "flag",
    "mark",
    "destroy",
    "encrypt",
    "seal",
    "open",
    "continue",
}
LEAD_IN = CI(
    r"(?:\b(?:must|shall|should|will|(?:is|are) (?:required|asked|requested|expected|instructed|encouraged|"
    r"advised|to)(?: to)?|need to|needs to|has to|have to)(?: also)?|"
    r"\b(?:action(?:s)? required|mandatory actions?|actions?|requirements?)(?: (?:for|by) [\w ]+)?)\s*[:\-–—]\s*$",
)
# A lead-in whose items are the conditions of its duty, not duties ("must not be opened ... unless—").
CONDITION_LEAD_IN = CI(
    r"\b(?:unless|if|where|when|whether|provided that|only if|believe that|satisfied that|in which)"
    r"(?:\s+(?:you|they|it|he|she|we|the \w+(?: \w+)?|your \w+)(?:\s+(?:are|is|were|was|have|has|do|does))?)?"
    r"\s*[:;\-–—]?\s*$"
    # alternatives, examples and the audience or scope of one act: the lead-in is the one requirement
    r"|\b(?:either|for example|such as|including(?: but not limited to)?|e\.g\.|for consultation by|"
    r"one of the following(?: types)?)(?:\s+\w+){0,2}\s*[:\-–—]\s*$"
    # a list named inside the opening condition ("If your school is one of the following types, you need to ...:")
    r"|^(?:if|where|when|unless)\b[^,:]*\bthe following\b[^,:]*,"
)


@dataclass(frozen=True)
class ModalityMatch:
    """A modal cue found in a sentence: the deontic force, where the cue starts and how sure it is."""

    modality: str
    start: int
    confidence: float
    cue: str


_LEADING_BOUNDARY = re.compile(r"(^|\|)\\b")


def _without_leading_boundaries(pattern: str) -> str:
    return _LEADING_BOUNDARY.sub(r"\1", pattern)


def word_pattern(cue: str) -> CI:
    """Compile a cue whose alternatives all start at a word boundary, for fast lower-case matching."""
    return CI(r"\b(?:" + _without_leading_boundaries(cue) + ")", word_start=True)


# Every cue starts at a word boundary: one leading \b, checked by hand (see CI), for the whole alternation.
_MODAL_ANY = CI(
    r"\b(?:"
    + "|".join(f"(?P<c{i}>{_without_leading_boundaries(cue)})" for i, (cue, _, _) in enumerate(MODAL_CUES))
    + ")",
    word_start=True,
)
_WORD_START = re.compile(r"(?<![\w])\w")


def _modal_cues(low: str, start: int) -> Iterator[re.Match[str]]:
    """The modal cues of a lower-cased sentence from ``start``, leftmost first, tried only where words begin.

    Trying the long cue alternation at word starts only (not at every character) is several times faster.
    """
    # One search in the regex engine finds the next word start with a cue's first letters where a cue matches;
    # the next search starts just after it, so cues that overlap are all found, leftmost first.
    match = _CUE_SCAN.search(low, start)
    while match is not None:
        yield match
        match = _CUE_SCAN.search(low, match.start() + 1)


def _cue_starts() -> frozenset[str]:
    """The first one or two letters of every modal cue (a cue with a one-letter start, "i", gives that letter)."""
    starts: set[str] = set()
    for cue, _, _ in MODAL_CUES:
        literals = literal_prefixes(cue, shortest=1)
        if literals is None:
            raise ValueError(f"modal cue without a literal start: {cue}")
        starts.update(literal[:2] for literal in literals)
    return frozenset(starts)


_CUE_STARTS = _cue_starts()
# The word starts where a cue may begin, found by the regex engine in one pass (one or two letters each; the one
# one-letter start, the pronoun of "I expect", only as a word of its own).
_CUE_START_AT = (
    r"(?<![\w])(?="
    + "|".join(start if len(start) > 1 else f"{start}(?=\\s)" for start in sorted(_CUE_STARTS, key=len, reverse=True))
    + ")"
)
_CUE_SCAN = re.compile(_CUE_START_AT + _MODAL_ANY.pattern.pattern)


_INVERTED_CONDITION = re.compile(
    r"Should (?:you|we|they|he|she|it|there|this|that|these|those|the|a|an|any|your|their|our)\b"
)
_WILL = CI(r"\bwill\b", word_start=True)  # a literal start: the engine skips ahead to each "will"
_SUBORDINATE_CLAUSE = re.compile(
    r"\b(?:decides?|decided|believes?|considers?|agrees?|determines?|satisfied|thinks?) that\b[^,;:]*$"
)
# Someone else's words: "the Thematic Inspection recommended that NPS should ensure ..." is reported, not ordered.
_REPORTED_CLAUSE = re.compile(r"\b(?:recommended|said|stated|reported|found|concluded|noted|suggested) that\b[^,;:]*$")
_RELATIVE_BEFORE = re.compile(r"\b(?:that|which|who)\s+$")
# A main clause that permits ("... may recommend actions") and then a relative clause, where a later modal sits.
_PERMITTED_THEN_RELATIVE = re.compile(r"\bmay\b(?!\s+(?:not|only|never)\b)[^.;:]*\b(?:which|that|who|whom)\b[^,;:]*$")


@lru_cache(maxsize=4096)  # one sentence is read by the candidate rules, the scorer and its lead-in's items
def find_modality(sentence: str) -> ModalityMatch | None:
    """Return the earliest modal cue of a sentence (ties go to the stronger form), or None when it imposes no duty."""
    best: ModalityMatch | None = None
    low = lower(sentence)
    # One alternation finds the leftmost cue; at equal positions the earlier (stronger) pattern wins. It is tried
    # only where a word starts with a cue's first letters, which rules out most background text cheaply.
    for match in _modal_cues(low, 0):
        index = int((match.lastgroup or "c0")[1:])
        _, modality, confidence = MODAL_CUES[index]
        if confidence < 0.8 and not _ACTOR_RE.search(sentence[: match.start()]):
            continue  # weak cues ("need to", "requires a") count only with a named subject
        if match.start() == 0 and _INVERTED_CONDITION.match(sentence):
            continue  # "Should you require further copies, ...": an inverted "if", not a recommendation
        found = ModalityMatch(modality, match.start(), confidence, match.group(0))
        before = low[max(0, match.start() - 120) : match.start()]
        clause_before = " that" in before  # both clause tests below need "... that" before the cue
        if clause_before and _REPORTED_CLAUSE.search(before):
            continue
        if low.startswith("need", match.start()) and _RELATIVE_BEFORE.search(low, 0, match.start()):
            continue  # "Returns that need to be sent back ... may run a risk": a need inside a relative clause
        if "may" in low[: match.start()] and _PERMITTED_THEN_RELATIVE.search(low[: match.start()]):
            continue  # "The report may recommend actions ... within which the registered person must consider ..."
        if clause_before and _SUBORDINATE_CLAUSE.search(before):
            # "Where the head teacher decides that any exclusion ... should be made permanent, he shall ...": a modal
            # inside what someone decides, believes or agrees binds no one; the main clause's modal, if any, decides.
            continue
        best = found
        break
    will = _WILL.search_lower(low) if "will" in low else None
    if will and (best is None or will.start() < best.start) and _will_is_instruction(sentence, will.start()):
        negated = re.match(r"will\s+(?:not|never)\b", sentence[will.start() :], re.IGNORECASE)
        best = ModalityMatch(MUST_NOT if negated else MUST, will.start(), 0.75, "will")
    if best is not None and NEGATED_DUTY.search(sentence):
        return None
    return best if best is not None else _deadline_fact(sentence, low)


def _deadline_fact(sentence: str, low: str) -> ModalityMatch | None:
    if "date" not in low and "deadline" not in low and "due" not in low:
        return None
    fact = DEADLINE_FACT.search_lower(low)
    return ModalityMatch(MUST, fact.start(), 0.7, sentence[fact.start() : fact.end()]) if fact else None


_WE_WILL_COMMITMENT = CI(
    r"will\s+(?:also\s+|then\s+|now\s+|continue\s+to\s+|aim\s+to\s+|seek\s+to\s+|work\s+with\s+[\w ]{1,40}?\s+to\s+)?"
    r"(?:ensure|monitor|review|publish|provide|issue|write|consult|support|set|agree|report|develop|produce|"
    r"introduce|evaluate|update|inform|notify|tell|contact|send|offer|make|keep|arrange|collect|analyse|"
    r"commission|fund|pay|respond|share|maintain|put|take|give|look)\b"
)
_COUNTS = {word for word in NUMBER_WORDS if word not in ("a", "an", "one")}  # "Five new areas will ..."
_SUBORDINATORS = {"how", "what", "whether", "that", "which", "who", "where", "when", "if", "so", "once", "until"}
_PRONOUNS = {"it", "this", "they", "we", "there", "you", "he", "she", "these", "those"}


def _will_is_instruction(sentence: str, at: int) -> bool:
    """True when "will" gives an order to a named actor ("Trusts will submit ...") rather than predicting."""
    if WILL_NOT_INSTRUCTION.match(sentence, at):
        return False
    before = sentence[:at].strip()
    words = before.lower().split()
    if words and words[-1] == "we" and not _SUBORDINATORS.intersection(words[-6:-1]):
        # "We will ensure ...", "we will continue to review ...": a commitment of the issuing body.
        return bool(_WE_WILL_COMMITMENT.match(sentence, at))
    if not words or words[-1] in _PRONOUNS or words[-1] in _SUBORDINATORS:
        return False
    if _SUBORDINATORS.intersection(words[-6:]):
        return False  # "will" in a subordinate clause ("shows how the area will meet ...") predicts
    subject = re.split(r"[,;:()•]", before)[-1].split()
    if subject and (subject[0].lower() in _COUNTS or subject[0].isdigit()):
        return False  # "Five new contract areas will replace ...": a counted subject describes an arrangement
    actor = _ACTOR_RE.search(before[-60:])
    return bool(actor and actor.end() >= len(before[-60:]) - 25)


@lru_cache(maxsize=4096)
def find_actor(sentence: str, before: int | None = None) -> str | None:
    """Return the actor named before the modal cue (or anywhere in the sentence), in the words used."""
    head = sentence if before is None else sentence[:before]
    first = _ACTOR_RE.search(head)
    if first is None:
        return None
    # The subject is usually the first actor of the clause.
    text = head[first.start(1) : first.end(1)].strip()
    return _tidy_actor(text)


def _tidy_actor(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,")
    text = re.sub(r"^(?:the|all|each|every)\s+", "", text, flags=re.IGNORECASE)
    return text[0].upper() + text[1:] if text else text


def is_central(actor: str | None) -> bool:
    """True when the actor is the centre (NOMS, NPD, DOMs, regional managers ...) rather than a regulated body."""
    return bool(actor and _CENTRAL_RE.match(actor.strip()))


def starts_with_action_verb(text: str) -> bool:
    """True when text opens with a base-form action verb ("Submit ...", "ensure that ...")."""
    match = _FIRST_VERB.match(text)
    return bool(match and match.group(1).lower() in ACTION_VERBS)


_FIRST_VERB = re.compile(r"^\s*(?:and |or |also )?([A-Za-z]+(?:-[a-z]+)?)\b")


def is_lead_in(text: str) -> bool:
    """True when a sentence introduces a list of duties ("Chief Officers are asked to:", "Plans must include:")."""
    text = text.strip()
    if not re.search(r"[:\-–—]$", text):
        return False
    return bool(LEAD_IN.search(text) or find_modality(text))


_REPORT_WHEN = CI(
    r"\b(?:tell|inform|notify|let (?:us|them|ofsted) know|contact)(?:\s+(?:us|them|ofsted))?\s+(?:when|if)"
    r"\s*[:\-–—]?\s*$"
)


def is_condition_lead_in(text: str) -> bool:
    """True when a lead-in's items are conditions of its duty ("... must not be opened unless—").

    "You also need to tell us when" lists the events to report: each item is a duty, not a condition.
    """
    text = text.strip()
    return bool(CONDITION_LEAD_IN.search(text)) and not _REPORT_WHEN.search(text)


# -- timescales and deadlines -----------------------------------------------------------------------

# Counts as directives spell them, in figures or in words ("28", "twenty-eight", "fourteen").
_UNITS_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
COUNT_WORDS: dict[str, int] = {
    **{w: v for w, v in NUMBER_WORDS.items() if len(w) > 2},
    "thirteen": 13,
    "fourteen": 14,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "fifty": 50,
    "seventy": 70,
    "eighty": 80,
    **{
        f"{tens}{sep}{unit}": base + index
        for tens, base in (("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60))
        for index, unit in enumerate(_UNITS_WORDS, start=1)
        for sep in ("-", " ")
    },
}


def word_trie(words: list[str]) -> str:
    """A regex alternation of words spelt as a trie ("t(?:en|w(?:elve|o))"), longest match first.

    Matches what the plain alternation of the words, longest first, matches; the engine tries each letter once
    instead of each word in turn, which matters at every position of a long sentence.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
        return body

    return emit(trie)


COUNT = r"(?:\d{1,3}|" + word_trie(list(COUNT_WORDS)) + r")"


def count(word: str) -> float:
    """Return the value of a count in figures or words ("28", "twenty-eight", "twenty eight")."""
    word = " ".join(word.lower().split())
    return float(word) if word.isdigit() else float(COUNT_WORDS[word])


UNIT = (
    r"(?:(?:working|calendar|clear|business|school|consecutive) )?"
    r"(?:days?|weeks?|fortnights?|months?|years?|hours?|hrs?|minutes?|mins?)"
)
# The event a timescale runs from: up to sixteen words, stopping at punctuation or a new clause.
EVENT_STOP = (
    r"(?:and|unless|where|if|when|whichever|so|to|for|in|each|every|per|or if|that|which|who|by|at|with|using|"
    r"through|as|than|but|because|unless|except|whether|how|what|why|while|whilst|although|though|including|until|"
    # "within 10 working days of the baby's birth or within three months of the conference": a second timescale
    r"or (?:within|before|by|no later|not later|at least)|must|should|shall|will|may|can|i\.e|e\.g)"
)
# A pronoun and a verb open a new clause ("within 1 calendar month of the change they are liable to ..."), unlike a
# pronoun inside the event ("of the date it was received").
_NEW_CLAUSE = (
    r"(?:they|you|we|he|she|it|there)\s+(?:are|is|will|would|must|should|shall|may|might|can|could|have|has|need)\b"
)
_PERIOD_NAME = r"(?:(?:financial |calendar |tax |academic |school |reporting )?(?:month|quarter|year|term|week|period))"
# The words that tie a period to its event ("of", "after", "beginning with"), in the order they are tried.
ANCHOR = r"(?:of|after|from|following|before|prior to|in advance of|(?:beginning|starting|commencing) (?:with|on))"
# The words of an event: up to sixteen, stopping at punctuation, at a stop word or at a new clause.
EVENT_WORDS = (
    r"(?:(?:on|in|at|by|to|for|from|with|during) which\s+|"
    # "of the end of each month", "before the date on which the hearing is to take place", "after the publication in
    # the local newspaper of the notice", "the quarter to which it relates": words a stop word would otherwise cut
    r"(?:each|every) " + _PERIOD_NAME + r"\b\s*|(?:is|are|was|were) to [a-z]+\b\s*|in (?:the|a|an|any) |"
    # "the two dates referred to in paragraph (3)", "a request for an EHC needs assessment"
    r"(?:referred|relating|pursuant|subject|according) to\s+|"
    r"(?:(?<=request )|(?<=requests )|(?<=application )|(?<=applications )|(?<=referral )|(?<=claim ))for\s+|"
    # "of the failure to comply", "of the decision to recall": a noun and its verb, not a purpose clause
    r"(?:(?<=failure )|(?<=failures )|(?<=decision )|(?<=refusal )|(?<=request )|(?<=intention )|(?<=proposal ))"
    r"to\s+|(?!"
    + EVENT_STOP
    + r"\b|"
    + _NEW_CLAUSE
    # a word, a subsection number ("under subsection (1)"), or "the date on which ..."
    # "the Strategy Discussion / Meeting"
    + r")(?:[\w'’-]+|\(\w{1,4}\)|/)\s*){1,16}"
)
EVENT = (
    r"(?:\s+"
    + ANCHOR
    + r"\s+"
    + EVENT_WORDS
    # "at least 28 days in advance": the event left unnamed
    + r"|\s+in advance\b)?"
)
_ORDINAL = (
    r"(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
    r"twelfth|fifteenth|twentieth|last|final)"
)
# What a period may carry between its unit and its event: "three weeks (15 working days) after the quarter ends",
# "within 1 week (not working days) of placement".
_GLOSS = r"(?:\s*\([^()]{1,90}\)(?=\s+" + ANCHOR + r"\b))?"
# A second period added to the first: "one calendar month and seven days after the end of the accounting period".
_AND_PERIOD = r"(?:\s+and\s+" + COUNT + r"\s+" + UNIT + r"\b)?"
# The words that open a timescale, longest first where one is the start of another.
QUALIFIER = (
    # "not more that a year after approval": the slip is common enough in published regulations to read through
    r"(?:within|in|no later than|not later than|no more than|not more than|no more that|not more that|no less than|"
    r"not less than|"
    r"no earlier than|not earlier than|no sooner than|not sooner than|at least|at the latest|up to|"
    r"(?:(?:on or )?before|by|no later than|not later than|within) the (?:end|expiry|expiration) of)"
)
TIMESCALE = CI(
    r"\b" + QUALIFIER + r"\s+"
    # "within the period of 28 days beginning with ...", "by the end of the initial period of 28 consecutive days"
    r"(?:the (?:first |next |(?:initial |first )?period\s*of )?|a maximum of |the maximum of |a minimum of |"
    r"a period of )?"
    + COUNT
    # "within 16-weeks of the original request"
    + r"(?:\s*\((?:\d{1,3}|[a-z-]+)\))?(?:\s+|-(?=[a-z])|(?=hrs?\b|hours?\b))"
    + UNIT
    # "within the 30 working day period they set", "within the 20 week time limit": a window named by its length,
    # not a time after an event
    + r"\b(?![\s-]+(?:periods?|time limits?|limits?|timescales?|timeframes?|time frames?|windows?|deadlines?)\b)"
    + _AND_PERIOD
    + _GLOSS
    + EVENT
    # "within a week of release", "at least a week before any deadlines": a single period spelt with the article
    + r"|\b(?:within|at least|no later than|not later than|no less than|not less than|no more than|not more than|"
    r"no more that|not more that)\s+(?:a|an)\s+"
    r"(?:(?:working|calendar|school|clear) )?(?:day|week|fortnight|month|year|hour)\b"
    + EVENT
    # "no later than the 10th working day after sentence": a day counted from an event (a day counted from the end
    # of a period, "the 15th working day after the end of the quarter", is a deadline)
    + r"|\b(?:by|before|no later than|not later than|on or before)\s+the\s+"
    + _ORDINAL
    + r"\s+(?:(?:working|calendar|clear|school|business) )?day\s+(?:after|following|of|from)\s+"
    r"(?!(?:the\s+)?end\b|(?:the|each|every)\s+(?:(?:next|following|calendar)\s+)?(?:month|quarter|year)\b)"
    + EVENT_WORDS,
    word_start=True,
)
# A period tied to its event with no qualifier before it ("Trusts submit the data 18 working days after month end"):
# only with an anchor that makes it a time after or before something ("of" and "from" name amounts: "5 years of
# housing").
BARE_TIMESCALE = CI(
    # "by 6 weeks after receiving their final funding letter"
    r"\b(?:by\s+)?"
    + COUNT
    + r"(?:\s*\((?:\d{1,3}|[a-z-]+)\))?\s+"
    + UNIT
    + r"\b"
    + _AND_PERIOD
    + _GLOSS
    + r"(?=\s+(?:after|following|before|prior to|in advance of)\s)"
    + EVENT,
    word_start=True,
)
# Before a bare period, the words that make it an amount or a length, not a timescale ("for 6 years after ...",
# "more than 3 days after ...", "aged 18 years").
_BARE_NOT_AFTER = re.compile(
    r"(?:\b(?:for|of|than|over|under|about|around|aged|last|past|first|next|the|a|an|some|every|each|per|"
    r"additional|further|extra|another|other|within|up to|least|most|period|intervals?|"
    # "delayed by 2 days after the strike": how much a date moved, not a time allowed
    r"delayed|extended|deferred|postponed|reduced|increased|rose|fell|moved|put back|brought forward)\s*|[\d(])$"
)
# The months' names, in order: the one list the date readers, the header parser and the scorer read.
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")  # fmt: skip
MONTHS = "(?:" + "|".join(MONTH_NAMES) + ")"
_WEEKDAY = r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
# A time of day before the date: "by close of business on 30 June 2006", "until 5pm on 31 October".
_TIME_OF_DAY = (
    r"(?:(?:(?:the\s+)?close of (?:play|business)|(?:12\s+)?(?:noon|midday|midnight)|\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm))"
    r"\s+(?:on\s+)?)?"
)
# "... following the end of the quarter", "... following the month for which it is made": the period it follows.
_FOLLOWING = (
    # "31 December immediately following the end of a year"
    r"(?:\s+(?:immediately\s+)?(?:following|after)\s+(?:the\s+)?(?:end\s+of\s+)?(?:the\s+|each\s+|that\s+|every\s+|a\s+)?"
    + _PERIOD_NAME
    # "31 January following the tax year ending to which it relates"
    + r"\b(?:\s+ending)?(?:\s+(?:for|to|in) which\b[^,;.:()—–-]{0,60})?)?"
)
DEADLINE = CI(
    r"\b(?:by no later than|by not later than|by|before|no later than|not later than|on or before|until)\s+(?:"
    + _TIME_OF_DAY
    + _WEEKDAY
    + r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + MONTHS
    # "... 31st July of the financial year immediately following the end of the financial year to which it relates"
    + r"(?:,?\s+\d{4}|\s+of\s+the\s+(?:financial |calendar |academic |school )?year\b[^,;:.()“”\"]{0,120})?"
    # "by 5th October following the end of the tax year for which a tax return is required"
    + _FOLLOWING
    + r"|(?:the\s+)?(?:end|beginning|start|middle) of\s+"
    + MONTHS
    + r"(?:\s+\d{4})?"
    # "by end March 2012", "by end-March", "by mid-April"
    r"|(?:end|mid)[\s-]*" + MONTHS + r"(?:\s+\d{4})?"
    r"|" + MONTHS + r"\s+\d{4}\b"
    # "by March 31, 2018", "by September 1st of 2018"
    r"|" + MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4}|\s+of\s+\d{4})?"
    r"|(?:the\s+)?(?:end|beginning|start) of\s+(?:the\s+)?(?:"
    + MONTHS
    # "by the end of 2006/07", "before the start of the 2007-08 financial year"
    + r"(?:\s+\d{4})?|(?:the\s+)?(?:19|20)\d\d(?:[/-]\d{2,4})?\b(?:\s+(?:financial|academic|school|tax) year\b)?|"
    # "by the end of the next working day", "by the start of the autumn term", "by the end of the first quarter"
    r"(?:(?:next|following|same|current|new|first|second|third|fourth|final|last|autumn|spring|summer) )?"
    r"(?:working day|day|week|month|quarter|term|year|financial year|calendar year|academic year|school year))"
    + _FOLLOWING
    # "by the 5th working day of each month", "by the fifteenth day of the month following the month for which it
    # is made", "until the 19th of the following month", "by the 15th working day after the end of the quarter"
    + r"|the\s+"
    + _ORDINAL
    + r"\s+(?:working\s+)?(?:day\s+)?(?:of\s+(?:the|each|every)\s+(?:(?:next|following|first|calendar)\s+)*"
    r"(?:month|quarter)"
    + _FOLLOWING
    + r"|(?:working\s+)?day\s+(?:after|following)\s+(?:the\s+)?end\s+of\s+(?:the|each|every)\s+"
    + _PERIOD_NAME
    + r")"
    r"|\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})\b"
    r"|\d{1,2}(?:am|pm|\.\d\d)\b[\w ]{0,25}?(?=[,.;]|$)"
    r"|\d{1,2}/\d{1,2}/\d{2,4}"
    r"|\d{1,2}-\d{1,2}-(?:\d{4}|\d{2})\b"
    # "by your re-enrolment date": a date of the reader's own, named
    r"|(?:your|their|its)\s+[a-z-]{3,}\s+date\b"
    r")",
    word_start=True,
)
# A day that recurs each period ("returns will be issued on the 29th of each month"): when each return falls due.
# Not a date of record, which names one day.
ON_DAY_OF_PERIOD = CI(
    r"\bon\s+the\s+"
    + _ORDINAL
    + r"\s+(?:working\s+day\s+|day\s+|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+)?"
    r"(?:of|in)\s+(?:the|each|every)\s+(?:(?:next|following)\s+)?(?:month|quarter)\b" + _FOLLOWING,
    word_start=True,
)
DEADLINE_BARE = CI(
    r"\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\s+(?:working\s+day\s+)?of the (?:month|quarter) (?:following|after)"
    r"(?: the end of)?(?: the)? (?:reporting period|quarter|month|period)\b",
    word_start=True,
)


# The day or month a duty starts or falls due ("from 1 September 2007", "beginning January 2008", "in May 2006").
_DATE = (
    r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTHS + r"(?:,?\s+\d{4})?"
    r"|" + MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4}|\s+of\s+\d{4})?"
    r"|" + MONTHS + r"\s+\d{4}"
)
DATED = CI(
    r"\b(?:with effect from|as from|effective from|from|as of|on or after|"
    r"beginning(?: in| on| from)?|starting(?: in| on| from)?|commencing(?: in| on| from)?|"
    # "from the start of April 2007"
    r"until|in|on|during)\s+(?:(?:the\s+)?(?:beginning|start|end|middle) of\s+"
    + MONTHS
    + r"(?:\s+\d{4})?|"
    # "from Monday 4 January 2010"
    + _WEEKDAY
    + r"(?:"
    + _DATE
    + r")"
    + r")\b",
    word_start=True,
)
# A month named alone ("submitted in May", "by April"): a deadline only where the month is capitalised.
MONTH_ALONE = CI(
    r"\b(?:by|before|no later than|not later than|in|from|during|until|beginning|starting in)\s+" + MONTHS + r"\b",
    word_start=True,
)
# A date that says when a document was made or last changed, not when a duty applies ("PC 25/2005, issued on 1
# April 2005", "Last updated on 24 October 2017", "The guidance was revised in April 2012").
_DATE_OF_RECORD = re.compile(
    r"\b(?:issued|published|dated|circulated|announced|signed|written|launched|sent out|laid|updated|"
    # "the Act came into force on 1 October 2010", "the review that took place in May 2006": when something happened
    r"came into (?:force|effect)|commenced|took place|(?:was|were) (?:held|introduced)|"
    r"(?:was|were|been|last) (?:revised|amended|reviewed))\s*$",
    re.IGNORECASE,
)
# A deadline stated as a fact ("The deadline for the returns has been put back to 20 June", "The next collection
# date will be 31 January 2006", "Returns are due on 15 May 2006").
DEADLINE_FACT = CI(
    r"\b(?:deadline|closing date|collection date|due date|submission date|return date|cut-off date)s?\b"
    r"[\w ,’'()/-]{0,80}?\b(?:is|are|will be|has been|have been|was|of)\b[\w .:]{0,30}?(?:\bto\s+|\bon\s+|\b)"
    r"(?:" + _DATE + r")"
    r"|\bis due\s+(?:by|on|before)\s+(?:" + _DATE + r")"
    r"|\bare due\s+(?:by|on|before)\s+(?:" + _DATE + r")",
    word_start=True,
)
_TIMESCALE_UNITS = ("day", "week", "month", "year", "hour", "hrs", "minute", "mins", "fortnight")
# Month names as a substring test: cheaper than any regex, and "may" only capitalised (the modal is far commoner).
_MONTH_WORDS = tuple(m for m in MONTH_NAMES if m != "may")


def _names_a_month(sentence: str, low: str) -> bool:
    return any(map(low.__contains__, _MONTH_WORDS)) or "May" in sentence or "MAY" in sentence


# The date a stated deadline names, with its weekday as written ("Friday 12 March 2021").
_FACT_DATE = CI(_TIME_OF_DAY + _WEEKDAY + r"(?:" + _DATE + r")\b" + _FOLLOWING)
_SPACES = re.compile(r"\s+")
_TRAILING_WORD = re.compile(r"\s+(?:the|a|an|of|after|from|following|before|any|each|its|their)$", re.IGNORECASE)


def _trim_event(phrase: str) -> str:
    phrase = _SPACES.sub(" ", phrase).strip(" ,;.:")
    if phrase.lower().endswith("looked after"):
        return phrase  # "after the child becomes looked after": the words of the event, not a dangling preposition
    # Drop a trailing article or preposition left by the word limit.
    return _TRAILING_WORD.sub("", phrase)


@lru_cache(maxsize=1024)  # a lead-in is read again for each of its items
def find_timescale(sentence: str) -> str | None:
    """Return the timescale phrase ("within 5 working days of sentence"), or None."""
    low = lower(sentence)
    if not any(unit in low for unit in _TIMESCALE_UNITS):
        return None  # every timescale names a unit of time; most sentences have none
    for match in TIMESCALE.finditer(sentence):
        phrase = sentence[match.start() : match.end()]
        low_phrase = low[match.start() : match.end()]
        if low_phrase.startswith("in") and not _IN_EVENT.search(low_phrase):
            continue  # "in 12 months" alone is a period, not a timescale
        if low_phrase.startswith(_MINIMUM_WORDS) and not (
            _BEFORE.search(low_phrase) or _MINIMUM_BEFORE_OR_AFTER.match(low_phrase)
        ):
            continue  # "at least 6 hours of work" is an amount; "at least 30 days from the date ..." is a timescale
        if low_phrase.startswith("up to"):
            continue  # "up to 12 months" is how long something lasts
        if low_phrase.startswith(_MINIMUM_WORDS) and low.endswith("for ", 0, match.start()):
            continue  # "keep records for at least 6 years after ...": how long, not how soon
        if _INTERVALS_BEFORE.search(low, max(0, match.start() - 16), match.start()):
            continue  # "at intervals of not more than 6 weeks": how often (a frequency), not how soon
        if not sentence[: match.start()].strip(" (0123456789.)"):
            # "Within 3 months of the Initial Conference a Review Conference must be held": a timescale that opens the
            # sentence ends where the subject of the main clause begins.
            phrase = _FRONTED_SUBJECT.sub("", phrase)
        return _trim_event(phrase)
    if " after " in low or " before " in low or " following " in low or " prior to " in low or "in advance" in low:
        for match in BARE_TIMESCALE.finditer(sentence):
            if not _BARE_NOT_AFTER.search(low, max(0, match.start() - 16), match.start()):
                return _trim_event(sentence[match.start() : match.end()])
    return None


# An article right after a noun (not after a preposition): the start of a new noun phrase, the main clause's subject.
_FRONTED_SUBJECT = re.compile(
    r"(?<=[\w’'])(?<!\bof)(?<!\bafter)(?<!\bfrom)(?<!\bfollowing)(?<!\bbefore)(?<!\bto)(?<!\bin)(?<!\bon)(?<!\bat)"
    r"(?<!\bby)(?<!\bwith)(?<!\bfor)(?<!\bprior)(?<!\badvance)(?<!\band)(?<!\bor)(?<!\bbeginning)(?<!\bstarting)"
    r"(?<!\bcommencing)\s+(?:a|an|the|all|each|every|any)\s+[\w\s’'()/-]*$",
    re.IGNORECASE,
)
_INTERVALS_BEFORE = re.compile(r"\bintervals?\s+(?:of\s+)?$")


_IN_EVENT = re.compile(r"\b(?:of|after|from|following)\b")
_BEFORE = re.compile(r"\b(?:before|prior to)\b")
_MINIMUM_WORDS = ("at least ", "no less than ", "not less than ")
# "at least 30 days from the date on which you send your letter", "at least 28 days in advance": a minimum period
# counted from or ahead of an event (the event named right after the period).
_MINIMUM_BEFORE_OR_AFTER = re.compile(
    r"(?:at least|no less than|not less than)\s+(?:a|an|"
    + COUNT
    + r")(?:\s*\([^)]*\))?\s*"
    + UNIT
    + r"\s+(?:after|from|following|in advance)\b"
)


_REPLACING_DATE = re.compile(r"\s+(\d{1,2}(?:st|nd|rd|th)?\s+" + MONTHS + r"\s+\d{4})\b")
_LEADING_PREPOSITION = re.compile(
    r"(?:by no later than|by not later than|no later than|not later than|on or before|by|before|until)\s+",
    re.IGNORECASE,
)


def _stated_deadline(sentence: str, low: str, before: int | None = None) -> str | None:
    """The date of a deadline stated as a fact ("The deadline for receipt ... is Thursday 18th April 2019"), if its
    date comes before ``before`` (a dated phrase found later in the sentence is then another date)."""
    if "date" not in low and "deadline" not in low and "due" not in low:
        return None
    fact = DEADLINE_FACT.search_lower(low)
    if fact is None:
        return None
    date = _FACT_DATE.search(sentence, fact.start())
    if date is None or (before is not None and date.start() >= before):
        return None
    return _trim_event(sentence[date.start() : date.end()])


def _quoted(sentence: str, position: int) -> bool:
    """True when a position lies inside quoted words ("as if for “not later than 31st July” there were substituted").

    A quoted sentence ("“Publish your strategy statement by 31 December 2021.”") is an instruction cited whole, not
    words being amended.
    """
    if "“" not in sentence or sentence.count("“", 0, position) <= sentence.count("”", 0, position):
        return False
    close = sentence.find("”", position)
    return not (close > 0 and sentence[close - 1] in ".!?")


@lru_cache(maxsize=1024)  # a lead-in is read again for each of its items
def find_deadline(sentence: str) -> str | None:
    """Return the deadline phrase ("by 31 May 2006", "from 1 September 2007", "in May 2006"), or None.

    A deadline stated as a fact gives its date alone: "The deadline ... has been put back to 20 June" -> "20 June".
    """
    low = lower(sentence)
    match = DEADLINE.search_lower(low) or (DEADLINE_BARE.search_lower(low) if "of the " in low else None)
    if match and not _quoted(sentence, match.start()):
        fact = _stated_deadline(sentence, low, before=match.start())
        if fact:
            return fact
        phrase = sentence[match.start() : match.end()]
        second = _REPLACING_DATE.match(low, match.end())
        if second is not None:
            # "By 6 June 2006 9 June 2006, areas will ...": a date amended in place (or a header date jumbled into the
            # sentence by a PDF's columns); the date the duty names is the one written last.
            lead = _LEADING_PREPOSITION.match(phrase)
            phrase = (lead.group(0) if lead else "") + sentence[second.start(1) : second.end(1)]
        return _trim_event(phrase)
    day = ON_DAY_OF_PERIOD.search_lower(low) if " of " in low or " in " in low else None
    if day is not None:
        return _trim_event(sentence[day.start() : day.end()])
    if not _names_a_month(sentence, low):
        return None  # a deadline stated as a fact, and a dated start, name a month
    fact = _stated_deadline(sentence, low)
    if fact:
        return fact
    for dated in DATED.finditer(sentence):
        if not _DATE_OF_RECORD.search(sentence, 0, dated.start()):
            return _trim_event(sentence[dated.start() : dated.end()])
    for alone in MONTH_ALONE.finditer(sentence):
        month = sentence.rfind(" ", alone.start(), alone.end()) + 1
        if sentence[month].isupper() and not _DATE_OF_RECORD.search(sentence, 0, alone.start()):
            return sentence[alone.start() : alone.end()]
    return None


# -- frequencies ------------------------------------------------------------------------------------

PER_UNIT = {
    "day": 365.0,
    "night": 365.0,
    "working day": 250.0,
    "week": 52.0,
    "fortnight": 26.0,
    "month": 12.0,
    "calendar month": 12.0,
    "quarter": 4.0,
    "term": 3.0,  # the three terms of the English school year
    "year": 1.0,
    "financial year": 1.0,
    "calendar year": 1.0,
    "academic year": 1.0,
    "school year": 1.0,
    "school term": 3.0,
    "financial quarter": 4.0,
    "calendar quarter": 4.0,
    "hour": 365.0 * 24,
}
_UNIT_WORD = (
    r"((?:school|academic|financial|calendar) year|working day|day|night|week|fortnight|month|quarter|term|year|hour)s?"
)
_PERIOD = (
    r"(working day|day|night|week|fortnight|calendar month|month|financial quarter|calendar quarter|quarter|"
    r"school term|term|financial year|"
    r"calendar year|academic year|school year|year)"
)
# A count as written, with the figure some documents repeat in brackets ("every five (5) years").
_COUNTED = r"(" + COUNT + r")(?:\s*\(\d{1,3}\))?"
# Things done a number of times a period ("two supervision sessions per month"): the count is how often.
_OCCASIONS = (
    r"(?:visits?|sessions?|meetings?|contacts?|appointments?|inspections?|reviews?|tests?|checks?|reports?|"
    r"returns?|audits?|calls?|interviews?)"
)
FREQUENCIES: list[tuple[CI, object]] = [
    (
        CI(
            r"\b("
            + COUNT
            + r"|twice|once|thrice)(?:\s*\(\d{1,3}\))?(?:\s+times)?\s+(?:a|per|each|every|in each|in every)\s+"
            rf"{_UNIT_WORD}\b",
            word_start=True,
        ),
        "times",
    ),
    (
        CI(
            r"\b(twice|once|thrice)[\s-]+(yearly|annually|termly|quarterly|monthly|fortnightly|weekly|daily)\b",
            word_start=True,
        ),
        "times_adverb",
    ),
    (
        CI(
            r"\b(?:at least |no less than )?(?:once )?every\s+" + _COUNTED + r"\s+" + _UNIT_WORD + r"\b",
            word_start=True,
        ),
        "every_n",
    ),
    (
        CI(r"\b(?:every other|every second|alternate)\s+(day|night|week|month|quarter|term|year)s?\b", word_start=True),
        "every_other",
    ),
    (
        CI(
            rf"\b({COUNT})\s+(?:[a-z-]+\s+)?{_OCCASIONS}\s+(?:a|per|each|every|in each|in every)\s+{_UNIT_WORD}\b",
            word_start=True,
        ),
        "occasions",
    ),
    (CI(r"\b(" + COUNT + r")[\s-]+(week|month|day|year)ly\b", word_start=True), "n_ly"),
    (
        # "at intervals of not more than 6 weeks", "at intervals not exceeding 14 months": the longest gap allowed
        # between two occasions, so the fewest occasions a year
        CI(
            r"\bintervals\s+(?:of\s+)?(?:(?:not|no)\s+(?:more|greater|longer)\s+than\s+|not\s+exceeding\s+|up\s+to\s+)?"
            + _COUNTED
            + r"\s+"
            + _UNIT_WORD
            + r"\b",
            word_start=True,
        ),
        "every_n",
    ),
    (
        # "at intervals of not more than a year"
        CI(
            r"\bintervals\s+(?:of\s+)?(?:(?:not|no)\s+(?:more|greater|longer)\s+than\s+|not\s+exceeding\s+|up\s+to\s+)?"
            r"(?:a|an)\s+" + _UNIT_WORD + r"\b",
            word_start=True,
        ),
        "one_per",
    ),
    (
        # "at no more than 6-week intervals", "at 3 monthly intervals"
        CI(r"\b" + _COUNTED + r"[\s-]+" + _UNIT_WORD + r"(?:ly)?\s+intervals\b", word_start=True),
        "every_n",
    ),
    (
        CI(
            # "at least"/"once" spelt out in each branch: a leading optional group would slow every search.
            r"\b(?:at least (?:every|each|per|a)|once (?:every|each|per|a)|every|each|per|a)\s+"
            + _PERIOD
            + r"\b(?!\s+(?:of|before|after|following|from|to|in|groups?|olds?)\b)",
            word_start=True,
        ),
        "every",
    ),
    (
        CI(
            r"\b(bi-?annual(?:ly)?|semi-?annual(?:ly)?|half[\s-]yearly|six-monthly|biennial(?:ly)?|annual(?:ly)?|"
            r"yearly|quarterly|bi-?monthly|monthly|fortnightly|bi-?weekly|weekly|daily|nightly|hourly|half[\s-]termly|"
            r"termly|per annum)\b",
            word_start=True,
        ),
        "adverb",
    ),
]
ADVERBS = {
    "annual": 1.0,
    "annually": 1.0,
    "yearly": 1.0,
    "per annum": 1.0,
    "quarterly": 4.0,
    "termly": 3.0,
    "monthly": 12.0,
    "fortnightly": 26.0,
    "weekly": 52.0,
    "daily": 365.0,
    "nightly": 365.0,
    "hourly": 365.0 * 24,
    "biannual": 2.0,
    "biannually": 2.0,
    "bi-annual": 2.0,
    "bi-annually": 2.0,
    "half-yearly": 2.0,
    "semiannual": 2.0,
    "semiannually": 2.0,
    "semi-annual": 2.0,
    "semi-annually": 2.0,
    "half-termly": 6.0,  # the six half terms of the English school year
    "bimonthly": 6.0,
    "bi-monthly": 6.0,
    "six-monthly": 2.0,
    "biennial": 0.5,
    "biennially": 0.5,
    "biweekly": 26.0,
    "bi-weekly": 26.0,
}
# "putting the person back onto quarterly returns": the kind of return someone is moved to, done once.
_MOVED_TO = re.compile(r"(?i)\b(?:to|onto|into|back on)\s+$")
# "annual leave", "annual salary": a yearly amount, not a duty that recurs; "the annual governance statement":
# the name of a document.
_NOT_RECURRING = CI(
    r"\s+(?:leave|salary|salaries|income|turnover|budget|pay|allowance|rate|growth|spend|spending|costs?|"
    r"governance statement)\b"
)
# "which quarterly stagger the person would prefer": the kind of VAT periods, not how often anyone acts.
_NAMES_A_KIND = CI(r"\s+(?:staggers?)\b")
# An amount of time a period ("6 hours of unpaid work per week"): a rate, not how often the duty recurs.
_RATE_BEFORE = re.compile(
    r"(?i)\b" + COUNT + r"\s+(?:hours?|hrs?|minutes?|days?|nights?)\b(?:\s+(?:of\s+)?[\w-]+){0,3}\s*$"
)


_UNIT_STEMS = ("day", "night", "week", "fortnight", "month", "quarter", "term", "year", "hour")
_FREQUENCY_HINT = CI(
    r"ly\b|\b(?:every|each|per|once|twice|thrice|times|annual|semi-?annual|biennial|regular|alternate|intervals)\b"
)
# Recurrence without a count: the duty recurs, but how often is left to the reader.
UNCOUNTED = CI(
    r"\b(?:regularly|periodically|routinely|on a regular basis|at regular intervals|from time to time)\b",
    word_start=True,
)


_MONTH_BEFORE = re.compile(r"\b" + MONTHS + r"\s+$")
# Where a sentence turns to an exception or an alternative to its own duty.
_EXCEPTION = re.compile(r"\b(?:with the exception of|except|instead of|rather than|other than|apart from)\b")


def _times(word: str) -> float:
    word = word.lower()
    return {"once": 1.0, "twice": 2.0, "thrice": 3.0}.get(word) or count(word)


@lru_cache(maxsize=1024)  # a lead-in is read again for each of its items
def find_frequency(sentence: str) -> tuple[str, float | None] | None:
    """Return the frequency phrase and its occurrences a year ("quarterly" -> 4.0), or None.

    A recurrence without a count ("regularly") gives the phrase and ``None`` occurrences.
    """
    if not _FREQUENCY_HINT.search(sentence):
        return None
    found: list[tuple[int, str, float]] = []
    low = lower(sentence)
    # Every counted pattern but the adverbs names a unit of time: without one, only the adverbs can match.
    patterns = FREQUENCIES if any(unit in low for unit in _UNIT_STEMS) else FREQUENCIES[-1:]
    for pattern, kind in patterns:
        for match in pattern.finditer(sentence):
            if kind == "adverb" and _adverb_is_not_how_often(sentence, match):
                continue
            if kind in ("times", "occasions") and _MONTH_BEFORE.search(low, max(0, match.start() - 12), match.start()):
                continue  # "by June 30 each year": the day of a date, not a count
            value = _frequency_value(match, str(kind))
            if value is not None:
                found.append((match.start(), sentence[match.start() : match.end()], value))
    if not found:
        uncounted = UNCOUNTED.search(sentence)
        return (re.sub(r"\s+", " ", uncounted.group(0)), None) if uncounted else None
    exception = _EXCEPTION.search(low) if len(found) > 1 else None
    if exception is not None and any(at < exception.start() for at, _, _ in found):
        # "reviewed annually, with the exception of the equality objectives which can be reviewed every four years":
        # the recurrence after the exception is another duty's.
        found = [f for f in found if f[0] < exception.start()]
    # Prefer the most specific (longest) phrase; ties go to the earliest.
    _, phrase, value = max(found, key=lambda f: (len(f[1]), -f[0]))
    return re.sub(r"\s+", " ", phrase).strip(), round(value, 4)


def _adverb_is_not_how_often(sentence: str, match: re.Match[str]) -> bool:
    if sentence[match.start()].isupper() and sentence[match.end() + 1 : match.end() + 2].isupper():
        return True  # "the MAPPA Annual Report": part of a name, not how often
    if _MOVED_TO.search(sentence, max(0, match.start() - 12), match.start()):
        return True
    if _NAMES_A_KIND.match(sentence, match.end()):
        return True
    return match.group(1).lower() == "annual" and _NOT_RECURRING.match(sentence, match.end()) is not None


def _frequency_value(match: re.Match[str], kind: str) -> float | None:
    groups = match.groups()
    if kind == "times":
        return _times(groups[0]) * PER_UNIT[groups[1].lower()]
    if kind == "times_adverb":
        return _times(groups[0]) * ADVERBS[groups[1].lower()]
    if kind == "every_n":
        n = count(groups[0])
        if n and groups[1].lower() == "day" and n % 7 == 0:
            return PER_UNIT["week"] / (n / 7)  # "every 28 days" is every four weeks: 13 a year, weeks counted as 52
        return PER_UNIT[groups[1].lower()] / n if n else None
    if kind == "one_per":
        return PER_UNIT[groups[0].lower()]
    if kind == "every_other":
        return PER_UNIT[groups[0].lower()] / 2
    if kind == "occasions":
        return count(groups[0]) * PER_UNIT[groups[1].lower()]
    if kind == "n_ly":
        n = count(groups[0])
        return {"week": 52.0, "month": 12.0, "day": 365.0, "year": 1.0}[groups[1].lower()] / n if n else None
    if kind == "every":
        unit = groups[0].lower()
        before = match.string[: match.start()]
        if re.search(r"(?i)\ba\s+(?:day|night|week|month|year)\b", match.group(0)) and not re.search(
            r"(?i)\b(?:once|twice|times)\s*$", before
        ):
            # "6 hours of work a week" is a rate, not how often the duty recurs.
            return None
        if _RATE_BEFORE.search(before[-60:]):
            return None  # "6 hours of unpaid work per week": a rate too
        if match.group(0)[:2].lower() == "a " and match.string[match.end() : match.end() + 4].lower() == " on ":
            return None  # "a week on Monday": a day, not a recurrence
        return PER_UNIT[unit]
    word = (
        " ".join(groups[0].lower().split()).replace("half yearly", "half-yearly").replace("half termly", "half-termly")
    )
    return ADVERBS.get(word)


def clear_caches() -> None:
    """Forget every sentence read so far, so that the next document is read cold (as a benchmark pass must be)."""
    for cached in (lower, find_modality, find_actor, find_timescale, find_deadline, find_frequency):
        cached.cache_clear()


# -- references -------------------------------------------------------------------------------------

REFERENCE = re.compile(
    r"\b(?:(PI|PC|PSI|PSO)|(Probation Instruction|Probation Circular|Prison Service Instruction|"
    r"Prison Service Order))\s*(?:No\.?\s*)?(\d{1,4})(?:\s*/\s*(\d{4}))?\b"
)
_LONG = {
    "Probation Instruction": "PI",
    "Probation Circular": "PC",
    "Prison Service Instruction": "PSI",
    "Prison Service Order": "PSO",
}


def find_references(text: str) -> list[str]:
    """Return directive references in text, normalised ("Probation Circular 12/2005" -> "PC 12/2005"), in order."""
    out: list[str] = []
    for match in REFERENCE.finditer(text):
        prefix = match.group(1) or _LONG[match.group(2)]
        number_part, year = match.group(3), match.group(4)
        if year is None and prefix != "PSO":
            continue
        ref = f"{prefix} {int(number_part):02d}/{year}" if year else f"{prefix} {number_part}"
        if ref not in out:
            out.append(ref)
    return out
