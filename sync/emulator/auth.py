"""OAuth 2.0 authorization-code flow as MyCase runs it: codes, access and
rotating refresh tokens, and who may log in."""

from __future__ import annotations

import secrets
import threading
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode, urlsplit

from .settings import EmulatorSettings, OAuthClientConfig
from .state import Clock, EmulatorProblem, FirmState, JSONObject, ProblemItem


class OAuthProblem(Exception):
    """An RFC 6749 error answer of the token endpoint: `{"error": code}`."""

    def __init__(self, status: int, code: str, description: str) -> None:
        self.status = status
        self.code = code
        self.description = description
        super().__init__(f"{status} {code}: {description}")

    def to_json(self) -> JSONObject:
        return {"error": self.code, "error_description": self.description}


@dataclass(frozen=True)
class Grant:
    """What a code or token stands for."""

    staff_id: int
    client_id: str
    expires_at: datetime
    redirect_uri: str = ""


class AuthService:
    def __init__(
        self, settings: EmulatorSettings, state: FirmState, clock: Clock, firm_uuid: str
    ) -> None:
        self._settings = settings
        self._state = state
        self._clock = clock
        self.firm_uuid = firm_uuid
        self._clients = {c.client_id: c for c in settings.oauth_clients}
        self._lock = threading.Lock()
        self._codes: dict[str, Grant] = {}
        self._access: dict[str, Grant] = {}
        self._refresh: dict[str, Grant] = {}
        self.login_staff_id = settings.login_staff_id
        self.no_billing_permission: set[int] = set(settings.staff_without_billing_permission)

    @staticmethod
    def default_firm_uuid(firm_name: str) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"mycase-emulator:{firm_name}"))

    # --- who may act -------------------------------------------------------

    def check_may_connect(self, staff_id: int) -> None:
        """403 unless the staff member is active and may manage billing preferences."""
        with self._state.lock:
            staff = self._state.staff.get(staff_id)
            active = staff is not None and staff.body.get("active", True) is not False
        if not active or staff_id in self.no_billing_permission:
            raise EmulatorProblem(
                403,
                ProblemItem("forbidden: the user may not manage the firm's billing preferences"),
            )

    def current_login(self) -> int:
        if self.login_staff_id is not None:
            return self.login_staff_id
        with self._state.lock:
            for record in self._state.staff.ordered():
                if record.body.get("active", True) is not False:
                    return record.id
        raise EmulatorProblem(403, ProblemItem("forbidden: the firm has no active staff"))

    # --- browser step ------------------------------------------------------

    def _client(self, client_id: str) -> OAuthClientConfig | None:
        return self._clients.get(client_id)

    def _redirect_allowed(self, client: OAuthClientConfig, redirect_uri: str) -> bool:
        if client.redirect_uris:
            return redirect_uri in client.redirect_uris
        parts = urlsplit(redirect_uri)
        return parts.scheme == "http" and parts.hostname in {"127.0.0.1", "localhost"}

    def login(self, params: Mapping[str, str]) -> str:
        """`GET /login_sessions/new`: the Location to redirect to (with a code)."""
        client = self._client(params.get("client_id", ""))
        redirect_uri = params.get("redirect_uri", "")
        if client is None:
            raise EmulatorProblem(400, ProblemItem("unknown client_id", parameter="client_id"))
        if not self._redirect_allowed(client, redirect_uri):
            raise EmulatorProblem(
                400, ProblemItem("redirect_uri not registered", parameter="redirect_uri")
            )
        if params.get("response_type") != "code":
            raise EmulatorProblem(
                400, ProblemItem("response_type must be code", parameter="response_type")
            )
        code = self.issue_code(self.current_login(), client.client_id, redirect_uri)
        query = {"code": code}
        if params.get("state"):
            query["state"] = params["state"]
        separator = "&" if urlsplit(redirect_uri).query else "?"
        return f"{redirect_uri}{separator}{urlencode(query)}"

    def issue_code(self, staff_id: int, client_id: str, redirect_uri: str) -> str:
        self.check_may_connect(staff_id)
        if client_id not in self._clients:
            raise EmulatorProblem(400, ProblemItem("unknown client_id", parameter="client_id"))
        code = secrets.token_urlsafe(24)
        expires = self._clock() + self._settings.authorization_code_lifetime
        with self._lock:
            self._codes[code] = Grant(staff_id, client_id, expires, redirect_uri)
        return code

    # --- token endpoint ----------------------------------------------------

    def token(self, body: object) -> JSONObject:
        """`POST /tokens` with a JSON body."""
        if not isinstance(body, Mapping):
            raise OAuthProblem(400, "invalid_request", "body must be a JSON object")
        client = self._client(str(body.get("client_id", "")))
        if client is None or not secrets.compare_digest(
            str(body.get("client_secret", "")), client.client_secret
        ):
            raise OAuthProblem(401, "invalid_client", "unknown client or wrong secret")
        grant_type = body.get("grant_type")
        now = self._clock()
        if grant_type == "authorization_code":
            with self._lock:
                grant = self._codes.pop(str(body.get("code", "")), None)
            if grant is None or grant.expires_at <= now or grant.client_id != client.client_id:
                raise OAuthProblem(400, "invalid_grant", "code unknown, used or expired")
            if str(body.get("redirect_uri", "")) != grant.redirect_uri:
                raise OAuthProblem(400, "invalid_grant", "redirect_uri does not match")
            return self._issue(grant.staff_id, client.client_id, with_firm=True)
        if grant_type == "refresh_token":
            with self._lock:
                grant = self._refresh.pop(str(body.get("refresh_token", "")), None)
            if grant is None or grant.expires_at <= now or grant.client_id != client.client_id:
                raise OAuthProblem(400, "invalid_grant", "refresh token unknown, used or expired")
            return self._issue(grant.staff_id, client.client_id, with_firm=False)
        raise OAuthProblem(400, "unsupported_grant_type", "grant_type not supported")

    def issue_tokens(self, staff_id: int, client_id: str) -> JSONObject:
        """Tokens for a staff member without the browser step (admin, demo, tests)."""
        self.check_may_connect(staff_id)
        if client_id not in self._clients:
            raise EmulatorProblem(400, ProblemItem("unknown client_id", parameter="client_id"))
        return self._issue(staff_id, client_id, with_firm=True)

    def _issue(self, staff_id: int, client_id: str, *, with_firm: bool) -> JSONObject:
        now = self._clock()
        access = secrets.token_urlsafe(32)
        refresh = secrets.token_urlsafe(32)
        lifetime = self._settings.access_token_lifetime
        with self._lock:
            self._access[access] = Grant(staff_id, client_id, now + lifetime)
            self._refresh[refresh] = Grant(
                staff_id, client_id, now + self._settings.refresh_token_lifetime
            )
        answer: JSONObject = {
            "access_token": access,
            "token_type": "Bearer",
            "scope": self._settings.scope,
            "refresh_token": refresh,
            "expires_in": int(lifetime.total_seconds()),
        }
        if with_firm:
            answer["firm_uuid"] = self.firm_uuid
        return answer

    # --- resource server ---------------------------------------------------

    def authenticate(self, authorization: str | None) -> Grant:
        """The grant behind a bearer header; 401 if missing, unknown or expired."""
        scheme, _, token = (authorization or "").partition(" ")
        with self._lock:
            grant = self._access.get(token.strip()) if scheme.lower() == "bearer" else None
        if grant is None or grant.expires_at <= self._clock():
            raise EmulatorProblem(
                401,
                ProblemItem("access token missing, invalid or expired"),
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        return grant

    def expire_access_tokens(self) -> int:
        """Make every access token invalid now (refresh tokens still work)."""
        with self._lock:
            count = len(self._access)
            self._access.clear()
        return count
