"""The golden set: invented spans → entries → narratives, one readable YAML file a case.

``firm.yaml`` is a small invented firm (staff, matters, their clients). Each
case file holds spans (start, minutes, app, kind, title, text, url, path), the
matter they are attributed to (``case_id``; per-span overrides under
``attributions``), billing settings to draft with, the counterparty the
narrative must name, strings of chrome that must never reach it, and under
``expected`` the entries drafting gives (hours, activity, narrative).
``check_guidelines`` is what a billing partner would check.

``python -m eval.golden`` drafts every case and prints the entries as YAML,
to read them or to refresh ``expected`` after a deliberate change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from pipeline.chrome import Chrome, learn_chrome
from pipeline.draft import DraftContext, draft_day
from pipeline.narrative import make_environment
from pipeline.rounding import within_bound
from pipeline.style import Style
from pipeline.vocabulary import Vocabulary
from tenths.records import Attribution, Contact, Entry, Matter, MatterStaff, Span, Staff
from tenths.settings import BillingSettings

HERE = Path(__file__).parent
T0 = datetime(2026, 11, 1, tzinfo=ZoneInfo("UTC"))
NAMES = ("Email", "Draft/Revise", "Legal Research", "Telephone Call", "Meeting",
         "Review Documents", "Court Appearance", "Client Conference")
USER = 7


@dataclass(frozen=True)
class GoldenCase:
    path: Path
    data: dict[str, Any]
    spans: tuple[Span, ...]

    @property
    def name(self) -> str:
        return str(self.data["name"])


def _firm() -> tuple[dict[int, Matter], dict[int, Staff]]:
    raw = yaml.safe_load((HERE / "firm.yaml").read_text(encoding="utf-8"))
    staff = {s["id"]: Staff(s["id"], *s["name"].split(" ", 1), s["email"], "Lawyer", "Associate",
                            True, Decimal("300"), T0) for s in raw["staff"]}
    matters = {}
    for m in raw["matters"]:
        contacts = tuple(Contact(100 * m["id"] + i, c["kind"], c["name"], c["email"],
                                 tuple(c["phones"]), "", (m["id"],), T0)
                         for i, c in enumerate(m["contacts"]))
        clients = tuple(c.id for c in contacts if c.kind == "client") + tuple(
            m.get("client_ids_extra", ()))
        matters[m["id"]] = Matter(
            m["id"], m["name"], m["case_number"], "", "Litigation", "Discovery", "open", "hourly",
            None, clients, tuple(c.id for c in contacts if c.kind == "company"),
            (MatterStaff(USER, True, False, None),), contacts, T0)
    return matters, staff


def _span(raw: dict[str, Any]) -> Span:
    start = datetime.fromisoformat(raw["start"])
    return Span(raw["id"], USER, start, start + timedelta(minutes=raw["minutes"]), raw["app"],
                raw["kind"], raw["window_title"], raw.get("text") or "", raw.get("url"),
                raw.get("path"))


def load_cases() -> list[GoldenCase]:
    cases = []
    for path in sorted(HERE.glob("[0-9]*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        cases.append(GoldenCase(path, data, tuple(_span(s) for s in data["spans"])))
    return cases


def _attributions(case: GoldenCase) -> dict[str, Attribution]:
    out = {}
    for span in case.spans:
        over = (case.data.get("attributions") or {}).get(span.id, {})
        out[span.id] = Attribution(span.id, over.get("case_id", case.data["case_id"]), 0.9,
                                   False, over.get("billable", True))
    return out


def history_chrome(cases: list[GoldenCase]) -> Chrome:
    """Chrome as the service learns it from earlier days: here, every case's spans."""
    spans = [s for c in cases for s in c.spans]
    case_of = {s.id: _attributions(c)[s.id].case_id for c in cases for s in c.spans}
    return learn_chrome(spans, case_of)


def draft_case(case: GoldenCase, chrome: Chrome) -> list[Entry]:
    matters, staff = _firm()
    raw = dict(case.data.get("billing") or {})
    for key in ("increment_hours", "minimum_hours"):
        if key in raw:
            raw[key] = Decimal(str(raw[key]))
    if "per_task_clients" in raw:
        raw["per_task_clients"] = tuple(raw["per_task_clients"])
    billing = BillingSettings(**raw)
    ctx = DraftContext(matters, staff, NAMES, billing.firm_default_rate, make_environment(),
                       billing, Style(), chrome)
    day = case.spans[0].start.astimezone(ZoneInfo(billing.timezone)).date()
    return draft_day(USER, day, case.spans, _attributions(case), ctx, T0)


_VERB = Vocabulary(frozenset())


def check_guidelines(case: GoldenCase, entries: list[Entry]) -> list[str]:
    """What a billing partner checks; each problem as a sentence (none: fine)."""
    problems = []
    apps = {s.app for s in case.spans}
    for e in entries:
        text = e.description
        if e.hours <= 0:
            problems.append(f"{e.id}: 0.00 h")
        if not within_bound(e.worked_seconds, e.hours, Decimal(str(
                (case.data.get("billing") or {}).get("increment_hours", "0.1")))):
            problems.append(f"{e.id}: {e.hours} h bills an increment above {e.worked_seconds} s")
        if re.search(r"\bvarious\b", text, re.I):
            problems.append(f"{e.id}: 'various'")
        for bad in [*case.data.get("chrome", ()), *apps]:
            if bad.lower() in text.lower():
                problems.append(f"{e.id}: chrome {bad!r} in {text!r}")
        for clause in text.rstrip(".").split(";"):
            if not _VERB.starts_with_verb(clause.strip()):
                problems.append(f"{e.id}: clause {clause.strip()!r} does not start with a verb")
    who = case.data.get("counterparty")
    if who and not any(who.lower() in e.description.lower() for e in entries):
        problems.append(f"counterparty {who!r} named in no narrative")
    return problems


def entry_summary(e: Entry) -> dict[str, Any]:
    return {"hours": str(e.hours), "worked_minutes": round(e.worked_seconds / 60, 1),
            "billable": e.billable, "activity": e.activity_name, "narrative": e.description}


def main() -> None:
    cases = load_cases()
    chrome = history_chrome(cases)
    for case in cases:
        entries = draft_case(case, chrome)
        print(yaml.safe_dump({case.path.name: [entry_summary(e) for e in entries],
                              "problems": check_guidelines(case, entries)},
                             sort_keys=False, width=100))


if __name__ == "__main__":
    main()
