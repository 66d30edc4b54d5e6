"""PostgreSQL: the asyncpg connection under a session or a connection, for the few hot statements the app sends by
the driver itself (through SQLAlchemy a statement costs the app about twice the CPU, and a session's begin and
commit, each crossing SQLAlchemy's greenlet bridge, about as much as the statements: issue 16).

The transaction stays SQLAlchemy's asyncpg adapter's own (its `_transaction`, as when it begins one before its
first statement): whatever sends BEGIN, the pool's reset rolls back a transaction left open, and a session on
the connection sees it as its own.
"""
from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession


async def driver_in_transaction(db: AsyncSession):
    """The asyncpg connection of `db`, inside `db`'s transaction: begun here if no statement has begun it, so the
    session commits or rolls back what is sent on it as it does its own statements. Objects added to the session
    are flushed first, as SQLAlchemy does before its own statements (autoflush)."""
    if db.new or db.dirty or db.deleted:
        await db.flush()
    raw = await (await db.connection()).get_raw_connection()
    adapted = raw.dbapi_connection
    if adapted._transaction is None:  # the adapter's own transaction object: none until its first statement
        await adapted._start_transaction()
    return raw.driver_connection


class DriverTransaction:
    """A transaction on a connection the request holds, begun and ended on the driver, not through a session."""

    def __init__(self, adapted):
        self._adapted = adapted
        self.driver = adapted._connection  # the asyncpg connection

    @classmethod
    async def begin(cls, conn: AsyncConnection) -> "DriverTransaction":
        adapted = conn.sync_connection.connection.dbapi_connection
        if adapted._transaction is not None:  # begun by a statement through SQLAlchemy: not ours to end
            raise RuntimeError("a transaction is open on this connection already")
        await adapted._start_transaction()
        return cls(adapted)

    async def commit(self) -> None:
        await self._end("commit")

    async def rollback(self) -> None:
        await self._end("rollback")

    async def _end(self, how: str) -> None:
        adapted = self._adapted
        if adapted._transaction is not None:
            await adapted._call_and_discard(getattr(adapted._transaction, how))  # forgotten even if it fails
