"""The reminder scheduler: which reminders are due now and for whom; delivery.py sends each at most once.

One pass:
1. run the other areas' timed chores, then reconcile the claims of a worker that died (delivery.py);
2. ask the source (the timeline) for the reminders due now; keep those the student wants, outside their
   quiet hours in their own time zone (a reminder due during the night waits for the morning's pass);
3. one delivery row per (reminder, device) and per mailbox of those who chose mail, which delivery.py
   claims (new rows and the retries whose time has come), sends and records.
"""
from __future__ import annotations

import logging
import os
import secrets
import socket
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from mps.db.models import Person, PushSubscription
from mps.domain.reminders.delivery import CHUNK, Deliveries, Mailer
from mps.domain.reminders.sender import PushSender, RetryPolicy, topic_for
from mps.domain.reminders.service import choices_for

log = logging.getLogger("mps.reminders")

TTL = 3 * 24 * 3600  # a phone off for a long weekend still gets it; older than that, the page says it anyway
TTL_URGENT = 24 * 3600


class ReminderLike(Protocol):
    """What the timeline's due_reminders() returns (mps.domain.timeline.reminders.DueReminder)."""
    person_id: str
    key: str
    occurrence: str
    kind: str
    title: str
    body: str
    url: str
    due_at: datetime


Source = Callable[[AsyncSession, datetime], Awaitable[Sequence[ReminderLike]]]


def payload_of(reminder: ReminderLike) -> dict:
    """What the service worker shows (service-worker/src: push): a French notification with an action."""
    return {"title": reminder.title[:60], "body": reminder.body[:200], "url": reminder.url,
            "tag": topic_for(reminder.key), "kind": reminder.kind, "action": "Voir"}


def urgency_of(reminder: ReminderLike) -> str:
    # A Parcoursup date may not wait for the phone's next wake-up; the rest can.
    return "high" if reminder.kind == "parcoursup" else "normal"


def default_worker_name() -> str:
    return f"{socket.gethostname()[:20]}:{os.getpid()}:{secrets.token_hex(3)}"


@dataclass
class PassReport:
    due: int = 0
    claimed: int = 0
    skipped_quiet: int = 0
    skipped_choice: int = 0
    outcomes: Counter = field(default_factory=Counter)


@dataclass
class Scheduler:
    sessionmaker: async_sessionmaker
    source: Source
    sender: PushSender | None
    mailer: Mailer | None = None
    public_url: str = ""
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    concurrency: int = 64
    worker: str = field(default_factory=default_worker_name)
    # Timed work of other areas run before each pass, on the same runner (stage applications' expiry);
    # one that fails is logged and does not stop the reminders.
    chores: Sequence[Callable[[datetime], Awaitable[object]]] = ()

    def deliveries(self) -> Deliveries:
        return Deliveries(self.sessionmaker, self.sender, self.mailer, self.public_url, self.policy,
                          self.concurrency, self.worker)

    async def run_pass(self, now: datetime | None = None) -> PassReport:
        now = now or datetime.now(timezone.utc)
        report = PassReport()
        for chore in self.chores:
            try:
                await chore(now)
            except Exception as exc:  # noqa: BLE001 - the database away: the next pass tries again
                log.error("reminders: chore %s failed (%s)", getattr(chore, "__name__", "?"), type(exc).__name__)
        deliveries = self.deliveries()
        await deliveries.reconcile(now)
        rows = await self._wanted(now, report)
        owned = await deliveries.claim_new(rows) + await deliveries.claim_retries(now)
        report.claimed = len(owned)
        report.outcomes.update(await deliveries.send(owned, now))
        return report

    async def _wanted(self, now: datetime, report: PassReport) -> list[dict]:
        """The delivery rows to claim: one per (due reminder, device) and per mailbox of those who chose mail."""
        async with self.sessionmaker() as db:
            due = list(await self.source(db, now))
            report.due = len(due)
            people = {r.person_id for r in due}
            choices = await choices_for(db, people)
            devices: dict[str, list[int]] = defaultdict(list)
            emails: dict[str, str] = {}
            ids = sorted(people)
            for start in range(0, len(ids), CHUNK):
                part = ids[start:start + CHUNK]
                for sid, pid in (await db.execute(select(PushSubscription.id, PushSubscription.person_id)
                                                  .where(PushSubscription.person_id.in_(part)))).all():
                    devices[pid].append(sid)
                mailing = [pid for pid in part if choices[pid].email]
                if mailing:
                    emails.update((await db.execute(select(Person.id, Person.email).where(
                        Person.id.in_(mailing), Person.email.is_not(None)))).all())
        rows = []
        for reminder in due:
            chosen = choices[reminder.person_id]
            if not chosen.wants(reminder.kind):
                report.skipped_choice += 1
                continue
            if chosen.is_quiet(now):
                report.skipped_quiet += 1
                continue
            targets = [(f"push:{sid}", sid) for sid in devices.get(reminder.person_id, ())]
            # A reminder whose e-mail already went out (by_mail False: stage applications) goes to devices only.
            if reminder.person_id in emails and self.mailer is not None and getattr(reminder, "by_mail", True):
                targets.append((f"mail:{reminder.person_id}", None))
            payload = payload_of(reminder)
            urgency = urgency_of(reminder)
            for target, sid in targets:
                rows.append({"target": target, "reminder_key": reminder.key[:160],
                             "occurrence": reminder.occurrence[:10], "person_id": reminder.person_id,
                             "subscription_id": sid, "state": "sending", "attempts": 0, "payload": payload,
                             "urgency": urgency, "ttl": TTL_URGENT if urgency == "high" else TTL,
                             "claimed_by": self.worker, "claimed_at": now})
        return rows
