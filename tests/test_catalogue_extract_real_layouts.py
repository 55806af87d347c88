"""Extraction of requirements as real directives lay them out: one test (or more) per error class seen on real text.

Every excerpt below is real public wording (Crown copyright, reused under the Open Government Licence v3.0),
quoted briefly and attributed by its public address. None comes from the documents kept back for the
independent evaluation.
"""

from __future__ import annotations

from catalogue.extract import Candidate, extract_text
from catalogue.extract import patterns as p
from catalogue.extract.sentences import split_sentences


def texts(candidates: list[Candidate]) -> list[str]:
    return [c.text for c in candidates]


def run(text: str) -> list[Candidate]:
    return extract_text(text, name="excerpt.txt").candidates


# -- 1. inline bullets flattened onto one line after a lead-in -----------------------------------------

# Probation Circular 37/2005, The role and purpose of Approved Premises, ACTION
# https://www.scribd.com/document/1430182/UK-Home-Office-PC37-202005
PC37_2005_ACTION = (
    "Chief Officers are asked to: • Ensure that the Circular is considered by local Board Members and senior "
    "managers • Review existing Admissions Policies in light of the guidance contained in Sections 3 and 4 of the "
    "Circular • Consider establishing local protocols setting out the respective responsibilities of referring "
    "officers and Approved Premises staff"
)


def test_inline_bullets_after_a_lead_in_are_one_candidate_each() -> None:
    found = run(PC37_2005_ACTION)
    assert [t.split()[0] for t in texts(found)] == ["Ensure", "Review", "Consider"]
    assert {c.actor for c in found} == {"Chief Officers"}
    assert {c.modality for c in found} == {"must"}
    assert all(c.lead_in == "Chief Officers are asked to:" for c in found)


# -- 2. lettered items under a lead-in that ends in a dash ----------------------------------------------

# Children Act 2004, section 11(2): https://www.legislation.gov.uk/ukpga/2004/31/section/11
CHILDREN_ACT_S11 = (
    "(2) Each person and body to whom this section applies must make arrangements for ensuring that—\n"
    "(a) their functions are discharged having regard to the need to safeguard and promote the welfare of "
    "children; and\n"
    "(b) any services provided by another person pursuant to arrangements made by the person or body in the "
    "discharge of their functions are provided having regard to that need.\n"
)
# Management of Health and Safety at Work Regulations 1999, regulation 3(6):
# https://www.legislation.gov.uk/uksi/1999/3242/regulation/3
MHSWR_REG_3_6 = (
    "Where the employer employs five or more employees, he shall record—\n"
    "(a) the significant findings of the assessment; and\n"
    "(b) any group of his employees identified by it as being especially at risk.\n"
)


def test_items_under_a_dash_lead_in_are_the_candidates_not_the_lead_in() -> None:
    found = run(CHILDREN_ACT_S11)
    assert len(found) == 2
    assert found[0].text.startswith("their functions are discharged")
    assert found[1].text.startswith("any services provided by another person")
    assert {c.modality for c in found} == {"must"}
    assert all(c.lead_in and c.lead_in.endswith("ensuring that—") for c in found)
    assert not any("must make arrangements" in c.text for c in found)


def test_items_under_a_shall_dash_lead_in_inherit_the_actor() -> None:
    found = run(MHSWR_REG_3_6)
    assert texts(found) == [
        "the significant findings of the assessment; and",
        "any group of his employees identified by it as being especially at risk.",
    ]
    assert {c.actor for c in found} == {"Employer"}


def test_lettered_items_flattened_onto_the_lead_in_line_are_split() -> None:
    found = run(MHSWR_REG_3_6.replace("\n", " "))
    assert [t[:20] for t in texts(found)] == ["the significant find", "any group of his emp"]


# -- 3. timescale table rows without a modal verb --------------------------------------------------------

# Timescales from Working Together to Safeguard Children 2010 as a local safeguarding procedure states them:
# http://coventryscb.proceduresonline.com/chapters/p_int_cor_ass.html and
# https://safeguarding.wales/en/chi-i/chi-i-c3pt2/c3pt2-p13
TIMESCALE_LINES = (
    "Timescales for children's social care services\n\n"
    "Initial assessment – within a maximum of 7 working days of the date of the referral\n"
    "Core group meeting – within 10 working days of the date of the initial child protection conference\n"
)
TIMESCALE_TABLE = (
    "Timescales for children's social care services\n\n"
    "| Stage | Timescale |\n|---|---|\n"
    "| Initial assessment | within a maximum of 7 working days of the date of the referral |\n"
    "| Core group meeting | within 10 working days of the date of the initial child protection conference |\n"
)


def test_timescale_lines_are_requirements_of_the_body_in_the_heading() -> None:
    found = run(TIMESCALE_LINES)
    assert len(found) == 2
    assert found[0].timescale == "within a maximum of 7 working days of the date of the referral"
    assert {c.modality for c in found} == {"must"}
    assert {c.actor for c in found} == {"Children's social care services"}


