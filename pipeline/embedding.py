"""Sentence embeddings from the shipped models, without torch.

Models are data: ``models/manifest.json`` describes each one (files with
sha256 and size, dimension, maximum length, licence, source), and
``ModelSpec`` is that description, frozen. An ``Embedder`` is built once by
the service from a spec and passed to the stages that need it; building it
checks every file's sha256 and opens the ONNX session, and nothing here
touches the disk or the network at import time.

``Embedder`` runs an ONNX encoder (MiniLM int8); ``StaticEmbedder`` a
model2vec-style token table (numpy only), a fast first pass; ``Remembering`` runs
either on each text once, for a service that attributes the day again every few
minutes. Captured text is privileged: this module logs counts and timings, never text.

    spec = load_spec("minilm-l6-v2-int8")
    embedder = Embedder(spec)
    vectors = embedder.encode(["Drafted motion to compel."])  # (1, 384) float32

Batching and int8: the shipped MiniLM is dynamically quantised, so each
matrix product quantises its activations with one scale taken from the whole
batch (padding included). Encoded in a batch, a text's vector depends on its
batch mates: measured up to 0.016 in |1 - cos| on ordinary sentences and
0.039 on an empty text, as large as the whole int8 error against torch fp32
(0.013). ``encode`` therefore runs one text per call by default
(``batch_size=1``), so that a text's vector depends on the text alone.
Measured on 2 vCPU with 1 thread, this is as fast for ~60-token texts (81 vs
80 sentences/s), faster for mixed lengths (no padding) and halves peak RSS
(109 vs 227 MiB). Larger batches are about 20 % faster on very
short texts or with 2 threads, at the cost of that dependence.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnxruntime as ort
from tokenizers import Encoding, Tokenizer

from pipeline.digest import file_sha256

log = logging.getLogger(__name__)

DEFAULT_MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
MANIFEST_NAME = "manifest.json"
DEFAULT_MODEL = "minilm-l6-v2-int8"
ONNX_KIND = "onnx-sentence-encoder"


class EmbeddingError(Exception):
    """Base of this module's errors: a model that cannot be used as described."""


class ModelNotFoundError(EmbeddingError):
    """The manifest, a model entry or one of its files is missing."""


class ChecksumError(EmbeddingError):
    """A model file's sha256 differs from the manifest."""

    def __init__(self, path: Path, expected: str, actual: str) -> None:
        super().__init__(
            f"{path}: sha256 {actual} does not match the manifest ({expected}); "
            "the file is corrupt or was replaced: rebuild it with `make models`"
        )
        self.path = path
        self.expected = expected
        self.actual = actual


@dataclass(frozen=True)
class ModelFile:
    path: str  # relative to the model's directory
    sha256: str
    size: int


@dataclass(frozen=True)
class ModelSpec:
    """One model as described in models/manifest.json."""

    name: str
    kind: str
    directory: Path  # absolute
    files: tuple[ModelFile, ...]
    dim: int
    max_length: int
    licence: str

    def file(self, name: str) -> Path:
        if all(f.path != name for f in self.files):
            raise ModelNotFoundError(f"{self.name}: no file {name!r} in the manifest")
        return self.directory / name

    def verify(self) -> None:
        """Check every file's size and sha256; raise naming the first bad file."""
        for entry in self.files:
            path = self.directory / entry.path
            if not path.is_file():
                raise ModelNotFoundError(f"{self.name}: missing model file {path}")
            actual = file_sha256(path)
            if actual != entry.sha256:
                raise ChecksumError(path, entry.sha256, actual)


