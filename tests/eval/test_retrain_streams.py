"""`tenths retrain` streams named FIRM@VARIANT are written from the fixture beside them."""

import json
from pathlib import Path

from eval.retrain import FIXTURES, materialised


def test_a_variant_stream_is_written_for_the_run_and_gone_after():
    plain = FIXTURES / "harbor"
    with materialised([plain, FIXTURES / "harbor@names-only"]) as (same, variant):
        assert same == plain
        firm = json.loads((variant / "firm.json").read_text(encoding="utf-8"))
        assert firm["cases"] and not firm["clients"] and not firm["time_entries"]
        assert (variant / "activities.jsonl").read_bytes() == (
            plain / "activities.jsonl").read_bytes()
        written = Path(variant)
    assert not written.exists()
