"""`tenths entries list|edit|release|unrelease|undo|export`, `tenths review` (the page) and
`tenths bench review`.

Like every store command, `tenths entries` goes through the running service's API
when it runs and opens the user's store itself when it does not
(``app.backends.backend_for``). Narratives are the firm's own words for its bills and
are printed; captured screen text never is.
"""

from __future__ import annotations

import json
import webbrowser
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from tenths.errors import TenthsError
from tenths.options import SettingsOption, settings_from

if TYPE_CHECKING:
    from app.demo import DemoResult
    from app.review.reviewers import Reviewer
    from app.review.view import DayView

console = Console()
entries_app = typer.Typer(no_args_is_help=True,
                          help="Review a day's entries: list, edit, release, unrelease, "
                               "undo, and export released entries as LEDES 1998B.")

UserOption = Annotated[int | None, typer.Option(
    "--user", help="Your MyCase staff id (needed only when the service is not running).")]
DayOption = Annotated[str | None, typer.Option(
    "--day", help="The day, YYYY-MM-DD (default: today).")]


def _day(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise typer.BadParameter(f"{text!r} is not a day (YYYY-MM-DD)") from exc


@contextmanager
def _reviewer(settings_file: Path | None, user: int | None) -> Iterator[Reviewer]:
    from app.backends import backend_for

    settings = settings_from(settings_file)
    try:
        with backend_for(settings, user) as backend, backend.review() as reviewer:
            yield reviewer
    except TenthsError as exc:
        console.print(f"[red]{escape(str(exc))}[/red]", highlight=False)
        raise typer.Exit(2) from exc


def entry_rows(view: DayView) -> list[dict[str, object]]:
    return [{"id": e.id, "case_id": e.case_id, "matter": e.matter,
             "worked_minutes": e.worked_minutes, "hours": str(e.hours),
             "activity_name": e.activity_name, "narrative": e.description,
             "status": e.status, "mycase_id": e.remote_id, "billable": e.billable,
             "edited": e.edited, "why": list(e.why)} for e in view.entries]


def print_day(view: DayView) -> None:
    table = Table(title=f"{view.day}: captured {view.totals.captured_hours} h, drafted "
                        f"{view.totals.drafted_hours} h, released {view.totals.released_hours} h")
    for col in ("id", "matter", "hours", "activity", "narrative", "status"):
        table.add_column(col, overflow="fold")
    for e in view.entries:
        table.add_row(e.id, escape(e.matter), str(e.hours), escape(e.activity_name),
                      escape(e.description), e.status + (" (edited)" if e.edited else ""))
    console.print(table)
    if view.flags:
        console.print(f"{len(view.flags)} 'which matter?' flag(s): answer them on the page "
                      "(tenths review)", highlight=False)


@entries_app.command("list")
def list_command(day: DayOption = None, user: UserOption = None,
                 as_json: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
                 settings_file: SettingsOption = None) -> None:
    """The day's entries, their totals and why each is on its matter."""
    with _reviewer(settings_file, user) as reviewer:
        view = reviewer.day(_day(day))
    if as_json:
        for row in entry_rows(view):
            typer.echo(json.dumps(row))
        return
    print_day(view)


@entries_app.command("edit")
def edit_command(
    entry_id: Annotated[str, typer.Argument(help="The entry's id (from `tenths entries list`).")],
    hours: Annotated[str | None, typer.Option(help="Hours to bill, e.g. 0.4.")] = None,
    activity: Annotated[str | None, typer.Option(help="The activity name.")] = None,
    narrative: Annotated[str | None, typer.Option(help="The narrative.")] = None,
    matter: Annotated[int | None, typer.Option(
        help="Move it to this MyCase case id (attribution learns from it).")] = None,
    billable: Annotated[bool | None, typer.Option("--billable/--no-billable")] = None,
    user: UserOption = None, settings_file: SettingsOption = None,
) -> None:
    """Change an entry's matter, hours, activity, narrative or billable flag."""
    from app.review.inputs import EditIn

    try:
        edit = EditIn(case_id=matter, hours=Decimal(hours) if hours is not None else None,
                      activity_name=activity, description=narrative, billable=billable)
    except (ArithmeticError, ValueError) as exc:
        raise typer.BadParameter("hours must be a number of hours from 0 to 24") from exc
    with _reviewer(settings_file, user) as reviewer:
        view = reviewer.edit(entry_id, edit)
    print_day(view)


@entries_app.command("release")
def release_command(
    entry_ids: Annotated[list[str] | None, typer.Argument(help="Entries to release.")] = None,
    all_drafts: Annotated[bool, typer.Option("--all", help="Every draft of --day.")] = False,
    day: DayOption = None, user: UserOption = None, settings_file: SettingsOption = None,
) -> None:
    """Release entries: the next sync sends them to MyCase (once)."""
    if bool(entry_ids) == all_drafts:
        raise typer.BadParameter("name entries, or give --all (with --day)")
    with _reviewer(settings_file, user) as reviewer:
        view = reviewer.release_day(_day(day)) if all_drafts else reviewer.release(
            list(entry_ids or []))
    print_day(view)


@entries_app.command("unrelease")
def unrelease_command(
    entry_id: Annotated[str, typer.Argument(help="The entry to take back to draft.")],
    user: UserOption = None, settings_file: SettingsOption = None,
) -> None:
    """Take a released entry back to draft; the next sync removes it from MyCase."""
    with _reviewer(settings_file, user) as reviewer:
        view = reviewer.unrelease(entry_id)
    print_day(view)


@entries_app.command("undo")
def undo_command(user: UserOption = None, settings_file: SettingsOption = None) -> None:
    """Undo the last review action (its corrections are marked undone)."""
    with _reviewer(settings_file, user) as reviewer:
        view = reviewer.undo()
    print_day(view)


@entries_app.command("export")
def export_command(
    out: Annotated[Path, typer.Argument(help="The LEDES 1998B file to write.")],
    start: Annotated[str, typer.Option(help="First day, YYYY-MM-DD.")],
    end: Annotated[str | None, typer.Option(help="Last day (default: --start).")] = None,
    invoice_number: Annotated[str, typer.Option(help="The invoice's number.")] = "1",
    invoice_date: Annotated[str | None, typer.Option(help="Its date (default: --end).")] = None,
    law_firm_id: Annotated[str, typer.Option(
        help="The firm's id as the client's e-billing system knows it (its tax id).")] = "",
    user: UserOption = None, settings_file: SettingsOption = None,
) -> None:
    """Write the released entries of a date range as LEDES 1998B (pipeline.ledes)."""
    from pipeline.ledes import Invoice

    first = _day(start)
    last = _day(end) if end else first
    invoice = Invoice(invoice_number, _day(invoice_date) if invoice_date else last, law_firm_id)
    with _reviewer(settings_file, user) as reviewer:
        text = reviewer.ledes(first, last, invoice)
    out.write_text(text, encoding="utf-8")
    console.print(f"{len(text.splitlines()) - 2} line items written to {out}", highlight=False)


def review_command(
    day: DayOption = None,
    open_browser: Annotated[bool, typer.Option("--open/--no-open",
                                               help="Open it in the browser.")] = True,
    show_url: Annotated[bool, typer.Option(
        "--print-url", help="Print the address (its code works once, for a minute).")] = False,
    settings_file: SettingsOption = None,
) -> None:
    """Open the review page of the running service. The address carries, in its
    fragment (never sent to a server), a one-time code that the page trades for a
    session token at once: the browser's history never holds a token. The browser is
    started on a private (0600) launcher file that forwards there, so not even the code
    is on a process's command line."""
    from app.local_client import LocalClient, answering
    from app.runtime import RuntimeFiles, write_private

    settings = settings_from(settings_file)
    runtime = RuntimeFiles(settings.store.data_dir)
    endpoint = answering(runtime)
    if endpoint is None:
        console.print("[red]the service is not running: start it with `tenths service "
                      "start`[/red]")
        raise typer.Exit(2)
    with LocalClient(endpoint, runtime.token()) as client:
        code = client.call("POST", "/session/code").json()["code"]
    url = f"{endpoint.url}/review#code={code}&day={_day(day).isoformat()}"
    if show_url:
        typer.echo(url)
    if not open_browser:
        return
    launcher = runtime.folder / "review.html"
    write_private(launcher, launcher_html(url))
    if not webbrowser.open(launcher.as_uri()):
        console.print("no browser could be opened: use --print-url", highlight=False)


def launcher_html(url: str) -> str:
    """A page that forwards the browser to ``url`` at once (no script: a meta refresh)."""
    from html import escape as html_escape

    return ('<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer">'
            f'<meta http-equiv="refresh" content="0; url={html_escape(url)}">'
            f'<title>tenths review</title><a href="{html_escape(url)}">Open the review</a>\n')


def demo_rows(result: DemoResult) -> list[dict[str, object]]:
    """The demo day's entries as `tenths demo --json` writes them."""
    return [{"id": e.id, "case_id": e.case_id, "matter": result.matter_names.get(e.case_id, ""),
             "entry_date": e.entry_date.isoformat(),
             "worked_minutes": round(e.worked_seconds / 60, 2), "hours": str(e.hours),
             "activity_name": e.activity_name, "narrative": e.description,
             "status": e.status.value, "mycase_id": e.remote_id, "billable": e.billable,
             "task_code": e.task_code, "activity_code": e.activity_code}
            for e in result.entries]


def write_demo_json(result: DemoResult, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"user": result.user, "day": result.day.isoformat(),
                                "entries": demo_rows(result)}, indent=2) + "\n",
                    encoding="utf-8")


def bench_review_command(
    entries: Annotated[int, typer.Option(help="Entries on the day whose load is timed.")] = 60,
    loads: Annotated[int, typer.Option(help="Page loads to time.")] = 5,
) -> None:
    """Keystrokes to review and release the demo day, and the page's load time (JSON)."""
    from app.bench_review import bench_review

    typer.echo(json.dumps(bench_review(entries=entries, loads=loads), indent=2))


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    app.add_typer(entries_app, name="entries")
    app.command("review")(review_command)
    bench_app.command("review")(bench_review_command)
