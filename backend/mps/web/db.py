"""Database session per request: committed when the handler succeeds, rolled back otherwise."""
from __future__ import annotations

from collections.abc import AsyncIterator

from litestar import Request
from sqlalchemy.ext.asyncio import AsyncSession


async def provide_db(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.sessionmaker() as session:
        try:
            yield session
            await session.commit()
        except Exception:
            await session.rollback()
            raise
