"""The pool hands out live connections without a ping per checkout (mps.db.engine): a connection the
server closed (restart, pg_terminate_backend) is replaced, not handed to a request that would then fail."""
from __future__ import annotations

import asyncio

from sqlalchemy import text

from mps.db.engine import make_engine
from tests.conftest import _pg_admin


def round_trips(driver) -> int:
    """What asyncpg sent to the server on this connection so far (one per query, BEGIN and COMMIT included)."""
    return driver._protocol.queries_count


def test_a_connection_the_server_closed_is_replaced_at_checkout(databases):
    url = databases.new("postgresql")

    async def go():
        engine = make_engine(url, pool_size=1, max_overflow=0)
        try:
            async with engine.connect() as conn:
                first = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
            await _pg_admin(f"SELECT pg_terminate_backend({first})")
            await asyncio.sleep(0.2)  # the loop reads the server's goodbye and the socket's end
            async with engine.connect() as conn:
                second = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
            assert second != first
        finally:
            await engine.dispose()
    asyncio.run(go())


def test_a_checkout_sends_nothing_to_the_server(databases):
    """pool_pre_ping would send BEGIN, a query and ROLLBACK before each request's first statement."""
    url = databases.new("postgresql")

    async def go():
        engine = make_engine(url, pool_size=1, max_overflow=0)
        try:
            async with engine.connect() as conn:
                driver = (await conn.get_raw_connection()).driver_connection
            before = round_trips(driver)
            async with engine.begin() as conn:
                await conn.execute(text("SELECT 1"))
            assert round_trips(driver) - before == 3  # BEGIN, the query, COMMIT
        finally:
            await engine.dispose()
    asyncio.run(go())
