"""Serve an emulator over real HTTP on 127.0.0.1, in a background thread."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from werkzeug.serving import WSGIRequestHandler, make_server

from .admin import Admin
from .app import Emulator
from .settings import EmulatorSettings
from .state import FirmState, utc_now
from .webhooks import Deliver, post_to_localhost

log = logging.getLogger("tenths.sync.emulator")


class _Handler(WSGIRequestHandler):
    """Quiet, closes the socket when the app drops an answer, and never hangs on idle keep-alive."""

    timeout = 10  # seconds an idle keep-alive connection may wait for its next request

    def connection_dropped(self, error: BaseException, environ: Any = None) -> None:
        self.close_connection = True

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        log.debug("%s %s", code, self.path.split("?", 1)[0])

    def log(self, type: str, message: str, *args: Any) -> None:
        log.debug(message, *args)


@dataclass(frozen=True)
class ServedEmulator:
    """A running emulator. URLs have no trailing slash.

    - `api_url`: `http://127.0.0.1:PORT/v1` (resources: `{api_url}/time_entries`)
    - `auth_url`: `http://127.0.0.1:PORT/auth` (`{auth_url}/login_sessions/new`, `{auth_url}/tokens`)
    - `admin_url`: `http://127.0.0.1:PORT/_admin`
    """

    emulator: Emulator
    base_url: str

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/v1"

    @property
    def auth_url(self) -> str:
        return f"{self.base_url}/auth"

    @property
    def admin_url(self) -> str:
        return f"{self.base_url}/_admin"

    @property
    def admin(self) -> Admin:
        return self.emulator.admin

    @property
    def state(self) -> FirmState:
        return self.emulator.state

    @property
    def requests_served(self) -> int:
        return self.emulator.requests_served


@contextmanager
def serve_emulator(emulator: Emulator, *, port: int = 0) -> Iterator[ServedEmulator]:
    """Serve an existing emulator on 127.0.0.1 (port 0: a free one) until the block ends."""
    server = make_server("127.0.0.1", port, emulator, threaded=True, request_handler=_Handler)
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        daemon=True,
        name="mycase-emulator",
    )
    thread.start()
    try:
        yield ServedEmulator(emulator, f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def serve(
    firm: Mapping[str, Any],
    settings: EmulatorSettings | None = None,
    *,
    port: int = 0,
    clock: Callable[[], datetime] = utc_now,
    sleep: Callable[[float], None] = time.sleep,
    deliver: Deliver = post_to_localhost,
) -> Iterator[ServedEmulator]:
    """Seed an emulator from a firm.json dict and serve it on 127.0.0.1."""
    emulator = Emulator(firm, settings, clock=clock, sleep=sleep, deliver=deliver)
    with serve_emulator(emulator, port=port) as served:
        yield served
