"""UTBMS codes kept locally for clients whose guidelines require them.

MyCase has no field for them (MYCASE_API.md), so tenths keeps them on the
entry and writes them into the LEDES export. Activity codes follow the work's
category; task codes (litigation L-series) follow what the work was about,
matched against the code set's own phase and task names.
"""

from __future__ import annotations

from pipeline.vocabulary import tokens

# The ABA/UTBMS litigation activity codes.
ACTIVITY_CODES: dict[str, str] = {
    "A101": "Plan and prepare for",
    "A102": "Research",
    "A103": "Draft/revise",
    "A104": "Review/analyze",
    "A105": "Communicate (in firm)",
    "A106": "Communicate (with client)",
    "A107": "Communicate (other outside counsel)",
    "A108": "Communicate (other external)",
    "A109": "Appear for/attend",
    "A110": "Manage data/files",
    "A111": "Other",
}

# The litigation task codes, each with the words of its name that point at it.
TASK_CODES: dict[str, tuple[str, tuple[str, ...]]] = {
    "L110": ("Fact Investigation/Development", ("investigation", "facts", "witness", "interview",
                                                "records", "report", "chronology", "photographs")),
    "L120": ("Analysis/Strategy", ("strategy", "analysis", "evaluation", "assessment")),
    "L130": ("Experts/Consultants", ("expert", "consultant", "appraiser", "appraisal")),
    "L140": ("Document/File Management", ("file", "organize", "index")),
    "L160": ("Settlement/Non-Binding ADR", ("settlement", "mediation", "mediator", "demand",
                                            "lien", "offer", "negotiation")),
    "L210": ("Pleadings", ("complaint", "answer", "petition", "pleading", "cross-complaint")),
    "L230": ("Court Mandated Conferences", ("conference", "status", "management")),
    "L240": ("Dispositive Motions", ("summary", "judgment", "dismiss", "demurrer")),
    "L250": ("Other Written Motions and Submissions", ("motion", "brief", "opposition", "reply",
                                                       "declaration", "order", "stipulated")),
    "L310": ("Written Discovery", ("interrogatories", "requests", "admission", "discovery",
                                   "responses")),
    "L320": ("Document Production", ("production", "privilege", "custodians", "protective")),
    "L330": ("Depositions", ("deposition", "30(b)(6)", "transcript", "outline")),
    "L350": ("Discovery Motions", ("compel",)),
    "L450": ("Trial and Hearing Attendance", ("hearing", "trial", "tentative", "ruling")),
}

CATEGORY_ACTIVITY: dict[str, str] = {
    "plan": "A101",
    "research": "A102",
    "draft": "A103",
    "review": "A104",
    "appear": "A109",
    "manage": "A110",
}


def activity_code(category: str, role: str = "") -> str:
    """The UTBMS activity code of a task's category (and, for communication, whom with)."""
    if category == "communicate":
        return {"colleague": "A105", "client": "A106", "opposing counsel": "A107"}.get(role, "A108")
    return CATEGORY_ACTIVITY.get(category, "A111")


def task_code(text: str) -> str:
    """The litigation task code whose words the task's own words share most; L120
    (analysis/strategy) when none."""
    words = {w.lower() for w in tokens(text)} | {w.lower() for w in text.split()}
    best, score = "L120", 0
    for code, (_name, keys) in TASK_CODES.items():
        hits = sum(1 for k in keys if k in words)
        if hits > score:
            best, score = code, hits
    return best
