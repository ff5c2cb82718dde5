"""What every request to the local API must pass, before any route sees it.

- **Host**: only ``127.0.0.1:<port>`` or ``localhost:<port>``. A web page that
  rebinds its own name to 127.0.0.1 (DNS rebinding) still sends its own name.
- **Origin**: a request a web page makes carries its origin; only the browser
  extension's (``chrome-extension://``, ``moz-extension://``) is let through. No
  CORS header is ever sent, so a page cannot read an answer either.
- **Token**: ``Authorization: Bearer <the install's token>``, or a review page's
  session token (``app/api/sessions.py``), compared in constant time. The one POST
  without a token is the page trading its one-time code for a session token.
- **The review page** (``public`` path prefixes, GET only) is served without the
  token: its files hold no data, and the page then calls the API with the token
  like any client. Its own calls carry its origin (``http://127.0.0.1:<port>``),
  which is let through as the extension's is; no other web origin is.

A pure ASGI middleware: refused requests are answered here with a short JSON
error and never logged with their content.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from app.api.sessions import CODE_PATH, Sessions

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

EXTENSION_ORIGINS = (b"chrome-extension://", b"moz-extension://")


class Guard:
    def __init__(self, app: ASGIApp, token: str, port: int, public: tuple[str, ...] = (),
                 sessions: Sessions | None = None):
        self.app = app
        self.sessions = sessions
        self.hosts = {f"127.0.0.1:{port}".encode(), f"localhost:{port}".encode()}
        self.own_origins = {b"http://" + host for host in self.hosts}
        self.public = public
        self.authorization = f"Bearer {token}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":  # the API has none
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] != "http":  # lifespan
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        if headers.get(b"host") not in self.hosts:
            await _refuse(send, 421, "wrong Host: the API answers 127.0.0.1 only")
            return
        origin = headers.get(b"origin")
        if (origin is not None and not origin.startswith(EXTENSION_ORIGINS)
                and origin not in self.own_origins):
            await _refuse(send, 403, "requests from web pages are refused")
            return
        path = scope.get("path", "")
        if scope.get("method") == "GET" and any(path == p or path.startswith(p + "/")
                                                 for p in self.public):
            await self.app(scope, receive, send)  # the page's own files: no data
            return
        if (self.sessions is not None and scope.get("method") == "POST"
                and path == CODE_PATH):
            await self.app(scope, receive, send)  # a one-time code is its own credential
            return
        if not self._authorised(headers.get(b"authorization", b"")):
            await _refuse(send, 401, "the install's token is needed (Authorization: Bearer)",
                          [(b"www-authenticate", b"Bearer")])
            return
        await self.app(scope, receive, send)


    def _authorised(self, authorization: bytes) -> bool:
        if secrets.compare_digest(authorization, self.authorization):
            return True
        if self.sessions is None or not authorization.startswith(b"Bearer "):
            return False
        return self.sessions.valid(authorization[7:].decode("ascii", "replace"))


async def _refuse(send: Send, status: int, message: str,
                  extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"detail": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()), *(extra or [])]})
    await send({"type": "http.response.body", "body": body})
