"""Corrections keep the combiner's features; exports round-trip into training examples."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest
from factories import T0, make_contact, make_matter, make_span, make_staff
from typer.testing import CliRunner

from app.cli import app
from pipeline.attribute import Engine, attribute_day
from pipeline.combiner import FEATURES
from pipeline.history import fit
from pipeline.review import correct, undo
from pipeline.training import Example, examples_from_exports
from tenths.errors import StoreError
from tenths.records import Correction
from tenths.store import Store
from tenths.store.export import EXPORT_COLUMNS, export_corrections

OKAFOR = make_contact(11, "Dana Okafor", email="dana.okafor@example.test", case_ids=(1,))
HOLLIS = make_contact(13, "Marguerite Hollis", case_ids=(2,))
MATTERS = [
    make_matter(1, "Okafor v. Brightline Logistics, Inc.", (OKAFOR,), case_number="24STCV01234"),
    make_matter(2, "In re Estate of Marguerite Hollis", (HOLLIS,), case_number="PR-2024-00917",
                practice_area="Probate"),
]
SECRET = "Venkataraman"  # captured text that must never leave the store
REVIEW = T0 + timedelta(hours=8)


def _day() -> list:
    return [
        make_span(1, window_title="24STCV-01234 minute order"),
        make_span(2, text=f"Adjuster Priya {SECRET} called about the Okafor claim"),
        make_span(3, kind="browser", app="Chrome", window_title="Headlines",
                  url="https://news.example.test/today"),
    ]


@pytest.fixture
def reviewed(tmp_path: Path):  # noqa: ANN201 - (store, the day's result, spans, corrections)
    store = Store.open(tmp_path / "user-7.duckdb")
    store.catalog.save_staff([make_staff()])
    store.catalog.save_contacts([OKAFOR, HOLLIS])
    store.catalog.save_matters(MATTERS)
    spans = _day()
    store.activity.add_spans(spans)
    engine = Engine()
    day = attribute_day(spans, fit(store, 7, engine), engine)
    attributions = day.attributions
    store.activity.save_attributions(attributions)
    fixes = [correct(store, spans[1], attributions[1], 2, REVIEW, day.weighed[spans[1].id]),
             correct(store, spans[2], attributions[2], None, REVIEW + timedelta(seconds=1),
                     day.weighed[spans[2].id])]
    yield store, day, spans, fixes
    store.close()


def test_a_correction_keeps_the_features_of_its_span(reviewed) -> None:  # noqa: ANN001
    store, day, spans, fixes = reviewed
    for span, fix in zip(spans[1:], fixes, strict=True):
        weighed = day.weighed[span.id]
        assert fix.candidates == weighed.candidates
        assert fix.features == tuple(tuple(row) for row in weighed.rows)
        assert fix.none_boost == weighed.none_boost
        assert fix.feature_names == FEATURES
    stored = store.activity.corrections(7)  # stored and read back whole
    assert sorted(stored, key=lambda c: c.id) == sorted(fixes, key=lambda c: c.id)


def test_a_span_whose_weighing_is_not_at_hand_is_corrected_without_features(reviewed) -> None:  # noqa: ANN001
    store, _, spans, _ = reviewed
    fix = correct(store, spans[0], None, 1, REVIEW + timedelta(days=1))
    assert (fix.candidates, fix.features, fix.none_boost, fix.feature_names) == (None,) * 4
    assert store.activity.corrections(7)[-1] == fix


@pytest.mark.parametrize("suffix", [".parquet", ".duckdb"])
def test_an_export_round_trips_into_examples(reviewed, tmp_path: Path, suffix: str) -> None:  # noqa: ANN001
    store, _, spans, fixes = reviewed
    undone = correct(store, spans[0], None, 2, REVIEW + timedelta(minutes=1))
    undo(store, undone)  # taken back: not exported
    out = tmp_path / f"export{suffix}"
    assert export_corrections(store.db, out, user=7) == 2
    skipped: dict[str, int] = {}
    examples = examples_from_exports([out], skipped)
    assert examples == [
        Example(list(f.candidates), [list(r) for r in f.features], f.none_boost, f.to_case_id)
        for f in fixes
    ]
    assert not any(skipped.values())
    # The same file twice: each correction is one example.
    assert examples_from_exports([out, out], skipped) == examples
    assert skipped["duplicate"] == 2


def test_rows_without_features_or_with_other_features_are_skipped(
    reviewed, tmp_path: Path  # noqa: ANN001
) -> None:
    store, _, _, fixes = reviewed
    store.activity.add_correction(Correction("bare", "s1", 7, None, 1, REVIEW))
    store.activity.add_correction(replace(fixes[0], id="old", feature_names=FEATURES[:-1] + ("x",)))
    store.activity.add_correction(Correction("short", "s1", 7, None, 1, REVIEW, candidates=(1,),
                                             features=((1.0, 2.0),), none_boost=0.0,
                                             feature_names=("score", "id_score")))
    out = tmp_path / "mixed.parquet"
    assert export_corrections(store.db, out) == 5
    skipped: dict[str, int] = {}
    examples = examples_from_exports([out], skipped)
    assert [ex.truth for ex in examples] == [f.to_case_id for f in fixes]
    assert skipped["no_features"] == 1
    assert skipped["other_features"] == 2


def test_the_export_holds_no_span_text(reviewed, tmp_path: Path) -> None:  # noqa: ANN001
    store = reviewed[0]
    for suffix, source in ((".parquet", "read_parquet('{}')"), (".duckdb", "'{}'")):
        out = tmp_path / f"e{suffix}"
        export_corrections(store.db, out)
        con = duckdb.connect()
        if suffix == ".duckdb":
            con.execute(f"ATTACH {source.format(out)} AS e (READ_ONLY)")
            relation = "e.corrections"
            tables = con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'e'")
            assert [r[0] for r in tables.fetchall()] == ["corrections"]
        else:
            relation = source.format(out)
        columns = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()]
        con.close()
        assert tuple(columns) == EXPORT_COLUMNS
        assert not {"text", "window_title", "url", "path", "app"} & set(columns)
        assert SECRET.encode() not in out.read_bytes()


def test_an_existing_file_or_a_store_is_never_overwritten(reviewed, tmp_path: Path) -> None:  # noqa: ANN001
    store = reviewed[0]
    out = tmp_path / "again.parquet"
    export_corrections(store.db, out)
    with pytest.raises(StoreError, match="exists"):
        export_corrections(store.db, out)
    assert export_corrections(store.db, out, force=True) == 2
    with pytest.raises(StoreError, match="being exported"):
        export_corrections(store.db, tmp_path / "user-7.duckdb", force=True)
    Store.open(tmp_path / "user-8.duckdb").close()
    with pytest.raises(StoreError, match="tenths store"):
        export_corrections(store.db, tmp_path / "user-8.duckdb", force=True)
    with pytest.raises(StoreError, match=".parquet or .duckdb"):
        export_corrections(store.db, tmp_path / "out.csv")


def test_the_corrections_commands(reviewed, tmp_path: Path) -> None:  # noqa: ANN001
    store, _, _, fixes = reviewed
    store.close()  # the commands open the store file themselves
    env = {"TENTHS_DATA_DIR": str(tmp_path)}
    runner = CliRunner()

    listed = runner.invoke(app, ["corrections", "list", "--user", "7", "--jsonl"], env=env)
    assert listed.exit_code == 0, listed.output
    lessons = [json.loads(line) for line in listed.output.splitlines()]
    assert {row["correction_id"] for row in lessons} == {f.id for f in fixes}
    assert {"alias", "place", "nonmatter"} <= {row["kind"] for row in lessons}
    assert SECRET.lower() not in listed.output.lower()  # keys are hashed unless revealed
    revealed = runner.invoke(app, ["corrections", "list", "--user", "7", "--jsonl",
                                   "--reveal-keys"], env=env)
    assert SECRET.lower() in revealed.output.lower()
    table = runner.invoke(app, ["corrections", "list", "--user", "7"], env=env)
    assert table.exit_code == 0 and "lessons" in table.output

    for args, name in ((["--user", "7"], "mine.parquet"), (["--all-users"], "all.duckdb")):
        done = runner.invoke(app, ["corrections", "export", str(tmp_path / name), *args], env=env)
        assert done.exit_code == 0, done.output
        assert "2 corrections" in done.output
        assert [ex.truth for ex in examples_from_exports([tmp_path / name])] == [2, None]
    refused = runner.invoke(app, ["corrections", "export", str(tmp_path / "x.parquet")], env=env)
    assert refused.exit_code == 2


def test_retrain_takes_exported_corrections(reviewed, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    store = reviewed[0]
    export = tmp_path / "c.parquet"
    export_corrections(store.db, export)
    seen: dict[str, object] = {}

    def fake_retrain(train, compare, encoder, current, version, out, **kw):  # noqa: ANN001, ANN202
        seen.update(kw)
        return current, []

    monkeypatch.setattr("eval.retrain.retrain", fake_retrain)
    runner = CliRunner()
    base = ["retrain", "--no-embeddings", "--out", str(tmp_path / "models"), "--compare",
            str(tmp_path)]
    done = runner.invoke(app, [*base, "--corrections", str(export), "--corrections", str(export)])
    assert done.exit_code == 0, done.output
    assert "2 corrections from 2 export(s); 2 skipped (duplicate 2)" in done.output
    assert [ex.truth for ex in seen["extra"]] == [2, None]  # type: ignore[union-attr]
    plain = runner.invoke(app, base)
    assert plain.exit_code == 0, plain.output
    assert list(seen["extra"]) == []  # type: ignore[call-overload]


def test_retrain_compares_on_firms_of_each_generator_it_never_trains_on(
        tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from eval.retrain import TRAINING

    seen: list = []

    def fake_retrain(train, compare, encoder, current, version, out, **kw):  # noqa: ANN001, ANN202
        seen.extend(compare)
        return current, []

    monkeypatch.setattr("eval.retrain.retrain", fake_retrain)
    done = CliRunner().invoke(app, ["retrain", "--no-embeddings", "--out", str(tmp_path)])
    assert done.exit_code == 0, done.output
    assert seen and not set(seen) & set(TRAINING)
    # eval/fixtures/README.md: juniper is the first generator's, ashford the second's.
    assert {"juniper", "ashford"} <= {f.name for f in seen}


def test_retrain_adds_the_extra_examples_to_every_round(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    pytest.importorskip("sklearn")
    pytest.importorskip("skl2onnx")
    import eval.retrain as retrain_module
    from pipeline.combiner import DEFAULT_COMBINER

    def example(truth: int | None, strong: int) -> Example:
        rows = [[3.0 if c == strong else 0.2] + [0.0] * (len(FEATURES) - 1) for c in (1, 2)]
        return Example([1, 2], rows, 0.0, truth)

    fixture_examples = [example(1, 1), example(2, 2), example(None, 0)] * 4
    extra = [example(2, 2), example(1, 1)]
    sizes: list[int] = []
    real_fit = retrain_module.fit_combiner

    def spy_fit(examples, *args, **kw):  # noqa: ANN001, ANN202
        sizes.append(len(examples))
        return real_fit(examples, *args, **kw)

    def no_calibration(model, combiner, *a, **kw):  # noqa: ANN001, ANN202 - the grid is slow
        return combiner

    monkeypatch.setattr(retrain_module, "collect", lambda *a: list(fixture_examples))
    monkeypatch.setattr(retrain_module, "fit_work_on", lambda fixtures: None)
    monkeypatch.setattr(retrain_module, "fit_combiner", spy_fit)
    monkeypatch.setattr(retrain_module, "calibrate", no_calibration)
    monkeypatch.setattr("pipeline.training.calibrate", no_calibration)
    new, comparisons = retrain_module.retrain([tmp_path / "firm"], [], None, DEFAULT_COMBINER, "t1",
                                              tmp_path, rounds=2, kind="linear", extra=extra)
    assert sizes == [len(fixture_examples) + len(extra)] * 2
    assert new.version == "t1" and comparisons == []
