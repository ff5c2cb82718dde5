"""A local HTTP listener for MyCase webhook deliveries (werkzeug, 127.0.0.1 only).

`POST {url}` with a delivery (`{resource, action, resource_body}`, signed in
`X-MyCase-Signature`, see `sync.client.webhooks`) is verified against the key of
the store's subscription for that model and applied to the store's case list
(`sync.pullers.apply_webhook`). Answers:

| status | when |
| --- | --- |
| 204 | applied |
| 401 | the signature is missing or wrong (nothing is touched) |
| 404 | another path, or a model this store is not subscribed to |
| 400 | not a delivery (not JSON, or the wrong shape) |
| 413 | a body over `MAX_BODY` |
| 422 | signed, but its record cannot be read: the model is marked for refresh |

Requests are handled one at a time on the listener's own thread, and every
store access holds `lock`: share that lock with anything else using the same
store (DuckDB connections are not for concurrent use). Logs carry models,
actions and statuses only, never the records.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any, Self

from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from sync.client.webhooks import SIGNATURE_HEADER, SignatureMismatch
from sync.errors import UnexpectedAnswer
from sync.pullers import NotSubscribed, apply_webhook
from tenths.errors import RecordError
from tenths.store import Store

log = logging.getLogger("tenths.sync")
PATH = "/mycase/webhooks"
MAX_BODY = 1 << 20  # a case with its staff and custom fields is a few kilobytes


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        log.debug("webhook listener: %s", code)

    def log(self, type: str, message: str, *args: Any) -> None:  # noqa: A002
        log.debug("webhook listener: " + message, *args)


class WebhookListener:
    """Serve `PATH` on 127.0.0.1:`port` (0: a free port) in a background thread.

        with WebhookListener(store, port=settings.mycase.webhook_port) as listener:
            puller.subscribe(listener.url)
            ...
    """

    def __init__(self, store: Store, *, port: int = 0, lock: threading.Lock | None = None,
                 on_applied: Callable[[str, str], None] | None = None) -> None:
        self.store = store
        self.lock = lock or threading.Lock()
        self.on_applied = on_applied
        self.applied = 0
        self.rejected = 0
        self._server: BaseWSGIServer = make_server(
            "127.0.0.1", port, self._app, threaded=False, request_handler=_QuietHandler
        )
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._server.server_port)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{PATH}"

    def start(self) -> Self:
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.1},
                                        name="mycase-webhooks", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- WSGI ------------------------------------------------------------------

    def _app(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = Request(environ)
        request.max_content_length = MAX_BODY
        response = self._handle(request)
        if response.status_code != 204:
            self.rejected += 1
        return response(environ, start_response)

    def _handle(self, request: Request) -> Response:
        if request.path != PATH:
            return Response(status=404)
        if request.method != "POST":
            return Response(status=405, headers={"Allow": "POST"})
        try:
            body = request.get_data(cache=False)
        except RequestEntityTooLarge:
            return Response(status=413)
        signature = request.headers.get(SIGNATURE_HEADER)
        try:
            with self.lock:
                event = apply_webhook(self.store, body, signature)
        except SignatureMismatch:
            log.warning("webhook refused: bad signature")
            return Response(status=401)
        except NotSubscribed:
            return Response(status=404)
        except UnexpectedAnswer:
            return Response(status=400)
        except RecordError:
            return Response(status=422)
        self.applied += 1
        if self.on_applied is not None:
            self.on_applied(event.resource, event.action)
        return Response(status=204)
