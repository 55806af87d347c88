"""A fingerprint of the data a report was built from, so a reader can tell two runs apart.

The fingerprint is the SHA-256 of the canonical JSON of the catalogue, the policy and (for a
scenario) its decisions, cut to 16 hex digits. Same inputs give the same fingerprint whatever the
order of the catalogue's lists; any change of content gives another.

>>> from catalogue.models import Catalogue
>>> from audit.policy import Policy
>>> fingerprint(Catalogue(), Policy()) == fingerprint(Catalogue(), Policy())
True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from audit.policy import Policy
from catalogue.models import Catalogue


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _catalogue_data(catalogue: Catalogue) -> dict[str, list[str]]:
    data = catalogue.model_dump(mode="json")
    # Lists are sets of records: sort them so load order does not change the fingerprint.
    return {name: sorted(_canonical(item) for item in items) for name, items in sorted(data.items())}


def fingerprint(catalogue: Catalogue, policy: Policy, decisions: Mapping[str, Any] | None = None) -> str:
    """Return the 16-hex-digit fingerprint of a catalogue, a policy and optional scenario decisions."""
    payload = {
        "catalogue": _catalogue_data(catalogue),
        "policy": policy.model_dump(mode="json"),
        "decisions": dict(sorted((decisions or {}).items())),
    }
    return hashlib.sha256(_canonical(payload).encode("utf-8")).hexdigest()[:16]


def display(value: str) -> str:
    """Return a fingerprint grouped in fours for reading aloud, e.g. ``3f2a-91c0-...``."""
    return "-".join(value[i : i + 4] for i in range(0, len(value), 4))
