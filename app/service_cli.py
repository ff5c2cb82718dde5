"""`tenths service start|stop|status|pause|resume|install|openapi`, `tenths spans`
and `tenths purge`.

Every command that reads or writes the store goes through ``app.backends``: the
running service's API when it runs, the store itself when it does not.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from app.api.models import SpanOut, StatusOut
from app.backends import backend_for
from app.runtime import RuntimeFiles
from tenths.errors import TenthsError
from tenths.options import SettingsOption, settings_from

console = Console()
service_app = typer.Typer(no_args_is_help=True,
                          help="The background service: capture, drafts, sync, local API.")
UserOption = Annotated[int | None, typer.Option(
    "--user", help="Your MyCase staff id (default: the running service's).")]
START_TIMEOUT_S = 120.0


def _fail(exc: Exception) -> typer.Exit:
    console.print(f"[red]{escape(str(exc))}[/red]")
    return typer.Exit(2)


def service_command(settings_file: Path | None, user: int, *extra: str) -> list[str]:
    """The command line that runs the service in the foreground."""
    command = [sys.executable, "-m", "app.cli", "service", "start", "--user", str(user)]
    if settings_file is not None:
        command += ["--settings", str(settings_file.resolve())]
    return command + list(extra)


@service_app.command("start")
def start(
    user: Annotated[int, typer.Option(help="Your MyCase staff id (whose store to keep).")],
    detach: Annotated[bool, typer.Option(help="Run in the background and return.")] = False,
    settings_file: SettingsOption = None,
) -> None:
    """Run the service (in the foreground unless --detach; Ctrl-C stops it)."""
    from app.server import serve

    settings = settings_from(settings_file)
    runtime = RuntimeFiles(settings.store.data_dir)
    if detach:
        from app.local_client import answering

        running = answering(runtime)
        if running is not None:
            raise _fail(TenthsError(f"the service already runs (pid {running.pid})"))
        log = runtime.folder / "service.out"  # what it prints; its log is service.log
        runtime.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "ab") as out:
            child = subprocess.Popen(service_command(settings_file, user), stdin=subprocess.DEVNULL,
                                     stdout=out, stderr=out, start_new_session=True)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            endpoint = runtime.endpoint()
            if endpoint is not None and endpoint.pid == child.pid:
                console.print(f"tenths service started (pid {child.pid}, 127.0.0.1:"
                              f"{endpoint.port}); log: {log}", highlight=False)
                return
            if child.poll() is not None:
                raise _fail(TenthsError(f"the service stopped at once (see {log})"))
            time.sleep(0.2)
        raise _fail(TenthsError(f"the service did not start within {START_TIMEOUT_S:.0f} s"))
    try:
        serve(settings, user, on_ready=lambda e: console.print(
            f"tenths service for user {user} on 127.0.0.1:{e.port} (Ctrl-C stops)",
            highlight=False))
    except (TenthsError, OSError) as exc:
        raise _fail(exc) from exc


@service_app.command("stop")
def stop(settings_file: SettingsOption = None) -> None:
    """Stop the running service (it writes what is open first)."""
    from app.local_client import LocalApiError, LocalClient

    settings = settings_from(settings_file)
    runtime = RuntimeFiles(settings.store.data_dir)
    endpoint = runtime.endpoint()
    if endpoint is None:
        console.print("the service is not running")
        return
    try:
        with LocalClient(endpoint, runtime.token()) as client:
            client.stop()
    except LocalApiError as exc:
        raise _fail(exc) from exc
    deadline = time.monotonic() + 60
    while runtime.endpoint() is not None and time.monotonic() < deadline:
        time.sleep(0.2)
    console.print("the service stopped" if runtime.endpoint() is None
                  else "the service was asked to stop and has not yet")


def print_status(status: StatusOut) -> None:
    if not status.running:
        console.print(f"the service is not running; capture "
                      f"{'paused' if status.paused else 'not paused'}")
        return
    console.print(f"running for user {status.user} (pid {status.pid}, 127.0.0.1:{status.port}"
                  f", since {status.started_at:%Y-%m-%d %H:%M} UTC); capture "
                  f"{'[yellow]paused[/yellow]' if status.paused else 'on'}; MyCase "
                  f"{'connected' if status.connected else 'not connected'}; "
                  f"{status.spans_written} spans written", highlight=False)
    if status.capture.get("ocr_calls"):
        console.print(f"OCR: {status.capture['ocr_calls']} reads, median "
                      f"{status.capture.get('ocr_median_ms')} ms", highlight=False)
    watchers = Table(title="watchers")
    for col in ("watcher", "state", "restarts", "last error", "heartbeats"):
        watchers.add_column(col)
    for w in status.watchers:
        watchers.add_row(w.name, w.state, str(w.restarts), w.last_error or "", str(w.heartbeats))
    console.print(watchers)
    jobs = Table(title="jobs")
    for col in ("job", "runs", "last run (UTC)", "last error", "seconds", "result"):
        jobs.add_column(col)
    for j in status.jobs:
        jobs.add_row(j.name, str(j.runs),
                     f"{j.last_run_at:%H:%M:%S}" if j.last_run_at else "", j.last_error or "",
                     "" if j.last_seconds is None else f"{j.last_seconds:.2f}",
                     json.dumps(j.last_result))
    console.print(jobs)


@service_app.command("status")
def status(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    user: UserOption = None,
    settings_file: SettingsOption = None,
) -> None:
    """Is the service running; its watchers (restarts, last error class) and jobs."""
    settings = settings_from(settings_file)
    try:
        with backend_for(settings, user) as backend:
            answer = backend.status()
    except TenthsError as exc:
        raise _fail(exc) from exc
    if as_json:
        typer.echo(answer.model_dump_json(indent=2))
    else:
        print_status(answer)


@service_app.command("pause")
def pause(settings_file: SettingsOption = None) -> None:
    """Pause capture now (kept until resume, across restarts)."""
    settings = settings_from(settings_file)
    with backend_for(settings) as backend:
        answer = backend.pause()
    console.print("capture paused" if answer.changed else "capture was already paused")


@service_app.command("resume")
def resume(settings_file: SettingsOption = None) -> None:
    """Resume capture now."""
    settings = settings_from(settings_file)
    with backend_for(settings) as backend:
        answer = backend.resume()
    console.print("capture resumed" if answer.changed else "capture was not paused")


@service_app.command("install")
def install(
    user: Annotated[int, typer.Option(help="Your MyCase staff id.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print it, write nothing.")] = False,
    platform: Annotated[str, typer.Option(
        help="linux, darwin or win32 (default: this machine's).")] = sys.platform,
    settings_file: SettingsOption = None,
) -> None:
    """Start the service at login: a systemd user unit, a LaunchAgent or a scheduled task."""
    from app.extension import extension_dir
    from app.install import unit_for

    settings = settings_from(settings_file)
    try:
        unit = unit_for(platform, service_command(settings_file, user), Path.home(),
                        settings.store.data_dir)
    except ValueError as exc:
        raise _fail(exc) from exc
    if dry_run:
        console.print(f"# {unit.path}", highlight=False, markup=False)
        typer.echo(unit.text)
        return
    unit.path.parent.mkdir(parents=True, exist_ok=True)
    unit.path.write_text(unit.text, encoding=unit.encoding)
    console.print(f"wrote {unit.path}; to start it now and at every login, run:",
                  highlight=False)
    for step in unit.next_steps:
        console.print(f"  {step}", highlight=False, markup=False)
    console.print(f"The browser extension is written to {extension_dir(settings.store.data_dir)}"
                  " when the service starts: load that folder once in your browser "
                  "(chrome://extensions, Developer mode, Load unpacked).", highlight=False)


@service_app.command("openapi")
def openapi() -> None:
    """Print the local API's OpenAPI schema (its documentation)."""
    from app.api.build import create_api

    typer.echo(json.dumps(create_api(None, "", 0).openapi(), indent=2))


