"""Reminders test helpers: people with devices, a due-reminder source, schedulers on their own engine."""
from __future__ import annotations

import asyncio
import base64
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone

import aiohttp
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import func, select

from mps.db.engine import make_engine, make_sessionmaker
from mps.db.models import Person, PushOutcome, ReminderDelivery
from mps.domain.reminders import service
from mps.domain.reminders.scheduler import Scheduler
from mps.domain.reminders.sender import PushSender, RetryPolicy, push_session


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def subscription(**over) -> dict:
    point = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(Encoding.X962,
                                                                              PublicFormat.UncompressedPoint)
    doc = {"endpoint": f"https://fcm.googleapis.com/fcm/send/{os.urandom(8).hex()}",
           "keys": {"p256dh": b64(point), "auth": b64(os.urandom(16))}, "label": "Chrome sur Android"}
    return {**doc, **over}


@dataclass(frozen=True)
class Due:
    """Shaped like mps.domain.timeline.reminders.DueReminder."""
    person_id: str
    key: str
    occurrence: str
    kind: str
    title: str
    body: str
    url: str
    due_at: datetime


def due(person_id: str, key: str = "parcoursup-voeux", kind: str = "parcoursup", occurrence: str = "2027-03-10") -> Due:
    return Due(person_id, key, occurrence, kind, "Tes vœux Parcoursup", "Plus que 3 jours pour formuler tes vœux.",
               "/calendrier", datetime(2027, 3, 9, tzinfo=timezone.utc))


class Source:
    def __init__(self, reminders=()):
        self.reminders = list(reminders)

    async def __call__(self, db, now):
        return list(self.reminders)


class Harness:
    """One worker: its own engine, sessions, HTTP client and scheduler (close() after)."""

    def __init__(self, url: str, keys, source, policy=RetryPolicy(attempts=3, backoff=0.0), mails=None):
        self.engine = make_engine(url)
        self.sessionmaker = make_sessionmaker(self.engine)
        self.client = push_session(aiohttp.ClientTimeout(total=2.0))
        self.mails = mails if mails is not None else []

        async def mailer(to, subject, text):
            self.mails.append((to, subject, text))

        self.scheduler = Scheduler(self.sessionmaker, source, PushSender(keys, "mailto:rappels@monprojetsup.fr",
                                                                         self.client),
                                   mailer=mailer, public_url="https://monprojetsup.example.fr", policy=policy)

    async def person(self, devices=(), address: str | None = None, **choices) -> str:
        async with self.sessionmaker() as db:
            pid = secrets.token_hex(16)
            db.add(Person(id=pid, created_at=datetime.now(timezone.utc), role="lyceen", email=address))
            await db.flush()
            for device in devices:
                await service.subscribe(db, pid, device.endpoint, device.p256dh, device.auth_b64, "test",
                                        allow_local=True)
            if choices:
                base = {"kinds": ["parcoursup", "stage", "tache", "classe"], "quiet_start": "21:00",
                        "quiet_end": "08:00", "time_zone": "Europe/Paris", "email": False}
                await service.save_choices(db, pid, **{**base, **choices})
            await db.commit()
        return pid

    async def deliveries(self) -> list[ReminderDelivery]:
        async with self.sessionmaker() as db:
            return list((await db.scalars(select(ReminderDelivery).order_by(ReminderDelivery.id))).all())

    async def outcomes(self) -> list[tuple[str, int | None]]:
        async with self.sessionmaker() as db:
            return [tuple(r) for r in (await db.execute(select(PushOutcome.outcome, PushOutcome.http_status)
                                                        .order_by(PushOutcome.id))).all()]

    async def count(self, model) -> int:
        async with self.sessionmaker() as db:
            return await db.scalar(select(func.count()).select_from(model))

    async def close(self):
        await self.client.close()
        await self.engine.dispose()


class LocalServer:
    """A server on 127.0.0.1 and a free port for the test's `handle(reader, writer)`: `async with` starts and stops it."""
    port: int = 0

    async def handle(self, reader, writer) -> None:
        raise NotImplementedError

    async def __aenter__(self):
        self._server = await asyncio.start_server(self.handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc) -> None:
        self._server.close()
