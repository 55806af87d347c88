"""Every Streamlit cache of the app, keyed on the database path and a cheap data version.

Pages call :func:`load` once per script run: it opens the database (cheap, one connection per run:
SQLite connections must not be shared between Streamlit's session threads) and reads its data version,
a fingerprint that changes on every save (the last history entry, the reviews and the scenario
decisions). Cached results are keyed on ``(path, version)``, so any save invalidates them and
nothing else does.

The loaded :class:`Catalogue` is cached with ``st.cache_resource`` (shared, never copied): unpickling
10,000 requirements from ``st.cache_data`` costs about a second per rerun. Pages must treat it as
read-only. Audit results are DataFrames and cheap to copy, so they use ``st.cache_data``.

This module only caches: every table and chart is built by a library function (``reports.catalogue_view``,
``reports.burden_view``, ``reports.policy_view``, ``reports.page_charts``, ``audit.*``) that tests call directly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st
from sqlite_utils import Database

from audit import rollups, stock
from audit.access import restrict_catalogue
from audit.burden import Burden
from audit.engine import AuditResult, run_audit
from audit.evidence import estimated_hours_share as _share_on_estimates
from audit.policy import Policy, load_policy
from audit.review import Decision, contested_requirements, decisions
from audit.scenarios import Scenario, ScenarioResult, evaluate_scenario, list_scenarios
from audit.summary import AuditSummary, audit_summary
from catalogue.models import Catalogue, RelevanceScore
from catalogue.store import load_catalogue, open_db
from reports import burden_view, catalogue_view, comparison, page_charts, policy_view

if TYPE_CHECKING:  # annotations only: every table is shaped in reports/, this module only caches
    import pandas as pd

DB_ENV = "PROPORTION_DB"
DEFAULT_DB = "proportion.db"
ENTRIES = 4  # versions kept per cached function: the current one plus a few a concurrent session may still use

_VERSION_SQL = """
SELECT
  (SELECT coalesce(max(id), 0) FROM history),
  (SELECT coalesce(max(id), 0) FROM reviews),
  (SELECT count(*) || ':' || coalesce(group_concat(scenario || '|' || proposal_id || '|' || decision, ';'), '')
     FROM scenario_proposals),
  (SELECT count(*) FROM scenarios)
"""


def db_path() -> str:
    """Return the database the app uses (``PROPORTION_DB``, default ``proportion.db``)."""
    return os.environ.get(DB_ENV, DEFAULT_DB)


def data_version(db: Database) -> str:
    """Return a fingerprint of the data that changes whenever anything is saved."""
    return "/".join(map(str, db.execute(_VERSION_SQL).fetchone()))


@dataclass(frozen=True)
class Data:
    """What a page needs for one script run: the open database and the key of every cached result."""

    db: Database
    path: str
    version: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.path, self.version)


SCOPE_ALL = "*"


def load() -> Data:
    """Open the database for this script run and read its data version.

    The version ends with the current user's local-data scope, so a trust manager's cached results are
    computed without other trusts' local measurements and never shared with other users.
    """
    from app_pages._state import current_user
    from audit.access import local_data_scope

    path = db_path()
    db = open_db(path)
    scope = local_data_scope(current_user()) or SCOPE_ALL
    return Data(db=db, path=path, version=f"{data_version(db)}|{scope}")


def _scope(version: str) -> str | None:
    """Return the trust whose local data the version's user may see (``None``: every trust's)."""
    scope = version.rsplit("|", 1)[-1]
    return None if scope == SCOPE_ALL else scope


# --- cached loaders: every argument is part of the key -----------------------------------------


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
def _catalogue(path: str, version: str) -> Catalogue:
    return restrict_catalogue(load_catalogue(open_db(path)), _scope(version))


def catalogue(data: Data) -> Catalogue:
    """Return the whole catalogue (shared between sessions: read-only)."""
    return _catalogue(*data.key)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _policy(path: str, version: str) -> Policy:
    return load_policy(open_db(path))


def policy(data: Data) -> Policy:
    """Return the audit policy in force (stored settings, else the defaults)."""
    return _policy(*data.key)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _policy_table(path: str, version: str) -> pd.DataFrame:
    return policy_view.policy_table(_policy(path, version), _catalogue(path, version))


def policy_table(data: Data) -> pd.DataFrame:
    """Return one row per policy setting with its value and source."""
    return _policy_table(*data.key)


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
def _audit(path: str, version: str) -> AuditResult:
    return run_audit(_catalogue(path, version), _policy(path, version))


def audit(data: Data) -> AuditResult:
    """Return the whole audit (burden, roll-ups, relevance, proposals) of the current data (read-only)."""
    return _audit(*data.key)


def _burden(path: str, version: str) -> Burden:
    return _audit(path, version).burden


def burden(data: Data) -> Burden:
    """Return the Standard Cost Model burden of every requirement in force in every trust (read-only)."""
    return _burden(*data.key)


def clear() -> None:
    """Forget every cached result (tests; the data version makes this unnecessary in the app)."""
    st.cache_data.clear()
    st.cache_resource.clear()


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _catalogue_tables(path: str, version: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    return catalogue_view.catalogue_tables(_catalogue(path, version))


def catalogue_tables(data: Data) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (directives, requirements) as DataFrames; requirements carry their directive's type, status, issuer."""
    return _catalogue_tables(*data.key)


