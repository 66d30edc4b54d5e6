"""Offline sync bookkeeping (mps.domain.sync): per-person change counter, merge state per mark, applied ops."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from mps.db.base import Base


class SyncPerson(Base):
    """The person's change counter: every mark change gets the next `seq`; a device's cursor is a seq."""

    __tablename__ = "sync_people"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)


class SyncItem(Base):
    """Merge state (per-field clocks, note versions) of one formation mark, and the seq of its last change.

    `row_version` is the formation_marks.version this state was last written to or read from: a
    different version means the mark was changed outside sync (web forms, API) and is adopted."""

    __tablename__ = "sync_items"
    __table_args__ = (Index("ix_sync_items_person_seq", "person_id", "seq"),)

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    formation_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    row_version: Mapped[int] = mapped_column(Integer)
    state: Mapped[dict] = mapped_column()


class SyncAppliedOp(Base):
    """Operation ids already applied for a person: a replayed operation is a no-op."""

    __tablename__ = "sync_applied_ops"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    op_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    applied_at: Mapped[datetime] = mapped_column()
