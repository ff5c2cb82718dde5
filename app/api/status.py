"""The service's state, and pause / resume (they take effect at once)."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request

from app.api.deps import ServiceDep
from app.api.models import JobOut, PauseOut, StatusOut, WatcherOut
from app.service import ServiceStatus

router = APIRouter(tags=["service"])


def status_out(status: ServiceStatus, port: int | None) -> StatusOut:
    return StatusOut(
        running=True, paused=status.paused, user=status.user, pid=status.pid, port=port,
        started_at=status.started_at, connected=status.connected,
        spans_written=status.spans_written, heartbeats=status.heartbeats,
        watchers=[WatcherOut(**asdict(w)) for w in status.watchers],
        jobs=[JobOut(**asdict(j)) for j in status.jobs], capture=status.capture,
    )


@router.get("/status", summary="The service's state: capture, watchers, jobs")
def get_status(service: ServiceDep, request: Request) -> StatusOut:
    return status_out(service.status(), request.app.state.port)


@router.post("/pause", summary="Pause capture now (the open span ends now)")
def pause(service: ServiceDep) -> PauseOut:
    return PauseOut(paused=True, changed=service.pause())


@router.post("/resume", summary="Resume capture now")
def resume(service: ServiceDep) -> PauseOut:
    return PauseOut(paused=False, changed=service.resume())


@router.post("/stop", summary="Stop the service (what is open is written first)",
             status_code=202)
def stop(request: Request) -> PauseOut:
    request.app.state.stop()
    return PauseOut(paused=request.app.state.service.paused, changed=False)
