"""The /v1 resources, each a function of (request, grant, route args) to a response."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from werkzeug.wrappers import Request, Response

from . import entries, webhooks
from .auth import Grant
from .http import json_response, read_json
from .listing import Filters, ListingSpec, Page, compile_filters
from .state import EmulatorProblem, ProblemItem, Record, Table

if TYPE_CHECKING:
    from .app import Emulator

_UPDATED = frozenset({"updated_after"})
SPECS = {
    "staff": ListingSpec("staff", frozenset({"status"}), frozenset({"active", "inactive"})),
    "cases": ListingSpec(
        "cases", frozenset({"status", "updated_after"}), frozenset({"open", "closed"})
    ),
    "clients": ListingSpec("clients", _UPDATED),
    "companies": ListingSpec("companies", _UPDATED),
    "time_entries": ListingSpec("time_entries", _UPDATED),
    "invoices": ListingSpec("invoices", _UPDATED),
    "webhooks/subscriptions": ListingSpec("webhooks/subscriptions", frozenset()),
}
_NAMES = {"staff": "Staff", "cases": "Case", "clients": "Client", "companies": "Company"}


class Resources:
    def __init__(self, emulator: Emulator) -> None:
        self._emulator = emulator
        self._state = emulator.state

    def handler(self, endpoint: str) -> Callable[..., Response]:
        handler: Callable[..., Response] = getattr(self, endpoint.replace(".", "_"))
        return handler

    # --- helpers -----------------------------------------------------------

    def _list(
        self,
        request: Request,
        spec: ListingSpec,
        table: Table,
        keep: Callable[[Record, Filters], bool] | None = None,
        extra: Filters = (),
    ) -> Response:
        def records(filters: Filters) -> list[Record]:
            with self._state.lock:
                snapshot = table.in_order()  # not copied: a table change makes a new list
            match = compile_filters(spec, filters)
            if match is None and keep is None:
                return snapshot
            return [
                r for r in snapshot
                if (match is None or match(r)) and (keep is None or keep(r, filters))
            ]

        page: Page = self._emulator.pager.page(spec, request.args, records, extra)
        headers = {"Item-Count": str(page.total)}
        if page.next_query is not None:
            url = request.base_url + "?" + page.next_query
            headers["Link"] = f'<{url}>; rel="next"'
        body = "[" + ",".join(r.json_text for r in page.records) + "]"
        return Response(body, status=200, headers=headers, mimetype="application/json")

    def _one(self, table: Table, record_id: int, what: str) -> Response:
        with self._state.lock:
            record = table.require(record_id, what)
        return json_response(record.to_json())

    # --- endpoints ---------------------------------------------------------

    def v1_firm(self, request: Request, grant: Grant) -> Response:
        return json_response(dict(self._state.firm))

    def v1_me(self, request: Request, grant: Grant) -> Response:
        return self._one(self._state.staff, grant.staff_id, "Staff")

    def v1_list(self, request: Request, grant: Grant, collection: str) -> Response:
        return self._list(request, SPECS[collection], self._state.table(collection))

    def v1_get(self, request: Request, grant: Grant, collection: str, id: int) -> Response:
        return self._one(self._state.table(collection), id, _NAMES[collection])

    def v1_time_entries(self, request: Request, grant: Grant) -> Response:
        if request.method == "POST":
            record = entries.create_time_entry(
                self._state, self._emulator.settings, read_json(request), self._emulator.clock()
            )
            return json_response(record.to_json(), 201)
        return self._list(request, SPECS["time_entries"], self._state.time_entries)

    def v1_time_entry(self, request: Request, grant: Grant, id: int) -> Response:
        if request.method == "DELETE":
            entries.delete_time_entry(self._state, self._emulator.settings, id)
            return Response(status=204)
        return self._one(self._state.time_entries, id, "Time entry")

    def v1_invoices(self, request: Request, grant: Grant) -> Response:
        raw = request.args.get("only_allowed_online_payments", "true").lower()
        if raw not in {"true", "false"}:
            raise EmulatorProblem(
                400,
                ProblemItem(
                    "only_allowed_online_payments must be true or false",
                    parameter="only_allowed_online_payments",
                ),
            )
        links = self._state.invoice_links

        def keep(record: Record, filters: Filters) -> bool:
            if ("online_only", "false") in filters:
                return True
            link = links.get(record.id)
            return link is None or link.online_payable

        return self._list(
            request, SPECS["invoices"], self._state.invoices, keep, (("online_only", raw),)
        )

    def _webhooks_offered(self) -> None:
        if not self._emulator.settings.webhooks:
            raise EmulatorProblem(404, ProblemItem("Not found"))

    def v1_subscriptions(self, request: Request, grant: Grant) -> Response:
        self._webhooks_offered()
        if request.method == "POST":
            record = webhooks.subscribe(self._state, read_json(request), self._emulator.clock())
            return json_response(record.to_json(), 201)
        spec = SPECS["webhooks/subscriptions"]
        return self._list(request, spec, self._state.subscriptions)

    def v1_subscription(self, request: Request, grant: Grant, id: int) -> Response:
        self._webhooks_offered()
        with self._state.lock:
            self._state.subscriptions.delete(id)
        return Response(status=204)
