"""The emulator: firm state, OAuth, faults and the WSGI app that serves them.

One app serves three path prefixes, which stand for MyCase's separate origins:

- `/auth/...`: the auth origin (`/auth/login_sessions/new`, `/auth/tokens`)
- `/v1/...`: the API origin (the resources of MYCASE_API.md)
- `/_admin/...`: the emulator's own admin surface (see `admin.py`)

Run it in-process through `Emulator.transport()` (an `httpx.WSGITransport`), or
over HTTP on 127.0.0.1 with `sync.emulator.serve`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

import httpx
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from .admin import Admin
from .auth import AuthService, OAuthProblem
from .faults import AnswerLost, FaultInjector, RateLimiter, retry_after_header
from .http import json_response, problem_response, read_json
from .listing import Pager
from .resources import Resources
from .settings import EmulatorSettings
from .state import EmulatorProblem, FirmState, ProblemItem, utc_now
from .webhooks import Deliver, WebhookDelivery, post_to_localhost

log = logging.getLogger("tenths.sync.emulator")
_PEOPLE = "<any(staff,cases,clients,companies):collection>"
_WRITES = frozenset({"POST", "DELETE"})


def _url_map() -> Map:
    return Map(
        [
            Rule("/auth/login_sessions/new", endpoint="auth.login", methods=["GET"]),
            Rule("/auth/tokens", endpoint="auth.tokens", methods=["POST"]),
            Rule("/v1/firm", endpoint="v1.firm", methods=["GET"]),
            Rule("/v1/me", endpoint="v1.me", methods=["GET"]),
            Rule(f"/v1/{_PEOPLE}", endpoint="v1.list", methods=["GET"]),
            Rule(f"/v1/{_PEOPLE}/<int:id>", endpoint="v1.get", methods=["GET"]),
            Rule("/v1/time_entries", endpoint="v1.time_entries", methods=["GET", "POST"]),
            Rule("/v1/time_entries/<int:id>", endpoint="v1.time_entry", methods=["GET", "DELETE"]),
            Rule("/v1/invoices", endpoint="v1.invoices", methods=["GET"]),
            Rule(
                "/v1/webhooks/subscriptions", endpoint="v1.subscriptions", methods=["GET", "POST"]
            ),
            Rule(
                "/v1/webhooks/subscriptions/<int:id>",
                endpoint="v1.subscription",
                methods=["DELETE"],
            ),
            Rule("/_admin/time_entries", endpoint="admin.time_entries", methods=["POST"]),
            Rule(
                "/_admin/time_entries/<int:id>",
                endpoint="admin.time_entry",
                methods=["PATCH", "DELETE"],
            ),
            Rule("/_admin/invoices", endpoint="admin.invoices", methods=["POST"]),
            Rule("/_admin/invoices/<int:id>", endpoint="admin.invoice", methods=["PATCH"]),
            Rule(
                "/_admin/cases/<int:id>/rates/<int:staff_id>",
                endpoint="admin.case_rate",
                methods=["PUT"],
            ),
            Rule(f"/_admin/{_PEOPLE}", endpoint="admin.collection", methods=["PUT"]),
            Rule(f"/_admin/{_PEOPLE}/<int:id>", endpoint="admin.record", methods=["DELETE"]),
            Rule("/_admin/login", endpoint="admin.login", methods=["PUT"]),
            Rule(
                "/_admin/billing_permission/<int:staff_id>",
                endpoint="admin.billing_permission",
                methods=["PUT"],
            ),
            Rule("/_admin/tokens", endpoint="admin.tokens", methods=["POST"]),
            Rule("/_admin/authorize", endpoint="admin.authorize", methods=["POST"]),
            Rule("/_admin/faults", endpoint="admin.faults", methods=["POST"]),
            Rule(
                "/_admin/expire_access_tokens",
                endpoint="admin.expire_access_tokens",
                methods=["POST"],
            ),
            Rule(
                "/_admin/expire_page_tokens", endpoint="admin.expire_page_tokens", methods=["POST"]
            ),
            Rule("/_admin/snapshot", endpoint="admin.snapshot", methods=["GET"]),
        ]
    )


class Emulator:
    """A MyCase firm in memory. Call it as a WSGI app.

    `clock` returns an aware UTC datetime (tests pass a manual clock); `sleep`
    is used only for `slow_page_seconds`; `deliver` receives each signed
    webhook delivery (default: POST to a 127.0.0.1/localhost URL).
    """

    def __init__(
        self,
        firm: Mapping[str, Any],
        settings: EmulatorSettings | None = None,
        *,
        clock: Callable[[], datetime] = utc_now,
        sleep: Callable[[float], None] = time.sleep,
        deliver: Deliver = post_to_localhost,
    ) -> None:
        self.settings = settings or EmulatorSettings()
        self.clock = clock
        self.state = FirmState.from_firm(firm, clock())
        firm_uuid = self.settings.firm_uuid or AuthService.default_firm_uuid(
            str(self.state.firm.get("name", ""))
        )
        self.auth = AuthService(self.settings, self.state, clock, firm_uuid)
        self.faults = FaultInjector(self.settings.faults)
        self.limiter = RateLimiter(self.settings.rate_limit_per_second, clock)
        self.pager = Pager(self.settings, clock, self.faults, sleep)
        self.admin = Admin(self)
        self._resources = Resources(self)
        self._deliver = deliver
        self._map = _url_map()
        self._count_lock = threading.Lock()
        self._served = 0

    @property
    def requests_served(self) -> int:
        """Requests to /auth and /v1 answered (or dropped) so far; admin calls excluded."""
        with self._count_lock:
            return self._served

    def transport(self) -> EmulatorTransport:
        """An in-process httpx transport to this emulator."""
        return EmulatorTransport(self)

    def deliver_all(self, deliveries: Iterable[WebhookDelivery]) -> None:
        for delivery in deliveries:
            self._deliver(delivery)

    # --- WSGI ----------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request = Request(environ)
        response = self._dispatch(request)
        return response(environ, start_response)

    def _dispatch(self, request: Request) -> Response:
        adapter = self._map.bind_to_environ(request.environ)
        path = request.path
        if path.startswith("/_admin/"):
            return self._admin(request, adapter)
        with self._count_lock:
            self._served += 1
        try:
            if self.faults.maintenance:
                raise EmulatorProblem(503, ProblemItem("MyCase is down for maintenance"))
            if path.startswith("/auth/"):
                return self._auth(request, adapter)
            if not path.startswith("/v1/"):
                raise EmulatorProblem(404, ProblemItem("Not found"))
            grant = self.auth.authenticate(request.headers.get("Authorization"))
            self.auth.check_may_connect(grant.staff_id)
            wait = self.limiter.admit(grant.client_id)
            if wait is not None or self.faults.take_too_many_requests():
                headers = {}
                if self.settings.send_retry_after:
                    headers["Retry-After"] = retry_after_header(wait or 1.0)
                raise EmulatorProblem(429, ProblemItem("Too many requests"), headers=headers)
            if self.faults.take_server_error():
                status = self.faults.server_error_status
                raise EmulatorProblem(status, ProblemItem("Internal server error"))
            endpoint, args = self._match(adapter)
            if not endpoint.startswith("v1."):
                raise EmulatorProblem(404, ProblemItem("Not found"))
            response = self._resources.handler(endpoint)(request, grant, **args)
        except EmulatorProblem as problem:
            return problem_response(problem)
        lose = request.method in _WRITES and response.status_code < 400
        if lose and self.faults.take_lost_answer():
            log.debug("fault: answer to %s %s lost", request.method, path)
            raise AnswerLost(f"{request.method} {path}: answer dropped")
        return response

    def _match(self, adapter: Any) -> tuple[str, dict[str, Any]]:
        try:
            endpoint, args = adapter.match()
        except MethodNotAllowed as exc:
            allowed = ", ".join(sorted(exc.valid_methods or ()))
            raise EmulatorProblem(
                405, ProblemItem("Method not allowed"), headers={"Allow": allowed}
            ) from None
        except NotFound:
            raise EmulatorProblem(404, ProblemItem("Not found")) from None
        return str(endpoint), dict(args)

    def _auth(self, request: Request, adapter: Any) -> Response:
        endpoint, _ = self._match(adapter)
        if endpoint == "auth.login":
            return Response(status=302, headers={"Location": self.auth.login(request.args)})
        try:
            return json_response(self.auth.token(read_json(request)))
        except OAuthProblem as problem:
            return json_response(problem.to_json(), problem.status)
        except EmulatorProblem:  # bad JSON on the token endpoint
            return json_response({"error": "invalid_request"}, 400)

    def _admin(self, request: Request, adapter: Any) -> Response:
        try:
            endpoint, args = self._match(adapter)
            return self.admin.handle(request, endpoint, args)
        except EmulatorProblem as problem:
            return problem_response(problem)
        except (KeyError, TypeError, ValueError) as exc:
            return problem_response(EmulatorProblem(400, ProblemItem(f"bad admin request: {exc}")))
        except HTTPException as exc:  # pragma: no cover - werkzeug redirects
            return exc.get_response()


class EmulatorTransport(httpx.WSGITransport):
    """In-process transport: a lost answer becomes `httpx.ReadTimeout`, as a client would see it."""

    def __init__(self, emulator: Emulator) -> None:
        super().__init__(app=emulator)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return super().handle_request(request)
        except AnswerLost as exc:
            raise httpx.ReadTimeout(str(exc), request=request) from None
