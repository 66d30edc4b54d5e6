"""One ASGI pass for what every request crosses: request id, access line, metrics and the hostile-input check.

They were three stacked middlewares (the request id, Litestar's Prometheus middleware, the hostile-input
check), each with its own send wrapper and exclusion test, two of them building a Request: about a third of
what a cheap request cost (docs/benchmarks.md, request_cost.py). Done once here, with the same results:
- request id: a proxy's well-formed `X-Request-Id` is kept, else one is made; sent back, on every log line;
- access line (mps.web.observability): the route's template, never the path or query typed;
- metrics: the names and labels Litestar's Prometheus middleware used (mps_requests_total,
  mps_request_duration_seconds, mps_requests_in_progress, mps_requests_error_total by method, route
  template, status and app), each label set's child looked up once per process instead of per request;
- hostile input (mps.web.hostile_input): checked before any handler; mounted apps (Piccolo Admin at /admin) are left alone.
"""
from __future__ import annotations

import random
import re
import time

from litestar.exceptions import HTTPException
from litestar.handlers import ASGIRouteHandler
from prometheus_client import Counter, Gauge, Histogram

from mps.web.hostile_input import refuse_hostile
from mps.web.observability import REQUEST_ID, access_log

_GOOD_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")
_LABELS = ("method", "path", "status_code", "app_name")
APP_NAME = "mps"
_REQUESTS = Counter("mps_requests_total", "Total requests", _LABELS)
_ERRORS = Counter("mps_requests_error_total", "Total errors in requests", _LABELS)
_DURATION = Histogram("mps_request_duration_seconds", "Request duration, in seconds", _LABELS)
_IN_PROGRESS = Gauge("mps_requests_in_progress", "Total requests currently in progress", _LABELS,
                     multiprocess_mode="livesum")
_UNMEASURED = ("/metrics",)  # a scrape does not count itself
_children: dict[tuple, tuple] = {}  # (method, route, status) -> the metrics' children for those labels


def _metrics_for(method: str, route: str, status: int) -> tuple:
    key = (method, route, status)
    found = _children.get(key)
    if found is None:
        labels = (method, route, status, APP_NAME)
        found = _children[key] = (_REQUESTS.labels(*labels), _DURATION.labels(*labels), _ERRORS.labels(*labels)
                                  if status >= 500 else None)
    return found


def _in_progress(method: str, route: str):
    key = (method, route, None)
    found = _children.get(key)
    if found is None:
        found = _children[key] = _IN_PROGRESS.labels(method, route, 200, APP_NAME)
    return found


def edge_middleware(app):
    """ASGI middleware, outermost after the proxies (Litestar builds it once per route)."""

    async def edge(scope, receive, send):
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        given = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"x-request-id"), "")
        # Unique, not secret: 128 bits from the process's PRNG (reseeded after fork) cost no system call, uuid4 did.
        rid = given if _GOOD_ID.fullmatch(given) else f"{random.getrandbits(128):032x}"
        rid_header = (b"x-request-id", rid.encode())
        token = REQUEST_ID.set(rid)
        started = time.perf_counter()
        method, route = scope["method"], scope.get("path_template") or "-"
        measured = route not in _UNMEASURED
        if measured:
            _in_progress(method, route).inc()
        status = 500

        async def send_with_id(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), rid_header]
            await send(message)

        try:
            if not isinstance(scope.get("route_handler"), ASGIRouteHandler):  # a mounted app (Piccolo Admin
                await refuse_hostile(scope, receive)  # at /admin) reads its own body; scope["path"] is its sub-path
            await app(scope, receive, send_with_id)
        except HTTPException as exc:  # answered by the app's exception handler, outside this middleware
            status = exc.status_code
            raise
        finally:
            duration = time.perf_counter() - started
            if measured:
                _in_progress(method, route).dec()
                count, histogram, errors = _metrics_for(method, route, status)
                count.inc()
                histogram.observe(duration)
                if errors is not None:
                    errors.inc()
            http = {"method": method, "route": route, "status": status, "duration_ms": round(duration * 1000, 2)}
            access_log.info("%(method)s %(route)s %(status)s %(duration_ms)s ms", http, extra={"http": http})
            REQUEST_ID.reset(token)

    return edge
