"""A faithful MyCase v1 emulator (see shared/MYCASE_API.md): in-process or over HTTP.

    with serve(firm) as mycase:          # http://127.0.0.1:PORT
        tokens = mycase.admin.issue_tokens(staff_id=3)
        ...

or `Emulator(firm).transport()` for an in-process httpx transport.
"""

from .admin import Admin
from .app import Emulator, EmulatorTransport
from .faults import AnswerLost
from .server import ServedEmulator, serve, serve_emulator
from .settings import EmulatorSettings, FaultSettings, OAuthClientConfig
from .state import EmulatorProblem
from .webhooks import SIGNATURE_HEADER, WebhookDelivery, sign

__all__ = [
    "SIGNATURE_HEADER",
    "Admin",
    "AnswerLost",
    "Emulator",
    "EmulatorProblem",
    "EmulatorSettings",
    "EmulatorTransport",
    "FaultSettings",
    "OAuthClientConfig",
    "ServedEmulator",
    "WebhookDelivery",
    "serve",
    "serve_emulator",
    "sign",
]
