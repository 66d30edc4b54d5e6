"""A request's body read as Litestar's Request.body() reads it, without building a Request and parsing its headers.

The hostile-input check (mps.web.edge) reads every JSON body before any handler, and the sync lane reads it again:
through Request.body() with its headers that cost a one-operation sync about 100k instructions (issue 16). Same
rules: the route's body size limit (413, announced or streamed), a bad Content-Length (400), a client gone
(Litestar's 500, which mps.web.errors answers and logs as a 408). The bytes are kept where Litestar keeps them (the connection's state), so a handler's
Request.body() reads the same ones.
"""
from __future__ import annotations

import math

from litestar.exceptions import ClientException, InternalServerException
from litestar.exceptions.http_exceptions import RequestEntityTooLarge
from litestar.types import Empty
from litestar.utils.scope.state import ScopeState


def header(scope, name: bytes) -> str | None:
    """The first value of a header (`name` lower case, as ASGI gives them)."""
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return None


async def body_of(scope, receive) -> bytes:
    state = ScopeState.from_scope(scope)
    if state.body is not Empty:
        return state.body
    limit = scope["route_handler"].resolve_request_max_body_size() or math.inf
    announced = header(scope, b"content-length")
    if announced is not None:
        try:
            length = int(announced)
        except ValueError:
            raise ClientException(f"Invalid content-length: {announced!r}") from None
        if length > limit:
            raise RequestEntityTooLarge
    chunks, total = [], 0
    while event := await receive():
        if event["type"] == "http.request":
            if chunk := event["body"]:
                total += len(chunk)
                if total > limit:  # on the bytes received (a decompressing middleware may pass the announced length)
                    raise RequestEntityTooLarge
                chunks.append(chunk)
            if not event.get("more_body", False):
                break
        if event["type"] == "http.disconnect":
            raise InternalServerException("client disconnected prematurely")
    state.body = b"".join(chunks)
    return state.body
