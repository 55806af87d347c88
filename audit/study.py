"""Time-recording studies: a trust measures what its requirements take instead of relying on national estimates.

A trust manager sets up a study (which requirements, which grades, a recording period, the participants);
participants record, per working day and requirement, how many times they did it and the minutes it took, or
that it did not occur. Participants are accounts of the *trust staff* role or anonymous codes (for the offline
template); everything a study shows or exports names participants by their code, never by name.

Who may do what is decided here (through :mod:`audit.access`), for the pages and the command line alike:

- a trust manager (or the administrator) sets up and reads the studies of their own trust only;
- trust staff record only as themselves, only in their own trust's open studies;
- no one else sees a study's entries (the association sees aggregates, :mod:`audit.study_results`).

Public API

- :func:`create_study`, :func:`get_study`, :func:`studies_for`, :func:`recording_studies`, :func:`close_study`.
- :func:`working_days`: the days a participant records (Monday to Friday within the period).
- :func:`record_day`: save one participant's figures for one day (every problem named, nothing half saved).
- :func:`entries`: a study's entries as a table (participant codes, never names).

>>> [d.isoformat() for d in working_days(dt.date(2011, 5, 6), dt.date(2011, 5, 9))]
['2011-05-06', '2011-05-09']
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
from sqlite_utils import Database

from audit.access import AccessDenied, Action, Role, User, can
from audit.errors import AuditError
from catalogue.history import record_change
from catalogue.store import writing

OPEN = "open"
CLOSED = "closed"
WORKING_DAYS_PER_YEAR = 220.0  # the default a study scales a day's count to a year by; the manager may change it
MAX_PERIOD_DAYS = 92  # a recording period of up to about three months
MAX_MINUTES_A_DAY = 24 * 60
MAX_TIMES_A_DAY = 1000
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$")
ENTRY_COLUMNS = ["participant", "day", "requirement", "occurrences", "minutes", "did_not_occur"]


class StudyProblems(AuditError):
    """A study could not be set up or a recording saved; ``problems`` holds every problem, each in words."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s): " + " ".join(self.problems))


class StudyNotFound(AuditError):
    """No study with that number that this user may see (another trust's study is never admitted to exist)."""


@dataclass(frozen=True)
class Participant:
    """A participant of a study: the code everything shows, and the trust staff account that records, if any."""

    code: str
    username: str | None = None


@dataclass(frozen=True)
class Study:
    """A trust's time-recording study as stored."""

    id: int
    trust: str
    title: str
    starts: dt.date
    ends: dt.date
    requirements: tuple[str, ...]
    grades: tuple[str, ...]
    working_days_per_year: float
    status: str
    created_by: str = ""
    participants: tuple[Participant, ...] = field(default_factory=tuple)

    @property
    def is_open(self) -> bool:
        return self.status == OPEN

    @property
    def period(self) -> str:
        """The recording period in words, e.g. '2-13 May 2011'."""
        return period_text(self.starts, self.ends)

    def code_of(self, username: str) -> str | None:
        """Return the participant code of the trust staff account ``username`` in this study, or None."""
        return next((p.code for p in self.participants if p.username == username), None)

    @property
    def label(self) -> str:
        return f"{self.title} ({self.period})"


def period_text(starts: dt.date, ends: dt.date) -> str:
    """Say a period in words: '2-13 May 2011', '28 April - 6 May 2011', '20 December 2010 - 7 January 2011'."""
    if (starts.year, starts.month) == (ends.year, ends.month):
        return f"{starts.day}-{ends.day} {ends:%B %Y}" if starts != ends else f"{ends.day} {ends:%B %Y}"
    if starts.year == ends.year:
        return f"{starts.day} {starts:%B} - {ends.day} {ends:%B %Y}"
    return f"{starts.day} {starts:%B %Y} - {ends.day} {ends:%B %Y}"


def working_days(starts: dt.date, ends: dt.date) -> list[dt.date]:
    """Return the days a participant records: Monday to Friday from ``starts`` to ``ends`` inclusive."""
    days = (ends - starts).days + 1
    return [d for d in (starts + dt.timedelta(n) for n in range(max(days, 0))) if d.weekday() < 5]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _actor(user: User) -> str:
    return user.name or user.username


# --- setting up a study ----------------------------------------------------------------------------


