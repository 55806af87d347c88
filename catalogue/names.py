"""Find the record a person means by the name they typed, in an address or on the command line.

>>> trusts = ["Kent Probation", "London Probation Trust", "Devon and Cornwall Probation Trust"]
>>> resolve_trust("kent probation trust", trusts)
'Kent Probation'
>>> resolve_trust("Devon & Cornwall", trusts)
'Devon and Cornwall Probation Trust'
>>> resolve_trust("Londn", trusts)
Traceback (most recent call last):
...
catalogue.names.UnknownName: no trust called 'Londn'; did you mean London Probation Trust?

A trust is found by its name in any case, with or without "Probation Trust", "Probation" or "Trust", with
"&" for "and" and any spacing, or by words that only one trust's name contains ("Manchester"). Anything
else is refused, never swapped for another record, with the names it might have meant.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from catalogue.errors import NotFound

# Longest first: "Kent Probation Trust" loses "probation trust", not just "trust".
TRUST_SUFFIXES = ("probation trust", "probation", "trust")
MAX_SUGGESTIONS = 5


class UnknownName(NotFound):
    """A typed name that names no record (or more than one); ``suggestions`` are the names it may have meant."""

    def __init__(self, kind: str, name: str, suggestions: Sequence[str] = (), ambiguous: bool = False):
        self.kind, self.name, self.suggestions, self.ambiguous = kind, name, list(suggestions), ambiguous
        super().__init__(self._message())

    def _message(self) -> str:
        if self.ambiguous:
            head = f"{self.name!r} could be more than one {self.kind}"
        else:
            head = f"no {self.kind} called {self.name!r}"
        return head + (f"; did you mean {_either(self.suggestions)}?" if self.suggestions else "")

    def sentence(self) -> str:
        """Return the message as a sentence for a page: 'No trust called 'X'. Did you mean A or B?'."""
        head, _, hint = self._message().partition("; ")
        text = head[:1].upper() + head[1:] + "."
        return text + (f" {hint[:1].upper()}{hint[1:]}" if hint else "")


def _either(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def normalise(text: str) -> str:
    """Return ``text`` as compared: lower case, "&" as "and", punctuation as spaces, single spaces."""
    text = text.casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def trust_key(name: str) -> str:
    """Return the words that tell a trust apart: its normalised name without "Probation Trust"."""
    key = normalise(name)
    for suffix in TRUST_SUFFIXES:
        if key == suffix:
            return key
        if key.endswith(" " + suffix):
            return key.removesuffix(" " + suffix)
    return key


def resolve_trust(typed: str, trusts: Sequence[str]) -> str:
    """Return the trust in ``trusts`` that ``typed`` names; raise UnknownName with suggestions otherwise."""
    wanted, key = normalise(typed), trust_key(typed)
    if not key:
        raise UnknownName("trust", typed)
    exact = [t for t in trusts if normalise(t) == wanted]
    if len(exact) == 1:
        return exact[0]
    same = [t for t in trusts if trust_key(t) == key]
    if len(same) == 1:
        return same[0]
    if same:
        raise UnknownName("trust", typed, same, ambiguous=True)
    words = [t for t in trusts if f" {key} " in f" {trust_key(t)} "]
    if len(words) == 1:
        return words[0]
    if words:
        raise UnknownName("trust", typed, words[:MAX_SUGGESTIONS], ambiguous=True)
    keys = {trust_key(t): t for t in trusts}
    raise UnknownName("trust", typed, _suggest(key, keys))


def resolve_name(typed: str, names: Sequence[str], kind: str) -> str:
    """Return the name in ``names`` that ``typed`` is, ignoring case and spacing; raise UnknownName otherwise.

    For records people name themselves (scenarios), where words are not left off.
    """
    wanted = " ".join(typed.casefold().split())
    keys = {" ".join(n.casefold().split()): n for n in names}
    if wanted and wanted in keys:
        return keys[wanted]
    raise UnknownName(kind, typed, _suggest(wanted, keys) if wanted else [])


def _suggest(wanted: str, keys: dict[str, str]) -> list[str]:
    """Return the names whose key contains ``wanted`` or is spelt nearly like it, closest first."""
    close = difflib.get_close_matches(wanted, list(keys), n=MAX_SUGGESTIONS, cutoff=0.6)
    containing = [k for k in keys if wanted in k and k not in close]
    return [keys[k] for k in [*close, *containing][:MAX_SUGGESTIONS]]
