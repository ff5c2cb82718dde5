"""Two-way sync with MyCase: the v1 API client (`sync.client`) and its emulator (`sync.emulator`)."""
