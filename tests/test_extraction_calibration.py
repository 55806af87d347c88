"""The confidence calibration: bins that tell binding duties from advice, shrunk toward their parent bin when
they hold few examples, and checked on out-of-document predictions (each dev document scored by a table built
without it)."""

from __future__ import annotations

import csv

from bench.extraction import calibrate
from catalogue.extract.candidates import CALIBRATION_FILE, calibration_table, evidence_bin


def _raw(text: str):  # the rules' own scores, before calibration
    from catalogue.extract.candidates import extract_candidates
    from catalogue.extract.readers import Document, text_blocks

    document = Document(name="t.txt", format="text", size=len(text), blocks=text_blocks(text))
    return extract_candidates(document, calibrated=False)


def test_advice_and_binding_duties_fall_in_different_bins() -> None:
    (must,) = _raw("Chief Officers must ensure that all staff are briefed on the revised procedures.")
    (should,) = _raw("Chief Officers should ensure that all staff are briefed on the revised procedures.")
    assert must.kind == should.kind == "sentence"
    assert evidence_bin(must) != evidence_bin(should)
    assert evidence_bin(must)[-1] == "binding"
    assert evidence_bin(should)[-1] == "advisory"


def test_a_bin_with_few_examples_is_pulled_toward_its_parent() -> None:
    # Three right out of three is no evidence of 95% precision when the parent bin is right 60% of the time.
    few = calibrate.shrunk_lower(3, 3, prior=0.6)
    many = calibrate.shrunk_lower(300, 300, prior=0.6)
    assert few < 0.8 < many
    assert calibrate.shrunk_lower(0, 0, prior=0.6) < 0.6  # no evidence: the prior, taken at its lower bound


def _evidence(doc: str, key: tuple[str, str, str, str], right: int, wrong: int) -> list:
    return [(doc, key, True)] * right + [(doc, key, False)] * wrong


def test_each_document_is_scored_by_a_table_built_without_it() -> None:
    key = ("sentence", "strong", "named", "binding")
    evidence = _evidence("a.md", key, 40, 0) + _evidence("b.md", key, 0, 40)
    scored = calibrate.out_of_document(evidence)
    # a.md's candidates are scored from b.md alone (all wrong) and the other way round.
    assert {conf for doc, conf, _ in scored if doc == "a.md"} == {calibrate.table(evidence[40:])[key]}
    assert all(conf < 0.5 for doc, conf, _ in scored if doc == "a.md")
    assert all(conf > 0.5 for doc, conf, _ in scored if doc == "b.md")


def test_the_calibration_file_has_every_key_column_and_bounded_values() -> None:
    with CALIBRATION_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and set(calibrate.FIELDS) <= set(rows[0])
    assert all(0.0 <= float(r["calibrated_confidence"]) <= 1.0 for r in rows)
    assert all(0.0 <= v <= 1.0 for v in calibration_table().values())


def test_the_interval_level_is_the_first_that_holds_out_of_document() -> None:
    key = ("sentence", "strong", "named", "binding")
    sure = [e for i in range(30) for e in _evidence(f"d{i}.md", key, 3, 0)]
    assert calibrate.choose_level(sure)[:2] == (calibrate.Z_LEVELS[0], 90)
    # Right three times in four in every document: no level puts anything above 0.8, so the strictest is kept.
    unsure = [e for i in range(30) for e in _evidence(f"d{i}.md", key, 3, 1)]
    z, above, _ = calibrate.choose_level(unsure)
    assert (z, above) == (calibrate.Z_LEVELS[-1], 0)
