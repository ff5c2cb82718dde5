"""Reviewing a day: the actions a timekeeper takes on the day's entries before they go
to MyCase, the day as the review page shows it, and why each entry is on its matter.

Every action is a function of the store and its inputs (``app.review.actions``), runs
in one transaction, and leaves a ``Change`` in the undo journal (``app.review.journal``)
so ``undo`` can take the last one back. The review page (``app/web``) calls them
through the local API (``app/api/review.py``); ``tenths entries`` calls them through
the API when the service runs, else on the store.
"""

from __future__ import annotations

from tenths.errors import TenthsError


class ReviewError(TenthsError):
    """A review action cannot be done as asked; the message says which entry and why."""


class NotFound(ReviewError):
    """No such entry (or flag) for this timekeeper."""


class NotEditable(ReviewError):
    """The entry's state forbids the action (invoiced, or released where a draft is needed)."""


class NothingToUndo(ReviewError):
    """The undo journal is empty, or its last change was overtaken (synced, edited)."""
