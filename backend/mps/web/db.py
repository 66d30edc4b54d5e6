"""Database session per request: committed when the handler succeeds, rolled back otherwise."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar.types import Scope
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from mps.web.sessions import request_connection
from mps.web.state import AppState, state_of


async def provide_db(state: AppState, scope: Scope) -> AsyncIterator[AsyncSession]:
    async with _session(state, scope) as session:
        yield session


@asynccontextmanager
async def _session(state: AppState, scope: Scope) -> AsyncIterator[AsyncSession]:
    # On the connection the session lookup used, if it kept it (a signed-in write: mps.web.sessions).
    conn = request_connection(scope)
    session = state.sessionmaker(bind=conn) if conn is not None else state.sessionmaker()
    try:
        yield session
        if session.in_transaction():  # pages that read nothing (anonymous visitors) skip the round trip
            await session.commit()
    except Exception:
        await session.rollback()
        raise
    finally:
        # A session with no transaction and no object holds nothing to close (a signed-in sync on PostgreSQL
        # works on the connection's driver): closing it would cost a task and a greenlet switch (issue 16).
        if session.in_transaction() or session.identity_map:
            await session.__aexit__(None, None, None)  # what `async with` runs: a close a cancel cannot cut short


def request_session(request):
    """The `db` dependency as a context manager the handler opens itself (`async with request_session(request)
    as db:`): a hot write handler declaring no dependency skips Litestar's injection, whose task group and
    generator clean-up cost a sync a tenth of its CPU in the app (issue 16, bench/sync_cost.py)."""
    return _session(state_of(request.app), request.scope)


def own_session(request) -> AsyncSession:
    """A session the handler opens itself (`async with own_session(request) as db:`), read-only, for pages that
    need the database for some visitors only (the formation page: a visitor with a profile or marks). Declaring
    `db` costs every request a session and, beside another dependency, a task group in Litestar's injection.

    Read-only, so on PostgreSQL in autocommit: no BEGIN before its first read nor ROLLBACK at its end, two
    round trips (its READ COMMITTED gives each statement its own snapshot either way): a fifth of the board
    search's CPU in the app, bench/stages_search.py. (SQLite's driver never begins a transaction for reads.)
    Nothing written through it would be rolled back: never write through it."""
    state = state_of(request.app)
    return state.sessionmaker(bind=_read_only(state.engine))


def read_connection(request) -> AsyncConnection:
    """A bare read-only connection (`async with read_connection(request) as conn:`), same engine view as
    own_session, for a handler whose reads need no ORM session: opening, beginning and closing one cost the
    board search API (the opening day's most requested endpoint) more CPU than its Python work on the rows."""
    return read_connection_of(request.app)


def read_connection_of(app) -> AsyncConnection:
    """read_connection() for a caller holding the app, not a request (the board search's short lane)."""
    return _read_only(state_of(app).engine).connect()


_READ_ONLY: dict[int, tuple[AsyncEngine, AsyncEngine]] = {}


def _read_only(engine: AsyncEngine) -> AsyncEngine:
    """PostgreSQL: the engine's autocommit view (same pool), made once per engine."""
    if engine.dialect.name != "postgresql":
        return engine
    kept = _READ_ONLY.get(id(engine))
    if kept is None or kept[0] is not engine:
        kept = _READ_ONLY[id(engine)] = (engine, engine.execution_options(isolation_level="AUTOCOMMIT"))
    return kept[1]
