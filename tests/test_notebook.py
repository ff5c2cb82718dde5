"""The retraining notebook runs headless end to end (slow: a few minutes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _needs_train_extra():  # noqa: ANN202 - the nbformat module
    pytest.importorskip("jupytext")
    pytest.importorskip("nbclient")
    return pytest.importorskip("nbformat")


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_retrain_notebook_runs_headless(tmp_path: Path) -> None:
    nbformat = _needs_train_extra()
    out = tmp_path / "retrain_combiner.ipynb"
    shipped = REPO / "models" / "combiner"
    before = sorted(p.name for p in shipped.iterdir()) if shipped.exists() else []

    done = subprocess.run(
        [sys.executable, str(REPO / "notebooks" / "run.py"), "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=1100, check=False,
    )

    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    nb = nbformat.read(out, as_version=4)
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    # threshold rule, importances, held-out cue/kind, held-out reliability and coverage
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 4
    assert "all checks passed" in "".join(o.get("text", "") for o in outputs)
    after = sorted(p.name for p in shipped.iterdir()) if shipped.exists() else []
    assert after == before  # the notebook never writes into models/


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_runner_fails_on_a_failing_cell(tmp_path: Path) -> None:
    nbformat = _needs_train_extra()
    source = tmp_path / "broken.py"
    source.write_text('# %%\nx = 1\n\n# %%\nassert x == 2, "boom"\n\n# %%\ny = 3\n',
                      encoding="utf-8")
    out = tmp_path / "broken.ipynb"

    done = subprocess.run(
        [sys.executable, str(REPO / "notebooks" / "run.py"), str(source), "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=280, check=False,
        # also exercises the private kernelspec pinned to this interpreter
        env={**os.environ, "TENTHS_PRIVATE_KERNELSPEC": "1"},
    )

    assert done.returncode == 1, done.stdout + done.stderr
    assert "boom" in done.stderr
    nb = nbformat.read(out, as_version=4)  # written anyway, with the traceback in it
    assert [o.output_type for o in nb.cells[1].outputs] == ["error"]
    assert nb.cells[2].outputs == []  # nothing ran after the failure
