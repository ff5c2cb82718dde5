"""Webhook subscriptions and signed deliveries.

Delivery shape (*assumed*, MyCase does not publish it): a POST whose body is
`{"resource": model, "action": action, "resource_body": record}` and whose
`X-MyCase-Signature` header is the HMAC-SHA256 hex digest of the raw body,
keyed with the subscription's `hmac_key` (its UTF-8 bytes).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

import httpx

from .state import EmulatorProblem, FirmState, JSONObject, ProblemItem, Record

SIGNATURE_HEADER = "X-MyCase-Signature"
MODELS = frozenset({"case", "client", "company", "event", "lead", "message"})
ACTIONS = ("created", "updated", "deleted")
_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
log = logging.getLogger("tenths.sync.emulator")


@dataclass(frozen=True)
class WebhookDelivery:
    subscription_id: int
    url: str
    body: bytes
    headers: Mapping[str, str]


Deliver = Callable[[WebhookDelivery], None]


def sign(hmac_key: str, body: bytes) -> str:
    return hmac.new(hmac_key.encode("utf-8"), body, hashlib.sha256).hexdigest()


def post_to_localhost(delivery: WebhookDelivery) -> None:
    """The default deliverer: POST to a 127.0.0.1/localhost URL; anything else is dropped."""
    if urlsplit(delivery.url).hostname not in _LOCAL_HOSTS:
        log.warning("webhook %s: not a local URL, dropped", delivery.subscription_id)
        return
    try:
        response = httpx.post(
            delivery.url, content=delivery.body, headers=dict(delivery.headers), timeout=5.0
        )
        log.debug("webhook %s: %s", delivery.subscription_id, response.status_code)
    except httpx.HTTPError as exc:
        log.warning("webhook %s: %s", delivery.subscription_id, type(exc).__name__)


def validate_subscription(body: object) -> JSONObject:
    if not isinstance(body, Mapping):
        raise EmulatorProblem(400, ProblemItem("Request body must be a JSON object", pointer=""))
    problems: list[ProblemItem] = []
    model = body.get("model")
    if model not in MODELS:
        problems.append(ProblemItem(f"model must be one of {sorted(MODELS)}", "/model"))
    url = body.get("url")
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in {"http", "https"} or not parts.hostname:
        problems.append(ProblemItem("url must be an http(s) URL", "/url"))
    actions = body.get("actions")
    if not isinstance(actions, list) or not actions or any(a not in ACTIONS for a in actions):
        problems.append(ProblemItem(f"actions must be a non-empty subset of {ACTIONS}", "/actions"))
    if problems:
        raise EmulatorProblem(422, *problems)
    return {
        "model": model,
        "url": url,
        "actions": list(dict.fromkeys(actions)),  # type: ignore[arg-type]
        "hmac_key": secrets.token_hex(32),
    }


def deliveries_for(
    state: FirmState, model: str, action: str, record: Record
) -> list[WebhookDelivery]:
    """The signed deliveries one change causes (call with the state lock held)."""
    payload = json.dumps(
        {"resource": model, "action": action, "resource_body": record.to_json()},
        separators=(",", ":"),
    ).encode("utf-8")
    out = []
    for sub in state.subscriptions.ordered():
        if sub.body["model"] == model and action in sub.body["actions"]:
            out.append(
                WebhookDelivery(
                    subscription_id=sub.id,
                    url=sub.body["url"],
                    body=payload,
                    headers={
                        "Content-Type": "application/json",
                        SIGNATURE_HEADER: sign(sub.body["hmac_key"], payload),
                    },
                )
            )
    return out


def subscribe(state: FirmState, body: object, now: datetime) -> Record:
    stored = validate_subscription(body)
    with state.lock:
        return state.subscriptions.insert(stored, now)
