"""Running the real service process in tests: start it, wait for it (polling with a
deadline), talk to it, stop or kill it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from app.runtime import Endpoint, RuntimeFiles

REPO = Path(__file__).resolve().parents[2]


def write_settings(folder: Path, extra: str = "") -> Path:
    path = folder / "settings.toml"
    path.write_text(f'[store]\ndata_dir = "{folder / "data"}"\n{extra}', encoding="utf-8")
    return path


def wait_for(check: Callable[[], object], timeout: float, what: str) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def child_env(display: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TENTHS_")}
    env.pop("DISPLAY", None)
    if display:
        env["DISPLAY"] = display
    env["OMP_THREAD_LIMIT"] = "1"
    return env


class RunningService:
    def __init__(self, process: subprocess.Popen, endpoint: Endpoint, token: str):
        self.process = process
        self.endpoint = endpoint
        self.http = httpx.Client(base_url=endpoint.url + "/v1", timeout=30,
                                 headers={"Authorization": f"Bearer {token}"})

    def kill(self) -> None:
        self.process.kill()  # SIGKILL: nothing is flushed, nothing cleaned up
        self.process.wait(30)
        self.http.close()


@contextmanager
def service_process(settings: Path, user: int = 7, display: str | None = None,
                    timeout: float = 90.0) -> Iterator[RunningService]:
    """The service running (``tenths service start``) until the block ends."""
    data = Path(settings).parent / "data"
    log = open(Path(settings).parent / "service.log", "ab")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "service", "start", "--user", str(user),
         "--settings", str(settings)],
        cwd=REPO, env=child_env(display), stdout=log, stderr=log)
    runtime = RuntimeFiles(data)
    try:
        def ready() -> Endpoint | None:
            if process.poll() is not None:
                raise AssertionError(f"the service exited with {process.returncode}")
            found = runtime.endpoint()
            return found if found is not None and found.pid == process.pid else None

        endpoint = wait_for(ready, timeout, "the service to listen")
        running = RunningService(process, endpoint, runtime.token())  # type: ignore[arg-type]
        try:
            yield running
        finally:
            running.http.close()
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
        log.close()