def test_timescale_table_rows_take_the_actor_from_the_heading() -> None:
    found = run(TIMESCALE_TABLE)
    assert [c.kind for c in found] == ["row", "row"]
    assert {c.actor for c in found} == {"Children's social care services"}
    assert found[1].timescale == "within 10 working days of the date of the initial child protection conference"


# -- 4. imperative action lists ----------------------------------------------------------------------------

# Probation Circular 37/2005 with its action points laid out one a paragraph under the ACTION label, as many
# circulars lay them out: https://www.scribd.com/document/1430182/UK-Home-Office-PC37-202005
PC37_2005_HEADER_ACTION = (
    "Probation Circular\n\n"
    "REFERENCE NO: 37/2005\n\n"
    "ISSUE DATE: 20 May 2005\n\n"
    "TO: Chairs of Probation Boards, Chief Officers of Probation\n\n"
    "ACTION\n\n"
    "Ensure that the Circular is considered by local Board Members and senior managers\n\n"
    "Review existing Admissions Policies in light of the guidance contained in Sections 3 and 4 of the Circular\n\n"
    "Ensure dissemination to, and discussion of the Circular with, sentencers and other local stakeholders\n\n"
    "SUMMARY\n\n"
    "The core purpose of approved premises is the provision of enhanced supervision as a contribution to the "
    "management of offenders who pose a significant risk of harm to the public.\n"
)


def test_imperative_paragraphs_under_an_action_label_are_requirements() -> None:
    found = run(PC37_2005_HEADER_ACTION)
    assert [t.split()[0] for t in texts(found)] == ["Ensure", "Review", "Ensure"]
    assert {c.modality for c in found} == {"must"}
    assert {c.actor for c in found} == {"Chief Officers of Probation"}


# Crown Prosecution Service, the Code of Practice for Victims of Crime as the CPS states its duties:
# http://www.cps.gov.uk/thames_chiltern/victim_and_witness_care/the_code_of_practice_for_victims_of_crime/
CPS_WILL = (
    "The CPS will:\n"
    "- Inform victims, either directly or through the police, if we decide not to charge someone in relation to "
    "their case.\n"
    "- Tell victims, within five working days, if we decide to drop or substantially alter the charges after "
    "someone has been charged with the offence.\n"
    "- Pay the victim expenses within ten working days of receiving the completed claim form\n"
)


def test_imperative_items_under_a_will_lead_in_belong_to_its_subject() -> None:
    found = run(CPS_WILL)
    assert [t.split()[0] for t in texts(found)] == ["Inform", "Tell", "Pay"]
    assert {c.actor for c in found} == {"CPS"}
    assert found[2].timescale == "within ten working days of receiving the completed claim form"


# -- 5. deadlines stated as facts, dates and frequencies -----------------------------------------------------

# Probation Circular 90/2005, role boundaries: https://www.scribd.com/document/1430472/UK-Home-Office-PC90-202005
PC90_2005 = (
    "The NPD will review this PC with the Trade Unions, following consultation with Chief Officers, in May 2006."
)


# Department for Education, Statutory framework for the early years foundation stage (March 2014), summary:
# http://barleymont.co.uk/purposeful-information/safeguarding-welfare-requirements/
EYFS_2014 = (
    "This framework is mandatory for all early years providers (from 1 September 2014): maintained schools; "
    "non-maintained schools; independent schools; all providers on the Early Years Register; and all providers "
    "registered with an early years childminder agency."
)
# Department for Education, Submitting CFR data (2013):
# http://www.education.gov.uk/researchandstatistics/stats/consistentreporting/a009985/submitting-cfr-data
CFR_2013 = "The submission deadline date for CFR 2012-13 is 19 July 2013."
# Ministry of Justice, written answer on probation in the East Midlands (October 2025):
# https://parallelparliament.co.uk/question/82722/probation-standards
REVIEWED_REGULARLY = (
    "An action plan has been agreed with HMIP and delivery against that action plan is reviewed regularly by the "
    "Area Executive Director."
)


def test_a_from_date_is_the_deadline() -> None:
    (found,) = run(EYFS_2014)
    assert found.modality == "must"
    assert found.deadline == "from 1 September 2014"


def test_a_deadline_stated_as_a_fact_is_a_requirement() -> None:
    (found,) = run(CFR_2013)
    assert found.modality == "must"
    assert found.deadline == "19 July 2013"


def test_regularly_is_a_frequency_without_a_count() -> None:
    assert p.find_frequency(REVIEWED_REGULARLY) == ("regularly", None)


def test_a_centre_commitment_keeps_its_month() -> None:
    (found,) = run(PC90_2005)
    assert found.deadline == "in May 2006"
    assert found.actor == "NPD"
    assert found.on_regulated is False


# -- 6. free text after header labels is scanned for duties --------------------------------------------------

