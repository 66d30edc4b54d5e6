"""The database out of reach: 503 with Retry-After and a French message, and one log line per outage.

A stopped, restarting or unreachable database is not a bug: visitors are told to come back in a moment
(the catalogue, held in memory, keeps answering), the load balancer sees /readyz fail, and the log gets
one line when the outage starts, not a traceback per request. Recovery needs nothing: the next request
opens a new connection (mps.db.engine drops the ones the server closed).
"""
from __future__ import annotations

import asyncio
import logging
import time
import traceback

from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)

RETRY_AFTER_S = 10
QUIET_S = 30.0  # failures closer together than this are one outage, logged once
MESSAGE = ("Le service est momentanément indisponible (maintenance ou incident technique). "
           "Rien de ce que tu as enregistré n'est perdu : réessaie dans quelques secondes.")
_DRIVERS = ("sqlalchemy", "asyncpg", "aiosqlite", "piccolo", "sqlite3")
_SQLITE_BUSY = ("database is locked", "unable to open database", "disk i/o error")


def _from_driver(exc: BaseException) -> bool:
    return any(any(f"/{name}/" in frame.filename for name in _DRIVERS)
               for frame in traceback.extract_tb(exc.__traceback__))


def is_database_outage(exc: BaseException) -> bool:
    """True when the database cannot be reached or is shutting down, as opposed to a bug in a query."""
    import asyncpg

    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        orig = exc.orig
        cause = getattr(orig, "__cause__", None) or orig  # SQLAlchemy's asyncpg adapter wraps the driver's error
        if isinstance(cause, (asyncpg.PostgresConnectionError, asyncpg.CannotConnectNowError,
                              asyncpg.exceptions.AdminShutdownError, asyncpg.exceptions.CrashShutdownError,
                              asyncpg.InterfaceError, OSError, asyncio.TimeoutError)):
            return True
        return any(text in str(orig).lower() for text in _SQLITE_BUSY)
    if isinstance(exc, (OSError, asyncio.TimeoutError, asyncpg.PostgresConnectionError, asyncpg.CannotConnectNowError,
                        asyncpg.exceptions.AdminShutdownError, asyncpg.InterfaceError)):
        return _from_driver(exc)
    return False


class OutageLog:
    """Logs the first failure of an outage and stays quiet while failures keep coming."""

    def __init__(self, what: str, clock=time.monotonic):
        self.what, self.clock, self.last = what, clock, None

    def failed(self, exc: BaseException) -> None:
        now = self.clock()
        if self.last is None or now - self.last > QUIET_S:
            # The exception's type only: its text may quote SQL parameters or what a visitor typed.
            log.warning("%s unreachable (%s): answering 503 until it is back", self.what, type(exc).__name__)
        self.last = now


DATABASE = OutageLog("database")
