"""What a mailbox folder is about: name shapes, jargon, subjects and sentence frames.

Slots in the templates: {E} the folder's main outside party, {F} a word of the folder's
own name, {P} a place, project or product of the folder, {X} and {Y} jargon of the
topic, {A} an amount, {W} a person's first name, {D} a weekday, {S} a section number,
{C} a city, {Q} a second outside party.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    kind: str
    matter: bool
    names: tuple[str, ...]  # folder name shapes: {L} surname, {O} company root, {K} codename,
    # {R} product, {T} street address, {G} agency, {C} city, {Y} year
    jargon: tuple[str, ...]
    subjects: tuple[str, ...]
    sentences: tuple[str, ...]


_MATTER_SUBJECTS = (
    "{X} - {E}", "{E}: {X}", "Revised {X}", "{P} - comments on {X}", "Call re {X}",
    "{X} draft v{S}", "Question on {X}", "Updated {X}", "{F} - {X}", "{F}", "{F} update",
    "Next steps", "Following up", "Quick question", "Documents for review", "Update",
    "{E} / {F}", "Comments", "Status", "{X} and {Y}", "Open points list", "Signature pages",
)

_MATTER_SENTENCES = (
    "Attached is the revised {X} reflecting {E}'s comments.",
    "{W} flagged that the {X} in section {S} still refers to the old figure of {A}.",
    "Can we get on a call {D} to walk through the {X}?",
    "{E} came back on the {X}; they want {Y} dealt with before anything else.",
    "We are still waiting on {E} for the {X}.",
    "The {Y} looks fine to me, but I'm less sure about the {X}.",
    "Per our discussion, I have marked up the {X} for {P}.",
    "Their counsel proposed {A} which seems high given the {Y}.",
    "Please confirm whether {F} is comfortable with the {X} as drafted.",
    "I spoke with {W} this morning about {P}.",
    "The deadline for the {X} is {D}.",
    "We should push back on the {Y} and hold firm on the {X}.",
    "Sharing the latest {X}; changes are tracked against the version {E} sent.",
    "{W} will pull together the {Y} for {P} by {D}.",
    "For {F}, the numbers are {A} and {A}.",
    "The {X} was signed by {E} yesterday.",
    "I have asked {W} to check the {Y} against what we agreed in {C}.",
    "Do we need {Q} to sign off on the {X}?",
    "{Q} has not responded on the {Y}.",
    "One open point on {P}: the {X}.",
    "I'd suggest we accept the {Y} but reserve on the {X}.",
    "Please send me the executed {X} when you have it.",
)

_T = Topic

TOPICS: dict[str, Topic] = {t.kind: t for t in (
    _T("lease", True, ("{L} lease", "{T}", "Lease - {O}", "{C} office lease", "{O} lease",
                       "{L} - {T}"),
       ("estoppel certificate", "SNDA", "rent commencement date", "tenant improvement allowance",
        "CAM reconciliation", "holdover provision", "renewal option", "security deposit",
        "letter of credit", "guaranty", "exclusive use clause", "landlord's work", "base rent",
        "operating expenses", "rentable square footage", "parking ratio", "sublease",
        "HVAC maintenance", "punch list", "certificate of occupancy", "lease abstract"),
       _MATTER_SUBJECTS + ("{T} - {X}", "Lease amendment", "Landlord comments"),
       _MATTER_SENTENCES + ("The landlord wants the {X} delivered before the rent starts.",
                            "Suite {S} at {T} is still on the table.")),
    _T("deal", True, ("Project {K}", "{O} acquisition", "{O} financing", "Series B - {O}",
                      "{O} / {O2} merger", "{K}"),
       ("SPA", "disclosure schedules", "purchase price adjustment", "escrow", "indemnity cap",
        "reps and warranties", "closing checklist", "signing", "data room", "term sheet", "LOI",
        "working capital target", "earn-out", "W&I policy", "board consent", "funds flow",
        "cap table", "convertible notes", "side letter", "MAC clause", "key employee terms"),
       _MATTER_SUBJECTS + ("Project {K} - {X}", "{K}: funds flow", "Closing call"),
       _MATTER_SENTENCES + ("The buyer is pushing the {X} to {A}.",
                            "Data room index for {K} is updated.")),
    _T("litigation", True, ("{L} v. {O}", "{O} dispute", "{L} litigation", "Arbitration - {O}",
                            "{O} claim"),
       ("complaint", "motion to dismiss", "discovery requests", "interrogatories",
        "document production", "privilege log", "deposition", "expert report", "mediation",
        "settlement offer", "damages model", "limitation period", "protective order",
        "hearing", "opposition brief", "reply brief", "subpoena", "exhibit list",
        "witness statement", "case management conference"),
       _MATTER_SUBJECTS + ("{F} - {X} due {D}", "Draft {X}", "Settlement"),
       _MATTER_SENTENCES + ("Opposing counsel at {Q} asked for an extension on the {X}.",
                            "The {X} is due {D}; the {Y} can wait.")),
    _T("employment", True, ("{L} employment", "{L} severance", "{O} - HR advice",
                            "{L} matter"),
       ("separation agreement", "release", "non-solicit", "garden leave", "bonus",
        "stock options", "vesting schedule", "grievance", "internal investigation",
        "disciplinary hearing", "settlement agreement", "reference letter", "notice period",
        "benefits continuation", "performance plan", "employee handbook"),
       _MATTER_SUBJECTS + ("{F} - without prejudice", "Confidential: {X}"),
       _MATTER_SENTENCES + ("{F} is asking about the {X} and the {Y}.",)),
    _T("board", True, ("Board {Y}", "{O} board", "AGM {Y}", "{O} corporate", "Governance"),
       ("board minutes", "written consent", "resolutions", "annual meeting", "proxy statement",
        "bylaws amendment", "D&O questionnaire", "committee charter", "quorum",
        "audit committee", "dividend declaration", "governance calendar",
        "officer appointments", "board pack"),
       _MATTER_SUBJECTS + ("Board pack - {D}", "Minutes of last meeting"),
       _MATTER_SENTENCES + ("The {X} needs to go out ten days before the meeting.",)),
    _T("vendor", True, ("Vendor - {O}", "{O} MSA", "{R} license", "{O} contracts",
                        "{R} renewal"),
       ("MSA", "SOW", "order form", "SLA", "limitation of liability", "DPA", "auto-renewal",
        "termination for convenience", "invoice dispute", "payment terms", "service credits",
        "indemnification", "redlines", "procurement review", "security questionnaire",
        "uptime commitment"),
       _MATTER_SUBJECTS + ("{R} - {X}", "{E} redlines"),
       _MATTER_SENTENCES + ("{R} pricing went up to {A} at renewal.",)),
    _T("tax", True, ("Tax", "Tax {Y}", "{L} tax", "{O} VAT", "{L} - IRS"),
       ("tax return", "extension", "estimated payment", "K-1", "1099", "transfer pricing",
        "VAT registration", "audit notice", "withholding", "deduction", "assessment",
        "penalty abatement", "nexus analysis", "loss carryforward", "amended return"),
       _MATTER_SUBJECTS + ("{X} - {Y}", "Notice from the revenue office"),
       _MATTER_SENTENCES + ("The {X} shows {A} owing.",)),
    _T("estate", True, ("{L} estate", "{L} trust", "{L} will", "Estate of {L}"),
       ("probate application", "executor", "beneficiaries", "trust deed", "power of attorney",
        "inventory of assets", "appraisal", "distribution", "codicil", "guardianship",
        "trustee", "letters testamentary", "estate account"),
       _MATTER_SUBJECTS + ("{F} family", "Estate: {X}"),
       _MATTER_SENTENCES + ("The family would like the {X} done before the {Y}.",)),
    _T("ip", True, ("{R} trademark", "{O} patent", "{R} IP", "{R} - EU filing"),
       ("office action", "specimen of use", "opposition", "prior art", "claim amendments",
        "prosecution", "license agreement", "cease and desist", "infringement analysis",
        "registration certificate", "priority date", "continuation application"),
       _MATTER_SUBJECTS + ("{R}: {X}", "Filing receipt"),
       _MATTER_SENTENCES + ("The {X} for {R} is due {D}.",)),
    _T("regulatory", True, ("{G} inquiry", "{O} compliance", "Data breach - {O}",
                            "{G} - {O}"),
       ("information request", "response deadline", "remediation plan", "notification",
        "consent order", "compliance audit", "policy review", "training records",
        "root cause analysis", "incident report", "proposed fine", "document hold"),
       _MATTER_SUBJECTS + ("{G} letter", "Regulator call"),
       _MATTER_SENTENCES + ("The {G} wants the {X} by {D}.",)),
    _T("property", True, ("{T} purchase", "{C} property", "{L} - {T}", "{O} site"),
       ("title commitment", "survey", "purchase agreement", "due diligence period", "closing",
        "deed", "environmental report", "zoning letter", "earnest money", "easements",
        "loan documents", "lender comments"),
       _MATTER_SUBJECTS + ("{T} - closing", "Title"),
       _MATTER_SENTENCES + ("Closing on {T} is set for {D}.",)),
    _T("personal", False, ("Personal", "Family", "Kids", "Home renovation", "Travel",
                           "Health", "House", "Friends"),
       ("dinner", "school pickup", "soccer practice", "flight", "hotel", "dentist",
        "birthday party", "contractor quote", "kitchen tiles", "weekend plans", "recital",
        "vet appointment", "car service", "parent evening", "boarding pass"),
       ("Saturday", "{X}", "Re {X}", "photos", "this weekend?", "Your booking", "Reminder: {X}",
        "hi", "Plans"),
       ("Are we still on for {X} on {D}?", "Can you grab the {X} on the way home?",
        "The {X} moved to {D}.", "Love you, see you tonight.", "Photos from the {X} attached.",
        "Your {X} is confirmed for {D}.", "{W} says hi.", "Don't forget the {Y}!")),
    _T("newsletter", False, ("Newsletters", "Subscriptions", "Bar news", "CLE", "Alerts",
                             "Reading"),
       ("court of appeals ruling", "webinar", "regulatory update", "client alert",
        "market wrap", "deal announcement", "practice pointer", "continuing education credits",
        "legislative roundup", "conference agenda", "podcast episode", "top stories"),
       ("This week: {X}", "{X} | {D} edition", "Register now: {X}", "Daily brief",
        "Your {D} digest", "Reminder: {X}"),
       ("Read more about the {X}.", "View in browser.", "Unsubscribe | Manage preferences.",
        "Top stories: {X}; {Y}.", "Earn credits at our {X} on {D}.",
        "Subscribers can read the full {X} online.", "Sponsored: {X}.")),
    _T("admin", False, ("Recruiting", "IT", "Expenses", "Firm admin", "HR", "Marketing",
                        "Billing", "Facilities", "Misc", "Training", "Knowledge"),
       ("candidate interview", "summer associates", "resume", "offer letter", "password reset",
        "VPN", "laptop refresh", "expense report", "receipt", "reimbursement", "pitch deck",
        "rankings submission", "all-hands", "holiday schedule", "office move", "prebills",
        "time entries due", "parking", "printer", "conflict check", "CLE compliance"),
       ("{X}", "Reminder: {X}", "Action required: {X}", "{X} - {D}", "FW: {X}", "Re: {X}",
        "Quick one", "Friday"),
       ("Please submit your {X} by {D}.", "The {X} is scheduled for {D}.",
        "Reminder that {Y} are due at month end.", "We have two candidates for {D}.",
        "IT will replace your laptop on {D}.", "Can you review the {X} for the partners?",
        "Please see the attached {X}.", "The {X} has been moved to the 4th floor.")),
)}

MATTER_KINDS = tuple(k for k, t in TOPICS.items() if t.matter)
NONMATTER_KINDS = ("personal", "newsletter", "admin")