# Probation Instruction 32/2014, Approved premises, header: https://docsbay.net/pi-32-approved-premises
PI32_2014_HEADER = (
    "This instruction applies to: Providers of Probation Services\n\n"
    "Reference: PI 32/2014\n\n"
    "Issue date: 19 May 2014\n\n"
    "Issued on the authority of: NOMS Agency Board\n\n"
    "For action by: Chairs of Independent Approved Premises Management Committees\n\n"
    "Audit/monitoring: Probation Trusts and Independent Management Committees must demonstrate compliance "
    "with these actions when required to do so by the Director of National Services.\n\n"
    "1.1 The Approved Premises Manual sets out instructions for the management of Approved Premises.\n"
)
# Probation Circular 37/2005 SUMMARY: https://www.scribd.com/document/1430182/UK-Home-Office-PC37-202005
PC37_2005_SUMMARY = (
    "Probation Circular\n\n"
    "REFERENCE NO: 37/2005\n\n"
    "SUMMARY\n\n"
    "The core purpose of approved premises is the provision of enhanced supervision as a contribution to the "
    "management of offenders who pose a significant risk of harm to the public. Admissions criteria and referral "
    "processes need to reflect this focus on public protection.\n"
)


def test_duties_in_an_audit_monitoring_field_are_candidates() -> None:
    result = extract_text(PI32_2014_HEADER, name="pi.txt")
    assert result.header.reference == "PI 32/2014"
    assert [c.text[:40] for c in result.candidates] == ["Probation Trusts and Independent Managem"]
    assert result.candidates[0].modality == "must"


def test_duties_in_a_summary_section_are_candidates() -> None:
    result = extract_text(PC37_2005_SUMMARY, name="pc.txt")
    assert result.header.summary and result.header.summary.startswith("The core purpose")
    assert texts(result.candidates) == [
        "Admissions criteria and referral processes need to reflect this focus on public protection."
    ]


# -- 7. a list item with several sentences, each with its own modal ------------------------------------------

# Prison Rules (Scotland) 2011, rule 57(2) and (4), set as one item of a list under a lead-in:
# https://www.legislation.gov.uk/ssi/2011/331/article/57
SPLIT_ITEM = (
    "This rule applies only to letters and packages which are sent to a prisoner at the prison by a legal adviser:\n"
    "- A prisoner who wishes to send a letter or package to a legal adviser must mark prominently on the outer "
    "face of the envelope or packaging the words “Legal Correspondence” as well as the prisoner’s own name. "
    "The contents of a letter or package to which this rule applies must not be read by an officer or employee "
    "except where paragraph (5) applies.\n"
)


def test_each_sentence_of_an_item_with_its_own_modal_is_a_candidate() -> None:
    found = run(SPLIT_ITEM)
    assert [c.modality for c in found] == ["must", "must_not"]
    assert found[1].text.startswith("The contents of a letter")


# -- 8. thing subjects, needs to, I expect, we will ensure -------------------------------------------------------

# Probation Circular 90/2005: https://www.scribd.com/document/1430472/UK-Home-Office-PC90-202005
PC90_2005_EXPECTS = (
    "The NPD expects Chief Officers to discuss the contents of this PC with their Trade Unions and use it to "
    "inform future consultation/negotiations."
)


def test_expects_someone_to_is_an_order_to_them() -> None:
    (found,) = run(PC90_2005_EXPECTS)
    assert found.modality == "must"
    assert found.actor == "Chief Officers"


def test_needs_to_with_a_thing_subject_is_a_requirement() -> None:
    (found,) = run("Admissions criteria and referral processes need to reflect this focus on public protection.")
    assert found.modality == "must"


# Department for Education, Statutory policies for schools (May 2012): http://schoolgoverning.blogspot.com/2012/05/
DFE_2012_POLICIES = (
    "As part of the Department’s ongoing commitment to reducing bureaucracy for schools, we will continue to "
    "review these requirements and look to simplify the legal obligations wherever possible."
)
DFE_2012_NO_LONGER = (
    "From September 2012, subject to parliamentary procedure, maintained schools will no longer be required to "
    "have in place a: • Curriculum policy • Prospectus"
)


def test_we_will_is_a_commitment_of_the_issuer() -> None:
    (found,) = run(DFE_2012_POLICIES)
    assert found.modality == "must"
    assert found.on_regulated is False


# -- 9. false positives: conditions, descriptive lead-ins, contents under a lead-in ---------------------------------

