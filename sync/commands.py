"""The sync commands of the `tenths` CLI: connect, sync, and the sync benchmark."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sync.client.http import MyCaseClient, MyCaseConfig
from sync.client.tokens import default_token_store
from sync.engine import pull, push_released
from tenths.settings import Settings, load_settings
from tenths.store import Store

console = Console()


def _client(settings: Settings, secret: str) -> MyCaseClient:
    m = settings.mycase
    config = MyCaseConfig(m.api_url, m.auth_url, m.client_id, secret,
                          f"http://127.0.0.1:{m.redirect_port}/callback",
                          requests_per_second=m.requests_per_second)
    tokens = default_token_store("tenths-mycase", settings.store.data_dir / "mycase-token.json")
    return MyCaseClient(config, tokens)


def sync_command(
    user: Annotated[int, typer.Option(help="Your MyCase staff id (whose store to sync).")],
    settings_file: Annotated[Path | None, typer.Option("--settings", exists=True)] = None,
    client_secret: Annotated[str, typer.Option(envvar="TENTHS_MYCASE_CLIENT_SECRET")] = "",
) -> None:
    """Pull the case list and entries from MyCase; push released entries."""
    settings = load_settings(settings_file)
    with _client(settings, client_secret) as client, Store.open(
        settings.store.path_for(user)
    ) as store:
        report = pull(client, store)
        pushed = push_released(client, store, datetime.now(UTC))
    console.print(f"pulled {report}; pushed {pushed}")


def register(app: typer.Typer, bench: typer.Typer) -> None:
    app.command("sync")(sync_command)
