"""Practice areas: how a matter in each is named, numbered, described and worked."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class AreaSpec:
    name: str
    client_kind: str  # "person" | "company"
    name_forms: tuple[str, ...]  # {cl} client name, {cll} client surname, {opp} adverse party
    numbers: tuple[str, ...]  # number format keys, "" for none
    descriptions: tuple[str, ...]
    stages: tuple[str, ...]
    billing: tuple[str, ...]
    roles: tuple[str, ...]  # outside parties a matter of this kind meets
    topics: tuple[str, ...]
    docs: tuple[str, ...]
    adverse: str  # "company" | "person" | "insurer" | "state" | "none"


AREAS: dict[str, AreaSpec] = {a.name: a for a in (
    AreaSpec(
        "Commercial Litigation", "company",
        ("{cl} v. {opp}", "{opp} v. {cl}", "{cl} adv. {opp}"),
        ("fed", "state_civil", "state_civil"),
        ("Breach of a supply agreement; claim for lost profits of about ${k}K.",
         "Dispute over unpaid invoices and a non-compete in the distribution contract.",
         "Trade secret misappropriation by a former sales manager; TRO sought.",
         "Defence of a claim for breach of warranty on delivered equipment."),
        ("Pleadings", "Discovery", "Depositions", "Mediation", "Dispositive Motions"),
        ("hourly", "hourly", "mixed"),
        ("judge", "opposing_counsel", "expert", "witness", "mediator"),
        ("consequential damages limitation of liability clause", "tortious interference prospective economic advantage",
         "motion to compel ESI proportionality Rule 26(b)(1)", "preliminary injunction irreparable harm trade secrets",
         "economic loss doctrine contract claims", "spoliation sanctions text messages"),
        ("Motion to Compel", "First Amended Complaint", "Answer and Affirmative Defenses", "Rule 26(a) Disclosures",
         "Deposition Outline", "Mediation Statement", "Privilege Log", "Interrogatory Responses"),
        "company",
    ),
    AreaSpec(
        "Employment", "person",
        ("{cll} v. {opp}", "{cl} - EEOC Charge v. {opp}", "{cll} / {opp} Severance Review"),
        ("fed", "eeoc", ""),
        ("Wrongful termination after a complaint about unpaid overtime.",
         "Pregnancy discrimination charge; employer's position statement due.",
         "Review and negotiation of a severance agreement with a release.",
         "Retaliation claim under the state whistleblower act."),
        ("Intake", "Agency Charge", "Pleadings", "Discovery", "Settlement"),
        ("contingency", "hourly", "hourly", "flat"),
        ("opposing_counsel", "hr_manager", "witness", "agency_investigator", "judge"),
        ("FLSA overtime exemption administrative employee", "retaliation temporal proximity adverse action",
         "McDonnell Douglas pretext evidence", "severance release ADEA OWBPA 21 days",
         "at-will employment implied contract handbook"),
        ("EEOC Charge of Discrimination", "Position Statement Rebuttal", "Demand Letter",
         "Severance Agreement Redline", "Complaint", "Damages Calculation"),
        "company",
    ),
    AreaSpec(
        "Personal Injury", "person",
        ("{cll}, {clf} - MVA {date}", "{cll} v. {opp}", "{cll} - Slip and Fall ({opp})"),
        ("state_civil", "", ""),
        ("Rear-end collision; cervical strain and lost wages.",
         "Fall on an icy walkway outside a grocery store; wrist fracture.",
         "Dog bite at a neighbour's property; homeowner's policy in play.",
         "Intersection collision with a delivery van; shoulder surgery."),
        ("Treatment", "Demand", "Negotiation", "Litigation", "Settled - Lien Resolution"),
        ("contingency",),
        ("adjuster", "medical_provider", "witness", "opposing_counsel", "judge"),
        ("comparative negligence bar 51 percent", "medical lien reduction statute",
         "premises liability natural accumulation ice", "underinsured motorist offset",
         "collateral source rule medical bills paid"),
        ("Demand Package", "Medical Chronology", "Lien Summary", "Complaint", "Settlement Statement"),
        "insurer",
    ),
    AreaSpec(
        "Insurance Defense", "company",
        ("{opp} v. {cl}", "{cll} adv. {opp}"),
        ("state_civil",),
        ("Defence of an insured contractor in a property damage suit.",
         "Defence of a trucking company after a highway collision.",
         "Coverage position and defence of a premises claim."),
        ("Pleadings", "Discovery", "Depositions", "Mediation"),
        ("hourly",),
        ("adjuster", "opposing_counsel", "judge", "expert", "witness"),
        ("indemnity and defense tender additional insured", "reservation of rights conflict independent counsel",
         "expert disclosure deadline Rule 213(f)", "negligent entrustment employer admission agency"),
        ("Status Report to Carrier", "Answer", "Deposition Summary", "Pre-Trial Report", "Budget"),
        "person",
    ),
    AreaSpec(
        "Appellate", "person",
        ("{cll} v. {opp} (Appeal)",),
        ("appeal",),
        ("Appeal from a summary judgment for the employer.",
         "Appeal of a denied motion to vacate an arbitration award."),
        ("Record on Appeal", "Briefing", "Oral Argument"),
        ("hourly", "flat"),
        ("opposing_counsel", "judge"),
        ("standard of review de novo summary judgment", "forfeiture of arguments not raised below",
         "appellate jurisdiction final order Rule 304(a)"),
        ("Opening Brief", "Statement of Facts", "Record Excerpts", "Reply Brief"),
        "company",
    ),
    AreaSpec(
        "Construction", "company",
        ("{cl} - Mechanics Lien {street}", "{cl} v. {opp}"),
        ("chancery", "state_civil"),
        ("Unpaid retainage on a mid-rise project; lien foreclosure.",
         "Delay claim against the general contractor over change orders."),
        ("Lien Recorded", "Pleadings", "Discovery", "Settlement"),
        ("hourly",),
        ("opposing_counsel", "expert", "judge", "witness"),
        ("mechanics lien 90 day notice subcontractor", "pay-if-paid clause enforceability",
         "change order waiver written notice requirement"),
        ("Lien Notice", "Complaint to Foreclose Lien", "Delay Analysis Memo", "Change Order Log"),
        "company",
    ),
    AreaSpec(
        "Family Law", "person",
        ("In re Marriage of {clf} {cll} and {oppf}", "{cll} - Custody Modification", "{cll} v. {opp}"),
        ("family",),
        ("Dissolution with two minor children; business valuation disputed.",
         "Post-decree modification of parenting time after a relocation.",
         "Contested spousal maintenance; retirement accounts to divide."),
        ("Petition", "Temporary Orders", "Disclosure", "Mediation", "Trial Prep", "Decree"),
        ("hourly", "flat"),
        ("opposing_counsel", "judge", "gal", "mediator", "expert"),
        ("spousal maintenance factors duration", "relocation best interests of the child",
         "community property business goodwill valuation", "parenting time presumption equal"),
        ("Petition for Dissolution", "Affidavit of Financial Information", "Parenting Plan",
         "Settlement Proposal", "Disclosure Statement"),
        "person",
    ),
    AreaSpec(
        "Estate Planning", "person",
        ("{cll} Estate Plan", "{clf} and {partner} {cll} Trust", "{cll} - Will Update"),
        ("",),
        ("Revocable trust, pour-over wills, powers of attorney and health care directives.",
         "Update of wills after a second marriage; special needs trust for an adult child."),
        ("Intake", "Drafting", "Signing", "Funding"),
        ("flat",),
        ("financial_advisor", "accountant"),
        ("special needs trust supplemental SSI", "beneficiary designation retirement account trust",
         "pour-over will funding real property deed"),
        ("Revocable Trust Agreement", "Pour-Over Will", "Durable Power of Attorney", "Funding Memo"),
        "none",
    ),
    AreaSpec(
        "Probate", "person",
        ("Estate of {decf} {cll}", "In re Estate of {decf} {cll}"),
        ("probate",),
        ("Informal probate; house to sell and a brokerage account to collect.",
         "Formal probate with a will contest by a stepchild."),
        ("Petition", "Letters Issued", "Inventory", "Creditor Period", "Distribution"),
        ("hourly", "flat"),
        ("judge", "appraiser", "opposing_counsel", "accountant"),
        ("creditor claim period personal representative", "will contest undue influence presumption",
         "small estate affidavit threshold"),
        ("Inventory and Appraisement", "Notice to Creditors", "Petition for Informal Probate",
         "Final Accounting"),
        "none",
    ),
    AreaSpec(
        "Real Estate", "company",
        ("{cl} - Purchase of {street}", "{cl} - Lease {street}", "{cl} - Refinance"),
        ("",),
        ("Purchase of a retail strip; title objections and an estoppel to collect.",
         "Commercial lease for a second location; tenant improvement allowance.",
         "Refinance of a warehouse; lender's counsel comments on the loan docs."),
        ("LOI", "Due Diligence", "Closing", "Post-Closing"),
        ("flat", "hourly"),
        ("title_officer", "broker", "lender_counsel"),
        ("title commitment Schedule B exceptions", "estoppel certificate tenant default",
         "1031 exchange identification period"),
        ("Purchase Agreement", "Title Objection Letter", "Lease Rider", "Closing Checklist"),
        "none",
    ),
    AreaSpec(
        "Criminal Defense", "person",
        ("State v. {clf} {cll}",),
        ("criminal",),
        ("Extreme DUI; suppression of the blood draw.", "Aggravated assault; self-defence."),
        ("Arraignment", "Pretrial", "Plea Negotiation", "Trial"),
        ("flat",),
        ("prosecutor", "judge", "investigator", "witness"),
        ("implied consent blood draw warrant", "self-defense justification jury instruction",
         "Rule 15.1 disclosure sanctions"),
        ("Motion to Suppress", "Disclosure Request", "Plea Memo", "Mitigation Packet"),
        "state",
    ),
    AreaSpec(
        "Immigration", "person",
        ("{cll}, {clf} - I-485", "{cll}, {clf} - H-1B Extension", "{cll}, {clf} - Naturalization"),
        ("uscis",),
        ("Adjustment of status through a U.S. citizen spouse.",
         "H-1B extension with an amended petition for a new worksite.",
         "N-400 with a prior arrest to explain."),
        ("Intake", "Evidence Gathering", "Filed", "RFE", "Interview"),
        ("flat",),
        ("uscis_officer", "employer_hr", "translator"),
        ("bona fide marriage evidence I-130", "specialty occupation RFE response",
         "good moral character arrest without conviction"),
        ("Cover Letter", "RFE Response", "Declaration", "Evidence Index"),
        "none",
    ),
    AreaSpec(
        "Business Formation", "company",
        ("{cl} - Formation", "{cl} - Operating Agreement", "{cl} - Series A Docs"),
        ("",),
        ("Formation of an LLC with three members; operating agreement and EIN.",
         "Shareholder agreement and a buy-sell for a family company."),
        ("Intake", "Drafting", "Signing"),
        ("flat", "hourly"),
        ("accountant", "investor_counsel"),
        ("operating agreement deadlock buy-sell", "S corporation election timing"),
        ("Operating Agreement", "Articles of Organization", "Buy-Sell Agreement", "Cap Table"),
        "none",
    ),
    AreaSpec(
        "Landlord-Tenant", "company",
        ("{cl} v. {oppf}", "{cl} - Holdover {street}"),
        ("housing",),
        ("Non-payment proceeding; tenant claims a rent abatement for repairs.",
         "Holdover after lease expiry; tenant raises rent stabilisation."),
        ("Notice", "Petition", "Court Appearance", "Stipulation"),
        ("flat", "hourly"),
        ("opposing_counsel", "judge", "court_attorney"),
        ("warranty of habitability rent abatement", "rent stabilized succession rights",
         "predicate notice defective dismissal"),
        ("Petition", "Stipulation of Settlement", "Rent Ledger", "Notice of Petition"),
        "person",
    ),
)}

COURTS = {
    "IL": {"fed": "U.S. District Court, N.D. Ill.", "state_civil": "Circuit Court of Cook County, Law Division",
           "chancery": "Circuit Court of Cook County, Chancery Division", "appeal": "Illinois Appellate Court, First District",
           "eeoc": "EEOC Chicago District Office"},
    "AZ": {"state_civil": "Maricopa County Superior Court", "family": "Maricopa County Superior Court, Family Dept.",
           "probate": "Maricopa County Superior Court, Probate", "criminal": "Maricopa County Superior Court, Criminal",
           "fed": "U.S. District Court, D. Ariz."},
    "NY": {"fed": "U.S. District Court, S.D.N.Y.", "state_civil": "Supreme Court of the State of New York, New York County",
           "housing": "Civil Court of the City of New York, Housing Part", "uscis": "USCIS", "eeoc": "EEOC New York District Office"},
}


def case_number(kind: str, state: str, year: int, rng: random.Random) -> str:
    yy = year % 100
    n = rng.randint
    if kind == "":
        return ""
    if kind == "fed":
        judge = "".join(rng.choice("ABCDEFGHJKLMNPRSTVW") for _ in range(3))
        return rng.choice((f"1:{yy}-cv-{n(1000, 9999):05d}", f"{n(1, 2)}:{yy}-cv-{n(100, 9999):05d}-{judge}"))
    if kind == "eeoc":
        return f"{n(440, 520)}-{year}-{n(100, 9999):05d}"
    if kind == "uscis":
        return rng.choice((f"IOE{n(10**9, 10**10 - 1)}", f"A{n(200, 249)}-{n(100, 999)}-{n(100, 999)}"))
    if state == "IL":
        return {"state_civil": f"{year}-L-{n(1000, 14999):06d}", "chancery": f"{year}-CH-{n(1000, 9999):05d}",
                "appeal": f"1-{yy}-{n(100, 2999):04d}"}.get(kind, f"{year}-L-{n(1000, 9999):06d}")
    if state == "AZ":
        prefix = {"family": "FC", "probate": "PB", "criminal": "CR", "state_civil": "CV"}.get(kind, "CV")
        return f"{prefix}{year}-{n(1000, 99999):06d}"
    if kind == "housing":
        return f"LT-{n(300000, 329999)}-{yy}/NY"
    return f"Index No. {n(150000, 659999)}/{year}"


ROLE_TITLES = {
    "judge": "Judge", "opposing_counsel": "Opposing counsel", "expert": "Expert", "witness": "Witness",
    "mediator": "Mediator", "adjuster": "Claims adjuster", "medical_provider": "Treating physician",
    "hr_manager": "HR director", "agency_investigator": "Investigator", "gal": "Guardian ad litem",
    "financial_advisor": "Financial advisor", "accountant": "CPA", "appraiser": "Appraiser",
    "title_officer": "Title officer", "broker": "Broker", "lender_counsel": "Lender's counsel",
    "prosecutor": "Deputy County Attorney", "investigator": "Investigator", "uscis_officer": "USCIS officer",
    "employer_hr": "HR partner", "translator": "Translator", "investor_counsel": "Investor counsel",
    "court_attorney": "Court attorney",
}

ROLE_ORGS = {
    "expert": ("Forensic Economics Group", "Crashline Reconstruction", "Keel Engineering"),
    "medical_provider": ("Lakeside Orthopaedics", "Sunrise Physical Therapy", "Valley Spine Center"),
    "mediator": ("Resolution Partners ADR", "Fairway Mediation"), "gal": ("Family Advocates Office",),
    "financial_advisor": ("Cairn Wealth Advisors",), "accountant": ("Tally & Row CPAs", "Ledgerline CPA"),
    "appraiser": ("Benchmark Appraisal",), "title_officer": ("Cornerstone Title Agency", "First Parcel Title"),
    "broker": ("Lattice Commercial Realty",), "translator": ("Polyglot Language Services",),
    "investigator": ("Northlight Investigations",), "prosecutor": ("County Attorney's Office",),
    "agency_investigator": ("EEOC",), "uscis_officer": ("USCIS Field Office",), "court_attorney": ("Housing Court",),
}
