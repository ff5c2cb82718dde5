"""`tenths bench sync` on a small firm: the emulator in its own process, the
numbers it reports, and that they count every request (retries included)."""

from __future__ import annotations

from sync.bench import RATE_LIMIT, run_bench


def test_bench_reports_honest_numbers_for_a_small_firm() -> None:
    result = run_bench(cases=40, contacts=80, entries=2500, local_entries=10)
    assert set(result) == {"first_sync_s", "first_sync_requests", "first_sync_429",
                           "ratio_to_rate_limit", "incremental_s", "incremental_requests",
                           "idle_sync_requests", "recent_deletions_found",
                           "recent_deletions_extra_requests", "peak_rss_mb"}
    # staff 1 + clients 1 + companies 1 + cases 1 + entries 3 pages, then 10 creates;
    # more only if MyCase refused some (a 429 retried is counted).
    assert result["first_sync_requests"] >= 7 + 10
    ratio = result["first_sync_s"] / (result["first_sync_requests"] / RATE_LIMIT)
    assert abs(result["ratio_to_rate_limit"] - ratio) < 0.02
    # 40 edits in MyCase pulled; the 10 synced entries edited here replaced (create +
    # delete); 30 newly released entries created.
    assert result["incremental_requests"] >= 10 * 2 + 30
    assert result["peak_rss_mb"] > 0
    # Ten of this week's entries deleted in MyCase are seen without a full scan, at one
    # GET each; pacing keeps MyCase's 429s away.
    assert result["recent_deletions_found"] == 10
    assert result["recent_deletions_extra_requests"] == 10
    assert result["first_sync_429"] == 0
