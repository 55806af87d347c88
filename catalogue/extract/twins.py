"""Find the requirement already in the catalogue that a candidate most likely duplicates (its "twin").

Similarity is the mean of two Jaccard indices: over content words (stop words dropped) and over
character 4-grams of the normalised text, so rewordings and small spelling changes both count.

>>> index = TwinIndex([("pi-1", "Trusts must submit the H1 return monthly.")])
>>> twin = index.best("Each trust shall submit the monthly H1 return.")
>>> twin.requirement_id, twin.score >= 0.4
('pi-1', True)
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "each",
        "every",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "shall",
        "should",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "which",
        "will",
        "with",
        "must",
        "may",
        "all",
        "any",
        "be",
        "been",
        "being",
        "not",
        "no",
    ]
)
DEFAULT_THRESHOLD = 0.45


def _normalise(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def words(text: str) -> frozenset[str]:
    """Content words of a text, lower-cased, with a crude plural strip so "returns" meets "return"."""
    out = set()
    for word in _normalise(text).split():
        if word in STOP_WORDS:
            continue
        out.add(word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word)
    return frozenset(out)


def grams(text: str, n: int = 4) -> frozenset[str]:
    """Character n-grams of the normalised text."""
    norm = _normalise(text)
    return frozenset(norm[i : i + n] for i in range(max(1, len(norm) - n + 1)))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def similarity(a: str, b: str) -> float:
    """Similarity of two requirement texts in [0, 1] (1 for the same words)."""
    return round((_jaccard(words(a), words(b)) + _jaccard(grams(a), grams(b))) / 2, 4)


@dataclass(frozen=True)
class Twin:
    """The closest catalogue requirement to a candidate, with the similarity score."""

    requirement_id: str
    text: str
    score: float


class TwinIndex:
    """An inverted index of catalogue requirement texts for fast nearest-text look-ups."""

    def __init__(self, requirements: Iterable[tuple[str, str]]) -> None:
        self._items: list[tuple[str, str, frozenset[str], frozenset[str]]] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        for req_id, text in requirements:
            position = len(self._items)
            wset = words(text)
            self._items.append((req_id, text, wset, grams(text)))
            for word in wset:
                self._postings[word].append(position)

    def __len__(self) -> int:
        return len(self._items)

    def best(self, text: str, threshold: float = DEFAULT_THRESHOLD) -> Twin | None:
        """Return the most similar requirement scoring at least ``threshold``, or None. Ties go to the lower id."""
        wset, gset = words(text), grams(text)
        shared: dict[int, int] = defaultdict(int)
        for word in wset:
            for position in self._postings.get(word, ()):
                shared[position] += 1
        best: Twin | None = None
        for position in shared:
            req_id, other, owords, ograms = self._items[position]
            score = round((_jaccard(wset, owords) + _jaccard(gset, ograms)) / 2, 4)
            if score < threshold:
                continue
            if best is None or score > best.score or (score == best.score and req_id < best.requirement_id):
                best = Twin(req_id, other, score)
        return best
