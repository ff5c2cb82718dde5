"""app: the application layer of tenths, the one place that wires stages together.

The command line (``app.cli``), the demo, the correction commands, the
background service and its local HTTP API live here. ``tenths/`` below is the
ground floor (records, store, settings, errors) and imports no stage; no stage
imports this package.
"""

import tenths  # noqa: F401  (sets ORT_DISABLE_TELEMETRY before anything imports onnxruntime)