# Prison Rules (Scotland) 2011, rule 57(3): https://www.legislation.gov.uk/ssi/2011/331/article/57
RULE_57_3 = (
    "(3) Subject to paragraph (5), a letter or package to which this rule applies must not be opened by an "
    "officer or employee unless—\n"
    "(a) the officer or employee has cause to believe that it contains a prohibited article or unauthorised "
    "property;\n"
    "(b) the officer or employee has explained to the prisoner concerned the reason for that belief; and\n"
    "(c) the prisoner concerned is present.\n"
)
# Children Act 2004 section 11(1): https://www.legislation.gov.uk/ukpga/2004/31/section/11
S11_1 = (
    "(1) This section applies to each of the following—\n"
    "(a) a local authority in England;\n"
    "(b) a district council which is not such an authority;\n"
)
# Approved Premises Handbook (April 2002) contents, after a lead-in:
# https://www.scribd.com/document/1427821/UK-Home-Office-Approved-20Prem
CONTENTS_AFTER_LEAD_IN = (
    "Chief Officers are asked to:\n"
    "- Ensure that the Circular is considered by local Board Members and senior managers\n\n"
    "Contents\n"
    "- Introduction 5\n"
    "- Background 5\n"
    "- Legislation 5\n"
    "- Residents’ programmes and activities 6\n"
)


def test_conditions_of_a_lettered_list_are_not_requirements() -> None:
    found = run(RULE_57_3)
    assert len(found) == 1
    assert found[0].modality == "must_not"
    assert found[0].text.startswith("Subject to paragraph (5), a letter or package")
    assert not any("illicit" in t or "prisoner concerned is present" in t for t in texts(found))


def test_a_descriptive_lead_in_and_its_items_are_not_requirements() -> None:
    assert run(S11_1) == []


def test_a_duty_removed_and_its_inline_items_are_not_requirements() -> None:
    assert run(DFE_2012_NO_LONGER) == []


def test_contents_entries_after_a_list_do_not_inherit_its_modal() -> None:
    assert texts(run(CONTENTS_AFTER_LEAD_IN)) == [
        "Ensure that the Circular is considered by local Board Members and senior managers"
    ]


# -- 11. one spelling of the modality vocabulary ----------------------------------------------------------------


def test_the_json_spells_must_not_with_an_underscore() -> None:
    (found,) = run("Staff must not send offender information to personal e-mail accounts.")
    assert found.as_json()["modality"] == "must_not"


# -- look-alikes and vocabulary found on the development split of the real corpus -------------------------------


def test_no_subject_should_is_should_not() -> None:
    # Directgov, School uniform (2012).
    (found,) = run("No school uniform should be so expensive as to leave pupils or their families feeling excluded.")
    assert found.modality == "should_not"


REPORTED = (
    "In addition the HMI Probation Thematic Inspection recommended that NPS should ensure that all victims have "
    "equal access to the service."
)


def test_a_reported_recommendation_is_not_a_requirement() -> None:
    # Probation Circular 71/2005, victims monitoring form.
    assert run(REPORTED) == []


def test_an_annual_report_is_not_an_annual_duty() -> None:
    # Probation Circular 88/2005, MAPPA business plans.
    (found,) = run(
        "It is anticipated that the Minister will shortly require each area to publish business plans as part of "
        "the MAPPA Annual Report 2006/7 and to this end a copy of the Area plan must be forwarded to the Public "
        "Protection and Licensed Release Unit by 28th April 2006."
    )
    assert (found.frequency_per_year, found.deadline) == (None, "by 28th April 2006")


def test_events_to_tell_the_regulator_about_are_each_a_requirement() -> None:
    # Ofsted, Report changes to registered people for childcare on domestic premises (EY3).
    found = run(
        "You also need to tell us when\n"
        "- someone else will be taking over as the nominated individual\n"
        "- there are changes to any additional contacts for any setting within your daycare organisation\n"
    )
    assert [c.text[:20] for c in found] == ["someone else will be", "there are changes to"]
    assert {c.modality for c in found} == {"must"}


# Prison Service Instruction 06/2013, Mandatory use of ViSOR: its header as a mirrored copy lays it out, label / value,
# with the audit field run on to the line before and a full stop that lost its space.
PSI06_2013_HEADER = (
    "Mandatory Use of ViSOR\n"
    "This instruction applies to:- / Reference:-\n"
    "Probation Services – Probation Instruction (PI) / PSI 06/2013\n"
    "Issue Date / Effective Date\n"
    "11 February 2013 / 11 February 2013 / 10 February 2017\n"
    "Issued on the authority of / NOMS Agency Board\n"
    "Replaces the following documents which are hereby cancelled:PI 05/2009 and PSI 27/2009. All hard copies of "
    "these instructions must be destroyed Audit/monitoring:Deputy Directors of Custody, Commissioners and "
    "Controllers will monitor compliance with the mandatory actions set out in this Instruction.Probation Trusts "
    "must demonstrate compliance with these actions when required to do so by contract managers and Commissioners.\n"
)


def test_a_mirrored_header_is_read_by_field_and_its_run_on_duties_are_split() -> None:
    result = extract_text(PSI06_2013_HEADER, name="psi.txt")
    assert (result.header.reference, result.header.authority) == ("PSI 06/2013", "NOMS Agency Board")
    assert [c.text[:30] for c in result.candidates] == [
        "All hard copies of these instr",
        "Deputy Directors of Custody, C",
        "Probation Trusts must demonstr",
    ]


# -- rules that follow how directives are written in general, not one document's phrasing ----------------------


