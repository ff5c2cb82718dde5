"""The `tenths` command: demo, eval, sync and benchmarks."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

import tenths  # noqa: F401  (sets ORT_DISABLE_TELEMETRY before anything imports onnxruntime)
from tenths.errors import TenthsError
from tenths.options import SettingsOption, settings_from

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FIXTURE = REPO / "eval" / "fixtures" / "harbor"

app = typer.Typer(add_completion=False, no_args_is_help=True)
console = Console()


bench_app = typer.Typer(no_args_is_help=True, help="Benchmarks that print numbers as JSON.")
app.add_typer(bench_app, name="bench")


@app.callback()
def root() -> None:
    """tenths: local-first timekeeping for law firms (capture, attribution, MyCase sync)."""


def make_encoder(enabled: bool = True):  # noqa: ANN201 - Remembering | None
    """The embedding model, made once and passed down (None when switched off)."""
    if not enabled:
        return None
    from pipeline.embedding import load_encoder

    return load_encoder()


@app.command("eval")
def eval_command(
    fixtures: Annotated[list[Path], typer.Argument(
        help="A fixture directory (firm.json + activities.jsonl); several with --ablate.")],
    json_path: Annotated[Path | None, typer.Option("--json", help="Write the metrics here.")] = None,
    report: Annotated[Path | None, typer.Option(help="Write a markdown report with plots here.")] = None,
    embeddings: Annotated[bool, typer.Option(help="Use the embedding model.")] = True,
    worst: Annotated[int, typer.Option(help="How many mistakes to list.")] = 10,
    baseline: Annotated[bool, typer.Option(
        help="Also score the plain online TF-IDF + logistic-regression baseline.")] = False,
    targets: Annotated[bool, typer.Option(
        help="Exit 1 when a metric misses its target (and, with --baseline, when the "
             "baseline is more accurate).")] = False,
    decisions: Annotated[Path | None, typer.Option(
        help="Write every span's decision here (JSON lines: ids and numbers only).")] = None,
    ablate: Annotated[bool, typer.Option(
        help="For each fixture and each rule family, the change in each metric when the "
             "family is switched off (pipeline/rules.py FAMILIES).")] = False,
    families: Annotated[str, typer.Option(
        help="With --ablate: the families to switch off, comma-separated (default all).")] = "",
) -> None:
    """Replay a labelled fixture day by day and measure attribution."""
    if ablate:
        _ablate(fixtures, families, embeddings, json_path)
        return
    if len(fixtures) != 1:
        console.print("[red]give one fixture (several only with --ablate)[/red]")
        raise typer.Exit(2)
    [fixture] = fixtures
    from eval.harness import run_eval
    from eval.report import print_baseline, print_result, write_json
    from eval.targets import misses

    try:
        from pipeline.combiner import load_combiner

        result = run_eval(fixture, encoder=make_encoder(embeddings), combiner=load_combiner())
        yardstick = None
        if baseline:
            from eval.baseline import run_baseline

            yardstick = run_baseline(fixture).metrics
    except TenthsError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    print_result(result, console, worst)
    if yardstick is not None:
        print_baseline(result.metrics, yardstick, console)
    if json_path:
        write_json(result, json_path, yardstick)
    if decisions:
        from eval.report import write_decisions

        write_decisions(result, decisions)
    if report:
        from eval.markdown import write_report

        write_report(result, report)
        console.print(f"report: {report}")
    if targets:
        missed = misses(result.metrics)
        if yardstick is not None and yardstick["accuracy"] >= result.metrics["accuracy"]:
            missed.append(f"accuracy {result.metrics['accuracy']} is not above the "
                          f"baseline's {yardstick['accuracy']}")
        if missed:
            console.print(f"[red]{fixture.name} misses: {'; '.join(missed)}[/red]")
            raise typer.Exit(1)


def _ablate(fixtures: list[Path], families: str, embeddings: bool,
            json_path: Path | None) -> None:
    from eval.ablate import ablate, print_ablation, write_ablation
    from pipeline.combiner import load_combiner
    from pipeline.rules import FAMILIES

    chosen = [f.strip() for f in families.split(",") if f.strip()] or list(FAMILIES)
    try:
        results = ablate(fixtures, chosen, make_encoder(embeddings), load_combiner(),
                         progress=lambda line: console.print(line, highlight=False))
    except (TenthsError, ValueError) as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    print_ablation(results, console)
    if json_path:
        write_ablation(results, json_path)
        console.print(f"ablation written to {json_path}", highlight=False)


@app.command()
def demo(
    fixture: Annotated[Path, typer.Option(help="The fixture whose firm and day to replay.")] = DEFAULT_FIXTURE,
    settings_file: SettingsOption = None,
    embeddings: Annotated[bool, typer.Option(help="Use the embedding model.")] = True,
    json_path: Annotated[Path | None, typer.Option(
        "--json", help="Also write the day's entries here as JSON.")] = None,
) -> None:
    """Emulated MyCase, a replayed day, drafted and released entries."""
    from rich.table import Table

    from app.demo import run_demo

    settings = settings_from(settings_file)
    try:
        result = run_demo(fixture, settings, make_encoder(embeddings))
    except TenthsError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    console.print(
        f"Replayed {result.spans} spans of staff {result.user} on {result.day}: "
        f"{result.abstained} left for review (which matter?), {result.nonmatter} not billable."
    )
    table = Table(title="Drafted and released entries")
    for col in ("matter", "hours", "activity", "narrative", "status", "MyCase id"):
        table.add_column(col, overflow="fold")
    for e in result.entries:
        table.add_row(result.matter_names[e.case_id], str(e.hours), e.activity_name,
                      e.description, e.status.value, str(e.remote_id or ""))
    console.print(table)
    held = Table(title="What the MyCase emulator now holds for that day")
    for col in ("id", "case", "entry_date", "hours", "rate", "activity_name"):
        held.add_column(col)
    for r in result.remote_today:
        held.add_row(str(r["id"]), str(r["case"]["id"]), str(r["entry_date"]),  # type: ignore[index]
                     str(r["hours"]), str(r["rate"]), str(r["activity_name"]))
    console.print(held)
    total = sum(e.hours for e in result.entries)
    console.print(f"{len(result.remote_today)} entries, {total} h in MyCase; demo took "
                  f"{result.seconds:.1f} s; emulator stopped.")
    if json_path:
        from app.entries_cli import write_demo_json

        write_demo_json(result, json_path)
        console.print(f"entries written to {json_path}", highlight=False)


@bench_app.command("attribution")
def bench_attribution_command(
    fixture: Annotated[Path, typer.Argument(help="A fixture directory.")] = DEFAULT_FIXTURE,
) -> None:
    """Whole-pipeline spans/s against MiniLM alone on the same texts; p95; peak RSS."""
    import json

    from eval.bench import bench_attribution
    from pipeline.combiner import load_combiner

    encoder = make_encoder(True)
    print(json.dumps(bench_attribution(fixture, encoder, load_combiner()), indent=2))


@bench_app.command("refresh")
def bench_refresh_command(
    fixture: Annotated[Path, typer.Argument(help="A fixture directory.")] = DEFAULT_FIXTURE,
    every: Annotated[float, typer.Option(help="Minutes of captured time between refreshes.")] = 5.0,
) -> None:
    """The service's day refreshes as a fixture day is captured: model runs, time (JSON)."""
    import json

    from app.bench.refresh import bench_refresh

    print(json.dumps(bench_refresh(fixture, every), indent=2))


