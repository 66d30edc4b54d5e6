"""Which database Piccolo talks to: built from the app's DATABASE_URL, chosen per app at call time.

Piccolo binds an engine to each Table class (a process-wide global), while one process may hold several
apps on several databases (tests do: SQLite and PostgreSQL side by side). So every Piccolo table is bound
to ROUTER, which forwards each call to the engine selected for the current task (`use_engine`), or to
the last one configured when nothing was selected.
"""
from __future__ import annotations

import contextlib
from contextvars import ContextVar

from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine
from sqlalchemy.engine import make_url

from mps.lib.errors import UserFacingError

_current: ContextVar[Engine | None] = ContextVar("mps_admin_engine", default=None)
_default: list[Engine] = []
_by_url: dict[str, Engine] = {}


def piccolo_engine(url: str) -> Engine:
    """sqlite+aiosqlite:///path -> SQLiteEngine(path); postgresql+asyncpg://... -> PostgresEngine(config)."""
    if url in _by_url:
        return _by_url[url]
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise UserFacingError("Le back-office a besoin d'un fichier SQLite, pas d'une base en mémoire.")
        # Piccolo opens a connection per query: wait for the app's writers instead of failing at once.
        engine: Engine = SQLiteEngine(path=parsed.database, timeout=15)
    elif parsed.get_backend_name() == "postgresql":
        config = {"host": parsed.host or "127.0.0.1", "port": parsed.port or 5432,
                  "user": parsed.username, "password": parsed.password, "database": parsed.database}
        config.update(dict(parsed.query))  # e.g. ssl=require, passed to asyncpg as is
        # No pool: the back-office, feedback and cached announcements make few queries, and a pool
        # would outlive the event loop of the app that created it.
        engine = PostgresEngine(config={k: v for k, v in config.items() if v is not None})
    else:
        raise UserFacingError(f"Base non prise en charge par le back-office : {parsed.get_backend_name()}")
    _by_url[url] = engine
    set_default(engine)
    return engine


def set_default(engine: Engine) -> None:
    _default[:] = [engine]


@contextlib.contextmanager
def use_engine(engine: Engine):
    """Route Piccolo queries made in this task (and tasks it starts) to `engine`."""
    token = _current.set(engine)
    try:
        yield engine
    finally:
        _current.reset(token)


def current_engine() -> Engine:
    engine = _current.get() or (_default[0] if _default else None)
    if engine is None:
        raise RuntimeError("Piccolo back-office database not configured: call piccolo_engine(url) first")
    return engine


class RoutingEngine(Engine):
    """Stands in for a Piccolo engine; every attribute is read from current_engine()."""

    __slots__ = ()

    def __init__(self) -> None:  # no state, and no connection attempt (Engine.__init__ connects)
        pass

    def __getattribute__(self, name: str):
        if name.startswith("__"):
            return object.__getattribute__(self, name)
        return getattr(current_engine(), name)

    def __repr__(self) -> str:
        return "<RoutingEngine>"


RoutingEngine.__abstractmethods__ = frozenset()  # every method is forwarded, none is implemented here
ROUTER = RoutingEngine()
