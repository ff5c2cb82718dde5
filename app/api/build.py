"""Making the API app: its routes, its guard, the service it serves."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI

from app.api import day, intake, review, sessions, spans, status
from app.api.guard import Guard
from app.service import Service

TITLE = "tenths local API"


def create_api(service: Service | None, token: str, port: int,
               stop: Callable[[], None] = lambda: None) -> FastAPI:
    """The API of ``service`` for requests to ``127.0.0.1:port`` carrying ``token``;
    ``stop`` ends the process that serves it."""
    api = FastAPI(title=TITLE, version="1",
                  description="The running tenths service, for the CLI, the browser "
                              "extension and the review page. Listens on 127.0.0.1 only; "
                              "every request needs `Authorization: Bearer <token>` (the "
                              "token is in the data folder's `service/token`, 0600).",
                  docs_url=None, redoc_url=None)
    api.state.service = service
    api.state.port = port
    api.state.stop = stop
    api.state.sessions = sessions.Sessions()
    for module in (status, spans, intake, day, review, sessions):
        api.include_router(module.router, prefix="/v1")
    api.include_router(review.page)  # the review page's files, at /review
    api.add_middleware(Guard, token=token, port=port, public=("/review",),
                       sessions=api.state.sessions)
    return api
