"""One writer: while the service runs, `tenths sync` asks it to sync instead of opening
the store the service holds."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from app.cli import app
from app.review.rehearsal import serve_api
from app.runtime import Endpoint, RuntimeFiles
from app.service import Service
from capture.heartbeats import SpanBuilder
from tenths.settings import Settings, StoreSettings
from tenths.store import Store


def test_a_plain_sync_goes_through_the_running_service(tmp_path: Path) -> None:
    data = tmp_path / "data"
    settings = Settings(store=StoreSettings(data_dir=data))
    toml = tmp_path / "s.toml"
    toml.write_text(f'[store]\ndata_dir = "{data}"\n')
    synced: list[Store] = []

    def syncer(store: Store) -> object:
        synced.append(store)
        return {"pushed": 0}

    runtime = RuntimeFiles(data)
    with Store.open(settings.store.path_for(7)) as store:
        service = Service(settings, 7, store, SpanBuilder(settings.capture), runtime,
                          refresher=lambda s, d, n: None, syncer=syncer)
        with serve_api(service, runtime.token()) as port:
            runtime.write_endpoint(Endpoint(port, os.getpid(), 7, datetime.now(UTC).isoformat()))
            result = CliRunner().invoke(app, ["sync", "--user", "7", "--settings", str(toml)])
            assert result.exit_code == 0, result.output
            assert "running service synced" in result.output
            assert synced == [store]  # the service's own store, not a second writer
