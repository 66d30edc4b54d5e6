"""Declarative base shared by every domain model (Alembic reads its metadata)."""
from datetime import datetime

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from mps.db.types import JSON, UtcDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    # `Mapped[datetime]` is a UTC-aware column on both databases, `Mapped[dict]` / `Mapped[list]` JSON
    # (db/types.py): models write no column type for these.
    type_annotation_map = {datetime: UtcDateTime(), dict: JSON(), list: JSON()}
