"""Docket text in the style of CM/ECF: motions, orders, notices, minute entries, transcripts,
stipulations; filers, attorneys in parentheses, clerks' initials, dates.

Placeholders: {filer} "by Defendant X", {other} the other side as filer, {atty} the filing
attorney "(Last, First)", {attyname} "First Last", {r} an earlier document number,
{judge}, {mag}, {clerk}, {reporter}, {d1}-{d3} later dates, {past} an earlier date,
{term} what the case is about, {out} an outsider (witness, expert), {def} the first
defendant's name, {pl} the first plaintiff's name, {all} every party, {time}, {room}.
"""

from __future__ import annotations

# (template, where it fits): "early" entries open a case; "civil"/"ss"/"crim" the kind of
# case; "any" fits every case. Templates with {out} name a person in no MyCase record.
CIVIL_EARLY = (
    "COMPLAINT against {defs} filed by {pls}. (Filing fee $ 405, receipt number [masked]) "
    "(Attachments: # 1 Civil Cover Sheet, # 2 Exhibit A - {term})({atty})",
    "SUMMONS Issued as to {def}. ({clerk})",
    "SUMMONS Returned Executed by {pl}. {def} served on {past}, answer due {d1}. {atty}",
    "NOTICE of Appearance by {attyname} on behalf of {side} {atty}",
    "NOTICE of Appearance by {otherattyname} on behalf of {otherside} {otheratty}",
    "ORDER REFERRING CASE to Magistrate Judge {mag} for General Pretrial Management. "
    "Signed by Judge {judge} on {today}. ({clerk})",
    "CASE ASSIGNED to Judge {judge}. Please download and review the Individual Practices of "
    "the assigned District Judge. ({clerk})",
    "ANSWER to Complaint with Jury Demand by {filer}. {atty}",
    "MOTION to Dismiss for Failure to State a Claim by {filer}. (Attachments: # 1 "
    "Memorandum of Law in Support, # 2 Exhibit A, # 3 Proposed Order){atty}",
    "MOTION for Extension of Time to File Answer re Complaint by {filer}. {atty}",
    "RULE 7.1 CORPORATE DISCLOSURE STATEMENT. No Corporate Parent. Document filed by {filer}. "
    "{atty}",
    "CIVIL COVER SHEET filed. ({clerk})",
    "ORDER granting {r} Motion for Extension of Time to Answer. Answer due {d1}. Signed by "
    "Magistrate Judge {mag} on {today}. ({clerk})",
)

CIVIL = (
    "MINUTE ENTRY for proceedings held before Magistrate Judge {mag}: Initial Pretrial "
    "Conference held on {past}. ({clerk})",
    "SCHEDULING ORDER: Fact Discovery due by {d1}. Expert Discovery due by {d2}. Dispositive "
    "Motions due by {d3}. Signed by Magistrate Judge {mag} on {today}. ({clerk})",
    "STIPULATED PROTECTIVE ORDER regarding {term}. Signed by Magistrate Judge {mag} on "
    "{today}. ({clerk})",
    "JOINT STATUS REPORT by {all}. {atty}",
    "LETTER MOTION for Conference re: discovery dispute concerning {term} addressed to "
    "Magistrate Judge {mag} from {attyname} dated {today}. Document filed by {filer}. {atty}",
    "MOTION to Compel production of {term} by {filer}. (Attachments: # 1 Declaration of "
    "{attyname}, # 2 Exhibit 1)({atty_short})",
    "RESPONSE in Opposition re {r} MOTION to Compel filed by {filer}. {atty}",
    "REPLY to Response to Motion re {r} MOTION to Dismiss filed by {filer}. {atty}",
    "MEMORANDUM OF LAW in Opposition re: {r} MOTION to Dismiss. Document filed by {filer}. "
    "{atty}",
    "NOTICE of Deposition of {out} by {filer} {atty}",
    "DECLARATION of {out} in Support re: {r} MOTION for Summary Judgment. Document filed by "
    "{filer}. (Attachments: # 1 Exhibit 1 - {term}, # 2 Exhibit 2){atty}",
    "MOTION to Exclude the Testimony of {out} by {filer}. {atty}",
    "MOTION for Summary Judgment by {filer}. (Attachments: # 1 Statement of Undisputed "
    "Material Facts, # 2 Memorandum in Support, # 3 Exhibit A - {term}){atty}",
    "MEMORANDUM OPINION AND ORDER granting in part and denying in part {r} Motion to "
    "Dismiss. Signed by Judge {judge} on {today}. ({clerk})",
    "ORDER: A telephonic status conference is set for {d1} at {time} before Judge {judge}. "
    "({clerk})",
    "MINUTE ENTRY for proceedings held before Judge {judge}: Status Conference held on "
    "{past}. Counsel for all parties present. ({clerk})",
    "STIPULATION of Dismissal with Prejudice by {all}. {atty}",
    "STIPULATION AND [PROPOSED] ORDER to extend discovery deadlines by {filer}. {atty}",
    "ORDER granting {r} Stipulation. Signed by Judge {judge} on {today}. ({clerk})",
    "ORDER granting {r} MOTION to Compel filed by {filer}. Signed by Magistrate Judge {mag} "
    "on {today}. ({clerk})",
    "ORDER denying {r} Letter Motion for Conference filed by {filer}. ({clerk})",
    "MEMO ENDORSEMENT on re: {r} Letter filed by {filer}. ENDORSEMENT: Application granted. "
    "Signed by Judge {judge} on {today}. ({clerk})",
    "ORDER granting {r} Motion for Extension of Time filed by {filer}. Signed by Judge "
    "{judge} on {today}. ({clerk})",
    "CERTIFICATE OF SERVICE by {filer} re {r} Response in Opposition to Motion {atty}",
    "MOTION for Leave to Appear Pro Hac Vice Filing fee $ 200.00, receipt number [masked]. "
    "Motion and supporting papers to be reviewed by Clerk's Office staff. Document filed by "
    "{filer}. {atty}",
    "ORDER granting {r} Motion for Leave to Appear Pro Hac Vice. Signed by Magistrate Judge "
    "{mag} on {today}. ({clerk})",
    "Set/Reset Deadlines: Responses due by {d1}. Replies due by {d2}. ({clerk})",
    "Set/Reset Hearings: Motion Hearing set for {d1} at {time} in Courtroom {room} before "
    "Judge {judge}. ({clerk})",
    "NOTICE of Change of Address by {attyname} {atty}",
    "MINUTE ORDER: The parties shall file a joint status letter by {d1}. Ordered by Judge "
    "{judge} on {today}. ({clerk})",
    "MEDIATOR'S REPORT: The parties participated in mediation on {past}; the matter did not "
    "resolve. ({clerk})",
    "NOTICE of Settlement by {filer} {atty}",
    "EXHIBIT re {r} Declaration - {term} by {filer}. {atty}",
    "ELECTRONIC ORDER: The motion hearing set for {d1} is VACATED. ({clerk})",
    "NOTICE OF DEFICIENT FILING re {r}: document filed without signature. Please refile. "
    "({clerk})",
    "TRANSCRIPT of Proceedings held on {past} before Judge {judge}. Court Reporter/"
    "Transcriber {reporter}, Telephone number [masked]. Transcript may be viewed at the "
    "court public terminal or purchased through the Court Reporter/Transcriber before the "
    "deadline for Release of Transcript Restriction. After that date it may be obtained "
    "through PACER. Redaction Request due {d1}. Redacted Transcript Deadline set for {d2}. "
    "Release of Transcript Restriction set for {d3}. ({clerk})",
    "NOTICE OF FILING OF OFFICIAL TRANSCRIPT of Proceedings held on {past}. Notice is hereby "
    "given that an official transcript has been filed. ({clerk})",
    "ORDER re: {r} Letter Motion. The parties shall meet and confer regarding {term} and "
    "file a joint letter by {d1}. Signed by Magistrate Judge {mag} on {today}. ({clerk})",
    "REPORT of Rule 26(f) Planning Meeting by {all}. {atty}",
    "EXPERT REPORT of {out} filed under seal by {filer}. {atty}",
    "SEALED DOCUMENT placed in vault. ({clerk})",
    "MOTION for Leave to File Excess Pages by {filer}. {atty}",
    "ORDER granting {r} Motion for Leave to File Excess Pages. ({clerk})",
)

