# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (tenths .venv)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Retraining the combiner, with error analysis
#
# What `tenths retrain` does, step by step, with the plots and tables a data-team member
# needs to decide whether the new model should ship:
#
# 1. replay the **tuning** fixtures (`harbor`, `summit`) through the attributor with the
#    current combiner and record, for every span, the candidate matters and their features;
# 2. fit a new combiner on those examples (`pipeline.training.fit_combiner`);
# 3. export it (ONNX + JSON) to a **temporary directory**: this notebook never touches
#    `models/`, so running it cannot change the shipped model (`tenths retrain` is the
#    command that writes into `models/`);
# 4. compare current and new on all three fixtures;
# 5. error analysis on the **held-out** fixture `juniper`: it is only ever reported here,
#    never used to choose anything.
#
# Run headless with `.venv/bin/python notebooks/run.py` (writes the executed notebook to
# `out/notebooks/retrain_combiner.ipynb`; exits non-zero when a cell fails).
#
# Nothing below shows captured text: spans appear by id, kind, cue and the reasons the
# attributor gave (signal kinds such as `id:case`, never the words themselves).

# %%
import io
import json
import math
import os
import tempfile
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import Image, Markdown, display

from eval.harness import EvalResult, run_eval
from eval.markdown import coverage_curve, reliability
from eval.metrics import breakdown, mistakes
from eval.truth import read_truth
from pipeline.combiner import COMBINER_DIR, FEATURES, load_combiner
from pipeline.training import examples_from_trace, export, fit_combiner

plt.switch_backend("Agg")  # plots are rendered to PNG and shown inline, no GUI needed

# %% [markdown]
# ## Parameters
#
# **The embedding model is off** (`encoder=None`) so the notebook runs in CI in a few
# minutes: every replay then scores spans with the cheap signals only, the `embedding` and
# `knn` features are 0 throughout, and their learned weights come out as 0. The shipped
# model is trained with embeddings on (`tenths retrain` defaults to `--embeddings`).
#
# To switch it on, either set `USE_EMBEDDINGS = True` below, or run
# `.venv/bin/python notebooks/run.py --embeddings` (which sets `TENTHS_NOTEBOOK_EMBEDDINGS=1`
# for the kernel). Expect each replay to take several times longer.

# %%
USE_EMBEDDINGS = os.environ.get("TENTHS_NOTEBOOK_EMBEDDINGS", "") == "1"

REPO = COMBINER_DIR.parent.parent
FIXTURES = REPO / "eval" / "fixtures"
TUNING = [FIXTURES / "harbor", FIXTURES / "summit"]
HELD_OUT = FIXTURES / "juniper"  # never tune on it: report only
VERSION = "notebook-" + time.strftime("%Y%m%d%H%M%S")
METRICS = ("accuracy", "coverage", "selective_accuracy", "nonbillable_leak",
           "new_party_repeat_accuracy", "ece")


def make_encoder(enabled: bool):  # -> Embedder | None
    """The same encoder `tenths eval/retrain --embeddings` uses (None when off)."""
    if not enabled:
        return None
    from pipeline.embedding import Embedder, load_spec

    return Embedder(load_spec())


def shipped_state() -> dict[str, str]:
    """Names and sizes of the files in models/combiner, to prove we leave them alone."""
    if not COMBINER_DIR.exists():
        return {}
    return {p.name: str(p.stat().st_size) for p in sorted(COMBINER_DIR.iterdir())}


def table(headers: list[str], rows: list[list[object]]) -> None:
    lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    display(Markdown("\n".join(lines)))


