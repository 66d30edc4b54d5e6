"""The public search GET /api/v1/formations in one short pass beside Litestar's (issue 10).

Every search a student types is new: through the route handler it paid Litestar's way to the handler (the
session, CSRF and compression middlewares stepping over it, the request, the handler's call, a Response and its
headers made anew), about a tenth of its cost. This middleware, after the edge (request id, access line,
metrics) and admission, answers it from the same function as the handler (api.search_answer): same body, same
headers, which the app's before_send hooks complete as for any answer (security headers), and Litestar's
compression middleware gzips when the client accepts it. A bad value (FieldError) or no catalogue yet takes the
full path, which answers as it always did (400 naming the field, 503); so does any other method or path.
"""
from __future__ import annotations

from mps.domain.catalogue.api import search_answer
from mps.lib.errors import FieldError
from mps.web.lanes import send_json

PATH = "/api/v1/formations"


def search_lane(app):
    """Litestar middleware factory (the catalogue area's, first of the areas' middlewares)."""
    async def lane(scope, receive, send) -> None:
        if scope["path"] != PATH or scope["method"] != "GET" or scope["type"] != "http":
            await app(scope, receive, send)
            return
        litestar = scope["litestar_app"]
        catalogue = litestar.state.catalogue.current
        if catalogue is None:
            await app(scope, receive, send)
            return
        try:
            body = search_answer(catalogue, scope.get("query_string", b""))
        except FieldError:
            await app(scope, receive, send)
            return
        await send_json(scope, receive, send, body)
    return lane
