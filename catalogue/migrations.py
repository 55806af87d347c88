"""Schema history through sqlite-utils' migrations: each migration runs once, in order, recorded by name.

Add a migration by writing a function decorated with ``@MIGRATIONS()`` at the end of this file;
never edit or rename one that has shipped. sqlite-utils records what ran in ``_sqlite_migrations``.

>>> db = Database(memory=True)
>>> migrate(db) == len(MIGRATIONS.applied(db)) > 0
True
>>> MIGRATIONS.applied(db)[0].name
'm001_catalogue'
>>> MIGRATIONS.pending(db)
[]
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("proportion")

PROVENANCE_COLUMNS = {"kind": str, "document": str, "location": str, "address": str, "rationale": str}


def _provenance(prefix: str) -> dict[str, type]:
    return {f"{prefix}__{name}": kind for name, kind in PROVENANCE_COLUMNS.items()}


def _figure(prefix: str) -> dict[str, type]:
    return {f"{prefix}__value": float, **_provenance(f"{prefix}__provenance")}


@MIGRATIONS()
def m001_catalogue(db: Database) -> None:
    """Directives, requirements, grades, trusts, outcomes, scores, local measurements, history."""
    db.table("directives").create(
        {
            "reference": str,
            "title": str,
            "type": str,
            "issuer": str,
            "issued": str,
            "effective": str,
            "expiry": str,
            "ended": str,
            "status": str,
            "cancelled_by": str,
            "legal_force": str,
            "source_address": str,
            "summary": str,
            "version": int,
        },
        pk="reference",
        not_null={"title", "type", "issuer", "status", "legal_force"},
        foreign_keys=[("cancelled_by", "directives", "reference")],
        defaults={"version": 1, "summary": ""},
    )
    db.table("directive_supersessions").create(
        {"directive": str, "supersedes": str},
        pk=("directive", "supersedes"),
        foreign_keys=[("directive", "directives", "reference"), ("supersedes", "directives", "reference")],
    )
    db.table("staff_grades").create(
        {
            "code": str,
            "name": str,
            "annual_salary_gbp": float,
            "on_cost_pct": float,
            "productive_hours_per_year": float,
            **_provenance("provenance"),
            "version": int,
        },
        pk="code",
        not_null={"name", "annual_salary_gbp", "on_cost_pct", "productive_hours_per_year"},
        defaults={"version": 1},
    )
    db.table("requirements").create(
        {
            "id": str,
            "directive": str,
            "paragraph": str,
            "text": str,
            "modality": str,
            "actor": str,
            "purpose": str,
            "activity": str,
            "driver": str,
            "occurrences_per_unit": float,
            "frequency_text": str,
            **_provenance("frequency_provenance"),
            "minutes_low": float,
            "minutes_central": float,
            "minutes_high": float,
            **_provenance("minutes_provenance"),
            "grade": str,
            "statutory_basis": str,
            "public_protection_critical": int,
            "version": int,
        },
        pk="id",
        not_null={"directive", "text", "modality", "actor", "purpose", "activity", "driver", "grade"},
        foreign_keys=[("directive", "directives", "reference"), ("grade", "staff_grades", "code")],
        defaults={"version": 1, "public_protection_critical": 0},
    )
    db.table("trusts").create(
        {
            "name": str,
            "region": str,
            **_figure("caseload"),
            **_figure("commencements"),
            **_figure("reports"),
            **_figure("budget_gbp"),
            **_provenance("staff_provenance"),
            "version": int,
        },
        pk="name",
        not_null={"region"},
        defaults={"version": 1},
    )
    db.table("trust_staff").create(
        {"trust": str, "grade": str, "fte": float},
        pk=("trust", "grade"),
        foreign_keys=[("trust", "trusts", "name"), ("grade", "staff_grades", "code")],
    )
    db.table("outcomes").create(
        {"key": str, "name": str, "weight": float, "description": str}, pk="key", not_null={"name", "weight"}
    )
    db.table("relevance_scores").create(
        {"requirement": str, "outcome": str, "score": int, "rationale": str, "scorer": str, "scored_on": str},
        pk=("requirement", "outcome"),
        foreign_keys=[("requirement", "requirements", "id"), ("outcome", "outcomes", "key")],
    )
    db.table("local_measurements").create(
        {
            "trust": str,
            "requirement": str,
            "minutes": float,
            "occurrences_per_year": float,
            "comment": str,
            "recorded_by": str,
            "recorded_on": str,
            "version": int,
        },
        pk=("trust", "requirement"),
        foreign_keys=[("trust", "trusts", "name"), ("requirement", "requirements", "id")],
        defaults={"version": 1},
    )
    for table, columns in {
        "requirements": [["directive"], ["activity"], ["purpose"], ["driver"], ["grade"], ["modality"]],
        "directives": [["status"], ["type"], ["issuer"]],
        "relevance_scores": [["outcome"]],
        "local_measurements": [["requirement"]],
        "trust_staff": [["grade"]],
        "directive_supersessions": [["supersedes"]],
    }.items():
        for cols in columns:
            db.table(table).create_index(cols, if_not_exists=True)
    db.table("requirements").enable_fts(["text", "actor", "frequency_text", "paragraph"], create_triggers=True)
    db.table("directives").enable_fts(["reference", "title", "summary"], create_triggers=True)

    db.table("settings").create({"key": str, "value": str, "updated_by": str, "updated_at": str}, pk="key")
    db.table("history").create(
        {
            "id": int,
            "at": str,
            "actor": str,
            "entity": str,
            "entity_id": str,
            "action": str,
            "old_value": str,
            "new_value": str,
            "reason": str,
            "prev_hash": str,
            "hash": str,
        },
        pk="id",
        not_null={"at", "actor", "entity", "entity_id", "action", "hash"},
    )
    db.table("history").create_index(["entity", "entity_id"])


@MIGRATIONS()
def m002_scenarios_and_review(db: Database) -> None:
    """Scenarios (sets of proposals accepted or rejected) and reviewers' decisions."""
    db.table("scenarios").create(
        {"name": str, "description": str, "created_by": str, "created_at": str, "version": int},
        pk="name",
        defaults={"version": 1, "description": ""},
    )
    db.table("scenario_proposals").create(
        {
            "scenario": str,
            "proposal_id": str,
            "decision": str,
            "decided_by": str,
            "decided_at": str,
        },
        pk=("scenario", "proposal_id"),
        foreign_keys=[("scenario", "scenarios", "name")],
        not_null={"decision"},
    )
    db.table("reviews").create(
        {
            "id": int,
            "proposal_id": str,
            "scenario": str,
            "decision": str,
            "comment": str,
            "reviewer": str,
            "decided_at": str,
        },
        pk="id",
        foreign_keys=[("scenario", "scenarios", "name")],
        not_null={"proposal_id", "decision", "reviewer", "decided_at"},
    )
    db.table("reviews").create_index(["proposal_id"])


