"""Matter attribution: embeddings, entities and matching over captured spans.

The first statement switches off onnxruntime's telemetry. The onnxruntime
Linux wheel, on import, writes a device id and queues an event under
``~/.cache/Microsoft/DeveloperTools/.onnxruntime/`` unless
``ORT_DISABLE_TELEMETRY=1`` is in the environment *before* the import
(``onnxruntime.disable_telemetry_events()`` comes too late). Every module that
imports onnxruntime lives in this package, so setting it here covers them.
Keep it first: nothing may import onnxruntime before it.
"""

import os

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