def create_study(
    db: Database,
    user: User,
    *,
    trust: str,
    title: str,
    starts: dt.date,
    ends: dt.date,
    requirements: Sequence[str],
    grades: Sequence[str] = (),
    accounts: Sequence[str] = (),
    anonymous: int = 0,
    working_days_per_year: float = WORKING_DAYS_PER_YEAR,
) -> Study:
    """Set up a study of ``trust`` and return it; every problem is collected (StudyProblems) and nothing is saved.

    Participants are the trust staff ``accounts`` of that trust and ``anonymous`` further participants; all get
    codes P01, P02, ... in that order (the accounts first), and the codes are what every result and export shows.
    """
    if not can(user, Action.MANAGE_STUDIES, trust):
        raise AccessDenied(f"{user.label} may not set up a study for {trust}")
    problems = []
    title = (title or "").strip()
    if not title:
        problems.append("Give the study a title.")
    if ends < starts:
        problems.append("The recording period ends before it starts.")
    elif (ends - starts).days + 1 > MAX_PERIOD_DAYS:
        problems.append(f"The recording period is longer than {MAX_PERIOD_DAYS} days: choose a shorter one.")
    elif not working_days(starts, ends):
        problems.append("The recording period holds no working day (Monday to Friday).")
    wanted = list(dict.fromkeys(r.strip() for r in requirements if r.strip()))
    if not wanted:
        problems.append("Choose at least one requirement to measure.")
    known = {str(r[0]) for r in db.execute("SELECT id FROM requirements").fetchall()}
    problems += [f"There is no requirement {r} in the catalogue." for r in wanted if r not in known]
    grade_codes = {str(r[0]) for r in db.execute("SELECT code FROM staff_grades").fetchall()}
    chosen_grades = list(dict.fromkeys(g.strip() for g in grades if g.strip()))
    problems += [f"There is no staff grade {g}." for g in chosen_grades if g not in grade_codes]
    if not math.isfinite(working_days_per_year) or not 1 <= working_days_per_year <= 366:
        problems.append("Working days a year must be a number from 1 to 366.")
    names = list(dict.fromkeys(a.strip() for a in accounts if a.strip()))
    for name in names:
        row = db.execute("SELECT role, trust FROM users WHERE username = ?", [name]).fetchone()
        if row is None:
            problems.append(f"There is no account {name}.")
        elif row[0] != Role.TRUST_STAFF.value or row[1] != trust:
            problems.append(f"The account {name} is not trust staff of {trust}.")
    if anonymous < 0 or anonymous > 500:
        problems.append("The number of participants with a code only must be from 0 to 500.")
    if not names and anonymous <= 0:
        problems.append("Add at least one participant: a trust staff account or a participant code.")
    if problems:
        raise StudyProblems(problems)
    count = len(names) + anonymous
    width = max(2, len(str(count)))
    participants = [Participant(f"P{n + 1:0{width}d}", names[n] if n < len(names) else None) for n in range(count)]
    row = {
        "trust": trust,
        "title": title,
        "starts": starts.isoformat(),
        "ends": ends.isoformat(),
        "requirements": json.dumps(wanted),
        "grades": json.dumps(chosen_grades),
        "working_days_per_year": float(working_days_per_year),
        "status": OPEN,
        "created_by": _actor(user),
        "created_at": _now(),
    }
    with writing(db):
        table = db.table("studies")
        table.insert(row)
        study_id = int(table.last_pk)  # type: ignore[arg-type]
        db.table("study_participants").insert_all(
            {"study": study_id, "code": p.code, "username": p.username} for p in participants
        )
        record_change(
            db,
            actor=_actor(user),
            entity="study",
            entity_id=str(study_id),
            action="create",
            new={**row, "participants": [p.code for p in participants]},
            reason=f"time-recording study of {trust}",
        )
    return _load(db, study_id)


def _load(db: Database, study_id: int) -> Study:
    rows = list(db.table("studies").rows_where("id = ?", [study_id]))
    if not rows:
        raise StudyNotFound(f"There is no study {study_id}.")
    row = rows[0]
    participants = tuple(
        Participant(str(p["code"]), p["username"])
        for p in db.query("SELECT code, username FROM study_participants WHERE study = ? ORDER BY code", [study_id])
    )
    return Study(
        id=int(row["id"]),
        trust=str(row["trust"]),
        title=str(row["title"]),
        starts=dt.date.fromisoformat(row["starts"]),
        ends=dt.date.fromisoformat(row["ends"]),
        requirements=tuple(json.loads(row["requirements"])),
        grades=tuple(json.loads(row["grades"])),
        working_days_per_year=float(row["working_days_per_year"] or WORKING_DAYS_PER_YEAR),
        status=str(row["status"]),
        created_by=str(row["created_by"] or ""),
        participants=participants,
    )


def may_manage(user: User, study: Study) -> bool:
    """Return whether ``user`` may see a study's entries and results and accept them (its own trust's manager)."""
    return can(user, Action.MANAGE_STUDIES, study.trust)


def may_record(user: User, study: Study) -> bool:
    """Return whether ``user`` may record in ``study``: trust staff of its trust, a participant, while it is open."""
    return study.is_open and can(user, Action.RECORD_TIME, study.trust) and study.code_of(user.username) is not None


