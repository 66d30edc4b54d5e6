"""mps.web.body reads a body as Litestar's Request.body() does: same bytes or same error, kept for the handler."""
from __future__ import annotations

import asyncio

import pytest
from litestar import Request

from mps.web.body import body_of, header


class _Route:
    def resolve_request_max_body_size(self):
        return 10


def _scope(length: str | None) -> dict:
    headers = [(b"content-type", b"application/json")] + ([(b"content-length", length.encode())] if length else [])
    return {"type": "http", "method": "POST", "path": "/api/v1/sync", "headers": headers, "route_handler": _Route(),
            "query_string": b"", "app": None}


def _receive(events: list):
    events = list(events)

    async def receive():
        return events.pop(0)
    return receive


CASES = {
    "one chunk": (None, [{"type": "http.request", "body": b"[1, 2]"}]),
    "chunks": ("6", [{"type": "http.request", "body": b"[1,", "more_body": True},
                     {"type": "http.request", "body": b"", "more_body": True},
                     {"type": "http.request", "body": b" 2]"}]),
    "announced too large": ("11", [{"type": "http.request", "body": b"[]"}]),
    "streamed too large": (None, [{"type": "http.request", "body": b"[1,2,3", "more_body": True},
                                  {"type": "http.request", "body": b",4,5]"}]),
    "bad length": ("six", [{"type": "http.request", "body": b"[]"}]),
    "client gone": (None, [{"type": "http.request", "body": b"[", "more_body": True}, {"type": "http.disconnect"}]),
}


async def _outcome(read, length, events):
    try:
        return await read(_scope(length), _receive(events))
    except Exception as exc:  # noqa: BLE001 - the error is what is compared
        return type(exc), getattr(exc, "status_code", None), getattr(exc, "detail", None)


@pytest.mark.parametrize("case", CASES)
def test_a_body_reads_as_litestar_reads_it(case):
    length, events = CASES[case]
    litestar = asyncio.run(_outcome(lambda s, r: Request(s, r).body(), length, events))
    assert asyncio.run(_outcome(body_of, length, events)) == litestar


def test_the_body_is_kept_for_the_handler():
    async def run():
        scope = _scope(None)
        first = await body_of(scope, _receive([{"type": "http.request", "body": b"[1]"}]))
        again = await Request(scope, _receive([])).body()  # nothing left to receive: from the connection's state
        return first, again, await body_of(scope, _receive([]))
    assert asyncio.run(run()) == (b"[1]", b"[1]", b"[1]")


def test_a_header_is_its_first_value():
    assert header({"headers": [(b"x-a", b"1"), (b"x-a", b"2")]}, b"x-a") == "1"
    assert header({"headers": []}, b"x-a") is None
