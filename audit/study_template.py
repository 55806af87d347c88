"""The offline recording template of a study: an XLSX generated for it, filled in by participants and uploaded.

The workbook has a sheet *Recording* with one row per participant code, working day and requirement (the
participant fills *Times done* and *Minutes*, or writes *yes* under *Did not occur*), a sheet *Requirements*
naming each requirement, and a sheet *About* with the study and the instructions. Participants appear by code
only. An upload is validated whole: every problem is named by its sheet, row and column as the spreadsheet
shows them, and nothing is written unless every row is valid.

>>> column_letter(5)
'E'
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from sqlite_utils import Database

from audit.access import AccessDenied, User
from audit.study import Entry, Study, StudyProblems, check_entry, get_study, may_manage, working_days, write_entries
from catalogue.models import Catalogue

SHEET = "Recording"
HEADERS = ["Participant", "Date", "Requirement", "Times done", "Minutes", "Did not occur"]
YES = {"yes", "y", "x", "true", "1"}
NO = {"", "no", "n", "false", "0"}


def column_letter(number: int) -> str:
    """Return the spreadsheet letter of a 1-based column number (up to Z is all the template needs)."""
    return chr(ord("A") + number - 1)


def template(db: Database, user: User, study_id: int, catalogue: Catalogue) -> bytes:
    """Return the XLSX template of a study for its trust's manager (participants by code only)."""
    study = get_study(db, user, study_id)
    if not may_manage(user, study):
        raise AccessDenied(f"{user.label} may not produce this study's template")
    texts = {r.id: r.text for r in catalogue.requirements}
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append(HEADERS)
    for participant in study.participants:
        for day in working_days(study.starts, study.ends):
            for requirement in study.requirements:
                sheet.append([participant.code, day, requirement, None, None, None])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = "yyyy-mm-dd"
    for letter, width in zip("ABCDEF", (12, 12, 22, 12, 10, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    names = book.create_sheet("Requirements")
    names.append(["Requirement", "What it is"])
    for requirement in study.requirements:
        names.append([requirement, texts.get(requirement, "")])
    about = book.create_sheet("About")
    for line in (
        [f"{study.title} ({study.trust})"],
        [f"Recording period: {study.period}"],
        ["For each day and requirement: Times done (a whole number) and Minutes (all the minutes it took that day),"],
        ["or 'yes' under Did not occur. Leave a row blank if you did not record that day. Do not add participants."],
    ):
        about.append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for form in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def read_template(study: Study, content: bytes) -> tuple[list[Entry], list[str]]:
    """Read a filled template: (entries, problems); each problem names the sheet, row and column."""
    try:
        book = load_workbook(io.BytesIO(content), data_only=True, read_only=True)
    except Exception:  # any unreadable file is one plain problem, never a traceback
        return [], ["The file is not an Excel workbook (.xlsx): download the study's template and fill that in."]
    if SHEET not in book.sheetnames:
        return [], [f"The workbook has no sheet called {SHEET}: use the study's template."]
    rows = list(book[SHEET].iter_rows(values_only=True))
    if not rows or [str(c or "").strip() for c in rows[0][: len(HEADERS)]] != HEADERS:
        return [], [f"Sheet {SHEET}, row 1: the headings must be {', '.join(HEADERS)}, as in the template."]
    codes = {p.code for p in study.participants}
    days = set(working_days(study.starts, study.ends))
    entries: list[Entry] = []
    problems: list[str] = []
    seen: dict[tuple[str, dt.date, str], int] = {}

    def where(row: int, column: int) -> str:
        return f"Sheet {SHEET}, row {row}, column {HEADERS[column - 1]} ({column_letter(column)})"

    for number, raw in enumerate(rows[1:], start=2):
        cells = list(raw[: len(HEADERS)]) + [None] * (len(HEADERS) - len(raw[: len(HEADERS)]))
        participant, day_cell, requirement, times, minutes, dno = cells
        if all(c is None or str(c).strip() == "" for c in cells[3:]):
            continue  # nothing recorded on this row
        found = []
        code = str(participant or "").strip()
        if code not in codes:
            found.append(f"{where(number, 1)}: {code or 'blank'} is not a participant code of this study.")
        day = _date(day_cell)
        if day is None:
            found.append(f"{where(number, 2)}: {day_cell!s} is not a date (write it as 2011-05-02).")
        elif day not in days:
            found.append(f"{where(number, 2)}: {day:%d %B %Y} is not a working day of the study ({study.period}).")
        rid = str(requirement or "").strip()
        if rid not in study.requirements:
            found.append(f"{where(number, 3)}: {rid or 'blank'} is not one of the study's requirements.")
        flag = str(dno or "").strip().lower()
        if flag not in YES | NO:
            found.append(f"{where(number, 6)}: write yes or leave it blank (it says {dno!s}).")
        figures, entry_problems = check_entry(times, minutes, flag in YES)
        for problem in entry_problems:
            column = 4 if problem.startswith("Times done") else 5 if problem.startswith("Minutes") else 6
            text = problem.split(": ", 1)[1] if problem.startswith(("Times done", "Minutes")) else problem
            found.append(f"{where(number, column)}: {text}")
        if not found and figures is not None and day is not None:
            key = (code, day, rid)
            if key in seen:
                found.append(
                    f"Sheet {SHEET}, row {number}: the same participant, date and requirement as row {seen[key]}."
                )
            else:
                seen[key] = number
                entries.append(Entry(code, day, rid, figures[0], figures[1]))
        problems += found
    if not entries and not problems:
        problems.append(f"Sheet {SHEET}: nothing is recorded (every Times done, Minutes and Did not occur is blank).")
    return entries, problems


def import_template(db: Database, user: User, study_id: int, content: bytes) -> list[Entry]:
    """Validate a filled template whole and save its entries; StudyProblems (nothing saved) if any row is wrong."""
    study = get_study(db, user, study_id)
    if not may_manage(user, study):
        raise AccessDenied(f"{user.label} may not upload entries to this study")
    entries, problems = read_template(study, content)
    if problems:
        raise StudyProblems(problems)
    write_entries(db, user, study, entries)
    return entries


def participants_in(entries: Sequence[Entry]) -> list[str]:
    """The participant codes that recorded something in ``entries``."""
    return sorted({e.participant for e in entries})
