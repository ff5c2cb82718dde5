"""One writer: without a running service the CLI opens the store itself; the same
commands then answer with the same models. Logs never carry captured text."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import pytest
from factories import T0
from service_support import FakeClock, screen
from typer.testing import CliRunner

from app.backends import NoUser, StoreBackend, backend_for
from app.cli import app
from app.runtime import RuntimeFiles
from app.service import Service
from capture.heartbeats import SpanBuilder
from tenths.settings import Settings, StoreSettings
from tenths.store import Store


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(store=StoreSettings(data_dir=tmp_path / "data"))


def stored_day(settings: Settings) -> None:
    builder = SpanBuilder(settings.capture)
    beats = [screen(T0 + timedelta(seconds=5 * i), f"Window {i // 4}", text="secret words")
             for i in range(12)]
    spans = [s for b in beats for s in builder.feed(b)] + builder.flush(beats[-1].at)
    with Store.open(settings.store.path_for(7)) as store:
        store.activity.add_spans(spans)


def test_without_a_service_the_store_backend_answers(settings: Settings) -> None:
    stored_day(settings)
    with backend_for(settings, 7) as backend:
        assert isinstance(backend, StoreBackend)
        assert backend.status().running is False
        spans = backend.spans(T0.date(), text=False)
        assert [s.title for s in spans] == ["Window 0", "Window 1", "Window 2"]
        assert {s.text for s in spans} == {None}
        assert {s.text for s in backend.spans(T0.date(), text=True)} == {"secret words"}
        assert backend.pause().changed and RuntimeFiles(settings.store.data_dir).paused()
        assert backend.resume().changed


def test_without_a_service_a_store_command_needs_the_user(settings: Settings) -> None:
    with backend_for(settings) as backend, pytest.raises(NoUser, match="--user"):
        backend.spans(T0.date(), text=False)


def test_a_stale_endpoint_does_not_stand_for_a_running_service(settings: Settings) -> None:
    from app.runtime import Endpoint

    runtime = RuntimeFiles(settings.store.data_dir)
    runtime.write_endpoint(Endpoint(1, 2**22 + 12345, 7, ""))  # no such process
    with backend_for(settings, 7) as backend:
        assert isinstance(backend, StoreBackend)


def test_an_endpoint_whose_pid_was_reused_is_not_a_running_service(settings: Settings) -> None:
    import os
    import socket

    from app.local_client import answering
    from app.runtime import Endpoint

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    runtime = RuntimeFiles(settings.store.data_dir)
    runtime.write_endpoint(Endpoint(port, os.getpid(), 7, ""))  # a live process, not ours
    assert runtime.endpoint() is not None and answering(runtime) is None
    with backend_for(settings, 7) as backend:
        assert isinstance(backend, StoreBackend)


def test_tenths_spans_lists_a_day_from_the_store_and_words_only_with_text(
    settings: Settings, tmp_path: Path
) -> None:
    stored_day(settings)
    toml = tmp_path / "s.toml"
    toml.write_text(f'[store]\ndata_dir = "{settings.store.data_dir}"\n')
    runner = CliRunner()
    plain = runner.invoke(app, ["spans", "--day", "2026-11-02", "--user", "7", "--json",
                                "--settings", str(toml)])
    assert plain.exit_code == 0, plain.output
    assert "Window 1" in plain.output and "secret words" not in plain.output
    with_text = runner.invoke(app, ["spans", "--day", "2026-11-02", "--user", "7", "--text",
                                    "--json", "--settings", str(toml)])
    assert with_text.output.count('"text": "secret words"') == 3
    table = runner.invoke(app, ["spans", "--day", "2026-11-02", "--user", "7",
                                "--settings", str(toml)])
    assert "3 spans on 2026-11-02" in table.output and "secret" not in table.output
    bad = runner.invoke(app, ["spans", "--day", "02/11/2026", "--user", "7",
                              "--settings", str(toml)])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_tenths_purge_all_deletes_the_words_now(settings: Settings, tmp_path: Path) -> None:
    stored_day(settings)
    toml = tmp_path / "s.toml"
    toml.write_text(f'[store]\ndata_dir = "{settings.store.data_dir}"\n')
    result = CliRunner().invoke(app, ["purge", "--all", "--user", "7", "--settings", str(toml)])
    assert result.exit_code == 0, result.output
    assert "raw text of 3 spans" in result.output
    with Store.open(settings.store.path_for(7)) as store:
        assert {s.text for s in store.activity.spans(7)} == {""}


def test_the_service_logs_counts_and_classes_never_captured_text(
    tmp_path: Path, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    def failing_refresh(store: Store, day: object, now: object) -> None:
        raise ValueError("privileged words from the screen")

    settings = Settings()
    clock = FakeClock()
    service = Service(settings, 7, store, SpanBuilder(settings.capture),
                      RuntimeFiles(tmp_path), refresher=failing_refresh, clock=clock)
    with caplog.at_level(logging.DEBUG):
        for i in range(12):
            service.accept([screen(clock(), f"Matter of Quill {i // 4}",
                                   text="privileged words from the screen",
                                   url="https://example.test/quill")])
            service.tick()
            clock.advance(5)
        service.pause()
    assert service.spans_written == 3
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "wrote" in logged and "ValueError" in logged
    for secret in ("privileged", "Quill", "example.test"):
        assert secret not in logged


def test_the_service_refuses_to_start_and_lists_every_capture_settings_problem(
    tmp_path: Path,
) -> None:
    toml = tmp_path / "s.toml"
    toml.write_text(f'[store]\ndata_dir = "{tmp_path / "data"}"\n[capture]\n'
                    'excluded_title_patterns = ["(unclosed"]\npoll_interval_s = 90.0\n')
    result = CliRunner().invoke(app, ["service", "start", "--user", "7",
                                      "--settings", str(toml)])
    assert result.exit_code == 2
    assert "excluded_title_patterns" in result.output and "poll_interval_s" in result.output
    assert not (tmp_path / "data" / "user-7.duckdb").exists()
