"""LEDES 1998B of a timekeeper's released entries, from their store (``pipeline.ledes``)."""

from __future__ import annotations

from datetime import date

from pipeline.ledes import EXPORTED, Invoice, export_ledes
from tenths.store import Store


def ledes_text(store: Store, user: int, start: date, end: date, invoice: Invoice) -> tuple[str, int]:
    """The LEDES text of ``user``'s released (synced, invoiced) entries dated ``start``
    to ``end``, and how many line items it holds."""
    entries = [e for e in store.entries.list(user=user)
               if start <= e.entry_date <= end and e.status in EXPORTED]
    matters = {m.id: m for m in store.catalog.matters()}
    text = export_ledes(entries, matters, store.catalog.staff(), invoice)
    return text, len(text.splitlines()) - 2
