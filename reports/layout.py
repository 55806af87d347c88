"""Table column widths shared by the DOCX and PDF renderers, so both lay tables out alike.

>>> [round(w, 1) for w in column_widths([["a long piece of text", "1"]], ["Text", "N"], [False, True], 8, 10)]
[8.2, 1.8]
"""

from __future__ import annotations


def fitting_font(
    shown: list[list[str]], labels: list[str], fixed: list[bool], sizes: tuple[float, ...], total_cm: float
) -> float:
    """Return the largest of ``sizes`` (pt) at which the table's columns fit ``total_cm`` without a word broken.

    Beyond the width, ``column_widths`` shrinks every column alike, numbers and header words included, and a
    word processor then breaks them mid-word ("Requiremen ts"); a smaller font is the lesser harm. The smallest
    size is returned when none fits.
    """
    for size in sorted(sizes, reverse=True):
        if sum(_needs(shown, labels, fixed, size)[0]) <= total_cm:
            return size
    return min(sizes)


def column_widths(
    shown: list[list[str]], labels: list[str], fixed: list[bool], font_pt: float, total_cm: float
) -> list[float]:
    """Return column widths (cm): numbers never wrap, short text gets its usual length, long text the rest.

    ``fixed`` marks the columns that must not wrap (numbers, ranges, yes/no); ``shown`` holds the cells as text.
    """
    needs, weights = _needs(shown, labels, fixed, font_pt)
    spare = total_cm - sum(needs)
    if spare < 0:  # too wide: text columns give way first, down to their longest word, before any number
        floors = _floors(shown, labels, fixed, font_pt, needs)
        give = [n - f for n, f in zip(needs, floors, strict=True)]
        share = min(1.0, -spare / sum(give)) if sum(give) > 0 else 0.0
        needs = [n - g * share for n, g in zip(needs, give, strict=True)]
        spare = total_cm - sum(needs)
    if spare <= 1e-9 or not any(weights):
        scale = total_cm / sum(needs)
        return [n * scale for n in needs]
    return [n + spare * w / sum(weights) for n, w in zip(needs, weights, strict=True)]


def _floors(
    shown: list[list[str]], labels: list[str], fixed: list[bool], font_pt: float, needs: list[float]
) -> list[float]:
    """Return the narrowest each column may become in a table too wide for the page: a number column its full
    width, a text column its longest word (at most 16 characters: a longer code may wrap) or its heading's."""
    char_cm, bold_cm, padding_cm = font_pt * 0.6 * 0.0353, font_pt * 0.72 * 0.0353, 0.38
    floors = []
    for index, label in enumerate(labels):
        if fixed[index]:
            floors.append(needs[index])
            continue
        word = max((len(w) for row in shown for w in row[index].split()), default=1)
        header = max((len(w) for w in label.split()), default=1) * bold_cm
        floors.append(min(needs[index], max(min(word, 16) * char_cm, header) + padding_cm))
    return floors


def _needs(
    shown: list[list[str]], labels: list[str], fixed: list[bool], font_pt: float
) -> tuple[list[float], list[float]]:
    """Return each column's width (cm) before any spare is shared out, and its share of the spare."""
    char_cm = font_pt * 0.6 * 0.0353  # DejaVu Sans digits are 0.636 em, separators narrower; 1 pt = 0.0353 cm
    bold_cm = font_pt * 0.72 * 0.0353  # headers are bold, and capitals wider
    padding_cm = 0.38
    needs, weights = [], []
    for index, label in enumerate(labels):
        lengths = sorted(len(row[index]) for row in shown) or [0]
        filled = [n for n in lengths if n] or [0]  # a column of rare comments is as wide as its comments
        typical = filled[int(0.9 * (len(filled) - 1))]
        header = max((len(word) for word in label.split()), default=1) * bold_cm
        if fixed[index]:
            needs.append(max((lengths[-1] + 1.5) * char_cm, header) + padding_cm)
            weights.append(0.0)
        elif lengths[-1] <= 22:  # codes and names: their usual length, wrapping the odd long one
            needs.append(max(typical * char_cm, header) + padding_cm)
            weights.append(0.0)
        else:  # prose: a readable minimum, then whatever is left
            needs.append(max(min(typical, 28) * char_cm, header) + padding_cm)
            weights.append(float(min(typical, 60)))
    return needs, weights
