"""The one file digest: a model's, an ONNX combiner's, a fixture's."""

from __future__ import annotations

import hashlib
from pathlib import Path


def file_sha256(path: Path) -> str:
    """The file's sha256, hex, read a megabyte at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_sha256(path: Path, expected: str) -> None:
    """Raise ValueError unless the file's sha256 is ``expected``."""
    actual = file_sha256(path)
    if actual != expected:
        raise ValueError(f"{path}: sha256 {actual} does not match {expected}")