def show(fig: plt.Figure) -> None:
    """Show a figure inline as PNG (works on the Agg backend, headless or not)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=80, bbox_inches="tight")
    plt.close(fig)
    display(Image(data=buffer.getvalue(), format="png"))


encoder = make_encoder(USE_EMBEDDINGS)
current = load_combiner()
shipped_before = shipped_state()
started = time.perf_counter()
print(f"current combiner: {current.version}; embeddings: {'on' if encoder else 'off'}")
print("tuning:", [f.name for f in TUNING], "held out:", HELD_OUT.name)

# %% [markdown]
# ## 1. Collect training examples from the tuning fixtures
#
# This is `eval.retrain.collect` unrolled: one eval-protocol replay per tuning fixture with
# tracing on, turned into examples with `examples_from_trace`. Unrolling it lets us keep each
# replay's metrics, which are the *current* model's scores on the tuning fixtures, so they
# need not be replayed again for the comparison below (one replay fewer per fixture in CI).

# %%
examples = []
results_current: dict[str, EvalResult] = {}
for fixture in TUNING:
    t0 = time.perf_counter()
    trace: list = []
    results_current[fixture.name] = run_eval(fixture, encoder=encoder, combiner=current,
                                             trace=trace)
    truths = {k: t.case_id for k, t in read_truth(fixture / "activities.jsonl").items()}
    found = examples_from_trace(trace, truths)
    examples += found
    print(f"{fixture.name}: {len(found)} examples in {time.perf_counter() - t0:.1f} s")

reachable = sum(ex.target >= 0 or ex.truth is None for ex in examples)
print(f"{len(examples)} examples, {sum(len(ex.features) for ex in examples)} candidate rows; "
      f"{reachable / len(examples):.1%} have the right answer among their options")

# %% [markdown]
# ## 2. Fit the new combiner and export it to a temporary directory
#
# `fit_combiner` fits the logistic regression over the candidate rows, then the "no matter"
# score and softmax temperature (lowest log-loss that bills at most 1% of non-matter time in
# training), then the abstain threshold that reaches 98% selective accuracy. Its grid search
# is most of this notebook's run time.

# %%
t0, cpu0 = time.perf_counter(), time.process_time()
model, fitted = fit_combiner(examples, VERSION)
print(f"fit in {time.perf_counter() - t0:.1f} s ({time.process_time() - cpu0:.1f} s CPU): "
      f"{fitted.notes}")

workdir = tempfile.TemporaryDirectory(prefix="tenths-combiner-")
export_dir = Path(workdir.name)
onnx_path, json_path = export(model, fitted, export_dir)
new = load_combiner(export_dir)  # the ONNX model, loaded exactly as the laptop loads it
print("exported:", onnx_path.name, json_path.name, "(temporary, not in models/)")
saved = json.loads(json_path.read_text(encoding="utf-8"))
print(json.dumps({k: saved.get(k) for k in ("version", "bias", "none_score", "temperature",
                                            "abstain_below")}, indent=1))

# %% [markdown]
# ## 3. Current vs new on every fixture
#
# `harbor` and `summit` are what the new model was fit on (in-sample); `juniper` is the
# held-out firm and the figure that counts.

# %%
results_new: dict[str, EvalResult] = {}
for fixture in [*TUNING, HELD_OUT]:
    t0 = time.perf_counter()
    if fixture.name not in results_current:
        results_current[fixture.name] = run_eval(fixture, encoder=encoder, combiner=current)
    results_new[fixture.name] = run_eval(fixture, encoder=encoder, combiner=new)
    print(f"{fixture.name}: evaluated in {time.perf_counter() - t0:.1f} s")

rows = []
for name, result in results_new.items():
    role = "held out" if name == HELD_OUT.name else "tuning"
    for metric in METRICS:
        before = results_current[name].metrics.get(metric)
        after = result.metrics.get(metric)
        delta = f"{after - before:+.4f}" if before is not None and after is not None else ""
        rows.append([f"{name} ({role})", metric, before, after, delta])
table(["fixture", "metric", f"current ({current.version})", f"new ({new.version})", "change"],
      rows)

# %% [markdown]
# ## 4. Error analysis
#
# ### Learned weights
#
# The raw weights on the left are per unit of each feature, and the features have different
# scales (`score` sums term weights, `memory` is 0/1), so the right panel multiplies each
# weight by the feature's standard deviation over the candidate rows: how much a typical
# change in that feature moves the logit. With embeddings off, `embedding` and `knn` are
# always 0 and carry no weight.

# %%
def weights_of(combiner: object) -> tuple[float, ...]:
    return (combiner.calibration if hasattr(combiner, "calibration") else combiner).weights


rows_x = np.asarray([f for ex in examples for f in ex.features], dtype=np.float64)
spread = rows_x.std(axis=0) if len(rows_x) else np.zeros(len(FEATURES))
w_cur, w_new = np.asarray(weights_of(current)), np.asarray(weights_of(new))
y = np.arange(len(FEATURES))
fig, axes = plt.subplots(1, 2, figsize=(12, 4.5), sharey=True)
for ax, scale, title in ((axes[0], 1.0, "weight"), (axes[1], spread, "weight × feature std")):
    ax.barh(y - 0.2, w_cur * scale, height=0.4, label=f"current ({current.version})")
    ax.barh(y + 0.2, w_new * scale, height=0.4, label=f"new ({new.version})")
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set(title=title)
axes[0].set_yticks(y, FEATURES)
axes[0].invert_yaxis()
axes[0].legend(loc="lower right", fontsize=8)
fig.suptitle("combiner weights per feature")
show(fig)
table(["feature", "current", "new", "feature std", "new × std"],
      [[f, f"{a:.3f}", f"{b:.3f}", f"{s:.3f}", f"{b * s:.3f}"]
       for f, a, b, s in zip(FEATURES, w_cur, w_new, spread, strict=True)])

# %% [markdown]
# ### Held-out accuracy by cue and by kind of span
#
# Matter spans only (non-matter time is measured by `nonbillable_leak`). `coverage` is the
# share the model did not abstain on.

# %%
held_cur, held_new = results_current[HELD_OUT.name], results_new[HELD_OUT.name]
for key in ("cue", "kind"):
    before, after = breakdown(held_cur.predictions, key), breakdown(held_new.predictions, key)
    display(Markdown(f"**{HELD_OUT.name}: by {key}** (worst new accuracy first)"))
    table([key, "spans", "accuracy current", "accuracy new", "coverage current", "coverage new"],
          [[label, after[label]["spans"], before[label]["accuracy"], after[label]["accuracy"],
            before[label]["coverage"], after[label]["coverage"]]
           for label in sorted(after, key=lambda k: (after[k]["accuracy"], k))])

fig, axes = plt.subplots(1, 2, figsize=(14, 4.5), gridspec_kw={"width_ratios": [3, 1]})
for ax, key in zip(axes, ("cue", "kind"), strict=True):
    before, after = breakdown(held_cur.predictions, key), breakdown(held_new.predictions, key)
    labels = sorted(after)
    x = np.arange(len(labels))
    ax.bar(x - 0.2, [before[k]["accuracy"] for k in labels], width=0.4, label="current")
    ax.bar(x + 0.2, [after[k]["accuracy"] for k in labels], width=0.4, label="new")
    ax.set_xticks(x, labels, rotation=75, ha="right", fontsize=7)
    ax.set(ylim=(0, 1.05), ylabel="accuracy", title=f"{HELD_OUT.name}: accuracy by {key}")
axes[0].legend(fontsize=8)
show(fig)

# %% [markdown]
# ### Calibration and the abstain trade-off (held out)
#
# Left: reliability diagram (confidence bins of the decided spans; marker area ∝ spans; the
# dashed line is perfect calibration). Right: as the abstain threshold rises, coverage falls
# and selective accuracy should rise; the dotted lines are the targets (coverage ≥ 0.95,
# selective accuracy ≥ 0.98).

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 5))
axes[0].plot([0, 1], [0, 1], linestyle="--", color="grey")
for label, result in (("current", held_cur), ("new", held_new)):
    rel = reliability(result.predictions)
    axes[0].scatter([c for c, _, _ in rel], [a for _, a, _ in rel],
                    s=[max(10, n / 5) for _, _, n in rel], alpha=0.6,
                    label=f"{label} (ece {result.metrics['ece']})")
    curve = coverage_curve(result.predictions)
    axes[1].plot([c for _, c, _ in curve], [a for _, _, a in curve], marker="o", markersize=3,
                 label=label)
axes[0].set(xlabel="confidence", ylabel="accuracy", xlim=(0, 1.02), ylim=(0, 1.02),
            title=f"{HELD_OUT.name}: reliability")
axes[0].legend(fontsize=8)
axes[1].axvline(0.95, linestyle=":", color="grey")
axes[1].axhline(0.98, linestyle=":", color="grey")
axes[1].set(xlabel="coverage", ylabel="selective accuracy",
            title=f"{HELD_OUT.name}: coverage vs accuracy")
axes[1].legend(fontsize=8)
show(fig)

# %% [markdown]
# ### The most confident mistakes (held out, new model)
#
# Confident wrong answers are the ones that reach a bill unreviewed. `predicted` is empty when
# the model called a matter span non-matter time; `truth` is empty for personal or internal
# time that was billed to a matter.

# %%
def blank(value: object) -> object:
    return "" if value is None else value


worst = mistakes(held_new.predictions, 20)
print(f"{sum(1 for _ in mistakes(held_new.predictions, 10**9))} wrong answers "
      f"(abstentions excluded) of {len(held_new.predictions)} spans")
table(["span", "kind", "truth", "predicted", "confidence", "cue", "reasons"],
      [[p.truth.span_id, p.truth.kind, blank(p.truth.case_id), blank(p.predicted),
        f"{p.attribution.confidence:.2f}", p.truth.cue or "-",
        ", ".join(p.attribution.reasons) or "-"] for p in worst])

# %% [markdown]
# ## 5. Checks
#
# Sanity, not performance targets: every compared metric is a number in [0, 1], and the
# shipped model directory is exactly as it was.

# %%
for name, result_new in results_new.items():
    for label, result in (("current", results_current[name]), ("new", result_new)):
        for metric in METRICS:
            value = result.metrics.get(metric)
            assert isinstance(value, int | float) and not isinstance(value, bool), \
                (name, label, metric, value)
            assert math.isfinite(value) and 0.0 <= value <= 1.0, (name, label, metric, value)
assert len(FEATURES) == len(weights_of(new))
assert all(math.isfinite(w) for w in weights_of(new))
assert shipped_state() == shipped_before, "models/combiner changed while the notebook ran"
assert not export_dir.is_relative_to(COMBINER_DIR.parent)
workdir.cleanup()
print(f"all checks passed; {time.perf_counter() - started:.0f} s after parameters, "
      f"{time.process_time():.0f} s CPU in this kernel")
