"""The service's files in the data directory, all readable by their owner only (0600).

- ``service/token``: the install's API token, made once at random. Every request to
  the local API carries it (``Authorization: Bearer``); the CLI and the browser
  extension read it from here.
- ``service/endpoint.json``: the port the running service listens on, its pid and
  user, written once it listens and removed when it stops. A stale file (the
  process is gone, e.g. after ``kill -9``) counts as "not running".
- ``service/paused``: present while capture is paused, so a restart stays paused.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

PRIVATE_FILE = 0o600


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, created 0600 (never readable by others,
    not even for a moment), in a 0700 folder."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    try:
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(tmp, PRIVATE_FILE)  # O_CREAT's mode is cut by the umask, never widened
    os.replace(tmp, path)


@dataclass(frozen=True)
class Endpoint:
    """Where a running service listens (always 127.0.0.1)."""

    port: int
    pid: int
    user: int
    started_at: str  # ISO 8601, UTC

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class RuntimeFiles:
    """The service's files under ``data_dir/service``."""

    def __init__(self, data_dir: Path):
        self.folder = data_dir / "service"
        self.token_path = self.folder / "token"
        self.endpoint_path = self.folder / "endpoint.json"
        self.paused_path = self.folder / "paused"

    # -- the token ----------------------------------------------------------
    def token(self) -> str:
        """The install's API token, made (0600) the first time it is asked for."""
        try:
            token = self.token_path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            token = ""
        if not token:
            token = secrets.token_urlsafe(32)
            write_private(self.token_path, token + "\n")
        elif self.token_path.stat().st_mode & 0o077:
            self.token_path.chmod(0o600)  # a token others could read is made private
        return token

    # -- the endpoint -------------------------------------------------------
    def write_endpoint(self, endpoint: Endpoint) -> None:
        write_private(self.endpoint_path, json.dumps(asdict(endpoint)) + "\n")

    def endpoint(self) -> Endpoint | None:
        """The running service's endpoint, or None when no service runs (no file, or
        the process that wrote it is gone)."""
        try:
            data = json.loads(self.endpoint_path.read_text(encoding="utf-8"))
            endpoint = Endpoint(int(data["port"]), int(data["pid"]), int(data["user"]),
                                str(data["started_at"]))
        except (FileNotFoundError, ValueError, KeyError, TypeError):
            return None
        if not _alive(endpoint.pid):
            return None
        return endpoint

    def clear_endpoint(self, pid: int) -> None:
        """Remove the endpoint file if it is still the one ``pid`` wrote."""
        try:
            data = json.loads(self.endpoint_path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return
        if data.get("pid") == pid:
            self.endpoint_path.unlink(missing_ok=True)

    # -- pause --------------------------------------------------------------
    def paused(self) -> bool:
        return self.paused_path.exists()

    def set_paused(self, paused: bool) -> None:
        if paused:
            write_private(self.paused_path, "")
        else:
            self.paused_path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False
