"""Sentence patterns of the extractor: modality, actor, timescale, frequency, deadline, references, lists, tables."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue.extract import extract_text
from catalogue.extract import patterns as p
from catalogue.extract.header import parse_date, read_header
from catalogue.extract.readers import text_blocks
from catalogue.extract.sentences import split_paragraph_number, split_sentences


def modality(sentence: str) -> str | None:
    match = p.find_modality(sentence)
    return match.modality if match else None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Trusts must submit the return.", "must"),
        ("The return shall be submitted by the area.", "must"),
        ("Chief Officers are required to brief all staff.", "must"),
        ("The Board is required to meet quarterly.", "must"),
        ("Areas are asked to nominate a lead.", "must"),
        ("Trusts will send a monthly report to NOMS.", "must"),
        ("Offender managers are to record each contact.", "must"),
        ("Staff should discuss concerns with the duty manager.", "should"),
        ("It is recommended that officers attend MAPPA meetings.", "should"),
        ("Areas should not include unaudited figures.", "should_not"),
        ("It is not recommended that trusts hold meetings off site.", "should_not"),
        ("Areas must not send personal data.", "must_not"),
        ("Agency staff may not work a night shift alone.", "must_not"),
        ("Minutes shall not be disclosed to the offender.", "must_not"),
        ("The use of unencrypted laptops is prohibited.", "must_not"),
        ("Staff must never disclose the address of a victim.", "must_not"),
        ("Under no circumstances may a resident be admitted without a referral.", "must_not"),
        ("It is essential that trusts notify NOMS of every serious further offence.", "must"),
        ("Chief Officers are responsible for ensuring that staff are briefed.", "must"),
        ("Please send the completed form to the Performance Unit.", "must"),
        ("It is important that offender managers record the reasons.", "should"),
    ],
)
def test_each_modality_form(sentence: str, expected: str) -> None:
    assert modality(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Trusts may add local measures to the return if they wish.",
        "Trusts are no longer required to record the reason in a standard format.",
        "There is no requirement to report the names of beneficiaries.",
        "The new system will reduce bureaucracy.",
        "The plan shows how the area will meet the national targets.",
        "Chief Officers will wish to note the revised arrangements.",
        "Approved Premises provide supervised accommodation for high risk offenders.",
        "Other items are optional.",
        "In 2008 the average offender manager held 34 cases.",
    ],
)
def test_non_duties_have_no_modality(sentence: str) -> None:
    assert modality(sentence) is None


def test_descriptions_of_the_document_are_not_candidates() -> None:
    text = "1.2 This circular sets out the action that areas are required to take in response."
    assert extract_text(text).candidates == []


@pytest.mark.parametrize(
    ("sentence", "actor", "regulated"),
    [
        ("Chief Officers are required to brief all staff.", "Chief Officers", True),
        ("Offender managers must see the offender weekly.", "Offender managers", True),
        ("NOMS will publish the national figures quarterly.", "NOMS", False),
        ("Directors of Offender Management will monitor compliance.", "Directors of Offender Management", False),
        ("Regional Managers will audit progress in each area.", "Regional Managers", False),
    ],
)
def test_actor_and_whether_it_is_regulated(sentence: str, actor: str, regulated: bool) -> None:
    (candidate,) = extract_text(sentence).candidates
    assert candidate.actor == actor
    assert candidate.on_regulated is regulated


def test_passive_sentence_takes_the_for_action_audience() -> None:
    text = "For action by: Chief Executives of Probation Trusts\n\n2.1 The register must be kept up to date."
    (candidate,) = extract_text(text).candidates
    assert candidate.actor == "Chief Executives of Probation Trusts"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Offenders must be seen within 5 working days of sentence.", "within 5 working days of sentence"),
        (
            "Allocate within 3 working days of sentence or release, unless transferred.",
            "within 3 working days of sentence or release",
        ),
        ("Report it within 24 hours of discovery.", "within 24 hours of discovery"),
        ("Tier 4 cases shall be allocated within 1 working day.", "within 1 working day"),
        ("Notify the co-ordinator at least 6 months before release.", "at least 6 months before release"),
        ("Respond no later than 10 days after receipt.", "no later than 10 days after receipt"),
        (
            "Victim contact must be offered within 8 weeks of sentence in all eligible cases.",
            "within 8 weeks of sentence",
        ),
        ("Trusts must offer at least 6 hours of work a week.", None),
        ("Trusts must review the policy.", None),
    ],
)
def test_timescales(sentence: str, expected: str | None) -> None:
    assert p.find_timescale(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "per_year"),
    [
        ("Areas must submit the return monthly.", 12),
        ("Areas will report every quarter.", 4),
        ("Quarterly returns shall be made on time.", 4),
        ("The report is due every three months.", 4),
        ("Review the plan at least every four weeks.", 13),
        ("Review the plan at least every 16 weeks.", 3.25),
        ("The risk assessment must be reviewed annually.", 1),
        ("The Board must meet twice a year.", 2),
        ("Hold a meeting at least once a month.", 12),
        ("Check the register every night.", 365),
        ("See Tier 4 offenders weekly.", 52),
        ("Complete the training every three years.", 0.3333),
        ("Regional Managers will meet each Chief Officer twice yearly.", 2),
        ("NOMS will publish a summary every six months.", 2),
        ("Test offenders at least twice a week.", 104),
        ("Review it every 4 months.", 3),
    ],
)
def test_frequencies_become_occurrences_a_year(sentence: str, per_year: float) -> None:
    found = p.find_frequency(sentence)
    assert found is not None
    assert found[1] == pytest.approx(per_year, abs=0.001)


@pytest.mark.parametrize(
    "sentence",
    ["Trusts must offer each offender at least 6 hours of work a week.", "Trusts must keep records for six years."],
)
def test_rates_and_durations_are_not_frequencies(sentence: str) -> None:
    assert p.find_frequency(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Submit an action plan by 31 May 2006.", "by 31 May 2006"),
        (
            "Returns are due by the 15th of the month following the end of the reporting period.",
            "by the 15th of the month following the end of the reporting period",
        ),
        ("The audit spreadsheet should be returned by 31 May.", "by 31 May"),
        ("Send the statistics before 1 April 2011.", "before 1 April 2011"),
        ("Areas must submit the return promptly.", None),
    ],
)
def test_deadlines(sentence: str, expected: str | None) -> None:
    assert p.find_deadline(sentence) == expected


def test_references_are_normalised() -> None:
    text = "See Probation Circular 12/2005, PC 13/2006 and PI 4/2011; not PC 13/2006 twice."
    assert p.find_references(text) == ["PC 12/2005", "PC 13/2006", "PI 04/2011"]


def test_lead_in_list_gives_one_requirement_per_item_with_inherited_actor_and_modality() -> None:
    text = "4.2 Chief Officers are asked to:\n- brief all staff;\n- submit a return quarterly;\n- appoint a lead."
    candidates = extract_text(text).candidates
    assert [c.text for c in candidates] == ["brief all staff;", "submit a return quarterly;", "appoint a lead."]
    assert {c.actor for c in candidates} == {"Chief Officers"}
    assert {c.modality for c in candidates} == {"must"}
    assert [c.location for c in candidates] == ["para 4.2, item 1", "para 4.2, item 2", "para 4.2, item 3"]
    assert candidates[1].frequency_per_year == 4


def test_should_lead_in_passes_should_to_its_items() -> None:
    text = "3.1 Areas should:\n- consult sentencers;\n- publish the results."
    assert [c.modality for c in extract_text(text).candidates] == ["should", "should"]


def test_descriptive_list_items_are_not_requirements() -> None:
    text = "5.1 The return asks for:\n- the number of PPOs supervised;\n- the number reconvicted."
    assert extract_text(text).candidates == []


def test_imperative_action_items_are_requirements() -> None:
    text = "ACTION\n\n- Nominate a senior manager for unpaid work;\n- Review the placements list."
    candidates = extract_text(text).candidates
    assert [c.modality for c in candidates] == ["must", "must"]


def test_timescale_table_rows_are_requirements_and_its_header_row_is_not() -> None:
    text = (
        "| Requirement | Tiers 1-3 | Tier 4 |\n|---|---|---|\n"
        "| Allocation | within 3 working days of sentence | within 1 working day |\n"
        "| Sentence plan | within 15 working days | within 5 days |\n"
        "| Review of sentence plan | every 4 months | every 4 months |\n"
        "| Contact | Jane Smith | Room 3 |\n"
    )
    candidates = extract_text(text).candidates
    assert [c.location for c in candidates] == ["table 1, row 2", "table 1, row 3", "table 1, row 4"]
    assert candidates[0].text == "Allocation | within 3 working days of sentence | within 1 working day"
    assert candidates[0].timescale == "within 3 working days of sentence"
    assert candidates[2].frequency_per_year == 3


def test_background_and_contents_are_not_requirements() -> None:
    text = (
        "Contents\n1. Executive summary\n2. Background\n\n"
        "1.1 Background. Approved Premises provide supervised accommodation. There are 100 of them.\n\n"
        "1.2 In 2004-05 areas used several formats. This made comparison difficult."
    )
    assert extract_text(text).candidates == []


def test_header_fields_are_read_and_not_requirements() -> None:
    text = (
        "Probation Instruction 04/2011\n\nApproved Premises Specification\n\n"
        "This instruction applies to: Probation Trusts\nReference: PI 04/2011\nIssue date: 1 March 2011\n"
        "Effective date: 1 April 2011\nExpiry date: 31 March 2015\n"
        "Issued on the authority of: NOMS Agency Board\n"
        "For action by: Chief Executives of Probation Trusts; Approved Premises Managers\n"
        "Replaces the following documents, which are hereby cancelled: PC 12/2005, PC 13/2006\n"
        "Audit/monitoring: NOMS will monitor compliance with the mandatory actions.\n\n"
        "1.1 Trusts must keep a register of residents.\n"
    )
    result = extract_text(text)
    header = result.header
    assert header.reference == "PI 04/2011"
    assert header.title == "Approved Premises Specification"
    assert (header.issued, header.effective, header.expiry) == ("2011-03-01", "2011-04-01", "2015-03-31")
    assert header.authority == "NOMS Agency Board"
    assert header.for_action == ["Chief Executives of Probation Trusts", "Approved Premises Managers"]
    assert header.cancels == ["PC 12/2005", "PC 13/2006"]
    # The audit/monitoring field is free text: the centre's own duty there is a candidate too.
    assert [(c.text, c.on_regulated) for c in result.candidates] == [
        ("NOMS will monitor compliance with the mandatory actions.", False),
        ("Trusts must keep a register of residents.", True),
    ]


def test_pc_header_labels() -> None:
    text = (
        "PROBATION CIRCULAR\n\nREFERENCE NO: PC 28/2006\nISSUE DATE: 14 June 2006\nIMPLEMENTATION DATE: 1 July 2006\n"
        "EXPIRY DATE: 30 June 2011\nTO: Chairs of Probation Boards; Chief Officers of Probation\n"
        "AUTHORISED BY: Sarah Mann, Director of Performance\nSUBJECT: Performance Reporting Arrangements\n\n"
        "SUMMARY\n\nThis circular sets out what areas must do.\n\nRELEVANT PREVIOUS PROBATION CIRCULARS\n\n"
        "PC 24/2004\n\nACTION\n\nChief Officers are asked to brief staff.\n"
    )
    result = extract_text(text)
    assert result.header.reference == "PC 28/2006"
    assert result.header.title == "Performance Reporting Arrangements"
    assert result.header.effective == "2006-07-01"
    assert result.header.previous == ["PC 24/2004"]
    assert result.header.cancels == []
    assert result.header.default_actor == "Chief Officers of Probation"
    assert [c.text for c in result.candidates] == ["Chief Officers are asked to brief staff."]


def test_cancellation_in_the_body_counts() -> None:
    header = read_header(text_blocks("Reference: PC 20/2007\n\n5. PC 12/2005 is hereby cancelled."))
    assert header.cancels == ["PC 12/2005"]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("1 April 2011", "2011-04-01"),
        ("1st April 2011", "2011-04-01"),
        ("01/04/2011", "2011-04-01"),
        ("April 2011", "2011-04"),
        ("30 February 2011", None),
        ("soon", None),
    ],
)
def test_dates(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_sentences_and_paragraph_numbers() -> None:
    assert split_paragraph_number("B1 The offender manager must act.") == ("B1", "The offender manager must act.")
    assert split_paragraph_number("2 working days are allowed.") == (None, "2 working days are allowed.")
    assert split_sentences("See para. 4.2, e.g. the return. Staff must act. Done.") == [
        "See para. 4.2, e.g. the return.",
        "Staff must act.",
        "Done.",
    ]


def test_extraction_is_deterministic() -> None:
    text = "2.1 Trusts must report monthly. NOMS will publish figures quarterly.\n- brief staff"
    first = [c.as_json() for c in extract_text(text, "a.txt").candidates]
    assert first == [c.as_json() for c in extract_text(text, "a.txt").candidates]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=600))
def test_random_text_never_crashes(text: str) -> None:
    result = extract_text(text, "random.txt")
    for candidate in result.candidates:
        data = candidate.as_json()
        assert data["modality"] in ("must", "should", "must_not", "should_not")
        assert 0 <= data["confidence"] <= 1
        assert data["frequency_per_year"] is None or data["frequency_per_year"] >= 0


words = st.sampled_from(
    [
        "Trusts",
        "must",
        "shall",
        "should",
        "not",
        "may",
        "will",
        "within",
        "5",
        "working",
        "days",
        "of",
        "sentence",
        "monthly",
        "every",
        "three",
        "months",
        "are",
        "required",
        "to",
        "asked",
        ":",
        "-",
        "|",
        "PC",
        "12/2005",
        "by",
        "31",
        "May",
        "2006",
        ".",
        ";",
        "the",
        "staff",
        "NOMS",
        "hereby",
        "cancelled",
        "4.2",
        "(a)",
        "\n",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(words, max_size=80).map(" ".join))
def test_directive_like_noise_never_crashes(text: str) -> None:
    extract_text(text, "noise.txt")


def _texts(text: str) -> list[tuple[str, str]]:
    return [(c.text, c.modality) for c in extract_text(text, "guide.txt").candidates]


def test_a_lead_in_ending_in_an_open_condition_is_one_duty_and_its_items_are_the_conditions() -> None:
    # HSE, "Who should report under RIDDOR": the items complete "if you are", they are not things to do.
    text = (
        "So you should not report if you are:\n\n"
        "- an injured person (unless you are self-employed)\n- a member of the public\n"
        "- others who do not have duties under RIDDOR\n"
    )
    assert _texts(text) == [("So you should not report if you are", "should_not")]


def test_a_scope_lead_in_with_including_but_not_limited_to_keeps_its_items_out() -> None:
    # DfE, "Governance in maintained schools", section 7.
    text = (
        "The governing body is responsible for ensuring legal and regulatory compliance across a range of areas, "
        "including but not limited to:\n\n- general principles of education law\n"
        "- conditions and obligations imposed by funding or regulatory bodies\n"
    )
    found = _texts(text)
    assert [modality for _, modality in found] == ["must"]
    assert found[0][0].startswith("The governing body is responsible for ensuring")


def test_a_list_named_before_the_modal_belongs_to_the_condition_not_the_duty() -> None:
    # DfE, "What academies, free schools and colleges should publish online".
    text = (
        "If your school or college is one of the following types, you need to check your funding agreement to "
        "find out exactly what information you must publish on your website:\n\n"
        "  • academies\n  • sixth-form colleges\n  • general further education (FE) colleges\n"
    )
    found = _texts(text)
    assert len(found) == 1 and found[0][0].startswith("If your school or college is one of the following types")


def test_will_be_responsible_for_doing_binds_its_subject() -> None:
    # HSE, "Who should report under RIDDOR".
    sentence = (
        "If you are working in someone else's work premises and suffer either a specified injury or an "
        "over-7-day injury, then the person in control of the premises will be responsible for reporting."
    )
    assert modality(sentence) == "must"
    assert modality("The Director of Probation is responsible for approving closures.") == "must"


def test_confidence_is_the_calibrated_precision_of_the_candidates_bin() -> None:
    from catalogue.extract.candidates import calibration_table, evidence_bin, extract_candidates

    text = "Chief Officers must review the contents of this Circular.\n\nAreas are asked to:\n\n- submit a return;\n"
    document = text_blocks(text)
    from catalogue.extract.readers import Document

    doc = Document(name="pc.txt", format="text", size=len(text), blocks=document)
    raw = extract_candidates(doc, calibrated=False)
    calibrated = extract_candidates(doc)
    table = calibration_table()
    assert [c.text for c in raw] == [c.text for c in calibrated]
    sentence, item = calibrated
    assert sentence.confidence == table[evidence_bin(raw[0])] > 0.8  # a named duty with "must": bulk-accept band
    assert sentence.extra["rule_score"] == raw[0].confidence
    assert item.confidence <= 0.8  # an item that names no one is never accepted in bulk
    assert all(0.0 <= value <= 1.0 for value in table.values())


def test_a_bin_without_calibration_evidence_stays_out_of_the_bulk_band() -> None:
    from catalogue.extract.candidates import UNCALIBRATED_CEILING, calibrate, extract_candidates
    from catalogue.extract.readers import Document

    text = "| Task | When |\n|---|---|\n| Send the return to NOMS | within 5 working days of the end of the month |\n"
    doc = Document(name="t.txt", format="text", size=len(text), blocks=text_blocks(text))
    rows = extract_candidates(doc, calibrated=False)
    assert rows and rows[0].kind == "row"
    calibrate(rows)
    assert rows[0].confidence <= UNCALIBRATED_CEILING


def test_a_sentence_opening_with_should_and_its_subject_is_a_condition_not_a_duty() -> None:
    # PSO 2000 (Prison Discipline Manual): "Should you require ..." means "if you require ...".
    assert modality("Should you require additional hard copies, they may be printed locally from the Intranet.") is None
    assert modality("Should there be any doubt, the case must be referred to the Governor.") == "must"
    assert modality("Staff should record the date of the hearing.") == "should"


def test_header_labels_run_into_one_paragraph_are_read_section_by_section() -> None:
    # PC 23/2005 as its public copy flattens it: PURPOSE, ACTION and SUMMARY in one paragraph.
    text = (
        "NEW ELECTRONIC MONITORING CONTRACTS\nPURPOSE This circular provides details of new arrangements for the "
        "electronic monitoring (EM) of offenders from the start of new contracts on 1 April 2005. ACTION Chief "
        "Officers are asked to bring this circular to the attention of all staff. Each probation area should "
        "nominate a single point of contact to deal with court issues where an EM supplier is involved. SUMMARY "
        "Following a Home Office tendering process last year, new electronic monitoring contracts were awarded."
    )
    assert _texts(text) == [
        ("Chief Officers are asked to bring this circular to the attention of all staff.", "must"),
        (
            "Each probation area should nominate a single point of contact to deal with court issues where an EM "
            "supplier is involved.",
            "should",
        ),
    ]


def test_a_duty_named_inside_a_cross_reference_is_not_a_requirement() -> None:
    # Landlord registration: statutory guidance for local authorities 2017 (Scottish Government), section 5.
    text = (
        "Details of the advice that should be given to tenants and landlords are set out in SSI 2005/557 as "
        "amended by SSI 208/402.\n\nTenants should be provided with advice and information in respect of any "
        "decision to refuse or revoke a registration."
    )
    assert [t for t, _ in _texts(text)] == [
        "Tenants should be provided with advice and information in respect of any decision to refuse or revoke a "
        "registration."
    ]


def test_will_after_a_counted_subject_describes_an_arrangement() -> None:
    # PC 23/2005: "Five new contract areas will replace the current four areas."
    assert modality("Five new contract areas will replace the current four areas.") is None
    assert modality("Probation areas will submit the return each quarter.") == "must"


@pytest.mark.parametrize(
    "sentence",
    [
        # PC 42/2006: the only cue is "are requested to".
        "All Areas are requested to provide information about interventions (current and planned) delivered under "
        "the AR and to comment on the draft quality assurance process.",
        "The Regional Manager carries a responsibility to agree the plan with each area.",
        "We suggest that areas hold the review before the end of the year.",
        "The Chief Officer is accountable for reporting the outcome to the Board.",
    ],
)
def test_every_modal_cue_is_found_whatever_its_keyword(sentence: str) -> None:
    assert modality(sentence) is not None


def test_items_under_a_purpose_label_describe_the_document() -> None:
    # PC 42/2006: the PURPOSE field set as a bulleted list of what the circular does.
    text = (
        "Probation Circular\n\nPURPOSE\n\n• Inform areas of plans to establish a quality assurance framework\n"
        "• Invite expressions of interest from areas to pilot the process\n\nACTION\n\n"
        "All Areas are requested to provide information about interventions delivered under the AR.\n"
    )
    assert [t for t, _ in _texts(text)] == [
        "All Areas are requested to provide information about interventions delivered under the AR."
    ]


def test_literal_prefixes_name_what_every_match_starts_with() -> None:
    assert p.literal_prefixes(r"\bmust\b|\bshall\b") == ("must", "shall")
    assert p.literal_prefixes(r"(?:reports?\b|psrs?\b)") == ("report", "psr")
    assert p.literal_prefixes(r"\b(?:ab|bc)d") == ("ab", "bc")
    assert p.literal_prefixes(r"(?:x)?abc") is None  # the group may be skipped: no safe prefix
    assert p.literal_prefixes(r"\b(?:a|b)c") is None  # one-letter prefixes are not worth a test


def test_the_literal_prefilter_never_changes_what_a_pattern_finds() -> None:
    import gc

    from bench.extraction import run

    sentences = [s for doc in run.load("dev") for line in doc.text.splitlines() for s in split_sentences(line)]
    patterns = [o for o in gc.get_objects() if isinstance(o, p.CI) and o.literals]
    assert len(patterns) > 10
    for pattern in patterns:
        literals = pattern.literals
        for sentence in sentences:
            fast = pattern.search(sentence)
            pattern.literals = None
            slow = pattern.search(sentence)
            pattern.literals = literals
            assert (fast and fast.span()) == (slow and slow.span()), (pattern.pattern.pattern[:60], sentence)


def test_the_dev_error_list_reads_only_dev_documents_and_names_a_cause_for_each_error() -> None:
    from bench.extraction import run
    from bench.extraction.dev_errors import dev_errors

    groups = dev_errors(["pc23-2005", "hse-riddor"])
    dev = {f"{stem}.md" for stem in run.splits()["dev"]}
    assert all(cause.split()[0] in ("FP", "FN", "modality") for cause in groups)
    assert all(entry.split(" ")[0] in dev for entries in groups.values() for entry in entries)


def test_the_cue_start_filter_finds_every_cue_the_full_scan_finds() -> None:
    from bench.extraction import run

    sentences = [s for doc in run.load("dev") for line in doc.text.splitlines() for s in split_sentences(line)]
    for sentence in sentences:
        low = p.lower(sentence)
        full = [m.span() for w in p._WORD_START.finditer(low) if (m := p._MODAL_ANY.pattern.match(low, w.start()))]
        assert [m.span() for m in p._modal_cues(low, 0)] == full, sentence
