"""The command line's tables (``tabulate``) and progress bar (``click``), shared by every command."""

from __future__ import annotations

import pytest

from proportion.commands._common import TEXT_WIDTH, print_table, progress_bar


def test_a_table_keeps_cells_as_written_and_right_aligns_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    print_table([["Kent", "1,428 (1,237-1,976)", "007"], ["Avon and Somerset", "12", "1"]], ["trust", "hours", "n"],
                numeric=["hours", "n"])  # fmt: skip
    header, rule, kent, avon = capsys.readouterr().out.splitlines()
    assert header.split() == ["trust", "hours", "n"] and set(rule.replace(" ", "")) == {"-"}
    assert "1,428 (1,237-1,976)" in kent and kent.endswith("007")  # never re-read as the number 7
    assert kent.index("1,428") < avon.index("12") and len(kent) == len(avon)  # right-aligned under one another


def test_a_long_text_column_wraps_instead_of_losing_words(capsys: pytest.CaptureFixture[str]) -> None:
    text = " ".join(f"word{i}" for i in range(40))
    print_table([["R1", text]], ["id", "text"], wrap=["text"])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 3 and max(len(line) for line in lines) <= TEXT_WIDTH + 10  # the id column and its gap
    assert " ".join(" ".join(line.split()) for line in lines[2:]).replace("R1 ", "") == text


def test_the_progress_bar_prints_a_line_per_step_into_a_log_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    with progress_bar(3, show=True) as step:
        for name in ("A", "B", "C"):
            step(name)
    lines = capsys.readouterr().err.splitlines()
    assert [line.split()[-2:] for line in lines] == [["1/3", "A"], ["2/3", "B"], ["3/3", "C"]]
    assert lines[-1].startswith("[" + "#" * 30 + "]")


def test_the_progress_bar_is_silent_off_a_terminal_unless_asked(capsys: pytest.CaptureFixture[str]) -> None:
    with progress_bar(2) as step:
        step("A")
        step("B")
    assert capsys.readouterr().err == ""
