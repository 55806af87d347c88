"""Who may read or change what: roles, pages, commands and actions, enforced here for the app and the CLI.

>>> ann = User("ann", Role.TRUST_MANAGER, trust="Kent Probation")
>>> can(ann, Action.EDIT_LOCAL_DATA, trust="Kent Probation")
True
>>> can(ann, Action.READ_LOCAL_DATA, trust="London Probation Trust")
False

Pages and commands map onto actions, so the one matrix below decides both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from catalogue.models import Catalogue


class Role(StrEnum):
    """A user's role in the shared deployment."""

    ADMINISTRATOR = "administrator"
    CATALOGUE_EDITOR = "catalogue_editor"
    TRUST_MANAGER = "trust_manager"
    ASSOCIATION_ANALYST = "association_analyst"
    MINISTRY_REVIEWER = "ministry_reviewer"
    TRUST_STAFF = "trust_staff"


# Roles that belong to one trust and act on that trust's data only.
TRUST_ROLES = frozenset({Role.TRUST_MANAGER, Role.TRUST_STAFF})

ROLE_LABELS = {
    Role.ADMINISTRATOR: "Administrator",
    Role.CATALOGUE_EDITOR: "Catalogue editor",
    Role.TRUST_MANAGER: "Trust manager",
    Role.ASSOCIATION_ANALYST: "Association analyst",
    Role.MINISTRY_REVIEWER: "Ministry reviewer",
    Role.TRUST_STAFF: "Trust staff",
}


class Action(StrEnum):
    """Something a user does; the unit permissions are granted in."""

    READ_NATIONAL = "read national data"
    EDIT_CATALOGUE = "edit directives and requirements"
    EDIT_RELEVANCE = "edit relevance scores"
    IMPORT_DOCUMENTS = "import directive documents"
    READ_LOCAL_DATA = "read a trust's local measurements"
    EDIT_LOCAL_DATA = "record a trust's local measurements"
    EDIT_SCENARIOS = "create scenarios and accept or reject proposals in them"
    DECIDE_PROPOSALS = "decide and comment on proposals"
    PRODUCE_REPORTS = "produce reports"
    EDIT_SETTINGS = "change the policy assumptions"
    MANAGE_USERS = "manage accounts"
    MANAGE_DATA = "initialise, import, back up and restore the database"
    MANAGE_STUDIES = "set up a trust's time-recording studies, see their results and accept them"
    RECORD_TIME = "record time in a trust's open time-recording study"
    READ_POOLED_STUDIES = "see every trust's accepted study figures and the pooled figure"
    COMPARE = "compare trusts with each other and with their peers, and scenarios with each other"


# Trust staff only record their time in their trust's studies: they see nothing else.
_EVERYONE = frozenset(Role) - {Role.TRUST_STAFF}
GRANTS: dict[Action, frozenset[Role]] = {
    Action.READ_NATIONAL: _EVERYONE,
    Action.EDIT_CATALOGUE: frozenset({Role.ADMINISTRATOR, Role.CATALOGUE_EDITOR}),
    Action.EDIT_RELEVANCE: frozenset({Role.ADMINISTRATOR, Role.CATALOGUE_EDITOR}),
    Action.IMPORT_DOCUMENTS: frozenset({Role.ADMINISTRATOR, Role.CATALOGUE_EDITOR}),
    # Trust managers: their own trust only (see can()).
    Action.READ_LOCAL_DATA: _EVERYONE,
    Action.EDIT_LOCAL_DATA: frozenset({Role.ADMINISTRATOR, Role.TRUST_MANAGER}),
    Action.EDIT_SCENARIOS: frozenset({Role.ADMINISTRATOR, Role.ASSOCIATION_ANALYST, Role.MINISTRY_REVIEWER}),
    Action.DECIDE_PROPOSALS: frozenset({Role.ADMINISTRATOR, Role.MINISTRY_REVIEWER}),
    Action.PRODUCE_REPORTS: _EVERYONE,
    Action.EDIT_SETTINGS: frozenset({Role.ADMINISTRATOR}),
    Action.MANAGE_USERS: frozenset({Role.ADMINISTRATOR}),
    Action.MANAGE_DATA: frozenset({Role.ADMINISTRATOR}),
    Action.MANAGE_STUDIES: frozenset({Role.ADMINISTRATOR, Role.TRUST_MANAGER}),
    Action.RECORD_TIME: frozenset({Role.TRUST_STAFF}),
    # The association and the centre compare trusts; a trust sees only its own studies.
    Action.READ_POOLED_STUDIES: _EVERYONE - {Role.TRUST_MANAGER},
    # A trust manager compares their trust with others on the audit's figures; no one else's own measurements.
    Action.COMPARE: frozenset(
        {Role.ADMINISTRATOR, Role.TRUST_MANAGER, Role.ASSOCIATION_ANALYST, Role.MINISTRY_REVIEWER}
    ),
}
_TRUST_SCOPED = frozenset({Action.READ_LOCAL_DATA, Action.EDIT_LOCAL_DATA, Action.MANAGE_STUDIES, Action.RECORD_TIME})

