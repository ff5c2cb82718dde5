"""Identifiers read off the screen: case numbers, emails, phones, agency numbers.

Each is reduced to a canonical key, so "3:24-cv-01234-JD", "3:24-CV-1234" and
"24cv01234" meet, and "(619) 555-0142" meets "+1 619.555.0142".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.rules import RULES, in_force
from pipeline.terms import Term, TermKind
from pipeline.text import digits, fold

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# A digit of a phone number as OCR reads it: "(72O) 555-0l54" is (720) 555-0154.
_OCR_DIGITS = str.maketrans("OlI", "011")
PHONE = re.compile(
    r"(?<![\dOlI])(?:\+?1[\s.-]?)?\(?[\dOlI]{3}\)?[\s.-]?[\dOlI]{3}[\s.-]?[\dOlI]{4}(?![\dOlI])")
# Federal: 3:24-cv-01234-JD, 2:23-bk-10234, 1:24-cr-00077
FEDERAL = re.compile(r"\b(?:\d:)?(\d{2})-?([a-z]{2,3})-?(\d{3,6})\b", re.I)
# A-numbers and USCIS receipts: A212-345-678, A 212 345 678, IOE0912345678, MSC2190012345
A_NUMBER = re.compile(r"\bA[\s#-]?(\d{3})[\s-]?(\d{3})[\s-]?(\d{3})\b")
RECEIPT = re.compile(r"\b(IOE|MSC|EAC|WAC|LIN|SRC|NBC|YSC)[\s-]?(\d{10})\b", re.I)
# Anything else shaped like a docket, claim or matter number: a token of letters,
# digits and separators with at least four digits, e.g. 24STCV01234,
# FL-2024-004512, CLM-88-20931, 2024-0113.
CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9:/._-]*[A-Za-z0-9]")


@dataclass(frozen=True, slots=True)
class Identifier:
    kind: str  # email | phone | docket | a_number | receipt
    key: str


def canonical_code(text: str) -> str:
    """Letters and digits only, upper case, leading zeros of digit runs dropped."""
    runs = re.findall(r"[A-Za-z]+|\d+", text)
    return "".join(r.upper() if r.isalpha() else (r.lstrip("0") or "0") for r in runs)


# Letters and digits OCR mistakes for one another in an address: "zarnanquinlanlaw.com",
# "gmai1.com", "proton.rne". Both sides of a comparison are read this way.
_OCR_EMAIL = str.maketrans("10", "lo")


def canonical_email(address: str) -> str:
    """An address as a key: lower case, accents folded, and OCR's look-alikes ("rn" for
    "m", "1" for "l", "0" for "o") read the same."""
    rules = in_force()
    return _canonical_email(address, rules.uses("ocr_email_rn"), rules.uses("ocr_lookalikes"))


def _canonical_email(address: str, rn: bool, lookalikes: bool) -> str:
    key = fold(address).strip().rstrip(".")
    key = key.replace("rn", "m") if rn else key
    return key.translate(_OCR_EMAIL) if lookalikes else key


def canonical_phone(text: str) -> str | None:
    """Ten digits, or None. A letter OCR read for a digit counts as that digit, as long as
    most of the number is digits (seven at least)."""
    if sum(ch.isdigit() for ch in text) < RULES.phone_min_digits:
        return None
    number = digits(text.translate(_OCR_DIGITS) if in_force().uses("ocr_lookalikes") else text)
    if len(number) == 11 and number.startswith("1"):
        number = number[1:]
    return number if len(number) == 10 else None


def federal_keys(year: str, kind: str, number: str) -> set[str]:
    """A federal number's keys: with its type ("24CV1234") and without, as courts that
    write "Civil Action No. 24-1234" and appeals courts cite it ("241234", the key of
    that bare form)."""
    number = number.lstrip("0") or "0"
    return {f"{year}{kind.upper()}{number}", f"{year}{number}"}


# Letters after a number's last digit, a separator away: judges' initials and case-type
# codes ("20-12345-abc", "1:21-cv-01234-JD-MLP", "...-CU-PA-CTL"), which one court
# writes and another, or the case list, leaves off.
_LETTER_SUFFIX = re.compile(r"^(.*\d)(?:[\s._/-]+[A-Za-z]{1,4})+$")
_DIGIT = re.compile(r"\d")


def short_number(code: str) -> bool:
    """A bare number of a few digits ("3441 Quarry Pl", a year, "Form 1099"): met on bank
    pages, in amounts and in form names as often as on a matter, so never its identifier."""
    return code.isdigit() and len(code) < RULES.id_min_digits


def code_keys(token: str) -> set[str]:
    """The keys of a number-like token with enough digits: the whole of it, and the
    number before any letters that follow it."""
    if len(_DIGIT.findall(token)) < RULES.code_min_digits:  # most tokens are words
        return set()
    parts = [token]
    if stem := _LETTER_SUFFIX.match(token):
        parts.append(stem.group(1))
    codes = {canonical_code(part) for part in parts}
    return {c for c in codes if sum(ch.isdigit() for ch in c) >= RULES.code_min_digits}


def keys_for_case_number(case_number: str) -> set[Term]:
    """Every term a case number may be met by on screen."""
    keys: set[Term] = set()
    if not case_number.strip():
        return keys
    for match in FEDERAL.finditer(case_number):
        keys |= {Term(TermKind.DOCKET, k) for k in federal_keys(*match.groups())}
    for match in A_NUMBER.finditer(case_number):
        keys.add(Term(TermKind.A_NUMBER, "".join(match.groups())))
    for match in RECEIPT.finditer(case_number):
        keys.add(Term(TermKind.RECEIPT, match.group(1).upper() + match.group(2)))
    # The whole number, and each part of it that is number enough on its own
    # ("CRD No. 202312-44506422" is met as "202312-44506422").
    for part in [case_number, *CODE.findall(case_number)]:
        keys |= {Term(TermKind.DOCKET, code) for code in code_keys(part)}
        # Its digits alone, as the federal number's type is left off: a state number's
        # court or case-type letters between its year and its serial ("2025-L-004512"
        # cited as "2025-04512" in a subject).
        if re.search(r"\d[^A-Za-z\d]*[A-Za-z]+[^A-Za-z\d]*\d", part):
            keys |= {Term(TermKind.DOCKET, code)
                     for code in code_keys(re.sub(r"[A-Za-z]+", "-", part))}
    return keys


def find_identifiers(text: str) -> frozenset[Identifier]:
    """Emails, phones, docket-shaped codes, A-numbers and receipts in ``text``. A span's
    text is read by the signals, by learning and by the entity extractor: the answer is
    kept for the recent texts (a str caches its own hash, so a repeat costs a look-up),
    under the rules in force."""
    rules = in_force()
    return _find_identifiers(text, rules.uses("ocr_email_rn"), rules.uses("ocr_lookalikes"))


@lru_cache(maxsize=4096)
def _find_identifiers(text: str, rn: bool, lookalikes: bool) -> frozenset[Identifier]:
    found: set[Identifier] = set()
    # An accent OCR put on a letter ("goldfarbthístlewoodlaw.com") would cut the address.
    for match in EMAIL.finditer(fold(text)):
        found.add(Identifier("email", _canonical_email(match.group(0), rn, lookalikes)))
    for match in PHONE.finditer(text):
        phone = canonical_phone(match.group(0))
        if phone:
            found.add(Identifier("phone", phone))
    for match in FEDERAL.finditer(text):
        found |= {Identifier("docket", key) for key in federal_keys(*match.groups())}
    for match in A_NUMBER.finditer(text):
        found.add(Identifier("a_number", "".join(match.groups())))
    for match in RECEIPT.finditer(text):
        found.add(Identifier("receipt", match.group(1).upper() + match.group(2)))
    for match in CODE.finditer(text):
        found |= {Identifier("docket", code) for code in code_keys(match.group(0))}
    return frozenset(found)
