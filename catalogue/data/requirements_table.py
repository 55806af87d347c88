# ruff: noqa: E501
"""The requirements of the default catalogue, written from the directives and facts in the reference set.

Each row restates one requirement in directive style and carries its Standard Cost Model parameters.
A frequency or a time is a *citation* only where a source gives that figure (the location says where);
otherwise it is an *estimate* whose rationale says how it was reached. Shares that turn a per-case
figure into a per-commencement or per-case-a-year rate are estimates unless a source gives them; they
are named in the rationale. Each row also carries its relevance scores for the five default outcomes
(reduce reoffending, protect the public, deliver the sentence, support victims, value for money and
accountability), 0 none .. 3 direct, with one rationale for the five.

Anchors used by estimates (quoted from ``/work/shared/reference``):

- German *Zeitwerttabelle Verwaltung* (methods.md §1.3), minutes simple/medium/high: familiarisation
  2/35/413; formal check 5/30/90; acknowledge or chase data 5/10/20; substantive check and data entry
  8/60/792; calculations 9/120. Used as the basis of time estimates; still kind=estimate.
- Caseload mix: 141,000 of the 241,500 offenders on 31 Dec 2009 were on court orders (58%), the rest on
  licence or pre-release supervision (Napo PB 05). 104 approved premises with about 2,500 places.
- PC 43/2004: about 45% of offenders on community penalties had two or more unacceptable absences.
- Tier mix of new cases: NOT FOUND in the sources; assumed 90% Tiers 1-3 and 10% Tier 4, 35% Tier 2.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalogue.data.directives_table import source_address, title_of
from catalogue.models import Provenance

# Sources cited that are not directives of the reference set: (document, address).
SOURCES: dict[str, tuple[str, str]] = {
    "JC HC 519 para 1": (
        "Justice Committee, The role of the Probation Service, HC 519-I (27 Jul 2011)",
        "https://publications.parliament.uk/pa/cm201012/cmselect/cmjust/519/51904.htm",
    ),
    "JC HC 519 ch3": (
        "Justice Committee, The role of the Probation Service, HC 519-I (27 Jul 2011)",
        "https://publications.parliament.uk/pa/cm201012/cmselect/cmjust/519/51906.htm",
    ),
    "Bulletin 67": (
        "NPS Bulletin 67 (3 Aug 2007): changes in National Standards 2007",
        "https://ru.scribd.com/document/1428895/UK-Home-Office-NPS-20Bulletin-2067",
    ),
    "Napo PB 05": (
        "Napo written evidence PB 05 to the Justice Committee (2010-11)",
        "https://publications.parliament.uk/pa/cm201012/cmselect/cmjust/519/519we13.htm",
    ),
    "PR 15": ("NPS Performance Report 15", "https://www.scribd.com/document/1430498/UK-Home-Office-PR-2015"),
    "PR 19": (
        "NPS Performance Report 19",
        "https://www.scribd.com/document/1429019/UK-Home-Office-NPS-20Performance-20Report-2019",
    ),
    "PR 20": (
        "NPS Performance Report 20 (June 2006)",
        "https://www.scribd.com/document/1429039/UK-Home-Office-NPS-20Performance-20Report-2020-20-20June-202006",
    ),
    "NS 2011 WMS": (
        "Written ministerial statement, National Standards for the Management of Offenders, 5 Apr 2011",
        "https://www.theyworkforyou.com/wms/?id=2011-04-05b.59WS.1",
    ),
    "PCA 2013": (
        "Probation Chiefs Association newsletter 30 (July 2013): PTRS 2012-13",
        "http://probationchiefs.org/2013/09/12/newsletter-30-july-2013/",
    ),
}

SCORED_OUTCOMES = ("reduce_reoffending", "protect_public", "deliver_sentence", "support_victims", "value_for_money")

# Shorthands for the vocabularies (the enum values; pydantic turns them into enums).
MUST, SHOULD, MUST_NOT = "must", "should", "must not"
INPUT, PROCESS, OUTPUT, OUTCOME = "input", "process", "output", "outcome"
FAM, INFO, REC, ASSESS, REP = "familiarisation", "information_gathering", "recording", "assessment", "reporting"
MEET, SIGN, INSP, TRAIN, PLAN = "meeting", "sign_off", "inspection", "training", "planning"
CASE, COMM, REPORT, FTE, TRUST = "per_case", "per_commencement", "per_report", "per_staff_fte", "per_trust"

CJA_SCH8 = "Criminal Justice Act 2003 Sch 8"
MAPPA_LAW = "Criminal Justice Act 2003 ss325-327"
VICTIMS_LAW = "Domestic Violence, Crime and Victims Act 2004 s35"
RECALL_LAW = "Criminal Justice Act 2003 s254"
PSS_LAW = "Criminal Justice Act 2003 s256AA (inserted by the Offender Rehabilitation Act 2014)"

# Recurring estimate rationales.
NO_TIMING = "no timing study found (the 2008 SWS timings table was NOT FOUND)"
AP_ADMISSIONS = 286.0  # about 2,500 places (Napo PB 05) turning over ~4 times a year, over 35 trusts
AP_RATIONALE = "about 10,000 admissions a year: 2,500 AP places (Napo PB 05) turning over about four times a year (assumed 12-week stay), averaged over 35 trusts"
AP_DAILY = 1095.0  # one a day in each of about 3 approved premises per trust (104 APs / 35 trusts)
AP_DAILY_RATIONALE = "one a day in each of about 3 approved premises per trust (104 APs, Napo PB 05, over 35 trusts)"


def cite(source: str, location: str, note: str | None = None) -> Provenance:
    """Return a citation of a directive of the reference set, or of one of ``SOURCES``."""
    if source in SOURCES:
        document, address = SOURCES[source]
    else:
        document, address = f"{source}: {title_of(source)}", source_address(source)
    return Provenance.cite(document, location=location, address=address, note=note)


def est(rationale: str) -> Provenance:
    """Return an estimate with its one-line rationale."""
    return Provenance.estimate(rationale)


@dataclass(frozen=True)
class Row:
    """One requirement with its burden parameters and relevance scores, before validation."""

    id: str
    directive: str
    paragraph: str | None
    text: str
    modality: str
    actor: str
    purpose: str
    activity: str
    driver: str
    occurrences: float
    frequency_text: str
    frequency_provenance: Provenance
    minutes: tuple[float, float, float]
    minutes_provenance: Provenance
    grade: str
    scores: tuple[int, int, int, int, int]
    why: str
    law: str | None = None
    critical: bool = False


ROWS: list[Row] = []


def r(
    id: str,
    directive: str,
    paragraph: str | None,
    text: str,
    modality: str,
    actor: str,
    purpose: str,
    activity: str,
    driver: str,
    occurrences: float,
    frequency_text: str,
    frequency_provenance: Provenance,
    minutes: tuple[float, float, float],
    minutes_provenance: Provenance,
    grade: str,
    scores: tuple[int, int, int, int, int],
    why: str,
    law: str | None = None,
    critical: bool = False,
) -> None:
    """Add a requirement row; the arguments are the fields of :class:`Row`, in order."""
    ROWS.append(
        Row(
            id,
            directive,
            paragraph,
            text,
            modality,
            actor,
            purpose,
            activity,
            driver,
            occurrences,
            frequency_text,
            frequency_provenance,
            minutes,
            minutes_provenance,
            grade,
            scores,
            why,
            law,
            critical,
        )
    )


# The rows below are a table: one call per requirement, kept compact on purpose.
# fmt: off
# --- National Standards 2007 (in force 30 Sep 2007 - 5 Apr 2011) ---------------------------------

OVERVIEW = "Overview of minimum requirements"
r("NS07-ALLOC-T13", "NS 2007", f"{OVERVIEW}: allocation",
  "Community cases in Tiers 1-3 must be allocated to an offender manager at the pre-sentence report stage or within 3 working days of sentence or release.",
  MUST, "Offender management unit manager", PROCESS, REC, COMM, 0.9, "at PSR stage or within 3 working days of sentence/release",
  est("once per new case (NS 2007 overview) x assumed 90% of new cases in Tiers 1-3 (tier mix not in the sources)"),
  (5, 15, 30), est("allocation decision and case-record entry; Zeitwerttabelle Verwaltung 'formal check' 5/30/90 min as basis"),
  "spo", (1, 1, 2, 0, 1), "Allocation is a precondition of supervising the sentence; the fixed 3-day timescale adds little to reoffending or protection beyond prompt allocation.")
r("NS07-ALLOC-T4", "NS 2007", f"{OVERVIEW}: allocation",
  "Tier 4 community cases must be allocated to an offender manager at the pre-sentence report stage or within 1 working day of sentence or release.",
  MUST, "Offender management unit manager", PROCESS, REC, COMM, 0.1, "at PSR stage or within 1 working day",
  est("once per new case (NS 2007 overview) x assumed 10% of new cases in Tier 4 (tier mix not in the sources)"),
  (5, 15, 30), est("allocation decision and case-record entry; Zeitwerttabelle Verwaltung 'formal check' 5/30/90 min as basis"),
  "spo", (1, 3, 2, 1, 0), "Rapid allocation of the highest-risk cases is a direct public-protection measure.", critical=True)
r("NS07-FIRST-T13", "NS 2007", f"{OVERVIEW}: first contact",
  "The offender manager must have first contact with the offender within 5 working days of sentence or release (Tiers 1-3).",
  MUST, "Offender manager", PROCESS, MEET, COMM, 0.9, "within 5 working days of sentence/release",
  est("once per new case (NS 2007 overview) x assumed 90% of new cases in Tiers 1-3"),
  (30, 60, 90), est(f"first appointment including induction to the order; {NO_TIMING}"),
  "po", (2, 1, 3, 0, 0), "The first appointment starts the sentence and the working relationship that reduces reoffending.")
r("NS07-FIRST-T4", "NS 2007", f"{OVERVIEW}: first contact",
  "The offender manager must have first contact with a Tier 4 offender within 2 working days of sentence or release.",
  MUST, "Offender manager", PROCESS, MEET, COMM, 0.1, "within 2 working days",
  est("once per new case (NS 2007 overview) x assumed 10% of new cases in Tier 4"),
  (30, 60, 90), est(f"first appointment including induction to the order; {NO_TIMING}"),
  "po", (2, 3, 3, 1, 0), "Early contact with high-risk offenders after release directly manages risk of harm.", critical=True)
r("NS07-PLAN-T13", "NS 2007", f"{OVERVIEW}: sentence plan",
  "A sentence plan must be completed within 15 working days of sentence or release (Tiers 1-3).",
  MUST, "Offender manager", PROCESS, ASSESS, COMM, 0.9, "within 15 working days",
  est("once per new case (NS 2007 overview) x assumed 90% of new cases in Tiers 1-3"),
  (45, 90, 150), est("drafting and agreeing the plan with the offender, beyond the OASys assessment time counted under PSO 2205; no timing found"),
  "po", (3, 2, 2, 1, 0), "The sentence plan targets the needs linked to reoffending and sets risk controls.")
r("NS07-PLAN-T4", "NS 2007", f"{OVERVIEW}: sentence plan",
  "A sentence plan must be completed within 5 days of sentence or release for Tier 4 cases.",
  MUST, "Offender manager", PROCESS, ASSESS, COMM, 0.1, "within 5 days",
  est("once per new case (NS 2007 overview) x assumed 10% of new cases in Tier 4"),
  (60, 120, 180), est("high-risk plans take longer to agree with partners; no timing found"),
  "po", (3, 3, 2, 1, 0), "A prompt plan for high-risk cases sets the controls that protect the public.", critical=True)
r("NS07-PLAN-CUST", "NS 2007", f"{OVERVIEW}: sentence plan (custody)",
  "For custodial sentences of 12 months or more the sentence plan must be completed within 8 weeks where less than 2 years remain to the release or tariff date, and within 16 weeks where 2 years or more remain.",
  MUST, "Offender manager", PROCESS, ASSESS, CASE, 0.1, "within 8 weeks / 16 weeks",
  est("assumed one custodial sentence plan a year per 10 offenders on the community caseload (count of such sentences not in the sources)"),
  (45, 90, 150), est("as for a community sentence plan; no timing found"),
  "po", (3, 2, 2, 1, 0), "Planning custodial sentences prepares resettlement, which reduces reoffending.")
r("NS07-REVIEW-4M", "NS 2007", "Std 2e.5",
  "The assessment and sentence plan of every community case must be formally reviewed at least every 4 months.",
  MUST, "Offender manager", PROCESS, ASSESS, CASE, 1.74, "every 4 months",
  est("3 reviews a year (every 4 months, Std 2e.5 per NPS Bulletin 67) x 58% of the caseload on court orders (141,000 of 241,500, Napo PB 05)"),
  (40, 75, 120), est("an OASys review is shorter than a full assessment (PSO 2205: 3 h / 5 h); Zeitwerttabelle 'substantive check' 60 min medium as basis"),
  "po", (2, 2, 2, 0, 0), "Reviews keep plans current; a fixed 4-monthly cycle regardless of risk is a process rule rather than an outcome.")
r("NS07-TIER2-CONTACT", "NS 2007", "Std 2c.16",
  "Tier 2 cases must have at least 10 contacts with the offender in the first 16 weeks of the sentence.",
  MUST, "Offender manager", PROCESS, MEET, COMM, 3.5, "10 contacts in the first 16 weeks",
  est("10 contacts (Std 2c.16 per NPS Bulletin 67) x assumed 35% of new cases in Tier 2"),
  (20, 40, 60), est("one supervision appointment with preparation and recording; JC 2011 heard a routine contact may last about 10 minutes"),
  "pso", (3, 1, 3, 0, 0), "Contact is the substance of supervision, though a fixed count in the first 16 weeks is prescriptive.")
r("NS07-CONTACT-LEVELS", "NS 2007", None,
  "Cases must be seen at least at the minimum contact level the standard sets for their tier throughout the sentence.",
  MUST, "Offender manager", PROCESS, MEET, CASE, 12, "minimum contact level for the tier",
  est("assumed 12 contacts a year per case on average after induction (the NS 2007 contact table for Tiers 1, 3 and 4 was not retrieved)"),
  (20, 40, 60), est("one supervision appointment with preparation; JC 2011 heard a routine contact may last about 10 minutes"),
  "po", (3, 2, 3, 1, 0), "Contact is the substance of supervision; fixed minimum counts were what NS 2011 replaced with professional judgement.")
r("NS07-CONTACT-REC", "NS 2007", None,
  "Every appointment and every failure to attend must be recorded on the case record, with a decision on whether any absence was acceptable.",
  MUST, "Offender manager", PROCESS, REC, CASE, 24, "each appointment",
  est("assumed 24 appointments a year per case (fortnightly on average; NS 2007 contact levels for Tiers 1, 3 and 4 not retrieved)"),
  (3, 8, 15), est("one case-record entry; Zeitwerttabelle Verwaltung data entry 'simple' 8 min as basis"),
  "pso", (1, 1, 2, 0, 1), "The record is the evidence base for enforcement and accountability but adds nothing by itself to outcomes.")
r("NS07-TIER", "NS 2007", OVERVIEW,
  "Each case must be placed in a tier (1-4) at the start of the sentence and the tier's minimum requirements applied.",
  MUST, "Offender manager", PROCESS, ASSESS, COMM, 1, "at the start of each sentence",
  cite("NS 2007", OVERVIEW, "once per new case"),
  (5, 10, 20), est("tier decision from the OASys result and case-record entry; Zeitwerttabelle 'formal check' simple-medium"),
  "po", (1, 2, 2, 0, 1), "Tiering matches resources to risk; the same decision is also required by PC 65/2005.")
r("NS07-WARN", "NS 2007", None,
  "A formal warning must be given for a first unacceptable failure to comply, unless a warning was given in the previous 12 months.",
  MUST, "Offender manager", PROCESS, REP, COMM, 0.35, "on a first unacceptable failure",
  est("58% of new cases on court orders (Napo PB 05) x assumed 60% with at least one unacceptable absence (PC 43/2004: 45% had two or more)"),
  (10, 20, 30), est("warning letter from a template and case-record entry; no timing found"),
  "pso", (1, 1, 3, 0, 0), "Warnings make the order's requirements credible; the statute (Sch 8 para 5) already requires the same.", law=f"{CJA_SCH8} para 5")
r("NS07-ENF-10D", "NS 2007", None,
  "Breach action must be initiated within 10 working days of a second unacceptable failure to comply within 12 months.",
  MUST, "Offender manager", PROCESS, REP, COMM, 0.27, "within 10 working days",
  est("58% of new cases on court orders (Napo PB 05) x 45% with two or more unacceptable absences (PC 43/2004)"),
  (90, 150, 240), est("breach report, evidence bundle and court paperwork; no timing found"),
  "po", (1, 2, 3, 0, 1), "Prompt breach action upholds the sentence of the court; the 10-day limit is a timeliness target.", law=f"{CJA_SCH8} para 6")
r("NS07-RECALL-3", "NS 2007", "Std 2f.4",
  "Licence recall proceedings must be initiated when a third appointment is missed without reasonable explanation in any 12-month period.",
  MUST, "Offender manager", PROCESS, REP, CASE, 0.04, "on the third missed appointment in 12 months",
  est("licence cases are 42% of the caseload (Napo PB 05) x assumed 10% reaching a third unexplained absence a year"),
  (120, 180, 300), est("recall report, manager authorisation and liaison with the public protection casework section; no timing found"),
  "po", (1, 3, 3, 1, 0), "Recall is the main control on licensees who disengage; it protects the public and victims.", law=RECALL_LAW, critical=True)

# --- National Standards 2005 (superseded by NS 2007) and PC 15/2005 --------------------------------

r("NS05-TIER2-CONTACT", "NS 2005", "Tier 2 contact levels",
  "Tier 2 cases must have at least 16 contacts with the offender in the first 16 weeks of the sentence.",
  MUST, "Offender manager", PROCESS, MEET, COMM, 5.6, "16 contacts in the first 16 weeks",
  est("16 contacts (NPS Bulletin 67: NS 2007 reduced Tier 2 from 16 to 10 in the first 16 weeks) x assumed 35% of new cases in Tier 2"),
  (20, 40, 60), est("one supervision appointment with preparation and recording"),
  "pso", (3, 1, 3, 0, 0), "Contact is the substance of supervision; NS 2007 judged 16 contacts more than needed and cut it to 10.")
r("NS05-ENF-10D", "NS 2005", "Enforcement",
  "Enforcement action must be initiated within 10 working days of a second unacceptable absence.",
  MUST, "Offender manager", PROCESS, REP, COMM, 0.27, "within 10 working days",
  est("58% of new cases on court orders (Napo PB 05) x 45% with two or more unacceptable absences (PC 43/2004)"),
  (90, 150, 240), est("breach report, evidence bundle and court paperwork; no timing found"),
  "po", (1, 2, 3, 0, 1), "Prompt breach action upholds the sentence of the court.", law=f"{CJA_SCH8} para 6")
r("PC15-05-BRIEF", "PC 15/2005", "Action",
  "Chief Officers must ensure that all staff are briefed on National Standards 2005.",
  MUST, "Chief Officer", INPUT, FAM, FTE, 1, "once, on issue",
  cite("PC 15/2005", "Action", "one briefing for every member of staff, counted in the year of issue"),
  (15, 30, 60), est("Zeitwerttabelle Verwaltung familiarisation medium 35 min as basis"),
  "po", (1, 1, 1, 0, 0), "Staff must know the standards they work to; the benefit is indirect.")
r("PC15-05-CONTACT", "PC 15/2005", "Action",
  "Each area must nominate a National Standards point of contact.",
  MUST, "Chief Officer", INPUT, PLAN, TRUST, 1, "once",
  cite("PC 15/2005", "Action"),
  (30, 60, 120), est("nomination and ongoing liaison set-up; no timing found"),
  "aco", (0, 0, 1, 0, 1), "A named contact helps central monitoring but not the outcomes themselves.")
r("PC15-05-MONITOR", "PC 15/2005", "Action",
  "Areas must supply the information NPD needs to monitor implementation of National Standards 2005.",
  MUST, "Area (performance unit)", OUTPUT, REP, TRUST, 4, "as requested",
  est("NPD monitored implementation (PC 15/2005); assumed quarterly requests"),
  (120, 240, 480), est("collating implementation evidence; Zeitwerttabelle 'preparing data' as basis"),
  "spo", (0, 0, 1, 0, 1), "Central monitoring of implementation serves accountability only.")

# --- National Standards 2011 ------------------------------------------------------------------------

r("NS11-ENF", "NS 2011", None,
  "Breach action must be taken as before: the mandatory requirements governing breach have not been altered.",
  MUST, "Offender manager", PROCESS, REP, COMM, 0.27, "within 10 working days of the second unacceptable failure",
  est("58% of new cases on court orders (Napo PB 05) x 45% with two or more unacceptable absences (PC 43/2004)"),
  (90, 150, 240), est("breach report, evidence bundle and court paperwork; no timing found"),
  "po", (1, 2, 3, 0, 1), "Breach upholds the court's sentence; NS 2011 kept the rule while freeing contact levels.", law=f"{CJA_SCH8} para 6")
r("NS11-EARLY-TERM", "NS 2011", None,
  "Early termination of an order for good progress must still be sought by application to the court.",
  MUST, "Offender manager", PROCESS, REP, COMM, 0.02, "on good progress",
  est("assumed 2% of orders put back to court for early termination (count not in the sources)"),
  (60, 120, 180), est("application report and court attendance; no timing found"),
  "po", (1, 0, 2, 0, 1), "A court application preserves judicial control of the sentence; the benefit to outcomes is small.", law=f"{CJA_SCH8} Part 4")
r("NS11-JUDGEMENT", "NS 2011", None,
  "Offender managers should manage each case as its risks demand, using professional judgement rather than fixed contact levels, and record the contact level chosen in the plan.",
  SHOULD, "Offender manager", OUTCOME, PLAN, COMM, 1, "at each plan",
  cite("NS 2011 WMS", "statement text", "once per new case"),
  (5, 10, 20), est("recording the reasoned contact level; no timing found"),
  "po", (3, 3, 2, 1, 2), "Risk-led supervision is the outcome-focused replacement of fixed contact counts.")
r("NS11-GUIDANCE", "NS 2011", None,
  "Trusts must apply the NOMS guidance on the minimum mandatory requirements that supports each standard.",
  MUST, "Trust", PROCESS, PLAN, TRUST, 1, "on issue and on revision",
  est("assumed one local policy revision a year"),
  (240, 480, 960), est("mapping local practice to the guidance; Zeitwerttabelle familiarisation high 413 min as basis"),
  "aco", (1, 1, 2, 0, 1), "Local policy alignment is necessary but indirect.")

# --- Criminal Justice Act 2003 Sch 8 (statute) -------------------------------------------------------

r("CJA-S8P5-WARN", "CJA 2003 Sch 8 para 5", "Sch 8 para 5",
  "The responsible officer must give the offender a warning for an unacceptable failure to comply with the order, unless a warning was given in the previous 12 months.",
  MUST, "Responsible officer", PROCESS, REP, COMM, 0.35, "on a first unacceptable failure",
  est("58% of new cases on court orders (Napo PB 05) x assumed 60% with at least one unacceptable absence (PC 43/2004: 45% had two or more)"),
  (10, 20, 30), est("warning letter from a template; no timing found"),
  "pso", (1, 1, 3, 0, 0), "A statutory warning makes the order enforceable and credible.", law=f"{CJA_SCH8} para 5")
r("CJA-S8P5-CONTENT", "CJA 2003 Sch 8 para 5", "Sch 8 para 5",
  "The warning must describe the circumstances of the failure, state that it is unacceptable and inform the offender that a further failure within 12 months will lead to court.",
  MUST, "Responsible officer", PROCESS, REP, COMM, 0.35, "each warning",
  est("as for the warning itself"),
  (3, 5, 10), est("completing the prescribed content in the letter"),
  "pso", (1, 0, 2, 0, 0), "The prescribed content protects fairness; it is part of the same warning.", law=f"{CJA_SCH8} para 5")
r("CJA-S8P5-RECORD", "CJA 2003 Sch 8 para 5", "Sch 8 para 5",
  "The responsible officer must record that a warning was given.",
  MUST, "Responsible officer", PROCESS, REC, COMM, 0.35, "each warning",
  est("as for the warning itself"),
  (2, 5, 10), est("one case-record entry; Zeitwerttabelle data entry simple 8 min"),
  "pso", (0, 0, 2, 0, 1), "The record proves the warning in later breach proceedings.", law=f"{CJA_SCH8} para 5")
r("CJA-S8P6-BREACH", "CJA 2003 Sch 8 para 5", "Sch 8 para 6 (partly retrieved)",
  "Where the offender fails again without reasonable excuse within 12 months of a warning, the responsible officer must refer the matter to court for breach proceedings.",
  MUST, "Responsible officer", PROCESS, REP, COMM, 0.27, "on a further failure after a warning",
  est("58% of new cases on court orders (Napo PB 05) x 45% with two or more unacceptable absences (PC 43/2004)"),
  (60, 120, 180), est("laying the information and the breach report; overlaps the NS breach timescale"),
  "po", (1, 2, 3, 0, 1), "Statutory enforcement is the backstop that gives community orders their authority.", law=f"{CJA_SCH8} para 6")

# --- PC 43/2004 compliance and enforcement (expired 2009) -------------------------------------------

r("PC43-ENF-10D", "PC 43/2004", "Summary",
  "Enforcement action must be initiated within 10 working days as National Standards require, and pursued robustly.",
  MUST, "Offender manager", PROCESS, REP, COMM, 0.27, "within 10 working days",
  est("58% of new cases on court orders (Napo PB 05) x 45% with two or more unacceptable absences (PC 43/2004)"),
  (90, 150, 240), est("breach report, evidence bundle and court paperwork; no timing found"),
  "po", (1, 2, 3, 0, 1), "Repeats the National Standards enforcement rule as good-practice advice.", law=f"{CJA_SCH8} para 6")
r("PC43-COMPLIANCE", "PC 43/2004", "Summary",
  "Areas should monitor compliance rates against the 70% compliance target for 2004/05.",
  SHOULD, "Area (performance unit)", OUTPUT, INFO, TRUST, 12, "monthly",
  est("assumed monthly, with the National Standards monitoring cycle (PC 24/2004)"),
  (60, 120, 240), est("extracting and reviewing compliance figures; Zeitwerttabelle 'preparing data' medium 20 min per item"),
  "spo", (1, 0, 2, 0, 1), "Compliance is an intermediate measure of sentence delivery.")

# --- PSO 2205 OASys -------------------------------------------------------------------------------

r("PSO2205-SCOPE", "PSO 2205", "Which offenders need OASys",
  "Staff must determine, by the order's scope rules, which offenders need an OASys assessment.",
  MUST, "Offender manager", INPUT, ASSESS, COMM, 1, "each new case",
  cite("PSO 2205", "Mandatory actions: which offenders need OASys", "once per new case"),
  (2, 5, 10), est("a scope check; Zeitwerttabelle 'formal check' simple 5 min"),
  "po", (1, 1, 1, 0, 1), "Targets assessment effort; little value on its own.")
r("PSO2205-OASYS1", "PSO 2205", "Completion timescales",
  "An OASys assessment must be completed for each offender in scope at the start of supervision where none was completed at the pre-sentence stage.",
  MUST, "Offender manager", PROCESS, ASSESS, COMM, 0.5, "at the start of supervision",
  est("assumed half of new cases need an initial OASys not already done at the pre-sentence stage"),
  (120, 180, 240), cite("PSO 2205", "ECG agreed estimated average timings", "central 3 h for OASys 1; low/high +/-1 h assumed"),
  "po", (3, 3, 2, 1, 0), "Structured assessment of needs and risk underpins plans that reduce reoffending and harm.", critical=True)
r("PSO2205-OASYS2", "PSO 2205", "Completion timescales",
  "A full OASys (risk of serious harm analysis) must be completed where the risk screening indicates it.",
  MUST, "Offender manager", PROCESS, ASSESS, COMM, 0.15, "when the screening indicates",
  est("assumed 15% of new cases screened in for a full risk of serious harm analysis"),
  (240, 300, 360), cite("PSO 2205", "ECG agreed estimated average timings", "central 5 h for OASys 2; low/high +/-1 h assumed"),
  "po", (2, 3, 1, 2, 0), "The full risk analysis is the core public-protection assessment.", critical=True)
r("PSO2205-RISK-SCREEN", "PSO 2205", "Risk of serious harm screening",
  "A risk of serious harm screening must be completed within every OASys assessment.",
  MUST, "Offender manager", PROCESS, ASSESS, COMM, 0.65, "each assessment",
  est("one per OASys assessment: 50% at start of supervision plus the share done at PSR stage, assumed 65% of new cases"),
  (10, 20, 30), est("screening section of OASys; Zeitwerttabelle 'substantive check' simple-medium"),
  "po", (1, 3, 1, 2, 0), "Screening decides which cases need full risk management.", critical=True)
r("PSO2205-REVIEW", "PSO 2205", "Review timescales",
  "OASys must be reviewed at the set timescales and whenever there is a significant change in the case.",
  MUST, "Offender manager", PROCESS, ASSESS, CASE, 1, "at set intervals and on significant change",
  est("assumed one review a year per case beyond the NS 2007 4-monthly reviews (licence cases, significant change)"),
  (40, 75, 120), est("an OASys review is shorter than a full assessment (PSO 2205: 3 h / 5 h)"),
  "po", (2, 2, 1, 0, 0), "Overlaps the NS 2007 4-monthly review of the same assessment.")
r("PSO2205-SELF", "PSO 2205", "Offender involvement",
  "The offender must be involved in the assessment, including completing the self-assessment questionnaire with staff help where needed.",
  MUST, "Offender manager", PROCESS, MEET, COMM, 0.65, "each assessment",
  est("one per OASys assessment, assumed 65% of new cases"),
  (10, 20, 30), est("explaining and collecting the self-assessment; no timing found"),
  "pso", (2, 0, 1, 0, 0), "Involving the offender improves engagement with the plan.")
r("PSO2205-QA", "PSO 2205", "Quality assurance",
  "OASys assessments must be quality assured, with a manager countersigning those selected under the local QA arrangements.",
  MUST, "Middle manager", PROCESS, SIGN, COMM, 0.2, "each assessment selected",
  est("assumed 1 in 5 assessments countersigned or sampled (QA rate not in the sources)"),
  (15, 30, 45), est("reading and countersigning an assessment; Zeitwerttabelle 'formal check' medium 30 min"),
  "spo", (1, 2, 0, 0, 1), "Countersigning adds assurance on risk judgements at a recurring management cost.", critical=True)
r("PSO2205-ACCESS", "PSO 2205", "Access",
  "Access to OASys records must be restricted to authorised staff and the user accounts kept up to date.",
  MUST, "Trust (systems administrator)", INPUT, REC, TRUST, 12, "monthly account maintenance",
  est("assumed monthly review of OASys user accounts"),
  (30, 60, 120), est("account administration; no timing found"),
  "admin", (0, 1, 0, 1, 1), "Access control protects sensitive risk information.")

# --- PSRs and OASys: PC 53/2004, PC 89/2005, PI 05/2011, PI 04/2016 -----------------------------------

r("PC53-OASYS-PSR", "PC 53/2004", "OASys at the pre-sentence stage",
  "OASys must be completed at the pre-sentence stage for standard delivery reports, and the report drawn from it.",
  MUST, "Report author", PROCESS, ASSESS, REPORT, 0.5, "each standard delivery report",
  est("assumed half of the 218,000 reports are standard delivery reports with a full OASys (the rest fast-delivery or same-day)"),
  (120, 180, 240), cite("PSO 2205", "ECG agreed estimated average timings", "3 h for OASys 1 applied to the PSR-stage assessment; low/high +/-1 h assumed"),
  "po", (2, 2, 3, 1, 0), "Assessment before sentence informs the proposal to court and the later plan.")
r("PC53-PSR", "PC 53/2004", "Report formats",
  "Pre-sentence reports must be prepared in the format agreed with sentencers and delivered to court on time.",
  MUST, "Report author", OUTPUT, REP, REPORT, 1, "each report requested",
  cite("JC HC 519 para 1", "para 1 (218,000 pre-sentence reports in 2009)", "one per report; the trust volume is the report count"),
  (60, 150, 300), est("interview, checks and writing, excluding the OASys counted separately; no timing found"),
  "po", (2, 2, 3, 1, 0), "Reports inform the sentence; the format rules are the 'how' part.", law="Criminal Justice Act 2003 ss156-158")
r("PC53-FORMATS", "PC 53/2004", "Report formats",
  "Areas must agree their report formats with sentencers locally.",
  MUST, "Area senior manager", PROCESS, MEET, TRUST, 1, "on change of formats",
  est("assumed one review of formats with sentencers a year"),
  (120, 240, 480), est("preparation and meeting with sentencers; Zeitwerttabelle 'advising' medium 30 min per party"),
  "aco", (0, 0, 2, 0, 1), "Agreed formats make reports useful to courts.")
r("PC53-SAMEDAY", "PC 53/2004", "Same-day reports",
  "Same-day reports must use the national same-day report format.",
  MUST, "Report author", PROCESS, REC, REPORT, 0.4, "each same-day report",
  est("assumed 40% of reports are same-day or fast-delivery reports"),
  (5, 10, 20), est("formatting content to the national template; no timing found"),
  "pso", (0, 0, 2, 0, 0), "A prescribed format is a 'how' rule; content matters more than layout.")
r("PC89-TEMPLATE", "PC 89/2005", "Summary",
  "Standard delivery reports must be written on the single national e-OASys report template (mandatory from April 2006).",
  MUST, "Report author", PROCESS, REC, REPORT, 0.5, "each standard delivery report",
  est("assumed half of the 218,000 reports are standard delivery reports"),
  (5, 15, 30), est("moving content into the template; PC 89/2005 claimed the templates save time, not quantified"),
  "po", (0, 0, 2, 0, 1), "Prescribes how reports are produced; benefits claimed for OASys quality.")
r("PC89-TRAIN", "PC 89/2005", "Summary",
  "Report authors should be trained to use the e-OASys report templates.",
  SHOULD, "Trust (learning and development)", INPUT, TRAIN, FTE, 0.05, "once per report author",
  est("assumed a third of operational staff write reports, trained once over about 4 years, plus turnover: ~5% of FTE a year"),
  (60, 120, 180), est("half-day course; no timing found"),
  "po", (0, 0, 1, 0, 0), "Training supports template use only.")
r("PI05-11-PSR-TYPE", "PI 05/2011", "Title only",
  "The type of pre-sentence report (oral, fast delivery or standard delivery) must be determined as the instruction sets out.",
  MUST, "Court team", PROCESS, ASSESS, REPORT, 1, "each report request",
  cite("PI 05/2011", "title", "one decision per report"),
  (2, 5, 10), est("a short decision at court; no timing found"),
  "spo", (0, 1, 2, 0, 2), "Choosing the lightest suitable report saves effort without loss to the court.")
r("PI04-16-PSR-TYPE", "PI 04/2016", "Title only",
  "The type of pre-sentence report must be determined under the new sentencing framework, as the instruction sets out.",
  MUST, "Court team", PROCESS, ASSESS, REPORT, 1, "each report request",
  cite("PI 04/2016", "title", "one decision per report"),
  (2, 5, 10), est("a short decision at court; no timing found"),
  "spo", (0, 1, 2, 0, 2), "Renewal of PI 05/2011's proportionate report choice.")

# --- National Standards monitoring and performance returns -----------------------------------------

r("PC34-NS-MONTHLY", "PC 34/2003", "Summary",
  "Areas must return the full monthly National Standards monitoring data.",
  MUST, "Area (performance unit)", OUTPUT, REP, TRUST, 12, "monthly",
  cite("PC 34/2003", "Summary", "monthly returns"),
  (480, 900, 1500), est("case-sample extraction, checking and submission before PC 24/2004 cut it to core items; Zeitwerttabelle data entry high 792 min as basis"),
  "admin", (0, 0, 1, 0, 1), "Central monitoring data; PC 24/2004 later judged most items unnecessary.")
r("PC24-NSMART", "PC 24/2004", "Summary",
  "Areas must submit the monthly National Standards monitoring return of core data (enforcement, compliance, contact) through NSMART v2 within about 20 days of the month end.",
  MUST, "Area (performance unit)", OUTPUT, REP, TRUST, 12, "monthly; May returns due 20 June",
  cite("PC 24/2004", "Summary and implementation (1 May 2004)", "12 returns a year"),
  (240, 480, 960), est("sample extraction, validation and submission; Zeitwerttabelle data entry high 792 min bounds it"),
  "admin", (0, 1, 1, 0, 2), "Monitors enforcement and contact; useful for accountability, not itself an outcome.")
r("PC24-NSMART-CASE", "PC 24/2004", "Summary",
  "Case-level National Standards events (appointment dates, absences, enforcement dates) must be recorded so that the NSMART sample can be drawn.",
  MUST, "Offender manager", PROCESS, REC, CASE, 4, "each event in sampled cases",
  est("assumed 4 extra monitoring fields a year per case beyond the contact record"),
  (2, 5, 10), est("structured entry of monitoring fields; Zeitwerttabelle 'filling forms' 5 min medium"),
  "pso", (0, 0, 1, 0, 1), "Largely duplicates the contact record (NS 2007) for monitoring purposes.")
r("PC24-OPTIONAL", "PC 24/2004", "Summary",
  "Monitoring items other than the core data are optional; areas may still collect them for local management.",
  SHOULD, "Area (performance unit)", OUTPUT, INFO, TRUST, 12, "monthly, where kept",
  cite("PC 24/2004", "Summary", "monthly cycle"),
  (0, 60, 240), est("time areas still spend on the optional items; none in low case"),
  "admin", (0, 0, 0, 0, 1), "Optional items were removed from the return 'to reduce bureaucracy'; any remaining effort is local choice.")
r("PC28-RETURNS-15TH", "PC 28/2006", "Data sources and deadlines",
  "Performance returns must be compiled from the specified data sources by the published calculation rules and submitted by the 15th of the month following the reporting period.",
  MUST, "Trust (performance unit)", OUTPUT, REP, TRUST, 12, "by the 15th of the month after the period",
  cite("PC 28/2006", "'The deadline date for the majority of returns is now the 15th of the month following'", "monthly periods"),
  (300, 600, 1200), est("compiling the set of returns; Zeitwerttabelle 'preparing data' high 268 min per return as basis"),
  "admin", (0, 1, 1, 0, 2), "Returns feed central performance management: accountability value only.")
r("PC28-NS-BASKET", "PC 28/2006", "Annex: National Standards monitoring calculations",
  "National Standards monitoring figures, including the 'basket of National Standards contacts', must be calculated as set out in the annex.",
  MUST, "Trust (performance unit)", OUTPUT, REP, TRUST, 12, "monthly",
  cite("PC 24/2004", "Summary", "NS monitoring is monthly"),
  (120, 240, 480), est("calculations; Zeitwerttabelle 'calculations' medium 120 min as basis"),
  "admin", (0, 0, 1, 0, 1), "Recalculates the same NS data already returned through NSMART (PC 24/2004).")
r("PC28-FORMS-20-30", "PC 28/2006", "Annex: Forms 20 and 30",
  "Statistical Forms 20 and 30 must be completed and returned as specified.",
  MUST, "Trust (performance unit)", OUTPUT, REP, TRUST, 4, "per reporting period",
  est("frequency not in the sources; assumed quarterly"),
  (240, 480, 720), est("compiling two statistical forms; no timing found"),
  "admin", (0, 0, 1, 0, 1), "Statistical returns for national statistics; no direct outcome value.")
r("PC28-SICKNESS", "PC 28/2006", "Annex: sickness",
  "Staff sickness absence must be calculated with the prescribed method and returned.",
  MUST, "Trust (human resources)", OUTPUT, REP, TRUST, 4, "per reporting period",
  est("frequency not in the sources; assumed quarterly"),
  (120, 240, 480), est("HR data extraction and calculation; no timing found"),
  "admin", (0, 0, 0, 0, 2), "Sickness is an efficiency measure; a local management matter.")
r("PC28-CHECK", "PC 28/2006", "Data sources",
  "Each return must be checked against its data source and calculation rules and signed off before submission.",
  MUST, "Middle manager", PROCESS, SIGN, TRUST, 12, "each monthly submission",
  est("one sign-off per monthly submission"),
  (60, 120, 240), est("checking and sign-off; Zeitwerttabelle 'formal check' high 90 min"),
  "spo", (0, 0, 0, 0, 1), "Data assurance for central returns only.")

# --- Unpaid work ------------------------------------------------------------------------------------

r("PC66-UPW-MANAGER", "PC 66/2005", "Action",
  "Chief Officers must nominate a senior manager to monitor unpaid work throughput every month.",
  MUST, "Chief Officer", PROCESS, INFO, TRUST, 12, "monthly",
  cite("PC 66/2005", "Action", "monthly monitoring"),
  (60, 120, 240), est("monthly review of throughput figures; no timing found"),
  "aco", (0, 0, 2, 0, 1), "Throughput monitoring helps deliver unpaid work hours.")
r("PC66-UPW-3M", "PC 66/2005", "Action",
  "Areas must report unpaid work throughput to NPD every three months.",
  MUST, "Area (performance unit)", OUTPUT, REP, TRUST, 4, "every three months",
  cite("PC 66/2005", "Action", "4 reports a year"),
  (120, 240, 480), est("compiling the quarterly report; no timing found"),
  "admin", (0, 0, 1, 0, 1), "Reports the same throughput figures the PC 94/2005 quarterly template collects.")
r("PC66-STRATEGY", "PC 66/2005", "Area strategy template",
  "Areas must set out their visible unpaid work and community engagement strategy on the national template.",
  MUST, "Area senior manager", PROCESS, PLAN, TRUST, 1, "annual refresh",
  est("template issued for the November 2005 roll-out; assumed refreshed yearly"),
  (480, 960, 1920), est("drafting a strategy; Zeitwerttabelle familiarisation high 413 min plus drafting"),
  "aco", (0, 0, 2, 1, 1), "Visible unpaid work supports public confidence in community sentences.")
r("PC66-NATIONAL-MEETING", "PC 66/2005", "Action",
  "Chief Officers must send a representative to the national unpaid work meeting.",
  MUST, "Chief Officer", INPUT, MEET, TRUST, 1, "as convened",
  est("assumed one national meeting a year"),
  (240, 420, 600), est("meeting plus travel; no timing found"),
  "aco", (0, 0, 1, 0, 0), "National meetings spread practice; little direct outcome value.")
r("PC66-MONTHLY-COUNTS", "PC 66/2005", "Summary",
  "Areas must count each month the offenders not starting unpaid work on time, not offered six hours a week, stood down or sent home.",
  MUST, "Area (unpaid work unit)", OUTPUT, INFO, TRUST, 12, "monthly",
  cite("PC 66/2005", "Summary", "monthly counts"),
  (120, 240, 480), est("manual counts from session records; no timing found"),
  "admin", (0, 0, 2, 0, 1), "The same counts are required by PC 94/2005.")
r("PC94-MONTHLY-COUNTS", "PC 94/2005", "Summary",
  "Areas must record monthly counts of stand-downs, late starts and offenders offered fewer than six hours of unpaid work.",
  MUST, "Area (unpaid work unit)", OUTPUT, INFO, TRUST, 12, "monthly",
  cite("PC 94/2005", "Summary", "monthly counts"),
  (120, 240, 480), est("manual counts from session records; no timing found"),
  "admin", (0, 0, 2, 0, 1), "Near-duplicate of the PC 66/2005 monthly counts.")
r("PC94-QUARTERLY", "PC 94/2005", "Summary",
  "Areas must provide unpaid work data to NPD on the template every three months.",
  MUST, "Area (performance unit)", OUTPUT, REP, TRUST, 4, "every three months",
  cite("PC 94/2005", "Summary", "4 returns a year"),
  (180, 360, 600), est("completing the template; Zeitwerttabelle 'preparing data' medium-high"),
  "admin", (0, 0, 1, 0, 1), "Overlaps the PC 66/2005 three-monthly throughput report.")
r("PC94-SESSION-REC", "PC 94/2005", "Summary",
  "Hours offered and worked must be recorded for each unpaid work session so that the counts can be produced.",
  MUST, "Unpaid work supervisor", PROCESS, REC, COMM, 12, "each session",
  est("assumed 40% of new cases include unpaid work (requirement mix not in the sources) x 30 sessions"),
  (1, 2, 4), est("one line per attendance; Zeitwerttabelle 'filling forms' simple 3 min"),
  "pso", (0, 0, 3, 0, 1), "Crediting hours is needed to deliver and enforce the order.")
r("PC11-UPW-AUDIT", "PC 11/2006", "Summary",
  "Areas must complete the annual audit spreadsheet of all unpaid work placements used in March and return it by 30 April.",
  MUST, "Area (unpaid work unit)", OUTPUT, REP, TRUST, 1, "annually, by 30 April",
  cite("PC 11/2006", "Summary", "annual audit"),
  (480, 960, 1920), est("listing every placement; Zeitwerttabelle data entry high 792 min as basis"),
  "admin", (0, 0, 1, 0, 1), "An inventory for central use.")
r("PI02-10-COMPLIANCE", "PI 02/2010", "Audit/monitoring",
  "Trusts must deliver unpaid work to the Community Payback specification and operating manual and demonstrate compliance with its mandatory actions when the Director of Offender Management requires.",
  MUST, "Trust", OUTPUT, REP, TRUST, 1, "when required",
  est("assumed one compliance demonstration a year"),
  (240, 480, 960), est("assembling evidence against the mandatory actions; no timing found"),
  "spo", (0, 0, 2, 0, 2), "Assurance that the specification is met; accountability value.")
r("PI02-10-HOURS", "PI 02/2010", "Operating manual",
  "Hours worked must be recorded for each unpaid work session and credited to the order.",
  MUST, "Unpaid work supervisor", PROCESS, REC, COMM, 12, "each session",
  est("assumed 40% of new cases include unpaid work x 30 sessions"),
  (1, 2, 4), est("one line per attendance"),
  "pso", (0, 0, 3, 0, 1), "Same recording as PC 94/2005 asks; needed to complete the sentence.")
r("PI02-10-VISIBLE", "PI 02/2010", "Specification",
  "Unpaid work must be delivered visibly as Community Payback, with projects the community can nominate.",
  MUST, "Trust (unpaid work unit)", PROCESS, PLAN, TRUST, 12, "monthly project planning",
  est("assumed monthly project planning and publicity"),
  (60, 120, 240), est("planning and publicity; no timing found"),
  "spo", (0, 0, 2, 1, 1), "Visible payback supports confidence in the sentence.")

# --- Approved premises ------------------------------------------------------------------------------

r("PC19-07-SIGN", "PC 19/2007", "Summary",
  "Residents must sign the national approved premises rules at admission or induction.",
  MUST, "Approved premises staff", PROCESS, SIGN, TRUST, AP_ADMISSIONS, "each admission",
  est(AP_RATIONALE),
  (10, 15, 20), est("explaining and signing the rules; no timing found"),
  "pso", (1, 2, 2, 0, 0), "Signed rules make conditions of residence enforceable.", critical=True)
r("PC19-07-LOCAL", "PC 19/2007", "Summary",
  "Local supplementary rules may be added to the national rules; where they are, they must be written and explained to residents.",
  SHOULD, "Approved premises manager", PROCESS, PLAN, TRUST, 1, "on change",
  est("assumed one revision a year"),
  (60, 120, 240), est("drafting local rules; no timing found"),
  "spo", (0, 1, 1, 0, 0), "Local rules address local risks.")
r("PI02-11-SIGN", "PI 02/2011", "Mandatory actions 2.1-2.6",
  "Residents must sign the 2011 national approved premises rules on admission, and staff must explain the rules and the consequences of breaking them.",
  MUST, "Approved premises staff", PROCESS, SIGN, TRUST, AP_ADMISSIONS, "each admission",
  est(AP_RATIONALE),
  (10, 15, 20), est("explaining and signing the rules; no timing found"),
  "pso", (1, 2, 2, 0, 0), "Replaces the PC 19/2007 rules; signed rules make conditions of residence enforceable.", critical=True)
r("PI02-11-COMPLIANCE", "PI 02/2011", "Audit/monitoring",
  "Trusts must demonstrate compliance with the mandatory actions when the Director of National Services requires.",
  MUST, "Trust", OUTPUT, REP, TRUST, 1, "when required",
  est("assumed one compliance demonstration a year"),
  (120, 240, 480), est("assembling evidence; no timing found"),
  "spo", (0, 0, 1, 0, 2), "Assurance for central management.")
r("PI04-11-COMPLIANCE", "PI 04/2011", "Audit/monitoring",
  "Trusts and Independent Management Committees must run approved premises in line with the Approved Premises Specification and Manual and demonstrate compliance with its mandatory actions when NOMS requires.",
  MUST, "Trust", OUTPUT, REP, TRUST, 1, "when required",
  est("assumed one compliance demonstration a year"),
  (240, 480, 960), est("assembling evidence against the manual; no timing found"),
  "spo", (0, 1, 1, 0, 2), "Assurance that the consolidated manual is followed.")
r("PI04-11-AP-STATS", "PI 04/2011", "Approved Premises Manual (consolidated PCs)",
  "Approved premises statistics formerly returned on the monthly H1 form must continue to be returned as the Manual sets out.",
  MUST, "Approved premises manager", OUTPUT, REP, TRUST, 12 * 104 / 35, "monthly per premises",
  cite("PC 13/2006", "title", "monthly per premises (substance carried into the AP Manual); 104 APs (Napo PB 05) averaged over 35 trusts"),
  (30, 60, 120), est("occupancy and movement counts; no timing found"),
  "admin", (0, 1, 0, 0, 1), "Occupancy statistics for national planning.")
r("PI04-11-DEATHS", "PI 04/2011", "Approved Premises Manual (consolidated PCs)",
  "The death of a resident must be reported, and investigations by the Prisons and Probation Ombudsman supported, as the Manual sets out.",
  MUST, "Approved premises manager", OUTPUT, REP, TRUST, 0.3, "each death",
  est("assumed about 10 deaths a year across 104 approved premises"),
  (480, 960, 1920), est("notification, records and interviews for the investigation; no timing found"),
  "spo", (0, 2, 0, 0, 2), "Learning from deaths protects residents; accountability for a state placement.", critical=True)
r("PC13-06-H1", "PC 13/2006", "Title",
  "Each approved premises must complete the monthly H1 statistical form.",
  MUST, "Approved premises manager", OUTPUT, REP, TRUST, 12 * 104 / 35, "monthly per premises",
  cite("PC 13/2006", "title", "monthly per premises; 104 APs (Napo PB 05) averaged over 35 trusts"),
  (30, 60, 120), est("occupancy and movement counts; no timing found"),
  "admin", (0, 1, 0, 0, 1), "Occupancy statistics for national planning.")
r("PC02-04-DEATH", "PC 02/2004", "Title",
  "The death of an approved premises resident must be reported to the centre without delay.",
  MUST, "Approved premises manager", OUTPUT, REP, TRUST, 0.3, "each death",
  est("assumed about 10 deaths a year across 104 approved premises"),
  (60, 120, 240), est("notification and incident report; no timing found"),
  "spo", (0, 2, 0, 0, 2), "Prompt reporting of deaths supports learning and accountability.", critical=True)
r("PC18-04-PPO", "PC 18/2004", "Title",
  "Areas must co-operate with Prisons and Probation Ombudsman investigations of deaths of approved premises residents, providing records and staff for interview.",
  MUST, "Area", OUTPUT, INSP, TRUST, 0.3, "each death",
  est("assumed about 10 deaths a year across 104 approved premises"),
  (480, 960, 1920), est("records and interviews; no timing found"),
  "spo", (0, 2, 0, 0, 2), "Independent investigation serves learning and accountability.", critical=True)
r("PC40-07-PPO", "PC 40/2007", "Title",
  "Areas must co-operate with Prisons and Probation Ombudsman investigations of deaths of approved premises residents.",
  MUST, "Area", OUTPUT, INSP, TRUST, 0.3, "each death",
  est("assumed about 10 deaths a year across 104 approved premises"),
  (480, 960, 1920), est("records and interviews; no timing found"),
  "spo", (0, 2, 0, 0, 2), "Re-issue of PC 18/2004 on the same subject; both were in force until PI 04/2011.", critical=True)
r("PC35-04-SECURITY", "PC 35/2004", "Title",
  "Approved premises must maintain the security arrangements the circular sets and record the checks made.",
  MUST, "Approved premises staff", PROCESS, REC, TRUST, AP_DAILY, "daily",
  est(AP_DAILY_RATIONALE),
  (10, 15, 30), est("daily security log; no timing found"),
  "pso", (0, 3, 0, 1, 0), "Security of premises housing high-risk offenders protects residents and the public.", critical=True)
r("PC40-04-STRATEGY", "PC 40/2004", "Title",
  "Each area must have a strategy for preventing sudden deaths in approved premises and keep it under review.",
  MUST, "Area senior manager", PROCESS, PLAN, TRUST, 1, "annual review",
  est("assumed an annual review"),
  (240, 480, 960), est("drafting and reviewing a strategy; no timing found"),
  "spo", (0, 2, 0, 0, 1), "Preventing deaths in residence is a duty of care.", critical=True)
r("PC35-06-DEATHS", "PC 35/2006", "Title",
  "Staff must apply the measures for preventing deaths of residents at admission and during residence.",
  MUST, "Approved premises staff", PROCESS, ASSESS, TRUST, AP_ADMISSIONS, "each admission",
  est(AP_RATIONALE),
  (5, 10, 20), est("admission checks; no timing found"),
  "pso", (0, 2, 0, 0, 0), "Overlaps the PC 40/2004 strategy; duty of care to residents.", critical=True)
r("PC26-06-ADMISSIONS", "PC 26/2006", "Title",
  "Referrals to approved premises must be assessed against the national admissions policy.",
  MUST, "Approved premises manager", PROCESS, ASSESS, TRUST, 400, "each referral",
  est("assumed 1.4 referrals per admission (about 286 admissions a trust a year; 2,500 places, Napo PB 05)"),
  (20, 30, 60), est("referral assessment; Zeitwerttabelle 'substantive check' medium 60 min bounds it"),
  "spo", (1, 3, 1, 1, 1), "Admitting the right high-risk residents is the purpose of approved premises.", critical=True)
r("PC37-05-REFERRAL", "PC 37/2005", "Role and purpose",
  "Offender managers must justify each referral to approved premises against their role of enhanced supervision of high-risk offenders.",
  MUST, "Offender manager", PROCESS, ASSESS, TRUST, 400, "each referral",
  est("assumed 1.4 referrals per admission (about 286 admissions a trust a year)"),
  (15, 20, 30), est("referral form section; no timing found"),
  "po", (1, 3, 1, 1, 0), "Overlaps the admissions assessment of PC 26/2006 from the referrer's side.", critical=True)
r("PC05-05-CLOSURE", "PC 05/2005", "Title",
  "Before closing an approved premises temporarily or permanently, areas must take the steps the circular sets out.",
  MUST, "Area senior manager", PROCESS, PLAN, TRUST, 0.05, "each closure considered",
  est("assumed one closure considered nationally every year or two"),
  (960, 1920, 3840), est("consultation and planning; no timing found"),
  "aco", (0, 1, 0, 0, 1), "Rare strategic decision.")
r("PC07-07-LANGLEY", "PC 07/2007", "Title",
  "Areas placing residents with Langley House Trust must manage the service level agreement.",
  MUST, "Area", PROCESS, MEET, TRUST, 2, "contract reviews",
  est("assumed two contract reviews a year"),
  (60, 120, 240), est("contract review meeting; no timing found"),
  "spo", (0, 1, 0, 0, 1), "Contract management of a provider.")
r("PC13-08-STANDARDS", "PC 13/2008", "Title",
  "Approved premises must assess themselves against the performance improvement standards and act on the results.",
  MUST, "Approved premises manager", PROCESS, INSP, TRUST, 104 / 35, "annually per premises",
  est("assumed one self-assessment a year per premises (104 APs over 35 trusts)"),
  (240, 480, 960), est("self-assessment against standards; no timing found"),
  "spo", (0, 2, 0, 0, 1), "Self-assessment supports safe premises.")
r("PC16-08-FEMALE", "PC 16/2008", "Title",
  "Areas should consider female approved premises for women offenders who need residence.",
  SHOULD, "Offender manager", PROCESS, ASSESS, TRUST, 10, "each woman needing residence",
  est("assumed about 10 women a trust a year"),
  (15, 30, 45), est("referral consideration; no timing found"),
  "po", (1, 2, 0, 0, 0), "Appropriate placement for women.")
r("PC07-09-PROCEDURES", "PC 07/2009", "Title",
  "Staff must follow the national procedures in the day-to-day running of approved premises and record that they have done so.",
  MUST, "Approved premises staff", PROCESS, REC, TRUST, AP_DAILY, "daily",
  est(AP_DAILY_RATIONALE),
  (10, 20, 30), est("daily procedural log; no timing found"),
  "pso", (0, 2, 0, 0, 0), "Procedural records; partly duplicate the security log.", critical=True)
r("PI09-09-MEDICATION", "PI 09/2009", "Title",
  "Medication held for residents must be stored, given and recorded as the instruction sets out.",
  MUST, "Approved premises staff", PROCESS, REC, TRUST, 7800, "each dose handed out",
  est("about 71 places a trust (2,500 / 35) x 365 days x assumed 30% of residents on held medication"),
  (1, 2, 4), est("one medication record entry"),
  "pso", (0, 1, 0, 0, 0), "Safe medication is a duty of care; the AP Handbook asks the same.", critical=True)
r("APH-MEDICATION", "AP Handbook 2002", "Medication",
  "Medication records should be kept for residents as the handbook describes.",
  SHOULD, "Approved premises staff", PROCESS, REC, TRUST, 7800, "each dose handed out",
  est("about 71 places a trust (2,500 / 35) x 365 days x assumed 30% of residents on held medication"),
  (0.5, 1, 2), est("second record alongside the PI 09/2009 record"),
  "pso", (0, 1, 0, 0, 0), "Duplicates the PI 09/2009 medication record.")
r("APH-HS", "AP Handbook 2002", "Health and safety",
  "Health and safety checks should be carried out and recorded in each approved premises.",
  SHOULD, "Approved premises staff", PROCESS, INSP, TRUST, 52 * 104 / 35, "weekly per premises",
  est("assumed weekly checks in each of about 3 premises per trust"),
  (20, 30, 60), est("walk-round check and record; no timing found"),
  "pso", (0, 1, 0, 0, 0), "Premises safety; general duty of any employer.")
r("APH-STAFFING", "AP Handbook 2002", "Staffing",
  "Approved premises should be staffed to the levels the handbook sets, with a record of cover.",
  SHOULD, "Approved premises manager", INPUT, REC, TRUST, AP_DAILY, "daily",
  est(AP_DAILY_RATIONALE),
  (5, 10, 15), est("rota record; no timing found"),
  "admin", (0, 2, 0, 0, 0), "Staffing cover supports safe supervision of residents.")
r("APH-RECORDS", "AP Handbook 2002", "Records",
  "Resident records should be kept as the handbook describes.",
  SHOULD, "Approved premises staff", PROCESS, REC, TRUST, AP_ADMISSIONS, "each admission",
  est(AP_RATIONALE),
  (10, 20, 30), est("opening and closing a resident file; no timing found"),
  "pso", (0, 1, 0, 0, 1), "Basic record keeping.")
r("PI32-14-MANUAL", "PI 32/2014", "Summary",
  "Providers must run approved premises in line with the refreshed Approved Premises Manual and demonstrate compliance when NOMS requires.",
  MUST, "Provider", OUTPUT, REP, TRUST, 1, "when required",
  est("assumed one compliance demonstration a year"),
  (240, 480, 960), est("assembling evidence against the manual"),
  "spo", (0, 1, 1, 0, 2), "Consolidated assurance replacing PI 02/2011 and PI 04/2011.")
r("PI32-14-RULES", "PI 32/2014", "Summary",
  "Residents must sign the approved premises rules on admission.",
  MUST, "Approved premises staff", PROCESS, SIGN, TRUST, AP_ADMISSIONS, "each admission",
  est(AP_RATIONALE),
  (10, 15, 20), est("explaining and signing the rules"),
  "pso", (1, 2, 2, 0, 0), "Carried forward from PI 02/2011.", critical=True)

# --- Victims ----------------------------------------------------------------------------------------

r("PC62-VICTIM-OFFER", "PC 62/2001", "Summary",
  "Contact must be offered to victims of serious sexual or violent offences where the offender receives 12 months' custody or more.",
  MUST, "Victim liaison officer", PROCESS, MEET, COMM, 0.05, "each eligible case",
  est("assumed 5% of new cases carry an eligible victim (count not in the sources)"),
  (60, 90, 150), est("letter, visit and record; no timing found"),
  "pso", (0, 1, 1, 3, 0), "The statutory victim contact scheme serves victims directly.", law=VICTIMS_LAW)
r("PC62-VICTIM-LICENCE", "PC 62/2001", "Summary",
  "Victims who opt in must be asked about licence conditions and told of release arrangements before release.",
  MUST, "Victim liaison officer", PROCESS, MEET, COMM, 0.05, "before each release",
  est("assumed 5% of new cases carry an eligible victim"),
  (45, 60, 120), est("consultation and representations to the offender manager; no timing found"),
  "pso", (0, 2, 1, 3, 0), "Victim-related licence conditions such as exclusion zones protect victims.", law=VICTIMS_LAW, critical=True)
r("PC42-05-MDO", "PC 42/2005", "Title",
  "The victim contact scheme must be offered to victims of mentally disordered offenders given hospital orders with restrictions.",
  MUST, "Victim liaison officer", PROCESS, MEET, TRUST, 3, "each eligible case",
  est("assumed about 3 new cases a trust a year"),
  (60, 120, 180), est("letters, visit and liaison with hospital; no timing found"),
  "pso", (0, 1, 0, 3, 0), "Extends the victim contact scheme.", law="Domestic Violence, Crime and Victims Act 2004")
r("PC71-VICTIMS-FORM", "PC 71/2005", "Summary",
  "Areas must submit the National Victims Monitoring Form every quarter, including victims' ethnicity and gender and victims of mentally disordered offenders.",
  MUST, "Area (victim unit)", OUTPUT, REP, TRUST, 4, "quarterly",
  cite("PC 71/2005", "Summary", "quarterly return"),
  (120, 240, 480), est("compiling the form from victim records; no timing found"),
  "admin", (0, 0, 0, 1, 1), "Monitoring for central use.")
r("PC71-VICTIM-DIVERSITY", "PC 71/2005", "Summary",
  "Victim liaison staff must record each victim's ethnicity and gender for the monitoring form.",
  MUST, "Victim liaison officer", PROCESS, REC, COMM, 0.05, "each victim case",
  est("assumed 5% of new cases carry an eligible victim"),
  (2, 5, 10), est("two fields in the victim record"),
  "pso", (0, 0, 0, 1, 1), "Equality monitoring.")
r("PC13-04-ABROAD", "PC 13/2004", "Summary",
  "Victim liaison officers must follow the guidance where victims live in Scotland, Northern Ireland, the Republic of Ireland, the Channel Islands, the Isle of Man or abroad.",
  MUST, "Victim liaison officer", PROCESS, MEET, TRUST, 2, "each such victim",
  est("assumed 2 such victims a trust a year"),
  (30, 60, 120), est("liaison with another jurisdiction; no timing found"),
  "pso", (0, 0, 0, 3, 0), "Keeps victims abroad within the scheme.")
r("PC13-04-DISTRIBUTE", "PC 13/2004", "Action",
  "Chief Officers must distribute the guidance to relevant staff.",
  MUST, "Chief Officer", INPUT, FAM, TRUST, 1, "once",
  cite("PC 13/2004", "Action"),
  (15, 30, 60), est("cascade by email with a note"),
  "admin", (0, 0, 0, 1, 0), "Information cascade.")

# --- MAPPA ------------------------------------------------------------------------------------------

r("MAPPA07-IDENTIFY", "MAPPA Guidance 2007 v2.0", "MAPPA framework",
  "Offender managers must identify MAPPA-eligible offenders (categories 1-3) at the start of sentence and record the category.",
  MUST, "Offender manager", PROCESS, ASSESS, COMM, 1, "each new case",
  cite("MAPPA Guidance 2007 v2.0", "MAPPA framework (summary)", "eligibility checked for every new case"),
  (3, 5, 15), est("category check and record; Zeitwerttabelle 'formal check' simple 5 min"),
  "po", (0, 3, 1, 1, 1), "Identifying MAPPA offenders is the gateway to multi-agency risk management.", law=MAPPA_LAW, critical=True)
r("MAPPA07-REFER", "MAPPA Guidance 2007 v2.0", "Levels of management",
  "Cases needing active multi-agency management must be referred to a level 2 or 3 MAPPA meeting with a referral report.",
  MUST, "Offender manager", PROCESS, REP, CASE, 0.02, "each referral",
  est("assumed 2% of the caseload referred to level 2/3 a year (MAPPA counts not in the sources)"),
  (60, 120, 180), est("referral report; no timing found"),
  "po", (1, 3, 0, 2, 0), "Level 2/3 management is the core of MAPPA public protection.", law=MAPPA_LAW, critical=True)
r("MAPPA07-MEETING", "MAPPA Guidance 2007 v2.0", "Levels of management",
  "The offender manager must attend and contribute to the level 2 and 3 meetings on the case and their reviews.",
  MUST, "Offender manager", PROCESS, MEET, CASE, 0.06, "each meeting",
  est("assumed 2% of the caseload at level 2/3 with three meetings a year"),
  (60, 90, 150), est("meeting with preparation; no timing found"),
  "po", (1, 3, 0, 2, 0), "Multi-agency risk management of the highest-risk offenders.", law=MAPPA_LAW, critical=True)
r("MAPPA07-MINUTES", "MAPPA Guidance 2007 v2.0", "Levels of management",
  "Minutes of level 2 and 3 meetings must record the decisions, the risk management plan and who will act.",
  MUST, "MAPPA administrator", PROCESS, REC, CASE, 0.06, "each meeting",
  est("assumed 2% of the caseload at level 2/3 with three meetings a year"),
  (30, 45, 60), est("minute taking and circulation; no timing found"),
  "admin", (0, 2, 0, 1, 1), "The record of agreed actions makes multi-agency management accountable.", law=MAPPA_LAW, critical=True)
r("MAPPA07-DISCLOSURE", "MAPPA Guidance 2007 v2.0", "Disclosure",
  "Disclosure of information about the offender to third parties must be considered in every level 2 and 3 case and the decision recorded.",
  MUST, "MAPPA meeting", PROCESS, ASSESS, CASE, 0.02, "each level 2/3 case",
  est("assumed 2% of the caseload at level 2/3"),
  (15, 30, 60), est("decision and record; no timing found"),
  "po", (0, 3, 0, 2, 0), "Controlled disclosure protects potential victims.", law=MAPPA_LAW, critical=True)
r("MAPPA07-INFOSHARE", "MAPPA Guidance 2007 v2.0", "Information sharing",
  "Information must be shared with the duty-to-co-operate agencies under the guidance's protocols.",
  MUST, "Offender manager", PROCESS, INFO, COMM, 0.15, "each MAPPA case",
  est("assumed 15% of new cases are MAPPA-eligible (sexual or violent offences with 12 months' custody or more)"),
  (10, 20, 40), est("requests and responses to partner agencies; no timing found"),
  "po", (0, 3, 0, 1, 0), "Sharing information across agencies is the point of MAPPA.", law=MAPPA_LAW, critical=True)
r("MAPPA07-RMP", "MAPPA Guidance 2007 v2.0", "Risk assessment",
  "A risk management plan must be in place for every MAPPA case.",
  MUST, "Offender manager", PROCESS, PLAN, COMM, 0.15, "each MAPPA case",
  est("assumed 15% of new cases are MAPPA-eligible"),
  (30, 60, 90), est("plan beyond the OASys risk section; no timing found"),
  "po", (1, 3, 1, 2, 0), "The plan sets the controls that protect the public; overlaps the OASys risk management section.", law=MAPPA_LAW, critical=True)
r("MAPPA07-SMB", "MAPPA Guidance 2007 v2.0", "Strategic Management Board",
  "The trust, as part of the Responsible Authority, must take part in the MAPPA Strategic Management Board.",
  MUST, "Trust senior manager", PROCESS, MEET, TRUST, 4, "each board meeting",
  est("assumed quarterly board meetings"),
  (120, 180, 240), est("meeting with preparation; no timing found"),
  "aco", (0, 2, 0, 1, 2), "Governance of the local arrangements.", law=MAPPA_LAW)
r("MAPPA07-ANNUAL", "MAPPA Guidance 2007 v2.0", "Strategic Management Board",
  "The Responsible Authority must contribute to the area's MAPPA annual report.",
  MUST, "Trust senior manager", OUTPUT, REP, TRUST, 1, "annually",
  est("assumed annual, from the MAPPA annual report series"),
  (480, 960, 1920), est("data and text for the report; no timing found"),
  "spo", (0, 1, 0, 0, 2), "Public accountability for MAPPA.", law=MAPPA_LAW)
r("PC54-LAY", "PC 54/2004", "Summary",
  "The Responsible Authority should involve lay advisers in the Strategic Management Board.",
  SHOULD, "Trust senior manager", INPUT, MEET, TRUST, 4, "each board meeting",
  est("assumed quarterly board meetings"),
  (30, 60, 90), est("briefing lay advisers; no timing found"),
  "aco", (0, 1, 0, 1, 2), "Lay involvement supports public confidence.", law=MAPPA_LAW)
r("PC88-MAPPA-PLAN", "PC 88/2005", "Summary",
  "The Responsible Authority, through the Strategic Management Board, must produce a MAPPA Business Plan 2006/7 reflecting the national plan.",
  MUST, "Trust senior manager", PROCESS, PLAN, TRUST, 1, "once, for 2006/7",
  cite("PC 88/2005", "Summary"),
  (960, 1440, 2400), est("drafting and agreeing a business plan; no timing found"),
  "aco", (0, 1, 0, 0, 2), "Planning of MAPPA governance; indirect.")
r("PC88-COPY", "PC 88/2005", "Summary",
  "Copies of the MAPPA Business Plan must go to PPLRU by 28 April 2006 and to the Local Criminal Justice Board and Local Safeguarding Children Board.",
  MUST, "Trust (MAPPA unit)", OUTPUT, REP, TRUST, 3, "once, three recipients",
  cite("PC 88/2005", "Summary", "three copies"),
  (10, 15, 30), est("sending a document"),
  "admin", (0, 0, 0, 0, 1), "Distribution only.")
r("MAPPA12-IDENTIFY", "MAPPA Guidance 2012 v4", None,
  "Offender managers must identify MAPPA-eligible offenders at the start of sentence and record the category.",
  MUST, "Offender manager", PROCESS, ASSESS, COMM, 1, "each new case",
  cite("MAPPA Guidance 2012 v4", "summary", "eligibility checked for every new case"),
  (3, 5, 15), est("category check and record"),
  "po", (0, 3, 1, 1, 1), "Gateway to multi-agency risk management.", law=MAPPA_LAW, critical=True)
r("MAPPA12-VISOR", "MAPPA Guidance 2012 v4", "ViSOR",
  "Details of MAPPA offenders managed at level 2 or 3 and of category 1 and 2 offenders must be recorded and kept up to date on ViSOR.",
  MUST, "Offender manager", PROCESS, REC, CASE, 0.3, "on change",
  est("assumed 10% of the caseload on ViSOR x three updates a year"),
  (10, 20, 30), est("record update in a second system; no timing found"),
  "po", (0, 2, 0, 1, 0), "Shared records across agencies; duplicate keying with local systems.", law=MAPPA_LAW, critical=True)
r("MAPPA12-MEETING", "MAPPA Guidance 2012 v4", "Levels of management",
  "The offender manager must attend and contribute to level 2 and 3 MAPPA meetings on the case.",
  MUST, "Offender manager", PROCESS, MEET, CASE, 0.06, "each meeting",
  est("assumed 2% of the caseload at level 2/3 with three meetings a year"),
  (60, 90, 150), est("meeting with preparation"),
  "po", (1, 3, 0, 2, 0), "Multi-agency risk management of the highest-risk offenders.", law=MAPPA_LAW, critical=True)
r("MAPPA12-DISCLOSURE", "MAPPA Guidance 2012 v4", "Disclosure",
  "Disclosure must be considered in every level 2 and 3 case and the decision recorded.",
  MUST, "MAPPA meeting", PROCESS, ASSESS, CASE, 0.02, "each level 2/3 case",
  est("assumed 2% of the caseload at level 2/3"),
  (15, 30, 60), est("decision and record"),
  "po", (0, 3, 0, 2, 0), "Controlled disclosure protects potential victims.", law=MAPPA_LAW, critical=True)
r("MAPPA12-RMP", "MAPPA Guidance 2012 v4", "Risk management plans",
  "A risk management plan must be in place for every MAPPA case.",
  MUST, "Offender manager", PROCESS, PLAN, COMM, 0.15, "each MAPPA case",
  est("assumed 15% of new cases are MAPPA-eligible"),
  (30, 60, 90), est("plan beyond the OASys risk section"),
  "po", (1, 3, 1, 2, 0), "Sets the controls that protect the public.", law=MAPPA_LAW, critical=True)
r("MAPPA12-SMB", "MAPPA Guidance 2012 v4", "Strategic Management Board",
  "The trust must take part in the Strategic Management Board, which includes two lay advisers.",
  MUST, "Trust senior manager", PROCESS, MEET, TRUST, 4, "each board meeting",
  est("assumed quarterly board meetings"),
  (120, 180, 240), est("meeting with preparation"),
  "aco", (0, 2, 0, 1, 2), "Governance of the local arrangements.", law=MAPPA_LAW)

# --- Business plans and annual reports --------------------------------------------------------------

r("PC58-DRAFT-PLAN", "PC 58/2004", "Summary",
  "Areas must draft a business plan for 2005-06 in EFQM format and submit it by 28 February 2005.",
  MUST, "Chief Officer", PROCESS, PLAN, TRUST, 1, "once, by 28 Feb 2005",
  cite("PC 58/2004", "Summary"),
  (1920, 3840, 7680), est("drafting an area business plan: 4-16 person-days assumed"),
  "aco", (1, 1, 1, 0, 2), "Business planning serves accountability; the EFQM format prescribes how.")
r("PC58-FINAL-PLAN", "PC 58/2004", "Summary",
  "The final business plan must be submitted by 22 March 2005.",
  MUST, "Chief Officer", OUTPUT, SIGN, TRUST, 1, "once, by 22 Mar 2005",
  cite("PC 58/2004", "Summary"),
  (240, 480, 960), est("revision and sign-off of the plan"),
  "chief_officer", (0, 0, 0, 0, 2), "Second submission of the same plan.")
r("PC58-SCORECARD", "PC 58/2004", "Weighted Scorecard",
  "Area targets must be set against the Weighted Scorecard contents and weightings.",
  MUST, "Area (performance unit)", PROCESS, PLAN, TRUST, 1, "annually",
  cite("PC 58/2004", "Summary"),
  (240, 480, 960), est("target setting; no timing found"),
  "spo", (0, 1, 1, 0, 2), "Aligns local targets with the central ranking.")
r("PC08-PRIORITIES", "PC 08/2005", "Summary",
  "Area plans, due 28 February 2005, must reflect the five national priorities.",
  MUST, "Chief Officer", PROCESS, PLAN, TRUST, 1, "once",
  cite("PC 08/2005", "Summary"),
  (240, 480, 960), est("aligning the plan; overlaps PC 58/2004"),
  "aco", (1, 1, 1, 0, 2), "Overlaps the PC 58/2004 plan of the same year.")
r("PC08-BONUS", "PC 08/2005", "Performance Bonus Scheme",
  "Areas must provide the performance data used by the Performance Bonus Scheme.",
  MUST, "Area (performance unit)", OUTPUT, REP, TRUST, 4, "quarterly",
  est("assumed quarterly with the Weighted Scorecard"),
  (60, 120, 240), est("extract of scorecard data"),
  "admin", (0, 0, 0, 0, 1), "Central incentive scheme data.")
r("PC44-ANNUAL-REPORT", "PC 44/2003", "Summary",
  "The area annual report for 2002-03 must follow the required format.",
  MUST, "Chief Officer", OUTPUT, REP, TRUST, 1, "annually",
  cite("PC 44/2003", "Summary"),
  (1920, 3840, 7680), est("compiling an annual report: 4-16 person-days assumed"),
  "aco", (0, 0, 0, 0, 3), "Annual public accountability.")
r("PC27-ANNUAL-REPORT", "PC 27/2005", "Summary",
  "The area annual report for 2004-05 must be produced in EFQM format by 30 June 2005.",
  MUST, "Chief Officer", OUTPUT, REP, TRUST, 1, "annually, by 30 June",
  cite("PC 27/2005", "Summary"),
  (1920, 3840, 7680), est("compiling an annual report: 4-16 person-days assumed"),
  "aco", (0, 0, 0, 0, 3), "Annual public accountability; EFQM format prescribed.")
r("PC27-ACCOUNTS", "PC 27/2005", "Summary",
  "Audited accounts must be submitted by 29 July 2005.",
  MUST, "Area (finance)", OUTPUT, INSP, TRUST, 1, "annually, by 29 July",
  cite("PC 27/2005", "Summary"),
  (2400, 4800, 9600), est("accounts preparation and audit support: 5-20 person-days assumed"),
  "spo", (0, 0, 0, 0, 3), "Financial accountability.")
r("PC14-REPORT-ACCOUNTS", "PC 14/2006", "Summary",
  "A single annual report and accounts must be produced under the FReM, including an Operating and Financial Review and a Remuneration Report.",
  MUST, "Chief Officer", OUTPUT, REP, TRUST, 1, "annually",
  cite("PC 14/2006", "Summary"),
  (2400, 4800, 9600), est("compiling report and accounts: 5-20 person-days assumed"),
  "aco", (0, 0, 0, 0, 3), "Statutory-style public accountability for a public body.")
r("PC14-DRAFT", "PC 14/2006", "Summary",
  "Draft report and accounts must be submitted by 19 May.",
  MUST, "Area (finance)", OUTPUT, REP, TRUST, 1, "annually, by 19 May",
  cite("PC 14/2006", "Summary"),
  (120, 240, 480), est("submission and queries"),
  "admin", (0, 0, 0, 0, 1), "An extra submission stage before the audited version.")
r("PC14-AUDIT", "PC 14/2006", "Summary",
  "The accounts must be audited by 21 July, with the area supporting the auditors.",
  MUST, "Area (finance)", OUTPUT, INSP, TRUST, 1, "annually, by 21 July",
  cite("PC 14/2006", "Summary"),
  (960, 1920, 3840), est("audit support: 2-8 person-days assumed"),
  "spo", (0, 0, 0, 0, 3), "External audit assures use of public money.")
r("PC14-TARGETS", "PC 14/2006", "Annex B",
  "The annual report must report performance against the area targets in Annex B.",
  MUST, "Area (performance unit)", OUTPUT, REP, TRUST, 1, "annually",
  cite("PC 14/2006", "Annex B"),
  (240, 480, 960), est("target tables for the report"),
  "spo", (0, 0, 1, 0, 2), "Restates performance already returned monthly and quarterly.")

# --- Performance frameworks ------------------------------------------------------------------------

r("WS-QUARTERLY", "Weighted Scorecard", "Ranking",
  "Areas must supply the data for the quarterly Weighted Scorecard ranking across its service delivery targets.",
  MUST, "Area (performance unit)", OUTPUT, REP, TRUST, 4, "quarterly",
  cite("PR 15", "Weighted Scorecard", "areas ranked quarterly"),
  (480, 960, 1440), est("compiling 11-12 measures; no timing found"),
  "admin", (0, 1, 1, 0, 2), "A league table for central management.")
r("WS-ETHNICITY", "Weighted Scorecard", "Measures",
  "Offender ethnicity must be recorded accurately and on time (target 96%).",
  MUST, "Case administrator", PROCESS, REC, COMM, 1, "each new case",
  cite("PR 20", "Weighted Scorecard measures", "one record per new case"),
  (1, 2, 4), est("one field with checking"),
  "admin", (0, 0, 0, 0, 1), "Equality monitoring.")
r("WS-ROH-5D", "Weighted Scorecard", "PR 19",
  "Risk of harm assessments, risk management plans and OASys sentence plans on high-risk offenders must be completed within five working days of commencement (target 90%).",
  MUST, "Offender manager", PROCESS, REC, COMM, 0.1, "each high-risk case",
  est("assumed 10% of new cases high risk (Tier 4)"),
  (10, 20, 30), est("tracking and evidencing timeliness; the assessment time is counted under PSO 2205"),
  "spo", (0, 2, 1, 0, 1), "A timeliness target on high-risk cases.", critical=True)
r("WS-COURT-TIMELY", "Weighted Scorecard", "Measures",
  "Court reports must be delivered on time (target 98%), with due and delivery dates recorded.",
  MUST, "Court team", PROCESS, REC, REPORT, 1, "each report",
  cite("PR 20", "Weighted Scorecard measures", "every report counts"),
  (1, 3, 5), est("logging dates for the measure"),
  "admin", (0, 0, 2, 0, 1), "Timely reports avoid adjourned sentencing.")
r("WS-SICKNESS", "Weighted Scorecard", "Measures",
  "Areas must report sickness absence against the target (12.3 then 11.8 days a year).",
  MUST, "Area (human resources)", OUTPUT, REP, TRUST, 4, "quarterly",
  cite("PR 15", "Weighted Scorecard", "quarterly ranking"),
  (60, 120, 180), est("HR extract; overlaps PC 28/2006 sickness return"),
  "admin", (0, 0, 0, 0, 2), "Efficiency measure reported twice.")
r("WS-VICTIM", "Weighted Scorecard", "Measures",
  "Victims must be contacted within the required timescale (target 93%), with the contact dates recorded for the measure.",
  MUST, "Victim liaison officer", PROCESS, REC, COMM, 0.05, "each victim case",
  est("assumed 5% of new cases carry an eligible victim"),
  (2, 5, 10), est("logging contact dates for the measure"),
  "admin", (0, 0, 0, 2, 1), "Timeliness of victim contact.")
r("IPPF-OASYS-15D", "IPPF", "Measures (JC HC 519 para 82)",
  "OASys assessments must be completed within 15 working days, and timeliness reported.",
  MUST, "Offender management unit manager", PROCESS, REC, COMM, 0.9, "each new case",
  cite("JC HC 519 ch3", "para 82 (London Probation Trust)", "one timeliness record per new case in Tiers 1-3"),
  (1, 2, 4), est("tracking and chasing timeliness; the assessment is counted elsewhere"),
  "spo", (0, 1, 1, 0, 1), "A process timeliness measure, as the Justice Committee heard.")
r("IPPF-RETURNS", "IPPF", "Framework",
  "Trusts must report the IPPF measures to NOMS.",
  MUST, "Trust (performance unit)", OUTPUT, REP, TRUST, 4, "quarterly",
  est("frequency not in the sources; assumed quarterly"),
  (480, 720, 1200), est("compiling the measures; no timing found"),
  "admin", (0, 1, 1, 0, 2), "Mainly process measures (JC HC 519 para 82).")
r("IPPF-REVIEW", "IPPF", "Framework",
  "Trust performance must be reviewed with the region against the IPPF.",
  MUST, "Trust senior manager", PROCESS, MEET, TRUST, 4, "quarterly",
  est("assumed quarterly performance reviews"),
  (180, 240, 360), est("review meeting with preparation"),
  "aco", (0, 1, 1, 0, 2), "Central performance management.")
r("PTRS-OASYS-15D", "PTRS", "Measures (JC HC 519 para 82)",
  "OASys assessments must be completed within 15 working days; trusts are rated on the proportion achieved.",
  MUST, "Offender management unit manager", PROCESS, REC, COMM, 0.9, "each new case",
  cite("JC HC 519 ch3", "para 82 (London Probation Trust)", "one timeliness record per new case in Tiers 1-3"),
  (1, 2, 4), est("tracking and chasing timeliness; the assessment is counted elsewhere"),
  "spo", (0, 1, 1, 0, 1), "A process timeliness measure duplicating the NS 2007 15-day sentence plan rule.")
r("PTRS-QUARTERLY", "PTRS", "Measures",
  "Trusts must submit the data for the PTRS measures each quarter.",
  MUST, "Trust (performance unit)", OUTPUT, REP, TRUST, 4, "quarterly",
  est("PTRS measure list NOT FOUND; quarterly reporting assumed"),
  (480, 900, 1440), est("compiling the measures; no timing found"),
  "admin", (0, 1, 1, 0, 2), "Feeds the annual rating; seen as micro-management (JC HC 519 para 81).")
r("PTRS-DATA-CHECK", "PTRS", "Measures",
  "The data behind each PTRS measure must be validated and signed off before submission.",
  MUST, "Middle manager", PROCESS, SIGN, TRUST, 4, "each submission",
  est("one sign-off per quarterly submission"),
  (120, 240, 480), est("validation and sign-off; Zeitwerttabelle 'formal check' high 90 min per return"),
  "spo", (0, 0, 0, 0, 1), "Assurance for central returns.")
r("PTRS-RATING", "PTRS", "Annual rating",
  "Each trust is rated annually (bands 1-4) across public protection, reducing reoffending and sentence delivery, and must review the rating with NOMS.",
  MUST, "Chief Executive", OUTPUT, MEET, TRUST, 1, "annually",
  cite("PCA 2013", "PTRS bands", "annual ratings"),
  (240, 480, 960), est("rating review with preparation"),
  "chief_officer", (0, 1, 1, 0, 2), "Annual accountability for performance.")
r("PTRS-IMPROVE", "PTRS", "Annual rating",
  "A trust rated 'requiring improvement' or 'serious concerns' must agree and report on an improvement plan.",
  MUST, "Chief Executive", PROCESS, PLAN, TRUST, 0.1, "after a low rating",
  est("rare: in 2012-13 all 35 trusts were rated good or exceptional (PCA 2013); assumed 1 in 10 a year"),
  (960, 1440, 2400), est("drafting and monitoring a plan"),
  "aco", (1, 1, 1, 0, 2), "Targets improvement where performance is weak.")

# --- Other operational circulars and instructions -------------------------------------------------

r("PC09-POST-MEASURES", "PC 09/2007", "Summary",
  "Post-programme evaluation measures must be completed before an accredited programme completion is counted.",
  MUST, "Programme staff", PROCESS, ASSESS, COMM, 0.1, "each completion",
  est("assumed 10% of new cases complete an accredited programme (completion counts not retrieved)"),
  (30, 60, 90), est("psychometric measures and scoring; no timing found"),
  "treatment_manager", (2, 0, 1, 0, 1), "Evaluation shows whether programmes work.")
r("PC09-POST-REPORT", "PC 09/2007", "Summary",
  "A post-programme report must be completed and sent to the offender manager.",
  MUST, "Programme staff", OUTPUT, REP, COMM, 0.1, "each completion",
  est("assumed 10% of new cases complete an accredited programme"),
  (45, 60, 90), est("report writing; no timing found"),
  "treatment_manager", (2, 1, 1, 0, 0), "Hands learning back to the offender manager.")
r("PC09-IAPS", "PC 09/2007", "Summary",
  "The completion must be recorded on IAPS.",
  MUST, "Programme administrator", PROCESS, REC, COMM, 0.1, "each completion",
  est("assumed 10% of new cases complete an accredited programme"),
  (5, 10, 15), est("one system entry, separate from the case record"),
  "admin", (0, 0, 1, 0, 1), "Counting for central targets.")
r("PC90-ROLES", "PC 90/2005", "Summary",
  "Areas should agree the boundaries of probation officer and PSO roles (court work, programmes, risk of harm assessment, offender management) locally with the trade unions.",
  SHOULD, "Area senior manager", PROCESS, MEET, TRUST, 1, "on review",
  est("assumed one negotiation round a year"),
  (240, 480, 960), est("negotiation meetings"),
  "aco", (0, 1, 0, 0, 2), "Deploys staff efficiently by role.")
r("PC65-TIERING", "PC 65/2005", "Title",
  "Each case must be placed in a tier under the Tiering Framework at the start of the sentence.",
  MUST, "Offender manager", PROCESS, ASSESS, COMM, 1, "each new case",
  cite("PC 65/2005", "title", "once per new case"),
  (5, 10, 20), est("tier decision and record"),
  "po", (1, 2, 2, 0, 1), "Same decision as NS 2007's tiered minimum requirements.")
r("PI15-10-COMPLIANCE", "PI 15/2010", "Audit/monitoring",
  "Trusts must manage community orders and suspended sentence orders to the Manage the Sentence specification and demonstrate compliance with its mandatory actions when the Director of Offender Management requires.",
  MUST, "Trust", OUTPUT, REP, TRUST, 1, "when required",
  est("assumed one compliance demonstration a year"),
  (240, 480, 960), est("assembling evidence against the mandatory actions"),
  "spo", (0, 0, 1, 0, 2), "Assurance for central commissioning.")
r("PI15-10-MODEL", "PI 15/2010", "Operating model and costing",
  "Trusts should organise offender management to the specification's operating model and costing.",
  SHOULD, "Trust senior manager", PROCESS, PLAN, TRUST, 1, "annual review",
  est("assumed an annual review of the local model against the specification"),
  (480, 960, 1920), est("service review; no timing found"),
  "aco", (1, 0, 1, 0, 2), "Prescribes 'how' the service is organised.")
r("PI11-11-REVIEW", "PI 11/2011", "Audit/monitoring",
  "Trusts must report on court work through the regular contractual review with NOMS.",
  MUST, "Trust", OUTPUT, REP, TRUST, 4, "each contract review",
  est("assumed quarterly contract reviews"),
  (120, 240, 480), est("review preparation"),
  "spo", (0, 0, 1, 0, 2), "Contract accountability.")
r("PI11-11-OUTPUTS", "PI 11/2011", "Specification",
  "The minimum outputs of each court work service element must be recorded.",
  MUST, "Court team", PROCESS, REC, REPORT, 1, "each court output",
  est("assumed one output record per report-related court event"),
  (2, 5, 10), est("one log entry"),
  "admin", (0, 0, 1, 0, 1), "Output counting for the contract.")
r("PC15-06-BRIEF", "PC 15/2006", "Action",
  "Chief Officers must brief all staff on the practice recommendations of the independent review of the Hanson and White case.",
  MUST, "Chief Officer", INPUT, FAM, FTE, 1, "once",
  cite("PC 15/2006", "Action", "one briefing per member of staff"),
  (30, 45, 60), est("team briefing; Zeitwerttabelle familiarisation medium 35 min"),
  "po", (1, 2, 1, 0, 0), "Learning from a serious further offence.", critical=True)
r("PC15-06-PLAN", "PC 15/2006", "Action",
  "Chief Officers must submit an implementation action plan by 31 May 2006.",
  MUST, "Chief Officer", PROCESS, PLAN, TRUST, 1, "once, by 31 May 2006",
  cite("PC 15/2006", "Action"),
  (960, 1440, 2400), est("drafting an action plan across 36 recommendations"),
  "aco", (0, 2, 0, 0, 1), "Plans the response to a serious further offence.")
r("PC15-06-IMPLEMENT", "PC 15/2006", "Action",
  "Areas must implement the five key and 31 practice recommendations.",
  MUST, "Area", PROCESS, PLAN, TRUST, 36, "once, each recommendation",
  cite("PC 15/2006", "Action", "36 recommendations"),
  (120, 240, 480), est("per recommendation: policy change and cascade"),
  "spo", (1, 3, 1, 1, 0), "Practice changes after a serious further offence.", critical=True)
r("PC15-06-AUDIT", "PC 15/2006", "Action",
  "Areas must prepare for the audits in July and October 2006.",
  MUST, "Area", OUTPUT, INSP, TRUST, 2, "two audits",
  cite("PC 15/2006", "Action", "audits in July and October 2006"),
  (960, 1920, 2880), est("case file preparation for audit"),
  "spo", (0, 1, 0, 0, 2), "Assures that the recommendations were implemented.")
r("PC15-06-REGIONAL", "PC 15/2006", "Action",
  "Regional Managers' audits at 3 and 6 months must be supported.",
  MUST, "Area", OUTPUT, INSP, TRUST, 2, "at 3 and 6 months",
  cite("PC 15/2006", "Action", "two audits"),
  (480, 960, 1440), est("audit support; probably the same audits as the July/October ones"),
  "spo", (0, 1, 0, 0, 2), "Near-duplicate of the July/October audits.")
r("PC15-06-BOARD", "PC 15/2006", "Action",
  "Boards must receive progress reports on implementation.",
  MUST, "Chief Officer", OUTPUT, REP, TRUST, 3, "each board meeting",
  est("assumed three board reports during implementation"),
  (120, 240, 360), est("board paper"),
  "aco", (0, 1, 0, 0, 2), "Governance oversight.")

# --- 2013-2014 instructions (after the default audit date) ------------------------------------------

r("PI24-14-PSS", "PI 24/2014", "Summary",
  "Staff must enforce post-sentence supervision requirements as the instruction sets out.",
  MUST, "Offender manager", PROCESS, REP, CASE, 0.05, "each failure",
  est("assumed 5% of the caseload a year in enforcement of post-sentence supervision"),
  (60, 120, 180), est("warning or breach paperwork"),
  "po", (1, 2, 3, 0, 0), "Enforcement of the new statutory supervision period.", law=PSS_LAW)
r("PI29-14-PSS-REQS", "PI 29/2014", "Summary",
  "Supervision requirements for custodial sentences of more than 1 day and less than 2 years must be set separately from licence conditions.",
  MUST, "Offender manager", PROCESS, PLAN, COMM, 0.1, "each eligible release",
  est("assumed 10% of new cases are short-sentence releases"),
  (15, 30, 45), est("setting requirements"),
  "po", (2, 1, 3, 0, 0), "Implements the post-sentence supervision period.", law=PSS_LAW)
r("PI20-14-AFA", "PI 20/2014", "Summary",
  "Pre-sentence reports for the Service courts must be prepared where the Court Martial sits, and the mandatory actions for managing Service community orders followed.",
  MUST, "Court team", PROCESS, REP, TRUST, 2, "each case",
  est("assumed about 2 cases a trust a year"),
  (240, 360, 480), est("report preparation"),
  "po", (1, 1, 3, 0, 0), "Delivers service sentences.", law="Armed Forces Act 2006")
r("PI05-14-ALLOCATION", "PI 05/2014", "Title only",
  "Cases must be allocated as the joint instruction sets out.",
  MUST, "Offender management unit manager", PROCESS, REC, COMM, 1, "each new case",
  cite("PI 05/2014", "title", "one allocation per new case"),
  (5, 10, 20), est("allocation decision and record"),
  "spo", (1, 1, 2, 0, 1), "Allocation rules after Transforming Rehabilitation.")
r("PI07-14-TRANSFER", "PI 07/2014", "Title only",
  "Transfers of offenders under statutory supervision must follow the instruction.",
  MUST, "Offender manager", PROCESS, REC, CASE, 0.03, "each transfer",
  est("assumed 3% of the caseload transfers a year"),
  (60, 90, 120), est("transfer paperwork on both sides"),
  "po", (0, 1, 1, 0, 0), "Continuity of supervision on transfer.")
r("PI06-13-CRITICAL", "PI 06/2013", "Title only",
  "Critical public protection cases must be registered and managed as the instruction sets out.",
  MUST, "Trust senior manager", PROCESS, REC, TRUST, 5, "each case",
  est("assumed about 5 such cases a trust a year"),
  (60, 120, 240), est("registration and oversight"),
  "aco", (0, 3, 0, 2, 0), "Highest-risk cases.", critical=True)
r("PI08-14-ESCALATION", "PI 08/2014", "Title only",
  "Cases in the community whose risk escalates must be referred to the National Probation Service for review as the instruction sets out.",
  MUST, "Offender manager", PROCESS, REP, CASE, 0.02, "each escalation",
  est("assumed 2% of the caseload a year"),
  (30, 60, 90), est("referral form"),
  "po", (0, 3, 0, 1, 0), "Risk escalation between providers.", critical=True)
r("PI27-14-RECALL", "PI 27/2014", "Title only",
  "Recall reviews and re-release of recalled offenders must follow the instruction.",
  MUST, "Offender manager", PROCESS, REP, CASE, 0.01, "each recall",
  est("assumed 1% of the caseload a year"),
  (60, 120, 180), est("review report"),
  "po", (1, 3, 2, 1, 0), "Decisions on re-release of recalled offenders.", law=RECALL_LAW, critical=True)
r("PI06-14-ENF", "PI 06/2014", "Title only",
  "Community orders and suspended sentence orders must be enforced as the instruction sets out.",
  MUST, "Offender manager", PROCESS, REP, COMM, 0.27, "each breach",
  est("58% of new cases on court orders (Napo PB 05) x 45% with two or more unacceptable absences (PC 43/2004)"),
  (90, 150, 240), est("breach report and court paperwork"),
  "po", (1, 2, 3, 0, 1), "Enforcement of community sentences after 2014.", law=f"{CJA_SCH8} para 6")
r("PI11-14-LICENCE", "PI 11/2014", "Title only",
  "Licence conditions, polygraph examinations and temporary travel abroad must be handled as the instruction sets out.",
  MUST, "Offender manager", PROCESS, PLAN, CASE, 0.02, "each request or condition",
  est("assumed 2% of the caseload a year"),
  (30, 60, 90), est("applications and conditions"),
  "po", (0, 3, 1, 1, 0), "Licence controls.", critical=True)


# fmt: on

# --- Familiarisation: briefing staff on each new directive ------------------------------------------

FAM_RATIONALE = (
    "Zeitwerttabelle Verwaltung familiarisation medium 35 min as basis for a 30-minute briefing per affected staff "
    "member, given once and annualised over an assumed 4 years in force"
)
# Directive -> (share of staff FTE affected, who is briefed). Directives whose text orders briefing are above.
FAMILIARISATION: dict[str, tuple[float, str]] = {
    "NS 2005": (0.6, "operational staff"),
    "NS 2007": (0.6, "operational staff"),
    "NS 2011": (0.6, "operational staff"),
    "CJA 2003 Sch 8 para 5": (0.6, "operational staff"),
    "PC 43/2004": (0.6, "operational staff"),
    "PSO 2205": (0.5, "staff who complete OASys"),
    "PC 53/2004": (0.3, "report authors"),
    "PC 89/2005": (0.3, "report authors"),
    "PI 05/2011": (0.3, "court and report staff"),
    "PC 24/2004": (0.1, "managers and performance staff"),
    "PC 28/2006": (0.05, "performance staff"),
    "PC 66/2005": (0.1, "unpaid work staff"),
    "PC 94/2005": (0.05, "unpaid work managers"),
    "PI 02/2010": (0.1, "unpaid work staff"),
    "PI 15/2010": (0.6, "operational staff"),
    "PI 11/2011": (0.1, "court staff"),
    "PC 65/2005": (0.6, "operational staff"),
    "PC 09/2007": (0.05, "programme staff"),
    "PC 62/2001": (0.05, "victim liaison staff"),
    "PC 71/2005": (0.05, "victim liaison staff"),
    "PC 42/2005": (0.05, "victim liaison staff"),
    "MAPPA Guidance 2007 v2.0": (0.6, "operational staff"),
    "MAPPA Guidance 2012 v4": (0.6, "operational staff"),
    "PC 19/2007": (0.05, "approved premises staff"),
    "PI 02/2011": (0.05, "approved premises staff"),
    "PI 04/2011": (0.05, "approved premises staff"),
    "PI 09/2009": (0.05, "approved premises staff"),
    "PC 26/2006": (0.05, "approved premises staff"),
    "PC 13/2008": (0.05, "approved premises staff"),
    "PI 32/2014": (0.05, "approved premises staff"),
    "Weighted Scorecard": (0.1, "managers and performance staff"),
    "IPPF": (0.1, "managers and performance staff"),
    "PTRS": (0.1, "managers and performance staff"),
    "PI 24/2014": (0.6, "operational staff"),
    "PI 29/2014": (0.6, "operational staff"),
}


def _fam_id(reference: str) -> str:
    cleaned = "".join(ch if ch.isalnum() else "-" for ch in reference.upper())
    while "--" in cleaned:
        cleaned = cleaned.replace("--", "-")
    return f"FAM-{cleaned.strip('-')}"


for _ref, (_share, _who) in FAMILIARISATION.items():
    r(
        _fam_id(_ref),
        _ref,
        None,
        f"Managers must read {_ref} on issue and brief the {_who} it affects.",
        MUST,
        "Trust managers",
        INPUT,
        FAM,
        FTE,
        round(_share / 4, 4),
        "once on issue",
        est(f"{_who} ~{_share:.0%} of FTE briefed once, spread over an assumed 4 years in force"),
        (10, 30, 60),
        est(FAM_RATIONALE),
        "po",
        (1, 1, 1, 0, 0),
        "Staff need to know a new directive before applying it; the briefing itself has only indirect value.",
    )