@MIGRATIONS()
def m003_drafts(db: Database) -> None:
    """Documents read for extraction and the draft requirements awaiting review."""
    db.table("documents").create(
        {
            "id": int,
            "name": str,
            "format": str,
            "sha256": str,
            "size": int,
            "reference": str,
            "title": str,
            "header": str,  # JSON: every header field read (dates, audience, cancellations ...)
            "status": str,  # pending | accepted | rejected
            "read_by": str,
            "read_at": str,
            "decided_by": str,
            "decided_at": str,
        },
        pk="id",
        not_null={"name", "format", "status"},
        defaults={"status": "pending"},
    )
    db.table("drafts").create(
        {
            "id": int,
            "document": int,
            "position": int,
            "location": str,
            "paragraph": str,
            "kind": str,
            "text": str,
            "lead_in": str,
            "modality": str,
            "actor": str,
            "on_regulated": int,
            "timescale": str,
            "frequency": str,
            "frequency_per_year": float,
            "deadline": str,
            "activity": str,
            "driver": str,
            "references": str,  # JSON list of directive references
            "confidence": float,
            "twin_id": str,
            "twin_score": float,
            "status": str,  # pending | accepted | rejected
            "requirement_id": str,
            "decided_by": str,
            "decided_at": str,
            "note": str,
            "version": int,
        },
        pk="id",
        not_null={"document", "text", "modality", "actor", "status"},
        foreign_keys=[("document", "documents", "id")],
        defaults={"status": "pending", "version": 1},
    )
    db.table("drafts").create_index(["document", "position"])
    db.table("drafts").create_index(["status"])
    db.table("documents").create_index(["sha256"])


