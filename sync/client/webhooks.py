"""Checking webhook deliveries from MyCase (shape *assumed*, see MYCASE_API.md):
`X-MyCase-Signature` = HMAC-SHA256 hex of the raw body, keyed by the
subscription's `hmac_key`; body `{resource, action, resource_body}`."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from ..errors import UnexpectedAnswer

SIGNATURE_HEADER = "X-MyCase-Signature"


class SignatureMismatch(UnexpectedAnswer):
    """A delivery whose signature is missing or not made with the subscription's key."""


def signature_valid(hmac_key: str, body: bytes, signature: str | None) -> bool:
    if not signature:
        return False
    expected = hmac.new(hmac_key.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature.strip().lower())


@dataclass(frozen=True)
class WebhookEvent:
    resource: str  # case | client | company | event | lead | message
    action: str  # created | updated | deleted
    resource_id: int | None
    resource_body: dict[str, Any]


def parse_delivery(hmac_key: str, body: bytes, signature: str | None) -> WebhookEvent:
    """Verify and parse one delivery; UnexpectedAnswer if the signature or shape is wrong."""
    if not signature_valid(hmac_key, body, signature):
        raise SignatureMismatch("webhook signature does not match")
    payload = json.loads(body)
    if not isinstance(payload, dict) or not isinstance(payload.get("resource_body"), dict):
        raise UnexpectedAnswer("webhook body is not {resource, action, resource_body}")
    record = payload["resource_body"]
    record_id = record.get("id")
    return WebhookEvent(
        resource=str(payload.get("resource")),
        action=str(payload.get("action")),
        resource_id=record_id if isinstance(record_id, int) else None,
        resource_body=record,
    )
