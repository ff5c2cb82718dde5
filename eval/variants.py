"""Fixture variants that take away what the screens name: yardsticks of the held-out shapes.

``python -m eval.variants --variant NAME FIXTURE_DIR OUT_DIR`` reads any
``tenths-fixture/1`` fixture (``shared/FIXTURES.md``) and writes a new one in the same
format. It works from the format alone, so it applies to every generator's firms alike.

- ``names-only``: a MyCase that knows its matters only by their names, as a mailbox knows
  its folders. ``firm.json`` keeps ``format``, ``firm``, ``staff``, ``activity_names`` and
  each case's ``id``, ``name``, ``status`` and ``staff`` (and the ``created_at`` /
  ``updated_at`` a sync needs); every other case field is emptied (case number,
  description, practice area, clients, companies, stage, dates, custom fields, billing
  contact, ...), and ``clients``, ``companies`` and ``time_entries`` are empty. A case's
  ``name`` is kept as it is even when it names the client: it is what a folder name is.
  The spans are copied byte for byte.
- ``masked``: ``firm.json`` is copied byte for byte; in every span's ``window_title``,
  ``text``, ``url`` and ``path`` each case number of the firm is replaced by ``MASK``,
  as are its obvious reformattings (any case, other or no separators where it has
  them, spaces or dashes between its letters and digits, letters and digits run into
  a neighbouring word). A number's label prefix ("CRD No. 2023-...") and a trailing
  letters-only suffix (a judge's initials, "-JTD") may be missing and it is still
  masked. A character may be read as one it is commonly confused with by OCR
  (``OCR_CONFUSIONS``: 0/O, 1/l/I, 5/S, 8/B, ...); other OCR damage (a dropped or
  doubled character) is left as it is.
- ``bare``: both, the names-only catalog and the masked spans.

``truth`` is never changed. The output is a function of the input alone: the same
fixture gives byte-identical files. Only counts are printed, never a span's words.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sync.normalize import read_firm_json
from tenths.errors import InputError

MASK = "[MASKED]"
VARIANTS = ("names-only", "masked", "bare")
MASKED_FIELDS = ("window_title", "text", "url", "path")

# What a names-only MyCase still knows of a case; every other field is emptied.
CASE_KEPT = frozenset({"id", "name", "status", "staff", "created_at", "updated_at"})
# The top-level keys of the format a names-only firm.json keeps as they are.
FIRM_KEPT = ("format", "firm", "staff", "activity_names")
FIRM_EMPTIED = ("clients", "companies", "time_entries")

# A case number shorter than this (in letters and digits), or with no digit, is not
# masked: it would also hide ordinary words and numbers that are not the case's.
MIN_NUMBER_CHARS = 5

_RUN = re.compile(r"[0-9]+|[A-Za-z]+")
# Between two parts the number separates, anything but a letter or digit, up to three
# characters ("-", " - ", ". ", ":", none); between letters and digits it runs together,
# a space, dash, dot, slash, colon or underscore, up to two.
_GAP_AT_SEPARATOR = r"[^0-9A-Za-z]{0,3}"
_GAP_AT_TRANSITION = r"[\s\-./:_]{0,2}"

# Glyphs OCR engines commonly read one for another (letters match in any case). A masked
# number's character also matches its look-alikes here: "2024-1-006160" is "2024-L-006160"
# to a reader, and to a matcher that folds OCR damage.
OCR_CONFUSIONS: Mapping[str, str] = {
    "0": "OoDQ", "1": "lIi|!L", "2": "Zz", "5": "Ss$", "6": "Gb", "8": "B", "9": "gq",
    "O": "0Q", "D": "0", "Q": "0O", "L": "1I|", "I": "1l|", "S": "5$", "B": "8",
    "Z": "2", "G": "6",
}


@dataclass(frozen=True, slots=True)
class VariantStats:
    """What a run did, in counts only (no span text, no MyCase data)."""

    variant: str
    spans: int
    spans_changed: int
    masks: int
    case_numbers: int
    case_numbers_skipped: int
    cases_emptied: int


# ---- names-only ------------------------------------------------------------------------


def _emptied(key: str, value: object) -> object:
    """The empty value of a field: [] for an array, "" for text, null for a date or
    anything else (a number, an object such as ``billing_contact``)."""
    if isinstance(value, list):
        return []
    if isinstance(value, str) and not key.endswith("_date"):
        return ""
    return None


def names_only_case(case: Mapping[str, Any]) -> dict[str, Any]:
    """A case as a MyCase that knows it only by name serves it: same keys, emptied."""
    return {key: (value if key in CASE_KEPT else _emptied(key, value))
            for key, value in case.items()}


def names_only_firm(firm: Mapping[str, Any]) -> dict[str, Any]:
    """The firm.json of a MyCase that knows staff, activity names and matter names only."""
    out: dict[str, Any] = {key: firm[key] for key in FIRM_KEPT if key in firm}
    for key in FIRM_EMPTIED:
        out[key] = []
    out["cases"] = [names_only_case(case) for case in firm.get("cases") or []]
    return out


# ---- masked ----------------------------------------------------------------------------


def _runs(text: str) -> list[tuple[str, int, int]]:
    """The letter and digit runs of ``text`` with their positions."""
    return [(m.group(0), m.start(), m.end()) for m in _RUN.finditer(text)]


def _forms(number: str) -> list[str]:
    """A case number and the shorter forms that still name the case on their own:
    without a label before its first part with a digit ("CRD No. "), and without a
    letters-only suffix after its last digits (a judge's initials)."""
    forms = [number.strip()]
    words = number.split()
    first = next((i for i, w in enumerate(words) if any(ch.isdigit() for ch in w)), 0)
    if first > 0:
        forms.append(" ".join(words[first:]))
    runs = _runs(forms[-1])
    if len(runs) > 1 and runs[-1][0].isalpha() and runs[-2][0].isdigit():
        forms.append(forms[-1][: runs[-2][2]])
    return forms


def _chars(form: str) -> str:
    """The letters and digits of a form, without its separators."""
    return "".join(run for run, _, _ in _runs(form))


def _usable(form: str) -> bool:
    chars = _chars(form)
    return len(chars) >= MIN_NUMBER_CHARS and any(ch.isdigit() for ch in chars)


def _class_of(run: str) -> str:
    """The character class a run must not continue into: digits or letters."""
    return "0-9" if run[0].isdigit() else "A-Za-z"


def _char_class(ch: str) -> str:
    alike = OCR_CONFUSIONS.get(ch.upper(), "")
    if not alike:
        return re.escape(ch)
    return "[" + "".join(re.escape(c) for c in ch + alike) + "]"


def form_pattern(form: str) -> str:
    """The regex of one form of a case number: its letter and digit runs in order, each
    character in any case or as one of its OCR look-alikes, with the gaps ``_GAP_*``
    allow between runs. It never starts or ends inside a longer run of the same class
    (a digit run next to a digit, a letter run next to a letter)."""
    runs = _runs(form)
    parts: list[str] = []
    for i, (run, start, _) in enumerate(runs):
        if i:
            previous_end = runs[i - 1][2]
            parts.append(_GAP_AT_SEPARATOR if start > previous_end else _GAP_AT_TRANSITION)
        parts.append("".join(_char_class(ch) for ch in run))
    first, last = _class_of(runs[0][0]), _class_of(runs[-1][0])
    return f"(?<![{first}])" + "".join(parts) + f"(?![{last}])"


def case_number_pattern(numbers: Iterable[str]) -> tuple[re.Pattern[str] | None, int]:
    """One regex for every usable form of the given case numbers, longest first, and how
    many non-empty numbers were too short to mask."""
    forms: set[str] = set()
    skipped = 0
    for number in numbers:
        if not number or not number.strip():
            continue
        usable = [form for form in _forms(number) if _usable(form)]
        if not usable:
            skipped += 1
        forms.update(usable)
    if not forms:
        return None, skipped
    ordered = sorted(forms, key=lambda f: (-len(_chars(f)), f))
    return re.compile("|".join(form_pattern(f) for f in ordered), re.IGNORECASE), skipped


def mask_span(span: Mapping[str, Any], pattern: re.Pattern[str] | None,
              token: str = MASK) -> tuple[dict[str, Any], int]:
    """A copy of one span line with every case number in ``MASKED_FIELDS`` replaced by
    ``token``, and the number of replacements. Every other key, ``truth`` first among
    them, is carried over as it is."""
    out = dict(span)
    if pattern is None:
        return out, 0
    total = 0
    for name in MASKED_FIELDS:
        value = span.get(name)
        if isinstance(value, str):
            out[name], count = pattern.subn(token, value)
            total += count
    return out, total


# ---- files -----------------------------------------------------------------------------


def _read_firm(path: Path) -> dict[str, Any]:
    data = read_firm_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise InputError(str(path), "expected an object with a cases array")
    return data


def _case_numbers(firm: Mapping[str, Any]) -> list[str]:
    return [c["case_number"] for c in firm["cases"]
            if isinstance(c, Mapping) and isinstance(c.get("case_number"), str)]


def _write_masked_spans(source: Path, target: Path,
                        pattern: re.Pattern[str] | None) -> tuple[int, int, int]:
    """Copy ``activities.jsonl``, rewriting only the lines where a number was masked
    (the others stay byte for byte). Returns spans, spans changed, masks."""
    spans = changed = masks = 0
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            spans += 1
            try:
                span = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(str(source), f"not JSON ({exc.msg})", line=number) from exc
            if not isinstance(span, dict):
                raise InputError(str(source), "expected a JSON object", line=number)
            masked, count = mask_span(span, pattern)
            if count:
                changed += 1
                masks += count
                out.write(json.dumps(masked, ensure_ascii=False, separators=(",", ":")) + "\n")
            else:
                out.write(line if line.endswith("\n") else line + "\n")
    return spans, changed, masks


def _count_lines(path: Path) -> int:
    with path.open(encoding="utf-8") as lines:
        return sum(1 for line in lines if line.strip())


def write_variant(variant: str, fixture: Path, out: Path) -> VariantStats:
    """Write the ``variant`` of the fixture in ``fixture`` to the directory ``out``."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; expected one of {VARIANTS}")
    firm_path, spans_path = fixture / "firm.json", fixture / "activities.jsonl"
    if not spans_path.is_file():
        raise InputError(str(spans_path), "missing")
    if fixture.resolve() == out.resolve():
        raise InputError(str(out), "the output must not be the fixture itself")
    firm = _read_firm(firm_path)
    out.mkdir(parents=True, exist_ok=True)
    masking = variant in ("masked", "bare")
    emptying = variant in ("names-only", "bare")
    if emptying:
        text = json.dumps(names_only_firm(firm), indent=1, ensure_ascii=False) + "\n"
        (out / "firm.json").write_text(text, encoding="utf-8")
    else:
        shutil.copyfile(firm_path, out / "firm.json")
    pattern, skipped = case_number_pattern(_case_numbers(firm)) if masking else (None, 0)
    if masking:
        spans, changed, masks = _write_masked_spans(spans_path, out / "activities.jsonl",
                                                    pattern)
    else:
        shutil.copyfile(spans_path, out / "activities.jsonl")
        spans, changed, masks = _count_lines(spans_path), 0, 0
    return VariantStats(
        variant=variant,
        spans=spans,
        spans_changed=changed,
        masks=masks,
        case_numbers=sum(1 for n in _case_numbers(firm) if n.strip()),
        case_numbers_skipped=skipped,
        cases_emptied=len(firm["cases"]) if emptying else 0,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.variants",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--variant", required=True, choices=VARIANTS)
    parser.add_argument("fixture", type=Path, help="a tenths-fixture/1 directory")
    parser.add_argument("out", type=Path, help="the directory to write the variant to")
    args = parser.parse_args(argv)
    try:
        stats = write_variant(args.variant, args.fixture, args.out)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(asdict(stats)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