def test_an_item_that_runs_on_into_the_next_lead_in_keeps_its_own_duty() -> None:
    # Probation Circular 48/2005, OASys quality management, ACTION (bullets flattened onto one line).
    found = run(
        "Probation Areas are asked to: • Complete and return the Action Plan template by 31 August. • Participate "
        "in regional benchmarking events. Regional Managers, through the Regional Forums, are asked to: • Provide "
        "summary reports as per Appendix 3"
    )
    assert [(c.text, c.actor) for c in found] == [
        ("Complete and return the Action Plan template by 31 August.", "Probation Areas"),
        ("Participate in regional benchmarking events.", "Probation Areas"),
        ("Provide summary reports as per Appendix 3", "Regional Managers"),
    ]


def test_an_action_point_names_only_its_actor_before_to() -> None:
    # Probation Circular 51/2004 (a verbless action point) against a permission and an invitation in the same
    # form, from Probation Circulars 78/2005 and 42/2006.
    (found,) = run(
        "Chief Officers and Assistant Chief Officers (and PPO leads) to note the contents and distribute to all "
        "relevant staff."
    )
    assert found.actor == "Chief Officers"
    assert run("Magistrates will also be able to request these reports, in exceptional cases.") == []
    assert (
        run(
            "Areas are invited to express an interest in piloting the process with existing AR interventions (such "
            "as ETE, LIAM, etc.) by 31 January 2007."
        )
        == []
    )


def test_routing_of_queries_is_not_a_requirement() -> None:
    # Guidance on the provision of services regulations (GOV.UK, 2019), its e-mail address left out; a programme's
    # call for papers.
    assert run("Any enquiries regarding this publication should be sent to us at: [e-mail address].") == []
    assert run("Any queries should be addressed to the workshop co-chairs, via email.") == []


def test_a_body_responsible_for_an_act_bears_it() -> None:
    # NPD Bulletin 36 (2006), responsibilities of offender managers in electronic monitoring breaches.
    (found,) = run(
        "The Electronic Monitoring (EM) contractor is only responsible for enforcement action in cases where a "
        "Curfew is the only requirement of a Community Order."
    )
    assert found.modality == "must"


def test_a_document_saying_what_it_is_for_or_a_need_of_the_service_is_not_a_requirement() -> None:
    # NPD Bulletin 36 (2006); Probation Circular 08/2007, programme performance improvement standards.
    assert (
        run(
            "Following the recent publication of the NAO Report on Electronic Monitoring of Adult offenders, this is "
            "to clarify the responsibilities of Offender Managers in breaches of Electronic Monitoring requirements."
        )
        == []
    )
    assert (
        run(
            "There has been no formal Accredited Programme audit since 2004 and consequently there is an urgent need "
            "to address the audit process and framework."
        )
        == []
    )


def test_a_list_run_into_its_lead_in_with_semicolons_is_one_candidate_per_item() -> None:
    # Probation Circular 08/2007, programme performance improvement standards, ACTION.
    found = run(
        "Chief Officers are asked to: ensure that the performance improvement standards manual is disseminated to "
        "relevant senior managers; to undertake an audit using the standards; submit the results of the audits to "
        "the address below by 30th May 2007."
    )
    assert [c.text[:20] for c in found] == ["ensure that the perf", "to undertake an audi", "submit the results o"]
    assert {(c.actor, c.modality) for c in found} == {("Chief Officers", "must")}
    assert found[-1].deadline == "by 30th May 2007"


def test_a_responsibility_placed_on_a_named_body_is_a_requirement() -> None:
    # A public standard operating procedure (MicroCT scanning), RESPONSIBILITY section.
    (found,) = run(
        "It is the responsibility of the Head of Quality or their designee to ensure that the SOP is read and "
        "followed by the end-user."
    )
    assert found.modality == "must"


def test_a_future_expectation_of_a_named_body_is_a_requirement() -> None:
    # Prison Service Order 4450, marriage of prisoners.
    (found,) = run(
        "In some cases there may be a need for a prison escort, and although prisoners will be expected to pay the "
        "costs of escort in addition to the usual fees, there may be an impact on staff time/resources."
    )
    assert found.modality == "must"


def test_a_duty_placed_on_a_body_by_the_law_is_its_requirement() -> None:
    # HSE, Landlords: a guide to landlords' duties (INDG285); Care Act 2014 explanatory notes, section 42.
    (found,) = run(
        "They place duties on certain landlords* to ensure that gas appliances, fittings and flues provided for "
        "tenants use are safe."
    )
    assert found.modality == "must"
    (found,) = run(
        "This section places a duty on local authorities to make enquiries, or to ask others to make enquiries, "
        "where they reasonably suspect that an adult in its area is at risk of neglect or abuse, including "
        "financial abuse."
    )
    assert (found.modality, found.actor) == ("must", "Local authorities")


