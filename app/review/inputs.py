"""The bodies of the review routes (pydantic, without FastAPI: the CLI sends them too)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field


class EditIn(BaseModel):
    case_id: int | None = Field(None, description="move the entry to this matter")
    hours: Decimal | None = Field(None, ge=0, le=24)
    activity_name: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=4000, description="the narrative")
    billable: bool | None = None


class SplitIn(BaseModel):
    span_ids: list[str] = Field([], description="the spans that become the second entry")
    hours: Decimal | None = Field(None, gt=0, le=24,
                                  description="or: this many hours become a second entry")


class MergeIn(BaseModel):
    entry_ids: list[str] = Field(min_length=2, description="drafts of one matter and day; "
                                                           "they merge into the first")


class ManualIn(BaseModel):
    case_id: int
    hours: Decimal = Field(gt=0, le=24)
    activity_name: str = Field(min_length=1, max_length=200)
    description: str = Field(min_length=1, max_length=4000)
    billable: bool = True


class AnswerIn(BaseModel):
    span_ids: list[str] = Field(min_length=1, description="the flag's spans")
    case_id: int | None = Field(description="the matter they belong to; null: no matter")


class SyncOut(BaseModel):
    ran: bool = Field(description="whether a sync ran (false: not connected to MyCase)")
    error: str | None = Field(None, description="the class of its error, if it failed")
    result: dict[str, object] = {}
