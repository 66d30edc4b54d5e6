"""The board's search GET /api/v1/stages for an anonymous visitor in one short pass beside Litestar's (issue 14).

The opening day's most requested endpoint, every search new: through the route handler it paid the session,
CSRF and compression middlewares stepping over it, the dependencies' injection, the request and a Response made
anew, about a quarter of its CPU. This middleware, placed before the session middleware (asgi.AREAS), answers a
search sent without any cookie (no account, no device id: the viewer is anonymous, no read) with the handler's
own functions (stage_query, search, search_response): same body and headers, the before_send hooks completing
them, gzip when accepted (mps.web.lanes). Anything else takes the full path, and so does a search that fails
before its answer is sent (a bad value: 400 naming the field; the database out of reach), answered there as it
always was.
"""
from __future__ import annotations

import msgspec

from mps.domain.stages.api.search import search_response
from mps.domain.stages.search import search, stage_query
from mps.domain.stages.seekers import viewer_for
from mps.domain.stages.web import clock, demo_mode, provide_board
from mps.web.db import read_connection_of
from mps.web.lanes import first_values, send_json

PATH = "/api/v1/stages"
_ENCODER = msgspec.json.Encoder()


async def search_answer(app, query_string: bytes) -> bytes:
    """The JSON the handler answers to an anonymous visitor's search; FieldError on a bad value."""
    settings = app.state.settings
    board = provide_board(settings)
    now, today = clock(settings)
    query = stage_query(board, first_values(query_string), today)
    async with read_connection_of(app) as conn:
        viewer = await viewer_for(conn, board, None, demo=demo_mode(settings))
        total, items = await search(conn, board, query, viewer, now, today)
    return _ENCODER.encode(search_response(query, total, items))


def stage_search_lane(app):
    """Litestar middleware factory (stages' SEARCH_LANE area, before the accounts' session middleware)."""
    async def lane(scope, receive, send) -> None:
        if (scope["type"] != "http" or scope["path"] != PATH or scope["method"] != "GET"
                or any(k == b"cookie" or k == b"authorization" for k, _ in scope["headers"])):
            await app(scope, receive, send)
            return
        try:
            body = await search_answer(scope["litestar_app"], scope.get("query_string", b""))
        except Exception:  # (nothing sent yet) the full path answers it as it always did: 400, 503, its log line
            await app(scope, receive, send)
            return
        await send_json(scope, receive, send, body)
    return lane
