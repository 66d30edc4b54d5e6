"""Alembic environment: async engine, our metadata only (Piccolo's back-office tables are ignored)."""
from __future__ import annotations

import asyncio

from alembic import context

import mps.db.models  # noqa: F401  (registers every table)
from mps.db.base import Base
from mps.db.engine import make_engine

config = context.config
target_metadata = Base.metadata


# Indexes a migration writes by hand because SQLAlchemy cannot declare them on every database
# (0020_stages: the GiST index of offers' points on PostgreSQL; SQLite has an R*Tree table instead).
HAND_MADE_INDEXES = {"ix_stage_offers_point"}


def include_object(obj, name, type_, reflected, compare_to):
    if type_ == "index" and name in HAND_MADE_INDEXES:
        return False
    # Tables that are not ours (Piccolo admin, alembic's own) are never touched.
    if type_ == "table" and reflected and name not in target_metadata.tables:
        return False
    return True


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


async def _main() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    async with engine.connect() as conn:
        await conn.run_sync(_run)
        await conn.commit()
    await engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline SQL generation is not supported: run against a database.")
try:
    asyncio.get_running_loop()
except RuntimeError:
    asyncio.run(_main())
else:  # called from inside a running loop (tests): run in a worker thread
    import threading

    t = threading.Thread(target=lambda: asyncio.run(_main()))
    t.start()
    t.join()
