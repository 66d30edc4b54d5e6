"""Signed-in browsers: a random token in an HttpOnly cookie, a row in sign_in_sessions (the database only).

Why not Litestar's session middleware: it serialises a free-form dict, writes the store and sets a cookie
for every visitor, and needed subclassing of its internals to stay quiet for anonymous ones. What we keep
per browser is two facts (who, signed in how), so this module does exactly that, on Litestar's public
middleware API:
- an anonymous visitor (no cookie) costs nothing: no read, no write, no cookie;
- a signed-in request reads one row by primary key (the token's SHA-256) before the handler; a write
  request keeps that connection for its handler's session (one checkout per request, not two); a signed-in
  device's sync on PostgreSQL reads it with the sync's own read instead (mps.domain.sync.web, before this one);
- signing in always issues a new token (no session fixation) in the request's own transaction, so the
  cookie is only sent when the sign-in was committed; signing out deletes the row (a copied cookie dies).
Why not Redis: a session read from the database costs what a Redis read does here (docs/benchmarks.md),
and the database already holds everything the session points to; Redis then only carries rate limits, so
stopping or emptying it signs no one out.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from litestar import Request
from litestar.datastructures import Cookie
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from sqlalchemy import bindparam, delete, select
from sqlalchemy.dialects.postgresql import asyncpg
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from mps.db.models import Person, SignInSession

SESSION_COOKIE = "mps_session"
SESSION_MAX_AGE = 30 * 24 * 3600
_SIGNED_IN = "mps_signed_in"  # scope key: the SignedIn of this request, or None
_SET_COOKIE = "mps_session_cookie"  # scope key: the Set-Cookie header to send with the response
_CONNECTION = "mps_connection"  # scope key: the connection of the session lookup, kept for a write request
_READS = frozenset({"GET", "HEAD", "OPTIONS"})
_NO_SESSION = re.compile(r"/assets/|/admin")
# What a signed-in browser is answered is that account's (its name in the menu, at least): no shared cache keeps it,
# nor the browser's, nor the service worker's page cache (sw.js skips private answers), for a shared computer.
# A handler that chose its own Cache-Control keeps it.
PRIVATE = (b"cache-control", b"private, no-store")
SKIP_SESSION = "skip_session"  # a route handler's opt key: no session read (mps.web.security.PUBLIC_READ_ONLY)


@dataclass(frozen=True)
class SignedIn:
    person_id: str
    provider: str
    token_hash: str
    role: str = ""  # read with the session row (one join): the header's menu depends on it


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _cookie(token: str, max_age: int) -> bytes:
    # Secure is added by mps.web.security.secure_cookies_over_https when the request came over HTTPS.
    return Cookie(key=SESSION_COOKIE, value=token, max_age=max_age, path="/", httponly=True,
                  samesite="lax").to_header(header="").encode("latin-1")


def _token_of(scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, token = part.strip().partition("=")
                if key == SESSION_COOKIE and token:
                    return token
    return None


def session_token_hash(scope) -> str | None:
    """The hash of this request's session token (sign_in_sessions' key), or None without a session cookie."""
    token = _token_of(scope)
    return _hash(token) if token else None


# Built once: building a statement and its cache key costs more CPU than running it (issue 16).
_LOOKUP = (select(SignInSession.person_id, SignInSession.provider, SignInSession.expires_at, Person.role)
           .join(Person, Person.id == SignInSession.person_id)
           .where(SignInSession.token_hash == bindparam("token_hash")))


# PostgreSQL: the same read, compiled once for asyncpg and sent by the driver itself, outside any transaction
# (asyncpg's autocommit: no BEGIN, no ROLLBACK round trip), its prepared statement kept by the driver. Through
# SQLAlchemy, switching the connection to autocommit and back cost 2.5 times the read itself in CPU (issue 16).
_PG_LOOKUP = str(_LOOKUP.compile(dialect=asyncpg.dialect()))


async def find_session(conn: AsyncConnection, token: str) -> SignedIn | None:
    """The session of this token, read in autocommit (no BEGIN, no ROLLBACK round trip); the connection is
    left as a fresh one is, ready for a transaction."""
    token_hash = _hash(token)
    if conn.dialect.name == "postgresql":
        # the pool's connection as the connection holds it (get_raw_connection() would cross the greenlet bridge)
        row = await conn.sync_connection.connection.driver_connection.fetchrow(_PG_LOOKUP, token_hash)
    else:  # SQLite's driver begins no transaction for a read
        row = (await conn.execute(_LOOKUP, {"token_hash": token_hash})).first()
        await conn.commit()
    if row is None:
        return None
    person_id, provider, expires_at, role = row
    return SignedIn(person_id, provider, token_hash, role) if expires_at > _now() else None


def request_connection(scope) -> AsyncConnection | None:
    """The connection the session lookup of this request used, kept for the request's own database session
    (mps.web.db): a write request then checks out one connection, not two."""
    return scope.get(_CONNECTION)


class SessionMiddleware(ASGIMiddleware):
    """Recognises the signed-in browser before the handler; sends the cookie a sign-in or sign-out set."""

    scopes = (ScopeType.HTTP,)
    # The read-only catalogue API, assets and health checks never depend on who is signed in.
    exclude_opt_key = SKIP_SESSION  # the static files router, mps.web.security.PUBLIC_READ_ONLY
    # Matched on the request's path (Litestar's exclude_path_pattern also wants the handler's own path, and warned
    # on every catalogue request: a controller's handlers know only their path below the controller's).
    should_bypass_for_scope = staticmethod(lambda scope: _NO_SESSION.match(scope["path"]) is not None)

    async def handle(self, scope, receive, send, next_app) -> None:
        token = _token_of(scope)

        async def send_with_cookie(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                if scope.get(_SET_COOKIE):
                    headers.append((b"set-cookie", scope[_SET_COOKIE]))
                if scope.get(_SIGNED_IN) and not any(name.lower() == b"cache-control" for name, _ in headers):
                    headers.append(PRIVATE)
                message["headers"] = headers
            await send(message)

        if not token:
            await next_app(scope, receive, send_with_cookie)
            return
        async with scope["app"].state.engine.connect() as conn:
            found = await find_session(conn, token)
            scope[_SIGNED_IN] = found
            if found is None:  # signed out elsewhere, expired, or made up: forget the cookie
                scope[_SET_COOKIE] = _cookie("", 0)
            if scope["method"] not in _READS:  # a write: its handler's session works on this connection
                scope[_CONNECTION] = conn
                try:
                    await next_app(scope, receive, send_with_cookie)
                finally:
                    scope.pop(_CONNECTION, None)
                return
        # A read gives its connection back at once: a page may render for a while, and most need no other read.
        await next_app(scope, receive, send_with_cookie)


async def start_session(request: Request, db: AsyncSession, person_id: str, provider: str) -> None:
    """Sign a person in on this browser under a new token, in the request's transaction.

    Only the id is kept: the role is read from the database on each use, so a change applies at once.
    """
    now = _now()
    await end_session(request, db)  # the token this browser had (planted or not) never becomes signed in
    await db.execute(delete(SignInSession).where(SignInSession.expires_at <= now))  # keep the table small
    token = secrets.token_urlsafe(32)
    db.add(SignInSession(token_hash=_hash(token), person_id=person_id, provider=provider, created_at=now,
                         expires_at=now + timedelta(seconds=SESSION_MAX_AGE)))
    await db.flush()
    request.scope[_SIGNED_IN] = SignedIn(person_id, provider, _hash(token))  # type: ignore[index]
    request.scope[_SET_COOKIE] = _cookie(token, SESSION_MAX_AGE)  # type: ignore[index]


async def end_session(request: Request, db: AsyncSession) -> None:
    """Sign this browser out: its row is deleted, so a copy of the cookie no longer works anywhere."""
    token = _token_of(request.scope)
    if token:
        await db.execute(delete(SignInSession).where(SignInSession.token_hash == _hash(token)))
        request.scope[_SET_COOKIE] = _cookie("", 0)  # type: ignore[index]
    request.scope[_SIGNED_IN] = None  # type: ignore[index]


def session_person_id(request: Request) -> str | None:
    signed_in = request.scope.get(_SIGNED_IN)
    return signed_in.person_id if signed_in else None
