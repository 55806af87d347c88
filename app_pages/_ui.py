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


# Tables are fitted to the width the main column gives them at 1,280 px with the sidebar open (818 px, less the
# grid's borders); on a wider screen Streamlit stretches the columns in proportion.
TABLE_WIDTH = 800
# Widths of the grid's characters (14 px Source Sans, measured in Chromium, rounded up to half a pixel): a column is
# as wide as its widest value needs, so a money figure such as "£4,102,811" is never drawn as "£4,10…".
GLYPH_GROUPS = (
    (" ", 3.0), ("ij.,':;", 3.5), ("lI", 4.0), ("f-()", 4.5), ("rt/", 5.0), ("sz", 6.0), ("cx", 6.5),
    ("0123456789ekvyFJLY£", 7.0), ("agESTVX", 7.5), ("bdhnopquACPRZ", 8.0), ("BK", 8.5), ("DG&", 9.0),
    ("HNOQU", 9.5), ("wM", 10.5), ("W", 11.0), ("m%", 12.0),
)  # fmt: skip
GLYPH_PX: dict[str, float] = {ch: px for chars, px in GLYPH_GROUPS for ch in chars}
GLYPH_DEFAULT = 8.0  # any other character: as wide as most capitals
HEADER_PAD = 30  # room beside a header's title for the sort arrow and the column menu
CELL_PAD = 20  # the grid pads a cell by 8 px on each side; 4 px spare for rounding
LONG_TEXT = 32  # characters: a text column longer than this shares the room left and wraps
WRAP_LINES = 3
MIN_FLEXIBLE = 150
MIN_FIXED = 40
WRAP_ROW_HEIGHT = 72  # Streamlit wraps cell text in rows taller than 4rem: three lines
NUMBER_FORMATS = {
    "money": "£%,.0f",
    "hours": "%,.0f",
    "int": "%,d",
    "fte": "%,.1f",
    "number": "%,.1f",
    "score": "%.2f",
    "percent": "percent",
}


def text_px(text: str) -> float:
    """Return how many pixels ``text`` takes in the grid's font (:data:`GLYPH_PX`)."""
    return sum(GLYPH_PX.get(ch, GLYPH_DEFAULT) for ch in text)


def _wrapped_px(values: list[str]) -> float:
    """Return the width at which every value shows whole on rows of :data:`WRAP_LINES` lines.

    Each word must fit on a line; a short value (up to :data:`LONG_TEXT` characters) must fit in the lines, taken
    as its width shared over them with a margin for where the words break. Longer text may run past its rows.
    """
    words = max((text_px(w) for v in values for w in v.split()), default=0.0)
    short = max((text_px(v) / WRAP_LINES * 1.3 for v in values if len(v) <= LONG_TEXT), default=0.0)
    return max(words, short) + CELL_PAD


def _shown_text(values: pd.Series, kind: str | None, number_format: str | None) -> list[str]:
    """Return a sample of a column's values as the grid shows them, to measure how wide they are."""
    sample = values.dropna().head(500)
    if number_format == "percent" or kind == "percent":
        return [f"{float(v) * 100:.1f}%" for v in sample if _is_number(v)] or ["100.0%"]
    if number_format or (kind and kind in NUMBER_FORMATS) or pd.api.types.is_numeric_dtype(values.dtype):
        decimals = 2 if kind == "score" else (1 if kind in ("fte", "number") else 0)
        prefix = "£" if kind == "money" or (number_format or "").startswith("£") else ""
        return [f"{prefix}{float(v):,.{decimals}f}" for v in sample if _is_number(v)] or ["0"]
    return [str(v) for v in sample]


