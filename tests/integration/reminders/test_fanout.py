"""Large passes: the VAPID token signed once per push service and reused within its window, and the pushes
encrypted in the process pool (encryption.py) still decrypt, each recorded with its own outcome."""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import jwt
import pytest
from sqlalchemy import select

from mps.db.models import PushSubscription
from mps.domain.reminders.encryption import close_pools
from mps.domain.reminders.sender import (JWT_LIFETIME, JWT_REUSE, MAX_PLAINTEXT, PushOptions, PushSender, Target,
                                         push_session)
from tests.integration.reminders.helpers import Harness, Source, due

NOON = datetime(2027, 3, 10, 12, 0, tzinfo=timezone.utc)
OPTIONS = PushOptions(ttl=60)


def claims(headers: dict) -> dict:
    token = headers["Authorization"].split("t=", 1)[1].split(",", 1)[0]
    return jwt.decode(token, options={"verify_signature": False})


def test_vapid_header_reused_within_its_window_renewed_after(vapid_keys):
    clock = [1_800_000_000.0]
    sender = PushSender(vapid_keys, "mailto:rappels@monprojetsup.fr", None, clock=lambda: clock[0])
    fcm = Target("https://fcm.googleapis.com/fcm/send/abc", "k", "a")
    fcm_other = Target("https://fcm.googleapis.com/fcm/send/def", "k", "a")
    mozilla = Target("https://updates.push.services.mozilla.com/wpush/v2/x", "k", "a")
    first = sender.headers(fcm, OPTIONS)["Authorization"]
    assert claims(sender.headers(fcm, OPTIONS)) == {"aud": "https://fcm.googleapis.com", "sub":
                                                    "mailto:rappels@monprojetsup.fr", "exp": int(clock[0]) + JWT_LIFETIME}
    other_service = sender.headers(mozilla, OPTIONS)["Authorization"]
    assert other_service != first and claims(sender.headers(mozilla, OPTIONS))["aud"] == \
        "https://updates.push.services.mozilla.com"
    clock[0] += JWT_REUSE - 1  # within the window: the same signed token, for every device of that service
    assert sender.headers(fcm, OPTIONS)["Authorization"] == first
    assert sender.headers(fcm_other, OPTIONS)["Authorization"] == first
    clock[0] += 2  # past it: a new token, expiring later, then reused in turn
    renewed = sender.headers(fcm, OPTIONS)["Authorization"]
    assert renewed != first and claims(sender.headers(fcm, OPTIONS))["exp"] == int(clock[0]) + JWT_LIFETIME
    assert sender.headers(fcm_other, OPTIONS)["Authorization"] == renewed
    assert sender.headers(mozilla, OPTIONS)["Authorization"] != other_service


@pytest.fixture
def pooled():
    """Senders that encrypt through the process pool from the first push (one worker: CI's cores are shared)."""
    def make(sender: PushSender) -> PushSender:
        sender.pool_from, sender.workers = 1, 1
        return sender
    yield make
    close_pools()


async def test_pool_encrypts_what_the_device_decrypts(push_service, vapid_keys, pooled):
    devices = [push_service.device() for _ in range(70)]  # more than one slice
    async with push_session() as client:
        sender = pooled(PushSender(vapid_keys, "mailto:rappels@monprojetsup.fr", client))
        items = [(Target(d.endpoint, d.p256dh, d.auth_b64), f'{{"n":{i}}}'.encode()) for i, d in enumerate(devices)]
        items.append((Target(devices[0].endpoint, "bm90IGEga2V5", "AAAAAAAAAAAAAAAAAAAAAA"), b"{}"))
        items.append((items[0][0], b"x" * (MAX_PLAINTEXT + 1)))
        bodies = {}
        async for done in sender.encrypt_many(items):
            bodies.update(done)
        assert sorted(bodies) == list(range(len(items)))
        assert bodies[70].outcome == "refused" and bodies[71].outcome == "too_large"
        sent = await asyncio.gather(*(sender.send(t, p, OPTIONS, bodies[i]) for i, (t, p) in enumerate(items[:70])))
    assert {a.outcome for a in sent} == {"sent"} and not push_service.errors
    for i, device in enumerate(devices):
        assert [r.doc for r in device.received] == [{"n": i}]


async def test_pooled_pass_records_each_delivery_its_own_outcome(empty_db, vapid_keys, push_service, pooled):
    source = Source()
    one, two = Harness(empty_db, vapid_keys, source), Harness(empty_db, vapid_keys, source)
    pooled(one.scheduler.sender), pooled(two.scheduler.sender)
    try:
        devices = [push_service.device() for _ in range(40)]
        script = {0: [(410, {})] * 2, 1: [(500, {})] * 6, 2: [(429, {"Retry-After": "0"})] * 2}
        for i, device in enumerate(devices):
            device.answers(script.get(i % 4, []))
        people = [await one.person(devices[:20]), await one.person(devices[20:])]
        source.reminders = [r for pid in people for r in (due(pid), due(pid, key="profil", kind="tache"))]
        reports = await asyncio.gather(one.scheduler.run_pass(NOON), two.scheduler.run_pass(NOON))
        # Still due, retries not yet: nothing is sent twice.
        await asyncio.gather(one.scheduler.run_pass(NOON + timedelta(seconds=30)),
                             two.scheduler.run_pass(NOON + timedelta(seconds=30)))
        assert sum(r.claimed for r in reports) == 80 and not push_service.errors
        async with one.sessionmaker() as db:
            kept = set((await db.scalars(select(PushSubscription.endpoint))).all())
        for i, device in enumerate(devices):
            kinds = sorted(r.doc["kind"] for r in device.received)
            assert (device.endpoint in kept) == (i % 4 != 0)
            assert kinds == ([] if i % 4 in (0, 1) else ["parcoursup", "tache"])  # each once, never twice
        states = sorted(d.state for d in await one.deliveries())
        assert states == sorted(["gone"] * 20 + ["retry"] * 20 + ["sent"] * 40)
    finally:
        await one.close()
        await two.close()
