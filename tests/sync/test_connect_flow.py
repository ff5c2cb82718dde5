"""`tenths connect` end to end: the real CLI in its own process, the emulator on
127.0.0.1, and a browser simulated by following the printed login address with
httpx (to the emulator's login, then its redirect to the loopback callback).
Tokens land in a 0600 file under a temporary data dir (the keyring is switched
off and HOME points into the temporary dir), and `tenths sync` then works with them."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from mycase_support import ASSOCIATE, PARALEGAL, PARTNER, small_firm

from sync.client import FileTokenStore
from sync.emulator import ServedEmulator, serve
from tenths.records import Entry, EntryStatus
from tenths.store import Store

TENTHS = str(Path(sys.executable).parent / "tenths")


@dataclass
class World:
    mycase: ServedEmulator
    data_dir: Path
    settings: Path
    env: dict[str, str]

    def token_file(self, account: str) -> Path:
        return self.data_dir / f"mycase-{account}.json"


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    data_dir = tmp_path / "data"
    with serve(small_firm()) as mycase:
        settings = tmp_path / "tenths.toml"
        settings.write_text(
            "[mycase]\n"
            f'api_url = "{mycase.api_url}"\n'
            f'auth_url = "{mycase.auth_url}"\n'
            'client_id = "tenths"\n'
            "[store]\n"
            f'data_dir = "{data_dir}"\n',
            encoding="utf-8",
        )
        env = {
            **os.environ,
            "HOME": str(tmp_path / "home"),
            "XDG_DATA_HOME": str(tmp_path / "home" / "share"),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            "TENTHS_MYCASE_CLIENT_SECRET": "tenths-secret",
            "COLUMNS": "60",  # a narrow terminal must not break the printed address
        }
        for name in ("TENTHS_MYCASE_API_URL", "TENTHS_MYCASE_AUTH_URL", "TENTHS_DATA_DIR"):
            env.pop(name, None)
        yield World(mycase, data_dir, settings, env)


def connect(world: World, *args: str, browser=None) -> tuple[int, str]:  # noqa: ANN001
    """Run `tenths connect --no-open-browser ...`; act as the browser on the address it
    prints (`browser(url)`; default: follow it). Returns (exit code, output)."""
    command = [TENTHS, "connect", "--no-open-browser", "--timeout", "20",
               "--settings", str(world.settings), *args]
    with subprocess.Popen(command, env=world.env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True) as proc:
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if line.startswith(world.mycase.auth_url + "/login_sessions/new?"):
                (browser or follow)(line.strip())
                break
        rest, _ = proc.communicate(timeout=30)
        return proc.returncode, "".join(lines) + rest


def follow(url: str) -> None:
    with httpx.Client(follow_redirects=True, timeout=10) as browser:
        page = browser.get(url)
    assert page.status_code == 200, page.text
    assert page.url.host == "127.0.0.1" and page.url.path == "/callback"
    assert "code" in parse_qs(page.url.query.decode())


def released(n: int, staff_id: int) -> Entry:
    return Entry(
        id=f"c{n}", user=staff_id, case_id=101, entry_date=date(2026, 5, 4), worked_seconds=1800,
        hours=Decimal("0.5"), rate=Decimal(300), activity_name="Drafting",
        description=f"connected {n}", billable=True, span_ids=(), status=EntryStatus.RELEASED,
    )


def sync(world: World, staff_id: int, *extra: str) -> str:
    """`tenths sync` in its own process too (so that no keyring chosen earlier in this
    process can stand in for the token file)."""
    with Store.open(world.data_dir / f"user-{staff_id}.duckdb") as store:
        store.entries.save([released(1, staff_id), released(2, staff_id)])
    done = subprocess.run(
        [TENTHS, "sync", "--user", str(staff_id), "--settings", str(world.settings), *extra],
        env=world.env, capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def staff_of(world: World, description: str) -> list[int]:
    return [e["staff"]["id"] for e in world.mycase.admin.snapshot()["time_entries"]
            if e["description"] == description]


def test_user_connection_stores_a_private_token_and_sync_uses_it(world: World) -> None:
    world.mycase.admin.set_login_user(ASSOCIATE)
    code, output = connect(world, "--user", str(ASSOCIATE))
    assert code == 0, output
    assert f"connected (user connection as staff {ASSOCIATE}" in output
    token = world.token_file(f"user-{ASSOCIATE}")
    assert stat.S_IMODE(token.stat().st_mode) == 0o600
    saved = FileTokenStore(token).load()
    assert saved is not None and saved.firm_uuid == world.mycase.emulator.auth.firm_uuid
    assert not (world.data_dir.parent / "home").exists()  # nothing under HOME

    assert "created 2" in sync(world, ASSOCIATE)
    assert staff_of(world, "connected 1") == [ASSOCIATE]


def test_firm_connection_syncs_for_any_staff_member(world: World) -> None:
    world.mycase.admin.set_login_user(PARTNER)  # the firm's admin logs in once
    code, output = connect(world, "--user", str(PARTNER), "--connection", "firm")
    assert code == 0, output
    assert world.token_file("firm").exists()
    assert not world.token_file(f"user-{PARTNER}").exists()

    # The paralegal never logged in: the firm connection posts their entries.
    assert "created 2" in sync(world, PARALEGAL, "--connection", "firm")
    assert staff_of(world, "connected 2") == [PARALEGAL]


def test_user_connection_refuses_someone_elses_login(world: World) -> None:
    world.mycase.admin.set_login_user(PARTNER)
    code, output = connect(world, "--user", str(ASSOCIATE))
    assert code == 1
    assert f"logged in as staff {PARTNER}, not {ASSOCIATE}" in output
    assert not world.token_file(f"user-{ASSOCIATE}").exists()  # the tokens were dropped


def test_an_answer_for_another_login_is_refused(world: World) -> None:
    """A redirect whose state is not this login's (a forged or stale one) never
    gets exchanged, even with a valid code."""

    def forged(url: str) -> None:
        redirect_uri = parse_qs(urlsplit(url).query)["redirect_uri"][0]
        valid_code = world.mycase.admin.authorize(PARTNER, redirect_uri)
        answer = httpx.get(redirect_uri, params={"code": valid_code, "state": "not-yours"})
        assert answer.status_code == 200

    code, output = connect(world, "--user", str(PARTNER), browser=forged)
    assert code == 1 and "state" in output
    assert not world.token_file(f"user-{PARTNER}").exists()
