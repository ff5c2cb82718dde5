"""Named, versioned schema migrations: each runs in one transaction with its record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[duckdb.DuckDBPyConnection], None]


def _initial(con: duckdb.DuckDBPyConnection) -> None:
    # The synced case list: what MyCase knows.
    con.execute(
        """
        CREATE TABLE staff (
            id BIGINT PRIMARY KEY, first_name VARCHAR, last_name VARCHAR, email VARCHAR,
            type VARCHAR, title VARCHAR, active BOOLEAN,
            default_hourly_rate DECIMAL(12, 2), updated_at TIMESTAMPTZ NOT NULL)
        """
    )
    con.execute(
        """
        CREATE TABLE cases (
            id BIGINT PRIMARY KEY, name VARCHAR NOT NULL, case_number VARCHAR,
            description VARCHAR, practice_area VARCHAR, case_stage VARCHAR, status VARCHAR,
            billing_type VARCHAR, opened_date DATE, client_ids BIGINT[], company_ids BIGINT[],
            updated_at TIMESTAMPTZ NOT NULL)
        """
    )
    con.execute(
        """
        CREATE TABLE contacts (
            kind VARCHAR NOT NULL, id BIGINT NOT NULL, name VARCHAR, email VARCHAR,
            phones VARCHAR[], address VARCHAR, case_ids BIGINT[],
            updated_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (kind, id))
        """
    )
    # Rates: the per-case staff list carries each member's case rate.
    con.execute(
        """
        CREATE TABLE case_staff (
            case_id BIGINT NOT NULL, staff_id BIGINT NOT NULL, lead_lawyer BOOLEAN,
            originating_lawyer BOOLEAN, case_rate DECIMAL(12, 2),
            PRIMARY KEY (case_id, staff_id))
        """
    )
    con.execute("CREATE TABLE activity_names (name VARCHAR PRIMARY KEY)")
    con.execute(
        """
        CREATE TABLE remote_entries (
            id BIGINT PRIMARY KEY, case_id BIGINT, staff_id BIGINT, entry_date DATE,
            hours DECIMAL(10, 2), rate DECIMAL(12, 2), activity_name VARCHAR,
            description VARCHAR, billable BOOLEAN, invoice_ids BIGINT[],
            created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL)
        """
    )
    # What this laptop captured and made of it.
    con.execute(
        """
        CREATE TABLE spans (
            id VARCHAR PRIMARY KEY, "user" BIGINT NOT NULL, start TIMESTAMPTZ NOT NULL,
            "end" TIMESTAMPTZ NOT NULL, app VARCHAR, kind VARCHAR, window_title VARCHAR,
            text VARCHAR, url VARCHAR, path VARCHAR, text_purged_at TIMESTAMPTZ)
        """
    )
    con.execute(
        """
        CREATE TABLE attributions (
            span_id VARCHAR PRIMARY KEY, case_id BIGINT, confidence DOUBLE NOT NULL,
            abstained BOOLEAN NOT NULL, billable BOOLEAN NOT NULL, reasons VARCHAR[],
            model_version VARCHAR)
        """
    )
    con.execute(
        """
        CREATE TABLE corrections (
            id VARCHAR PRIMARY KEY, span_id VARCHAR NOT NULL, "user" BIGINT NOT NULL,
            from_case_id BIGINT, to_case_id BIGINT, made_at TIMESTAMPTZ NOT NULL,
            undone BOOLEAN NOT NULL DEFAULT false)
        """
    )
    con.execute(
        """
        CREATE TABLE entries (
            id VARCHAR PRIMARY KEY, "user" BIGINT NOT NULL, case_id BIGINT NOT NULL,
            entry_date DATE NOT NULL, worked_seconds BIGINT NOT NULL, hours DECIMAL(8, 1),
            rate DECIMAL(12, 2), activity_name VARCHAR, description VARCHAR, billable BOOLEAN,
            span_ids VARCHAR[], status VARCHAR NOT NULL, remote_id BIGINT,
            updated_at TIMESTAMPTZ NOT NULL)
        """
    )
    con.execute("CREATE TABLE sync_state (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")


def _sync_ledger(con: duckdb.DuckDBPyConnection) -> None:
    """The sync engine's last-synced state: links, intents, conflicts.

    MyCase keeps hours to the hundredth (a billing manager may enter 0.25), so a
    pulled edit must not be rounded by the entries table.
    """
    con.execute("ALTER TABLE entries ALTER hours TYPE DECIMAL(10, 2)")
    # One row per local entry that MyCase holds: the remote id and what was last
    # synced (the base of the three-way diff), as canonical JSON and its hash.
    con.execute(
        """
        CREATE TABLE sync_links (
            entry_id VARCHAR PRIMARY KEY, remote_id BIGINT NOT NULL,
            base VARCHAR NOT NULL, base_hash VARCHAR NOT NULL,
            synced_at TIMESTAMPTZ NOT NULL)
        """
    )
    # A write to MyCase recorded before it is sent: create, or replace (create the
    # new entry, then delete `old_remote_id`). `new_remote_id` is set once known.
    con.execute(
        """
        CREATE TABLE sync_intents (
            entry_id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, fields VARCHAR NOT NULL,
            old_remote_id BIGINT, new_remote_id BIGINT, started_at TIMESTAMPTZ NOT NULL)
        """
    )
    # What the engine could not decide: shown to the user, never dropped.
    con.execute(
        """
        CREATE TABLE sync_conflicts (
            entry_id VARCHAR PRIMARY KEY, remote_id BIGINT, reason VARCHAR NOT NULL,
            fields VARCHAR[], base VARCHAR, local VARCHAR, remote VARCHAR,
            detected_at TIMESTAMPTZ NOT NULL)
        """
    )


def _correction_features(con: duckdb.DuckDBPyConnection) -> None:
    """What the combiner weighed for a corrected span, kept for the data team's retraining:
    the candidate case ids, one feature row per candidate, the "no matter" boost, and the
    feature names they were computed with (a reader checks them against its own). NULL
    where the correction was made without them (and for corrections made before this)."""
    con.execute("ALTER TABLE corrections ADD COLUMN candidates BIGINT[]")
    con.execute("ALTER TABLE corrections ADD COLUMN features DOUBLE[][]")
    con.execute("ALTER TABLE corrections ADD COLUMN none_boost DOUBLE")
    con.execute("ALTER TABLE corrections ADD COLUMN feature_names VARCHAR[]")


def _entry_edited(con: duckdb.DuckDBPyConnection) -> None:
    """Whether the lawyer changed an entry by hand: drafting the day again keeps it."""
    con.execute("ALTER TABLE entries ADD COLUMN edited BOOLEAN NOT NULL DEFAULT false")


def _entry_utbms(con: duckdb.DuckDBPyConnection) -> None:
    """UTBMS task and activity codes of an entry, kept locally for the LEDES export
    (MyCase has no field for them). Empty for entries drafted before this."""
    con.execute("ALTER TABLE entries ADD COLUMN task_code VARCHAR NOT NULL DEFAULT ''")
    con.execute("ALTER TABLE entries ADD COLUMN activity_code VARCHAR NOT NULL DEFAULT ''")


def _attribution_candidates(con: duckdb.DuckDBPyConnection) -> None:
    """The best matters an attribution weighed, for the review's "which matter?" flags:
    case ids (NULL: no matter) and their probabilities, best first."""
    con.execute("ALTER TABLE attributions ADD COLUMN candidate_cases BIGINT[]")
    con.execute("ALTER TABLE attributions ADD COLUMN candidate_probabilities DOUBLE[]")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial", _initial),
    Migration(2, "sync_ledger", _sync_ledger),
    Migration(3, "correction_features", _correction_features),
    Migration(4, "entry_edited", _entry_edited),
    Migration(5, "entry_utbms", _entry_utbms),
    Migration(6, "attribution_candidates", _attribution_candidates),
)
