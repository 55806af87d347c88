"""The catalogue as the app's tables: directives and requirements side by side, and scores by requirement.

The Catalogue and Relevance pages show these; ``app_pages._cache`` only caches them.
"""

from __future__ import annotations

import pandas as pd
from sqlite_utils import Database

from audit.burden import frames
from catalogue.models import Catalogue, RelevanceScore, Requirement
from catalogue.store import search_requirements

# The directive columns a requirement row carries, renamed where a requirement has a column of that name.
DIRECTIVE_COLUMNS = {
    "title": "directive_title",
    "type": "directive_type",
    "issuer": "issuer",
    "status": "directive_status",
    "legal_force": "legal_force",
}


def basis_label(is_estimate: bool) -> str:
    """Return what a figure rests on, as lists show it: "estimate" when it (or any input) is one, else "sourced"."""
    return "estimate" if is_estimate else "sourced"


def figures_basis(requirement: Requirement) -> str:
    """Return what a requirement's figures rest on, as lists show it (:func:`basis_label`)."""
    return basis_label(requirement.is_estimate)


def catalogue_tables(catalogue: Catalogue) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (directives, requirements) as DataFrames for browsing the catalogue.

    Directives gain what cancelled them, what they supersede and their source address; each requirement
    carries its directive's title, type, issuer, status and legal force, and its ``basis``
    (:func:`figures_basis`).
    """
    f = frames(catalogue)
    directives = f.directives.assign(
        cancelled_by=[d.cancelled_by for d in catalogue.directives],
        supersedes=["; ".join(d.supersedes) for d in catalogue.directives],
        source_address=[d.source_address for d in catalogue.directives],
    )
    attributes = directives.set_index("reference")[list(DIRECTIVE_COLUMNS)].rename(columns=DIRECTIVE_COLUMNS)
    requirements = f.requirements.join(attributes, on="directive")
    requirements["basis"] = [figures_basis(r) for r in catalogue.requirements]
    return directives, requirements


def scores_by_requirement(catalogue: Catalogue) -> dict[str, dict[str, RelevanceScore]]:
    """Return the relevance scores by requirement id, then outcome key."""
    out: dict[str, dict[str, RelevanceScore]] = {}
    for score in catalogue.relevance_scores:
        out.setdefault(score.requirement, {})[score.outcome] = score
    return out


def search_ids(db: Database, query: str) -> list[str]:
    """Return the ids of the requirements matching a full-text query, best match first."""
    return [r.id for r in search_requirements(db, query)]
