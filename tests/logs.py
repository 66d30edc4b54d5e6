"""Log records of our own loggers, captured at the logger (the app's logging config does not reach caplog)."""
from __future__ import annotations

import logging
from contextlib import contextmanager


class Records(logging.Handler):
    def __init__(self, level: int):
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def messages(self) -> list[str]:
        return [r.getMessage() for r in self.records]


@contextmanager
def captured(name: str = "mps", level: int = logging.WARNING):
    logger, handler = logging.getLogger(name), Records(level)
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