@st.cache_data(max_entries=64, show_spinner=False)
def _search(path: str, version: str, query: str) -> list[str]:
    return catalogue_view.search_ids(open_db(path), query)


def search(data: Data, query: str) -> list[str]:
    """Return the ids of requirements matching a full-text query, best first."""
    return _search(*data.key, query.strip())


# --- audit results (views of the cached AuditResult; no copies) -------------------------------------


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _through_time(path: str, version: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict]:
    return page_charts.through_time(_catalogue(path, version), _policy(path, version))


def through_time(data: Data) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict]:
    """Return the burden at every quarter-end 2005-2014 (national, by trust, directive changes) and its chart."""
    return _through_time(*data.key)


def national(data: Data) -> dict:
    """Return the national totals (``audit.rollups.national``)."""
    return audit(data).national


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _summary(path: str, version: str) -> AuditSummary:
    return audit_summary(_audit(path, version))


def summary(data: Data) -> AuditSummary:
    """Return the typed national and per-trust summary, intervals included (``audit.summary.audit_summary``)."""
    return _summary(*data.key)


@st.cache_data(max_entries=ENTRIES * 4, show_spinner=False)
def _estimated_hours_share(path: str, version: str, trust: str | None) -> float | None:
    return _share_on_estimates(_burden(path, version), trust)


def estimated_hours_share(data: Data, trust: str | None = None) -> float | None:
    """Return the share of central hours resting on an estimate, nationally or in one trust (``audit.evidence``)."""
    return _estimated_hours_share(*data.key, trust)


def by_dimension(data: Data, dimension: str) -> pd.DataFrame:
    """Return the national burden by one attribute, or by ``"outcome"`` (``audit.rollups``)."""
    return audit(data).by_dimension[dimension]


def by_trust(data: Data) -> pd.DataFrame:
    """Return one row per trust with its burden and ratios (``audit.rollups.by_trust``)."""
    return audit(data).by_trust


def relevance_table(data: Data) -> pd.DataFrame:
    """Return each requirement in force's outcome scores and composite (``audit.relevance.relevance``)."""
    return audit(data).relevance


def purpose_view(data: Data) -> pd.DataFrame:
    """Return hours by purpose per trust and nationally (``audit.relevance.purpose_view``)."""
    return audit(data).purpose_view


def proposals(data: Data) -> pd.DataFrame:
    """Return the ranked proposals (``audit.proposals.make_proposals``)."""
    return audit(data).proposals


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _stock_and_flow(path: str, version: str) -> pd.DataFrame:
    return stock.stock_and_flow(_catalogue(path, version))


def stock_and_flow(data: Data) -> pd.DataFrame:
    """Return requirements in force, added and removed per financial year."""
    return _stock_and_flow(*data.key)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _requirement_burden(path: str, version: str) -> pd.DataFrame:
    return burden_view.requirement_burden(_audit(path, version))


def requirement_burden(data: Data) -> pd.DataFrame:
    """Return ``Burden.requirements`` (national figures per requirement in force) with the relevance composite."""
    return _requirement_burden(*data.key)


@st.cache_data(max_entries=ENTRIES * 8, show_spinner=False)
def _trust_table(path: str, version: str, trust: str) -> pd.DataFrame:
    return burden_view.trust_table(_burden(path, version), trust)


def trust_table(data: Data, trust: str) -> pd.DataFrame:
    """Return one row per requirement in force for one trust (``audit.burden.burden_table`` with text,
    purpose, activity and directive type)."""
    return _trust_table(*data.key, trust)


@st.cache_data(max_entries=ENTRIES * 4, show_spinner=False)
def _benchmark(path: str, version: str, metric: str) -> pd.DataFrame:
    return rollups.benchmark(_audit(path, version).by_trust, metric)


def benchmark(data: Data, metric: str) -> pd.DataFrame:
    """Return each trust's ``metric`` with its rank and the cross-trust median (``audit.rollups.benchmark``)."""
    return _benchmark(*data.key, metric)


@st.cache_data(max_entries=ENTRIES * 8, show_spinner=False)
def _scenario_result(path: str, version: str, accepted: tuple[str, ...]) -> ScenarioResult:
    return evaluate_scenario(_audit(path, version), list(accepted))


