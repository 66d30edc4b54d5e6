"""Database session per request: committed when the handler succeeds, rolled back otherwise."""
from __future__ import annotations

from collections.abc import AsyncIterator

from litestar.types import Scope
from sqlalchemy.ext.asyncio import AsyncSession

from mps.web.sessions import request_connection
from mps.web.state import AppState, state_of


async def provide_db(state: AppState, scope: Scope) -> AsyncIterator[AsyncSession]:
    # On the connection the session lookup used, if it kept it (a signed-in write: mps.web.sessions).
    conn = request_connection(scope)
    async with (state.sessionmaker(bind=conn) if conn is not None else state.sessionmaker()) as session:
        try:
            yield session
            if session.in_transaction():  # pages that read nothing (anonymous visitors) skip the round trip
                await session.commit()
        except Exception:
            await session.rollback()
            raise


def own_session(request) -> AsyncSession:
    """A session the handler opens itself (`async with own_session(request) as db:`), read-only, for pages that
    need the database for some visitors only (the formation page: a visitor with a profile or marks). Declaring
    `db` costs every request a session and, beside another dependency, a task group in Litestar's injection."""
    return state_of(request.app).sessionmaker()
