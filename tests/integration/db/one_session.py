"""Run one piece of work in its own engine and session, committed: for tests that step between migrations."""
from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.engine import make_engine


def run_in_session(url: str, work):
    async def go():
        engine = make_engine(url)
        try:
            async with AsyncSession(engine, expire_on_commit=False) as db:
                out = await work(db)
                await db.commit()
                return out
        finally:
            await engine.dispose()
    return asyncio.run(go())
