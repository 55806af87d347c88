"""Small rendering helpers shared by the pages: tables with a CSV download, provenance markers, form errors."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from catalogue.models import Provenance
from catalogue.names import UnknownName, resolve_name, resolve_trust
from reports import formatting as fmt

ESTIMATE_BADGE = ":orange-badge[estimate]"
SOURCED_BADGE = ":green-badge[sourced]"
LOCAL_BADGE = ":blue-badge[local measurement]"


def badge(is_estimate: bool) -> str:
    """Return the marker shown beside a figure: estimates in orange, sourced figures in green."""
    return ESTIMATE_BADGE if is_estimate else SOURCED_BADGE


def provenance_text(p: Provenance) -> str:
    """Return a provenance as markdown: its marker, its source or rationale, and a link when it has one."""
    text = f"{badge(p.is_estimate)} {p.describe()}"
    if p.address:
        text += f" — [source]({p.address})"
    return text


def slug(name: str) -> str:
    """Return a file-name-safe version of ``name``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "table"


def table(
    frame: pd.DataFrame,
    name: str,
    *,
    column_config: Mapping[str, Any] | None = None,
    height: int | str = "auto",
    hide_index: bool = True,
    key: str | None = None,
) -> None:
    """Show a table with a button that downloads it (all rows, raw values) as CSV."""
    st.dataframe(frame, column_config=column_config, hide_index=hide_index, width="stretch", height=height, key=key)
    st.download_button(
        "Download CSV",
        frame.to_csv(index=False).encode("utf-8"),
        file_name=f"{slug(name)}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"csv-{key or slug(name)}",
    )


def errors_by_field(exc: ValidationError) -> dict[str, list[str]]:
    """Return a pydantic error's messages keyed by the field they belong to ("" for the whole form)."""
    out: dict[str, list[str]] = {}
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        msg = str(err["msg"]).removeprefix("Value error, ")
        out.setdefault(loc, []).append(msg)
    return out


def field_error(errors: Mapping[str, list[str]], *names: str) -> None:
    """Show, under a form field, the validation errors of the fields ``names`` (prefixes match nested fields)."""
    for loc, messages in errors.items():
        if any(loc == n or loc.startswith(n + ".") for n in names):
            for message in messages:
                st.markdown(f":red[{message}]")


def form_errors(errors: Mapping[str, list[str]], fields: set[str]) -> None:
    """Show errors that belong to no field of the form (e.g. cross-field rules) at the top of the form."""
    for loc, messages in errors.items():
        if loc.split(".")[0] not in fields:
            for message in messages:
                st.error(message if not loc else f"{loc}: {message}")


def range_caption(low: float, central: float, high: float, unit: str = "hours") -> str:
    """Return 'range low–high' in the unit's format for a metric's caption."""
    f = {"hours": fmt.hours, "money": fmt.money, "fte": fmt.fte}[unit]
    return f"range {f(low)} – {f(high)}"


def hours_column(title: str = "Hours a year") -> Any:
    """A table column of hours with thousands separators."""
    return st.column_config.NumberColumn(title, format="%,.0f")


def money_column(title: str = "Cost a year") -> Any:
    """A table column of pounds with thousands separators."""
    return st.column_config.NumberColumn(title, format="£%,.0f")


def fte_column(title: str = "FTE") -> Any:
    """A table column of full-time equivalents to one decimal."""
    return st.column_config.NumberColumn(title, format="%,.1f")


def share_column(title: str) -> Any:
    """A table column of 0-1 shares shown as percentages."""
    return st.column_config.NumberColumn(title, format="percent")


def chart(spec: dict) -> None:
    """Show a cached Vega-Lite spec (from ``reports.charts`` via ``_cache``) across the container's width."""
    st.vega_lite_chart(spec, width="stretch")


def history_view(db: Any, kind: str, key: str) -> None:
    """Show the History of a directive, requirement, trust, proposal or scenario: who changed what, when and why."""
    from app_pages._state import current_user
    from audit.access import local_data_scope
    from catalogue.history import history_of

    rows = history_of(db, kind, key, local_scope=local_data_scope(current_user()))
    if not rows:
        st.caption("No recorded changes.")
        return
    frame = pd.DataFrame(rows)[["at", "actor", "entity", "entity_id", "action", "reason", "old_value", "new_value"]]
    frame["at"] = frame["at"].str.slice(0, 19).str.replace("T", " ")
    table(
        frame,
        f"history {kind} {key}",
        key=f"hist-{kind}-{key}",
        column_config={
            "at": st.column_config.TextColumn("When (UTC)"),
            "entity_id": st.column_config.TextColumn("Record"),
            "old_value": st.column_config.TextColumn("Old value", width="medium"),
            "new_value": st.column_config.TextColumn("New value", width="medium"),
        },
    )


def trust_picker(
    names: Sequence[str], *, key: str, extra: Sequence[str] = (), label: str = "Trust", container: Any = st
) -> str | None:
    """Choose a trust: the one the address names (any common spelling), else the user's default trust.

    An address naming no trust gets a message and no selection (never another trust), and keeps what was
    typed until a trust is chosen. ``extra`` options (e.g. "All trusts") are offered after the trusts.
    """
    from app_pages._state import LAST_CHOICE, PARAM_TRUST, current_user
    from audit.access import default_trust

    fallback = default_trust(current_user(), names, st.session_state.get(LAST_CHOICE[PARAM_TRUST]))
    return _address_picker(label, names, PARAM_TRUST, key, resolve_trust, fallback, extra, container, "Choose a trust")


def scenario_picker(names: Sequence[str], *, key: str, label: str = "Scenario", container: Any = st) -> str | None:
    """Choose a scenario: the one the address names (case and spacing aside), else the last chosen, else the first.

    An address naming no scenario gets a message and no selection, as for trusts.
    """
    from app_pages._state import LAST_CHOICE, PARAM_SCENARIO

    last = st.session_state.get(LAST_CHOICE[PARAM_SCENARIO])
    fallback = last if last in names else (names[0] if names else None)

    def resolve(typed: str, options: Sequence[str]) -> str:
        return resolve_name(typed, options, "scenario")

    placeholder = "Choose a scenario" if names else "No scenario yet: create one"
    return _address_picker(label, names, PARAM_SCENARIO, key, resolve, fallback, (), container, placeholder)


def _address_picker(
    label: str,
    names: Sequence[str],
    param: str,
    key: str,
    resolve: Callable[[str, Sequence[str]], str],
    fallback: str | None,
    extra: Sequence[str],
    container: Any,
    placeholder: str,
) -> str | None:
    """A select box kept in the address: what the person picked, else what the address names, else ``fallback``."""
    from app_pages._state import LAST_CHOICE, get_param, set_param

    options = [*names, *extra]
    picked = st.session_state.get(key)
    start: str | None = None
    if picked in options:  # their own choice on this page wins over an address they have since changed
        start = picked
    elif typed := get_param(param):
        try:
            start = resolve(typed, names)
        except UnknownName as exc:
            container.warning(f"{exc.sentence()} Choose one below.", icon=":material/search_off:")
    else:
        start = fallback
    value = container.selectbox(
        label, options, index=options.index(start) if start in options else None, key=key, placeholder=placeholder
    )
    if value in names:
        st.session_state[LAST_CHOICE[param]] = value
        set_param(param, value)
    elif value is not None:  # an extra option is not a record: the address names none
        set_param(param, None)
    return value