# Page key -> the action that opens it.
PAGES: dict[str, Action] = {
    "overview": Action.READ_NATIONAL,
    "catalogue": Action.READ_NATIONAL,
    "trust": Action.READ_NATIONAL,
    "relevance": Action.READ_NATIONAL,
    "proposals": Action.READ_NATIONAL,
    "scenarios": Action.READ_NATIONAL,
    "review": Action.DECIDE_PROPOSALS,
    "import": Action.IMPORT_DOCUMENTS,
    "reports": Action.PRODUCE_REPORTS,
    "settings": Action.EDIT_SETTINGS,
    "users": Action.MANAGE_USERS,
    "study": Action.MANAGE_STUDIES,
    "record": Action.RECORD_TIME,
    "measured": Action.READ_POOLED_STUDIES,
    "compare": Action.COMPARE,
}

# CLI command (words before the arguments) -> the action it needs.
COMMANDS: dict[str, Action] = {
    "init": Action.MANAGE_DATA,
    "import": Action.MANAGE_DATA,
    "export": Action.READ_NATIONAL,
    "directives list": Action.READ_NATIONAL,
    "requirements search": Action.READ_NATIONAL,
    "trusts list": Action.READ_NATIONAL,
    "schema": Action.READ_NATIONAL,
    "audit": Action.READ_NATIONAL,
    "proposals": Action.READ_NATIONAL,
    "stock": Action.READ_NATIONAL,
    "scenario list": Action.READ_NATIONAL,
    "scenario show": Action.READ_NATIONAL,
    "scenario create": Action.EDIT_SCENARIOS,
    "scenario accept": Action.EDIT_SCENARIOS,
    "scenario reject": Action.EDIT_SCENARIOS,
    "extract": Action.READ_NATIONAL,
    "ingest": Action.IMPORT_DOCUMENTS,
    "drafts": Action.IMPORT_DOCUMENTS,
    "report": Action.PRODUCE_REPORTS,
    "users": Action.MANAGE_USERS,
    "history verify": Action.READ_NATIONAL,
    "backup": Action.MANAGE_DATA,
    "restore": Action.MANAGE_DATA,
    "check": Action.READ_NATIONAL,
    "serve": Action.MANAGE_DATA,
    "study create": Action.MANAGE_STUDIES,
    "study list": Action.MANAGE_STUDIES,
    "study template": Action.MANAGE_STUDIES,
    "study import": Action.MANAGE_STUDIES,
    "study results": Action.MANAGE_STUDIES,
    "study accept": Action.MANAGE_STUDIES,
    "study adopt": Action.EDIT_CATALOGUE,
    "trust-bau set": Action.EDIT_LOCAL_DATA,
    "trust-bau clear": Action.EDIT_LOCAL_DATA,
    "trust-bau list": Action.READ_LOCAL_DATA,
}


@dataclass(frozen=True)
class User:
    """The person acting: a username, a role and, for trust managers, their trust."""

    username: str
    role: Role
    trust: str | None = None
    name: str = ""

    @property
    def label(self) -> str:
        who = self.name or self.username
        where = f", {self.trust}" if self.trust else ""
        return f"{who} ({ROLE_LABELS[self.role]}{where})"


LOCAL_ADMINISTRATOR = User("local", Role.ADMINISTRATOR, name="Local administrator")


class AccessDenied(Exception):
    """The user's role does not allow this."""


