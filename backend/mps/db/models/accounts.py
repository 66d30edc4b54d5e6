"""Accounts: signed-in browser sessions and spent sign-in links."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from mps.db.base import Base


class SignInSession(Base):
    """One signed-in browser. Its cookie holds a random token; the row keeps only the token's SHA-256, so
    reading this table gives no usable cookie. The database is the only home of sessions: they survive a
    Redis restart, and deleting a person deletes their sessions (ON DELETE CASCADE)."""

    __tablename__ = "sign_in_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    provider: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column()
    expires_at: Mapped[datetime] = mapped_column(index=True)


class UsedLoginToken(Base):
    """The nonce of a sign-in link already used: a link works once, whatever the number of workers."""

    __tablename__ = "used_login_tokens"

    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    used_at: Mapped[datetime] = mapped_column(index=True)
