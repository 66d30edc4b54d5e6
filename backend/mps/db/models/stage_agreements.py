"""The convention de stage (issue 15): one per student and school year, built from the confirmed placement
(1 or 2 host structures), the parties' inputs, its signatories and an append-only audit trail.

`doc_hash` is the SHA-256 of the canonical document (domain/stages/agreements/document.py); `frozen_hash`
is set at the first signature: a later change of the data voids every signature and restarts them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mps.db.base import Base


class StageAgreement(Base):
    __tablename__ = "stage_agreements"
    __table_args__ = (UniqueConstraint("student_id", "school_year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    student_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    school_year: Mapped[int] = mapped_column(Integer)
    school_uai: Mapped[str] = mapped_column(String(12), index=True)
    inputs: Mapped[dict] = mapped_column(default=dict)  # what the parties typed (student, school, each host)
    document: Mapped[dict] = mapped_column(default=dict)  # the last generated document, as hashed
    doc_hash: Mapped[str] = mapped_column(String(64))
    frozen_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    status: Mapped[str] = mapped_column(String(10))  # draft | signing | signed
    host_orgs: Mapped[str] = mapped_column(Text, default="")  # "|12|40|": the host organisations, for their list
    restarts: Mapped[int] = mapped_column(Integer, default=0)  # signatures voided by a change, so far
    created_at: Mapped[datetime] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column()


class StageAgreementSignatory(Base):
    """One person who signs: role employeur (one per host structure, `slot` 0 or 1), chef (head of the
    school), eleve, representant. The signing link carries the row id and `link_nonce`; a new nonce (other
    person, new link asked) kills the old links. One-time codes are stored as keyed hashes."""

    __tablename__ = "stage_agreement_signatories"
    __table_args__ = (UniqueConstraint("agreement_id", "role", "slot"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("stage_agreements.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(14))
    slot: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(Text)
    email: Mapped[str] = mapped_column(String(254))
    link_nonce: Mapped[str] = mapped_column(String(32))
    invited_at: Mapped[datetime | None] = mapped_column(nullable=True)
    code_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    code_expires_at: Mapped[datetime | None] = mapped_column(nullable=True)
    code_sent_at: Mapped[datetime | None] = mapped_column(nullable=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(nullable=True)
    signed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    signed_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class StageAgreementEvent(Base):
    """The audit trail: never updated nor deleted while the agreement lives. Names and roles are copied
    (a signatory row may be replaced when the person changes)."""

    __tablename__ = "stage_agreement_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("stage_agreements.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column()
    kind: Mapped[str] = mapped_column(String(20))
    role: Mapped[str] = mapped_column(String(14), default="")
    name: Mapped[str] = mapped_column(Text, default="")
    doc_hash: Mapped[str] = mapped_column(String(64), default="")
    ip: Mapped[str] = mapped_column(String(64), default="")
    user_agent: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(Text, default="")