def _is_number(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def fitted_columns(
    frame: pd.DataFrame,
    column_config: Mapping[str, Any] | None = None,
    *,
    width: int = TABLE_WIDTH,
    hide_index: bool = True,
) -> tuple[dict[str, Any], int | None]:
    """Return a column_config under which ``frame`` reads whole in ``width`` px, and the row height it needs.

    Every shown column gets a title (the page's, else the library's word for the key, ``reports.labels``), its
    tooltip and number format from the library, and a width in pixels: short columns (ids, numbers, codes) as wide
    as their widest value or title, long text sharing what is left, wrapped on rows tall enough for three lines.
    A width the page set in pixels is kept. The row height is None when nothing needs wrapping.
    """
    from reports import labels

    given = dict(column_config or {})
    config: dict[str, Any] = {}
    natural: dict[str, float] = {}  # what a column would like: its title and its values whole
    whole: dict[str, float] = {}  # what it needs on one line: its widest value
    wrapped: dict[str, float] = {}  # what it needs when text wraps (numbers, ids and set widths do not)
    flexible: list[str] = []
    for key in frame.columns:
        entry = given.get(key, {})
        if entry is None:  # the page hides this column
            config[key] = None
            continue
        cfg = {"label": entry} if isinstance(entry, str) else dict(entry)
        kind = labels.column_kind(str(key))
        cfg["label"] = cfg.get("label") or labels.column_label(str(key))
        cfg["help"] = cfg.get("help") or labels.column_help(str(key))
        type_config = dict(cfg.get("type_config") or {})
        series = frame[key]
        if not type_config:
            if pd.api.types.is_bool_dtype(series.dtype) or kind == "bool":
                type_config = {"type": "checkbox"}
            elif kind in NUMBER_FORMATS or (
                pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype)
            ):
                fmt_ = NUMBER_FORMATS.get(kind or "", "%,.0f" if series.abs().max() >= 100 else "%,.2f")
                type_config = {"type": "number", "format": fmt_}
            if type_config:
                cfg["type_config"] = type_config
        number_format = type_config.get("format") if type_config.get("type") == "number" else None
        shown = _shown_text(series, kind, number_format) if type_config.get("type") != "checkbox" else ["yes"]
        longest = max(shown, key=len, default="")
        title_px = text_px(str(cfg["label"])) + HEADER_PAD
        whole[key] = max([MIN_FIXED] + [text_px(t[:200]) + CELL_PAD for t in shown])
        is_text = type_config.get("type") in (None, "text") and kind != "id"
        wrapped[key] = max(MIN_FIXED, _wrapped_px(shown)) if is_text else whole[key]
        natural[key] = max(title_px, whole[key])
        if isinstance(cfg.get("width"), int):
            natural[key] = whole[key] = wrapped[key] = int(cfg["width"])
        elif is_text and len(longest) > LONG_TEXT:
            flexible.append(key)
            natural[key] = max(title_px, min(whole[key], text_px(longest[:60]) + CELL_PAD))
            wrapped[key] = max(wrapped[key], MIN_FLEXIBLE)
        config[key] = cfg
    room = width - (0 if hide_index else 60)
    shown_keys = list(natural)
    widths = dict(natural)
    wrap = False
    if sum(natural.values()) > room:
        # Too wide as they would like: every column gets what it needs to show its values whole (text wrapped on
        # taller rows), then a share of what is left in proportion to how much more it would like.
        # Text wraps only when the values do not fit on one line: taller rows show fewer of them.
        wrap = sum(whole.values()) > room and any(wrapped[k] < whole[k] for k in shown_keys)
        need = {k: wrapped[k] if wrap else whole[k] for k in shown_keys}
        spare = room - sum(need.values())
        want = {k: max(0.0, natural[k] - need[k]) for k in shown_keys}
        total_want = sum(want.values()) or 1.0
        widths = {k: need[k] + max(0.0, spare) * want[k] / total_want for k in shown_keys}
        # Last resort, when even that is too wide: every column but the ids gives way in proportion.
        ids = {k for k in shown_keys if labels.column_kind(str(k)) == "id"}
        for _ in range(3):
            over = sum(widths.values()) - room
            giving = [k for k in shown_keys if k not in ids and widths[k] > MIN_FIXED]
            if over <= 0 or not giving:
                break
            total = sum(widths[k] for k in giving)
            for k in giving:
                widths[k] = max(MIN_FIXED, widths[k] - over * widths[k] / total - 1)
    for key, cfg in config.items():
        if cfg is not None:
            cfg["width"] = int(widths[key])
    return config, WRAP_ROW_HEIGHT if wrap else None


def table(
    frame: pd.DataFrame,
    name: str,
    *,
    column_config: Mapping[str, Any] | None = None,
    height: int | str = "auto",
    hide_index: bool = True,
    key: str | None = None,
    width: int = TABLE_WIDTH,
) -> None:
    """Show a table that reads whole (:func:`fitted_columns`) with a button that downloads it (all rows) as CSV.

    ``width`` is the room the table has at 1,280 px wide: less than :data:`TABLE_WIDTH` inside ``st.columns``.
    """
    from reports.labels import label_codes

    frame = label_codes(frame)  # codes such as proposal actions and activities in words, on screen and in the CSV
    config, row_height = fitted_columns(frame, column_config, width=width, hide_index=hide_index)
    st.dataframe(
        frame,
        column_config=config,
        hide_index=hide_index,
        width="stretch",
        height=height,
        key=key,
        row_height=row_height,
    )
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
    from audit.study_privacy import withhold_history
    from catalogue.history import history_of

    user = current_user()
    rows = withhold_history(db, user, history_of(db, kind, key, local_scope=local_data_scope(user)))
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
