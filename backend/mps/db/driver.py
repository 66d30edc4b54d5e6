"""Statements sent by the database driver itself, for the few hot paths where SQLAlchemy's execution costs more CPU
than the statement (issue 16: through SQLAlchemy a statement costs the app about twice the CPU; a session's begin
and commit, each crossing its greenlet bridge, about as much as the statements).

- fetch / fetch_pg: a Core statement compiled once per shape by SQLAlchemy for the dialect (the same SQL text and
  bound values SQLAlchemy would send), run with one call of aiosqlite (`execute_fetchall`: one hop to its thread
  instead of a cursor's four or more) or asyncpg (`fetch`, its prepared statement kept by the driver), rows as
  plain tuples. An expanding IN list is `= ANY($n)` on PostgreSQL: one prepared statement whatever its length.
- driver_in_transaction: the asyncpg connection of a session, in the session's transaction. The transaction stays SQLAlchemy's asyncpg adapter's own (its `_transaction`, as when it begins one before its
  first statement): whatever sends BEGIN, the pool's reset rolls back a transaction left open, and a session on
  the connection sees it as its own.
"""
from __future__ import annotations

import re
from typing import Any, NamedTuple

from sqlalchemy.dialects.postgresql import asyncpg
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession


class DriverStatement(NamedTuple):
    statement: Any  # what was compiled (its id is the cache's key: checked, ids are reused)
    sql: str
    names: tuple[str, ...]  # the bound parameters in the order of the SQL's placeholders
    fixed: dict[str, Any]  # values the statement carries itself (its literals: "|", ",")
    process: dict[str, Any]  # SQLAlchemy's conversion of a value for the driver (dates on SQLite), by name


_compiled: dict[tuple[int, str], DriverStatement] = {}
_PG = asyncpg.dialect()
sent = 0  # statements sent this way by this process (bench/stage_request_cost.py counts them with SQLAlchemy's)


def compiled(statement, dialect) -> DriverStatement:
    """`statement` (built once, at import: its id is the key) as the driver takes it."""
    key = (id(statement), dialect.name)
    found = _compiled.get(key)
    if found is None or found.statement is not statement:
        c = statement.compile(dialect=dialect)
        sql, names = c.string, tuple(c.positiontup)
        if dialect.name == "postgresql" and c.post_compile_params:
            # asyncpg numbers the other parameters ($1…) and leaves the lists out: each list is the next number
            lists = [n for n in names if n in {p.key for p in c.post_compile_params}]
            names = tuple(n for n in names if n not in lists) + tuple(lists)
            for i, name in enumerate(lists, len(names) - len(lists) + 1):
                sql = re.sub(rf"\bIN \(__\[POSTCOMPILE_{name}\]\)", f"= ANY(${i})", sql)
        if len(_compiled) > 2048:
            _compiled.clear()
        found = _compiled[key] = DriverStatement(
            statement, sql, names, {n: c.binds[n].effective_value for n in names if c.binds[n].value is not None},
            {n: p for n, p in c._bind_processors.items() if n in names and callable(p)})
    return found


def _args(d: DriverStatement, params: dict) -> list:
    args = []
    for name in d.names:
        value = params[name] if name in params else d.fixed[name]
        proc = d.process.get(name)
        args.append(proc(value) if proc is not None and value is not None and not isinstance(value, list) else value)
    return args


async def fetch(conn: AsyncConnection, statement, params: dict) -> list:
    """All rows of `statement` with these parameters, as tuples, on the connection's driver."""
    global sent
    sent += 1
    d = compiled(statement, conn.dialect)
    pooled = conn.sync_connection._dbapi_connection if conn.sync_connection is not None else None
    # (the pooled connection in hand: get_raw_connection() crosses the greenlet bridge, a hop per statement)
    raw = (pooled if pooled is not None else await conn.get_raw_connection()).driver_connection
    if conn.dialect.name == "sqlite":
        return list(await raw.execute_fetchall(d.sql, _args(d, params)))
    return await raw.fetch(d.sql, *_args(d, params))


async def fetch_pg(driver, statement, params: dict) -> list:
    """fetch() on an asyncpg connection already in hand (a transaction begun on it, or none: autocommit)."""
    global sent
    sent += 1
    d = compiled(statement, _PG)
    return await driver.fetch(d.sql, *_args(d, params))


def sql_pg(statement) -> str:
    """The PostgreSQL text of a Core statement, parameters numbered as fetch_pg sends them (for a statement
    that embeds it)."""
    return compiled(statement, _PG).sql


def driver_of(conn: AsyncConnection):
    """The asyncpg connection a pool's connection holds (get_raw_connection() would cross the greenlet bridge)."""
    return conn.sync_connection.connection.driver_connection


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