def test_good_practice_and_importance_are_recommendations() -> None:
    # Prison Service Order 2855, prisoners with disabilities.
    (found,) = run(
        "It is best practice to explain to prisoners that, if they choose not to declare any needs they have "
        "related to disability, these needs would not be catered for."
    )
    assert found.modality == "should"
    (found,) = run(
        "It is important not to make assumptions in respect of a prisoners needs, but to find out what is actually "
        "required."
    )
    assert found.modality == "should_not"


def test_definitions_and_reading_notes_are_not_requirements() -> None:
    # Prison Service Orders 4450 (marriage of prisoners) and 4460 (prisoners' pay).
    assert run("All references to Governors should be taken to include Directors of Contracted out Prisons.") == []
    assert run("PSI Amendments should be read before and in conjunction with PSO") == []


# The Local Authority Social Services and National Health Service Complaints (England) Regulations 2009,
# regulation 3, as legislation.gov.uk lays it out (the enumerators run into their text).
COMPLAINTS_REG_3 = (
    "(2) The arrangements for dealing with complaints must be such as to ensure that—\n"
    "(a)complaints are dealt with efficiently;\n"
    "(b)complaints are properly investigated;\n"
    "(d)complainants receive, so far as is reasonably practical—\n"
    "(i)assistance to enable them to understand the procedure in relation to complaints; or\n"
    "(ii)advice on where they may obtain such assistance;\n"
    "(e)complainants receive a timely and appropriate response;\n"
)


def test_enumerators_run_into_their_text_still_make_items_and_alternatives_stay_with_their_item() -> None:
    found = run(COMPLAINTS_REG_3)
    assert [c.text[:22] for c in found] == [
        "complaints are dealt w",
        "complaints are properl",
        "complainants receive, ",
        "complainants receive a",
    ]
    assert {c.modality for c in found} == {"must"}


def test_an_order_opening_with_any_verb_is_an_imperative() -> None:
    # HMRC Securities Guidance SG25550, reverting to quarterly returns: verbs no list of action words holds.
    assert [c.modality for c in run("Treat each case on its merits.")] == ["must"]
    assert [c.modality for c in run("- Find out which quarterly stagger the person would prefer.")] == ["must"]
    (found,) = run(
        "It is useful to remind the person that they may want their VAT periods to be aligned with their financial "
        "year end."
    )
    assert found.modality == "should"


def test_a_question_is_not_a_requirement() -> None:
    # HMRC Construction Industry Scheme Reform Manual CISR63020, logging monthly returns (a heading).
    assert run("When should a return be logged?") == []


# The Postal Services (Complaints Handling Standards) Regulations 2008, regulation 9, as legislation.gov.uk lays it
# out: enumerators run into their text, an item ending in "and", and a definition that introduces its own list.
POSTAL_COMPLAINTS_REG_9 = (
    "9.—(1) Each regulated provider must—\n"
    "(a)publish by 30th June each year a consumer complaints report in such a manner as will ensure reasonable "
    "publicity for it;\n"
    "(b)publish its consumer complaints report at a clear and prominent location on any website it operates or "
    "controls; and\n"
    "(c)provide a copy of its consumer complaints report, free of charge, to any person who requests it.\n"
    "(2) A consumer complaints report is a report in relation to the twelve month period ending on 31st March of "
    "the year in which the report is published which contains the following information—\n"
)


def test_items_joined_by_and_are_split_and_a_definition_lead_in_is_no_item() -> None:
    found = run(POSTAL_COMPLAINTS_REG_9)
    assert [c.text[:26] for c in found] == [
        "publish by 30th June each ",
        "publish its consumer compl",
        "provide a copy of its cons",
    ]
    assert {(c.modality, c.actor) for c in found} == {("must", "Provider")}


def test_a_header_label_jumbled_onto_the_end_of_a_duty_does_not_make_it_a_lead_in() -> None:
    # Probation Circular 14/2004, new H1 monthly statistical form, as a mirrored copy lays out its header columns.
    (found,) = run(
        "ACTION\n\nAll approved premises must use the new form (attached) from 1 April IMPLEMENTATION DATE:\n\n"
        "2004 (i.e. the first new forms will be sent to NPD in May 2004). Immediate\n"
    )
    assert found.text.startswith("All approved premises must use the new form")
    assert found.modality == "must"


def test_a_copy_that_lost_the_spaces_after_stops_colons_and_semicolons_is_still_split() -> None:
    # Prison Service Order 2855, prisoners with disabilities, chapter 8, as its public copy runs it together.
    text = (
        "Some factors when considering reasonableness are:Whether taking particular steps would be effective;The "
        "availability of financial or other assistance.8.2 All Governors and staff need to look to make reasonable "
        "adjustments in respect of prisoners with disabilities, and to document where these are not possible."
    )
    assert split_sentences(text)[-1].startswith("8.2 All Governors and staff need to look")
    (found,) = run(text)
    assert found.text.startswith("All Governors and staff need to look")


