"""A Litestar `Store` on SQLAlchemy: the default home of server-side sessions (table web_sessions).

Works on SQLite and PostgreSQL with the app's engine; each call is its own short transaction so a
session write never waits for, or rolls back with, the request's own database work.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from litestar.stores.base import Store
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from mps.db.models import WebSession

PURGE_EVERY = 200  # sets between two purges of expired rows


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _expiry(expires_in: int | timedelta | None) -> datetime | None:
    if expires_in is None:
        return None
    seconds = expires_in.total_seconds() if isinstance(expires_in, timedelta) else expires_in
    return _now() + timedelta(seconds=seconds)


def _aware(value: datetime | None) -> datetime | None:
    # SQLite gives naive datetimes back: they were stored in UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


class SQLAlchemyStore(Store):
    def __init__(self, engine: AsyncEngine):
        self.engine = engine
        self._sets = 0

    async def set(self, key: str, value: str | bytes, expires_in: int | timedelta | None = None) -> None:
        data = value.encode() if isinstance(value, str) else value
        expires_at = _expiry(expires_in)
        async with self.engine.begin() as conn:
            done = await conn.execute(update(WebSession).where(WebSession.key == key)
                                      .values(value=data, expires_at=expires_at))
            if done.rowcount == 0:
                try:
                    async with conn.begin_nested():
                        await conn.execute(WebSession.__table__.insert()
                                           .values(key=key, value=data, expires_at=expires_at))
                except IntegrityError:  # another worker inserted it meanwhile: last write wins
                    await conn.execute(update(WebSession).where(WebSession.key == key)
                                       .values(value=data, expires_at=expires_at))
        self._sets += 1
        if self._sets % PURGE_EVERY == 0:
            await self.delete_expired()

    async def get(self, key: str, renew_for: int | timedelta | None = None) -> bytes | None:
        async with self.engine.connect() as conn:
            row = (await conn.execute(select(WebSession.value, WebSession.expires_at)
                                      .where(WebSession.key == key))).first()
        if row is None:
            return None
        expires_at = _aware(row.expires_at)
        if expires_at is not None and expires_at <= _now():
            await self.delete(key)
            return None
        if renew_for is not None and expires_at is not None:
            async with self.engine.begin() as conn:
                await conn.execute(update(WebSession).where(WebSession.key == key)
                                   .values(expires_at=_expiry(renew_for)))
        return bytes(row.value)

    async def delete(self, key: str) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(delete(WebSession).where(WebSession.key == key))

    async def delete_all(self) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(delete(WebSession))

    async def delete_expired(self) -> int:
        async with self.engine.begin() as conn:
            done = await conn.execute(delete(WebSession).where(WebSession.expires_at <= _now()))
        return done.rowcount

    async def exists(self, key: str) -> bool:
        return await self.get(key) is not None

    async def expires_in(self, key: str) -> int | None:
        async with self.engine.connect() as conn:
            expires_at = (await conn.execute(select(WebSession.expires_at)
                                             .where(WebSession.key == key))).scalar_one_or_none()
        expires_at = _aware(expires_at)
        if expires_at is None:
            return None
        return max(0, int((expires_at - _now()).total_seconds()))
