"""The layering of folders: tenths/ is the ground floor and app/ the top.

tenths/ (records, store, settings, errors) imports no stage and not the
application layer; no stage (capture, pipeline, sync, eval) imports app/.
Imports are read from the source with ast, so a lazy import inside a function
counts as much as one at the top of a module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
STAGES = ("capture", "pipeline", "sync", "eval")


def imported_packages(path: Path) -> set[str]:
    """The top-level package of every absolute import in one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def offenders(folder: str, forbidden: set[str]) -> list[str]:
    return sorted(
        f"{path.relative_to(REPO)} imports {', '.join(sorted(bad))}"
        for path in (REPO / folder).rglob("*.py")
        if (bad := imported_packages(path) & forbidden)
    )


def test_imported_packages_sees_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("import os\n\ndef f():\n    from pipeline.draft import x\n    import app.cli\n")
    assert imported_packages(module) == {"os", "pipeline", "app"}


def test_the_ground_floor_imports_no_stage_and_not_the_application_layer() -> None:
    assert offenders("tenths", {*STAGES, "app"}) == []


@pytest.mark.parametrize("stage", STAGES)
def test_no_stage_imports_the_application_layer(stage: str) -> None:
    assert offenders(stage, {"app"}) == []