def test_an_expected_outcome_is_not_a_requirement() -> None:
    # A software project's changelog and its CI configuration (real public text); HSE, Health and safety regulation:
    # a short guide (its "should be straightforward" is the corpus README's example of an expectation).
    assert run("This should help to reduce the risk of account bans.") == []
    assert run("This should help to reduce flaky CI failures from transient network timeouts or other issues.") == []
    assert run("Risk assessment should be straightforward in a simple workplace.") == []
    # A named body told to bring an outcome about is still told.
    (found,) = run("Chief Officers should ensure that all staff are made aware of the revisions to SFO procedures.")
    assert found.modality == "should"


def test_a_lead_in_that_orders_the_following_steps_heads_a_list_of_actions() -> None:
    # HMRC Securities Guidance SG25550, reverting to quarterly returns (a lead-in without a colon).
    found = run(
        "To revert to a quarterly stagger take the following action\n"
        "- Find out which quarterly stagger the person would prefer. It is useful to remind the person that they may "
        "want their VAT periods to be aligned with their financial year end.\n"
    )
    assert [(c.text[:20], c.modality) for c in found] == [
        ("Find out which quart", "must"),
        ("It is useful to remi", "should"),
    ]


def test_an_item_that_says_what_can_be_done_is_no_action_of_its_lead_in() -> None:
    # HMRC Securities Guidance SG25550: the second item under "take the following action" says how a change can be
    # made; it orders nothing.
    found = run(
        "To revert to a quarterly stagger take the following action\n"
        "- Find out which quarterly stagger the person would prefer.\n"
        "- Stagger changes can be actioned directly through Departmental Trader Register (DTR) or by completing form "
        "VAT12.\n"
    )
    assert [c.text[:20] for c in found] == ["Find out which quart"]


def test_an_action_lead_in_that_names_only_its_actor_heads_that_actors_actions() -> None:
    # Probation Circular 37/2006, information exchange with the IND, ACTION (the mirrored header's "TO:" run on).
    found = run(
        "ACTION\n\nFor Probation Areas: TO:\n"
        "• To understand the process for the release of FNPs from immigration detention who are on licence to the "
        "Probation Service.\n"
        "• To ensure that the contents of this circular are implemented from 1 November 2006.\n"
    )
    assert [c.text[:22] for c in found] == ["To understand the proc", "To ensure that the con"]
    assert {(c.actor, c.modality) for c in found} == {("Probation Areas", "must")}


def test_a_list_item_that_describes_the_document_is_not_a_requirement() -> None:
    # NHS England, Serious Incident framework page (a bullet of its list of documents).
    assert (
        run(
            "Documents:\n- Revised Serious Incident framework – March 2015 – This framework explains the "
            "responsibilities involved when dealing with serious incidents and includes actions staff are required "
            "to take, and the tools available.\n"
        )
        == []
    )


def test_a_modal_inside_a_relative_clause_of_a_permission_is_no_duty() -> None:
    # The Children's Homes (England) Regulations 2015, regulation 44(5).
    assert (
        run(
            "The independent person’s report may recommend actions that the registered person may take in relation "
            "to the home and timescales within which the registered person must consider whether or not to take "
            "those actions."
        )
        == []
    )


def test_a_power_that_may_be_used_only_if_a_condition_holds_is_a_restriction() -> None:
    # Prison Service Order 4700, lifer manual chapter 13 (release).
    (found,) = run(
        "The Parole Board may direct the release of a tariff-expired lifer only if it is satisfied that it is no "
        "longer necessary for the protection of the public that the prisoner should be confined."
    )
    assert found.modality == "must"


def test_a_will_that_permits_or_removes_a_duty_is_no_order() -> None:
    # DfE, Manage training for early career teachers: API guidance (sandbox); a public project's README.
    assert run("Providers will also be able to sign into the sandbox environment as school induction tutors.") == []
    assert run("On the other hand, the employers will not need to pay individuals or create systems.") == []


# The Accounts and Audit (Amendment) Regulations 2024, regulation 9A(3): a table of dates under a duty lead-in, as
# legislation.gov.uk's copy gives it (cells split by bars, no bar at the row's start).
BACKSTOP_DATES = (
    "(3) Subject to paragraph (4), for the financial years listed in the first column of the following table, "
    "after approving the statement of accounts in accordance with regulation 9(2), an authority must publish its "
    "accountability statements on or before the corresponding date in the second column—\n"
    "Financial year beginning in— | Date |\n"
    "---|---|\n"
    "2023 | 28th February 2025 |\n"
    "2024 | 27th February 2026 |\n"
)


def test_rows_of_dates_under_a_duty_lead_in_are_its_requirements_with_their_deadlines() -> None:
    found = run(BACKSTOP_DATES)
    assert [(c.text, c.modality, c.deadline) for c in found] == [
        ("2023 | 28th February 2025 |", "must", "28th February 2025"),
        ("2024 | 27th February 2026 |", "must", "27th February 2026"),
    ]
    assert {c.actor for c in found} == {"Authority"}


