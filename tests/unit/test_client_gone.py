"""A client gone in the middle of its body (or cut by mps.web.http_protocol after 60 s) was logged and counted as a
500 (Litestar's « client disconnected prematurely »): the client's doing, now a 408 like the protocol's answer."""
from __future__ import annotations

import asyncio

from litestar import Request
from litestar.exceptions import InternalServerException

from mps.web.body import body_of
from mps.web.errors import INCOMPLETE, http_error


class _Route:
    def resolve_request_max_body_size(self):
        return 100


def _request(path: str) -> Request:
    return Request({"type": "http", "method": "POST", "path": path, "root_path": "", "scheme": "http",
                    "server": ("127.0.0.1", 9600), "headers": [], "query_string": b"", "app": None,
                    "route_handler": _Route()})


def _gone() -> InternalServerException:
    events = [{"type": "http.request", "body": b"{", "more_body": True}, {"type": "http.disconnect"}]

    async def receive():
        return events.pop(0)

    async def read():
        try:
            await body_of(_request("/api/v1/sync").scope, receive)
        except InternalServerException as exc:
            return exc
    return asyncio.run(read())


def test_a_client_gone_mid_body_is_answered_408_not_500():
    answer = http_error(_request("/api/v1/sync"), _gone())
    assert answer.status_code == 408 and answer.content["detail"] == INCOMPLETE


def test_another_internal_error_stays_a_500():
    answer = http_error(_request("/api/v1/sync"), InternalServerException("boom"))
    assert answer.status_code == 500
