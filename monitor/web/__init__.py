"""The web face of the service: status pages, a JSON API, Atom feeds of status changes, metrics.

Served by the daemon when ``[http] listen`` is set, or by ``rumour-monitor serve`` (read only).
Modules: ``app`` (the application and its security rules), ``pages`` and ``api`` (the routes),
``auth`` (token, login cookie, CSRF), ``atom``, ``chart`` (the evidence chart as SVG),
``metrics`` (Prometheus counters fed by the log events), ``server`` (uvicorn).
"""
