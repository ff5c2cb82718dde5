"""The base of tenths' own errors: a message for the user, not a bug."""

from __future__ import annotations


class TenthsError(Exception):
    """Something the user can act on; the message says what and where."""


class RecordError(TenthsError, ValueError):
    """A record was built from a bad value; the message names the field."""


class InputError(TenthsError):
    """A file the user gave is malformed; names the file, line and field."""

    def __init__(self, path: str, message: str, line: int | None = None, field: str | None = None):
        where = path if line is None else f"{path}:{line}"
        what = message if field is None else f"{field}: {message}"
        super().__init__(f"{where}: {what}")
        self.path = path
        self.line = line
        self.field = field


class StoreError(TenthsError):
    """The store could not be opened or migrated."""


class SettingsError(TenthsError):
    """The settings file has problems; all of them are listed."""
