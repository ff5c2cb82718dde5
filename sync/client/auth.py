"""OAuth 2.0 for MyCase: the authorization URL, the code exchange, and bearer
auth as an httpx auth flow that refreshes (rotating refresh tokens) once on 401.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import httpx

from ..errors import (
    ErrorDetail,
    ReauthorizationRequired,
    TransportFailure,
    error_for_status,
)
from .clock import Clock
from .tokens import TokenSet, TokenStore

log = logging.getLogger("tenths.sync.client")
PostJSON = Callable[[str, dict[str, Any]], httpx.Response]


@dataclass(frozen=True)
class OAuthApp:
    """The OAuth client registered with MyCase, and the auth origin."""

    auth_url: str  # e.g. https://auth.mycase.com (no trailing slash)
    client_id: str
    client_secret: str
    redirect_uri: str


class TokenSession:
    """Holds the current tokens; exchanges codes and refreshes. Thread-safe."""

    def __init__(
        self,
        app: OAuthApp,
        store: TokenStore,
        clock: Clock,
        post_json: PostJSON,
        refresh_margin: timedelta = timedelta(seconds=60),
    ) -> None:
        self._app = app
        self._store = store
        self._clock = clock
        self._post = post_json
        self._margin = refresh_margin
        self._lock = threading.Lock()
        self._current: TokenSet | None = None  # cached: the keyring is slow to read
        self.refreshes = 0

    def authorization_url(self, state: str | None = None) -> str:
        """Where to send the user's browser to log in and consent."""
        params = {
            "client_id": self._app.client_id,
            "redirect_uri": self._app.redirect_uri,
            "response_type": "code",
        }
        if state:
            params["state"] = state
        return f"{self._app.auth_url}/login_sessions/new?{urlencode(params)}"

    def exchange_code(self, code: str) -> TokenSet:
        """Trade an authorization code for tokens, and store them."""
        with self._lock:
            tokens = self._token_request(
                {
                    "grant_type": "authorization_code",
                    "code": code,
                    "redirect_uri": self._app.redirect_uri,
                },
                previous=None,
            )
            return tokens

    def forget(self) -> None:
        """Drop the tokens, here and in the store (a connection that is not wanted)."""
        with self._lock:
            self._store.clear()
            self._current = None

    def tokens(self) -> TokenSet:
        tokens = self._current
        if tokens is None:
            tokens = self._current = self._store.load()
        if tokens is None:
            raise ReauthorizationRequired(401, "", "", (ErrorDetail("not connected to MyCase"),))
        return tokens

    def access_token(self) -> str:
        """The current access token, refreshed first if it is about to expire."""
        tokens = self.tokens()
        if tokens.expires_at - self._margin <= self._clock.now():
            return self.refresh(stale=tokens.access_token)
        return tokens.access_token

    def refresh(self, stale: str | None = None) -> str:
        """Refresh unless another thread already replaced `stale`; the new access token."""
        with self._lock:
            tokens = self.tokens()
            if stale is not None and tokens.access_token != stale:
                return tokens.access_token
            new = self._token_request(
                {"grant_type": "refresh_token", "refresh_token": tokens.refresh_token},
                previous=tokens,
            )
            self.refreshes += 1
            return new.access_token

    def _token_request(self, grant: dict[str, Any], previous: TokenSet | None) -> TokenSet:
        body = {"client_id": self._app.client_id, "client_secret": self._app.client_secret, **grant}
        url = f"{self._app.auth_url}/tokens"
        try:
            response = self._post(url, body)
        except httpx.TransportError as exc:
            raise TransportFailure(f"POST /tokens: {type(exc).__name__}") from exc
        log.info("token %s: %s", grant["grant_type"], response.status_code)
        if response.status_code in (400, 401):
            code = _oauth_error(response)
            raise ReauthorizationRequired(
                response.status_code, "POST", "/tokens", (ErrorDetail(code),)
            )
        if response.status_code >= 300:
            raise error_for_status(response.status_code, method="POST", path="/tokens")
        try:
            tokens = TokenSet.from_answer(response.json(), self._clock.now(), previous)
        except ValueError as exc:
            raise ReauthorizationRequired(
                response.status_code, "POST", "/tokens", (ErrorDetail(str(exc)),)
            ) from None
        # Rotating refresh tokens: the old one is dead now, so save before anything else.
        self._store.save(tokens)
        self._current = tokens
        return tokens


def _oauth_error(response: httpx.Response) -> str:
    try:
        payload = response.json()
    except ValueError:
        return "token request refused"
    code = payload.get("error") if isinstance(payload, dict) else None
    return str(code) if code else "token request refused"


class BearerAuth(httpx.Auth):
    """Adds the bearer token; on 401 refreshes once and resends the request."""

    requires_response_body = True  # read the 401 fully so its connection is freed

    def __init__(self, session: TokenSession) -> None:
        self._session = session

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        token = self._session.access_token()
        request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if response.status_code == 401:
            log.info("401 on %s %s: refreshing", request.method, request.url.path)
            token = self._session.refresh(stale=token)
            request.headers["Authorization"] = f"Bearer {token}"
            yield request
