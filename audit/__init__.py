"""What the requirements cost and whether they are worth it: burden, relevance, proposals, scenarios.

``audit.run_audit(catalogue, policy)`` is the one entry point (see :mod:`audit.engine`); ``audit.Policy``
holds every setting. Both are imported lazily so ``import audit.access`` stays light.
"""

from __future__ import annotations

from typing import Any

__all__ = ["AuditResult", "Policy", "run_audit"]


def __getattr__(name: str) -> Any:
    if name in ("run_audit", "AuditResult"):
        from audit import engine

        return getattr(engine, name)
    if name == "Policy":
        from audit.policy import Policy

        return Policy
    raise AttributeError(f"module 'audit' has no attribute {name!r}")
