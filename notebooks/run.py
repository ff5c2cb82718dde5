"""Execute a jupytext notebook headless and save the executed .ipynb.

    .venv/bin/python notebooks/run.py                  # notebooks/retrain_combiner.py
    .venv/bin/python notebooks/run.py --embeddings     # same, with the embedding model on
    .venv/bin/python notebooks/run.py --rounds 1       # one round before the recalibration

The percent-format ``.py`` is converted to a notebook in memory (jupytext), run by
nbclient in a kernel on *this* interpreter (the project's .venv), and written to
``out/notebooks/<name>.ipynb`` even when a cell fails, so the traceback can be read
there. Exit status: 0 when every cell ran, 1 when one failed or timed out.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_NOTEBOOK = HERE / "retrain_combiner.py"
# jupyter_client swaps these argv[0] values for sys.executable when it launches a kernel.
_SWAPPED = {"python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info[:2])}


def _runs_this_python(argv: list[str]) -> bool:
    if not argv:
        return False
    if argv[0] in _SWAPPED:
        return True
    exe = shutil.which(argv[0]) or argv[0]
    return Path(exe).absolute() == Path(sys.executable).absolute()


def kernel_manager(workdir: Path):  # -> (jupyter_client.KernelManager, description)
    """A kernel manager whose kernel is sys.executable.

    The usual ``python3`` kernelspec is used when it resolves to this interpreter;
    when a globally registered spec points elsewhere, a private spec in ``workdir``
    pins the command instead (nothing is registered globally either way).
    """
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec("python3")
        if _runs_this_python(spec.argv) and not os.environ.get("TENTHS_PRIVATE_KERNELSPEC"):
            return KernelManager(kernel_name="python3"), f"python3 ({spec.resource_dir})"
    except NoSuchKernel:
        pass
    spec_dir = workdir / "kernels" / "tenths-venv"
    spec_dir.mkdir(parents=True)
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (tenths .venv)",
        "language": "python",
    }), encoding="utf-8")
    ksm = KernelSpecManager(kernel_dirs=[str(spec_dir.parent)])
    return KernelManager(kernel_name="tenths-venv", kernel_spec_manager=ksm), str(spec_dir)


def run(source: Path, out: Path, timeout: int) -> bool:
    import jupytext
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    nb = jupytext.read(source)
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = True
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tenths-kernel-") as workdir:
        km, which = kernel_manager(Path(workdir))
        shown = source.relative_to(REPO) if source.is_relative_to(REPO) else source
        print(f"running {shown} on {sys.executable} (kernelspec {which})",
              flush=True)
        client = NotebookClient(
            nb, km=km, timeout=timeout, allow_errors=False,
            resources={"metadata": {"path": str(REPO)}},
        )
        try:
            client.execute()
        except (CellExecutionError, CellTimeoutError) as exc:
            ok = False
            print(str(exc)[-4000:], file=sys.stderr)
    # Mark the notebook as belonging to the standard python3 spec, whatever ran it.
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (tenths .venv)",
                                 "language": "python"}
    import nbformat

    nbformat.write(nb, out)
    took = time.perf_counter() - started
    print(f"{'ok' if ok else 'FAILED'} in {took:.0f} s -> {out}", flush=True)
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebook", nargs="?", type=Path, default=DEFAULT_NOTEBOOK,
                        help="a jupytext percent-format .py (default: retrain_combiner.py)")
    parser.add_argument("--out", type=Path, default=None,
                        help="where to write the executed .ipynb "
                             "(default: out/notebooks/<name>.ipynb)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per cell")
    parser.add_argument("--embeddings", action="store_true",
                        help="use the embedding model (slow; sets TENTHS_NOTEBOOK_EMBEDDINGS=1)")
    parser.add_argument("--rounds", type=int, default=None,
                        help="collect -> fit -> export rounds (default: tenths retrain's; "
                             "sets TENTHS_NOTEBOOK_ROUNDS)")
    args = parser.parse_args(argv)
    source = args.notebook.resolve()
    out = args.out or REPO / "out" / "notebooks" / f"{source.stem}.ipynb"
    if args.embeddings:
        os.environ["TENTHS_NOTEBOOK_EMBEDDINGS"] = "1"
    if args.rounds is not None:
        os.environ["TENTHS_NOTEBOOK_ROUNDS"] = str(args.rounds)
    return 0 if run(source, out.resolve(), args.timeout) else 1


if __name__ == "__main__":
    sys.exit(main())
