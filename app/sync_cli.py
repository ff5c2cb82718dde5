"""The sync commands of the `tenths` CLI: connect, sync (and --status), listen
(webhooks on 127.0.0.1 plus periodic syncs), bench sync.

While the service runs it holds the store (DuckDB has one writer): a plain
`tenths sync` then asks the service to sync now, through its local API.

The API and auth base URLs come from settings, or TENTHS_MYCASE_API_URL and
TENTHS_MYCASE_AUTH_URL (read by `tenths.settings`), so `tenths sync` can be
pointed at any server that speaks the contract (the emulator, for one).
"""

from __future__ import annotations

import json
import secrets
import threading
import webbrowser
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Annotated
from urllib.parse import parse_qs, urlsplit

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from app.mycase import account_name, client_for
from sync.engine import SyncEngine
from sync.errors import NotFound, SyncError
from sync.listener import PATH, WebhookListener
from sync.plan import Action, Conflict, Plan
from tenths.options import SettingsOption, settings_from
from tenths.settings import Settings
from tenths.store import Store

console = Console()
SecretOption = Annotated[str, typer.Option(envvar="TENTHS_MYCASE_CLIENT_SECRET")]
ConnectionOption = Annotated[
    str, typer.Option(help="'user' (your own login) or 'firm' (one login acting for all staff).")
]



def _account(connection: str, user: int) -> str:
    if connection not in {"user", "firm"}:
        raise typer.BadParameter("--connection is 'user' or 'firm'")
    return account_name(connection, user)


CALLBACK_PATH = "/callback"


@dataclass
class _Redirect:
    """What the loopback redirect received (the first request to CALLBACK_PATH)."""

    query: dict[str, str] = field(default_factory=dict)
    done: threading.Event = field(default_factory=threading.Event)


def _callback_handler(redirect: _Redirect) -> type[BaseHTTPRequestHandler]:
    class Callback(BaseHTTPRequestHandler):
        """Takes `?code=&state=` once and says so in the browser; anything else is 404."""

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            parts = urlsplit(self.path)
            if parts.path != CALLBACK_PATH or redirect.done.is_set():
                self.send_error(404)
                return
            redirect.query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.end_headers()
            self.wfile.write(b"tenths got the MyCase login. You can close this tab.")
            redirect.done.set()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            return

    return Callback


def _fail(message: str) -> typer.Exit:
    console.print(f"[red]{escape(message)}[/red]")
    return typer.Exit(1)


def connect_command(
    user: Annotated[int, typer.Option(help="Your MyCase staff id.")],
    connection: ConnectionOption = "user",
    settings_file: SettingsOption = None,
    client_secret: SecretOption = "",
    open_browser: Annotated[
        bool, typer.Option(help="Open the login page (else only print its address).")
    ] = True,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the login.")] = 300.0,
) -> None:
    """Connect to MyCase: the OAuth authorization-code flow with a loopback redirect.

    A 'user' connection must be made by that user's own login (checked with
    /v1/me); a 'firm' connection is one login that syncs for any staff member.
    """
    settings = settings_from(settings_file)
    account = _account(connection, user)
    redirect = _Redirect()
    server = HTTPServer(("127.0.0.1", settings.mycase.redirect_port), _callback_handler(redirect))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                              daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        with client_for(settings, client_secret, account, port) as client:
            state = secrets.token_urlsafe(16)
            url = client.authorization_url(state)
            console.print("Log in to MyCase to connect tenths:")
            # One line, never wrapped or marked up: it may be copied into a browser.
            console.print(url, soft_wrap=True, markup=False, highlight=False)
            if open_browser:
                webbrowser.open(url)
            if not redirect.done.wait(timeout):
                raise _fail("no answer from the MyCase login")
            answer = redirect.query
            if answer.get("state") != state:
                raise _fail("login refused: the answer does not belong to this login (state)")
            if "code" not in answer:
                raise _fail(f"login refused: {answer.get('error', 'no code')}")
            try:
                tokens = client.exchange_code(answer["code"])
                me = client.me()
            except SyncError as exc:
                client.session.forget()
                raise _fail(f"connecting failed: {exc}") from exc
            staff_id = me.get("id")
            if connection == "user" and staff_id != user:
                client.session.forget()
                raise _fail(
                    f"logged in as staff {staff_id}, not {user}: a user connection needs "
                    "that user's own login (or use --connection firm)"
                )
        console.print(f"connected ({connection} connection as staff {staff_id}, "
                      f"firm {tokens.firm_uuid or '?'})")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _status_table(engine: SyncEngine) -> None:
    status = engine.status()
    table = Table(title="MyCase sync")
    table.add_column("what")
    table.add_column("count", justify="right")
    for kind, count in sorted(status.pending.items()):
        table.add_row(f"pending: {kind}", str(count))
    table.add_row("unfinished writes (interrupted run)", str(status.unfinished))
    table.add_row("conflicts (need you)", str(len(status.conflicts)))
    table.add_row("frozen (invoiced in MyCase)", str(status.frozen))
    table.add_row("in sync", str(status.synced))
    console.print(table)
    for c in status.conflicts:
        fields = ", ".join(c.fields) or "-"
        console.print(f"  conflict {c.entry_id} (MyCase {c.remote_id}): {c.reason}; {fields}")
    if status.last_scan:
        console.print(f"last full scan: {status.last_scan}")


