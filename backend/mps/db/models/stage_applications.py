"""Stage applications (issue 15): a student applies to one period of an offer; every change of state is kept
as an event (who, when, from, to, why). The rules live in domain/stages/applications/states.py."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from mps.db.base import Base

# An application that holds a place in the student's list (and, once confirmed, a seat): at most one per
# student and offer period (the partial unique index below), so a double click never applies twice.
ACTIVE = ("submitted", "read", "accepted", "confirmed")
_ACTIVE_SQL = text("status IN ('submitted', 'read', 'accepted', 'confirmed')")


class StageApplication(Base):
    __tablename__ = "stage_applications"
    __table_args__ = (
        Index("ix_stage_applications_active_once", "student_id", "period_id", unique=True,
              sqlite_where=_ACTIVE_SQL, postgresql_where=_ACTIVE_SQL),
        Index("ix_stage_applications_student_status", "student_id", "status"),
        Index("ix_stage_applications_status_expires", "status", "expires_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    student_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    offer_id: Mapped[int] = mapped_column(ForeignKey("stage_offers.id", ondelete="CASCADE"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("stage_offer_periods.id", ondelete="CASCADE"))
    period_code: Mapped[str] = mapped_column(String(16))  # deux-semaines | semaine-1 | semaine-2 | 2026-W05
    school_year: Mapped[int] = mapped_column(Integer)  # the offer's school year (the June it ends)
    # submitted | read | accepted | rejected | confirmed | expired | cancelled
    status: Mapped[str] = mapped_column(String(10))
    motivation: Mapped[str] = mapped_column(Text)
    # What the employer sees of the student until they confirm: first name, school, level (the offer's).
    first_name: Mapped[str] = mapped_column(String(60))
    school_uai: Mapped[str] = mapped_column(String(12), default="")
    created_at: Mapped[datetime] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column()
    read_at: Mapped[datetime | None] = mapped_column(nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(nullable=True)  # accepted or rejected
    expires_at: Mapped[datetime | None] = mapped_column(nullable=True)  # an acceptance not confirmed by then
    expiry_reminded_at: Mapped[datetime | None] = mapped_column(nullable=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    reject_reason: Mapped[str] = mapped_column(Text, default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    cancelled_by: Mapped[str] = mapped_column(String(10), default="")  # student | employer | system | admin


class StageApplicationEvent(Base):
    """One change of an application's state: the audit trail both sides and the school can read."""

    __tablename__ = "stage_application_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("stage_applications.id", ondelete="CASCADE"),
                                                index=True)
    at: Mapped[datetime] = mapped_column(index=True)  # the pushes' source reads the last two days
    actor_id: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), nullable=True)
    actor_role: Mapped[str] = mapped_column(String(10))  # student | employer | system | admin
    from_status: Mapped[str] = mapped_column(String(10), default="")  # "" when submitted
    to_status: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text, default="")
