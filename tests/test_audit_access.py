"""The role matrix: every role against every page and every command, and trust managers kept to their trust."""

from __future__ import annotations

import pytest

from audit.access import (
    COMMANDS,
    PAGES,
    AccessDenied,
    Action,
    Role,
    User,
    can,
    command_action,
    require,
    visible_pages,
)

KENT = "Kent Probation Trust"
LONDON = "London Probation Trust"
USERS = {
    Role.ADMINISTRATOR: User("root", Role.ADMINISTRATOR),
    Role.CATALOGUE_EDITOR: User("ed", Role.CATALOGUE_EDITOR),
    Role.TRUST_MANAGER: User("tm", Role.TRUST_MANAGER, trust=KENT),
    Role.ASSOCIATION_ANALYST: User("an", Role.ASSOCIATION_ANALYST),
    Role.MINISTRY_REVIEWER: User("rv", Role.MINISTRY_REVIEWER),
    Role.TRUST_STAFF: User("ts", Role.TRUST_STAFF, trust=KENT),
}
COMMON = ["overview", "catalogue", "trust", "relevance", "proposals", "scenarios", "reports"]
EXPECTED_PAGES = {
    Role.ADMINISTRATOR: [p for p in PAGES if p != "record"],
    Role.CATALOGUE_EDITOR: [*COMMON[:6], "import", "reports", "measured"],
    Role.TRUST_MANAGER: [*COMMON, "study", "compare"],
    Role.ASSOCIATION_ANALYST: [*COMMON, "measured", "compare"],
    Role.MINISTRY_REVIEWER: [*COMMON[:6], "review", "reports", "measured", "compare"],
    # Trust staff record their time in their own trust's studies and see nothing else.
    Role.TRUST_STAFF: ["record"],
}
# Every role but trust staff, who use the recording page only.
READERS = set(Role) - {Role.TRUST_STAFF}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_exactly_its_pages(role):
    assert visible_pages(USERS[role]) == EXPECTED_PAGES[role]


# command -> roles allowed to run it
COMMAND_MATRIX = {
    "init": {Role.ADMINISTRATOR},
    "import": {Role.ADMINISTRATOR},
    "backup": {Role.ADMINISTRATOR},
    "restore": {Role.ADMINISTRATOR},
    "users": {Role.ADMINISTRATOR},
    "serve": {Role.ADMINISTRATOR},
    "ingest": {Role.ADMINISTRATOR, Role.CATALOGUE_EDITOR},
    "drafts": {Role.ADMINISTRATOR, Role.CATALOGUE_EDITOR},
    "scenario create": {Role.ADMINISTRATOR, Role.ASSOCIATION_ANALYST, Role.MINISTRY_REVIEWER},
    "scenario accept": {Role.ADMINISTRATOR, Role.ASSOCIATION_ANALYST, Role.MINISTRY_REVIEWER},
    "scenario reject": {Role.ADMINISTRATOR, Role.ASSOCIATION_ANALYST, Role.MINISTRY_REVIEWER},
    **{
        f"study {action}": {Role.ADMINISTRATOR, Role.TRUST_MANAGER}
        for action in ("create", "list", "template", "import", "results", "accept")
    },
    "study adopt": {Role.ADMINISTRATOR, Role.CATALOGUE_EDITOR},  # a pooled figure becomes the national one
    "trust-bau set": {Role.ADMINISTRATOR, Role.TRUST_MANAGER},  # a trust's own share, as on the Trust page
    "trust-bau clear": {Role.ADMINISTRATOR, Role.TRUST_MANAGER},
    "trust-bau list": READERS,
    **{
        c: READERS
        for c in (
            "export",
            "directives list",
            "requirements search",
            "trusts list",
            "schema",
            "audit",
            "proposals",
            "stock",
            "scenario list",
            "scenario show",
            "extract",
            "report",
            "history verify",
            "check",
        )
    },
}


def test_the_matrix_covers_every_command():
    assert set(COMMAND_MATRIX) == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMAND_MATRIX))
@pytest.mark.parametrize("role", list(Role))
def test_each_role_against_each_command(command, role):
    action = command_action(command.split())
    user = USERS[role]  # the CLI checks a trust-scoped command for the user's own trust unless one is named
    assert can(user, action, user.trust) == (role in COMMAND_MATRIX[command])


@pytest.mark.parametrize("role", list(Role))
def test_local_data_of_another_trust_is_hidden_from_trust_managers_only(role):
    user = USERS[role]
    assert can(user, Action.READ_LOCAL_DATA, trust=LONDON) == (role not in {Role.TRUST_MANAGER, Role.TRUST_STAFF})
    writers = {Role.ADMINISTRATOR}
    assert can(user, Action.EDIT_LOCAL_DATA, trust=LONDON) == (role in writers)


