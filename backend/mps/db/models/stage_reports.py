"""Before and after a stage (issue 15): the student's preparation checklist and their report
(« compte-rendu ») with its consent to the teacher. One of each per confirmed application: a seconde
student with two one-week stages prepares and reports each. The table is `stage_debriefs`:
`stage_reports` holds the reports on offers (issue 14)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from mps.db.base import Base


class StagePreparation(Base):
    """The checklist's ticks: item id -> {"done", "ts", "op"}, a last-writer-wins register per item
    (domain/stages/preparation/checklist.py), so ticks queued offline on two devices merge."""

    __tablename__ = "stage_preparations"

    application_id: Mapped[int] = mapped_column(ForeignKey("stage_applications.id", ondelete="CASCADE"),
                                                primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    ticks: Mapped[dict] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column()


class StageDebrief(Base):
    """What the student writes after the stage. The teacher of their class reads it only while
    `shared_at` is set (the student's consent, dated); `consent_log` keeps every give / withdraw."""

    __tablename__ = "stage_debriefs"

    application_id: Mapped[int] = mapped_column(ForeignKey("stage_applications.id", ondelete="CASCADE"),
                                                primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    decouvert: Mapped[str] = mapped_column(Text, default="")
    aime: Mapped[str] = mapped_column(Text, default="")
    moins_aime: Mapped[str] = mapped_column(Text, default="")
    metiers_vus: Mapped[str] = mapped_column(Text, default="")
    shared_at: Mapped[datetime | None] = mapped_column(nullable=True)
    consent_log: Mapped[list] = mapped_column(default=list)  # [{"at": ISO, "shared": bool}]
    # Profile items the student added from this report (« interets:ci13 »): shown as done, never re-offered.
    added: Mapped[list] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column()
    # Sent back by the form: a save made from an older copy (another tab, another device) is not applied
    # over a newer one; the student sees both texts instead.
    version: Mapped[int] = mapped_column(Integer, default=1)
