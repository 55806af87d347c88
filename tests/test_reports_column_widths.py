"""Table column widths for the PDF and Word reports: a table too wide for the page takes the width from its text
columns first, so that no number and no heading word has to break across lines."""

from __future__ import annotations

from reports.layout import column_widths, fitting_font

PROSE = "Devolve to trusts: the requirement that every case is reviewed at each of its formal stages " * 2
WIDE = [["1", PROSE, "Accepted", PROSE, "£4,102,811", "1,234,567 h", "medium"]] * 5
LABELS = ["Rank", "Proposal", "Decision", "Reason", "Saving a year", "Hours", "Risk"]
FIXED = [True, False, False, False, True, True, False]


def _narrowest_fitting(font_pt: float) -> list[float]:
    """The width (cm) each fixed column needs at ``font_pt``, as a table with room to spare gives it."""
    return column_widths(WIDE, LABELS, FIXED, font_pt, 200.0)


def test_a_too_wide_table_keeps_its_number_columns_whole() -> None:
    roomy = _narrowest_fitting(7.0)
    tight = column_widths(WIDE, LABELS, FIXED, 7.0, 14.0)
    assert abs(sum(tight) - 14.0) < 1e-9
    for index, fixed in enumerate(FIXED):
        if fixed:  # the numbers keep the width they need; the prose columns gave way
            assert abs(tight[index] - roomy[index]) < 1e-9, (LABELS[index], tight[index], roomy[index])
    assert tight[1] < roomy[1] and tight[3] < roomy[3]


def test_the_font_shrinks_only_as_far_as_the_table_needs() -> None:
    narrow = [["1", "short", "£5"]]
    assert fitting_font(narrow, ["Rank", "Name", "Cost"], [True, False, True], (8.0, 7.0, 6.5), 17.0) == 8.0
    many = [["£1,000,000"] * 14]
    labels = [f"Column {i}" for i in range(14)]
    assert fitting_font(many, labels, [True] * 14, (8.0, 7.0, 6.5), 17.0) == 6.5
