"""Sources besides the focused window: documents, calendars and call logs."""
