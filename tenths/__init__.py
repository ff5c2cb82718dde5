"""tenths: local-first timekeeping for law firms.

This package is the ground floor, what every stage shares: the records
(``tenths.records``), the store (``tenths.store``), the settings
(``tenths.settings``) and the errors (``tenths.errors``). It imports no stage;
the command line, the demo and the service live in ``app/``.
"""

import os

# onnxruntime writes a device id and telemetry under ~/.cache on import unless
# this is set first; tenths must write nothing it was not asked to.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
