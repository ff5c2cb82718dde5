"""The admin surface: act as a person in MyCase (edit entries in the UI, bill
them, change cases and rates, choose who logs in), arm faults, mint tokens.

Every method is plain Python on `Emulator.admin`, and also served over HTTP
under `/_admin/...` (JSON in, JSON out; errors as MyCase's `{"errors": [...]}`)
so that another process (the demo) can drive a running emulator:

| HTTP | method |
| --- | --- |
| `POST /_admin/time_entries` | `add_time_entry(body)` |
| `PATCH /_admin/time_entries/{id}` | `edit_time_entry(id, changes)` |
| `DELETE /_admin/time_entries/{id}[?force=true]` | `delete_time_entry(id, force)` |
| `POST /_admin/invoices` `{entry_ids, status, online_payable}` | `create_invoice(...)` |
| `PATCH /_admin/invoices/{id}` `{status}` | `set_invoice_status(id, status)` |
| `PUT /_admin/{staff,cases,clients,companies}` record | `upsert(collection, record)` |
| `DELETE /_admin/{staff,cases,clients,companies}/{id}` | `delete(collection, id)` |
| `PUT /_admin/cases/{id}/rates/{staff_id}` `{case_rate}` | `set_case_rate(...)` |
| `PUT /_admin/login` `{staff_id}` | `set_login_user(staff_id)` |
| `PUT /_admin/billing_permission/{staff_id}` `{allowed}` | `set_billing_permission(...)` |
| `POST /_admin/tokens` `{staff_id, client_id?}` | `issue_tokens(staff_id, client_id)` |
| `POST /_admin/authorize` `{staff_id, client_id?, redirect_uri}` | `authorize(...)` -> code |
| `POST /_admin/faults` `{lost_answers, server_errors, too_many_requests, expired_page_tokens, maintenance}` | `arm_faults(...)` |
| `POST /_admin/expire_access_tokens`, `POST /_admin/expire_page_tokens` | same names |
| `GET /_admin/snapshot` | `snapshot()` (firm.json format) |
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from werkzeug.wrappers import Request, Response

from . import entries
from .http import json_response, read_json
from .state import EmulatorProblem, JSONObject, ProblemItem
from .webhooks import deliveries_for

if TYPE_CHECKING:
    from .app import Emulator

_WEBHOOK_MODELS = {"cases": "case", "clients": "client", "companies": "company"}
COLLECTIONS = frozenset({"staff", "cases", "clients", "companies"})


def _decimals(value: Any) -> Any:
    """Admin bodies arrive as Python values; give time entries exact numbers."""
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


class Admin:
    def __init__(self, emulator: Emulator) -> None:
        self._emu = emulator
        self._state = emulator.state

    # --- time entries and invoices -----------------------------------------

    def add_time_entry(self, body: Mapping[str, Any]) -> JSONObject:
        """A person adds an entry in MyCase (validated as POST /v1/time_entries)."""
        clean = {k: _decimals(v) for k, v in body.items()}
        return entries.create_time_entry(
            self._state, self._emu.settings, clean, self._emu.clock()
        ).to_json()

    def edit_time_entry(self, entry_id: int, changes: Mapping[str, Any]) -> JSONObject:
        """A person edits an entry in the MyCase UI: same id, new updated_at."""
        clean = {k: _decimals(v) for k, v in changes.items()}
        return entries.edit_time_entry(
            self._state, self._emu.settings, entry_id, clean, self._emu.clock()
        ).to_json()

    def delete_time_entry(self, entry_id: int, *, force: bool = False) -> None:
        entries.delete_time_entry(self._state, self._emu.settings, entry_id, force=force)

    def create_invoice(
        self, entry_ids: list[int], *, status: str = "sent", online_payable: bool = True
    ) -> JSONObject:
        return entries.create_invoice(
            self._state,
            list(entry_ids),
            self._emu.clock(),
            status=status,
            online_payable=online_payable,
        ).to_json()

    def set_invoice_status(self, invoice_id: int, status: str) -> JSONObject:
        return entries.set_invoice_status(
            self._state, invoice_id, status, self._emu.clock()
        ).to_json()

    # --- people, cases, rates ----------------------------------------------

    def upsert(self, collection: str, record: Mapping[str, Any]) -> JSONObject:
        """Create (no id, or an unknown id) or update (fields merged) a record."""
        if collection not in COLLECTIONS:
            raise EmulatorProblem(404, ProblemItem(f"unknown collection {collection}"))
        now = self._emu.clock()
        with self._state.lock:
            table = self._state.table(collection)
            record_id = record.get("id")
            if isinstance(record_id, int) and record_id in table:
                stored = table.update(record_id, record, now)
                action = "updated"
            elif isinstance(record_id, int):
                stored = table.seed({**record, "created_at": "", "updated_at": ""}, now)
                action = "created"
            else:
                stored = table.insert(record, now)
                action = "created"
            deliveries = self._deliveries(collection, action, stored)
        self._emu.deliver_all(deliveries)
        return stored.to_json()

    def delete(self, collection: str, record_id: int) -> None:
        if collection not in COLLECTIONS:
            raise EmulatorProblem(404, ProblemItem(f"unknown collection {collection}"))
        with self._state.lock:
            stored = self._state.table(collection).delete(record_id)
            deliveries = self._deliveries(collection, "deleted", stored)
        self._emu.deliver_all(deliveries)

    def _deliveries(self, collection: str, action: str, stored: Any) -> list[Any]:
        model = _WEBHOOK_MODELS.get(collection)
        return deliveries_for(self._state, model, action, stored) if model else []

    def set_case_rate(self, case_id: int, staff_id: int, case_rate: str | None) -> JSONObject:
        """Set (or clear, with None) one staff member's rate on a case."""
        with self._state.lock:
            case = self._state.cases.require(case_id, "Case")
            self._state.staff.require(staff_id, "Staff")
            members = [dict(m) for m in case.body.get("staff", [])]
            for member in members:
                if member.get("id") == staff_id:
                    member["case_rate"] = case_rate
                    break
            else:
                members.append(
                    {
                        "id": staff_id,
                        "lead_lawyer": False,
                        "originating_lawyer": False,
                        "case_rate": case_rate,
                    }
                )
        return self.upsert("cases", {"id": case_id, "staff": members})

    # --- auth ----------------------------------------------------------------

    def set_login_user(self, staff_id: int | None) -> None:
        """Who "logs in" at /login_sessions/new (None: the first active staff)."""
        self._emu.auth.login_staff_id = staff_id

    def set_billing_permission(self, staff_id: int, allowed: bool) -> None:
        if allowed:
            self._emu.auth.no_billing_permission.discard(staff_id)
        else:
            self._emu.auth.no_billing_permission.add(staff_id)

    def issue_tokens(self, staff_id: int, client_id: str | None = None) -> JSONObject:
        """A token answer (as POST /tokens) for a staff member, no browser needed."""
        return self._emu.auth.issue_tokens(staff_id, client_id or self._default_client())

    def authorize(self, staff_id: int, redirect_uri: str, client_id: str | None = None) -> str:
        """The browser step for `staff_id`: an authorization code to exchange."""
        return self._emu.auth.issue_code(
            staff_id, client_id or self._default_client(), redirect_uri
        )

    def _default_client(self) -> str:
        return self._emu.settings.oauth_clients[0].client_id

    def expire_access_tokens(self) -> int:
        return self._emu.auth.expire_access_tokens()

    def expire_page_tokens(self) -> int:
        return self._emu.pager.expire_all()

    def arm_faults(
        self,
        *,
        lost_answers: int = 0,
        server_errors: int = 0,
        too_many_requests: int = 0,
        expired_page_tokens: int = 0,
        maintenance: bool | None = None,
    ) -> None:
        self._emu.faults.arm(
            lost_answers=lost_answers,
            server_errors=server_errors,
            too_many_requests=too_many_requests,
            expired_page_tokens=expired_page_tokens,
        )
        if maintenance is not None:
            self._emu.faults.maintenance = maintenance

    def snapshot(self) -> JSONObject:
        return self._state.snapshot()

    # --- HTTP ----------------------------------------------------------------

    def handle(self, request: Request, endpoint: str, args: Mapping[str, Any]) -> Response:
        body: Any = read_json(request) if request.get_data() else {}
        if not isinstance(body, Mapping):
            raise EmulatorProblem(400, ProblemItem("body must be a JSON object", pointer=""))
        body = json.loads(json.dumps(body, default=float))  # plain Python values
        name = endpoint.removeprefix("admin.")
        method = request.method
        result: object = None
        if name == "time_entries":
            result = self.add_time_entry(body)
        elif name == "time_entry" and method == "PATCH":
            result = self.edit_time_entry(args["id"], body)
        elif name == "time_entry":
            force = request.args.get("force", "false").lower() == "true"
            self.delete_time_entry(args["id"], force=force)
        elif name == "invoices":
            result = self.create_invoice(
                body.get("entry_ids", []),
                status=body.get("status", "sent"),
                online_payable=body.get("online_payable", True),
            )
        elif name == "invoice":
            result = self.set_invoice_status(args["id"], body.get("status", ""))
        elif name == "collection":
            result = self.upsert(args["collection"], body)
        elif name == "record":
            self.delete(args["collection"], args["id"])
        elif name == "case_rate":
            result = self.set_case_rate(args["id"], args["staff_id"], body.get("case_rate"))
        elif name == "login":
            self.set_login_user(body.get("staff_id"))
        elif name == "billing_permission":
            self.set_billing_permission(args["staff_id"], bool(body.get("allowed", True)))
        elif name == "tokens":
            result = self.issue_tokens(int(body["staff_id"]), body.get("client_id"))
        elif name == "authorize":
            result = {
                "code": self.authorize(
                    int(body["staff_id"]), str(body["redirect_uri"]), body.get("client_id")
                )
            }
        elif name == "faults":
            self.arm_faults(**body)
        elif name == "expire_access_tokens":
            result = {"expired": self.expire_access_tokens()}
        elif name == "expire_page_tokens":
            result = {"expired": self.expire_page_tokens()}
        elif name == "snapshot":
            result = self.snapshot()
        if result is None:
            return Response(status=204)
        return json_response(result, 201 if method == "POST" else 200)