def get_study(db: Database, user: User, study_id: int) -> Study:
    """Return a study ``user`` may manage or record in; any other (another trust's) is StudyNotFound."""
    try:
        study = _load(db, int(study_id))
    except (StudyNotFound, ValueError):
        raise StudyNotFound(f"There is no study {study_id} that you can open.") from None
    if may_manage(user, study) or may_record(user, study):
        return study
    raise StudyNotFound(f"There is no study {study_id} that you can open.")


def studies_for(db: Database, user: User) -> list[Study]:
    """Return the studies ``user`` manages (their trust's; every trust's for the administrator), newest first."""
    ids = [int(r[0]) for r in db.execute("SELECT id FROM studies ORDER BY id DESC").fetchall()]
    return [s for s in (_load(db, i) for i in ids) if may_manage(user, s)]


def recording_studies(db: Database, user: User) -> list[Study]:
    """Return the open studies ``user`` records in (trust staff who are participants), newest first."""
    if user.role != Role.TRUST_STAFF:
        return []
    ids = [
        int(r[0])
        for r in db.execute(
            "SELECT s.id FROM studies s JOIN study_participants p ON p.study = s.id "
            "WHERE p.username = ? AND s.trust = ? AND s.status = ? ORDER BY s.id DESC",
            [user.username, user.trust, OPEN],
        ).fetchall()
    ]
    return [s for s in (_load(db, i) for i in ids) if may_record(user, s)]


def close_study(db: Database, user: User, study_id: int) -> Study:
    """Close a study for recording (results stay); only its trust's manager may."""
    study = get_study(db, user, study_id)
    if not may_manage(user, study):
        raise AccessDenied(f"{user.label} may not close this study")
    with writing(db):
        db.table("studies").update(study.id, {"status": CLOSED})
        record_change(
            db, actor=_actor(user), entity="study", entity_id=str(study.id), action="update",
            old={"status": study.status}, new={"status": CLOSED}, reason="closed for recording",
        )  # fmt: skip
    return _load(db, study.id)


# --- recording ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayEntry:
    """What a participant typed for one requirement on one day, not yet read: blanks mean 'not recorded'."""

    requirement: str
    times: object = None
    minutes: object = None
    did_not_occur: bool = False


@dataclass(frozen=True)
class Entry:
    """One checked entry: a participant's count and minutes for one requirement on one day."""

    participant: str
    day: dt.date
    requirement: str
    occurrences: int
    minutes: float

    @property
    def did_not_occur(self) -> bool:
        return self.occurrences == 0


