"""Heartbeats from outside the service: the browser extension's focused tab, and
whole heartbeats from other local sources (a replayed day, a softphone plug-in).

What arrives while capture is paused is dropped. Exclusions (private windows,
banks, personal mail) are capture's to apply, as for every other source.
"""

from __future__ import annotations

from urllib.parse import urldefrag

from fastapi import APIRouter, HTTPException

from app.api.deps import ServiceDep
from app.api.models import HeartbeatIn, IntakeOut, TabIn
from capture.heartbeat import SOURCE_BROWSER, Heartbeat
from tenths.errors import RecordError

router = APIRouter(tags=["capture"])


def kept_url(url: str) -> str:
    """A tab's address without its fragment, which carries sign-in tokens (OAuth's
    #access_token=...) and page state, never what the work was about."""
    return urldefrag(url).url


@router.post("/heartbeats/browser", summary="The browser extension reports the active tab")
def browser_heartbeat(tab: TabIn, service: ServiceDep) -> IntakeOut:
    beat = Heartbeat(at=service.clock(), user=service.user, app=tab.browser, kind="browser",
                     window_title=tab.title, text="", url=kept_url(tab.url),
                     source=SOURCE_BROWSER)
    return IntakeOut(accepted=service.accept([beat]))


@router.post("/heartbeats", summary="Heartbeats from another local source, in time order")
def heartbeats(beats: list[HeartbeatIn], service: ServiceDep) -> IntakeOut:
    try:
        made = [Heartbeat(at=b.at, user=service.user, app=b.app, kind=b.kind,
                          window_title=b.title, text=b.text, url=b.url, path=b.path,
                          idle_seconds=b.idle_seconds, locked=b.locked, source=b.source)
                for b in beats]
    except RecordError as exc:  # names the field, never its value
        raise HTTPException(422, str(exc)) from exc
    return IntakeOut(accepted=service.accept(made))
