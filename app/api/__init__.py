"""The local HTTP API of the running service (FastAPI), on 127.0.0.1 only.

``build.create_api`` makes it. Every request passes ``guard.Guard`` (Host,
Origin, the install's token). The routes live in small modules: ``status``
(state, pause, resume, stop), ``spans`` (a day's spans, purge), ``intake``
(heartbeats from the browser extension and other local sources), ``day``
(entries and attributions, for the review page). ``models`` holds the bodies,
which the CLI reads too. The OpenAPI schema, at ``/openapi.json`` behind the
token or printed by ``tenths service openapi``, is the API's documentation.
"""
