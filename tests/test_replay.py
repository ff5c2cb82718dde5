import json

import pytest

from capture.replay import read_spans
from tenths.errors import InputError

GOOD = {
    "id": "a1", "user": 7, "start": "2026-11-02T09:00:00-08:00",
    "end": "2026-11-02T09:06:00-08:00", "app": "Microsoft Outlook", "kind": "email",
    "window_title": "RE: hello", "text": "body", "url": None, "path": None,
    "truth": {"case_id": 3, "billable": True, "cue": "client_name"},
}


def write(tmp_path, *objs):
    path = tmp_path / "activities.jsonl"
    path.write_text("\n".join(o if isinstance(o, str) else json.dumps(o) for o in objs) + "\n")
    return path


def test_truth_never_reaches_the_span(tmp_path):
    [span] = read_spans(write(tmp_path, GOOD))
    assert span.id == "a1" and span.start.hour == 17
    assert "truth" not in repr(span) and not hasattr(span, "truth")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"start": "2026-11-02T09:00:00"}, r":2: start: naive"),
        ({"end": None}, r":2: end: expected an ISO 8601"),
        ({"user": "seven"}, r":2: user: expected an integer"),
        ({"kind": "fax"}, r":2: kind:"),
        ({"text": 5}, r":2: text: expected a string"),
    ],
)
def test_a_malformed_line_names_file_line_and_field(tmp_path, change, message):
    path = write(tmp_path, {**GOOD, "id": "a0"}, {**GOOD, **change})
    with pytest.raises(InputError, match=message) as info:
        list(read_spans(path))
    assert str(path) in str(info.value)


def test_broken_json_names_the_line(tmp_path):
    path = write(tmp_path, GOOD, "{not json")
    with pytest.raises(InputError, match=r"activities.jsonl:2: not JSON"):
        list(read_spans(path))


def test_duplicate_ids_are_refused(tmp_path):
    with pytest.raises(InputError, match=r":2: id: duplicate"):
        list(read_spans(write(tmp_path, GOOD, GOOD)))
