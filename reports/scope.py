"""What an audit's headline counts, in words: the burden and its interval, what is left out and why.

The Overview, the command line and the reports say the same thing about the same figures, from here.

>>> interval_phrase({"p05": 1_959_437, "p50": 2_252_702, "p95": 2_592_617}, "hours")
'90% interval 1,959,437 h – 2,592,617 h'
"""

from __future__ import annotations

from typing import Any

from reports import formatting as fmt

_FORMATS = {"hours": fmt.hours, "fte": fmt.fte, "money": lambda v: fmt.money(v, short=True)}


def _get(measure: Any, key: str) -> Any:
    return measure[key] if isinstance(measure, dict) else getattr(measure, key)


def interval_phrase(measure: Any, unit: str = "hours") -> str:
    """Return "90% interval low – high" for a measure with ``p05`` and ``p95`` (a dict or a summary model)."""
    show = _FORMATS[unit]
    return f"90% interval {show(_get(measure, 'p05'))} – {show(_get(measure, 'p95'))}"


def scope_sentence(national: Any, on_estimates: float | None) -> str:
    """Return what the headline counts and what it leaves out, for a national summary (``audit.summary``)."""
    if not national.hours.central:
        return "No burden: no administrative requirement is in force on the audit date."
    parts = [
        "The headline counts **administrative work** only: recording, returns, forms, sign-off and assessments "
        f"written for the centre. Of {fmt.hours(national.administrative_cost.hours.central)} of such work a year, "
        f"{fmt.hours(national.business_as_usual.hours.central)} is work trusts would do anyway (business as usual) "
        "and is left out."
    ]
    if national.prescribed_requirements:
        parts.append(
            f"**Prescribed practice** with offenders (how often to see them, how soon), in "
            f"{national.prescribed_requirements} requirements, is reported apart: "
            f"{fmt.hours(national.prescribed_practice.hours.central)} a year beyond what a service would do anyway."
        )
    if national.counted_elsewhere:
        parts.append(
            f"{len(national.counted_elsewhere)} requirements restate work already costed in another one and are "
            "counted there, once."
        )
    if on_estimates is not None:
        parts.append(f"{fmt.percent(on_estimates, 0)} of the hours rest on at least one estimated figure.")
    return " ".join(parts)
