"""Running the service process: the store, capture's watchers, the loop, the local API.

``serve`` is what ``tenths service start`` runs (in the foreground; the installed
units run it so too). uvicorn serves the API on the main thread and stops on
SIGINT / SIGTERM or ``POST /v1/stop``; the service's loop and each watcher run in
threads of their own. On the way out the open span is written, the endpoint
file removed and the store closed. After a ``kill -9`` none of that happens, and
none of it is needed: every span written is in the store, and the next start
writes none twice (deterministic ids, insert-or-ignore).
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from logging.handlers import RotatingFileHandler

import uvicorn

from app.api.build import create_api
from app.day import DayRefresher
from app.extension import stand_down_extension, write_extension
from app.local_client import answering
from app.metrics import OcrTimings
from app.runtime import Endpoint, RuntimeFiles
from app.service import Service, Syncer
from app.supervisor import WatcherSlot
from capture.watchers.base import Watcher
from tenths.errors import SettingsError, TenthsError
from tenths.settings import Settings
from tenths.store import Store

WatcherFactory = Callable[[], Sequence[Watcher]]


class AlreadyRunning(TenthsError):
    """A service already runs on this data folder."""


def capture_watchers(settings: Settings, user: int) -> WatcherFactory:
    """Capture's watchers for this machine (the screen when there is a display, the
    document folders, calendars and call logs the settings name)."""

    def make() -> Sequence[Watcher]:
        from capture.watchers import watchers_for

        return watchers_for(settings.capture, user, platform=sys.platform,
                            display=os.environ.get("DISPLAY"))

    return make


def _slots(make: WatcherFactory, service: Service) -> list[WatcherSlot]:
    def remake(name: str) -> Callable[[], Watcher]:
        def again() -> Watcher:
            chosen: Watcher | None = None
            for watcher in make():
                if watcher.name == name and chosen is None:
                    chosen = watcher
                else:
                    watcher.close()
            if chosen is None:
                raise LookupError(f"no watcher {name}")
            return chosen

        return again

    return [WatcherSlot(w, remake(w.name), service.accept) for w in make()]


def mycase_syncer(settings: Settings, user: int,
                  env: Mapping[str, str] | None = None) -> Syncer:
    """Sync ``store`` with MyCase over the connection `tenths connect` saved; None when
    there is none."""

    def sync(store: Store) -> object:
        from app.mycase import connected_client
        from sync.engine import SyncEngine

        client = connected_client(settings, user, env)
        if client is None:
            return None
        with client:
            return SyncEngine(client, store).sync()

    return sync


class Terminated(SystemExit):
    """SIGTERM arrived (a service manager stopping us)."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated(0)


def _exit_on_sigterm() -> None:
    """uvicorn shuts down gracefully on SIGTERM and then raises it again with the handler
    it found; with this one that unwinds the main thread (what is open gets written)
    instead of ending the process on the spot."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)


LOG_BYTES = 1_000_000
LOG_FILES = 3


def _log_to_file(runtime: RuntimeFiles) -> None:
    """The service's log (counts, ids, timings, error classes; never captured text) in
    ``service/service.log`` (0600), rotated at 1 MB, three kept: a scheduled task on
    Windows has no console to write to."""
    runtime.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.umask(os.umask(0o077) | 0o077)  # the log and its rotated files are created 0600
    path = runtime.folder / "service.log"
    handler = RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_FILES,
                                  encoding="utf-8")
    path.chmod(0o600)  # one an older version left readable
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger("app").setLevel(logging.INFO)


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1 (``port`` 0: any free one)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(64)
    return sock


def serve(
    settings: Settings,
    user: int,
    *,
    watchers: WatcherFactory | None = None,
    on_ready: Callable[[Endpoint], None] | None = None,
) -> None:
    """Run the service until it is stopped."""
    from capture.checks import capture_problems

    problems = capture_problems(settings.capture)
    if problems:  # every one at once, before anything starts
        raise SettingsError("settings have problems:\n  " + "\n  ".join(problems))
    runtime = RuntimeFiles(settings.store.data_dir)
    running = answering(runtime)
    if running is not None:
        raise AlreadyRunning(f"the service already runs (pid {running.pid}, port "
                             f"{running.port})")
    token = runtime.token()
    _log_to_file(runtime)
    from capture.heartbeats import SpanBuilder

    store = Store.open(settings.store.path_for(user))
    try:
        ocr = OcrTimings().attach()
        service = Service(settings, user, store, SpanBuilder(settings.capture), runtime,
                          refresher=DayRefresher(settings, user),
                          syncer=mycase_syncer(settings, user), metrics=ocr.summary)
        sock = bind(settings.service.port)
        port = sock.getsockname()[1]
        api = create_api(service, token, port)
        server = uvicorn.Server(uvicorn.Config(api, log_level="warning", access_log=False,
                                               lifespan="off", server_header=False,
                                               date_header=False))
        api.state.stop = lambda: setattr(server, "should_exit", True)
        stop = threading.Event()
        service.watch(_slots(watchers or capture_watchers(settings, user), service))
        loop = threading.Thread(target=service.run, args=(stop,), name="service-loop")
        loop.start()
        endpoint = Endpoint(port, os.getpid(), user, datetime.now(UTC).isoformat())
        runtime.write_endpoint(endpoint)
        write_extension(settings.store.data_dir, endpoint, token)
        if on_ready is not None:
            on_ready(endpoint)
        _exit_on_sigterm()
        try:
            server.run(sockets=[sock])
        finally:
            stop.set()
            loop.join()
            runtime.clear_endpoint(endpoint.pid)
            stand_down_extension(settings.store.data_dir)
            sock.close()
    finally:
        store.close()
