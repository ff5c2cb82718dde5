"""One writer: the CLI's store commands go through the running service, or open the
store themselves when no service runs. ``backend_for`` chooses; both backends
answer with the API's models, so a command prints the same either way.

A command that needs the store (``tenths spans``, ``tenths purge``,
``tenths service status|pause|resume``) asks ``backend_for(settings, user)`` and
never opens the store itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Protocol

from app.api.models import PauseOut, PurgeOut, SpanOut, StatusOut
from app.day import DayRefresher
from app.local_client import LocalApiError, LocalClient
from app.operations import day_spans, purge
from app.runtime import RuntimeFiles
from tenths.errors import TenthsError
from tenths.settings import Settings
from tenths.store import Store

if TYPE_CHECKING:  # the review's modules load the drafting stages: only when asked
    from app.review.reviewers import Reviewer


class NoUser(TenthsError):
    """No service runs and no --user was given: whose store is meant is unknown."""


class Backend(Protocol):
    def status(self) -> StatusOut: ...

    def pause(self) -> PauseOut: ...

    def resume(self) -> PauseOut: ...

    def spans(self, day: date, text: bool) -> list[SpanOut]: ...

    def purge(self, everything: bool) -> PurgeOut: ...

    def review(self) -> AbstractContextManager[Reviewer]: ...  # `tenths entries`


class StoreBackend:
    """No service runs: the command opens the user's store itself (and, for pause, sets
    the flag the service reads when it starts)."""

    def __init__(self, settings: Settings, user: int | None, runtime: RuntimeFiles):
        self.settings = settings
        self.user = user
        self.runtime = runtime

    def _store(self) -> tuple[Store, int]:
        if self.user is None:
            raise NoUser("the service is not running: say whose store with --user ID")
        return Store.open(self.settings.store.path_for(self.user)), self.user

    def status(self) -> StatusOut:
        return StatusOut(running=False, paused=self.runtime.paused(), user=self.user)

    def pause(self) -> PauseOut:
        changed = not self.runtime.paused()
        self.runtime.set_paused(True)
        return PauseOut(paused=True, changed=changed)

    def resume(self) -> PauseOut:
        changed = self.runtime.paused()
        self.runtime.set_paused(False)
        return PauseOut(paused=False, changed=changed)

    def spans(self, day: date, text: bool) -> list[SpanOut]:
        store, user = self._store()
        with store:
            views = day_spans(store, user, day, self.settings.billing.timezone, text)
        return [SpanOut(**asdict(v)) for v in views]

    def purge(self, everything: bool) -> PurgeOut:
        store, user = self._store()
        refresher = DayRefresher(self.settings, user)
        now = datetime.now(UTC)
        with store:
            report = purge(store, user, self.settings, now,
                           lambda day: refresher(store, day, now), everything)
        return PurgeOut(purged=report.purged, days_attributed=list(report.days_attributed),
                        cutoff=report.cutoff)

    @contextmanager
    def review(self) -> Iterator[Reviewer]:
        from app.review.reviewers import StoreReviewer

        store, user = self._store()
        with store:
            yield StoreReviewer(store, user, self.settings)


class ServiceBackend:
    """The service runs: every call goes over its local API."""

    def __init__(self, client: LocalClient):
        self.client = client

    def status(self) -> StatusOut:
        return self.client.status()

    def pause(self) -> PauseOut:
        return self.client.pause()

    def resume(self) -> PauseOut:
        return self.client.resume()

    def spans(self, day: date, text: bool) -> list[SpanOut]:
        return self.client.spans(day, text)

    def purge(self, everything: bool) -> PurgeOut:
        return self.client.purge(everything)

    @contextmanager
    def review(self) -> Iterator[Reviewer]:
        from app.review.reviewers import ApiReviewer

        yield ApiReviewer(self.client.call)


@contextmanager
def backend_for(settings: Settings, user: int | None = None) -> Iterator[Backend]:
    """The running service when it holds ``user``'s store (or no user was named), else
    the store itself."""
    runtime = RuntimeFiles(settings.store.data_dir)
    endpoint = runtime.endpoint()
    if endpoint is not None and user in (None, endpoint.user):
        with LocalClient(endpoint, runtime.token()) as client:
            try:
                client.status()
            except LocalApiError:
                pass  # nothing of ours answers there: the store decides
            else:
                yield ServiceBackend(client)
                return
    yield StoreBackend(settings, user, runtime)
