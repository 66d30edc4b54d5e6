"""Delivering the reminders a pass chose (scheduler.py decides what is due and for whom), each at most once.

1. reconcile: a claim left `sending` by a worker that died between sending and recording becomes
   `unconfirmed` (never sent again: the device may already show it);
2. claim: insert (target, reminder key, occurrence) rows, skipping those that exist (insert-or-skip,
   committed before anything is sent): of two workers, only the one whose insert went in sends;
3. claim the deliveries whose retry time has come (an UPDATE that only one worker can win);
4. send (a bounded number at a time) and record each outcome: sent, retry later, gone (the subscription is
   deleted), failed.
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from mps.db.models import Person, PushOutcome, PushSubscription, ReminderDelivery
from mps.domain.reminders.sender import Attempt, Delivery, PushOptions, PushSender, RetryPolicy, Target, deliver

log = logging.getLogger("mps.reminders")

MAX_ATTEMPTS = 8  # over all passes, then `failed`
STALE_CLAIM = timedelta(minutes=10)  # longer than a pass with its retries can last
CHUNK = 500

Mailer = Callable[[str, str, str], Awaitable[None]]  # (to, subject, text)


def push_body(payload: dict) -> bytes:
    """The bytes the service worker receives (service-worker/src: push), from the stored payload."""
    return json.dumps(payload, ensure_ascii=False).encode()


def _insert(db: AsyncSession):
    return pg_insert if db.bind.dialect.name == "postgresql" else sqlite_insert


def _chunks(ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


@dataclass
class Deliveries:
    """One worker's claims, sends and records (the Scheduler builds one for each pass)."""
    sessionmaker: async_sessionmaker
    sender: PushSender | None
    mailer: Mailer | None
    public_url: str
    policy: RetryPolicy
    concurrency: int
    worker: str

    async def reconcile(self, now: datetime) -> int:
        """Claims older than STALE_CLAIM still `sending`: their worker died before recording. Not resent."""
        async with self.sessionmaker() as db:
            ids = list((await db.scalars(select(ReminderDelivery.id).where(
                ReminderDelivery.state == "sending", ReminderDelivery.claimed_at < now - STALE_CLAIM))).all())
            if ids:
                await db.execute(update(ReminderDelivery).where(ReminderDelivery.id.in_(ids),
                                                                ReminderDelivery.state == "sending")
                                 .values(state="unconfirmed"))
                db.add_all(PushOutcome(delivery_id=i, at=now, outcome="unconfirmed",
                                       detail="le processus s'est arrêté entre l'envoi et l'enregistrement")
                           for i in ids)
                await db.commit()
                log.warning("reminders: %d deliveries left unconfirmed by a stopped worker", len(ids))
        return len(ids)

    async def claim_new(self, rows: list[dict]) -> list[int]:
        """Insert-or-skip, committed before sending: the rows that went in are ours to send, and only ours."""
        owned: list[int] = []
        for start in range(0, len(rows), CHUNK):
            async with self.sessionmaker() as db:
                # Parameters given apart from the statement: SQLAlchemy's "insertmanyvalues" batches them
                # without compiling a statement of thousands of bound parameters.
                statement = (_insert(db)(ReminderDelivery.__table__)
                             .on_conflict_do_nothing(index_elements=["target", "reminder_key", "occurrence"])
                             .returning(ReminderDelivery.id))
                # On the session's connection (Core): the ORM's bulk path costs ~50 µs per row more.
                conn = await db.connection()
                owned += list((await conn.execute(statement, rows[start:start + CHUNK])).scalars().all())
                await db.commit()
        return owned

    async def claim_retries(self, now: datetime) -> list[int]:
        """One UPDATE … RETURNING: of two workers, each row goes to the one whose UPDATE changed it."""
        async with self.sessionmaker() as db:
            ready = (select(ReminderDelivery.id).where(ReminderDelivery.state == "retry",
                                                       ReminderDelivery.next_attempt_at <= now)
                     .order_by(ReminderDelivery.next_attempt_at).limit(5 * CHUNK).scalar_subquery())
            owned = list((await db.scalars(
                update(ReminderDelivery).where(ReminderDelivery.id.in_(ready), ReminderDelivery.state == "retry")
                .values(state="sending", claimed_by=self.worker, claimed_at=now)
                .returning(ReminderDelivery.id).execution_options(synchronize_session=False))).all())
            await db.commit()
        return owned

    async def send(self, ids: list[int], now: datetime) -> Counter:
        """Send the claimed deliveries, CHUNK at a time, and record every outcome: how many ended in each state."""
        outcomes: Counter = Counter()
        for part in _chunks(ids):
            outcomes.update(await self._send_chunk(part, now))
        return outcomes

    async def _send_chunk(self, ids: list[int], now: datetime) -> Counter:
        async with self.sessionmaker() as db:
            # Rows, not ORM objects (read-only here: the outcomes are written by _record in bulk).
            deliveries = (await db.execute(select(ReminderDelivery.__table__)
                                           .where(ReminderDelivery.id.in_(ids)))).all()
            sub_ids = [d.subscription_id for d in deliveries if d.subscription_id is not None]
            subs = {s.id: s for s in (await db.execute(select(
                PushSubscription.id, PushSubscription.endpoint, PushSubscription.p256dh, PushSubscription.auth)
                .where(PushSubscription.id.in_(sub_ids)))).all()} if sub_ids else {}
            mail_people = [d.person_id for d in deliveries if d.target.startswith("mail:")]
            emails = dict((await db.execute(select(Person.id, Person.email).where(
                Person.id.in_(mail_people)))).all()) if mail_people else {}
            await db.commit()
        gate = asyncio.Semaphore(self.concurrency)

        async def mail(d):
            async with gate:
                return d, await self._mail(emails.get(d.person_id), d)

        async def push(d, target: Target, options: PushOptions, data: bytes, body):
            if not isinstance(body, bytes):  # too large, keys unreadable: nothing to post
                return d, Delivery([body])
            async with gate:
                return d, await deliver(self.sender, target, data, options, self.policy, body=body)

        tasks = [asyncio.ensure_future(mail(d)) for d in deliveries if d.target.startswith("mail:")]
        results = []
        pushes = []  # (delivery, target, options, plaintext), encrypted together: on every core for a large chunk
        options_of: dict[tuple, PushOptions] = {}
        for d in deliveries:
            if d.target.startswith("mail:"):
                continue
            sub = subs.get(d.subscription_id)
            if sub is None or self.sender is None:
                results.append((d, None))
                continue
            key = (d.ttl, d.urgency, d.payload["tag"])
            if key not in options_of:
                options_of[key] = PushOptions(ttl=d.ttl, urgency=d.urgency, topic=d.payload["tag"])
            pushes.append((d, Target(sub.endpoint, sub.p256dh, sub.auth), options_of[key], push_body(d.payload)))
        if pushes:
            # Sends start as soon as the first slice is encrypted, while the pool encrypts the next ones.
            async for done in self.sender.encrypt_many([(t, data) for _, t, _, data in pushes]):
                tasks += [asyncio.ensure_future(push(*pushes[i], body)) for i, body in done]
        results += await asyncio.gather(*tasks)
        return await self._record(results, now)

    async def _mail(self, email: str | None, d) -> Delivery | None:
        if not email:
            return None
        doc = d.payload
        text = f"{doc['body']}\n\n{self.public_url}{doc['url']}\n\nTu reçois ce rappel car tu l'as demandé par e-mail. " \
               f"Pour changer tes rappels : {self.public_url}/rappels\n"
        try:
            await self.mailer(email, f"Rappel : {doc['title']}", text)
        except Exception as exc:  # SMTP down: try again in a later pass
            return Delivery([Attempt("network", None, detail=f"e-mail : {type(exc).__name__}")], defer_for=600.0)
        return Delivery([Attempt("sent", None, detail="e-mail")])

    async def _record(self, results, now: datetime) -> Counter:
        """Every outcome in a few statements: one INSERT of all attempts, one UPDATE per distinct new state."""
        counts: Counter = Counter()
        outcomes: list[dict] = []
        by_values: dict[tuple, list[int]] = defaultdict(list)
        gone_subs: set[int] = set()
        sent_subs: list[int] = []
        for d, result in results:
            attempts = d.attempts + (len(result.attempts) if result else 0)
            values: dict = {"attempts": attempts}
            if result is None:
                values["state"] = "gone"
                outcomes.append({"delivery_id": d.id, "at": now, "outcome": "gone", "http_status": None,
                                 "detail": "appareil retiré"})
            else:
                outcomes += [{"delivery_id": d.id, "at": now, "outcome": a.outcome, "http_status": a.http_status,
                              "detail": a.detail[:200]} for a in result.attempts]
                outcome = result.last.outcome
                if outcome == "sent":
                    values.update(state="sent", sent_at=now)
                    if d.subscription_id is not None:
                        sent_subs.append(d.subscription_id)
                elif outcome == "gone":  # 404/410: the browser unsubscribed or the subscription expired
                    values["state"] = "gone"
                    if d.subscription_id is not None:
                        gone_subs.add(d.subscription_id)
                elif result.defer_for is not None and attempts < MAX_ATTEMPTS:
                    values.update(state="retry", next_attempt_at=now + timedelta(seconds=result.defer_for))
                else:
                    values["state"] = "failed"
                    if outcome == "too_large":
                        log.warning("reminders: push refused as too large (%s)", d.reminder_key)
                    else:
                        log.warning("reminders: push failed: %s %s", outcome, result.last.http_status)
            counts[values["state"]] += 1
            by_values[tuple(sorted(values.items()))].append(d.id)
        async with self.sessionmaker() as db:
            if outcomes:
                await (await db.connection()).execute(insert(PushOutcome.__table__), outcomes)
            for values, ids in by_values.items():
                for part in _chunks(ids):
                    await db.execute(update(ReminderDelivery).where(ReminderDelivery.id.in_(part))
                                     .values(**dict(values)).execution_options(synchronize_session=False))
            for part in _chunks(sorted(gone_subs)):
                await db.execute(delete(PushSubscription).where(PushSubscription.id.in_(part))
                                 .execution_options(synchronize_session=False))
            for part in _chunks(sorted(set(sent_subs) - gone_subs)):
                await db.execute(update(PushSubscription).where(PushSubscription.id.in_(part))
                                 .values(last_success_at=now).execution_options(synchronize_session=False))
            await db.commit()
        return counts
