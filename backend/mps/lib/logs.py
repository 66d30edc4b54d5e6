"""Log lines: JSON in production (one object per line, what log collectors read), text in development, each
carrying the request's id (set by mps.web.edge).

Light on purpose (logging and msgspec only): each `mps serve` worker applies log_config before it answers the
supervisor's health check, and uvicorn kills a worker silent for `timeout_worker_healthcheck` seconds; this
module once came with the web layer's imports (SQLAlchemy, Litestar: 2 s of CPU without bytecode files), and
under load the workers were killed and restarted in a loop while starting.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar

import msgspec

REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="-")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, and `http` for access lines.

    Written for every request (the access line): msgspec encodes it, and the time's text is made once a second."""

    _second, _stamp = -1, ""

    def format(self, record: logging.LogRecord) -> str:
        line = {"time": self.stamp(record.created),
                "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage(),
                "request_id": REQUEST_ID.get()}
        if hasattr(record, "http"):
            line["http"] = record.http
        if record.exc_info:  # the exception's type only: its text may hold a visitor's input
            line["exception"] = record.exc_info[0].__name__ if record.exc_info[0] else None
        return _JSON.encode(line).decode()

    def stamp(self, created: float) -> str:
        """The line's time, made once a second but for its milliseconds."""
        second = int(created)
        if second != self._second:  # times in UTC, as the Z says
            self._second, self._stamp = second, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
        return self._stamp + _MILLIS[int((created - second) * 1000)]  # LogRecord's msecs


_MILLIS = [f".{ms:03d}Z" for ms in range(1000)]  # (formatting an int cost more than the rest of the time's text)


_JSON = msgspec.json.Encoder()


class AccessRecord(logging.LogRecord):
    """A request's access line (mps.web.observability.write_access_line): the attributes of a LogRecord, made
    without LogRecord.__init__'s look-ups for every line (the file name and module from a path, the process's
    name), the same for every access line of a process and worked out once in it."""

    _fixed: dict = {}

    def __init__(self, name: str, message: str, http: dict):  # noqa: D107 (no super().__init__: that is the point)
        fixed = self._fixed
        if fixed.get("process") != os.getpid():  # first line of this process (a forked worker inherits the class)
            fixed = AccessRecord._fixed = _per_process(name)
        created = time.time()
        self.__dict__ = fixed.copy()  # (a copy of a dict is one block copied; update() inserted key by key)
        self.msg, self.http, self.created = message, http, created
        self.thread, self.threadName = threading.get_ident(), threading.current_thread().name  # whichever thread writes it
        self.msecs = int((created - int(created)) * 1000) + 0.0
        self.relativeCreated = (created - logging._startTime) * 1000


def _per_process(name: str) -> dict:
    record = logging.LogRecord(name, logging.INFO, __file__, 0, "", (), None, "write_access_line")
    fixed = dict(record.__dict__)
    for key in ("msg", "created", "msecs", "relativeCreated", "thread", "threadName"):  # set per line
        del fixed[key]
    return fixed


class LineHandler(logging.StreamHandler):
    """StreamHandler writing each line and flushing it in one step: its emit() went through Handler.format() and
    flush(), which took the lock handle() already holds again, for every access line (one per request)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            stream = self.stream
            stream.write((self.formatter or logging._defaultFormatter).format(record) + self.terminator)
            stream.flush()
        except RecursionError:  # as StreamHandler.emit
            raise
        except Exception:  # noqa: BLE001 - a log line never breaks a request (logging's own rule)
            self.handleError(record)

    def write_line(self, line: str, record: Callable[[], logging.LogRecord]) -> None:
        """Write a line already formatted, as handle() and emit() would write the record's: for the sole handler of
        such a record (sole_json_handler). `record()` makes the record a failed write reports (handleError)."""
        with self.lock:  # as Handler.handle
            try:
                stream = self.stream
                stream.write(line)
                stream.flush()
            except RecursionError:
                raise
            except Exception:  # noqa: BLE001 - as emit()
                self.handleError(record())


def sole_json_handler(logger: logging.Logger) -> LineHandler | None:
    """The handler an INFO record of `logger` reaches when it is the only one on its way, writes JSON lines and has
    no filter but RequestIdFilter (what log_config sets up): LineHandler.write_line writes the same line made without
    a LogRecord and the logging machinery's steps (a fifth of a cached search's cost as served). None otherwise
    (a test's capturing handler, a filter, text lines...): the record goes the usual way."""
    if logger.filters or logger.disabled:
        return None
    found, current = None, logger
    while current:
        for handler in current.handlers:
            if found is not None or handler.level > logging.INFO:
                return None
            found = handler
        current = current.parent if current.propagate else None
    if type(found) is not LineHandler or type(found.formatter) is not JsonFormatter:
        return None
    for each in found.filters:  # (a loop: all() made a generator per line)
        if type(each) is not RequestIdFilter:
            return None
    return found


def log_config(json_lines: bool, level: str = "INFO") -> dict:
    """logging.dictConfig for `mps serve` (uvicorn applies it in every worker)."""
    formatter = {"()": JsonFormatter} if json_lines else {
        "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    return {
        "version": 1, "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"main": formatter},
        "handlers": {"stdout": {"()": LineHandler, "formatter": "main",
                                "filters": ["request_id"], "stream": "ext://sys.stdout"}},
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {"uvicorn": {"level": "WARNING"}, "uvicorn.access": {"level": "WARNING"}},
    }


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True