@MIGRATIONS()
def m004_accounts(db: Database) -> None:
    """Local accounts for the shared app: role, trust, bcrypt hash, lock-out state."""
    db.table("users").create(
        {
            "username": str,
            "name": str,
            "email": str,
            "role": str,
            "trust": str,
            "password_hash": str,
            "disabled": int,
            "failed_attempts": int,
            "locked_until": str,
            "created_at": str,
            "version": int,
        },
        pk="username",
        not_null={"role", "disabled", "failed_attempts"},
        foreign_keys=[("trust", "trusts", "name")],
        defaults={"disabled": 0, "failed_attempts": 0, "version": 1, "name": "", "email": ""},
    )
    db.table("users").create_index(["email"])
    # The history is append-only: the database itself refuses to change or delete an entry.
    db.execute(
        "CREATE TRIGGER IF NOT EXISTS history_no_update BEFORE UPDATE ON history "
        "BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER IF NOT EXISTS history_no_delete BEFORE DELETE ON history "
        "BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END"
    )


@MIGRATIONS()
def m005_sessions(db: Database) -> None:
    """Login sessions of the web app: a hash of each browser's token, so a reload keeps the login."""
    db.table("sessions").create(
        {"token_hash": str, "username": str, "created_at": str, "last_seen": str, "ended": int},
        pk="token_hash",
        foreign_keys=[("username", "users", "username")],
        not_null={"username", "created_at", "last_seen", "ended"},
        defaults={"ended": 0},
    )
    db.table("sessions").create_index(["username"])


@MIGRATIONS()
def m006_requirement_kind_bau_counted_in(db: Database) -> None:
    """Requirements say what kind of work they are, the share done anyway, and where else their work is counted."""
    table = db.table("requirements")
    table.add_column("kind_of_work", str, not_null_default="administrative")
    table.add_column("bau_share", float, not_null_default=0.0)
    for column, kind in _provenance("bau_provenance").items():
        table.add_column(column, kind)
    table.add_column("counted_in", str)
    table.add_column("counted_in_reason", str)


@MIGRATIONS()
def m007_time_studies(db: Database) -> None:
    """Time-recording studies a trust runs: the study, its participants, what they recorded and what was accepted."""
    db.table("studies").create(
        {
            "id": int,
            "trust": str,
            "title": str,
            "starts": str,
            "ends": str,
            "requirements": str,  # JSON list of requirement ids
            "grades": str,  # JSON list of grade codes
            "working_days_per_year": float,
            "status": str,
            "created_by": str,
            "created_at": str,
        },
        pk="id",
        not_null={"trust", "title", "starts", "ends", "requirements", "grades", "status"},
        foreign_keys=[("trust", "trusts", "name")],
        defaults={"status": "open"},
    )
    db.table("study_participants").create(
        {"study": int, "code": str, "username": str},
        pk=("study", "code"),
        foreign_keys=[("study", "studies", "id"), ("username", "users", "username")],
        not_null={"study", "code"},
    )
    db.table("study_entries").create(
        {
            "study": int,
            "participant": str,
            "day": str,
            "requirement": str,
            "occurrences": int,
            "minutes": float,
            "recorded_by": str,
            "recorded_at": str,
        },
        pk=("study", "participant", "day", "requirement"),
        foreign_keys=[("study", "studies", "id")],
        not_null={"study", "participant", "day", "requirement", "occurrences", "minutes"},
    )
    db.table("study_acceptances").create(
        {
            "study": int,
            "requirement": str,
            "figure": str,
            "value": float,
            "low": float,
            "high": float,
            "sample_size": int,
            "method": str,
            "accepted_by": str,
            "accepted_at": str,
        },
        pk=("study", "requirement", "figure"),
        foreign_keys=[("study", "studies", "id")],
    )


@MIGRATIONS()
def m008_cost_model_figures(db: Database) -> None:
    """Compliance rates, out-of-pocket and one-off costs of requirements; tariffs that include overheads."""
    table = db.table("requirements")
    table.add_column("compliance_rate", float, not_null_default=1.0)
    for prefix in ("compliance_provenance", "out_of_pocket_provenance", "one_off_provenance"):
        for column, kind in _provenance(prefix).items():
            table.add_column(column, kind)
    table.add_column("out_of_pocket_gbp", float, not_null_default=0.0)
    table.add_column("one_off_minutes", float, not_null_default=0.0)
    table.add_column("one_off_out_of_pocket_gbp", float, not_null_default=0.0)
    db.table("staff_grades").add_column("tariff_includes_overheads", int, not_null_default=0)


@MIGRATIONS()
def m009_statutory_basis_source(db: Database) -> None:
    """The source of a requirement's statutory basis (the Act's section and its address)."""
    table = db.table("requirements")
    for column, kind in _provenance("statutory_basis_provenance").items():
        table.add_column(column, kind)


