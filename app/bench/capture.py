"""`tenths bench capture`: the real service on a real X display, soaked for a while.

Starts Xvfb (1280x800) and openbox, opens three windows whose content changes
(a brief being typed, an inbox that gets mail every 45 s, a research page
turned every 30 s; ``app.bench.desk_window``), starts ``tenths service start``
on that display with a fresh data folder, and for ``minutes`` switches window
every ``switch_s`` seconds with xdotool and types into the brief while it has
focus. It then reads the service's status and its process's numbers:

- ``cpu_percent_of_one_core``: the service's CPU time over the soak (after it
  was ready) divided by the soak's wall time;
- ``peak_rss_mb``: the service's peak resident memory (``VmHWM``);
- ``ocr_calls`` and ``ocr_median_ms``: OCR reads the service ran and their median.

The goals are under 2 % of one core and under 250 MB. This is a benchmark: it
measures and prints JSON, it never passes or fails.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import psutil

from app.runtime import Endpoint, RuntimeFiles

TOOLS = ("Xvfb", "openbox", "xdotool")
SENTENCES = (
    "Defendant's responses were due on March 3 and none were served. ",
    "The parties met and conferred by telephone without resolving the dispute. ",
    "Plaintiff asks the Court to award the fees incurred in bringing this motion. ",
)


class BenchError(RuntimeError):
    """The desk or the service could not be set up."""


def _wait(check: Callable[[], object], timeout: float, what: str) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise BenchError(f"timed out waiting for {what}")


class Desk:
    """Xvfb, openbox and the bench's windows; everything stopped on exit."""

    def __init__(self) -> None:
        self.procs: list[subprocess.Popen] = []
        self.display = ""
        self.env: dict[str, str] = {}

    def start(self) -> None:
        read, write = os.pipe()
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0",
                                 "1280x800x24", "-nolisten", "tcp"], pass_fds=(write,),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.procs.append(xvfb)
        os.close(write)
        with os.fdopen(read) as pipe:
            self.display = ":" + pipe.readline().strip()
        self.env = {**os.environ, "DISPLAY": self.display}
        self.procs.append(subprocess.Popen(["openbox"], env=self.env,
                                           stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL))
        _wait(lambda: "_NET_SUPPORTING_WM_CHECK(WINDOW)" in self.run(
            "xprop", "-root", "_NET_SUPPORTING_WM_CHECK"), 20, "openbox")

    def run(self, *args: str) -> str:
        done = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=30)
        return done.stdout

    def window(self, kind: str) -> str:
        self.procs.append(subprocess.Popen(
            [sys.executable, "-m", "app.bench.desk_window", kind], env=self.env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        found = _wait(lambda: self.run("xdotool", "search", "--onlyvisible", "--classname",
                                       kind).split(), 20, f"the {kind} window")
        return found[-1]  # type: ignore[index]

    def stop(self) -> None:
        for proc in reversed(self.procs):
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


@contextlib.contextmanager
def desk() -> Iterator[Desk]:
    missing = [t for t in TOOLS if not shutil.which(t)]
    if missing:
        raise BenchError(f"needs {', '.join(missing)} (scripts/system-deps.sh installs them)")
    d = Desk()
    try:
        d.start()
        yield d
    finally:
        d.stop()


def _peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (Linux VmHWM), else its current one."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(psutil.Process(pid).memory_info().rss / 2**20, 1)


def bench_capture(minutes: float = 10.0, switch_s: float = 60.0, drafting: bool = True,
                  user: int = 7) -> dict[str, object]:
    """Soak the real service on a fresh X display; return its numbers."""
    with tempfile.TemporaryDirectory(prefix="tenths-bench-") as tmp, desk() as d:
        settings = Path(tmp) / "settings.toml"
        settings.write_text(
            f'[store]\ndata_dir = "{Path(tmp) / "data"}"\n'
            f"[service]\nsync_minutes = 0\n"
            + ("" if drafting else "refresh_minutes = 0\npurge_minutes = 0\n"),
            encoding="utf-8")
        windows = [d.window(kind) for kind in ("writer", "mail", "reader")]
        d.run("xdotool", "windowactivate", "--sync", windows[0])
        env = {**d.env, "OMP_THREAD_LIMIT": "1"}
        env.pop("TENTHS_DATA_DIR", None)
        log = open(Path(tmp) / "service.log", "wb")  # noqa: SIM115
        service = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "service", "start", "--user", str(user),
             "--settings", str(settings)], env=env, stdout=log, stderr=log)
        runtime = RuntimeFiles(Path(tmp) / "data")
        try:
            def ready() -> Endpoint | None:
                if service.poll() is not None:
                    raise BenchError("the service exited; see its log")
                found = runtime.endpoint()
                return found if found is not None and found.pid == service.pid else None

            endpoint: Endpoint = _wait(ready, 120, "the service")  # type: ignore[assignment]
            process = psutil.Process(service.pid)
            cpu_start = sum(process.cpu_times()[:2])
            wall_start = time.monotonic()
            startup_cpu = cpu_start
            order = [0, 1, 0, 2]  # the brief between mail and research, as a day goes
            switches = typed = 0
            next_switch = wall_start
            end = wall_start + minutes * 60
            current = 0
            while time.monotonic() < end:
                now = time.monotonic()
                if now >= next_switch:
                    current = order[switches % len(order)]
                    d.run("xdotool", "windowactivate", "--sync", windows[current])
                    switches += 1
                    next_switch = now + switch_s
                if current == 0:  # typing in the brief: a sentence, then a pause to think
                    sentence = SENTENCES[typed % len(SENTENCES)]
                    d.run("xdotool", "type", "--delay", "120", sentence)
                    typed += 1
                    time.sleep(min(15.0, max(0.0, end - time.monotonic())))
                else:  # reading: input now and then (a scroll, a click)
                    d.run("xdotool", "mousemove", "--window", windows[current], "200",
                          str(100 + 20 * (switches % 10)))
                    time.sleep(min(20.0, max(0.0, end - time.monotonic())))
            wall = time.monotonic() - wall_start
            cpu = sum(process.cpu_times()[:2]) - cpu_start
            peak = _peak_rss_mb(service.pid)
            token = runtime.token()
            with httpx.Client(base_url=endpoint.url + "/v1", timeout=30,
                              headers={"Authorization": f"Bearer {token}"}) as api:
                status = api.get("/status").json()
                api.post("/stop")
            service.wait(60)
        finally:
            if service.poll() is None:
                service.kill()
                service.wait(10)
            log.close()
    capture = status.get("capture", {})
    return {
        "seconds": round(wall, 1),
        "cpu_percent_of_one_core": round(100 * cpu / wall, 2),
        "peak_rss_mb": peak,
        "ocr_calls": capture.get("ocr_calls", 0),
        "ocr_median_ms": capture.get("ocr_median_ms"),
        "startup_cpu_s": round(startup_cpu, 2),
        "spans_written": status.get("spans_written"),
        "heartbeats": status.get("heartbeats"),
        "window_switches": switches,
        "sentences_typed": typed,
        "drafting": drafting,
        "watchers": [{k: w[k] for k in ("name", "state", "restarts", "last_error")}
                     for w in status.get("watchers", [])],
        "goals": {"cpu_percent_of_one_core": 2.0, "peak_rss_mb": 250.0},
    }
