"""`tenths sync` and `tenths sync --status`, pointed at the emulator by environment."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from mycase_support import PARTNER, small_firm
from typer.testing import CliRunner

from app.cli import app
from sync.client import FileTokenStore, TokenSet
from sync.emulator import serve
from tenths.records import EntryStatus
from tenths.store import Store


@pytest.fixture
def env(tmp_path: Path):  # noqa: ANN201
    with serve(small_firm()) as mycase:
        tokens = TokenSet.from_answer(mycase.admin.issue_tokens(PARTNER), datetime.now(UTC))
        FileTokenStore(tmp_path / f"mycase-user-{PARTNER}.json").save(tokens)
        yield mycase, {
            "TENTHS_MYCASE_API_URL": mycase.api_url,
            "TENTHS_MYCASE_AUTH_URL": mycase.auth_url,
            "TENTHS_DATA_DIR": str(tmp_path),
            "TENTHS_MYCASE_CLIENT_SECRET": "tenths-secret",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }


def test_sync_then_status(env, tmp_path: Path) -> None:  # noqa: ANN001
    from engine_support import entry

    from sync.client import ManualClock

    mycase, variables = env
    with Store.open(tmp_path / f"user-{PARTNER}.duckdb") as store:
        store.entries.save([entry(1, clock=ManualClock()), entry(2, clock=ManualClock())])
    runner = CliRunner()
    status = runner.invoke(app, ["sync", "--user", str(PARTNER), "--status"], env=variables)
    assert status.exit_code == 0, status.output
    assert "pending: Create" in status.output
    done = runner.invoke(app, ["sync", "--user", str(PARTNER)], env=variables)
    assert done.exit_code == 0, done.output
    assert "created 2" in done.output
    with Store.open(tmp_path / f"user-{PARTNER}.duckdb") as store:
        assert {e.status for e in store.entries.list()} == {EntryStatus.SYNCED}
    assert len(mycase.admin.snapshot()["time_entries"]) == 7
