"""INSERT with the database's own ON CONFLICT (PostgreSQL and SQLite spell it the same through their
dialect's `insert`): one place that picks it from the session's engine."""
from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession


def dialect_insert(db: AsyncSession, table):
    """`insert(table)` of the session's dialect, which has `.on_conflict_do_nothing()`."""
    return (pg_insert if db.bind.dialect.name == "postgresql" else sqlite_insert)(table)
