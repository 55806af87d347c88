"""Table column widths shared by the DOCX and PDF renderers, so both lay tables out alike.

>>> [round(w, 1) for w in column_widths([["a long piece of text", "1"]], ["Text", "N"], [False, True], 8, 10)]
[8.2, 1.8]
"""

from __future__ import annotations


def column_widths(
    shown: list[list[str]], labels: list[str], fixed: list[bool], font_pt: float, total_cm: float
) -> list[float]:
    """Return column widths (cm): numbers never wrap, short text gets its usual length, long text the rest.

    ``fixed`` marks the columns that must not wrap (numbers, ranges, yes/no); ``shown`` holds the cells as text.
    """
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
    spare = total_cm - sum(needs)
    if spare <= 0 or not any(weights):
        scale = total_cm / sum(needs)
        return [n * scale for n in needs]
    return [n + spare * w / sum(weights) for n, w in zip(needs, weights, strict=True)]