def test_a_trust_manager_reads_and_writes_their_own_trust():
    tm = USERS[Role.TRUST_MANAGER]
    assert can(tm, Action.READ_LOCAL_DATA, trust=KENT) and can(tm, Action.EDIT_LOCAL_DATA, trust=KENT)
    with pytest.raises(AccessDenied, match="London"):
        require(tm, Action.EDIT_LOCAL_DATA, trust=LONDON)


def test_analysts_cannot_change_trust_data_and_reviewers_decide():
    assert not can(USERS[Role.ASSOCIATION_ANALYST], Action.EDIT_LOCAL_DATA, trust=KENT)
    assert can(USERS[Role.MINISTRY_REVIEWER], Action.DECIDE_PROPOSALS)
    assert not can(USERS[Role.ASSOCIATION_ANALYST], Action.DECIDE_PROPOSALS)
    assert not can(USERS[Role.TRUST_MANAGER], Action.EDIT_CATALOGUE)


@pytest.mark.parametrize("address", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_local_mode_needs_a_loopback_address(address):
    from audit.access import check_deployment

    assert check_deployment(address, has_accounts=False) is True
    assert check_deployment(address, has_accounts=True) is False


@pytest.mark.parametrize("address", ["0.0.0.0", "192.168.1.10", "", None, "example.org"])
def test_an_open_server_without_accounts_refuses_to_start(address):
    from audit.access import UnsafeDeployment, check_deployment

    with pytest.raises(UnsafeDeployment, match="users add"):
        check_deployment(address, has_accounts=False)
    assert check_deployment(address, has_accounts=True) is False


def test_a_trust_manager_sees_no_other_trusts_local_measurements():
    from audit.access import local_data_scope, restrict_catalogue
    from tests.factories import small_catalogue

    catalogue = small_catalogue()
    other = catalogue.local_measurements[0].model_copy(update={"trust": "Beta Probation Trust"})
    catalogue.local_measurements.append(other)
    alpha = User("a", Role.TRUST_MANAGER, trust="Alpha Probation Trust")
    seen = restrict_catalogue(catalogue, local_data_scope(alpha))
    assert {m.trust for m in seen.local_measurements} == {"Alpha Probation Trust"}
    assert restrict_catalogue(catalogue, local_data_scope(USERS[Role.ASSOCIATION_ANALYST])) is catalogue
    assert len(catalogue.local_measurements) == 2  # the original is untouched


def test_a_trust_manager_starts_at_their_own_trust_and_is_not_offered_every_trust() -> None:
    from audit.access import default_trust, home_page, may_report_every_trust

    trusts = [LONDON, KENT]
    manager = USERS[Role.TRUST_MANAGER]
    assert default_trust(manager, trusts) == KENT and home_page(manager) == "trust"
    assert not may_report_every_trust(manager)
    for role in set(Role) - {Role.TRUST_MANAGER, Role.TRUST_STAFF}:
        assert default_trust(USERS[role], trusts) == LONDON and home_page(USERS[role]) == "overview"
        assert may_report_every_trust(USERS[role])
    assert default_trust(manager, []) is None
    assert default_trust(manager, trusts, last_chosen=LONDON) == KENT  # a look at another trust is not a new home
    assert default_trust(USERS[Role.ASSOCIATION_ANALYST], [KENT, LONDON], last_chosen=LONDON) == LONDON


def test_trust_staff_land_on_the_recording_page_and_record_for_their_own_trust_only() -> None:
    from audit.access import home_page, local_data_scope

    staff = USERS[Role.TRUST_STAFF]
    assert home_page(staff) == "record" and local_data_scope(staff) == KENT
    assert can(staff, Action.RECORD_TIME, trust=KENT) and not can(staff, Action.RECORD_TIME, trust=LONDON)
    assert not can(staff, Action.READ_NATIONAL) and not can(staff, Action.MANAGE_STUDIES, trust=KENT)
    manager = USERS[Role.TRUST_MANAGER]
    assert can(manager, Action.MANAGE_STUDIES, trust=KENT) and not can(manager, Action.MANAGE_STUDIES, trust=LONDON)
    assert not can(manager, Action.RECORD_TIME, trust=KENT)


def test_a_command_naming_another_trust_is_refused_for_a_trusts_own_people():
    from audit.access import AccessDenied, require_command_scope

    manager = USERS[Role.TRUST_MANAGER]
    require_command_scope(manager, manager.trust)
    require_command_scope(manager, None)
    with pytest.raises(AccessDenied, match="may only work with"):
        require_command_scope(manager, "Somewhere Else Probation Trust")
    with pytest.raises(AccessDenied):
        require_command_scope(manager, None, every_trust=True)
    require_command_scope(USERS[Role.ADMINISTRATOR], "Somewhere Else Probation Trust", every_trust=True)
