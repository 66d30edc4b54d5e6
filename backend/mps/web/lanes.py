"""What the short lanes (a busy GET answered beside Litestar's route handling: catalogue/web.py, the stage board's
stages/web/search_lane.py) send: a JSON body with the handler's headers, gzipped by Litestar's compression middleware
when the client accepts it; the app's before_send hooks complete the headers as for any answer."""
from __future__ import annotations

from urllib.parse import unquote

from litestar.middleware.compression import CompressionMiddleware

from mps.web.compression import accepts_gzip

_JSON = (b"content-type", b"application/json")



def first_values(query_string: bytes) -> dict[str, str]:
    """A raw query string as Litestar parses it (parse_qsl with blank values kept), the first value of a name
    winning as in request.query_params (a MultiDict, dearer to build).

    parse_qsl's steps written out: it checked and coerced its arguments and unquoted every name and value through
    several calls, on every uncached search; here a part without « % » is not unquoted at all."""
    params: dict[str, str] = {}
    for part in query_string.decode("latin-1").split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        name, value = name.replace("+", " "), value.replace("+", " ")
        if "%" in name:
            name = unquote(name, errors="replace")
        if name not in params:
            params[name] = unquote(value, errors="replace") if "%" in value else value
    return params


async def send_json(scope, receive, send, body: bytes) -> None:
    async def answer(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [_JSON, (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    if accepts_gzip(scope):  # as GzipWhenAccepted
        await CompressionMiddleware(answer, scope["litestar_app"].compression_config)(scope, receive, send)
    else:
        await answer(scope, receive, send)
