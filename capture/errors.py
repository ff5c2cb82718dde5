"""capture's own errors: one base, so the service can tell capture failures apart."""

from __future__ import annotations

from tenths.errors import TenthsError


class CaptureError(TenthsError):
    """A capture source or setting cannot work; the message says which and why."""


class WatcherUnavailable(CaptureError):
    """A watcher cannot run here (no display, a missing extension or library)."""