def _local_time(value: object, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%H:%M:%S")  # type: ignore[attr-defined]


def spans_command(
    day: Annotated[str, typer.Option("--day", help="YYYY-MM-DD (in the billing timezone).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    text: Annotated[bool, typer.Option("--text", help="Show the words on screen too.")] = False,
    user: UserOption = None,
    settings_file: SettingsOption = None,
) -> None:
    """A day's spans: app, title, URL or path, and times (the words on screen with --text)."""
    settings = settings_from(settings_file)
    try:
        wanted = date.fromisoformat(day)
    except ValueError as exc:
        raise _fail(ValueError(f"--day {day}: expected YYYY-MM-DD")) from exc
    try:
        with backend_for(settings, user) as backend:
            spans = backend.spans(wanted, text)
    except TenthsError as exc:
        raise _fail(exc) from exc
    if as_json:
        typer.echo(json.dumps([s.model_dump(mode="json", exclude_none=not text)
                               for s in spans], indent=2))
        return
    print_spans(spans, wanted, text, ZoneInfo(settings.billing.timezone))


def print_spans(spans: list[SpanOut], day: date, text: bool, tz: ZoneInfo) -> None:
    table = Table(title=f"{len(spans)} spans on {day}")
    for col in ("start", "end", "app", "kind", "title", "URL or path"):
        table.add_column(col, overflow="fold")
    if text:
        table.add_column("words on screen", overflow="fold")
    for s in spans:
        row = [_local_time(s.start, tz), _local_time(s.end, tz), s.app, s.kind, s.title,
               s.url or s.path or ""]
        table.add_row(*[escape(c) for c in row], *([escape(s.text or "")] if text else []))
    console.print(table)


def purge_command(
    everything: Annotated[bool, typer.Option(
        "--all", help="Delete all raw text now, not only what is past the retention.")] = False,
    user: UserOption = None,
    settings_file: SettingsOption = None,
) -> None:
    """Delete raw captured text now (words on screen, titles, URLs, paths)."""
    settings = settings_from(settings_file)
    try:
        with backend_for(settings, user) as backend:
            report = backend.purge(everything)
    except TenthsError as exc:
        raise _fail(exc) from exc
    console.print(f"deleted the raw text of {report.purged} spans (ended before "
                  f"{report.cutoff:%Y-%m-%d %H:%M} UTC); attributed "
                  f"{len(report.days_attributed)} day(s) first", highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(service_app, name="service")
    app.command("spans")(spans_command)
    app.command("purge")(purge_command)
