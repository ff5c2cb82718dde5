"""The service syncs over the connection `tenths connect` saved, and not without one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.demo import REDIRECT_URI, connect
from app.mycase import token_store
from app.server import mycase_syncer
from sync.client.http import MyCaseClient, MyCaseConfig
from sync.client.tokens import keyring_available
from sync.emulator import serve
from tenths.settings import MyCaseSettings, Settings, StoreSettings
from tenths.store import Store

FIRM = Path(__file__).resolve().parents[2] / "eval" / "fixtures" / "harbor" / "firm.json"


@pytest.mark.skipif(keyring_available(), reason="would write a token to the real keyring")
def test_the_service_syncs_once_connected(tmp_path: Path) -> None:
    firm = json.loads(FIRM.read_text(encoding="utf-8"))
    user = firm["staff"][0]["id"]
    with serve(firm) as mycase, Store.open(":memory:") as store:
        mycase.admin.set_login_user(user)
        settings = Settings(store=StoreSettings(data_dir=tmp_path),
                            mycase=MyCaseSettings(api_url=mycase.api_url,
                                                  auth_url=mycase.auth_url,
                                                  client_id="tenths"))
        sync = mycase_syncer(settings, user, env={"TENTHS_MYCASE_CLIENT_SECRET": "tenths-secret"})
        assert sync(store) is None  # never connected: nothing is asked of MyCase
        config = MyCaseConfig(mycase.api_url, mycase.auth_url, "tenths", "tenths-secret",
                              REDIRECT_URI)
        with MyCaseClient(config, token_store(settings, user)) as client:
            connect(client)  # what `tenths connect` does, with the emulator's login
        assert sync(store) is not None
        assert len(store.catalog.matters()) == len(firm["cases"])
