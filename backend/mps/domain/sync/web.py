"""A signed-in device's POST /api/v1/sync on PostgreSQL in one short pass, beside Litestar's (issue 16).

The sync of one operation is the app's most frequent write on opening day. Through the route handler it cost
the session lookup (a round trip of its own), Litestar's CSRF and compression middlewares, the handler's
parameter parsing and response, and an ORM session: most of its CPU, more than the sync itself
(docs/benchmarks.md « Sync in two round trips »). This middleware, in front of the session middleware, answers
the common case itself: a signed-in browser's JSON batch whose CSRF header matches its cookie (Litestar's own
rule: both tokens signed with the app's secret, and equal). The session is read with the sync's read, by its
token's hash (mps.domain.sync.store): expired or ended, nothing is read and the request takes the full path.
Anything else takes the full path as well, which then answers as it always did: no session cookie (an anonymous
device), SQLite, a CSRF mismatch (403), a body that does not decode as a batch (400 naming the field), no
catalogue yet (503). The answer is SyncOut encoded as Litestar encodes it, through the app's before_send hooks
and, when the client accepts gzip, Litestar's compression middleware: the same bytes and headers.
"""
from __future__ import annotations

from hmac import compare_digest

import msgspec
from litestar import Request
from litestar.middleware.csrf import CSRF_SECRET_LENGTH, generate_csrf_hash
from litestar.middleware.compression import CompressionMiddleware

from mps.db.driver import driver_of
from mps.domain.sync.schemas import SyncIn
from mps.domain.sync.service import sync_signed_in
from mps.web.sessions import session_token_hash

PATH = "/api/v1/sync"
_DECODE = msgspec.json.Decoder(SyncIn)
_ENCODE = msgspec.json.Encoder()
_JSON_HEADERS = ((b"content-type", b"application/json"),)


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name and value:
            return value
    return None


def _csrf_matches(config, header: str | None, cookie: str | None) -> bool:
    """Litestar's CSRFMiddleware rule: the header's and the cookie's tokens each signed with the secret, and equal."""
    def secret_of(token: str | None) -> str | None:
        if not token or len(token) < CSRF_SECRET_LENGTH + 1:
            return None
        secret, signature = token[:CSRF_SECRET_LENGTH], token[CSRF_SECRET_LENGTH:]
        return secret if compare_digest(signature, generate_csrf_hash(token=secret, secret=config.secret)) else None
    mine, theirs = secret_of(header), secret_of(cookie)
    return mine is not None and theirs is not None and compare_digest(mine, theirs)


def sync_lane(app):
    """Litestar middleware factory (the sync area's, listed before the session middleware's area)."""
    async def lane(scope, receive, send) -> None:
        if scope["path"] != PATH or scope["method"] != "POST" or scope["type"] != "http":
            await app(scope, receive, send)
            return
        litestar = scope["litestar_app"]
        state = litestar.state
        token_hash = session_token_hash(scope)
        catalogue = state.catalogue.current
        if token_hash is None or catalogue is None or state.engine.dialect.name != "postgresql":
            await app(scope, receive, send)
            return
        cookies = csrf_header = content_type = None
        gzip = False
        for name, value in scope["headers"]:
            if name == b"cookie":
                cookies = value.decode("latin-1") if cookies is None else f"{cookies}; {value.decode('latin-1')}"
            elif name == b"x-csrftoken":
                csrf_header = value.decode("latin-1")
            elif name == b"content-type":
                content_type = value.decode("latin-1")
            elif name == b"accept-encoding" and b"gzip" in value:
                gzip = True
        config = litestar.csrf_config
        # JSON only: mps.web.edge checked such a body for hostile text (and Litestar's handler takes JSON alone)
        if not (content_type or "").split(";")[0].strip().lower().endswith("json") or not _csrf_matches(
                config, csrf_header, _cookie(cookies or "", config.cookie_name)):
            await app(scope, receive, send)
            return
        body = await Request(scope, receive).body()  # kept in the scope's state: the full path reads it again
        try:
            data = _DECODE.decode(body)
        except msgspec.DecodeError:  # not a batch: the full path names the field (400)
            await app(scope, receive, send)
            return
        async with state.engine.connect() as conn:
            out = await sync_signed_in(driver_of(conn), catalogue, token_hash, data)
        if out is None:  # expired or ended: the session middleware forgets the cookie, the device is anonymous
            await app(scope, receive, send)
            return
        await (CompressionMiddleware(_answer(_ENCODE.encode(out)), litestar.compression_config) if gzip
               else _answer(_ENCODE.encode(out)))(scope, receive, send)
    return lane


def _answer(payload: bytes):
    async def answer(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-length", str(len(payload)).encode()), *_JSON_HEADERS]})
        await send({"type": "http.response.body", "body": payload})
    return answer