def load_manifest(models_dir: Path | str | None = None) -> dict[str, ModelSpec]:
    """All models in ``models_dir/manifest.json`` (default: the repo's models/)."""
    root = Path(models_dir) if models_dir is not None else DEFAULT_MODELS_DIR
    manifest = root / MANIFEST_NAME
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelNotFoundError(f"no model manifest at {manifest}") from exc
    except json.JSONDecodeError as exc:
        raise EmbeddingError(f"{manifest}: not valid JSON ({exc})") from exc
    specs: dict[str, ModelSpec] = {}
    for i, entry in enumerate(data.get("models", [])):
        try:
            spec = ModelSpec(
                name=str(entry["name"]),
                kind=str(entry["kind"]),
                directory=(root / entry["directory"]).resolve(),
                files=tuple(
                    ModelFile(path=str(f["path"]), sha256=str(f["sha256"]), size=int(f["size"]))
                    for f in entry["files"]
                ),
                dim=int(entry["dim"]),
                max_length=int(entry["max_length"]),
                licence=str(entry["licence"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise EmbeddingError(f"{manifest}: models[{i}] is malformed ({exc!r})") from exc
        specs[spec.name] = spec
    return specs


def load_spec(name: str = DEFAULT_MODEL, models_dir: Path | str | None = None) -> ModelSpec:
    specs = load_manifest(models_dir)
    if name not in specs:
        raise ModelNotFoundError(f"model {name!r} is not in the manifest (have: {sorted(specs)})")
    return specs[name]


def _check_texts(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str | bytes):
        raise TypeError("texts must be a sequence of str, not a single str")
    out = list(texts)
    for i, text in enumerate(out):
        if not isinstance(text, str):
            raise TypeError(f"texts[{i}] is {type(text).__name__}, expected str")
    return out


def _length_batches(lengths: Sequence[int], batch_size: int) -> list[np.ndarray]:
    """Indices grouped into batches of similar length (stable, shortest first)."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    order = np.argsort(np.asarray(lengths, dtype=np.int64), kind="stable")
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


def _load_tokenizer(path: Path, max_length: int) -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(path))
    # The upstream tokenizer.json pads and truncates to 128: replace both. We
    # pad each batch ourselves, to its own longest text.
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_length)
    return tokenizer


class Embedder:
    """A sentence encoder over one ONNX model; build once, pass it in.

    ``threads`` is onnxruntime's intra-op thread count (1 leaves the other
    core to capture and the UI). ``max_length`` truncates longer texts, in
    tokens; it may be lowered below the model's maximum (the spec's
    ``max_length``) for speed.
    """

    def __init__(self, spec: ModelSpec, *, threads: int = 1, max_length: int | None = None) -> None:
        if spec.kind != ONNX_KIND:
            raise EmbeddingError(f"{spec.name}: kind {spec.kind!r} is not {ONNX_KIND!r}")
        max_length = spec.max_length if max_length is None else max_length
        if not 2 <= max_length <= spec.max_length:
            raise ValueError(f"max_length must be in 2..{spec.max_length}, got {max_length}")
        started = time.perf_counter()
        spec.verify()
        self.spec = spec
        self.dim = spec.dim
        self.max_length = max_length
        self._tokenizer = _load_tokenizer(spec.file("tokenizer.json"), max_length)
        pad_id = self._tokenizer.token_to_id("[PAD]")
        if pad_id is None:
            raise EmbeddingError(f"{spec.name}: tokenizer has no [PAD] token")
        self._pad_id = pad_id
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(spec.file("model.onnx")), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        log.info(
            "embedder %s loaded in %.2f s (threads=%d, max_length=%d)",
            spec.name,
            time.perf_counter() - started,
            threads,
            max_length,
        )

    def encode(self, texts: Sequence[str], batch_size: int = 1) -> np.ndarray:
        """Unit-length embeddings, shape (len(texts), dim), float32, in input order.

        With ``batch_size`` > 1, texts are grouped by token count to limit
        padding (see the module docstring before raising it).
        """
        items = _check_texts(texts)
        out = np.zeros((len(items), self.dim), dtype=np.float32)
        if not items:
            return out
        started = time.perf_counter()
        encodings = self._tokenizer.encode_batch(items)
        batches = _length_batches([len(e.ids) for e in encodings], batch_size)
        for index in batches:
            out[index] = self._run([encodings[i] for i in index])
        log.debug(
            "embedded %d texts in %d batches in %.3f s",
            len(items),
            len(batches),
            time.perf_counter() - started,
        )
        return out

    def _run(self, encodings: list[Encoding]) -> np.ndarray:
        width = max(len(e.ids) for e in encodings)
        ids = np.full((len(encodings), width), self._pad_id, dtype=np.int64)
        mask = np.zeros_like(ids)
        types = np.zeros_like(ids)
        for row, enc in enumerate(encodings):
            n = len(enc.ids)
            ids[row, :n] = enc.ids
            mask[row, :n] = 1
            types[row, :n] = enc.type_ids
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        (vectors,) = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})
        return np.asarray(vectors, dtype=np.float32)


STATIC_KIND = "static-embedding"


class StaticEmbedder:
    """A static token-table model (distilled with model2vec), numpy only.

    Follows model2vec's ``StaticModel.encode``: tokenize without special
    tokens, cut each text to ``max_length`` x the median token length in
    characters and then to ``max_length`` tokens, drop ``[UNK]``, average the
    tokens' rows (a text with no tokens gets zeros) and L2-normalise.
    The vector of a text depends on that text alone.
    """

    def __init__(self, spec: ModelSpec) -> None:
        if spec.kind != STATIC_KIND:
            raise EmbeddingError(f"{spec.name}: kind {spec.kind!r} is not {STATIC_KIND!r}")
        spec.verify()
        self.spec: ModelSpec | None = spec
        self._setup(spec.directory, spec.max_length)

    @classmethod
    def from_files(cls, directory: Path, *, max_length: int) -> StaticEmbedder:
        """Unverified files (the build script's check); the service uses a spec."""
        self = cls.__new__(cls)
        self.spec = None
        self._setup(directory, max_length)
        return self

    def _setup(self, directory: Path, max_length: int) -> None:
        table = directory / "embeddings.npy"
        tokenizer = directory / "tokenizer.json"
        weights = np.load(directory / "weights.npy", allow_pickle=False).astype(np.float32)
        # model2vec multiplies each token's row by its SIF weight: do it once here.
        self._table = np.load(table, allow_pickle=False).astype(np.float32) * weights[:, None]
        self.dim = int(self._table.shape[1])
        self.max_length = max_length
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        vocab = self._tokenizer.get_vocab()
        if len(vocab) != self._table.shape[0]:
            raise EmbeddingError(f"{table}: {self._table.shape[0]} rows for {len(vocab)} tokens")
        self._max_chars = max_length * int(np.median([len(token) for token in vocab]))
        unk = getattr(self._tokenizer.model, "unk_token", None)
        self._unk_id = vocab.get(unk) if unk is not None else None

    def encode(self, texts: Sequence[str], batch_size: int = 1024) -> np.ndarray:
        """Unit-length embeddings (zeros for a text with no known token), in input order.

        ``batch_size`` only bounds how many texts are tokenized at once.
        """
        items = _check_texts(texts)
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        out = np.zeros((len(items), self.dim), dtype=np.float32)
        for start in range(0, len(items), batch_size):
            chunk = [t[: self._max_chars] for t in items[start : start + batch_size]]
            encodings = self._tokenizer.encode_batch(chunk, add_special_tokens=False)
            for row, enc in enumerate(encodings, start):
                ids = np.asarray(enc.ids, dtype=np.int64)
                if self._unk_id is not None:
                    ids = ids[ids != self._unk_id]
                ids = ids[: self.max_length]
                if ids.size:
                    out[row] = self._table[ids].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True) + 1e-32
        return (out / norms).astype(np.float32)


class Remembering:
    """An encoder that runs its model on each text once: the newest ``size`` texts'
    vectors are kept, by a digest of the text keyed with a secret of this process (never
    the text itself, nor a digest a guessed text could be checked against).

    The service attributes a timekeeper's day again every few minutes, with a new
    engine each time; without this, every refresh ran MiniLM again on every span still
    in doubt and on every matter's profile, though their texts had not changed. A
    text's vector depends on the text alone (``Embedder.encode`` runs one text per
    call), so a remembered vector is the one the model would give again."""

    def __init__(self, encoder: Embedder | StaticEmbedder, size: int = 4096) -> None:
        self.encoder = encoder
        self.size = size
        self._secret = secrets.token_bytes(16)
        self._vectors: OrderedDict[bytes, np.ndarray] = OrderedDict()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        items = _check_texts(texts)
        keys = [hashlib.blake2b(t.encode(errors="surrogatepass"), digest_size=16,
                                key=self._secret).digest() for t in items]
        new = {k: t for k, t in zip(keys, items, strict=True) if k not in self._vectors}
        if new:
            vectors = self.encoder.encode(list(new.values()))
            # Each row on its own: a row kept must not keep its whole batch alive.
            self._vectors.update((k, v.copy()) for k, v in zip(new, vectors, strict=True))
        out = np.stack([self._vectors[k] for k in keys]) if items else self.encoder.encode([])
        for key in keys:
            self._vectors.move_to_end(key)
        while len(self._vectors) > self.size:
            self._vectors.popitem(last=False)
        return out


def load_encoder(name: str = DEFAULT_MODEL) -> Remembering:
    """The embedding model as the app runs it: checked, loaded, and run once on a text."""
    return Remembering(Embedder(load_spec(name)))
