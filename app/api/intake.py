"""Heartbeats from the browser extension: the URL and title of the focused tab.

A tab reported while capture is paused is dropped. Exclusions (private windows,
banks, personal mail) are capture's to apply, as for every other source.
"""

from __future__ import annotations

from fastapi import APIRouter

from app.api.deps import ServiceDep
from app.api.models import IntakeOut, TabIn
from capture.heartbeat import SOURCE_BROWSER, Heartbeat

router = APIRouter(tags=["capture"])


@router.post("/heartbeats/browser", summary="The browser extension reports the active tab")
def browser_heartbeat(tab: TabIn, service: ServiceDep) -> IntakeOut:
    beat = Heartbeat(at=service.clock(), user=service.user, app=tab.browser, kind="browser",
                     window_title=tab.title, text="", url=tab.url, source=SOURCE_BROWSER)
    return IntakeOut(accepted=service.accept([beat]))
