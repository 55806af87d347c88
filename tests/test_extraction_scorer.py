"""The learned requirement scorer: its features, its training (grouped by document, reproducible) and how it combines
with the rules (keep/drop, confidence)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from bench.extraction import train_scorer
from catalogue.extract import extract_text, scorer
from catalogue.extract.candidates import candidate_pool, extract_candidates, lead_bare, pool_features
from catalogue.extract.header import read_header
from catalogue.extract.readers import Document, text_blocks

NAMES = scorer.feature_names()


def _on(text: str, kind: str = "sentence", **context: object) -> set[str]:
    vector = scorer.features(text, kind, **context)  # type: ignore[arg-type]
    return {name for name, value in zip(NAMES, vector, strict=True) if value}


def test_features_read_the_modal_its_strength_and_negation() -> None:
    assert {"modal_must_not", "modality_found"} <= _on("Governors must not open legal correspondence.")
    assert "modal_must_not" not in _on("Governors must open legal correspondence in the prisoner's presence.")
    assert "modal_should" in _on("The audit results should be submitted to the Public Protection Unit.")
    assert "modality_found" not in _on("The Board was told in May 2005 of the new plan.")
    assert {"past", "date", "year"} <= _on("The Board was told in May 2005 of the new plan.")


def test_features_read_headings_questions_lead_ins_and_deadlines() -> None:
    assert "title_case" in _on("Background And Purpose Of The Review")
    assert "title_case" not in _on("Areas must send the return.")
    assert "ends_question" in _on("When should a return be logged?")
    assert "ends_colon" in _on("Chief Officers are asked to:")
    assert {"date", "by_date"} <= _on("Returns are due by 30 June 2010.")
    item = _on("forward this circular to staff;", "item", lead_in="Chief Officers are asked to:", lead_modality="must")
    assert {"lead_in", "lead_in_binding", "kind_item", "imperative_open", "lead_modal"} <= item
    condition = _on("it contains an illicit enclosure;", "item", lead_in="The letter may be opened if—")
    assert "lead_condition" in condition or "lead_qualifies" in condition


def test_a_lead_in_the_rules_read_is_never_a_segment_of_its_own() -> None:
    text = "Chief Officers are asked to:\n\n• forward this circular to staff;\n\n• send the return by 30 June.\n"
    document = Document(name="pc.txt", format="text", size=len(text), blocks=text_blocks(text))
    header = read_header(document.blocks)
    pool = candidate_pool(document, header, extract_candidates(document, header, calibrated=False))
    assert [s.text for s in pool] == ["forward this circular to staff;", "send the return by 30 June."]


def _pool(text: str) -> tuple[Document, list]:  # type: ignore[type-arg]
    document = Document(name="excerpt.txt", format="text", size=len(text), blocks=text_blocks(text))
    header = read_header(document.blocks)
    return document, candidate_pool(document, header, extract_candidates(document, header, calibrated=False))


def test_a_lead_in_whose_items_qualify_it_is_a_segment_of_its_own() -> None:
    # The Education (Pupil Registration) (England) Regulations 2006, regulation 6(1)(a): the lettered item that ends
    # in a dash is the requirement (what the register records), its items the values it records.
    lead = (
        "in the case of every pupil whose name is entered in and not deleted from the admission register whether the "
        "pupil is —"
    )
    _, pool = _pool(
        "6.—(1) The following particulars must be recorded in the attendance register at the commencement of each "
        f"morning session and once during each afternoon session —\n\n(a){lead}\n\n(i)present;\n\n(ii)absent;\n"
    )
    assert lead in [s.text for s in pool]


def test_context_features_read_timescale_headings_dated_rows_and_completing_lead_ins() -> None:
    text = (
        "Timescales for children's social care services\n\n"
        "| Stage | Timescale |\n|---|---|\n"
        "| Initial assessment | within a maximum of 7 working days of the date of the referral |\n"
    )
    document, pool = _pool(text)
    matrix = pool_features(document, pool, read_header(document.blocks))
    row = next(i for i, s in enumerate(pool) if s.text.startswith("Initial assessment"))
    on = {name for name, value in zip(NAMES, matrix[row], strict=True) if value}
    assert {"under_timescale_heading", "table_under_duty", "row_dated", "kind_row"} <= on
    given_by = _on("the governing body; or", "item", lead_in="the clerk must comply with any direction given by—")
    assert {"lead_completes", "item_short"} <= given_by
    asked = _on("forward this circular to staff;", "item", lead_in="Chief Officers are asked to:")
    assert "lead_completes" not in asked
    assert lead_bare("Documents:") and not lead_bare("For Probation Areas:")


def test_duty_words_the_modal_cues_miss_are_scored() -> None:
    # Probation Circular 89/2005 and the HSE's young workers page: duties worded without a modal verb.
    for sentence in (
        "When the final version is deployed its use will be mandatory.",
        "Young people may be unaware of how to raise concerns, so make sure this is part of their training.",
    ):
        assert scorer.may_be_added(sentence, "sentence", None, None)
    assert not scorer.may_be_added("The Board met in May 2005.", "sentence", None, None)


def test_extra_excerpts_are_trained_on_and_never_scored() -> None:
    extra = train_scorer.load_extra()
    assert extra and all(doc.gold for doc in extra)
    pools = [
        train_scorer.DocPool(f"d{i}.md", ["a", "b"], np.eye(2, len(NAMES)), np.array([1.0, 0.0]), 1) for i in range(4)
    ]
    extra_pool = train_scorer.DocPool("x.md", ["c"], np.ones((1, len(NAMES))), np.array([1.0]), 1)
    probs = train_scorer.out_of_document(pools, 1.0, 2, [], extra=[extra_pool])
    assert [len(p) for p in probs] == [2, 2, 2, 2]  # one array per dev document, none for the extra excerpt


def test_fitting_is_deterministic_and_learns_the_signal() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 3))
    y = (x[:, 0] > 0).astype(float)
    first = train_scorer.fit(x, y, penalty=1.0)
    second = train_scorer.fit(x, y, penalty=1.0)
    assert np.array_equal(first[2], second[2]) and first[3] == second[3]
    assert abs(first[2][0]) > 5 * max(abs(first[2][1]), abs(first[2][2]))
    assert ((train_scorer.predict(first, x) >= 0.5) == (y == 1)).mean() > 0.95


def test_folds_keep_each_document_whole_and_are_fixed_by_the_seed() -> None:
    pools = [
        train_scorer.DocPool(f"d{i}.md", ["a"], np.zeros((1, len(NAMES))), np.zeros(1), 1, [set()]) for i in range(23)
    ]
    folds = train_scorer.folds(pools, 5)
    assert sorted(i for fold in folds for i in fold) == list(range(23))
    assert folds == train_scorer.folds(pools, 5)  # the same folds every run (a fixed seed)
    # by the names, not by the order the documents come in
    names = [[pools[i].name for i in fold] for fold in folds]
    shuffled = list(reversed(pools))
    assert [[shuffled[i].name for i in fold] for fold in train_scorer.folds(shuffled, 5)] == names


def test_calibration_is_monotone_and_a_lower_bound() -> None:
    probs = np.linspace(0.0, 1.0, 200)
    labels = (probs > 0.5).astype(float)
    xs, ys = train_scorer.calibration(probs, labels)
    assert xs == sorted(xs) and ys == sorted(ys)
    assert all(0.0 <= y <= 1.0 for y in ys)
    assert np.interp(0.99, xs, ys) < 1.0  # the lower end of an interval, never the raw share
    band = train_scorer.accept_band(probs, labels)
    banded = train_scorer.banded((xs, ys), band)
    assert np.interp(band, *banded) <= 0.8 < np.interp(min(1.0, band + 0.01), *banded)


def test_the_weights_file_matches_the_features_and_records_its_cross_validation() -> None:
    data = json.loads(scorer.WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == NAMES
    assert len(data["weights"]) == len(NAMES) == len(data["mean"]) == len(data["scale"])
    assert 0 < data["keep_drafted"] < data["threshold"] < 1
    assert data["cross_validation"]["folds"] >= 5 and 0 < data["cross_validation"]["f1"] <= 1
    model = scorer.model()
    assert model is not None
    assert (np.diff(model.knots_y) >= 0).all()


def test_a_doubted_or_added_candidate_stays_out_of_the_bulk_accept_band() -> None:
    # Department for Education, "School uniform" guidance: a duty, then a sentence the rules do not draft.
    text = (
        "Schools must consult parents before changing their uniform policy.\n\n"
        "Governing bodies should ensure that the uniform is affordable.\n\n"
        "The Department will publish revised guidance in due course.\n"
    )
    for candidate in extract_text(text, name="uniform.txt").candidates:
        probability = candidate.extra["probability"]
        assert isinstance(probability, float)
        if candidate.extra.get("rule_score") is None or probability < scorer.model().threshold:  # type: ignore[union-attr]
            assert candidate.confidence <= 0.8


@pytest.mark.parametrize(
    "text",
    [
        "Chief Officers must review the contents of this Circular.",
        "All Approved Premises are to undertake a second audit using the standards.",
    ],
)
def test_clear_duties_are_kept(text: str) -> None:
    assert [c.text for c in extract_text(text, name="pc.txt").candidates] == [text]


def test_what_the_extractor_remembers_serves_one_document_only() -> None:
    # A document read after another one gives what it gives when read alone.
    first = "Chief Officers are asked to:\n\n• forward this circular to staff;\n\n• send the return by 30 June.\n"
    second = "All Approved Premises are to undertake a second audit using the standards and additional guidance.\n"
    alone = [c.as_json() for c in extract_text(second, name="b.txt").candidates]
    extract_text(first, name="a.txt")
    after = [c.as_json() for c in extract_text(second, name="b.txt").candidates]
    assert after == alone and len(alone) == 1
