"""The MyCase v1 API client (see shared/MYCASE_API.md)."""

from .auth import BearerAuth, OAuthApp, TokenSession
from .clock import Clock, ManualClock, SystemClock
from .http import MyCaseClient, MyCaseConfig
from .models import TimeEntryRequest, parse_money
from .paging import Listing
from .ratelimit import Pacer, RetryPolicy, SlidingWindow, TokenBucket
from .tokens import (
    FileTokenStore,
    KeyringTokenStore,
    MemoryTokenStore,
    TokenSet,
    TokenStore,
    default_token_store,
)
from .webhooks import SIGNATURE_HEADER, WebhookEvent, parse_delivery, signature_valid

__all__ = [
    "SIGNATURE_HEADER",
    "BearerAuth",
    "Clock",
    "FileTokenStore",
    "KeyringTokenStore",
    "Listing",
    "ManualClock",
    "MemoryTokenStore",
    "MyCaseClient",
    "MyCaseConfig",
    "OAuthApp",
    "Pacer",
    "RetryPolicy",
    "SlidingWindow",
    "SystemClock",
    "TimeEntryRequest",
    "TokenBucket",
    "TokenSession",
    "TokenSet",
    "TokenStore",
    "WebhookEvent",
    "default_token_store",
    "parse_delivery",
    "parse_money",
    "signature_valid",
]
