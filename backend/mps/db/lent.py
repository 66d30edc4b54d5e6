"""asyncpg connections lent by SQLAlchemy's pool to one hot path and kept between its requests (issue 16).

Taking a connection through AsyncEngine.connect() and giving it back cost a one-operation sync about 236k
instructions (two crossings of SQLAlchemy's greenlet bridge, the Connection, the pool's checkout, events and
reset): 15 % of the request (docs/benchmarks.md « Sync in two round trips »). The sync lane (mps.domain.sync.web)
sends its two statements by asyncpg itself in autocommit, so it needs none of that: it takes a connection from
this small stack of idle ones, and only when the stack is empty from the pool.

The connection budget is the pool's: every connection here is checked out of SQLAlchemy's pool, so the process
never opens more than pool_size + max_overflow. At most `keep` wait here idle (withheld from other requests);
more are given back to the pool. A connection the server closed is dropped (invalidated: the pool opens a new
one), one that failed a request goes back through the pool's own check-in, as AsyncEngine.connect() did.
"""
from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.util.concurrency import greenlet_spawn


def kept_for(settings) -> int:
    """How many idle connections the lane keeps: as many as requests run at once (mps.web.admission; 4 when
    unlimited), never more than a quarter of the pool, so other requests always find most of it."""
    budget = settings.database.pool_size + settings.database.max_overflow
    return min(settings.active_requests if settings.active_requests > 0 else 4, budget // 4)


class Lent:
    def __init__(self, engine: AsyncEngine, keep: int):
        self.engine, self.keep, self.idle = engine, keep, []

    async def take(self):
        """A pool's connection (SQLAlchemy's PoolProxiedConnection): its .driver_connection is asyncpg's."""
        while self.idle:
            lent = self.idle.pop()
            if not lent.driver_connection.is_closed():
                return lent
            await greenlet_spawn(lent.invalidate)  # the server closed it (restart): the pool opens a new one
        return await self.engine.raw_connection()

    async def give(self, lent, failed: bool = False) -> None:
        if not failed and len(self.idle) < self.keep:
            self.idle.append(lent)
        else:
            await greenlet_spawn(lent.close)  # back to the pool (its check-in resets it)

    async def close(self) -> None:
        """All the idle connections back to the pool (before the engine is disposed)."""
        while self.idle:
            await greenlet_spawn(self.idle.pop().close)
