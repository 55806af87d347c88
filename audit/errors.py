"""Errors of the audit package: problems the user can fix, collected rather than raised one at a time.

- :class:`AuditError`: base class; the CLI prints its message on one line.
- :class:`PolicyProblems`: a policy (or a stored policy) is invalid; ``problems`` lists every bad value.
- :class:`ScenarioError`: a scenario does not exist, already exists, or a decision names nothing.
"""

from __future__ import annotations


class AuditError(Exception):
    """Base class of the audit package's user-facing errors."""


class PolicyProblems(AuditError):
    """A policy could not be built; ``problems`` holds one line per bad value."""

    def __init__(self, problems: list[str]):
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s) in the audit policy: " + "; ".join(self.problems))


class ScenarioError(AuditError):
    """A scenario operation that cannot be done (unknown or duplicate name, empty decision)."""
