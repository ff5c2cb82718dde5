"""The sync package's exceptions, and the one place where HTTP statuses become them.

`error_for_status` is the only mapping from a MyCase answer to an exception; the
client calls it and nothing else decides what a status means. Messages carry
ids, methods, paths and MyCase's own error descriptions, never response bodies.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorDetail:
    """One entry of MyCase's `{"errors": [...]}` body."""

    description: str
    pointer: str | None = None  # JSON pointer into the request body, e.g. "/case"
    parameter: str | None = None  # query parameter name, e.g. "filter[updated_after]"


class SyncError(Exception):
    """Base of every error raised by `sync`."""


class ApiError(SyncError):
    """MyCase answered with an error status."""

    def __init__(
        self,
        status: int,
        method: str = "",
        path: str = "",
        errors: tuple[ErrorDetail, ...] = (),
    ) -> None:
        self.status = status
        self.method = method
        self.path = path
        self.errors = errors
        where = f" {method} {path}" if method else ""
        detail = "; ".join(_describe(e) for e in errors)
        super().__init__(f"MyCase answered {status}{where}" + (f": {detail}" if detail else ""))


def _describe(error: ErrorDetail) -> str:
    place = error.pointer or error.parameter
    return f"{place}: {error.description}" if place else error.description


class BadRequest(ApiError):
    """400: the request was malformed (bad JSON, bad parameter)."""


class AuthError(ApiError):
    """401: missing, invalid or expired credentials that a refresh could not fix."""


class ReauthorizationRequired(AuthError):
    """The refresh token was refused (or there is none): the user must log in again."""

    def __str__(self) -> str:
        why = "; ".join(_describe(e) for e in self.errors) or "no token"
        return (f"the MyCase connection has expired or was revoked ({why}); "
                "`tenths connect` renews it")


class PermissionDenied(ApiError):
    """403: the user lacks the permission (e.g. to manage the firm's billing)."""


class NotFound(ApiError):
    """404: no such resource."""


class MethodNotAllowed(ApiError):
    """405: e.g. PUT or PATCH of a time entry, which MyCase does not have."""


class PageTokenExpired(ApiError):
    """410, or any other 4xx naming the `page_token` parameter: the token outlived its 3
    days (servers differ in the status; the listing starts again either way)."""


class ValidationFailed(ApiError):
    """422: a validation or business rule refused the request; see `errors`."""


class RateLimited(ApiError):
    """429, still there after the retries."""

    def __init__(
        self,
        status: int,
        method: str = "",
        path: str = "",
        errors: tuple[ErrorDetail, ...] = (),
        retry_after: float | None = None,
    ) -> None:
        super().__init__(status, method, path, errors)
        self.retry_after = retry_after


class ServerError(ApiError):
    """5xx, still there after the retries (503 is MyCase's maintenance)."""


class UnexpectedAnswer(SyncError):
    """A 2xx answer, or a webhook delivery, that is not shaped as MyCase's are."""


class TransportFailure(SyncError):
    """The network failed (connect, read, timeout) and retries did not help."""


class CreateOutcomeUnknown(SyncError):
    """A create was sent but its answer was lost: the record may or may not exist.

    Never retry blindly: search for the record (see MYCASE_API.md, "What this
    means for two-way sync") and create it only if it is not there.
    """

    def __init__(self, method: str, path: str, cause: str) -> None:
        self.method = method
        self.path = path
        self.cause = cause
        super().__init__(f"{method} {path}: answer lost ({cause}); the record may exist")


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequest,
    401: AuthError,
    403: PermissionDenied,
    404: NotFound,
    405: MethodNotAllowed,
    410: PageTokenExpired,
    422: ValidationFailed,
}


def error_for_status(
    status: int,
    *,
    method: str = "",
    path: str = "",
    errors: tuple[ErrorDetail, ...] = (),
    retry_after: float | None = None,
) -> ApiError:
    """The exception for one MyCase error answer. The only status mapping in `sync`."""
    if status == 429:
        return RateLimited(status, method, path, errors, retry_after=retry_after)
    if status >= 500:
        return ServerError(status, method, path, errors)
    # An expired page token may also come back as 400 or 422 naming the parameter: a
    # token is all a next-page link carries that the client did not choose itself.
    if 400 <= status < 500 and any(e.parameter == "page_token" for e in errors):
        return PageTokenExpired(status, method, path, errors)
    return _BY_STATUS.get(status, ApiError)(status, method, path, errors)
