"""Measure a shipped embedding model in the runtime environment.

    .venv/bin/python models/bench_embedding.py [--model NAME] [--record]

Each model and batch size is measured in a fresh subprocess, so that peak RSS
(ru_maxrss) covers only importing the runtime, loading that model and
encoding: synthetic texts of about 60 tokens, batch 1 and 32, after a
warm-up, best of 3 runs. Run it on an otherwise idle machine. ``--record`` writes the numbers
into models/manifest.json under ``measured``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Synthetic time-entry-like text: no captured data is ever used to benchmark.
_WORDS = (
    "reviewed",
    "drafted",
    "revised",
    "motion",
    "discovery",
    "deposition",
    "transcript",
    "client",
    "counsel",
    "opposing",
    "agreement",
    "settlement",
    "contract",
    "claim",
    "court",
    "hearing",
    "order",
    "scheduling",
    "conference",
    "call",
    "email",
    "memo",
    "research",
    "statute",
    "limitations",
    "plaintiff",
    "defendant",
    "expert",
    "witness",
    "exhibit",
    "production",
    "privilege",
    "log",
    "subpoena",
    "lease",
    "landlord",
    "tenant",
    "escrow",
    "indemnification",
    "merger",
    "closing",
    "checklist",
    "trust",
    "estate",
    "probate",
    "appeal",
    "brief",
    "record",
    "zoning",
    "permit",
    "insurance",
    "adjuster",
    "damages",
    "invoice",
    "retainer",
    "the",
    "of",
    "and",
    "to",
    "for",
    "with",
    "regarding",
    "about",
    "on",
    "in",
    "re",
)


def texts(n: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    return [
        " ".join(rng.choice(_WORDS) for _ in range(rng.randint(44, 56))) + "." for _ in range(n)
    ]


def _measure(model: str, threads: int, batch_size: int, n: int, max_length: int | None) -> dict:
    sys.path.insert(0, str(REPO))
    t0 = time.perf_counter()
    from pipeline import embedding

    spec = embedding.load_spec(model)
    if spec.kind == embedding.ONNX_KIND:
        embedder = embedding.Embedder(spec, threads=threads, max_length=max_length)
    else:
        embedder = embedding.StaticEmbedder(spec)
    load_s = time.perf_counter() - t0
    data = texts(n)
    tokens = [len(embedder._tokenizer.encode(t).ids) for t in data[:200]]  # bench only
    embedder.encode(data[: 2 * batch_size], batch_size=batch_size)  # warm-up
    best = 0.0
    for _ in range(3):
        t1 = time.perf_counter()
        embedder.encode(data, batch_size=batch_size)
        best = max(best, n / (time.perf_counter() - t1))
    return {
        "sentences_per_s": round(best, 1),
        "batch_size": batch_size,
        "mean_tokens": round(sum(tokens) / len(tokens), 1),
        "threads": threads,
        "import_and_load_s": round(load_s, 2),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} vCPU",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="append", help="default: every model in the manifest")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(
        "--batch-size", type=int, action="append", help="repeatable; default: 1 and 32"
    )
    parser.add_argument("-n", type=int, default=0, help="texts per run (default by model kind)")
    parser.add_argument("--max-length", type=int, default=None)
    parser.add_argument("--record", action="store_true", help="write into models/manifest.json")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()

    batch_sizes = args.batch_size or [1, 32]
    if args.child:
        n = args.n or 640
        result = _measure(args.child, args.threads, batch_sizes[0], n, args.max_length)
        print(json.dumps(result))
        return

    sys.path.insert(0, str(REPO / "models"))
    import _manifest

    names = args.model or [m["name"] for m in _manifest.load()["models"]]
    for name in names:
        n = args.n or (640 if "static" not in name else 20000)
        results = []
        for batch_size in batch_sizes:
            cmd = [sys.executable, __file__, "--child", name, "--threads", str(args.threads)]
            cmd += ["--batch-size", str(batch_size), "-n", str(n)]
            if args.max_length:
                cmd += ["--max-length", str(args.max_length)]
            run = subprocess.run(cmd, check=True, capture_output=True, text=True)
            results.append(json.loads(run.stdout))
            print(name, run.stdout.strip())
        if args.record:
            _manifest.record_measurement(name, {"runs": results})


if __name__ == "__main__":
    main()
