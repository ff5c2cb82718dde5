"""Read and write models/manifest.json, the registry of shipped models.

Used by the build and bench scripts (not by the runtime, which only reads the
manifest through ``pipeline.embedding``). The file is written with a fixed
layout so that a rebuild that changes nothing leaves ``git diff`` clean.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

MANIFEST = Path(__file__).resolve().parent / "manifest.json"
FORMAT = 1


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_entries(directory: Path, names: list[str]) -> list[dict[str, Any]]:
    return [
        {
            "path": name,
            "sha256": _sha256(directory / name),
            "size": (directory / name).stat().st_size,
        }
        for name in names
    ]


def load() -> dict[str, Any]:
    if not MANIFEST.exists():
        return {"format": FORMAT, "models": []}
    data: dict[str, Any] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return data


def save(data: dict[str, Any]) -> None:
    data["models"].sort(key=lambda m: m["name"])
    MANIFEST.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def upsert_model(entry: dict[str, Any]) -> None:
    """Replace the entry of the same name, keeping its recorded measurements."""
    data = load()
    old = next((m for m in data["models"] if m["name"] == entry["name"]), None)
    if old is not None:
        if "measured" in old and "measured" not in entry:
            entry["measured"] = old["measured"]
        data["models"].remove(old)
    data["models"].append(entry)
    save(data)


def record_measurement(name: str, measured: dict[str, Any]) -> None:
    data = load()
    for model in data["models"]:
        if model["name"] == name:
            model["measured"] = measured
            save(data)
            return
    raise KeyError(f"{name}: not in {MANIFEST}")
