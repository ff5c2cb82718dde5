"""The emulator's settings: one frozen object, defaults as MyCase documents them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta


@dataclass(frozen=True)
class OAuthClientConfig:
    """An OAuth client registered with MyCase. Empty `redirect_uris` accepts any
    http://127.0.0.1 or http://localhost redirect (handy for a desktop app)."""

    client_id: str
    client_secret: str
    redirect_uris: tuple[str, ...] = ()


@dataclass(frozen=True)
class FaultSettings:
    """Faults injected into /v1 requests. Counts are armed at start (and can be
    re-armed through `Emulator.faults.arm` or `POST /_admin/faults`);
    probabilities draw from `random.Random(seed)`."""

    seed: int = 0
    lost_answers: int = 0  # next N writes (POST/DELETE) happen but the answer is lost
    lost_answer_probability: float = 0.0
    server_errors: int = 0  # next N requests answer `server_error_status`
    server_error_probability: float = 0.0
    server_error_status: int = 500
    too_many_requests: int = 0  # next N requests answer 429 regardless of rate
    expired_page_tokens: int = 0  # next N page-token uses answer "expired"
    maintenance: bool = False  # every request answers 503
    slow_page_seconds: float = 0.0  # each list page waits this long (injected sleep)


@dataclass(frozen=True)
class EmulatorSettings:
    access_token_lifetime: timedelta = timedelta(hours=24)
    refresh_token_lifetime: timedelta = timedelta(weeks=2)
    authorization_code_lifetime: timedelta = timedelta(minutes=10)
    page_token_lifetime: timedelta = timedelta(days=3)
    # What an expired page token answers: 410 Gone, or 400 with
    # source.parameter "page_token" (MyCase does not say; *assumed*).
    expired_page_token_status: int = 410
    rate_limit_per_second: int = 25  # per OAuth client, sliding one-second window
    send_retry_after: bool = True  # MyCase documents no Retry-After (*assumed*)
    oauth_clients: tuple[OAuthClientConfig, ...] = (OAuthClientConfig("tenths", "tenths-secret"),)
    scope: str = "default"
    firm_uuid: str | None = None  # default: derived from the firm's name
    login_staff_id: int | None = None  # who "logs in" at /login_sessions/new; None: first active
    staff_without_billing_permission: frozenset[int] = frozenset()
    # Whether DELETE of an entry on a non-draft invoice is refused with 422 (*assumed*).
    refuse_delete_invoiced: bool = True
    # Whether `activity_name` must be one of the firm's activity names (*assumed*).
    require_known_activity: bool = True
    # Whether /v1/webhooks/subscriptions exists: MyCase plans differ (*assumed*); without
    # it the routes answer 404 and a client must poll.
    webhooks: bool = True
    faults: FaultSettings = field(default_factory=FaultSettings)
