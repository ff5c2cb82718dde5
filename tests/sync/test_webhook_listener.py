"""The webhook listener over real HTTP: the emulator (on 127.0.0.1) posts signed
deliveries to the listener (on 127.0.0.1), which verifies and applies them, so a
case changed in MyCase reaches the store without a poll; anything unsigned,
mis-signed or malformed is refused and changes nothing."""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from engine_support import Rig
from mycase_support import PARTNER, small_firm

from sync.client import FileTokenStore, TokenSet
from sync.emulator import EmulatorSettings, serve
from sync.emulator.webhooks import post_to_localhost, sign
from sync.listener import PATH, WebhookListener
from sync.pullers import REFRESH, WEBHOOK
from tenths.store import Store


class Live:
    def __init__(self, stack: ExitStack) -> None:
        self.rig = Rig(stack, deliver=post_to_localhost)
        self.rig.engine().sync()
        self.listener = stack.enter_context(WebhookListener(self.rig.store))
        self.rig.engine().puller.subscribe(self.listener.url)
        self.rig.engine().sync()  # the read that subscribing asks for
        self.admin = stack.enter_context(httpx.Client(base_url=self.rig.served.admin_url,
                                                      timeout=10))

    def matters(self) -> dict[int, str]:
        return {m.id: m.name for m in self.rig.store.catalog.matters()}

    def served(self) -> int:
        return self.rig.emulator.requests_served


@pytest.fixture
def live() -> Iterator[Live]:
    with ExitStack() as stack:
        yield Live(stack)


def test_a_case_changed_in_mycase_reaches_the_store_without_a_poll(live: Live) -> None:
    before = live.served()
    answer = live.admin.put("/cases", json={"id": 101, "name": "Renamed over HTTP"})
    assert answer.status_code == 200
    # The emulator delivered before answering the admin call: the store has it now,
    # and tenths asked MyCase nothing.
    assert live.matters()[101] == "Renamed over HTTP"
    assert live.served() == before

    live.admin.put("/cases", json={"name": "Brand new matter", "status": "open"})
    live.admin.put("/companies", json={"id": 21, "name": "Acme Holdings"})
    live.admin.delete("/cases/103")
    matters = live.matters()
    assert "Brand new matter" in matters.values() and 103 not in matters
    company = live.rig.store.catalog.contacts()[("company", 21)]
    assert company.name == "Acme Holdings"
    assert live.served() == before
    assert live.listener.applied == 4 and live.listener.rejected == 0


def test_bad_signatures_and_strangers_are_refused_and_change_nothing(live: Live) -> None:
    store = live.rig.store
    key = json.loads(store.sync_state.get(WEBHOOK + "case") or "{}")["hmac_key"]
    body = json.dumps({"resource": "case", "action": "updated",
                       "resource_body": {"id": 101, "name": "Forged", "status": "open",
                                         "updated_at": "2026-05-04T10:00:00Z"}}).encode()
    url = live.listener.url
    with httpx.Client(timeout=10) as web:
        assert web.post(url, content=body, headers={
            "X-MyCase-Signature": sign("not-the-key", body)}).status_code == 401
        assert web.post(url, content=body).status_code == 401  # unsigned
        tampered = body.replace(b"Forged", b"Forgex")
        assert web.post(url, content=tampered, headers={
            "X-MyCase-Signature": sign(key, body)}).status_code == 401
        lead = json.dumps({"resource": "lead", "action": "created",
                           "resource_body": {"id": 1}}).encode()
        assert web.post(url, content=lead, headers={
            "X-MyCase-Signature": sign(key, lead)}).status_code == 404  # not subscribed
        assert web.post(url, content=b"{not json", headers={
            "X-MyCase-Signature": sign(key, b"{not json")}).status_code == 400
        assert web.get(url).status_code == 405
        assert web.post(url.replace(PATH, "/elsewhere"), content=body).status_code == 404
        huge = b"x" * (2 << 20)
        assert web.post(url, content=huge).status_code == 413
        assert live.matters()[101] == "Client v. Other"
        # The right key on the same body is applied: the refusals were about the signature.
        assert web.post(url, content=body, headers={
            "X-MyCase-Signature": sign(key, body)}).status_code == 204
    assert live.matters()[101] == "Forged"
    assert live.listener.rejected == 8 and live.listener.applied == 1