# HSE, Landlords: a guide to landlords' duties (INDG285): a public copy that lost the bullets of its list of duties.
INDG285_DUTIES = (
    "These duties to protect tenants safety are in addition to the more general ones that landlords have under the "
    "Health and Safety at Work etc Act 1974 and the Management of Health and Safety at Work Regulations 1999. "
    "ensure gas fittings and flues are maintained in a safe condition. Gas appliances should be serviced in "
    "accordance with the manufacturers instructions. If these are not available it is recommended that they are "
    "serviced annually unless advised otherwise by a CORGI-registered installer; ensure an annual safety check is "
    "carried out on each gas appliance/flue."
)


def test_orders_whose_bullets_a_copy_lost_are_still_one_candidate_each() -> None:
    found = run(INDG285_DUTIES)
    assert [c.text[:24] for c in found] == [
        "ensure gas fittings and ",
        "Gas appliances should be",
        "If these are not availab",
        "ensure an annual safety ",
    ]


def test_a_modal_only_inside_what_someone_decides_is_no_duty() -> None:
    # School Standards and Framework Act 1998, section 65 (the conditions of the head teacher's duty to inform).
    assert p.find_modality("decides that any exclusion of a pupil should be made permanent.") is None
    found = p.find_modality(
        "Where the head teacher decides that any exclusion of a pupil for a fixed period should be made permanent, "
        "he shall (without delay) take reasonable steps to inform the relevant person of—"
    )
    assert found is not None and found.modality == "must"


def test_a_paragraph_number_with_three_digits_run_on_to_a_stop_starts_a_sentence() -> None:
    # Home Office, Revised guidance issued under section 182 of the Licensing Act 2003, paragraphs 8.105-8.106.
    found = run(
        "In such circumstances, the licensing authority must hold a hearing to consider the objection notice and "
        "cancel the interim authority notice if it decides that it is appropriate to do so for the promotion of the "
        "crime prevention objective.8.106 Licensing authorities should be alert to the need to consider the "
        "objection quickly."
    )
    assert [c.text[:30] for c in found] == ["In such circumstances, the lic", "Licensing authorities should b"]


def test_a_time_allowed_and_an_only_restriction_are_requirements() -> None:
    # HMRC Construction Industry Scheme Reform Manual CISR63020, logging monthly returns.
    (found,) = run("Contractors then have until the 19th of the following month to make their returns.")
    assert (found.modality, found.actor) == ("must", "Contractors")
    (found,) = run("Only signed returns can be logged.")
    assert found.modality == "must_not"


def test_crucial_binds_and_a_need_inside_a_relative_clause_does_not() -> None:
    # HMRC Construction Industry Scheme Reform Manual CISR63020, logging monthly returns.
    (found,) = run(
        "It is therefore crucial that returns are logged as they are received, particularly those made close to or "
        "on the filing date."
    )
    assert found.modality == "must"
    assert (
        run(
            "Returns that need to be sent back because they are not signed may run a very real risk of missing the "
            "filing date."
        )
        == []
    )


def test_a_reading_note_in_the_passive_is_no_requirement() -> None:
    # Probation Circular 48/2005, OASys quality management; Prison Service Order 4460 (prisoners' pay).
    assert run("This Circular should be read in conjunction with PC 49/2005") == []
    assert run("PSI Amendments should be read before and in conjunction with PSO") == []


# -- bullets a Word copy keeps as private-use characters ----------------------------------------------------------

# Prison Service Order 6010, the Generic Parole Process: a lead-in and its bullets (Wingdings, U+F0A7) on one line.
PSO6010_BULLETS = (
    "In particular, staff must be aware of:\n\n"
    "\uf0a7 The new GPP timetable and the deadline for submitting a completed dossier to the Parole Board; \uf0a7 The "
    "mandatory reports to be included in the dossier; \uf0a7 The arrangements for handling Parole Board directions; "
    "and \uf0a7 The roles and responsibilities of PPCS and Parole Board Case Managers;\n"
)


def test_private_use_bullets_of_a_word_copy_are_one_candidate_each() -> None:
    found = run(PSO6010_BULLETS)
    assert [c.text[:20] for c in found] == [
        "The new GPP timetabl",
        "The mandatory report",
        "The arrangements for",
        "The roles and respon",
    ]
    assert {c.modality for c in found} == {"must"}


# -- two clauses joined by "and", each with its own modal ------------------------------------------------------------

# The School Governance (Roles, Procedures and Allowances) (England) Regulations 2013, regulation 13(3): a power of the
# governors and a duty of the clerk in one sentence.
GOVERNANCE_REG_13_3 = (
    "(3) Any three members of the governing body may requisition a meeting by giving written notice to the clerk to "
    "the governing body, and the clerk must convene a meeting as soon as is reasonably practicable.\n"
)


def test_a_power_and_a_duty_joined_by_and_are_two_clauses_and_only_the_duty_is_a_candidate() -> None:
    assert [c.text for c in run(GOVERNANCE_REG_13_3)] == [
        "the clerk must convene a meeting as soon as is reasonably practicable."
    ]