def sync_command(
    user: Annotated[int, typer.Option(help="Your MyCase staff id (whose store to sync).")],
    status: Annotated[bool, typer.Option("--status", help="Only say what is pending.")] = False,
    full: Annotated[bool, typer.Option(help="Scan every MyCase id for deletions.")] = False,
    allow_mass_delete: Annotated[bool, typer.Option(help="Override the guard.")] = False,
    connection: ConnectionOption = "user",
    settings_file: SettingsOption = None,
    client_secret: SecretOption = "",
) -> None:
    """Two-way sync with MyCase: pull the case list and edits, push what is released.
    While the service runs it holds the store: a plain sync is then asked of it."""
    settings = settings_from(settings_file)
    if not (status or full or allow_mass_delete) and _synced_by_service(settings, user):
        return
    with client_for(settings, client_secret, _account(connection, user)) as client, Store.open(
        settings.store.path_for(user)
    ) as store:
        engine = SyncEngine(client, store, allow_mass_delete=allow_mass_delete)
        if status:
            _status_table(engine)
            return
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      console=console, transient=True) as progress:
            pulling = progress.add_task("pulling from MyCase", total=None)
            task = progress.add_task("syncing entries", total=0, visible=False)

            def on_plan(plan: Plan) -> None:
                progress.update(pulling, visible=False)
                writes = sum(not isinstance(a, Conflict) for a in plan.actions)
                progress.update(task, total=writes, visible=True)

            def on_action(action: Action) -> None:
                progress.advance(task)

            try:
                report = engine.sync(full=True if full else None, progress=on_action,
                                     on_plan=on_plan)
            except SyncError as exc:
                console.print(f"[red]{exc}[/red]")
                raise typer.Exit(1) from exc
        p, s = report.pulled, report.pushed
        console.print(
            f"pulled {p.entries} changed entries ({p.deleted} deleted in MyCase); "
            f"created {s.created} (found again after a lost answer: {s.recovered}), "
            f"replaced {s.replaced}, deleted {s.deleted}, frozen {s.frozen}, "
            f"conflicts {s.conflicts}"
        )
        _status_table(engine)


LOOPBACK = "loopback"


def _synced_by_service(settings: Settings, user: int) -> bool:
    """Ask the running service that holds `user`'s store to sync now; False when none
    does. Exits 1 when its sync failed (the service logs why, by error class)."""
    from app.backends import ServiceBackend, backend_for

    with backend_for(settings, user) as backend:
        if not isinstance(backend, ServiceBackend):
            return False
        answer = backend.client.call("POST", "/sync").json()
    result = answer.get("result") or {}
    if not answer.get("ran") or result.get("connected") is False:
        raise _fail("the running service is not connected to MyCase: run `tenths connect`")
    if answer.get("error"):
        raise _fail(f"the service's sync failed ({answer['error']}); see `tenths service status`")
    console.print("the running service synced with MyCase", highlight=False)
    return True


