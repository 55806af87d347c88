"""The Overview says what its headline counts: administrative work, its 90% interval, what is left out and why."""

from __future__ import annotations

from pathlib import Path

from catalogue.store import open_db, save_catalogue
from tests.audit_fixtures import two_trust_catalogue
from tests.test_app_pages import all_markdown, start


def test_the_overview_says_what_it_counts_and_gives_the_interval(app_db: Path) -> None:
    at = start()
    text = all_markdown(at)
    assert "administrative work" in text and "business as usual" in text
    assert "Prescribed practice" in text and "reported apart" in text
    assert "counted there, once" in text
    assert "rest on at least one estimated figure" in text
    assert "input figures" in text and "Reference dates" in text  # the data-quality statement
    captions = " ".join(c.value for c in at.caption)
    assert "90% interval" in captions
    assert "range" not in captions.split("90% interval")[0][-20:]


def test_an_overview_with_nothing_in_force_says_there_is_no_burden(app_db: Path) -> None:
    cat = two_trust_catalogue()
    cat.requirements, cat.relevance_scores, cat.local_measurements = [], [], []
    db = open_db(app_db)
    save_catalogue(db, cat, replace=True, reason="test: nothing in force")
    db.conn.close()
    at = start()
    assert "No burden: no administrative requirement is in force" in all_markdown(at)
    assert "0.0% of these hours" not in all_markdown(at)
    captions = " ".join(c.value for c in at.caption)
    assert "of it on input and process requirements" not in captions  # a share of nothing
    assert "no burden" in captions
