"""MyCaseClient: the MyCase v1 API over httpx.

- The transport is a parameter (default: real HTTP), so tests route requests
  to the emulator in-process or over 127.0.0.1.
- OAuth: `authorization_url`, `exchange_code`; every request carries a bearer
  token through `BearerAuth`, which refreshes once on 401 (rotating refresh
  tokens are saved to the TokenStore before use).
- Pacing: a client-side token bucket under MyCase's 25 requests a second, or
  any other `Pacer` passed in (e.g. `SlidingWindow`, MyCase's own rule).
- Retries, with full-jitter backoff (Retry-After honoured when sent):
  GET on 429, 5xx and transport errors; DELETE-by-id likewise (a retried
  DELETE answering 404 counts as done); POST only when MyCase surely did not
  act (429, 503 maintenance, or a connection that never opened). A POST whose
  answer is lost (timeout, dropped connection, another 5xx) raises
  `CreateOutcomeUnknown`.
- Error statuses become `sync.errors` exceptions via `error_for_status` only.
- Logs carry methods, paths (ids), statuses, counts and timings; never bodies.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Self
from urllib.parse import urlsplit

import httpx

from ..errors import (
    CreateOutcomeUnknown,
    ErrorDetail,
    SyncError,
    TransportFailure,
    error_for_status,
)
from .auth import BearerAuth, OAuthApp, TokenSession
from .clock import Clock, SystemClock
from .models import TimeEntryRequest
from .paging import JSONObject, Listing
from .ratelimit import Pacer, RetryPolicy, TokenBucket, parse_retry_after
from .tokens import TokenSet, TokenStore

log = logging.getLogger("tenths.sync.client")
_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@dataclass(frozen=True)
class MyCaseConfig:
    api_url: str  # e.g. https://external-integrations.mycase.com/v1
    auth_url: str  # e.g. https://auth.mycase.com
    client_id: str
    client_secret: str
    redirect_uri: str
    timeout_seconds: float = 30.0
    requests_per_second: float = 20.0
    burst: int = 4
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    max_listing_restarts: int = 3
    page_size: int = 1000  # records a page (MyCase allows 1 to 1000); `[mycase] page_size`

    def __post_init__(self) -> None:
        object.__setattr__(self, "api_url", self.api_url.rstrip("/"))
        object.__setattr__(self, "auth_url", self.auth_url.rstrip("/"))


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("updated_after must be timezone-aware")
    return moment.astimezone(UTC).isoformat()


class MyCaseClient:
    """One OAuth connection to one firm. Works for a firm-level connection (entries
    posted for any staff id) as well as a per-user one: nothing assumes staff == me."""

    def __init__(
        self,
        config: MyCaseConfig,
        tokens: TokenStore,
        *,
        transport: httpx.BaseTransport | None = None,
        clock: Clock | None = None,
        rng: random.Random | None = None,
        pacer: Pacer | None = None,
    ) -> None:
        self.config = config
        self._clock = clock or SystemClock()
        self._rng = rng or random.Random()
        self._http = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(config.timeout_seconds),
            headers={"Accept": "application/json"},
        )
        app = OAuthApp(config.auth_url, config.client_id, config.client_secret, config.redirect_uri)
        self.session = TokenSession(app, tokens, self._clock, self._post_token_request)
        self._auth = BearerAuth(self.session)
        self._bucket: Pacer = pacer or TokenBucket(
            self._clock, config.requests_per_second, config.burst
        )
        self.attempts = 0  # HTTP attempts to the API (for tests and metrics)
        self.throttled = 0  # of which MyCase answered 429 (pacing should keep this at 0)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- OAuth ---------------------------------------------------------------

    def authorization_url(self, state: str | None = None) -> str:
        return self.session.authorization_url(state)

    def exchange_code(self, code: str) -> TokenSet:
        return self.session.exchange_code(code)

    def _post_token_request(self, url: str, body: dict[str, Any]) -> httpx.Response:
        return self._http.post(url, json=body)

    # --- resources -----------------------------------------------------------

    def firm(self) -> JSONObject:
        return self._get_json("/firm")

    def me(self) -> JSONObject:
        return self._get_json("/me")

    def staff(self, status: str | None = None, page_size: int | None = None) -> Listing:
        return self._list("/staff", page_size, status=status)

    def get_staff(self, staff_id: int) -> JSONObject:
        return self._get_json(f"/staff/{int(staff_id)}")

    def cases(
        self,
        updated_after: datetime | None = None,
        status: str | None = None,
        page_size: int | None = None,
    ) -> Listing:
        return self._list("/cases", page_size, status=status, updated_after=updated_after)

    def get_case(self, case_id: int) -> JSONObject:
        return self._get_json(f"/cases/{int(case_id)}")

    def clients(self, updated_after: datetime | None = None, page_size: int | None = None) -> Listing:
        return self._list("/clients", page_size, updated_after=updated_after)

    def get_client(self, client_id: int) -> JSONObject:
        return self._get_json(f"/clients/{int(client_id)}")

    def companies(self, updated_after: datetime | None = None, page_size: int | None = None) -> Listing:
        return self._list("/companies", page_size, updated_after=updated_after)

    def get_company(self, company_id: int) -> JSONObject:
        return self._get_json(f"/companies/{int(company_id)}")

    def time_entries(self, updated_after: datetime | None = None, page_size: int | None = None) -> Listing:
        """Every entry (updated at or after `updated_after`, inclusive), in id order."""
        return self._list("/time_entries", page_size, updated_after=updated_after)

    def get_time_entry(self, entry_id: int) -> JSONObject:
        return self._get_json(f"/time_entries/{int(entry_id)}")

    def create_time_entry(self, body: TimeEntryRequest | Mapping[str, Any]) -> JSONObject:
        """POST an entry; never retried once sent. Raises CreateOutcomeUnknown when
        the answer is lost: search for the entry before trying again."""
        payload = body.to_json() if isinstance(body, TimeEntryRequest) else dict(body)
        response = self._request("POST", "/time_entries", body=payload)
        created: JSONObject = response.json()
        log.info("created time entry %s", created.get("id"))
        return created

    def delete_time_entry(self, entry_id: int) -> bool:
        """Delete by id. True if deleted now; False if a retry found it already gone
        (the earlier attempt worked but its answer was lost)."""
        response = self._request("DELETE", f"/time_entries/{int(entry_id)}")
        return response.status_code != 404

    def invoices(self, only_online_payable: bool = False, page_size: int | None = None) -> Listing:
        """Invoices; by default all of them (MyCase hides those not payable online
        unless asked with only_allowed_online_payments=false)."""
        extra = {"only_allowed_online_payments": "true" if only_online_payable else "false"}
        return self._list("/invoices", page_size, extra=extra)

    def webhook_subscriptions(self, page_size: int | None = None) -> Listing:
        return self._list("/webhooks/subscriptions", page_size)

    def create_webhook_subscription(
        self, model: str, url: str, actions: tuple[str, ...] = ("created", "updated", "deleted")
    ) -> JSONObject:
        """Subscribe; the answer carries the `hmac_key` that signs deliveries."""
        body = {"model": model, "url": url, "actions": list(actions)}
        created: JSONObject = self._request("POST", "/webhooks/subscriptions", body=body).json()
        return created

    def delete_webhook_subscription(self, subscription_id: int) -> bool:
        response = self._request("DELETE", f"/webhooks/subscriptions/{int(subscription_id)}")
        return response.status_code != 404

    # --- plumbing --------------------------------------------------------------

    def _get_json(self, path: str) -> JSONObject:
        payload: JSONObject = self._request("GET", path).json()
        return payload

    def _list(
        self,
        path: str,
        page_size: int | None,
        *,
        status: str | None = None,
        updated_after: datetime | None = None,
        extra: Mapping[str, str] | None = None,
    ) -> Listing:
        size = self.config.page_size if page_size is None else page_size
        params: dict[str, str] = {"page_size": str(int(size))}
        if status is not None:
            params["filter[status]"] = status
        if updated_after is not None:
            params["filter[updated_after]"] = _iso(updated_after)
        params.update(extra or {})
        return Listing(
            lambda url, p: self._request("GET", url, params=p),
            path,
            params,
            self.config.max_listing_restarts,
        )

    def _url(self, path_or_url: str) -> str:
        if path_or_url.startswith("/"):
            return self.config.api_url + path_or_url
        if not path_or_url.startswith(self.config.api_url + "/"):
            # Never send the bearer token to another origin.
            raise SyncError("a next-page link points outside the MyCase API")
        return path_or_url

    def _request(
        self,
        method: str,
        path_or_url: str,
        *,
        params: Mapping[str, str] | None = None,
        body: Mapping[str, Any] | None = None,
    ) -> httpx.Response:
        url = self._url(path_or_url)
        path = urlsplit(url).path
        content = json.dumps(body).encode("utf-8") if body is not None else None
        headers = {"Content-Type": "application/json"} if content is not None else None
        policy = self.config.retry
        attempt = 0
        waited = 0.0
        while True:
            attempt += 1
            self._bucket.acquire()
            started = self._clock.monotonic()
            self.attempts += 1
            try:
                try:
                    response = self._http.request(
                        method, url, params=params, content=content, headers=headers,
                        auth=self._auth,
                    )
                finally:
                    self._bucket.done()
            except httpx.TransportError as exc:
                cause = type(exc).__name__
                log.info("%s %s: %s (attempt %d)", method, path, cause, attempt)
                if method == "POST" and not isinstance(exc, _NEVER_SENT):
                    raise CreateOutcomeUnknown(method, path, cause) from exc
                if not policy.may_retry(attempt, None, waited):
                    raise TransportFailure(f"{method} {path}: {cause}") from exc
                waited += self._backoff(policy.delay(attempt, self._rng))
                continue
            status = response.status_code
            elapsed_ms = (self._clock.monotonic() - started) * 1000
            log.debug(
                "%s %s -> %d in %.0f ms (attempt %d)", method, path, status, elapsed_ms, attempt
            )
            if status < 400:
                return response
            if status == 429:
                self.throttled += 1
            if method == "DELETE" and status == 404 and attempt > 1:
                return response  # an earlier attempt deleted it
            if method == "POST" and status >= 500 and status != 503:
                # 503 is MyCase's maintenance answer: the request was refused, not run.
                raise CreateOutcomeUnknown(method, path, f"HTTP {status}")
            retry_after = parse_retry_after(response.headers.get("Retry-After"), self._clock.now())
            if (status == 429 or status >= 500) and policy.may_retry(attempt, status, waited):
                waited += self._backoff(policy.delay(attempt, self._rng, retry_after))
                continue
            raise error_for_status(
                status,
                method=method,
                path=path,
                errors=_errors(response),
                retry_after=retry_after,
            )


    def _backoff(self, seconds: float) -> float:
        self._clock.sleep(seconds)
        return seconds


def _errors(response: httpx.Response) -> tuple[ErrorDetail, ...]:
    """MyCase's `{"errors": [...]}` as ErrorDetail; empty if the body is something else."""
    try:
        payload = response.json()
    except ValueError:
        return ()
    items = payload.get("errors") if isinstance(payload, dict) else None
    if not isinstance(items, list):
        return ()
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        source = item.get("source") if isinstance(item.get("source"), dict) else {}
        out.append(
            ErrorDetail(
                description=str(item.get("description", "")),
                pointer=source.get("pointer"),
                parameter=source.get("parameter"),
            )
        )
    return tuple(out)
