"""Time entries and invoices: validation and business rules shared by /v1 and the admin surface."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from .settings import EmulatorSettings
from .state import EmulatorProblem, FirmState, InvoiceLink, JSONObject, ProblemItem, Record

INVOICE_STATUSES = frozenset({"overdue", "paid", "partial", "draft", "unsent", "sent"})
_REQUEST_FIELDS = (
    "activity_name",
    "description",
    "billable",
    "entry_date",
    "rate",
    "hours",
    "flat_fee",
    "case",
    "staff",
)


def rate_string(value: Decimal) -> str:
    """MyCase's rendering of a rate: 450 -> "450.0", 123.45 -> "123.45"."""
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):f}.0"
    return f"{value.normalize():f}"


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _ref_id(value: object) -> int | None:
    if isinstance(value, Mapping):
        ref = value.get("id")
        if isinstance(ref, int) and not isinstance(ref, bool):
            return ref
    return None


def validate_time_entry(body: object, state: FirmState, settings: EmulatorSettings) -> JSONObject:
    """A TimeEntryRequest checked as MyCase checks it; returns the stored body.

    Raises EmulatorProblem: 400 if `body` is not an object, 422 listing every
    problem at once otherwise. Numbers are expected parsed as Decimal.
    """
    if not isinstance(body, Mapping):
        raise EmulatorProblem(400, ProblemItem("Request body must be a JSON object", pointer=""))
    problems: list[ProblemItem] = []

    def refuse(field: str, description: str) -> None:
        problems.append(ProblemItem(description, pointer=f"/{field}"))

    activity = body.get("activity_name")
    if not isinstance(activity, str) or not activity.strip():
        refuse("activity_name", "activity_name can't be blank")
    elif (
        settings.require_known_activity
        and state.activity_names
        and activity not in state.activity_names
    ):
        refuse("activity_name", "activity_name is not one of the firm's activities")
    description = body.get("description", "")
    if description is None:
        description = ""
    if not isinstance(description, str):
        refuse("description", "description must be a string")
    for flag in ("billable", "flat_fee"):
        if flag in body and not isinstance(body[flag], bool):
            refuse(flag, f"{flag} must be a boolean")
    entry_date = body.get("entry_date")
    if not isinstance(entry_date, str) or not entry_date:
        refuse("entry_date", "entry_date can't be blank")
    else:
        try:
            if len(entry_date) != 10:
                raise ValueError(entry_date)
            date.fromisoformat(entry_date)
        except ValueError:
            refuse("entry_date", "entry_date must be a date (YYYY-MM-DD)")
    numbers: dict[str, Decimal] = {}
    for name in ("rate", "hours"):
        value = body.get(name)
        if value is None:
            refuse(name, f"{name} can't be blank")
        elif not _is_number(value):
            refuse(name, f"{name} must be a number")
        else:
            try:
                number = Decimal(str(value))
            except InvalidOperation:
                refuse(name, f"{name} must be a number")
                continue
            if not number.is_finite() or number < 0:
                refuse(name, f"{name} must be greater than or equal to 0")
            else:
                numbers[name] = number
    for name, table, what in (("case", state.cases, "Case"), ("staff", state.staff, "Staff")):
        if name not in body or body[name] is None:
            refuse(name, f"{name} can't be blank")
            continue
        ref = _ref_id(body[name])
        if ref is None:
            refuse(name, f"{name} must be an object with an integer id")
        elif ref not in table:
            refuse(name, f"{what} {ref} does not exist")
    if problems:
        raise EmulatorProblem(422, *problems)
    return {
        "activity_name": activity,
        "description": description,
        "billable": body.get("billable", True),
        "entry_date": entry_date,
        "rate": rate_string(numbers["rate"]),
        "hours": float(numbers["hours"]),
        "flat_fee": body.get("flat_fee", False),
        "case": {"id": _ref_id(body["case"])},
        "staff": {"id": _ref_id(body["staff"])},
        "invoices": [],
        "custom_field_values": [],
    }


def request_view(record: Record) -> JSONObject:
    """A stored entry as a TimeEntryRequest again (for edits that re-validate)."""
    out: JSONObject = {k: record.body[k] for k in _REQUEST_FIELDS if k in record.body}
    if "rate" in out:
        out["rate"] = Decimal(str(out["rate"]))
    if "hours" in out and _is_number(out["hours"]):
        out["hours"] = Decimal(str(out["hours"]))
    return out


