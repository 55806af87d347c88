"""Numbers formatted for people: thousands separators, pounds, hours, FTE to one decimal, ranges.

>>> money(1234567.8)
'£1,234,568'
>>> fte(12.345)
'12.3 FTE'
>>> hours_range(900, 1000, 1200)
'1,000 h (900–1,200)'
"""

from __future__ import annotations

import math


def _ok(value: float | None) -> bool:
    """Return whether ``value`` is a finite number to print (None, NaN, pandas' NA and infinities are not)."""
    try:
        return value is not None and math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def number(value: float | None, decimals: int = 0) -> str:
    """Return a number with thousands separators, or an en dash when missing."""
    return f"{value:,.{decimals}f}" if _ok(value) else "–"


def money(value: float | None, short: bool = False) -> str:
    """Return pounds, e.g. £1,234,568, or £1.23m with ``short``."""
    if not _ok(value):
        return "–"
    assert value is not None
    if short and abs(value) >= 1_000_000:
        return f"£{value / 1_000_000:,.2f}m"
    if short and abs(value) >= 10_000:
        return f"£{value / 1_000:,.0f}k"
    return f"£{value:,.0f}"


def hours(value: float | None) -> str:
    """Return hours, e.g. 12,345 h."""
    return f"{number(value)} h" if _ok(value) else "–"


def fte(value: float | None) -> str:
    """Return staff full-time equivalents to one decimal, e.g. 12.3 FTE."""
    return f"{number(value, 1)} FTE" if _ok(value) else "–"


def percent(share: float | None, decimals: int = 1) -> str:
    """Return a 0-1 share as a percentage, e.g. 23.4%."""
    return f"{share * 100:.{decimals}f}%" if _ok(share) and share is not None else "–"


NO_BURDEN = "no burden"


def share(value: float | None, total: float | None, decimals: int = 1) -> str:
    """Return a share of a total as a percentage, or "no burden" when the total is nothing: a share of nothing.

    The one rule for every printed share of the burden (command line, app, reports), so a zero total never reads
    as 0% or NaN.

    >>> share(0.0, 0.0)
    'no burden'
    >>> share(0.234, 1000.0)
    '23.4%'
    """
    if not _ok(total) or total == 0:
        return NO_BURDEN
    return percent(value, decimals)


def _range(fmt, low: float | None, central: float | None, high: float | None) -> str:
    return f"{fmt(central)} ({fmt(low).split(' ')[0]}–{fmt(high).split(' ')[0]})"


def hours_range(low: float | None, central: float | None, high: float | None) -> str:
    """Return a central figure in hours with its low–high range."""
    return _range(hours, low, central, high)


def money_range(low: float | None, central: float | None, high: float | None) -> str:
    """Return a central figure in pounds with its low–high range."""
    return f"{money(central)} ({money(low)}–{money(high)})"


def fte_range(low: float | None, central: float | None, high: float | None) -> str:
    """Return a central FTE figure with its low–high range."""
    return _range(fte, low, central, high)


def provenance_label(is_estimate: bool) -> str:
    """Return the marker shown beside a figure: estimates are marked, sourced figures say so."""
    return "estimate" if is_estimate else "sourced"


def rank_phrase(rank: float | None, trusts: int, basis: str = "evidence") -> str:
    """Return where a trust ranks by hours per offender, or why it is not ranked (size only, or no caseload)."""
    if basis != "evidence":  # audit.evidence.EVIDENCE (formatting stays free of audit imports)
        return "not ranked: the trusts differ only by size"
    if not _ok(rank):
        return "not ranked: no caseload recorded"
    return f"rank {int(rank)} of {trusts} (1 = heaviest)"  # type: ignore[arg-type]


def significant(value: float, digits: int = 2) -> float:
    """Return ``value`` rounded to ``digits`` significant figures, e.g. 259,734 -> 260,000."""
    if not _ok(value) or value == 0:
        return 0.0
    return float(round(value, digits - 1 - math.floor(math.log10(abs(value)))))


def _plain(value: float) -> str:
    """Return a number without a trailing '.0', with thousands separators."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}".rstrip("0").rstrip(".")


def _scaled(value: float, unit: float, digits: int) -> str:
    return _plain(significant(value / unit, digits)) if unit > 1 else _plain(significant(value, digits))


def rounded(value: float | None, kind: str = "money") -> str:
    """Return a headline figure rounded as publications round: '£201 m', '£1.8 m', '£850,000', '2.1 m hours'.

    >>> rounded(200_757_352)
    '£201 m'
    >>> rounded(1_834_000, "hours")
    '1.8 m hours'
    """
    if not _ok(value):
        return "–"
    assert value is not None
    pound, suffix = ("£", "") if kind == "money" else ("", " hours")
    size = abs(value)
    if size >= 1_000_000:
        digits = max(2, math.floor(math.log10(size)) - 5)  # whole millions from £10 m, one decimal below
        return f"{pound}{_scaled(value, 1_000_000, digits)} m{suffix}"
    return f"{pound}{_plain(significant(value, 2))}{suffix}"


def interval(central: float | None, low: float | None, high: float | None, kind: str = "money") -> str:
    """Return a central figure with its 90% interval, both rounded: '£201 m (90% interval £150–260 m)'.

    >>> interval(200_757_352, 150_300_000, 259_700_000)
    '£201 m (90% interval £150–260 m)'
    """
    if not (_ok(central) and _ok(low) and _ok(high)):
        return rounded(central, kind)
    assert central is not None and low is not None and high is not None
    pound, suffix = ("£", "") if kind == "money" else ("", " hours")
    if abs(central) >= 1_000_000:
        lo, hi = _scaled(low, 1_000_000, 2), _scaled(high, 1_000_000, 2)
        if ("." in lo) != ("." in hi):  # '2.0–2.6', not '2–2.6'
            lo, hi = (f"{float(x.replace(',', '')):.1f}" for x in (lo, hi))
        ends = f"{pound}{lo}–{hi} m{suffix}"
    else:
        ends = f"{pound}{_plain(significant(low, 2))}–{_plain(significant(high, 2))}{suffix}"
    return f"{rounded(central, kind)} (90% interval {ends})"