def listen_command(
    user: Annotated[int, typer.Option(help="Your MyCase staff id (whose store to keep).")],
    sync_every: Annotated[
        float, typer.Option(help="Minutes between syncs (0: only the first).")
    ] = 5.0,
    webhook_url: Annotated[str, typer.Option(
        help="Where MyCase should post webhook deliveries: the public address of a relay "
             "that forwards them to this listener (127.0.0.1:[mycase] webhook_port"
             f", path {PATH}), or '{LOOPBACK}' for the listener itself, which only a MyCase "
             "on this machine can reach. Without it, the case list is polled.")] = "",
    connection: ConnectionOption = "user",
    settings_file: SettingsOption = None,
    client_secret: SecretOption = "",
) -> None:
    """Keep the case list and time entries fresh: sync every few minutes (the case list
    by watermark), and, given --webhook-url, apply MyCase's webhook deliveries for the
    case list as they come, until interrupted (Ctrl-C).

    A cloud MyCase cannot reach a laptop's 127.0.0.1, so polling is the laptop's own
    path; webhooks need a relay MyCase can reach. A MyCase without webhook
    subscriptions (404) is polled, and `listen` says so once."""
    settings = settings_from(settings_file)
    minutes = f"{sync_every:g} minute(s)" if sync_every > 0 else "never again"
    with client_for(settings, client_secret, _account(connection, user)) as client, Store.open(
        settings.store.path_for(user)
    ) as store:
        engine = SyncEngine(client, store)
        lock = threading.Lock()
        if not webhook_url:
            console.print(f"polling MyCase: syncing now, then every {minutes} (Ctrl-C "
                          "stops; webhooks need a relay MyCase can reach: --webhook-url)",
                          highlight=False, soft_wrap=True)
            _sync_until_interrupted(engine, lock, sync_every)
            return

        def applied(model: str, action: str) -> None:
            console.print(f"webhook: {model} {action}", highlight=False, soft_wrap=True)

        with WebhookListener(store, port=settings.mycase.webhook_port, lock=lock,
                             on_applied=applied) as listener:
            target = listener.url if webhook_url == LOOPBACK else webhook_url
            try:
                with lock:
                    engine.puller.subscribe(target)
            except NotFound:
                console.print("MyCase offers no webhook subscriptions here: polling the case "
                              f"list instead, every {minutes}", highlight=False, soft_wrap=True)
            except SyncError as exc:
                console.print(f"[red]{escape(str(exc))}[/red]")
                raise typer.Exit(1) from exc
            else:
                console.print(f"listening on {listener.url} for deliveries to {target} "
                              "(Ctrl-C stops)", highlight=False, soft_wrap=True)
            try:
                _sync_until_interrupted(engine, lock, sync_every)
            finally:
                with lock:
                    # Polling takes the case list again; a failure here leaves the
                    # subscriptions recorded, and the next `listen` replaces them.
                    try:
                        engine.puller.unsubscribe()
                    except SyncError as exc:
                        console.print(f"[red]could not unsubscribe: {escape(str(exc))}[/red]")
        console.print(f"stopped; {listener.applied} deliveries applied, "
                      f"{listener.rejected} refused")


def _sync_until_interrupted(engine: SyncEngine, lock: threading.Lock, minutes: float) -> None:
    """Sync at once, then every `minutes` (0: only once), until Ctrl-C; exit 1 on an error
    the sync could not get past."""
    stop = threading.Event()
    interval = minutes * 60 if minutes > 0 else None
    wait: float | None = 0.0  # the first sync at once
    try:
        while not stop.wait(wait):
            wait = interval
            with lock:
                report = engine.sync()
            console.print(f"synced: pulled {report.pulled.entries}, "
                          f"pushed {report.pushed.created + report.pushed.replaced}")
            if interval is None:
                return
    except KeyboardInterrupt:
        return
    except SyncError as exc:
        console.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(1) from exc


def bench_sync_command(
    cases: Annotated[int, typer.Option()] = 5000,
    contacts: Annotated[int, typer.Option(help="Clients and companies.")] = 8000,
    entries: Annotated[int, typer.Option()] = 50_000,
) -> None:
    """Seed the emulator with a big firm; time a first and an incremental sync (JSON)."""
    from sync.bench import run_bench

    print(json.dumps(run_bench(cases=cases, contacts=contacts, entries=entries)))


def register(app: typer.Typer, bench: typer.Typer) -> None:
    app.command("connect")(connect_command)
    app.command("sync")(sync_command)
    app.command("listen")(listen_command)
    bench.command("sync")(bench_sync_command)
