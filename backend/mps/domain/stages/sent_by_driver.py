"""The search's statements sent by the database driver itself: compiled once per shape by SQLAlchemy for the
connection's dialect (the same SQL text and bound values SQLAlchemy would send), then run with one call of
aiosqlite (`execute_fetchall`: one hop to its thread instead of a cursor's four or more) or asyncpg (`fetch`,
its prepared statement kept by the driver), rows as plain tuples (read by position: page_sql._with_offers).

SQLAlchemy's execution path (parameters, cursor, result, Row objects) cost about as much CPU per search as
SQLite's own work on a plain search (bench/stage_request_cost.py).
"""
from __future__ import annotations

from typing import Any, NamedTuple

from sqlalchemy.ext.asyncio import AsyncConnection


class DriverStatement(NamedTuple):
    statement: Any  # what was compiled (its id is the cache's key: checked, ids are reused)
    sql: str
    names: tuple[str, ...]  # the bound parameters in the order of the SQL's placeholders
    fixed: dict[str, Any]  # values the statement carries itself (its literals: "|", ",")
    process: dict[str, Any]  # SQLAlchemy's conversion of a value for the driver (dates on SQLite), by name


_compiled: dict[tuple[int, str], DriverStatement] = {}
sent = 0  # statements sent this way by this process (bench/stage_request_cost.py counts them with SQLAlchemy's)


def _compile(statement, dialect) -> DriverStatement:
    key = (id(statement), dialect.name)  # page_sql's statements, built once per shape
    found = _compiled.get(key)
    if found is None or found.statement is not statement:
        c = statement.compile(dialect=dialect)
        names = tuple(c.positiontup)
        if len(_compiled) > 2048:
            _compiled.clear()
        found = _compiled[key] = DriverStatement(
            statement, c.string, names, {n: c.binds[n].effective_value for n in names if c.binds[n].value is not None},
            {n: p for n, p in c._bind_processors.items() if n in names and callable(p)})
    return found


async def fetch(conn: AsyncConnection, statement, params: dict) -> list:
    """All rows of `statement` (a page_sql statement) with these parameters, as tuples."""
    global sent
    sent += 1
    d = _compile(statement, conn.dialect)
    args = []
    for name in d.names:
        value = params[name] if name in params else d.fixed[name]
        proc = d.process.get(name)
        args.append(proc(value) if proc is not None and value is not None else value)
    raw = (await conn.get_raw_connection()).driver_connection
    if conn.dialect.name == "sqlite":
        return list(await raw.execute_fetchall(d.sql, args))
    return await raw.fetch(d.sql, *args)