def scenario_result(data: Data, accepted: list[str]) -> ScenarioResult:
    """Return the burden before and after accepting ``accepted`` proposals (``audit.scenarios``)."""
    return _scenario_result(*data.key, tuple(sorted(accepted)))


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _scenarios(path: str, version: str) -> list[Scenario]:
    return list_scenarios(open_db(path))


def scenarios(data: Data) -> list[Scenario]:
    """Return the stored scenarios with their decisions."""
    return _scenarios(*data.key)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _reviews(path: str, version: str) -> list[Decision]:
    return decisions(open_db(path))


def reviews(data: Data) -> list[Decision]:
    """Return every reviewer's decision, oldest first (``audit.review.decisions``)."""
    return _reviews(*data.key)


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
def _scores(path: str, version: str) -> dict[str, dict[str, RelevanceScore]]:
    return catalogue_view.scores_by_requirement(_catalogue(path, version))


def scores(data: Data) -> dict[str, dict[str, RelevanceScore]]:
    """Return the relevance scores by requirement id, then outcome key (read-only)."""
    return _scores(*data.key)


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
def _contested(path: str, version: str) -> set[str]:
    return contested_requirements(_catalogue(path, version))


def contested(data: Data) -> set[str]:
    """Return the requirements whose scores come from more than one scorer (``audit.review``)."""
    return _contested(*data.key)


# --- chart specs (reports.page_charts): building an Altair chart costs 50-300 ms, so specs are cached too ------


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _overview_charts(path: str, version: str) -> dict[str, dict]:
    return page_charts.overview_charts(
        _audit(path, version),
        _policy(path, version),
        _requirement_burden(path, version),
        _stock_and_flow(path, version),
    )


def overview_charts(data: Data) -> dict[str, dict]:
    """Return the Overview's Vega-Lite specs: ``quadrant``, ``by_type``, ``stock``."""
    return _overview_charts(*data.key)


@st.cache_data(max_entries=ENTRIES * 8, show_spinner=False)
def _trust_charts(path: str, version: str, trust: str) -> dict[str, dict]:
    return page_charts.trust_charts(_audit(path, version), _trust_table(path, version, trust), trust)


def trust_charts(data: Data, trust: str) -> dict[str, dict]:
    """Return the Trust page's specs: ``directive``, ``activity``, ``purpose`` breakdowns and ``distribution``."""
    return _trust_charts(*data.key, trust)


@st.cache_data(max_entries=ENTRIES * 8, show_spinner=False)
def _savings_chart(path: str, version: str, ids: tuple[str, ...]) -> dict:
    return page_charts.savings_chart(_audit(path, version).proposals, ids)


def savings_chart(data: Data, ids: list[str]) -> dict:
    """Return the spec of the savings-by-action chart of the proposals ``ids``."""
    return _savings_chart(*data.key, tuple(ids))


@st.cache_data(max_entries=ENTRIES * 8, show_spinner=False)
def _before_after_chart(path: str, version: str, accepted: tuple[str, ...]) -> dict:
    return page_charts.before_after_chart(_scenario_result(path, version, accepted))


def before_after_chart(data: Data, accepted: list[str]) -> dict:
    """Return the spec of the per-trust before/after chart of a scenario."""
    return _before_after_chart(*data.key, tuple(sorted(accepted)))


# --- the Compare page: trusts side by side, a trust against its peers, two scenarios (``reports.comparison``) ---


@st.cache_data(max_entries=ENTRIES * 8, show_spinner=False)
def _trust_comparison(path: str, version: str, trusts: tuple[str, ...], visible: tuple[str, ...]) -> tuple:
    return comparison.trust_comparison_view(_audit(path, version), list(trusts), set(visible))


def trust_comparison(data: Data, trusts: list[str], local_visible: list[str]) -> tuple:
    """Return (``reports.comparison.TrustComparison``, its chart specs) of ``trusts``, in the order given;
    ``local_visible`` names the trusts whose own measurements the user may see (``audit.access``)."""
    return _trust_comparison(*data.key, tuple(trusts), tuple(sorted(local_visible)))


@st.cache_data(max_entries=ENTRIES * 8, show_spinner=False)
def _peer_comparison(path: str, version: str, trust: str, by: str) -> tuple:
    return comparison.peer_comparison_view(_audit(path, version), trust, by)


def peer_comparison(data: Data, trust: str, by: str) -> tuple:
    """Return (``reports.comparison.PeerComparison``, its chart spec): ``trust`` against its region or size band."""
    return _peer_comparison(*data.key, trust, by)


@st.cache_data(max_entries=ENTRIES * 8, show_spinner=False)
def _scenario_comparison(path: str, version: str, first: str, second: str) -> tuple:
    return comparison.scenario_comparison_view(_audit(path, version), _scenarios(path, version), first, second)


def scenario_comparison(data: Data, first: str, second: str) -> tuple:
    """Return (``reports.comparison.ScenarioComparison``, its chart spec) of two stored scenarios."""
    return _scenario_comparison(*data.key, first, second)
