"""How close drafted narratives come to the firm's own, before and after learning its style.

For each fixture, the firm's past time entries are split by date: the last
``holdout`` share are held out, the rest are the history tenths learns from.
For each held-out entry (a matter, an activity, a narrative) the draft is built
from the fixture's captured work of the same matter and activity: its spans
(matters from ``truth``: attribution is not what is measured here) are grouped
into tasks as drafting does, and the longest task of that matter and activity
is rendered as a clause. It is scored against the held-out narrative by
token-level F1 and by normalised edit distance (Levenshtein / longer length),
three ways:

- ``templates``: the built-in voice, nothing learned;
- ``learned``: the style fitted on the history;
- ``learned_edits``: as ``learned``, and each held-out narrative, once scored,
  becomes an edited exemplar (a billing manager's correction) for the later ones.

``python -m eval.narratives eval/fixtures/harbor ...`` prints JSON.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from rapidfuzz.distance import Levenshtein

from capture.replay import read_spans
from pipeline.activities import activity_name, is_research
from pipeline.chrome import learn_chrome
from pipeline.clauses import Reader, day_phrases, read_work
from pipeline.draft import DraftContext, people_for
from pipeline.grouping import Item, Task, build_tasks, fold_short, worked_seconds
from pipeline.narrative import Voice, make_environment, render_clause, render_entry
from pipeline.style import Exemplar, Style, fit_style
from pipeline.vocabulary import tokens
from sync.normalize import load_firm_json
from tenths.settings import BillingSettings

TIMEZONES = {"harbor": "America/Los_Angeles", "cove": "America/Los_Angeles",
             "summit": "America/Denver", "ridge": "America/Denver", "juniper": "America/Chicago"}


def token_f1(draft: str, truth: str) -> float:
    a = Counter(w.lower() for w in tokens(draft))
    b = Counter(w.lower() for w in tokens(truth))
    common = sum((a & b).values())
    if not common:
        return 0.0
    p, r = common / sum(a.values()), common / sum(b.values())
    return 2 * p * r / (p + r)


def edit_distance(draft: str, truth: str) -> float:
    return Levenshtein.normalized_distance(draft.lower(), truth.lower())


@dataclass(frozen=True)
class Case:
    case_id: int
    activity: str
    truth: str
    task: Task


def _truth(fixture: Path) -> dict[str, tuple[int | None, bool]]:
    out = {}
    with (fixture / "activities.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            obj = json.loads(line)
            out[obj["id"]] = (obj["truth"]["case_id"], obj["truth"]["billable"])
    return out


def _tasks(fixture: Path, ctx: DraftContext, tz: str) -> dict[tuple[int, str], list[Task]]:
    """Every task of the fixture, by (matter, activity name)."""
    truth = _truth(fixture)
    spans = list(read_spans(fixture / "activities.jsonl"))
    chrome = learn_chrome(spans, {s.id: truth[s.id][0] for s in spans})
    days: dict[tuple[int, object], list] = defaultdict(list)
    for span in spans:
        days[(span.user, span.start.astimezone(ZoneInfo(tz)).date())].append(span)
    out: dict[tuple[int, str], list[Task]] = defaultdict(list)
    assert ctx.vocabulary is not None
    for (user, _day), day_spans in sorted(days.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        phrases = day_phrases(day_spans, ctx.vocabulary)
        todo = [s for s in day_spans if truth[s.id][0] in ctx.matters and truth[s.id][1]]
        seconds = worked_seconds(todo)
        items = []
        for span in todo:
            matter = ctx.matters[truth[span.id][0]]  # type: ignore[index]
            reader = Reader(ctx.vocabulary, chrome, people_for(user, matter, ctx), phrases)
            items.append(Item(span, matter.id, True, read_work(span, matter, reader,
                                                               is_research(span))))
        for task in fold_short(build_tasks(items, seconds), ctx.billing.fold_below_seconds):
            w = task.work
            name = activity_name(w.category, ctx.activity_names, w.channel,
                                 w.party.role if w.party else "")
            out[(task.case_id, name)].append(task)
    return out


def _render(case: Case, style: Style, ctx: DraftContext) -> str:
    env = make_environment()
    vocabulary = ctx.vocabulary
    assert vocabulary is not None
    voice = Voice(style, vocabulary)
    clause = render_clause(env, case.task.work, case.activity, voice, case.case_id)
    return render_entry(env, [clause], voice)


def evaluate(fixture: Path, holdout: float = 0.2, examples: int = 0) -> dict[str, object]:
    snapshot = load_firm_json(fixture / "firm.json")
    history = sorted(snapshot.remote_entries, key=lambda r: (r.entry_date, r.id))
    cut = int(len(history) * (1 - holdout))
    train, held = history[:cut], history[cut:]
    tz = TIMEZONES.get(fixture.name, "UTC")
    billing = BillingSettings(timezone=tz)
    learned = fit_style((r.activity_name, r.description, r.case_id) for r in train)
    ctx = DraftContext({m.id: m for m in snapshot.matters}, {s.id: s for s in snapshot.staff},
                       snapshot.activity_names, billing.firm_default_rate, make_environment(),
                       billing, learned)
    ctx = ctx.with_vocabulary()
    tasks = _tasks(fixture, ctx, tz)
    cases = []
    for r in held:
        found = tasks.get((r.case_id, r.activity_name))
        if found:
            longest = max(found, key=lambda t: (t.seconds, -t.start.timestamp()))
            cases.append(Case(r.case_id, r.activity_name, r.description, longest))
    scores: dict[str, list[tuple[float, float]]] = defaultdict(list)
    shown: list[dict[str, str]] = []
    edited: list[Exemplar] = []
    for case in cases:
        drafts = {
            "templates": _render(case, Style(), ctx),
            "learned": _render(case, learned, ctx),
            "learned_edits": _render(case, learned.with_edits(edited), ctx),
        }
        for mode, text in drafts.items():
            scores[mode].append((token_f1(text, case.truth), edit_distance(text, case.truth)))
        edited.append(Exemplar(case.activity, case.truth, case.case_id, True))
        if len(shown) < examples:
            shown.append({"truth": case.truth, **drafts})
    result: dict[str, object] = {
        "fixture": fixture.name, "history": len(train), "held_out": len(held),
        "scored": len(cases),
    }
    for mode, pairs in scores.items():
        result[mode] = {
            "token_f1": round(sum(f for f, _ in pairs) / len(pairs), 4),
            "edit_distance": round(sum(d for _, d in pairs) / len(pairs), 4),
        }
    if shown:
        result["examples"] = shown
    return result


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("fixtures", nargs="+", type=Path)
    parser.add_argument("--holdout", type=float, default=0.2)
    parser.add_argument("--examples", type=int, default=0)
    args = parser.parse_args(argv)
    print(json.dumps([evaluate(f, args.holdout, args.examples) for f in args.fixtures], indent=1))


if __name__ == "__main__":
    main()