def can(user: User, action: Action, trust: str | None = None) -> bool:
    """Return whether ``user`` may do ``action`` (for trust-scoped actions, on ``trust``'s local data)."""
    if user.role not in GRANTS[action]:
        return False
    if action in _TRUST_SCOPED and user.role in TRUST_ROLES:
        return trust is not None and trust == user.trust
    return True


def require_command_scope(user: User, trust: str | None, every_trust: bool = False) -> None:
    """Raise AccessDenied when a command names a trust ``user`` may not work with, or all trusts when they may not.

    A trust's own people (a trust manager, trust staff) work with their own trust only, whatever the command.
    """
    elsewhere = user.role in TRUST_ROLES and trust is not None and trust != user.trust
    if (every_trust and not may_report_every_trust(user)) or elsewhere:
        raise AccessDenied(f"{user.label} may only work with {user.trust}")


def require(user: User, action: Action, trust: str | None = None) -> None:
    """Raise AccessDenied unless ``user`` may do ``action``."""
    if not can(user, action, trust):
        scope = f" for {trust}" if trust and action in _TRUST_SCOPED else ""
        raise AccessDenied(f"{user.label} may not {action.value}{scope}")


def visible_pages(user: User) -> list[str]:
    """Return the keys of the pages ``user`` may open, in navigation order."""
    return [page for page, action in PAGES.items() if can(user, action, user.trust)]


def command_action(words: list[str]) -> Action | None:
    """Return the action a CLI command needs, matching its longest known prefix."""
    for size in (2, 1):
        key = " ".join(words[:size])
        if key in COMMANDS:
            return COMMANDS[key]
    return None


def default_trust(user: User, trusts: Sequence[str], last_chosen: str | None = None) -> str | None:
    """Return the trust a picker starts at when nothing names one: a trust manager's own, always;
    anyone else the trust they chose last (on another page), else the first."""
    if user.role == Role.TRUST_MANAGER and user.trust in trusts:
        return user.trust
    if last_chosen in trusts:
        return last_chosen
    return trusts[0] if trusts else None


def may_report_every_trust(user: User) -> bool:
    """Return whether ``user`` is offered every trust's report in one bundle (a trust manager works for one)."""
    return can(user, Action.PRODUCE_REPORTS) and local_data_scope(user) is None


def home_page(user: User) -> str:
    """Return the page ``user`` lands on after logging in: a trust manager's own trust, trust staff the recording
    page, anyone else the overview."""
    if user.role == Role.TRUST_STAFF:
        return "record"
    return "trust" if user.role == Role.TRUST_MANAGER and user.trust else "overview"


def visible_trusts_for_local_data(user: User, trusts: list[str]) -> list[str]:
    """Return the trusts whose local measurements ``user`` may see."""
    return [t for t in trusts if can(user, Action.READ_LOCAL_DATA, t)]


class UnsafeDeployment(Exception):
    """The app was asked to serve beyond this machine with no accounts to protect it."""


def is_loopback(address: str | None) -> bool:
    """True when a server bound to ``address`` is reachable from this machine only."""
    import ipaddress

    if not address:
        return False  # Streamlit's default binds every interface
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


def check_deployment(address: str | None, has_accounts: bool) -> bool:
    """Return True for local mode (no accounts, loopback only); raise UnsafeDeployment for an open server."""
    if has_accounts:
        return False
    if is_loopback(address):
        return True
    raise UnsafeDeployment(
        f"Proportion is bound to {address or 'all interfaces'} but has no accounts, so anyone who can reach it "
        "could change the data. Create an administrator first (proportion users add NAME --role administrator) "
        "or bind to 127.0.0.1."
    )


def local_data_scope(user: User) -> str | None:
    """Return the one trust whose local measurements ``user`` may see, or None when they may see every trust's."""
    return user.trust if user.role in TRUST_ROLES else None


def restrict_catalogue(catalogue: Catalogue, scope: str | None) -> Catalogue:
    """Return the catalogue as a user with this local-data scope may see it.

    Other trusts' local measurements are left out, so every figure the user is shown (their totals,
    the national picture, the benchmark) uses national estimates for those trusts and reveals nothing
    of their own measurements.
    """
    if scope is None:
        return catalogue
    visible = [m for m in catalogue.local_measurements if m.trust == scope]
    if len(visible) == len(catalogue.local_measurements):
        return catalogue
    return catalogue.model_copy(update={"local_measurements": visible})
