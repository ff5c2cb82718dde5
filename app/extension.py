"""The browser extension, made ready for this install.

The extension's source is ``browser/extension``. The service copies it to
``<data dir>/browser-extension`` when it starts and writes there a
``config.json`` (0600) with its port and the install's token, which the
extension reads before each report; when the service stops it takes both out
again, so the extension sends the token to no process that takes the port later. The user loads that folder once (Chromium:
chrome://extensions, Developer mode, "Load unpacked"; or ``--load-extension``)
and never types the port or the token.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from app.runtime import Endpoint, write_private

SOURCE = Path(__file__).resolve().parent.parent / "browser" / "extension"
FILES = ("manifest.json", "background.js")


def extension_dir(data_dir: Path) -> Path:
    return data_dir / "browser-extension"


def write_extension(data_dir: Path, endpoint: Endpoint, token: str,
                    source: Path = SOURCE) -> Path:
    """Copy the extension into the data folder with this service's config; its folder."""
    target = extension_dir(data_dir)
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    for name in FILES:
        shutil.copyfile(source / name, target / name)
    write_private(target / "config.json",
                  json.dumps({"port": endpoint.port, "token": token}) + "\n")
    return target


def stand_down_extension(data_dir: Path) -> None:
    """The service stopped: the extension's config names no port and holds no token."""
    config = extension_dir(data_dir) / "config.json"
    if config.exists():
        write_private(config, json.dumps({"port": None, "token": ""}) + "\n")
