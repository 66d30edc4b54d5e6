"""Admission: each web process works on a few requests at a time; the others wait their turn, in arrival order.

Under overload an event loop runs every request it holds one step at a time: a request that waits on the
database ten times (a sync) waits ten times behind all the others, while one answered in a single step (a
search) waits once, so the requests made of several steps make the whole latency tail (issue 16: sync's
p50 was 0.4–0.9 s inside the app at 100 connections, searches' 0.3 ms). Letting MPS_ACTIVE_REQUESTS in at
once keeps the loop's round short; the others wait first come, first served, so every kind of request waits
about as long as the others.

- A request's slot is freed when its answer starts: the work is done, and a client slow to read its answer
  (or a streamed one) holds no slot. JSON and form bodies are read before (mps.web.edge checks them), so a
  client slow to send one holds none either.
- A request waiting on another server (an SMTP relay) gives its slot back meanwhile: mps.lib.turns.
- /healthz, /readyz and /metrics never wait: a probe must see the process, not the queue.
"""
from __future__ import annotations

import asyncio

from litestar.middleware import DefineMiddleware

from mps.lib.turns import Turn, current

NEVER_WAIT = frozenset({"/healthz", "/readyz", "/metrics"})


class _Gate:
    """The process's semaphore, made for the running event loop (tests run one app under several loops)."""

    def __init__(self, limit: int):
        self.limit = limit
        self.loop: asyncio.AbstractEventLoop | None = None
        self.slots: asyncio.Semaphore | None = None

    def get(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if loop is not self.loop or self.slots is None:
            self.loop, self.slots = loop, asyncio.Semaphore(self.limit)
        return self.slots


def admission_middleware(settings) -> list[DefineMiddleware]:
    """The middleware for settings.active_requests (none when 0). Litestar builds a middleware once per
    route: the gate is made here, once per app, and shared by all of them."""
    if settings.active_requests <= 0:
        return []
    return [DefineMiddleware(admitted, gate=_Gate(settings.active_requests))]


def admitted(app, gate: _Gate):
    async def middleware(scope, receive, send):
        if scope["type"] != "http" or scope["path"] in NEVER_WAIT:
            await app(scope, receive, send)
            return
        turn = Turn(gate.get())
        if not turn.take_free():
            await turn.take()
        token = current.set(turn)  # a handler waiting on another server gives its turn back (mps.lib.turns)

        async def send_and_free(message):
            if message["type"] == "http.response.start":
                turn.free()
            await send(message)

        try:
            await app(scope, receive, send_and_free)
        finally:
            turn.free()
            current.reset(token)

    return middleware
