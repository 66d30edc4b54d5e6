"""Column types every model uses, so that no service converts what the database gives back.

- `UtcDateTime`: a moment, always timezone-aware in UTC in Python. PostgreSQL's timestamptz gives
  aware values back, SQLite's DATETIME naive ones (and it drops any offset it is given): this type
  writes UTC and reads UTC-aware on both, so "a naive datetime means UTC" is written once, here.
- `JSON`: SQLAlchemy's JSON type (PostgreSQL json, SQLite text holding JSON): a model attribute is
  the Python dict or list itself. Assign a new value to change it (in-place changes are not seen).

`Base.type_annotation_map` (db/base.py) gives both to plain annotations: `Mapped[datetime]` is a
`UtcDateTime` column, `Mapped[dict]` / `Mapped[list]` a JSON column.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON as _JSON
from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator

__all__ = ["JSON", "UtcDateTime", "as_utc"]



def as_utc(value: datetime) -> datetime:
    """The same moment in UTC; a naive value is taken as UTC already (SQLite's, or an old row's)."""
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class JSON(TypeDecorator):
    """SQLAlchemy's JSON, refusing JSON text: `places="[1]"` would store a string, not a list."""
    impl = _JSON
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if isinstance(value, str | bytes):
            raise TypeError("a JSON column holds the value itself (a dict or a list), not its JSON text")
        return value


class UtcDateTime(TypeDecorator):
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        value = as_utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else as_utc(value)
