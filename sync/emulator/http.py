"""Small helpers to read and write JSON over werkzeug."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from werkzeug.wrappers import Request, Response

from .state import EmulatorProblem, ProblemItem


def _default(value: object) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def json_response(
    payload: object, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    body = json.dumps(payload, default=_default, separators=(",", ":"))
    return Response(body, status=status, headers=headers, mimetype="application/json")


def problem_response(problem: EmulatorProblem) -> Response:
    return json_response(problem.to_json(), problem.status, problem.headers)


def read_json(request: Request) -> object:
    """The request body parsed with exact decimals; 400 if it is not JSON."""
    raw = request.get_data(cache=True)
    try:
        return json.loads(raw.decode("utf-8"), parse_float=Decimal)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise EmulatorProblem(
            400, ProblemItem("Malformed JSON in request body", pointer="")
        ) from None
