"""The embedded default dataset: England & Wales probation trusts, 2010-11, with provenance."""

from __future__ import annotations

from pathlib import Path

from catalogue.models import Catalogue

DEFAULT_DATA = Path(__file__).resolve().parent / "data"


def load_default_catalogue() -> Catalogue:
    """Read and validate the default dataset shipped in ``catalogue/data``."""
    from catalogue.io import read_catalogue

    return read_catalogue(DEFAULT_DATA)