def create_time_entry(
    state: FirmState, settings: EmulatorSettings, body: object, now: datetime
) -> Record:
    with state.lock:
        stored = validate_time_entry(body, state, settings)
        return state.time_entries.insert(stored, now)


def edit_time_entry(
    state: FirmState,
    settings: EmulatorSettings,
    entry_id: int,
    changes: Mapping[str, Any],
    now: datetime,
) -> Record:
    """Change fields in place, as the MyCase UI does: same id, new updated_at."""
    with state.lock:
        old = state.time_entries.require(entry_id, "Time entry")
        merged = {**request_view(old), **dict(changes)}
        stored = validate_time_entry(merged, state, settings)
        stored["invoices"] = old.body.get("invoices", [])
        stored["custom_field_values"] = old.body.get("custom_field_values", [])
        return state.time_entries.update(entry_id, stored, now)


def delete_time_entry(
    state: FirmState, settings: EmulatorSettings, entry_id: int, *, force: bool = False
) -> Record:
    """Delete an entry; refuses (422) one on an invoice that is not a draft."""
    with state.lock:
        record = state.time_entries.require(entry_id, "Time entry")
        invoice_ids = [ref["id"] for ref in record.body.get("invoices", [])]
        if settings.refuse_delete_invoiced and not force:
            for invoice_id in invoice_ids:
                invoice = state.invoices.get(invoice_id)
                # An invoice the emulator does not hold (seeded history) counts as billed.
                status = invoice.body.get("status") if invoice else "unknown"
                if status != "draft":
                    raise EmulatorProblem(
                        422,
                        ProblemItem(
                            f"Time entry {entry_id} is on invoice {invoice_id} ({status}) "
                            "and cannot be deleted"
                        ),
                    )
        for invoice_id in invoice_ids:
            link = state.invoice_links.get(invoice_id)
            if link is not None:
                kept = tuple(i for i in link.entry_ids if i != entry_id)
                state.invoice_links[invoice_id] = InvoiceLink(kept, link.online_payable)
        return state.time_entries.delete(entry_id)


def create_invoice(
    state: FirmState,
    entry_ids: list[int],
    now: datetime,
    *,
    status: str = "sent",
    online_payable: bool = True,
    invoice_date: date | None = None,
) -> Record:
    """Bill entries (all on one case); each entry gains the invoice and a new updated_at."""
    if status not in INVOICE_STATUSES:
        raise EmulatorProblem(422, ProblemItem(f"unknown invoice status {status!r}", "/status"))
    if not entry_ids:
        raise EmulatorProblem(422, ProblemItem("an invoice needs entries", "/entry_ids"))
    with state.lock:
        entries = [state.time_entries.require(i, "Time entry") for i in entry_ids]
        case_ids = {e.body["case"]["id"] for e in entries}
        if len(case_ids) != 1:
            raise EmulatorProblem(422, ProblemItem("entries span several cases", "/entry_ids"))
        total = sum(
            (Decimal(str(e.body["rate"])) * Decimal(str(e.body["hours"])) for e in entries),
            Decimal(0),
        ).quantize(Decimal("0.01"))
        day = invoice_date or now.date()
        invoice = state.invoices.insert(
            {
                "invoice_number": "",
                "invoice_date": day.isoformat(),
                "due_date": (day + timedelta(days=30)).isoformat(),
                "total_amount": f"{total:f}",
                "paid_amount": f"{total:f}" if status == "paid" else "0.00",
                "case": {"id": case_ids.pop()},
                "status": status,
            },
            now,
        )
        invoice = state.invoices.update(invoice.id, {"invoice_number": f"{invoice.id:05d}"}, now)
        state.invoice_links[invoice.id] = InvoiceLink(tuple(entry_ids), online_payable)
        for entry in entries:
            refs = [*entry.body.get("invoices", []), {"id": invoice.id}]
            state.time_entries.update(entry.id, {"invoices": refs}, now)
        return invoice


def set_invoice_status(state: FirmState, invoice_id: int, status: str, now: datetime) -> Record:
    if status not in INVOICE_STATUSES:
        raise EmulatorProblem(422, ProblemItem(f"unknown invoice status {status!r}", "/status"))
    with state.lock:
        invoice = state.invoices.require(invoice_id, "Invoice")
        changes: JSONObject = {"status": status}
        if status == "paid":
            changes["paid_amount"] = invoice.body["total_amount"]
        return state.invoices.update(invoice_id, changes, now)
