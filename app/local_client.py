"""The CLI's client of the running service's local API (httpx, with the install's token).

DuckDB lets one process write a store, and the running service is that process:
while it runs, the CLI asks it over the API instead of opening the store. The
answers are the API's own models (``app.api.models``).
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter

from app.api.models import PauseOut, PurgeOut, SpanOut, StatusOut
from app.runtime import Endpoint, RuntimeFiles
from tenths.errors import TenthsError

M = TypeVar("M", bound=BaseModel)


class LocalApiError(TenthsError):
    """The running service refused a request or could not be reached."""


class ServiceUnreachable(LocalApiError):
    """Nothing answers at the service's endpoint (it stopped, or is starting)."""


class LocalClient:
    def __init__(self, endpoint: Endpoint, token: str, *,
                 transport: httpx.BaseTransport | None = None, timeout: float = 30.0):
        self.endpoint = endpoint
        self.http = httpx.Client(base_url=endpoint.url, transport=transport, timeout=timeout,
                                 headers={"Authorization": f"Bearer {token}"})

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> LocalClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, method: str, path: str, **kw: object) -> httpx.Response:
        try:
            answer = self.http.request(method, f"/v1{path}", **kw)  # type: ignore[arg-type]
        except httpx.TransportError as exc:
            raise ServiceUnreachable(
                f"the service at {self.endpoint.url} does not answer ({type(exc).__name__})"
            ) from exc
        if answer.status_code >= 400:
            try:
                detail = answer.json().get("detail", "")
            except ValueError:
                detail = ""
            raise LocalApiError(f"the service answered {answer.status_code}: {detail}")
        return answer

    def call(self, method: str, path: str, **kw: object) -> httpx.Response:
        """One request to ``/v1<path>``; a refusal raises ``LocalApiError`` (for callers
        with models of their own, such as the review's ``ApiReviewer``)."""
        return self._call(method, path, **kw)

    def _model(self, model: type[M], method: str, path: str, **kw: object) -> M:
        return model.model_validate(self._call(method, path, **kw).json())

    def status(self) -> StatusOut:
        return self._model(StatusOut, "GET", "/status")

    def pause(self) -> PauseOut:
        return self._model(PauseOut, "POST", "/pause")

    def resume(self) -> PauseOut:
        return self._model(PauseOut, "POST", "/resume")

    def stop(self) -> None:
        self._call("POST", "/stop")

    def spans(self, day: date, text: bool) -> list[SpanOut]:
        answer = self._call("GET", f"/days/{day.isoformat()}/spans",
                            params={"text": "true" if text else "false"})
        return TypeAdapter(list[SpanOut]).validate_python(answer.json())

    def purge(self, everything: bool) -> PurgeOut:
        return self._model(PurgeOut, "POST", "/purge", json={"everything": everything})


def answering(runtime: RuntimeFiles) -> Endpoint | None:
    """The running service's endpoint if a service answers there with this install's
    token; None when none runs (no endpoint file, its process gone, or its pid now
    someone else's after a crash and a reboot)."""
    endpoint = runtime.endpoint()
    if endpoint is None:
        return None
    with LocalClient(endpoint, runtime.token(), timeout=5.0) as client:
        try:
            client.status()
        except LocalApiError:
            return None
    return endpoint