def test_a_signed_but_unreadable_delivery_marks_the_cases_for_refresh(live: Live) -> None:
    store = live.rig.store
    key = json.loads(store.sync_state.get(WEBHOOK + "case") or "{}")["hmac_key"]
    body = json.dumps({"resource": "case", "action": "updated",
                       "resource_body": {"id": 101, "name": None}}).encode()
    answer = httpx.post(live.listener.url, content=body,
                        headers={"X-MyCase-Signature": sign(key, body)}, timeout=10)
    assert answer.status_code == 422
    assert store.sync_state.get(REFRESH + "case") is not None
    assert "case" in live.rig.engine().puller.catalog_marks(full=False)
    live.rig.engine().sync()  # reads the cases although deliveries feed them
    assert store.sync_state.get(REFRESH + "case") is None
    assert "case" not in live.rig.engine().puller.catalog_marks(full=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _listen(tmp_path: Path, mycase: object, *args: str) -> Iterator[subprocess.Popen[str]]:
    """`tenths listen` in a child process against the emulator, with its own data dir;
    killed at the end of the block if it is still running (a failed test's)."""
    tokens = TokenSet.from_answer(mycase.admin.issue_tokens(PARTNER), datetime.now(UTC))  # type: ignore[attr-defined]
    FileTokenStore(tmp_path / f"mycase-user-{PARTNER}.json").save(tokens)
    env = {**os.environ, "TENTHS_MYCASE_API_URL": mycase.api_url,  # type: ignore[attr-defined]
           "TENTHS_MYCASE_AUTH_URL": mycase.auth_url,  # type: ignore[attr-defined]
           "TENTHS_DATA_DIR": str(tmp_path),
           "TENTHS_MYCASE_CLIENT_SECRET": "tenths-secret", "HOME": str(tmp_path / "home"),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    command = [str(Path(sys.executable).parent / "tenths"), "listen", "--user", str(PARTNER),
               "--sync-every", "60", *args]
    # Ctrl-C is how `listen` stops. A run started in the background of a shell ignores
    # SIGINT, and a child inherits that: its Python would never raise KeyboardInterrupt.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
    finally:
        signal.signal(signal.SIGINT, previous)
    with proc:
        try:
            yield proc
        finally:
            if proc.poll() is None:
                proc.kill()


class _Lines:
    """A child's output lines, each waited for at most ``seconds``: a line that never
    comes fails the test with what came before, instead of blocking the run."""

    def __init__(self, proc: subprocess.Popen[str], seconds: float = 60.0) -> None:
        self._queue: queue.Queue[str] = queue.Queue()
        self._seconds = seconds
        self.seen: list[str] = []
        assert proc.stdout is not None
        self._reader = threading.Thread(target=self._read, args=(proc.stdout,), daemon=True)
        self._reader.start()

    def _read(self, stream) -> None:  # noqa: ANN001
        for line in stream:
            self._queue.put(line)

    def next(self) -> str:
        try:
            line = self._queue.get(timeout=self._seconds)
        except queue.Empty:
            pytest.fail(f"no line in {self._seconds:g} s after: {self.seen!r}")
        self.seen.append(line)
        return line

    def rest(self) -> str:
        """Every line after those read, once the child has closed its output."""
        self._reader.join(timeout=self._seconds)
        rest = []
        while not self._queue.empty():
            rest.append(self._queue.get())
        self.seen += rest
        return "".join(rest)


def test_tenths_listen_applies_deliveries_and_unsubscribes_on_stop(tmp_path: Path) -> None:
    port = free_port()
    settings = tmp_path / "tenths.toml"
    settings.write_text(f"[mycase]\nwebhook_port = {port}\n", encoding="utf-8")
    with serve(small_firm()) as mycase:
        with _listen(tmp_path, mycase, "--settings", str(settings),
                     "--webhook-url", "loopback") as proc:
            lines = _Lines(proc)
            assert lines.next().startswith(f"listening on http://127.0.0.1:{port}{PATH}")
            models = [s.body["model"] for s in mycase.state.subscriptions.ordered()]
            assert models == ["case", "client", "company"]
            assert lines.next().startswith("synced: pulled 5"), lines.seen  # at once
            mycase.admin.upsert("cases", {"id": 102, "name": "Renamed while listening"})
            assert lines.next().strip() == "webhook: case updated", lines.seen
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=30)
            rest = lines.rest()
        assert proc.returncode == 0, "".join(lines.seen)
        assert "1 deliveries applied" in rest
        assert list(mycase.state.subscriptions.ordered()) == []  # polling takes over again
    with Store.open(tmp_path / f"user-{PARTNER}.duckdb") as store:
        names = {m.id: m.name for m in store.catalog.matters()}
        assert names[102] == "Renamed while listening"
        assert store.sync_state.get(WEBHOOK + "case") is None


@pytest.mark.parametrize("webhook_url", ["", "loopback"])
def test_tenths_listen_polls_when_there_is_no_relay_or_no_webhooks(
    tmp_path: Path, webhook_url: str
) -> None:
    # Without --webhook-url a laptop polls (a cloud MyCase cannot reach 127.0.0.1); a MyCase
    # without webhook subscriptions (404) is polled too, said once, and nothing fails.
    args = ["--webhook-url", webhook_url] if webhook_url else []
    with serve(small_firm(), EmulatorSettings(webhooks=False)) as mycase:
        with _listen(tmp_path, mycase, *args) as proc:
            lines = _Lines(proc)
            said = lines.next()
            assert "poll" in said, said
            assert lines.next().startswith("synced: pulled 5"), lines.seen
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=30)
            rest = lines.rest()
        assert proc.returncode == 0, "".join(lines.seen)
        assert "poll" not in rest  # said once
    with Store.open(tmp_path / f"user-{PARTNER}.duckdb") as store:
        assert {m.id for m in store.catalog.matters()} >= {101, 102}
