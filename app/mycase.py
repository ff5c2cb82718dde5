"""The MyCase connection the service syncs with, built as `tenths sync` builds it.

The same settings (``[mycase]``), the same token store (the keyring, else a 0600
file in the data directory, written by `tenths connect`) and the client secret
from ``TENTHS_MYCASE_CLIENT_SECRET``. No saved tokens means no connection: the
service then does not sync, and says so in its status.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from sync.client.http import MyCaseClient, MyCaseConfig
from sync.client.tokens import TokenStore, default_token_store
from tenths.settings import Settings


def account_name(connection: str, user: int) -> str:
    """Whose tokens: the firm's one login ("firm"), or a timekeeper's own ("user-<id>")."""
    return "firm" if connection == "firm" else f"user-{user}"


def account_for(settings: Settings, user: int) -> str:
    return account_name(settings.service.connection, user)


def tokens_for(settings: Settings, account: str) -> TokenStore:
    """Where `tenths connect` keeps an account's tokens ("user-<id>" or "firm")."""
    return default_token_store(account, settings.store.data_dir / f"mycase-{account}.json")


def token_store(settings: Settings, user: int) -> TokenStore:
    return tokens_for(settings, account_for(settings, user))


def client_for(settings: Settings, secret: str, account: str,
               port: int | None = None) -> MyCaseClient:
    """The one way a MyCase client is built from settings: `[mycase]`, the account's
    saved tokens, and the app's secret; `port` is the login's loopback redirect."""
    m = settings.mycase
    redirect = f"http://127.0.0.1:{m.redirect_port if port is None else port}/callback"
    config = MyCaseConfig(m.api_url, m.auth_url, m.client_id, secret, redirect,
                          requests_per_second=m.requests_per_second, page_size=m.page_size)
    return MyCaseClient(config, tokens_for(settings, account))


def connected_client(
    settings: Settings, user: int, env: Mapping[str, str] | None = None
) -> MyCaseClient | None:
    """A client for the saved connection, or None when `tenths connect` was never run."""
    account = account_for(settings, user)
    if tokens_for(settings, account).load() is None:
        return None
    env = os.environ if env is None else env
    return client_for(settings, env.get("TENTHS_MYCASE_CLIENT_SECRET", ""), account)
