"""PostgreSQL: the asyncpg connection under a session, for the few hot statements the app sends by the driver
itself (a statement through SQLAlchemy costs the app about twice the CPU, issue 16)."""
from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession


async def driver_in_transaction(db: AsyncSession):
    """The asyncpg connection of `db`, inside `db`'s transaction: begun here if no statement has begun it (its
    BEGIN is what SQLAlchemy's asyncpg adapter sends before its first statement), so the session commits or
    rolls back what is sent on it as it does its own statements. Objects added to the session are flushed first,
    as SQLAlchemy does before its own statements (autoflush)."""
    if db.new or db.dirty or db.deleted:
        await db.flush()
    raw = await (await db.connection()).get_raw_connection()
    adapted = raw.dbapi_connection
    if adapted._transaction is None:  # the adapter's own transaction object: none until its first statement
        await adapted._start_transaction()
    return raw.driver_connection
