"""Reminders: devices subscribed to Web Push, each student's reminder choices, and every delivery.

A delivery row is the reminder's claim on one target (a device, or the student's mailbox): the
unique key (target, reminder_key, occurrence) is written before anything is sent, so two workers,
or one worker restarted after a crash, never send the same reminder twice to the same device.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mps.db.base import Base


class PushSubscription(Base):
    """One browser's Web Push subscription (PushSubscription.toJSON() of the device)."""

    __tablename__ = "push_subscriptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    endpoint: Mapped[str] = mapped_column(String(1024), unique=True)  # a capability URL: never shown in full
    p256dh: Mapped[str] = mapped_column(String(128))
    auth: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(80), default="")  # « Chrome sur Android », from the device
    created_at: Mapped[datetime] = mapped_column()
    last_success_at: Mapped[datetime | None] = mapped_column(nullable=True)


class ReminderPreferences(Base):
    """What a student wants to be reminded of, when not to be disturbed, and where they live (time zone)."""

    __tablename__ = "reminder_preferences"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    kinds: Mapped[str] = mapped_column(String(100))  # comma-separated kinds of reminders wanted
    quiet_start: Mapped[str] = mapped_column(String(5), default="21:00")  # local time HH:MM
    quiet_end: Mapped[str] = mapped_column(String(5), default="08:00")
    time_zone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    email: Mapped[bool] = mapped_column(Boolean, default=False)  # also (or instead) by e-mail
    updated_at: Mapped[datetime] = mapped_column()


class ReminderDelivery(Base):
    """One reminder for one target: claimed (state `sending`) before sending, then its outcome."""

    __tablename__ = "reminder_deliveries"
    __table_args__ = (UniqueConstraint("target", "reminder_key", "occurrence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    target: Mapped[str] = mapped_column(String(48))  # push:<subscription id> | mail:<person id>
    reminder_key: Mapped[str] = mapped_column(String(160))
    occurrence: Mapped[str] = mapped_column(String(10))  # ISO date
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    subscription_id: Mapped[int | None] = mapped_column(
        ForeignKey("push_subscriptions.id", ondelete="SET NULL"), nullable=True, index=True)
    # sending | sent | retry | gone | failed | unconfirmed
    state: Mapped[str] = mapped_column(String(12), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    payload: Mapped[dict] = mapped_column()  # what is sent (delivery.push_body), kept for retries
    urgency: Mapped[str] = mapped_column(String(8), default="normal")
    ttl: Mapped[int] = mapped_column(Integer)
    claimed_by: Mapped[str] = mapped_column(String(40))
    claimed_at: Mapped[datetime] = mapped_column()
    next_attempt_at: Mapped[datetime | None] = mapped_column(nullable=True, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(nullable=True)


class PushOutcome(Base):
    """Every attempt and what came of it (HTTP status, retry, removal): what support reads first."""

    __tablename__ = "push_outcomes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("reminder_deliveries.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column()
    outcome: Mapped[str] = mapped_column(String(16))  # sent | gone | too_large | rate_limited | server_error | ...
    http_status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    detail: Mapped[str] = mapped_column(String(200), default="")