@bench_app.command("capture")
def bench_capture_command(
    minutes: Annotated[float, typer.Option(help="How long to soak.")] = 10.0,
    switch_seconds: Annotated[float, typer.Option(help="Seconds between window switches.")] = 60.0,
    drafting: Annotated[bool, typer.Option(
        help="Let the service attribute and draft on its schedule too.")] = True,
) -> None:
    """The real service on an Xvfb display with changing windows: CPU, peak RSS, OCR (JSON)."""
    import json

    from app.bench.capture import BenchError, bench_capture

    try:
        result = bench_capture(minutes, switch_seconds, drafting)
    except BenchError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    print(json.dumps(result, indent=2))


@app.command()
def retrain(
    train: Annotated[list[Path], typer.Option(
        help="Labelled streams to train on (fixture format); default: the training "
             "firms of eval/fixtures.")] = [],  # noqa: B006
    compare: Annotated[list[Path], typer.Option(
        help="Fixtures to compare old and new on; default: the firms of each generator "
             "that no model is trained on.")] = [],  # noqa: B006
    version: Annotated[str, typer.Option(help="The new model's version.")] = "",
    out: Annotated[Path, typer.Option(help="Where models live.")] = REPO / "models" / "combiner",
    embeddings: Annotated[bool, typer.Option(help="Use the embedding model.")] = True,
    corrections: Annotated[list[Path], typer.Option(
        help="Exported corrections (.parquet or .duckdb, `tenths corrections export`) to "
             "train on as well; repeatable.")] = [],  # noqa: B006
    force: Annotated[bool, typer.Option(
        help="Make the new model current even where it is worse on a target.")] = False,
) -> None:
    """Fit a new combiner from labelled streams (and exported corrections), write it into
    models/, compare with the current; it becomes current only if it is worse on no
    target of any compared fixture (or with --force)."""
    from datetime import UTC, datetime

    from rich.table import Table

    from eval.retrain import COMPARED, TRAINING, regressions
    from eval.retrain import retrain as run_retrain
    from eval.targets import TARGETS
    from pipeline.combiner import DEFAULT_COMBINER, load_combiner
    from pipeline.training import examples_from_exports

    extra: list = []
    if corrections:
        import duckdb
        from rich.markup import escape

        skipped: dict[str, int] = {}
        try:  # an export holds ids and numbers only, so its errors may be shown
            extra = examples_from_exports(corrections, skipped)
        except (duckdb.Error, ValueError) as exc:
            console.print(f"[red]cannot read the corrections: {escape(str(exc))}[/red]")
            raise typer.Exit(2) from exc
        why = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in skipped.items() if v)
        console.print(f"{len(extra)} corrections from {len(corrections)} export(s); "
                      f"{sum(skipped.values())} skipped" + (f" ({why})" if why else ""),
                      highlight=False)
    version = version or datetime.now(UTC).strftime("v%Y%m%d%H%M")
    try:
        current = load_combiner(out)
    except ValueError as exc:  # saved by an older version, over other features
        console.print(f"the current model cannot run here ({exc}); comparing with the "
                      "hand-set combiner", highlight=False)
        current = DEFAULT_COMBINER
    new, comparisons = run_retrain(train or TRAINING, compare or COMPARED,
                                   make_encoder(embeddings), current, version, out, extra=extra,
                                   force=force)
    table = Table(title=f"combiner {current.version} -> {new.version}")
    for col in ("fixture", "metric", "before", "after"):
        table.add_column(col)
    for c in comparisons:
        for key in TARGETS:
            table.add_row(c.fixture, key, str(c.before.get(key)), str(c.after.get(key)))
    console.print(table)
    worse = regressions(comparisons)
    if worse and not force:
        console.print(f"{current.version} stays current: {new.version} is worse on "
                      f"{'; '.join(worse)} (--force makes it current anyway)", highlight=False)
    else:
        console.print(f"{new.version} is now current", highlight=False)


def _register_subsystems() -> None:
    from app.sync_cli import register as register_sync

    register_sync(app, bench_app)
    from app.corrections import register as register_corrections

    register_corrections(app)
    from app.service_cli import register as register_service

    register_service(app)
    from app.entries_cli import register as register_entries

    register_entries(app, bench_app)


_register_subsystems()


def main() -> None:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    app()


if __name__ == "__main__":
    main()