SOCIAL_SECURITY = (
    "ADMINISTRATIVE RECORD by {def}. (Attachments: # 1 Part 1, # 2 Part 2, # 3 Part 3){otheratty}",
    "ANSWER to Complaint by {def}. {otheratty}",
    "MOTION for Summary Judgment by {pl}. (Attachments: # 1 Brief in Support){ouratty}",
    "BRIEF in Support of Commissioner's Decision by {def}. {otheratty}",
    "REPORT AND RECOMMENDATIONS that the decision of the Commissioner be REMANDED for "
    "further proceedings regarding the {term}. Objections due by {d1}. Signed by Magistrate "
    "Judge {mag} on {today}. ({clerk})",
    "CONSENT to Jurisdiction by US Magistrate Judge by {all}. ({clerk})",
    "SOCIAL SECURITY SCHEDULING ORDER: Plaintiff's brief due {d1}; Commissioner's brief due "
    "{d2}. ({clerk})",
    "MOTION for Attorney Fees under the Equal Access to Justice Act by {pl}. {ouratty}",
)

CRIMINAL = (
    "INDICTMENT as to {def} (1) count(s) 1-4, 5. ({clerk})",
    "Arrest of {def}. ({clerk})",
    "ARRAIGNMENT as to {def} (1) Count 1-4,5 held on {past}. Plea entered by {def} Not "
    "Guilty on all counts. ({clerk})",
    "ORDER Setting Conditions of Release as to {def} (1) $50,000 Unsecured Bond. Signed by "
    "Magistrate Judge {mag} on {today}. ({clerk})",
    "MOTION to Suppress Evidence by {def}. {ouratty}",
    "RESPONSE in Opposition by USA as to {def} re {r} MOTION to Suppress {otheratty}",
    "Minute Entry for proceedings held before Judge {judge}: Status Conference as to {def} "
    "held on {past}. Time excluded under the Speedy Trial Act until {d1}. ({clerk})",
    "SENTENCING MEMORANDUM by USA as to {def} {otheratty}",
    "PLEA AGREEMENT as to {def}. ({clerk})",
    "MOTION for Discovery regarding {term} by {def}. {ouratty}",
    "PROTECTIVE ORDER as to {def} governing {term}. Signed by Judge {judge} on {today}. "
    "({clerk})",
    "NOTICE OF ATTORNEY APPEARANCE: {attyname} appearing for {def}. {ouratty}",
    "ORDER as to {def}: Sentencing set for {d2} at {time} before Judge {judge}. ({clerk})",
    "LETTER by USA as to {def} addressed to Judge {judge} from AUSA {otherattyname} dated "
    "{today} re: {term}. {otheratty}",
)
