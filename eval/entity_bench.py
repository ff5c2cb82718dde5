"""How fast the entity extractor reads screen-like text: ``python -m eval.entity_bench``.

Load time and docs/s of ``EntityExtractor.extract_many`` on made-up texts, and of
the statistical NER alone (prints JSON; asserts nothing).
"""

from __future__ import annotations

import time
from typing import Any

from pipeline.entities import BATCH_SIZE, MODEL, EntityExtractor, load_model

_FIRST = "Dana Marcus Priya Nikolai Sarah Reuben Elena Tomas Grace Omar Lucia Henry".split()
_LAST = "Okafor Tillman Venkataraman Boateng Kim Harcourt Alvarez Novak Whitfield Haddad".split()
_FIRMS = "Brightline Logistics|Pinecrest Dental Group|Harbor Freight Partners|Summit Mutual".split("|")


def synthetic_texts(n: int, seed: int = 7) -> list[str]:
    """``n`` screen-like texts of about 300 characters (made up, for timing only)."""
    import random

    rnd = random.Random(seed)
    out = []
    for i in range(n):
        person = f"{rnd.choice(_FIRST)} {rnd.choice(_LAST)}"
        other = f"{rnd.choice(_FIRST)} {rnd.choice(_LAST)}"
        firm = rnd.choice(_FIRMS)
        text = (
            f"RE: {rnd.choice(_LAST)} v. {firm}, Case No. 3:24-cv-{1000 + i:05d}-JD. "
            f"Hi {person}, following up on the call with {other} of {firm} on March "
            f"{rnd.randint(1, 28)}, 2024 about the ${rnd.randint(1, 99)},{rnd.randint(100, 999)} "
            f"settlement. Hearing set in Dept. {rnd.randint(1, 80)} of the San Diego Superior "
            f"Court. Call me at (619) 555-{rnd.randint(1000, 9999)} or {person.split()[1].lower()}"
            f"@example.com. Claim CLM-{rnd.randint(10, 99)}-{rnd.randint(10000, 99999)}."
        )
        out.append(text)
    return out


def _made_up_parties(n: int, seed: int = 11) -> list[str]:
    import random

    rnd = random.Random(seed)
    syllables = "ka lo ven mar ti bo ra sen dul fa ne gor ish pa wen tor".split()
    return [
        f"{rnd.choice(_FIRST)} {''.join(rnd.choices(syllables, k=3)).capitalize()}"
        for _ in range(n)
    ]


def bench(n_texts: int = 600, n_parties: int = 2000, batch_size: int = BATCH_SIZE) -> dict[str, Any]:
    """Load time and docs/s of ``extract_many`` on ``synthetic_texts`` (best of 3)."""
    started = time.perf_counter()
    base = load_model()
    load = time.perf_counter() - started
    parties = _made_up_parties(n_parties)
    started = time.perf_counter()
    extractor = EntityExtractor(base, [*parties, *_FIRMS], batch_size=batch_size)
    extractor.nlp  # noqa: B018 (builds the ruler)
    build = time.perf_counter() - started
    texts = synthetic_texts(n_texts)
    extractor.extract_many(texts[:50])  # warm-up
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        found = extractor.extract_many(texts)
        runs.append(time.perf_counter() - started)
    ner_only = []
    for _ in range(3):
        started = time.perf_counter()
        list(base.pipe(texts, batch_size=batch_size))
        ner_only.append(time.perf_counter() - started)
    return {
        "model": MODEL,
        "load_s": round(load, 3),
        "ruler_build_s": round(build, 3),
        "parties": extractor.party_count,
        "texts": n_texts,
        "mean_chars": round(sum(map(len, texts)) / n_texts),
        "batch_size": batch_size,
        "docs_per_s": round(n_texts / min(runs), 1),
        "ner_only_docs_per_s": round(n_texts / min(ner_only), 1),
        "entities_per_doc": round(sum(map(len, found)) / n_texts, 2),
    }


if __name__ == "__main__":
    import json
    import sys

    started = time.perf_counter()
    import spacy  # noqa: F401

    print(json.dumps({"import_spacy_s": round(time.perf_counter() - started, 3), **bench(
        *(int(a) for a in sys.argv[1:3]))}, indent=2))
