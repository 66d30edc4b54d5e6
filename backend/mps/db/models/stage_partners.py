"""Partner API tokens of the stage board (issue 15): platforms and associations publish offers of one
organisation through /api/v1/partner. Only a SHA-256 of the token is kept; its prefix names it in lists
and finds its row."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mps.db.base import Base


class StagePartnerToken(Base):
    __tablename__ = "stage_partner_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("stage_organisations.id", ondelete="CASCADE"),
                                                 index=True)
    prefix: Mapped[str] = mapped_column(String(16), unique=True)  # "mpsp_" + 8 characters, shown in lists
    token_hash: Mapped[str] = mapped_column(String(64))  # hex SHA-256 of the whole token
    label: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column()
    last_used_at: Mapped[datetime | None] = mapped_column(nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(nullable=True)
