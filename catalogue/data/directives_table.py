# ruff: noqa: E501
"""The 81 directives of the reference set (``directives.csv``), with the status and links the sources give.

``DIRECTIVE_ROWS`` is the reference table as it was researched: id, title, type, issued, issuer, summary,
source address. Two rows (PI 11/2014, PSI 18/2014) have a comma in their title; they are quoted here as
single fields, which is what the researched CSV meant. ``LIFECYCLE`` adds what the summaries say about
effective/expiry dates and about cancellation; nothing is linked that a source does not state.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalogue.models import Directive
from catalogue.types import DirectiveStatus, DirectiveType, LegalForce

# (reference, title, type as researched, issued as researched, issuer, summary, source address)
DIRECTIVE_ROWS: list[tuple[str, str, str, str, str, str, str]] = [
    (
        "PC 101/1999",
        "National Standards for the Supervision of Offenders in the Community 2000",
        "Probation Circular",
        "1999",
        "Home Office",
        "Issued NS 2000 (referenced as previous circular in PC 07/2005). Details not retrieved.",
        "https://www.scribd.com/document/1429703/UK-Home-Office-PC07-202005",
    ),
    (
        "PC 24/2000",
        "Guidance on enforcement of orders under National Standards 2000",
        "Probation Circular",
        "2000",
        "Home Office",
        "Enforcement guidance; attached to PC 43/2004 (referenced only).",
        "https://www.scribd.com/document/1429519/UK-Home-Office-PC43",
    ),
    (
        "PC 61/2001",
        "Victim Contact Work - National Monitoring Arrangements",
        "Probation Circular",
        "2001",
        "Home Office",
        "National monitoring of victim contact (referenced in PC 71/2005).",
        "https://www.scribd.com/document/1430401/UK-Home-Office-PC71-202005",
    ),
    (
        "PC 62/2001",
        "Further guidance on the NPS work with victims of serious crimes",
        "Probation Circular",
        "2001",
        "Home Office NPD",
        "Victim contact guidance (referenced in PC 13/2004 and PC 71/2005).",
        "https://www.scribd.com/document/1430401/UK-Home-Office-PC71-202005",
    ),
    (
        "PC 07/2002",
        "Revised National Standards for the Supervision of Offenders in the Community",
        "Probation Circular",
        "2002",
        "Home Office NPD",
        "Revised NS 2000 (referenced in PC 07/2005).",
        "https://www.scribd.com/document/1429703/UK-Home-Office-PC07-202005",
    ),
    (
        "PC 34/2003",
        "Revised National Standards Monitoring Arrangements",
        "Probation Circular",
        "2003",
        "Home Office NPD",
        "Monthly NS monitoring returns (referenced in PC 24/2004).",
        "https://www.scribd.com/document/1429420/UK-Home-Office-PC24",
    ),
    (
        "PC 44/2003",
        "Probation Area Annual Reports 2002-03",
        "Probation Circular",
        "2003",
        "Home Office NPD",
        "Annual report format requirements (referenced in PC 27/2005).",
        "https://www.scribd.com/document/1430022/UK-Home-Office-PC27-202005",
    ),
    (
        "PC 02/2004",
        "Deaths of Approved Premises residents",
        "Probation Circular",
        "2004",
        "Home Office NPD",
        "Cancelled by PI 04/2011 and folded into AP Manual (title only).",
        "https://docsbay.net/doc/360183/probation-instruction-03-2010-implementation-of-the-victim-liaison-service-specification",
    ),
    (
        "PC 13/2004",
        "Victim contact work: guidance on victim contact work outside England or Wales",
        "Probation Circular",
        "2004-02-13",
        "Home Office National Probation Directorate (NPD)",
        "Guidance for victim liaison officers where victims move to Scotland, NI, ROI, Channel Islands, IoM or abroad; distribute to relevant staff. Expiry 13 Feb 2009.",
        "https://www.scribd.com/document/1429342/UK-Home-Office-PC13",
    ),
    (
        "PC 18/2004",
        "Deaths of AP residents - investigations by the Prisons & Probation Ombudsman",
        "Probation Circular",
        "2004",
        "Home Office NPD",
        "Cancelled by PI 04/2011 (title only).",
        "https://docsbay.net/doc/360183/probation-instruction-03-2010-implementation-of-the-victim-liaison-service-specification",
    ),
    (
        "PC 24/2004",
        "National Standards Monitoring",
        "Probation Circular",
        "2004-04-30",
        "Home Office National Probation Directorate (NPD)",
        '"To reduce bureaucracy": cut monthly NS monitoring to core data (enforcement, compliance, contact); other items optional; NSMART v2; May returns due 20 June. Implementation 1 May 2004.',
        "https://www.scribd.com/document/1429420/UK-Home-Office-PC24",
    ),
    (
        "PC 35/2004",
        "Security in Approved Premises",
        "Probation Circular",
        "2004",
        "Home Office NPD",
        "Cancelled by PI 04/2011 (title only).",
        "https://docsbay.net/doc/360183/probation-instruction-03-2010-implementation-of-the-victim-liaison-service-specification",
    ),
    (
        "PC 40/2004",
        "Strategy for preventing sudden deaths in Approved Premises",
        "Probation Circular",
        "2004",
        "Home Office NPD",
        "Cancelled by PI 04/2011 (title only).",
        "https://docsbay.net/doc/360183/probation-instruction-03-2010-implementation-of-the-victim-liaison-service-specification",
    ),
    (
        "PC 43/2004",
        "Managing compliance and enforcement of community penalties",
        "Probation Circular",
        "2004-07-22",
        "Home Office National Probation Directorate (NPD)",
        'Good-practice advice; NS requires enforcement action within 10 working days; breach after two unacceptable absences; compliance target 70% 2004/05; enforcement "must still be pursued robustly". Expiry Jul 2009.',
        "https://www.scribd.com/document/1429519/UK-Home-Office-PC43",
    ),
    (
        "PC 53/2004",
        "Pre-sentence reports and OASys",
        "Probation Circular",
        "2004-09-22",
        "Home Office National Probation Directorate (NPD)",
        "Same-day report format; e-OASys-populated PSR formats; clarifies OASys completion at pre-sentence stage; areas to agree formats with sentencers; review Jan 2005.",
        "https://www.scribd.com/document/1429565/UK-Home-Office-PC53",
    ),
    (
        "PC 54/2004",
        "MAPPA Guidance (re-issued incl. extension for CJA 2003 ss325-327)",
        "Probation Circular",
        "2004",
        "Home Office NPD",
        "Whole MAPPA Guidance re-issued as a single source document incl. Prison Service duty, duty-to-co-operate agencies, lay advisers.",
        "https://www.scribd.com/document/1429571/UK-Home-Office-PC54",
    ),
    (
        "PC 58/2004",
        "Area Business Plans 2005-06",
        "Probation Circular",
        "2004-12-23",
        "Home Office National Probation Directorate (NPD)",
        "Areas to draft EFQM-format business plans, submit by 28 Feb 2005, final by 22 Mar; sets Weighted Scorecard contents and weightings.",
        "https://www.scribd.com/document/1429592/UK-Home-Office-PC58",
    ),
    (
        "PC 05/2005",
        "Approved Premises: steps when considering temporary or permanent closure",
        "Probation Circular",
        "2005",
        "Home Office NPD",
        "Cancelled by PI 32/2014 (title only).",
        "https://docsbay.net/pi-32-approved-premises",
    ),
    (
        "PC 07/2005",
        "Draft National Standards 2005 for consultation",
        "Probation Circular",
        "2005-01-20",
        "Home Office National Probation Directorate (NPD)",
        "Consultation draft; comments by 15 Feb 2005; guidance removed to make standards shorter with more explicit expectations; contact levels to reflect resources.",
        "https://www.scribd.com/document/1429703/UK-Home-Office-PC07-202005",
    ),
    (
        "PC 08/2005",
        "National Probation Service Business Plan 2005-06",
        "Probation Circular",
        "2005-02-03",
        "Home Office National Probation Directorate (NPD)",
        "Five priorities; Weighted Scorecard used to compare areas; Performance Bonus Scheme; area plans due 28 Feb 2005.",
        "https://www.scribd.com/document/1429716/UK-Home-Office-PC08-202005",
    ),
    (
        "PC 15/2005",
        "National Standards 2005",
        "Probation Circular",
        "2005-03-04",
        "Home Office National Probation Directorate (NPD)",
        "New NS based on offender management and CJA 2003; Chief Officers to brief all staff; areas nominate an NS point of contact; NPD monitors implementation. Expiry Mar 2010.",
        "https://www.scribd.com/document/1429828/UK-Home-Office-PC15-202005",
    ),
    (
        "PC 27/2005",
        "Probation Area Annual Reports 2004-05",
        "Probation Circular",
        "2005-04-14",
        "Home Office National Probation Directorate (NPD)",
        "EFQM-format annual report due 30 Jun 2005; audited accounts 29 Jul 2005.",
        "https://www.scribd.com/document/1430022/UK-Home-Office-PC27-202005",
    ),
    (
        "PC 37/2005",
        "Role and purpose of Approved Premises",
        "Probation Circular",
        "2005",
        "Home Office NPD",
        "Mostly cancelled 2011 (PI 04/2011); Part 4 cancelled by PI 32/2014 (title only).",
        "https://docsbay.net/pi-32-approved-premises",
    ),
    (
        "PC 42/2005",
        "Extension of Victim Contact Scheme to victims of mentally disordered offenders (DVCVA 2004)",
        "Probation Circular",
        "2005",
        "Home Office NPD",
        "Referenced in PC 71/2005 (title only).",
        "https://www.scribd.com/document/1430401/UK-Home-Office-PC71-202005",
    ),
    (
        "PC 65/2005",
        "National Standards (2005) and National Offender Management Model: application of Tiering Framework",
        "Probation Circular",
        "2005",
        "Home Office NPD",
        "Tiering framework (referenced in PC 90/2005; title only).",
        "https://www.scribd.com/document/1430472/UK-Home-Office-PC90-202005",
    ),
    (
        "PC 66/2005",
        "Visible Unpaid Work and Community Engagement",
        "Probation Circular",
        "2005-08-19",
        "Home Office National Probation Directorate (NPD)",
        "National rollout of visible UPW by Nov 2005; area strategy template; nominate senior manager to monitor UPW throughput monthly and report to NPD every three months.",
        "https://www.scribd.com/document/1430377/UK-Home-Office-PC66-202005",
    ),
    (
        "PC 71/2005",
        "Victim contact - National Victims Monitoring Form",
        "Probation Circular",
        "2005-08-26",
        "Home Office National Probation Directorate (NPD)",
        "Revised quarterly national victims monitoring return (adds ethnicity, gender, MDO victims) from Jul-Sep 2005 return.",
        "https://www.scribd.com/document/1430401/UK-Home-Office-PC71-202005",
    ),
    (
        "PC 88/2005",
        "MAPPA National Business Plan 2005/08",
        "Probation Circular",
        "2005-11-25",
        "Home Office National Probation Directorate (NPD)",
        "Responsible Authority via SMB to produce MAPPA Business Plan 2006/7 reflecting national plan; copy to PPLRU by 28 Apr 2006 and to LCJB/LSCB.",
        "https://www.scribd.com/document/1430466/UK-Home-Office-PC88-202005",
    ),
    (
        "PC 89/2005",
        "e-OASys PSR templates",
        "Probation Circular",
        "2005-12-14",
        "Home Office National Probation Directorate (NPD)",
        "Promotes e-OASys report templates (said to improve OASys quality and save time); final single template to be mandatory from Apr 2006 or later.",
        "https://www.scribd.com/document/1430469/UK-Home-Office-PC89-202005",
    ),
    (
        "PC 90/2005",
        "Role boundaries within the NPS (PO/PSO work allocation)",
        "Probation Circular",
        "2005-12-15",
        "Home Office National Probation Directorate (NPD)",
        "Advice on PO/PSO role boundaries (court work, programmes, risk of harm assessment, offender management) for local negotiation with trade unions.",
        "https://www.scribd.com/document/1430472/UK-Home-Office-PC90-202005",
    ),
    (
        "PC 94/2005",
        "Unpaid Work - developments and quarterly data collection",
        "Probation Circular",
        "2005-12-29",
        "Home Office National Probation Directorate (NPD)",
        "Project Board on UPW; areas to provide UPW data on template to NPD every three months; monthly counts of stand-downs, late starts, fewer than six hours offered.",
        "https://www.scribd.com/document/1430486/UK-Home-Office-PC94-202005",
    ),
    (
        "PC 11/2006",
        "Annual audit of unpaid work provision",
        "Probation Circular",
        "2006-03-30",
        "Home Office National Probation Directorate (NPD)",
        "Areas complete spreadsheet of all UPW placements used in March 2006 and return by 30 Apr 2006; annual audit.",
        "https://www.scribd.com/document/1429758/UK-Home-Office-PC11-202006",
    ),
    (
        "PC 13/2006",
        "Introduction of new H1 monthly statistical form for Approved Premises",
        "Probation Circular",
        "2006",
        "Home Office NPD",
        "Monthly AP statistical return; cancelled by PI 04/2011 (title only).",
        "https://docsbay.net/doc/360183/probation-instruction-03-2010-implementation-of-the-victim-liaison-service-specification",
    ),
    (
        "PC 14/2006",
        "Probation Area Annual Reports 2005-06",
        "Probation Circular",
        "2006-04-11",
        "Home Office National Probation Directorate (NPD)",
        "Single annual report and accounts per FReM (Operating & Financial Review, Remuneration Report); drafts by 19 May, audited by 21 Jul 2006; Annex B area targets.",
        "https://www.scribd.com/document/1429811/UK-Home-Office-PC14-202006",
    ),
    (
        "PC 15/2006",
        "Implementation of practice recommendations from HMIP independent review of a serious offence case (Hanson & White)",
        "Probation Circular",
        "2006-04-13",
        "Home Office National Probation Directorate (NPD)",
        "Chief Officers required to brief all staff, submit implementation action plan by 31 May 2006, implement 5 key + 31 practice recommendations, prepare for audits Jul/Oct 2006; Boards receive progress reports; regional audit at 3 and 6 months.",
        "https://www.scribd.com/document/1429833/UK-Home-Office-PC15-202006",
    ),
    (
        "PC 20/2006",
        "Unpaid work (title not retrieved)",
        "Probation Circular",
        "2006",
        "Home Office NPD",
        "Cancelled by PI 02/2010 (number only).",
        "https://studylib.net/doc/18722165/unpaid-work---community-paybackservice-specification-and",
    ),
    (
        "PC 26/2006",
        "Changes to admissions policy for Approved Premises",
        "Probation Circular",
        "2006",
        "Home Office NPD",
        "Cancelled by PI 04/2011 (title only).",
        "https://docsbay.net/doc/360183/probation-instruction-03-2010-implementation-of-the-victim-liaison-service-specification",
    ),
    (
        "PC 28/2006",
        "NPS Performance Targets and Measures 2006-2007: Guidance",
        "Probation Circular",
        "2006-07-13",
        "Home Office National Probation Directorate (NPD)",
        "Data sources, calculation rules, collection frequency and deadlines for all performance returns; most returns due 15th of month after period; NS monitoring calculations; sickness calculation.",
        "https://www.scribd.com/document/1430049/UK-Home-Office-PC28-202006",
    ),
    (
        "PC 35/2006",
        "Preventing deaths of Approved Premises residents",
        "Probation Circular",
        "2006",
        "Home Office NPD",
        "Cancelled by PI 04/2011 (title only).",
        "https://docsbay.net/doc/360183/probation-instruction-03-2010-implementation-of-the-victim-liaison-service-specification",
    ),
    (
        "PC 39/2006",
        "Unpaid work (title not retrieved)",
        "Probation Circular",
        "2006",
        "Home Office NPD",
        "Cancelled by PI 02/2010 (number only).",
        "https://studylib.net/doc/18722165/unpaid-work---community-paybackservice-specification-and",
    ),
    (
        "PC 07/2007",
        "Langley House Trust SLA",
        "Probation Circular",
        "2007",
        "NOMS",
        "Cancelled by PI 04/2011 (title only).",
        "https://docsbay.net/doc/360183/probation-instruction-03-2010-implementation-of-the-victim-liaison-service-specification",
    ),
    (
        "PC 09/2007",
        "Counting completions of accredited offending behaviour programmes",
        "Probation Circular",
        "2007-05-04",
        "NOMS Interventions and Substance Abuse Unit",
        "From Apr 2007 a completion counts only after post-programme evaluation measures and report completed, report sent to offender manager and recorded on IAPS (implementation date shown).",
        "https://www.scribd.com/document/1429738/UK-Home-Office-PC09-202007",
    ),
    (
        "PC 19/2007",
        "National Rules for Approved Premises residents",
        "Probation Circular",
        "2007-06-14",
        "NOMS Public Protection and Licensed Release Unit",
        "Core national AP rules from 1 Jul 2007; residents sign rules at admission/induction; local supplementary rules permitted. Replaced by PI 02/2011.",
        "https://www.scribd.com/document/1429896/UK-Home-Office-PC19-202007",
    ),
    (
        "PC 40/2007",
        "Deaths of AP residents - investigations by the Prisons & Probation Ombudsman",
        "Probation Circular",
        "2007",
        "NOMS",
        "Cancelled by PI 04/2011 (title only).",
        "https://docsbay.net/doc/360183/probation-instruction-03-2010-implementation-of-the-victim-liaison-service-specification",
    ),
    (
        "PC 13/2008",
        "Approved Premises performance improvement standards",
        "Probation Circular",
        "2008",
        "NOMS",
        "Cancelled by PI 04/2011 (title only).",
        "https://docsbay.net/doc/360183/probation-instruction-03-2010-implementation-of-the-victim-liaison-service-specification",
    ),
    (
        "PC 16/2008",
        "Expanded use of female Approved Premises",
        "Probation Circular",
        "2008",
        "NOMS",
        "Cancelled by PI 04/2011 (title only).",
        "https://docsbay.net/doc/360183/probation-instruction-03-2010-implementation-of-the-victim-liaison-service-specification",
    ),
    (
        "PC 07/2009",
        "Procedures in Approved Premises",
        "Probation Circular",
        "2009",
        "NOMS",
        "Cancelled by PI 04/2011 (title only).",
        "https://docsbay.net/doc/360183/probation-instruction-03-2010-implementation-of-the-victim-liaison-service-specification",
    ),
    (
        "PI 09/2009",
        "Medication in Approved Premises",
        "Probation Instruction",
        "2009",
        "NOMS",
        "Cancelled by PI 04/2011 (title only).",
        "https://docsbay.net/doc/360183/probation-instruction-03-2010-implementation-of-the-victim-liaison-service-specification",
    ),
    (
        "PI 02/2010",
        "Unpaid Work / Community Payback Service Specification and Operating Manual",
        "Probation Instruction",
        "2010-02-15",
        "NOMS (Ministry of Justice) - NOMS Agency Board",
        "Implements UPW service specification and operating manual from 1 Apr 2010; DOMs monitor mandatory actions; areas/trusts must demonstrate compliance; cancels PC20/2006, PC39/2006. Expiry 30 Mar 2014.",
        "https://studylib.net/doc/18722165/unpaid-work---community-paybackservice-specification-and",
    ),
    (
        "PI 03/2010",
        "Implementation of the Victim Liaison Service Specification (UNCERTAIN: inferred from URL slug only)",
        "Probation Instruction",
        "2010",
        "NOMS (Ministry of Justice) - NOMS Agency Board",
        "UNCERTAIN - number/title appear only in a mirror URL slug; content not retrieved.",
        "https://docsbay.net/doc/360183/probation-instruction-03-2010-implementation-of-the-victim-liaison-service-specification",
    ),
    (
        "PI 04/2010",
        "Community Compacts",
        "Probation Instruction",
        "2010",
        "NOMS (Ministry of Justice) - NOMS Agency Board",
        "Associated document of PI 02/2011 (title only).",
        "https://docsbay.net/probation-instruction-04-2010-community-compacts-for-use-in-the-community",
    ),
    (
        "PI 15/2010",
        "Implementation of the Manage the Sentence for a Community Order and Suspended Sentence Order Specification",
        "Probation Instruction",
        "2010-10-01",
        "NOMS (Ministry of Justice) - NOMS Agency Board",
        "Implements service specification (issued to DOMs 4 Jun 2010) with operating model and costing; DOMs monitor mandatory actions; trusts must demonstrate compliance. Expiry 1 Oct 2014.",
        "https://docest.com/doc/10200/probation-instruction-15-2010-implementation-of-the-victim-liaison-service-specification",
    ),
    (
        "PI 02/2011",
        "Approved Premises National Rules & Guidance for Residents 2011",
        "Probation Instruction",
        "2011-02-18",
        "NOMS (Ministry of Justice) - NOMS Agency Board",
        "New national AP rules (effective 1 Mar 2011) residents must sign; mandatory actions 2.1-2.6; Director of National Services monitors compliance; replaces PC 19/2007. Expiry 31 Mar 2014.",
        "https://docsbay.net/probation-instruction-04-2010-community-compacts-for-use-in-the-community",
    ),
    (
        "PI 04/2011",
        "Implementation of the Approved Premises Specification",
        "Probation Instruction",
        "2011-04-01",
        "NOMS (Ministry of Justice) - NOMS Agency Board",
        "Implements AP service specification and AP Manual; cancels 14 PCs and PI 09/2009 (consolidated into AP Manual); NOMS monitors mandatory actions; trusts/IMCs must demonstrate compliance. Expiry 31 Mar 2015.",
        "https://docsbay.net/doc/360183/probation-instruction-03-2010-implementation-of-the-victim-liaison-service-specification",
    ),
    (
        "NS 2011",
        "National Standards for the Management of Offenders 2011",
        "National Standards",
        "2011-04-05",
        "Ministry of Justice / NOMS",
        "Concise standards each supported by NOMS guidance on minimum mandatory requirements; professional judgement; breach requirements unchanged; early termination still via court. PI number not found.",
        "https://www.theyworkforyou.com/wms/?id=2011-04-05b.59WS.1",
    ),
    (
        "PI 05/2011",
        "Determining pre-sentence reports",
        "Probation Instruction",
        "2011",
        "NOMS (Ministry of Justice) - NOMS Agency Board",
        "Renewed by PI 04/2016 (title only).",
        "https://docslib.org/doc/13741505/hold-down-ctrl-and-click-on-section-titles-below-to-follow-link",
    ),
    (
        "PI 11/2011",
        "Implementation of the Court Work other than Assessments and Reports Specification",
        "Probation Instruction",
        "2011-09-26",
        "NOMS (Ministry of Justice) - NOMS Agency Board",
        "Implements court work specification (issued 25 Jul 2011; four service elements, minimum outputs) from 1 Oct 2011; compliance via contractual review. Expiry 30 Sep 2015.",
        "https://docest.com/doc/471623/implementation-of-the-court-work-other-than-assessments-and-reports-specification",
    ),
    (
        "PI 06/2013",
        "Registration and Management of Critical Public Protection Cases",
        "Probation Instruction",
        "2013",
        "NOMS (Ministry of Justice) - NOMS Agency Board",
        "Associated document of PI 32/2014 (title only).",
        "https://docsbay.net/pi-32-approved-premises",
    ),
    (
        "PI 05/2014",
        "Case Allocation (PSI 14/2014)",
        "Probation Instruction",
        "2014",
        "NOMS",
        "Joint PI/PSI for Providers of Probation Services and Prisons (title only).",
        "https://lawsdocbox.com/amp/98506271-Legal_Issues/Probation-circular-national-standards-2005.html",
    ),
    (
        "PI 06/2014",
        "Enforcement of Community Orders and Suspended Sentence Orders",
        "Probation Instruction",
        "2014",
        "NOMS (Ministry of Justice) - NOMS Agency Board",
        "Associated document of PI 24/2014 (title only).",
        "https://studylib.net/doc/7364277/24-2014-enforcement-of-the-post-sentence-supervision-requ...",
    ),
    (
        "PI 07/2014",
        "Case Transfers: offenders subject to statutory supervision pre-release or during an order/licence",
        "Probation Instruction",
        "2014",
        "NOMS (Ministry of Justice) - NOMS Agency Board",
        "Associated document of PI 32/2014 (title only).",
        "https://docsbay.net/pi-32-approved-premises",
    ),
    (
        "PI 08/2014",
        "Process for CRCs to refer cases in the community to NPS for Risk/Escalation Review",
        "Probation Instruction",
        "2014",
        "NOMS (Ministry of Justice) - NOMS Agency Board",
        "Associated document of PI 24/2014 (title only).",
        "https://studylib.net/doc/7364277/24-2014-enforcement-of-the-post-sentence-supervision-requ...",
    ),
    (
        "PI 11/2014",
        "Licence Conditions, Polygraph Examinations and Temporary Travel Abroad",
        "Probation Instruction",
        "2014",
        "NOMS (Ministry of Justice) - NOMS Agency Board",
        "Associated document of PI 29/2014 (title only).",
        "https://studylib.net/doc/7499540/29-2014-post-sentence-supervision-requirements",
    ),
    (
        "PSI 18/2014",
        "Licences, Licence Conditions and Polygraph Examination",
        "Prison Service Instruction",
        "2014",
        "NOMS",
        "Associated document of PI 32/2014 and PI 29/2014 (title only).",
        "https://docsbay.net/pi-32-approved-premises",
    ),
    (
        "PI 20/2014",
        "Implementation of the Armed Forces Act 2006",
        "Probation Instruction",
        "2014",
        "NOMS (Ministry of Justice) - NOMS Agency Board",
        "Mandatory actions for managing Service Community Orders/SSOs; PSRs prepared where Court Martial located.",
        "https://www.gov.uk/government/publications/implementation-of-the-armed-forces-act-2006-pi-202014",
    ),
    (
        "PI 24/2014",
        "Enforcement of the Post-Sentence Supervision Requirements",
        "Probation Instruction",
        "2014-05-01",
        "NOMS (Ministry of Justice) - NOMS Agency Board",
        "Expectations on staff enforcing PSS requirements under CJA 2003 s256AA (ORA 2014); effective 1 Nov 2014; expiry 31 Mar 2016.",
        "https://studylib.net/doc/7364277/24-2014-enforcement-of-the-post-sentence-supervision-requ...",
    ),
    (
        "PI 27/2014",
        "Recall Review & Re-Release of Recall Offenders",
        "Probation Instruction",
        "2014",
        "NOMS (Ministry of Justice) - NOMS Agency Board",
        "Associated document of PI 24/2014 (title only).",
        "https://studylib.net/doc/7364277/24-2014-enforcement-of-the-post-sentence-supervision-requ...",
    ),
    (
        "PI 29/2014",
        "Post-sentence supervision requirements (PSI 31/2014)",
        "Probation Instruction",
        "2014-05-01",
        "NOMS (Ministry of Justice) - NOMS Agency Board",
        "Application of PSS period for custodial sentences >1 day <2 years; supervision requirements vs licence conditions; effective 1 Nov 2014.",
        "https://studylib.net/doc/7499540/29-2014-post-sentence-supervision-requirements",
    ),
    (
        "PI 32/2014",
        "Approved Premises",
        "Probation Instruction",
        "2014-05-19",
        "NOMS (Ministry of Justice) - NOMS Agency Board",
        "Single consolidated AP instruction + refreshed AP Manual for NPS/CRCs (effective 1 Jun 2014); cancels PC05/2005, PC37/2005 Pt4, PI 02/2011, PI 04/2011.",
        "https://docsbay.net/pi-32-approved-premises",
    ),
    (
        "PI 04/2016",
        "Determining Pre Sentence Reports - sentencing within the new framework",
        "Probation Instruction",
        "2016-01-22",
        "NOMS (Ministry of Justice) - NOMS Agency Board",
        "Renews PI 05/2011 after TR (outside 2007-14 window; included for lineage).",
        "https://docslib.org/doc/13741505/hold-down-ctrl-and-click-on-section-titles-below-to-follow-link",
    ),
    (
        "PSO 2205",
        "Offender Assessment and Sentence Management - OASys",
        "Prison Service Order",
        "2005-04-20",
        "HM Prison Service / NOMS",
        "Mandatory actions on which offenders need OASys, completion and review timescales, offender involvement, access, QA; estimated 3 h for OASys 1 and 5 h for OASys 2.",
        "https://studylib.net/doc/7449657/2205-on-offender-assessment-and-sentence-management",
    ),
    (
        "NS 2005",
        "National Standards 2005 (supervision of offenders)",
        "National Standards",
        "2005-03-04",
        "Home Office National Probation Directorate (NPD)",
        "Issued via PC 15/2005; superseded by NS 2007.",
        "https://www.scribd.com/document/1429828/UK-Home-Office-PC15-202005",
    ),
    (
        "NS 2007",
        "National Standards for the Management of Offenders - Standards and Implementation Guidance 2007",
        "National Standards",
        "2007-09-30",
        "NOMS (Ministry of Justice)",
        "Tiered minimum requirements (allocation, first contact, sentence plan timescales, contact levels, review every 4 months, enforcement/recall rules); in effect 30 Sep 2007.",
        "https://paperzz.com/doc/8609317/national-standards-for-the-management-of-offenders",
    ),
    (
        "MAPPA Guidance 2007 v2.0",
        "MAPPA Guidance 2007 version 2.0",
        "Guidance",
        "2007",
        "NOMS National MAPPA Team (Public Protection Unit)",
        "MAPPA framework, information sharing, disclosure, risk assessment, levels of management.",
        "https://www.scribd.com/document/1428669/UK-Home-Office-MAPPA-20Guidance-202007-20v2",
    ),
    (
        "MAPPA Guidance 2012 v4",
        "MAPPA Guidance 2012 version 4",
        "Guidance",
        "2012",
        "NOMS National MAPPA Team (OMPPG)",
        "Updated MAPPA guidance incl. SMB, lay advisers, ViSOR, disclosure, risk management plans.",
        "https://zbook.org/read/9e1ef_mappa-guidance-2012-justice.html",
    ),
    (
        "AP Handbook 2002",
        "Approved Premises Handbook",
        "Guidance",
        "2002-04",
        "Home Office NPD",
        "Handbook on AP management (staffing, H&S, medication, records).",
        "https://www.scribd.com/document/1427821/UK-Home-Office-Approved-20Prem",
    ),
    (
        "Weighted Scorecard",
        "NPS Weighted Scorecard (area performance ranking)",
        "Performance framework",
        "2004-2007",
        "Home Office NPD / NOMS",
        "Area league table across public protection, offender management, interventions, organisational efficiency; 11-12 service delivery targets.",
        "https://www.scribd.com/document/1428961/UK-Home-Office-NPS-20Performance-20Report-2024",
    ),
    (
        "IPPF",
        "Integrated Probation Performance Framework",
        "Performance framework",
        "c.2008-2010",
        "NOMS",
        "Predecessor of PTRS; named by London Probation Trust as mainly process measures (details not retrieved).",
        "https://publications.parliament.uk/pa/cm201012/cmselect/cmjust/519/51906.htm",
    ),
    (
        "PTRS",
        "Probation Trust Rating System",
        "Performance framework",
        "c.2010-2014",
        "NOMS",
        "Annual trust ratings across public protection, reducing reoffending, sentence delivery; bands 1-4; criticised as micro-management (JC 2011).",
        "http://probationchiefs.org/2013/09/12/newsletter-30-july-2013/",
    ),
    (
        "CJA 2003 Sch 8 para 5",
        "Criminal Justice Act 2003 Schedule 8 para 5 - warning for failure to comply with community order",
        "Legislation",
        "2003",
        "Parliament",
        "Responsible officer must warn offender of unacceptable failure unless warned in previous 12 months; warning content prescribed; must record warning.",
        "https://www.lexisnexis.co.uk/legal/legislation/uk-parliament-acts/criminal-justice-act-2003-c44/schedule-8-part-2",
    ),
    (
        "SI 2014/2704",
        "Offender Management Act 2007 (Dissolution of Probation Trusts) Order 2014",
        "Legislation",
        "2014-10-08",
        "Secretary of State for Justice",
        "Dissolves the 35 probation trusts from 31 Oct 2014 (lists all 35).",
        "https://beta.bailii.org/uk/legis/num_reg/2014/uksi_20142704_en_1.html",
    ),
]

TYPE_MAP: dict[str, DirectiveType] = {
    "Probation Circular": DirectiveType.PROBATION_CIRCULAR,
    "Probation Instruction": DirectiveType.PROBATION_INSTRUCTION,
    "National Standards": DirectiveType.NATIONAL_STANDARDS,
    "Guidance": DirectiveType.GUIDANCE,
    "Performance framework": DirectiveType.PERFORMANCE_FRAMEWORK,
    "Legislation": DirectiveType.LEGISLATION,
    # Prison Service Orders and Instructions bind probation only where they say so: "Other".
    "Prison Service Order": DirectiveType.OTHER,
    "Prison Service Instruction": DirectiveType.OTHER,
}

# Circulars whose summary calls them guidance or advice rather than instruction.
ADVISORY = {"PC 24/2000", "PC 62/2001", "PC 13/2004", "PC 43/2004", "PC 07/2005", "PC 90/2005"}


@dataclass(frozen=True)
class Life:
    """What the sources say about when a directive bound trusts and what ended it."""

    status: DirectiveStatus = DirectiveStatus.IN_FORCE
    cancelled_by: str | None = None
    ended: str | None = None
    effective: str | None = None
    expiry: str | None = None
    note: str = ""


_BY_PI_04_2011 = Life(
    DirectiveStatus.CANCELLED,
    "PI 04/2011",
    "2011-04-01",
    note="Cancelled by PI 04/2011 from 1 Apr 2011; substance incorporated into the Approved Premises Manual.",
)
_BY_PI_32_2014 = Life(
    DirectiveStatus.CANCELLED, "PI 32/2014", "2014-06-01", note="Cancelled by PI 32/2014 from 1 Jun 2014."
)

LIFECYCLE: dict[str, Life] = {
    **dict.fromkeys(
        [
            "PC 02/2004",
            "PC 18/2004",
            "PC 35/2004",
            "PC 40/2004",
            "PC 13/2006",
            "PC 26/2006",
            "PC 35/2006",
            "PC 07/2007",
            "PC 40/2007",
            "PC 13/2008",
            "PC 16/2008",
            "PC 07/2009",
            "PI 09/2009",
        ],
        _BY_PI_04_2011,
    ),
    "PC 37/2005": Life(
        DirectiveStatus.CANCELLED,
        "PI 32/2014",
        "2014-06-01",
        note="Mostly cancelled by PI 04/2011 (1 Apr 2011); its Part 4 stayed until PI 32/2014 (1 Jun 2014).",
    ),
    "PC 05/2005": _BY_PI_32_2014,
    "PI 02/2011": Life(
        DirectiveStatus.CANCELLED, "PI 32/2014", "2014-06-01", effective="2011-03-01", expiry="2014-03-31"
    ),
    "PI 04/2011": Life(
        DirectiveStatus.CANCELLED, "PI 32/2014", "2014-06-01", effective="2011-04-01", expiry="2015-03-31"
    ),
    "PC 19/2007": Life(
        DirectiveStatus.SUPERSEDED, "PI 02/2011", "2011-03-01", effective="2007-07-01", note="Replaced by PI 02/2011."
    ),
    "PC 20/2006": Life(DirectiveStatus.CANCELLED, "PI 02/2010", "2010-04-01", note="Cancelled by PI 02/2010."),
    "PC 39/2006": Life(DirectiveStatus.CANCELLED, "PI 02/2010", "2010-04-01", note="Cancelled by PI 02/2010."),
    "PI 02/2010": Life(effective="2010-04-01", expiry="2014-03-30"),
    "PI 15/2010": Life(expiry="2014-10-01"),
    "PI 11/2011": Life(effective="2011-10-01", expiry="2015-09-30"),
    "PI 24/2014": Life(effective="2014-11-01", expiry="2016-03-31"),
    "PI 29/2014": Life(effective="2014-11-01"),
    "PI 32/2014": Life(effective="2014-06-01"),
    "PI 05/2011": Life(DirectiveStatus.SUPERSEDED, "PI 04/2016", "2016-01-22", note="Renewed by PI 04/2016."),
    "PC 24/2004": Life(effective="2004-05-01"),
    "PC 09/2007": Life(effective="2007-04"),
    "NS 2005": Life(DirectiveStatus.SUPERSEDED, "NS 2007", "2007-09-30", note="Superseded by NS 2007."),
    "NS 2007": Life(
        DirectiveStatus.SUPERSEDED,
        "NS 2011",
        "2011-04-05",
        effective="2007-09-30",
        note="Superseded by NS 2011 (written ministerial statement, 5 Apr 2011).",
    ),
    "IPPF": Life(DirectiveStatus.SUPERSEDED, "PTRS", "2010", note="Replaced by PTRS (c. 2010)."),
    "PTRS": Life(
        DirectiveStatus.EXPIRED,
        ended="2014-10-31",
        note="Ended with the trusts, dissolved on 31 Oct 2014 (SI 2014/2704).",
    ),
    "MAPPA Guidance 2007 v2.0": Life(
        DirectiveStatus.SUPERSEDED, "MAPPA Guidance 2012 v4", "2012", note="Updated by MAPPA Guidance 2012 version 4."
    ),
    "Weighted Scorecard": Life(
        DirectiveStatus.EXPIRED, ended="2007-06", note="Performance Report 24 (June 2007) was the last in this format."
    ),
    "PC 13/2004": Life(DirectiveStatus.EXPIRED, ended="2009-02-13", expiry="2009-02-13"),
    "PC 43/2004": Life(DirectiveStatus.EXPIRED, ended="2009-07", expiry="2009-07"),
    "PC 15/2005": Life(DirectiveStatus.EXPIRED, ended="2010-03", expiry="2010-03"),
    "PC 07/2005": Life(
        DirectiveStatus.EXPIRED, ended="2005-02-15", note="Consultation draft; comments closed 15 Feb 2005."
    ),
    "PC 58/2004": Life(
        DirectiveStatus.EXPIRED, ended="2006-03-31", note="Set plans for the 2005-06 business year only."
    ),
    "PC 08/2005": Life(DirectiveStatus.EXPIRED, ended="2006-03-31", note="Business plan for 2005-06 only."),
    "PC 27/2005": Life(
        DirectiveStatus.EXPIRED,
        ended="2006-04-11",
        note="Set the 2004-05 annual report; the next year's circular (PC 14/2006) set the format from 11 Apr 2006.",
    ),
    "PC 44/2003": Life(
        DirectiveStatus.EXPIRED,
        ended="2005-04-14",
        note="Set the 2002-03 annual report; later years had their own circulars.",
    ),
    "PC 14/2006": Life(
        note="The latest annual-report circular in the reference set; its FReM report-and-accounts format is treated as standing."
    ),
    "PC 88/2005": Life(
        DirectiveStatus.EXPIRED, ended="2008-03-31", note="Covered the MAPPA national business plan 2005/08."
    ),
    "PC 15/2006": Life(
        DirectiveStatus.EXPIRED,
        ended="2006-10-31",
        note="One-off implementation; its audits fell in July and October 2006.",
    ),
    "PC 34/2003": Life(
        DirectiveStatus.EXPIRED,
        ended="2004-05-01",
        note="Its monthly monitoring was cut to core data by PC 24/2004 from 1 May 2004.",
    ),
    **dict.fromkeys(
        ["PC 101/1999", "PC 24/2000", "PC 07/2002"],
        Life(
            DirectiveStatus.EXPIRED,
            note="National Standards 2000 era; replaced in practice by NS 2005 (PC 15/2005). No end date found.",
        ),
    ),
    "PC 54/2004": Life(
        DirectiveStatus.EXPIRED, note="Replaced in practice by later editions of the MAPPA Guidance. No end date found."
    ),
    "SI 2014/2704": Life(effective="2014-10-31"),
}

# Directives that supersede one that names a different final canceller (PC 37/2005 was mostly cancelled by PI 04/2011).
EXTRA_SUPERSEDES: dict[str, list[str]] = {"PI 04/2011": ["PC 37/2005"]}


def partial_date(text: str) -> str:
    """Return a partial ISO date from the researched wording ("c.2008-2010" -> "2008")."""
    text = text.strip().removeprefix("c.")
    if "-" in text and len(text.split("-")[1]) == 4:  # a range of years such as 2004-2007
        return text[:4]
    return text


def legal_force(reference: str, kind: DirectiveType) -> LegalForce:
    """Return how strongly a directive binds: statute, SI, mandatory instruction or guidance."""
    if kind == DirectiveType.LEGISLATION:
        return LegalForce.STATUTORY_INSTRUMENT if reference.startswith("SI ") else LegalForce.STATUTE
    if kind == DirectiveType.GUIDANCE or reference in ADVISORY:
        return LegalForce.GUIDANCE
    return LegalForce.MANDATORY_INSTRUCTION


def build_directives() -> list[Directive]:
    """Return the directives as validated models, with supersession links filled in both directions."""
    supersedes: dict[str, list[str]] = {}
    for reference, life in LIFECYCLE.items():
        if life.cancelled_by:
            supersedes.setdefault(life.cancelled_by, []).append(reference)
    for reference, extra in EXTRA_SUPERSEDES.items():
        supersedes.setdefault(reference, []).extend(extra)
    directives = []
    for reference, title, kind, issued, issuer, summary, address in DIRECTIVE_ROWS:
        life = LIFECYCLE.get(reference, Life())
        dtype = TYPE_MAP[kind]
        text = summary if not life.note else f"{summary} Status: {life.note}"
        directives.append(
            Directive(
                reference=reference,
                title=title,
                type=dtype,
                issuer=issuer,
                issued=partial_date(issued),
                effective=life.effective,
                expiry=life.expiry,
                ended=life.ended,
                status=life.status,
                cancelled_by=life.cancelled_by,
                supersedes=sorted(set(supersedes.get(reference, []))),
                legal_force=legal_force(reference, dtype),
                source_address=address,
                summary=text,
            )
        )
    return sorted(directives, key=lambda d: d.reference)


def source_address(reference: str) -> str:
    """Return the source address of a directive of the reference set."""
    for row in DIRECTIVE_ROWS:
        if row[0] == reference:
            return row[6]
    raise KeyError(reference)


def title_of(reference: str) -> str:
    """Return the title of a directive of the reference set."""
    for row in DIRECTIVE_ROWS:
        if row[0] == reference:
            return row[1]
    raise KeyError(reference)
