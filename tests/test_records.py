from datetime import datetime, timedelta, timezone

import pytest
from factories import T0, make_span

from tenths.errors import RecordError
from tenths.records import Attribution, parse_time


def test_span_times_are_normalised_to_utc():
    la = timezone(timedelta(hours=-8))
    span = make_span(1, start=datetime(2026, 11, 2, 9, 0, tzinfo=la),
                     end=datetime(2026, 11, 2, 9, 6, tzinfo=la))
    assert span.start.utcoffset() == timedelta(0)
    assert span.start.hour == 17
    assert span.seconds == 360


def test_naive_time_is_rejected_naming_the_field():
    with pytest.raises(RecordError, match="^start: naive"):
        make_span(1, start=datetime(2026, 11, 2, 9, 0), end=T0)


def test_missing_time_is_rejected_naming_the_field():
    with pytest.raises(RecordError, match="^end: a time is required"):
        make_span(1, end=None)


def test_end_must_follow_start():
    with pytest.raises(RecordError, match="^end: must be after start"):
        make_span(1, start=T0, end=T0)


def test_unknown_kind_is_rejected():
    with pytest.raises(RecordError, match="^kind:"):
        make_span(1, kind="fax")


def test_parse_time_requires_an_offset():
    with pytest.raises(RecordError, match="start: naive"):
        parse_time("2026-11-02T09:00:00", "start")
    assert parse_time("2026-11-02T09:00:00-08:00", "start").hour == 17


def test_records_are_frozen():
    span = make_span(1)
    with pytest.raises(AttributeError):
        span.text = "changed"  # type: ignore[misc]


def test_abstention_names_no_case():
    with pytest.raises(RecordError, match="case_id"):
        Attribution("s1", 3, 0.4, True, True)
    assert Attribution("s1", None, 0.4, True, True).predicted_case is None