def read_number(value: object) -> float | None:
    """Read a figure as typed (``12``, ``7.5``, ``1,200``); None for a blank; ValueError for anything else."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip().replace(",", "")
        if not text:
            return None
        number = float(text)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def check_entry(times: object, minutes: object, did_not_occur: bool) -> tuple[tuple[int, float] | None, list[str]]:
    """Read one requirement's figures for one day: ((times, minutes), []) or (None, problems) or (None, []) if blank.

    Each problem names the field as the participant sees it ("Times done", "Minutes").
    """
    if did_not_occur:
        try:
            t, m = read_number(times), read_number(minutes)
        except ValueError:
            t = m = None
        if (t or 0) > 0 or (m or 0) > 0:
            return None, ["it is marked 'did not occur' but has times or minutes: clear them or untick it."]
        return (0, 0.0), []
    problems = []
    try:
        t = read_number(times)
    except ValueError:
        problems.append(f"Times done: {times!s} is not a whole number.")
        t = None
    else:
        if t is not None and (t < 0 or t != int(t)):
            problems.append(f"Times done: {times!s} is not a whole number of 0 or more.")
        elif t is not None and t > MAX_TIMES_A_DAY:
            problems.append(f"Times done: {times!s} is more than {MAX_TIMES_A_DAY} in a day.")
    try:
        m = read_number(minutes)
    except ValueError:
        problems.append(f"Minutes: {minutes!s} is not a number.")
        m = None
    else:
        if m is not None and m < 0:
            problems.append(f"Minutes: {minutes!s} is below zero.")
        elif m is not None and m > MAX_MINUTES_A_DAY:
            problems.append(f"Minutes: {minutes!s} is more than a whole day.")
    if problems:
        return None, problems
    if t is None and m is None:
        return None, []
    if t is None or t == 0:
        if m:
            return None, ["Times done: give how many times it was done (the minutes are for all of them)."]
        return (0, 0.0), []  # 0 times, no minutes: it did not occur
    if m is None or m == 0:
        return None, ["Minutes: give the minutes it took in all (or tick 'did not occur')."]
    return (int(t), float(m)), []


def record_day(
    db: Database, user: User, study_id: int, day: dt.date, rows: Sequence[DayEntry], *, participant: str | None = None
) -> list[Entry]:
    """Save one participant's figures for ``day`` (all rows or none) and return the entries saved.

    Trust staff record as themselves (their participant code). A row left blank saves nothing and removes
    nothing. Every problem names the requirement and the field (StudyProblems).
    """
    study = get_study(db, user, study_id)
    if not may_record(user, study):
        raise AccessDenied(f"{user.label} may not record in this study")
    code = study.code_of(user.username)
    if participant is not None and participant != code:
        raise AccessDenied(f"{user.label} records as {code} only")
    assert code is not None
    problems = []
    if day not in working_days(study.starts, study.ends):
        problems.append(f"{day:%A %d %B %Y} is not a working day of the study ({study.period}).")
    saved = []
    for row in rows:
        if row.requirement not in study.requirements:
            problems.append(f"{row.requirement} is not one of the study's requirements.")
            continue
        figures, found = check_entry(row.times, row.minutes, row.did_not_occur)
        problems += [f"{row.requirement}: {p}" for p in found]
        if figures is not None:
            saved.append(Entry(code, day, row.requirement, figures[0], figures[1]))
    if problems:
        raise StudyProblems(problems)
    try:
        _write(db, study, saved, actor=_actor(user))
    except sqlite3.OperationalError as exc:
        # Many participants saving at once can hold the one writer past SQLite's busy wait; the transaction is
        # rolled back whole, so say so and let them save again rather than show the database's error.
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise
        busy = "the server was busy with other people's saves; nothing was saved, save this day again"
        raise StudyProblems([busy]) from None
    return saved


def _write(db: Database, study: Study, saved: Sequence[Entry], *, actor: str) -> None:
    """Write checked entries in one transaction, replacing what the same participant had for the same day."""
    if not saved:
        return
    now = _now()
    with writing(db):
        db.table("study_entries").upsert_all(
            (
                {
                    "study": study.id,
                    "participant": e.participant,
                    "day": e.day.isoformat(),
                    "requirement": e.requirement,
                    "occurrences": e.occurrences,
                    "minutes": e.minutes,
                    "recorded_by": actor,
                    "recorded_at": now,
                }
                for e in saved
            ),
            pk=("study", "participant", "day", "requirement"),
        )


def entries(db: Database, user: User, study_id: int, *, participant: str | None = None) -> pd.DataFrame:
    """Return a study's entries (``participant, day, requirement, occurrences, minutes, did_not_occur``).

    The trust's manager sees every participant's; trust staff only their own. Participants are codes.
    """
    study = get_study(db, user, study_id)
    if not may_manage(user, study):
        own = study.code_of(user.username)
        if participant not in (None, own):
            raise StudyNotFound("You can see only your own entries.")
        participant = own
    sql = "SELECT participant, day, requirement, occurrences, minutes FROM study_entries WHERE study = ?"
    args: list[object] = [study.id]
    if participant is not None:
        sql += " AND participant = ?"
        args.append(participant)
    frame = pd.DataFrame(list(db.query(sql + " ORDER BY participant, day, requirement", args)))
    if frame.empty:
        return pd.DataFrame(columns=ENTRY_COLUMNS)
    frame["did_not_occur"] = frame["occurrences"] == 0
    return frame[ENTRY_COLUMNS]


def write_entries(db: Database, user: User, study: Study, saved: Sequence[Entry]) -> None:
    """Write checked entries of any participants (an uploaded template); only the study's manager may."""
    if not may_manage(user, study):
        raise AccessDenied(f"{user.label} may not add entries to this study")
    _write(db, study, saved, actor=_actor(user))


def staff_accounts(db: Database, user: User, trust: str) -> list[str]:
    """Return the usernames of ``trust``'s trust staff accounts, for its manager to enrol as participants."""
    if not can(user, Action.MANAGE_STUDIES, trust):
        raise AccessDenied(f"{user.label} may not set up a study for {trust}")
    rows = db.execute(
        "SELECT username FROM users WHERE role = ? AND trust = ? AND disabled = 0 ORDER BY username",
        [Role.TRUST_STAFF.value, trust],
    ).fetchall()
    return [str(r[0]) for r in rows]


def progress(db: Database, user: User, study_id: int) -> pd.DataFrame:
    """Return, per participant code, the days recorded so far and whether they record in the app (manager only)."""
    study = get_study(db, user, study_id)
    if not may_manage(user, study):
        raise AccessDenied(f"{user.label} may not see this study's progress")
    days = dict(
        db.execute(
            "SELECT participant, count(DISTINCT day) FROM study_entries WHERE study = ? GROUP BY participant",
            [study.id],
        ).fetchall()
    )
    return pd.DataFrame(
        {
            "participant": [p.code for p in study.participants],
            "records": ["in the app" if p.username else "on the template" for p in study.participants],
            "days_recorded": [int(days.get(p.code, 0)) for p in study.participants],
            "working_days": len(working_days(study.starts, study.ends)),
        }
    )
