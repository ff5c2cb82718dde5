"""SIGKILL the sync process in the middle of pushing 500 entries with lost answers
injected, restart it, and find exactly 500 entries in MyCase."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from mycase_support import PARTNER, small_firm

from sync.client import FileTokenStore, TokenSet
from sync.emulator import EmulatorSettings, FaultSettings, serve

CHILD = Path(__file__).with_name("sync_child.py")
ROOT = Path(__file__).resolve().parents[2]


def child(served_api: str, served_auth: str, tokens: Path, store: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, str(CHILD), served_api, served_auth, str(tokens), str(store)],
        stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )


@pytest.mark.slow
def test_sigkill_mid_push_leaves_exactly_500(tmp_path: Path) -> None:
    settings = EmulatorSettings(
        rate_limit_per_second=1000,
        faults=FaultSettings(seed=5, lost_answer_probability=0.2),
    )
    with serve(small_firm(), settings) as mycase:
        answer = mycase.admin.issue_tokens(PARTNER)
        tokens = tmp_path / "tokens.json"
        FileTokenStore(tokens).save(TokenSet.from_answer(answer, datetime.now(UTC)))
        store = tmp_path / "store.duckdb"

        first = child(mycase.api_url, mycase.auth_url, tokens, store)
        assert first.stdout is not None
        pushed = 0
        for line in first.stdout:
            pushed += line.startswith("pushed")
            if pushed == 137:  # mid-batch: intents recorded, creates made, nothing settled
                break
        first.send_signal(signal.SIGKILL)
        first.wait()
        first.stdout.close()
        assert first.returncode == -signal.SIGKILL
        made = [e for e in mycase.admin.snapshot()["time_entries"]
                if e["description"].startswith("kill test")]
        assert 137 <= len(made) < 500

        second = child(mycase.api_url, mycase.auth_url, tokens, store)
        out, _ = second.communicate(timeout=240)
        assert second.returncode == 0 and out.strip().endswith("done")

        made = Counter(e["description"] for e in mycase.admin.snapshot()["time_entries"]
                       if e["description"].startswith("kill test"))
        assert len(made) == 500 and set(made.values()) == {1}
