"""`tenths corrections`: what timekeepers' corrections taught, and their export.

``list`` shows the lessons the learned memory holds (from the user's store, as
the laptop rebuilds it). A lesson's key comes from captured text (a name, an
email subject, a site), so it is shown as its kind and a hash unless
``--reveal-keys`` is given. ``export`` writes corrections with the combiner's
features for the data team (Parquet or DuckDB, never any captured text).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tenths.errors import TenthsError
from tenths.options import SettingsOption, settings_from

console = Console()
corrections_app = typer.Typer(no_args_is_help=True,
                              help="What corrections taught, and their export for retraining.")


def masked_key(key: str) -> str:
    """A lesson key as its kind and a hash: ``name:#1a2b3c4d5e6f``."""
    prefix, _, _ = key.partition(":")
    return f"{prefix}:#{hashlib.sha256(key.encode()).hexdigest()[:12]}"


@corrections_app.command("list")
def list_command(
    user: Annotated[int, typer.Option(help="Your MyCase staff id (whose store to read).")],
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object a line.")] = False,
    reveal_keys: Annotated[
        bool, typer.Option("--reveal-keys", help="Show keys as learned (captured text).")
    ] = False,
    settings_file: SettingsOption = None,
) -> None:
    """The lessons the learned memory holds: which key now points at which case."""
    from pipeline.attribute import Engine
    from pipeline.entities import EntityExtractor, load_model
    from pipeline.history import knowledge_path, load_or_fit
    from tenths.store import Store

    settings = settings_from(settings_file)
    path = settings.store.path_for(user)
    if not path.exists():
        console.print(f"[red]no store for user {user}[/red]")
        raise typer.Exit(2)
    with Store.open(path) as store:
        engine = Engine(entities=EntityExtractor.from_matters(store.catalog.matters(),
                                                              load_model()))
        lessons = load_or_fit(store, user, engine, knowledge_path(path)).taught()
    rows = [
        {"correction_id": lesson.correction_id, "kind": lesson.kind,
         "key": str(lesson.key) if reveal_keys else masked_key(str(lesson.key)),
         "case_id": lesson.case_id}
        for lesson in lessons
    ]
    if jsonl:
        for row in rows:
            typer.echo(json.dumps(row))
        return
    table = Table(title=f"what corrections taught ({len(rows)} lessons)")
    for col in ("correction", "kind", "key", "case"):
        table.add_column(col, overflow="fold")
    for row in rows:
        case = row["case_id"]
        table.add_row(str(row["correction_id"]), str(row["kind"]), str(row["key"]),
                      "no matter" if case is None else str(case))
    console.print(table)


@corrections_app.command("export")
def export_command(
    out: Annotated[Path, typer.Argument(help="The export: a .parquet or .duckdb file.")],
    user: Annotated[
        int | None, typer.Option(help="Export this user's corrections (from their store).")
    ] = None,
    all_users: Annotated[
        bool, typer.Option("--all-users", help="Every user's store in the data directory.")
    ] = False,
    include_undone: Annotated[bool, typer.Option(help="Also undone corrections.")] = False,
    force: Annotated[bool, typer.Option(help="Replace OUT if it exists.")] = False,
    settings_file: SettingsOption = None,
) -> None:
    """Write corrections with the combiner's features (no captured text) for retraining."""
    from tenths.store.export import export_store_files

    if (user is None) == (not all_users):
        console.print("[red]give --user ID or --all-users[/red]")
        raise typer.Exit(2)
    settings = settings_from(settings_file)
    if all_users:
        stores = sorted(settings.store.data_dir.glob("user-*.duckdb"))
    else:
        stores = [settings.store.path_for(user)]  # type: ignore[arg-type]
    try:
        count = export_store_files(stores, out, None if all_users else user, include_undone,
                                   force)
    except TenthsError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    console.print(f"{count} corrections from {len(stores)} store(s) written to {out}",
                  highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(corrections_app, name="corrections")
