"""Split a block of directive text into its paragraph number and sentences.

>>> split_paragraph_number("4.2 Trusts must comply.")
('4.2', 'Trusts must comply.')
>>> split_sentences("Staff must act, e.g. at once. See para. 4.2 of PC 12/2005. Done")
['Staff must act, e.g. at once.', 'See para. 4.2 of PC 12/2005.', 'Done']
"""

from __future__ import annotations

import re

from catalogue.extract.patterns import ACTION_VERBS

PARAGRAPH_NUMBER = re.compile(r"^\s*((?:[A-Z](?=\d))?\d{1,2}(?:\.\d{1,3}){0,3})\.?(?=\s)\s+(?=\S)")
ABBREVIATIONS = {
    "e.g",
    "i.e",
    "etc",
    "no",
    "nos",
    "para",
    "paras",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "approx",
    "cf",
    "vs",
    "viz",
    "al",
    "ref",
    "fig",
    "sec",
    "ch",
    "art",
    "reg",
    "regs",
    "s",
    "ss",
    "pp",
    "p",
    "vol",
    "cl",
    "sch",
    "annex",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "hm",
    "co",
    "ltd",
}
_BOUNDARY = re.compile(r"([.!?])([\"'’”)]*)\s+(?=[\"'‘“(]?[A-Z0-9]|[a-z])")
_FIRST_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


def split_paragraph_number(text: str) -> tuple[str | None, str]:
    """Return the leading paragraph number ("4.2", "B1", "12") and the rest of the text."""
    match = PARAGRAPH_NUMBER.match(text)
    if not match:
        return None, text.strip()
    rest = text[match.end() :].strip()
    # "2 working days ..." or "10 March" are not numbered paragraphs: a number must be followed by a capital.
    if not rest or not (rest[0].isupper() or rest[0] in "\"'‘“("):
        return None, text.strip()
    return match.group(1), rest


_LAST_WORD = re.compile(r"([A-Za-z.]+)$")
# A stop, colon or semicolon whose space a copy lost: "... in this Instruction.Probation Trusts must ...",
# "... are:Whether ...", "... assistance.8.2 All Governors ..." (a paragraph number after the stop).
# The stop itself is matched first (then the three letters before it): the regex engine skips ahead to each stop,
# several times faster than trying the look-behind at every character.
_GLUED = re.compile(
    r"[.:;](?<=[a-z]{3}[.:;])(?:(?<=\.)(?=[A-Z][a-z]{2,} |\d{1,2}\.\d{1,3}\s+[A-Z])|(?<=[:;])(?=[A-Z][a-z]))"
)


def split_sentences(text: str) -> list[str]:
    """Split text into sentences at ., ! or ? followed by a capital, ignoring abbreviations and initials.

    Copies that lost the space after a full stop ("... in this Instruction.Probation Trusts must ...") are split too.
    """
    if ("." in text or ":" in text or ";" in text) and _GLUED.search(text):
        text = _GLUED.sub(lambda stop: f"{stop.group(0)} ", text)
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end(2)
        if text[match.end()].islower():
            # A lower-case word starts a sentence only as an order whose bullet a copy lost ("... 1999. ensure gas
            # fittings ..."); otherwise the stop ends an abbreviation ("e.g. at once").
            verb = _FIRST_WORD.match(text, match.end())
            if verb is None or verb.group(0) not in ACTION_VERBS:
                continue
        # The word before the stop; only the tail is searched (a "$" search over the whole text is quadratic).
        word = _LAST_WORD.search(text, max(start, match.start(1) - 60), match.start(1))
        token = word.group(1).lower().rstrip(".") if word else ""
        if token in ABBREVIATIONS or (word and len(word.group(1)) == 1 and word.group(1).isupper()):
            continue
        sentence = text[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences
