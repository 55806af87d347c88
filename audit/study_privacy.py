"""Which of a trust's study-measured figures a viewer outside the trust may see.

Individual entries stay within their trust; outside it a figure measured by a time study is shown only when it
rests on at least :data:`audit.study_results.MIN_PARTICIPANTS_OUTSIDE_TRUST` participants (the rule the
Measured-across-trusts page and pooling apply). A smaller study's figure is shown withheld, while the trust's
totals still use it: a total sums many requirements and volumes, so no single measurement can be read from it.

Who is within the trust: its own managers and staff, and the administrator. The administrator runs the
deployment and holds the database file itself (withholding a figure on a page would protect nothing from them),
and in local mode the administrator is the only user, the trust itself. The association, the ministry reviewer
and the catalogue editor are outside every trust.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from sqlite_utils import Database

from audit.access import TRUST_ROLES, Role, User
from audit.study_results import MIN_PARTICIPANTS_OUTSIDE_TRUST
from catalogue.models import LocalMeasurement

STUDY_SOURCE = "Local measurement: time study"  # how provenance_text opens the comment of an accepted figure
_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
WITHHELD = (
    "Measured by the trust's time study; fewer than "
    f"{_WORDS.get(MIN_PARTICIPANTS_OUTSIDE_TRUST, str(MIN_PARTICIPANTS_OUTSIDE_TRUST))} participants, so the figure "
    "is shown only within the trust."
)


def within_trust(user: User, trust: str) -> bool:
    """Return whether ``user`` sees ``trust``'s study figures whatever the study's size (its own people, the
    administrator)."""
    return user.role is Role.ADMINISTRATOR or (user.role in TRUST_ROLES and user.trust == trust)


def from_study(measurement: LocalMeasurement) -> bool:
    """Return whether a local measurement was accepted from a time study (its comment names the study)."""
    return measurement.comment.startswith(STUDY_SOURCE)


def _sample_sizes(db: Database, trusts: set[str]) -> dict[tuple[str, str], int]:
    """The smallest participant count behind each (trust, requirement)'s latest accepted study figures."""
    if not trusts or not db["study_acceptances"].exists():
        return {}
    marks = ", ".join("?" for _ in trusts)
    rows = db.query(
        "SELECT s.trust, a.requirement, a.figure, a.sample_size FROM study_acceptances a JOIN studies s "
        f"ON s.id = a.study WHERE s.trust IN ({marks}) ORDER BY a.accepted_at, a.study",
        sorted(trusts),
    )
    latest: dict[tuple[str, str, str], int] = {}
    for r in rows:
        latest[(r["trust"], r["requirement"], r["figure"])] = int(r["sample_size"])
    sizes: dict[tuple[str, str], int] = {}
    for (trust, requirement, _figure), n in latest.items():
        sizes[(trust, requirement)] = min(n, sizes.get((trust, requirement), n))
    return sizes


def withheld(db: Database, user: User, measurements: Iterable[LocalMeasurement]) -> set[tuple[str, str]]:
    """Return the (trust, requirement) of the measurements ``user`` may not see: study figures of fewer than five
    participants, of a trust the user is not within.

    A study figure whose participant count cannot be found is withheld too (it cannot be shown to rest on enough).
    """
    outside = [m for m in measurements if from_study(m) and not within_trust(user, m.trust)]
    sizes = _sample_sizes(db, {m.trust for m in outside})
    return {
        (m.trust, m.requirement)
        for m in outside
        if sizes.get((m.trust, m.requirement), 0) < MIN_PARTICIPANTS_OUTSIDE_TRUST
    }


def withhold_rows(
    frame: pd.DataFrame,
    hidden: set[tuple[str, str]],
    figures: Iterable[str],
    text_column: str,
    trust: str | None = None,
) -> pd.DataFrame:
    """Return ``frame`` with the rows of ``hidden`` measurements shown withheld: their ``figures`` emptied and
    ``text_column`` saying why. The frame has a ``requirement`` column and a ``trust`` column (or ``trust``)."""
    if not hidden or frame.empty:
        return frame
    trusts = frame["trust"] if trust is None else pd.Series(trust, index=frame.index)
    mask = pd.Series([(t, r) in hidden for t, r in zip(trusts, frame["requirement"], strict=True)], index=frame.index)
    out = frame.copy()
    for column in figures:
        if pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].astype(float)
            out.loc[mask, column] = float("nan")
        else:
            out[column] = out[column].astype(object)
            out.loc[mask, column] = ""
    out[text_column] = out[text_column].astype(object)
    out.loc[mask, text_column] = WITHHELD
    return out


def withhold_history(db: Database, user: User, rows: list[dict]) -> list[dict]:
    """Return History rows with what ``user`` may not see of a trust's small-study figures withheld.

    A change of a local measurement ("Trust / requirement") whose reason or values quote a time study of fewer
    than five participants, in a trust the user is not within, keeps who and when but not the figures or text.
    """
    quoted = []
    for row in rows:
        trust, _, requirement = str(row.get("entity_id") or "").partition(" / ")
        text = " ".join(str(row.get(k) or "") for k in ("reason", "old_value", "new_value"))
        if row.get("entity") == "local_measurement" and STUDY_SOURCE in text and not within_trust(user, trust):
            quoted.append((row, trust, requirement))
    sizes = _sample_sizes(db, {trust for _, trust, _ in quoted})
    hide = {
        id(row)
        for row, trust, requirement in quoted
        if sizes.get((trust, requirement), 0) < MIN_PARTICIPANTS_OUTSIDE_TRUST
    }
    return [
        {**row, "reason": WITHHELD, "old_value": None, "new_value": None} if id(row) in hide else row for row in rows
    ]
