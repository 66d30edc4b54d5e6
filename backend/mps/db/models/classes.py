"""Teachers' classes, the students who joined them (with consent) and what teachers propose to them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mps.db.base import Base


class SchoolClass(Base):
    """No foreign key to lycees: the annuaire is re-imported each year; the name is kept as it was."""

    __tablename__ = "school_classes"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    teacher_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    lycee_uai: Mapped[str] = mapped_column(String(12))
    lycee_name: Mapped[str] = mapped_column(Text)
    lycee_commune: Mapped[str] = mapped_column(Text, default="")
    label: Mapped[str] = mapped_column(String(60))
    school_year: Mapped[str] = mapped_column(String(9))  # 2025-2026
    # The short code students type (8 characters, no look-alikes; mps.domain.classes.service). The column
    # kept its first name (it held a nonce for signed codes) so that no table is rebuilt.
    join_code: Mapped[str] = mapped_column("join_nonce", String(24), index=True, unique=True)
    created_at: Mapped[datetime] = mapped_column()


class ClassMember(Base):
    """A student in a class, by their own consent; leaving deletes the row (the teacher sees nothing more)."""

    __tablename__ = "class_members"
    __table_args__ = (UniqueConstraint("class_id", "person_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    class_id: Mapped[str] = mapped_column(ForeignKey("school_classes.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    consent_at: Mapped[datetime] = mapped_column()


class TeacherNote(Base):
    """A formation proposed by a teacher (« proposé par ton professeur ») or advice to see the PsyEN."""

    __tablename__ = "teacher_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    class_id: Mapped[str] = mapped_column(ForeignKey("school_classes.id", ondelete="CASCADE"), index=True)
    teacher_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # formation | psyen
    formation_id: Mapped[str | None] = mapped_column(String(120), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column()
