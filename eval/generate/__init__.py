"""Seeded generator of labelled fixtures in the `tenths-fixture/1` format.

    python -m eval.generate --profile harbor --out eval/fixtures/harbor

See eval/fixtures/README.md for the fixtures and the exact commands.
"""

from .fixture import Fixture, generate, write
from .profiles import PROFILES, Profile

__all__ = ["PROFILES", "Fixture", "Profile", "generate", "write"]
