"""The local API's request and answer bodies (its OpenAPI schema is built from them).

The CLI reads the same models, whether they came over the API from the running
service or from the store it opened itself.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field


class WatcherOut(BaseModel):
    name: str
    state: str = Field(description="running, restarting, paused or stopped")
    restarts: int = Field(description="how often it failed and was made again")
    last_error: str | None = Field(description="the class of its last error (no message)")
    polls: int
    heartbeats: int


class JobOut(BaseModel):
    name: str = Field(description="refresh (attribute and draft), purge or sync")
    every_s: float
    runs: int
    next_at: datetime | None
    last_run_at: datetime | None
    last_ok_at: datetime | None
    last_error: str | None = Field(description="the class of its last error (no message)")
    last_seconds: float | None
    last_result: dict[str, Any] = Field(description="counts only, never captured text")


class StatusOut(BaseModel):
    running: bool = Field(description="whether the service is running")
    paused: bool
    user: int | None = None
    pid: int | None = None
    port: int | None = None
    started_at: datetime | None = None
    connected: bool = Field(False, description="whether it syncs with MyCase")
    spans_written: int = 0
    heartbeats: int = 0
    watchers: list[WatcherOut] = []
    jobs: list[JobOut] = []
    capture: dict[str, Any] = Field({}, description="OCR reads and their median time")


class PauseOut(BaseModel):
    paused: bool = Field(description="whether capture is paused now")
    changed: bool = Field(description="whether this request changed it")


class SpanOut(BaseModel):
    id: str
    start: datetime
    end: datetime
    app: str
    kind: str
    title: str
    url: str | None
    path: str | None
    text: str | None = Field(None, description="the words on screen, only when asked")


class PurgeIn(BaseModel):
    everything: bool = Field(
        False, description="delete all raw text now, not only what is past the retention")


class PurgeOut(BaseModel):
    purged: int = Field(description="spans whose raw text was deleted")
    days_attributed: list[date] = Field(description="days attributed first")
    cutoff: datetime = Field(description="spans that ended before this were purged")


class TabIn(BaseModel):
    """The active tab of a browser window that has focus, from the WebExtension."""

    url: str = Field(max_length=8192)
    title: str = Field("", max_length=2048)
    browser: str = Field("Chromium", max_length=64, description="the browser's name")


class HeartbeatIn(BaseModel):
    """One observation from a local source that is not one of the service's own watchers
    (a replay of a recorded day, a softphone plug-in)."""

    at: datetime = Field(description="when, with its UTC offset")
    app: str = Field(max_length=256)
    kind: str = Field(description="email, document, browser, call, meeting, chat or app")
    title: str = Field("", max_length=2048)
    text: str = Field("", max_length=200_000, description="the words on screen")
    url: str | None = Field(None, max_length=8192)
    path: str | None = Field(None, max_length=4096)
    idle_seconds: float = Field(0.0, ge=0)
    locked: bool = False
    source: str = Field("replay", max_length=32)


class IntakeOut(BaseModel):
    accepted: int = Field(description="heartbeats taken (0 while paused)")


class EntryOut(BaseModel):
    id: str
    case_id: int
    entry_date: date
    worked_seconds: int
    hours: Decimal
    rate: Decimal | None
    activity_name: str
    description: str
    billable: bool
    span_ids: list[str]
    status: str
    remote_id: int | None
    updated_at: datetime
    edited: bool = Field(False, description="changed by hand: drafting again leaves it alone")


class AttributionOut(BaseModel):
    span_id: str
    case_id: int | None
    confidence: float
    abstained: bool
    billable: bool
    reasons: list[str]
    model_version: str
