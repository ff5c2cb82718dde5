"""The running service, as the routes get it (one per API app)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from app.service import Service


def _service(request: Request) -> Service:
    return request.app.state.service


ServiceDep = Annotated[Service, Depends(_service)]
