"""How the review page gets a token without the install's token ever reaching a URL.

`tenths review` asks the running service (with the install's token) for a one-time
code and opens the page with it in the address's fragment. The page trades the code
at once for a session token, kept in the tab's sessionStorage. A browser's history
therefore holds only a code that is spent (single use) or stale (60 s), never a
token; a session token lives in the service's memory and dies with it.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

CODE_SECONDS = 60.0
CODE_PATH = "/v1/session"  # the one POST the guard lets through without a token


class Sessions:
    """One-time codes and the session tokens they were traded for (thread-safe)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._codes: dict[str, float] = {}  # code -> when it stops working
        self._tokens: set[str] = set()

    def new_code(self) -> str:
        code = secrets.token_urlsafe(32)
        with self._lock:
            now = self._clock()
            self._codes = {c: until for c, until in self._codes.items() if until > now}
            self._codes[code] = now + CODE_SECONDS
        return code

    def trade(self, code: str) -> str | None:
        """A new session token for a live code (which is spent), else None."""
        with self._lock:
            until = self._codes.pop(code, None)
            if until is None or until <= self._clock():
                return None
            token = secrets.token_urlsafe(32)
            self._tokens.add(token)
            return token

    def valid(self, token: str) -> bool:
        with self._lock:
            return any(secrets.compare_digest(token, t) for t in self._tokens)


class CodeOut(BaseModel):
    code: str = Field(description=f"single use, for {CODE_SECONDS:.0f} s")


class CodeIn(BaseModel):
    code: str = Field(max_length=128)


class SessionOut(BaseModel):
    token: str = Field(description="a bearer token for this tab, valid while the service runs")


router = APIRouter(tags=["review"])


@router.post("/session/code", summary="A one-time code for opening the review page")
def session_code(request: Request) -> CodeOut:
    return CodeOut(code=request.app.state.sessions.new_code())


@router.post("/session", summary="Trade a one-time code for a session token (no token needed)")
def session(body: CodeIn, request: Request) -> SessionOut:
    token = request.app.state.sessions.trade(body.code)
    if token is None:
        raise HTTPException(401, "the code is spent or stale: open the page with `tenths review`")
    return SessionOut(token=token)
