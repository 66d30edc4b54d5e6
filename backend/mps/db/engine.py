"""Engine and session factories, one per database URL."""
from __future__ import annotations

import json

import msgspec
from sqlalchemy import event, exc
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


def database_of(db: AsyncSession | AsyncConnection) -> str:
    """The database URL of a session or connection, a key for per-database caches: a session is bound to an
    engine or, on a signed-in write, to the connection its request already holds (which has no .url of its own)."""
    return str((db.bind if isinstance(db, AsyncSession) else db).engine.url)


_DECODE = msgspec.json.Decoder()


def json_loads(text: str):
    """A JSON column's value: msgspec decodes it in about a third of the stdlib's instructions (a sync reads
    three, issue 16). What it refuses and the stdlib takes (a number past a double, 1e400; an escaped lone
    surrogate) the stdlib decodes: every value reads as before."""
    try:
        return _DECODE.decode(text)
    except msgspec.DecodeError:
        return json.loads(text)


def make_engine(url: str, **kwargs) -> AsyncEngine:
    # Errors never quote SQL parameters (what a visitor typed, e-mail addresses) into messages and logs.
    kwargs.setdefault("hide_parameters", True)
    kwargs.setdefault("json_deserializer", json_loads)  # SQLite's JSON type and asyncpg's json codec use it
    if url.startswith("sqlite"):
        engine = create_async_engine(url, connect_args={"timeout": 30}, **kwargs)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # WAL: readers keep the old catalogue during an import
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            # Reads through a memory map instead of a read() call per page missing from the 2 MB page cache:
            # the stage board's dense searches visit thousands of offers (CPU per search -25 %, bench/stages_search.py).
            cur.execute("PRAGMA mmap_size=268435456")
            cur.close()

        return engine
    engine = create_async_engine(url, **kwargs)

    @event.listens_for(engine.sync_engine, "checkout")
    def _drop_closed(_dbapi_conn, record, _proxy):
        # Instead of pool_pre_ping, which costs each checkout BEGIN, a query and ROLLBACK (three round trips,
        # a third of a one-operation sync's): a server that stopped or restarted closed its connections, and
        # asyncpg saw the socket close; the pool then opens a new one. A connection that dies during a
        # request fails that request (503, mps.web.outage), and the error invalidates the pool's older ones.
        if record.driver_connection.is_closed():
            raise exc.DisconnectionError("connection closed by the server")

    return engine


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker:
    return async_sessionmaker(engine, expire_on_commit=False)
