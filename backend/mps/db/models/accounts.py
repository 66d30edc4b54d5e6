"""Accounts: server-side web sessions (database store) and spent sign-in links."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from mps.db.base import Base


class WebSession(Base):
    """One browser session: Litestar's serialised session data under a random id (the cookie value)."""

    __tablename__ = "web_sessions"

    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True, index=True)


class UsedLoginToken(Base):
    """The nonce of a sign-in link already used: a link works once, whatever the number of workers."""

    __tablename__ = "used_login_tokens"

    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    used_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
