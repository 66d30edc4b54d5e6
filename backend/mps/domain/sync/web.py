"""A device's POST /api/v1/sync on PostgreSQL in one short pass, beside Litestar's (issue 16).

The sync of one operation is the app's most frequent write on opening day. Through the route handler it cost
the session lookup (a round trip of its own), Litestar's CSRF and compression middlewares, the handler's
parameter parsing and response, and an ORM session: most of its CPU, more than the sync itself
(docs/benchmarks.md « Sync in two round trips »). This middleware, in front of the session middleware, answers
the common case itself: a JSON batch whose CSRF header matches its cookie (Litestar's own rule: both tokens signed
with the app's secret, and equal), from a signed-in browser or from an anonymous device that saved something
before. The person is found by the sync's own read (mps.domain.sync.store.Whose): the session by its token's hash,
unexpired; the anonymous person its signed cookie names, after the count of anonymous writes per address
(settings.limits.anon_write, as mps.domain.identity.web.ensure_person). Found no one (a session expired or ended,
an anonymous person gone), nothing was read and the request takes the full path. So does anything else, answered
as it always was: a device with no person yet, SQLite, a CSRF mismatch (403), too many anonymous writes (429), a
body that does not decode as a batch (400 naming the field), no catalogue yet (503). The answer is SyncOut encoded
as Litestar encodes it, through the app's before_send hooks and, when the client accepts gzip, Litestar's
compression middleware: the same bytes and headers.
"""
from __future__ import annotations

from hmac import compare_digest

import msgspec
from litestar.middleware.csrf import CSRF_SECRET_LENGTH, generate_csrf_hash
from litestar.middleware.compression import CompressionMiddleware

from mps.db.lent import Lent, kept_for
from mps.domain.identity.web import ANON_COOKIE, WRITE_COUNTED, anonymous_id_in
from mps.domain.sync import store
from mps.domain.sync.schemas import SyncIn
from mps.domain.sync.service import sync_found
from mps.web.body import body_of
from mps.web.ratelimit import limiter_for
from mps.web.sessions import PRIVATE, session_token_hash

PATH = "/api/v1/sync"
CONNECTIONS = "sync_connections"  # the app state's key of the lane's Lent (PostgreSQL only)
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
        catalogue, lent = state.catalogue.current, state.get(CONNECTIONS)
        if catalogue is None or lent is None:
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
        config, settings = litestar.csrf_config, state.settings
        token_hash = session_token_hash(scope)
        device = None if token_hash else anonymous_id_in(settings.secret_key, _cookie(cookies or "", ANON_COOKIE))
        # JSON only: mps.web.edge checked such a body for hostile text (and Litestar's handler takes JSON alone)
        if (token_hash is None and device is None) or not (content_type or "").split(";")[0].strip().lower(
                ).endswith("json") or not _csrf_matches(config, csrf_header, _cookie(cookies or "", config.cookie_name)):
            await app(scope, receive, send)
            return
        body = await body_of(scope, receive)  # read by mps.web.edge already, kept for the full path
        try:
            data = _DECODE.decode(body)
        except msgspec.DecodeError:  # not a batch: the full path names the field (400)
            await app(scope, receive, send)
            return
        if device is not None:  # counted once, here or, past the limit, by the full path (ensure_person: 429)
            if not await limiter_for(litestar).hit("anon-write", scope["client"][0] if scope.get("client") else "",
                                                   *settings.limits.anon_write):
                await app(scope, receive, send)
                return
            scope[WRITE_COUNTED] = True
        conn = await lent.take()
        try:
            out = await sync_found(conn.driver_connection, catalogue,
                                   store.by_session(token_hash) if token_hash else store.by_device(device), data)
        except BaseException:
            await lent.give(conn, failed=True)
            raise
        await lent.give(conn)
        if out is None:  # a session expired or ended (the session middleware forgets its cookie), a person gone
            await app(scope, receive, send)
            return
        answer = _answer(_ENCODE.encode(out), (PRIVATE,) if token_hash else ())  # as the session middleware's
        await (CompressionMiddleware(answer, litestar.compression_config) if gzip else answer)(scope, receive, send)
    return lane


async def lend_connections(app) -> None:
    """On PostgreSQL the lane keeps a few of the pool's connections between its requests (mps.db.lent)."""
    state = app.state
    if state.engine.dialect.name == "postgresql":
        state[CONNECTIONS] = Lent(state.engine, kept_for(state.settings))


async def give_connections_back(app) -> None:
    lent = app.state.get(CONNECTIONS)
    if lent is not None:
        await lent.close()


def _answer(payload: bytes, extra: tuple = ()):
    async def answer(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-length", str(len(payload)).encode()), *_JSON_HEADERS, *extra]})
        await send({"type": "http.response.body", "body": payload})
    return answer
