"""One ASGI pass for what every request crosses: request id, access line, metrics and the hostile-input check.

They were three stacked middlewares (the request id, Litestar's Prometheus middleware, the hostile-input
check), each with its own send wrapper and exclusion test, two of them building a Request: about a third of
what a cheap request cost (docs/benchmarks.md, request_cost.py). Done once here, with the same results:
- request id: a proxy's well-formed `X-Request-Id` is kept, else one is made; sent back, on every log line;
- access line (mps.web.observability): the route's template, never the path or query typed;
- metrics: the names and labels Litestar's Prometheus middleware used (mps_requests_total,
  mps_request_duration_seconds, mps_requests_in_progress, mps_requests_error_total by method, route
  template, status and app), each label set's values looked up once per process and written straight;
- hostile input (mps.web.hostile_input): checked before any handler; mounted apps (Piccolo Admin at /admin) are left alone;
- then a write another site sent is refused (mps.web.cross_site), and the request waits its turn (mps.web.admission).
"""
from __future__ import annotations

import os
import random
import re
import struct
import time
from bisect import bisect_left

from litestar.exceptions import HTTPException
from litestar.handlers import ASGIRouteHandler
from prometheus_client import Counter, Gauge, Histogram

from mps.lib.logs import REQUEST_ID
from mps.lib.turns import Turn, current
from mps.web.admission import NEVER_WAIT, Gate
from mps.web.hostile_input import carries_a_body, refuse_hostile_body, refuse_hostile_url
from mps.web.observability import write_access_line

_GOOD_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")
_LABELS = ("method", "path", "status_code", "app_name")
APP_NAME = "mps"
_REQUESTS = Counter("mps_requests_total", "Total requests", _LABELS)
_ERRORS = Counter("mps_requests_error_total", "Total errors in requests", _LABELS)
_DURATION = Histogram("mps_request_duration_seconds", "Request duration, in seconds", _LABELS)
_IN_PROGRESS = Gauge("mps_requests_in_progress", "Total requests currently in progress", _LABELS,
                     multiprocess_mode="livesum")
_UNMEASURED = ("/metrics",)  # a scrape does not count itself
_children: dict[tuple, object] = {}  # (method, route, status or None) -> the metrics' values for those labels
os.register_at_fork(after_in_child=_children.clear)  # a forked worker counts in its own files (_Slot)
_VALUE_INTO = struct.Struct(b"d").pack_into  # the value of prometheus_client's record (value, timestamp 0.0)


class _Slot:
    """One metric value, counted by the event loop's thread only. In `mps serve`'s multiprocess files it is written
    straight into the process's file as MmapedValue.inc() writes it: inc() took a lock and asked the kernel for the
    process id on each call, seven times a request. Only the value's 8 bytes are written (one aligned store: a
    scrape never reads half of it), in place: the record's timestamp is 0.0 for good (inc() writes 0.0, and
    __init__'s inc(0) wrote it), and packing the record anew made a bytes object and a slice each time.
    Elsewhere (one process: tests, development) the value's own inc()."""

    __slots__ = ("value", "file", "pos")

    def __init__(self, value):
        self.value, self.file, self.pos = value, None, 0
        if getattr(value, "_multiprocess", False):
            value.inc(0)  # in this process's file (after a fork inc() moves every value to the new process's files)
            self.file, self.pos = value._file, value._file._positions[value._key]

    def inc(self, amount: float) -> None:
        value, file = self.value, self.file
        if file is None:
            value.inc(amount)
            return
        value._value += amount
        _VALUE_INTO(file._m, self.pos, value._value)  # file._m: a grown file is a new map


class _Measures:
    """The metrics' values for one label set, written straight: prometheus_client's inc() and observe() check the
    metric and the amount and walk the buckets on each call (a fifth of the edge's cost per request)."""

    __slots__ = ("requests", "duration_sum", "buckets", "bounds", "errors")

    def __init__(self, labels: tuple, errors: bool):
        histogram = _DURATION.labels(*labels)
        self.requests = _Slot(_REQUESTS.labels(*labels)._value)
        self.duration_sum, self.buckets = _Slot(histogram._sum), [_Slot(b) for b in histogram._buckets]
        self.bounds = histogram._upper_bounds  # ascending, +Inf last
        self.errors = _Slot(_ERRORS.labels(*labels)._value) if errors else None

    def count(self, duration: float) -> None:
        self.requests.inc(1)
        self.duration_sum.inc(duration)
        self.buckets[bisect_left(self.bounds, duration)].inc(1)  # the first bucket whose bound holds it
        if self.errors is not None:
            self.errors.inc(1)


def _metrics_for(method: str, route: str, status: int) -> _Measures:
    key = (method, route, status)
    found = _children.get(key)
    if found is None:
        found = _children[key] = _Measures((method, route, status, APP_NAME), status >= 500)
    return found


def _in_progress(method: str, route: str):
    key = (method, route, None)
    found = _children.get(key)
    if found is None:
        found = _children[key] = _Slot(_IN_PROGRESS.labels(method, route, 200, APP_NAME)._value)
    return found


def edge_middleware(app, refuse_cross_site=None, gate: Gate | None = None):
    """ASGI middleware, outermost after the proxies (Litestar builds it once per route): `refuse_cross_site` raises
    for a write another site sent (mps.web.cross_site), `gate` lets a few requests in at once (mps.web.admission).
    Both were middlewares of their own: one pass costs a coroutine, a send wrapper and a frame less for each."""

    async def edge(scope, receive, send):
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        given = ""
        for name, value in scope["headers"]:  # (a loop: a generator was made for every request)
            if name == b"x-request-id":
                given = value.decode("latin-1")
                break
        # Unique, not secret: 128 bits from the process's PRNG (reseeded after fork) cost no system call, uuid4 did.
        # (to_bytes().hex() writes the f"{n:032x}" text for two thirds of its instructions)
        rid = given if given and _GOOD_ID.fullmatch(given) else random.getrandbits(128).to_bytes(16, "big").hex()
        rid_header = (b"x-request-id", rid.encode())
        token = REQUEST_ID.set(rid)
        started = time.perf_counter()
        method, route = scope["method"], scope.get("path_template") or "-"
        progress = _in_progress(method, route) if route not in _UNMEASURED else None
        if progress is not None:
            progress.inc(1)
        status, turn, turn_token = 500, None, None

        async def send_with_id(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), rid_header]
                if turn is not None:  # the work is done: a client slow to read its answer holds no turn
                    turn.free()
            await send(message)

        try:
            if not isinstance(scope.get("route_handler"), ASGIRouteHandler):  # a mounted app (Piccolo Admin
                refuse_hostile_url(scope)  # at /admin) reads its own body; scope["path"] is its sub-path
                if carries_a_body(scope):
                    await refuse_hostile_body(scope, receive)  # (read before the turn: a slow sender holds none)
            if refuse_cross_site is not None:
                refuse_cross_site(scope)
            if gate is not None and scope["path"] not in NEVER_WAIT:
                turn = Turn(gate.get())
                if not turn.take_free():
                    await turn.take()
                turn_token = current.set(turn)  # a handler waiting on another server gives its turn back
            await app(scope, receive, send_with_id)
        except HTTPException as exc:  # answered by the app's exception handler, outside this middleware
            status = exc.status_code
            raise
        finally:
            if turn is not None:
                turn.free()
            if turn_token is not None:
                current.reset(turn_token)
            duration = time.perf_counter() - started
            if progress is not None:
                progress.inc(-1)
                _metrics_for(method, route, status).count(duration)
            write_access_line(method, route, status, duration)
            REQUEST_ID.reset(token)

    return edge
