"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tenths.store import Store


@pytest.fixture
def store() -> Iterator[Store]:
    s = Store.open(":memory:")
    yield s
    s.close()
