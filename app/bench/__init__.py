"""Benchmarks of the application as a whole (``tenths bench capture``)."""
