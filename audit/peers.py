"""Peer groups: the trusts a trust is fairly set against, by region or by size band.

A region's group is the other trusts of the same region (London and Wales are one trust each, so they have none).
Size bands are a stated rule, not a list kept by hand: the trusts ranked by caseload (offenders supervised, smallest
first, ties by name) are cut into three bands of as equal a number as the count allows (35 trusts: 12, 12 and 11),
named "smaller", "middle-sized" and "larger". A trust's peers are the other trusts of its band; its own figure is
never part of the median and range it is set against.

>>> import pandas as pd
>>> trusts = pd.DataFrame({"trust": list("ABCDEF"), "region": ["N", "N", "S", "S", "S", "W"],
...                        "caseload": [100, 200, 300, 400, 500, 600]})
>>> peer_group(trusts, "C", by="region").peers
['D', 'E']
>>> group = peer_group(trusts, "C", by="size")
>>> group.name, group.peers
('middle-sized trusts (caseload 300–400)', ['D'])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from audit.errors import AuditError

REGION = "region"
SIZE = "size"
GROUPINGS = {REGION: "Same region", SIZE: "Same size band (caseload, in thirds)"}
SIZE_BANDS = ("smaller", "middle-sized", "larger")


@dataclass(frozen=True)
class PeerGroup:
    """A trust's peer group: how it was formed, its name in words, and the other trusts in it."""

    trust: str
    by: str
    name: str
    peers: list[str]


def size_bands(trusts: pd.DataFrame) -> pd.Series:
    """Return each trust's size band (:data:`SIZE_BANDS`), indexed by trust: caseload thirds, smallest first."""
    ordered = trusts.sort_values(["caseload", "trust"], kind="mergesort")["trust"].to_numpy()
    bands = np.array_split(np.arange(len(ordered)), min(len(SIZE_BANDS), max(len(ordered), 1)))
    names = SIZE_BANDS if len(bands) == len(SIZE_BANDS) else SIZE_BANDS[: len(bands)]
    out = pd.Series(index=pd.Index(ordered, name="trust"), dtype=object)
    for name, positions in zip(names, bands, strict=True):
        out.iloc[positions] = name
    return out


def peer_group(trusts: pd.DataFrame, trust: str, by: str = REGION) -> PeerGroup:
    """Return ``trust``'s peer group among ``trusts`` (columns ``trust, region, caseload``), by region or size.

    Raises :class:`audit.errors.AuditError` for a trust or grouping that does not exist.
    """
    if by not in GROUPINGS:
        raise AuditError(f"peers are grouped by region or by size, not by {by!r}")
    if trust not in set(trusts["trust"]):
        raise AuditError(f"no trust called {trust!r}")
    if by == REGION:
        region = trusts.loc[trusts["trust"] == trust, "region"].iloc[0]
        members = trusts.loc[trusts["region"] == region, "trust"]
        name = f"trusts in {region}"
    else:
        bands = size_bands(trusts)
        band = bands[trust]
        members = pd.Series(bands.index[bands == band])
        caseloads = trusts.set_index("trust").loc[list(members), "caseload"]
        name = f"{band} trusts (caseload {caseloads.min():,.0f}–{caseloads.max():,.0f})"
    return PeerGroup(trust=trust, by=by, name=name, peers=sorted(t for t in members if t != trust))