@MIGRATIONS()
def m010_activities_and_drivers(db: Database) -> None:
    """The activities a requirement is made of, each with its grade; drivers defined as data, with trust volumes."""
    db.table("activities").create(
        {
            "requirement": str,
            "id": str,
            "activity": str,
            "description": str,
            "minutes_low": float,
            "minutes_central": float,
            "minutes_high": float,
            "grade": str,
            **_provenance("minutes_provenance"),
        },
        pk=("requirement", "id"),
        not_null={"activity", "minutes_low", "minutes_central", "minutes_high", "grade"},
        foreign_keys=[("requirement", "requirements", "id"), ("grade", "staff_grades", "code")],
        defaults={"description": ""},
    )
    db.table("drivers").create(
        {"key": str, "name": str, "unit": str, "description": str},
        pk="key",
        not_null={"name", "unit"},
        defaults={"description": ""},
    )
    db.table("driver_volumes").create(
        {"trust": str, "driver": str, "volume": float, **_provenance("provenance")},
        pk=("trust", "driver"),
        not_null={"volume"},
        foreign_keys=[("trust", "trusts", "name"), ("driver", "drivers", "key")],
    )
    db.table("activities").create_index(["grade"], if_not_exists=True)
    db.table("driver_volumes").create_index(["driver"], if_not_exists=True)


@MIGRATIONS()
def m011_local_measurement_intervals(db: Database) -> None:
    """A trust's figure measured in a time study keeps the study's 95% interval."""
    table = db.table("local_measurements")
    for column in ("minutes_low", "minutes_high", "occurrences_per_year_low", "occurrences_per_year_high"):
        table.add_column(column, float)


@MIGRATIONS()
def m012_local_business_as_usual(db: Database) -> None:
    """A trust's own business-as-usual share for a requirement, replacing the requirement's in that trust."""
    db.table("local_measurements").add_column("bau_share", float)


@MIGRATIONS()
def m013_local_business_as_usual_source(db: Database) -> None:
    """The source of a trust's own business-as-usual share; a share saved before one was asked for says so."""
    db.table("local_measurements").add_column("bau_source", str)
    db.execute(
        "UPDATE local_measurements SET bau_source = ? WHERE bau_share IS NOT NULL",
        [NO_SOURCE_RECORDED],
    )


# What the source of a trust's share saved before sources were asked for says (kept, so nothing is lost).
NO_SOURCE_RECORDED = "no source was recorded: the share was saved before the source of a trust's share was asked for"


def migrate(db: Database) -> int:
    """Bring the schema up to date in one transaction; return how many migrations the database has had."""
    if not MIGRATIONS.pending(db):
        return len(MIGRATIONS.applied(db))
    # Take the write lock first, then look again: two processes opening a new file at once must not
    # both run the same migration. sqlite-utils nests each migration inside as a savepoint.
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        _adopt_user_version(db)
        MIGRATIONS.apply(db)
        applied = len(MIGRATIONS.applied(db))
        # Kept in step so that an older release, which reads only user_version, leaves the file alone.
        db.execute(f"PRAGMA user_version = {int(applied)}")
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.execute("COMMIT")
    return applied


def _counted_by_user_version(db: Database) -> bool:
    """Whether this file was made before sqlite-utils' migrations: user_version set, nothing recorded."""
    return (
        not db.table(MIGRATIONS.migrations_table).exists() and int(db.execute("PRAGMA user_version").fetchone()[0]) > 0
    )


def _adopt_user_version(db: Database) -> None:
    """Record as applied the migrations an earlier release counted in ``PRAGMA user_version``.

    Releases before the move to sqlite-utils ran the same migrations, in the same order, and counted
    them in user_version; their tables already exist, so those migrations must not run again.
    """
    if not _counted_by_user_version(db):
        return
    done = int(db.execute("PRAGMA user_version").fetchone()[0])
    MIGRATIONS.ensure_migrations_table(db)
    db.table(MIGRATIONS.migrations_table).insert_all(
        {"migration_set": MIGRATIONS.name, "name": name, "applied_at": "counted in user_version by an earlier release"}
        for name in PREVIOUS_RELEASE_ORDER[:done]
    )


# The migrations as the releases that counted them in user_version ran them (never reorder).
PREVIOUS_RELEASE_ORDER = (
    "m001_catalogue",
    "m002_scenarios_and_review",
    "m003_drafts",
    "m004_accounts",
    "m005_sessions",
)
