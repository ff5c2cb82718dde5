"""What every command of the CLI shares: the --settings option and loading it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from tenths.errors import TenthsError
from tenths.settings import Settings, load_settings

SettingsOption = Annotated[
    Path | None, typer.Option("--settings", help="A TOML settings file.", exists=True)
]


def settings_from(path: Path | None) -> Settings:
    """The settings, or every problem with them printed and exit status 2."""
    try:
        return load_settings(path)
    except TenthsError as exc:
        Console().print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
