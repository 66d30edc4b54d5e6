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
mps.web.edge takes and frees the turns in its one pass (a middleware of its own cost a tenth of a cached search).
"""
from __future__ import annotations

import asyncio


NEVER_WAIT = frozenset({"/healthz", "/readyz", "/metrics"})


class Gate:
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


def admission_gate(settings) -> Gate | None:
    """The process's gate for settings.active_requests (None when 0: no limit), made once per app (mps.web.edge
    takes the turns in its pass, where every request comes in)."""
    return Gate(settings.active_requests) if settings.active_requests > 0 else None
