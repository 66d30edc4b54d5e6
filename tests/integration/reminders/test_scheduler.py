"""The scheduler on SQLite and PostgreSQL: each reminder once per device, gone devices removed, retries,
quiet hours in the student's own time zone (overseas too), choices, e-mail, two workers, a crash."""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from mps.db.models import PushSubscription
from mps.domain.reminders.delivery import STALE_CLAIM, Deliveries
from tests.integration.reminders.helpers import Harness, Source, due

# 10 March 2027, 12:00 UTC = 13:00 in Paris: nobody's quiet hours in metropolitan France.
NOON = datetime(2027, 3, 10, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
async def harness(empty_db, vapid_keys):
    h = Harness(empty_db, vapid_keys, Source())
    yield h
    await h.close()


async def test_each_device_gets_each_reminder_once(harness, push_service):
    phone, laptop = push_service.device(), push_service.device()
    pid = await harness.person([phone, laptop])
    harness.scheduler.source.reminders = [due(pid), due(pid, key="stage-seconde", kind="stage")]
    report = await harness.scheduler.run_pass(NOON)
    assert report.claimed == 4 and report.outcomes == {"sent": 4}
    await harness.scheduler.run_pass(NOON + timedelta(minutes=1))  # still due: never sent again
    for device in (phone, laptop):
        assert sorted(r.doc["title"] for r in device.received) == ["Tes vœux Parcoursup", "Tes vœux Parcoursup"]
        assert {r.doc["kind"] for r in device.received} == {"parcoursup", "stage"}
        voeux = next(r for r in device.received if r.doc["kind"] == "parcoursup")
        assert voeux.headers["urgency"] == "high" and int(voeux.headers["ttl"]) > 0 and voeux.headers["topic"]
    assert {d.state for d in await harness.deliveries()} == {"sent"}
    assert await harness.outcomes() == [("sent", 201)] * 4
    assert not push_service.errors


@pytest.mark.parametrize("status", [404, 410])
async def test_gone_subscription_is_deleted(harness, push_service, status):
    gone, kept = push_service.device(), push_service.device()
    gone.answers([(status, {})])
    pid = await harness.person([gone, kept])
    harness.scheduler.source.reminders = [due(pid)]
    await harness.scheduler.run_pass(NOON)
    async with harness.sessionmaker() as db:
        endpoints = (await db.scalars(select(PushSubscription.endpoint))).all()
    assert endpoints == [kept.endpoint]
    assert sorted(d.state for d in await harness.deliveries()) == ["gone", "sent"]
    assert ("gone", status) in await harness.outcomes()


async def test_server_errors_retried_then_deferred_to_a_later_pass(harness, push_service):
    device = push_service.device()
    device.answers([(500, {}), (503, {}), (500, {})])
    pid = await harness.person([device])
    harness.scheduler.source.reminders = [due(pid)]
    await harness.scheduler.run_pass(NOON)
    [delivery] = await harness.deliveries()
    assert delivery.state == "retry" and delivery.attempts == 3 and device.received == []
    await harness.scheduler.run_pass(NOON + timedelta(seconds=30))  # not yet time
    assert device.hits == 3
    await harness.scheduler.run_pass(NOON + timedelta(minutes=5))
    [delivery] = await harness.deliveries()
    assert delivery.state == "sent" and len(device.received) == 1
    assert await harness.outcomes() == [("server_error", 500), ("server_error", 503), ("server_error", 500),
                                        ("sent", 201)]


async def test_rate_limited_honours_retry_after(harness, push_service):
    device = push_service.device()
    device.answers([(429, {"Retry-After": "600"})])
    pid = await harness.person([device])
    harness.scheduler.source.reminders = [due(pid)]
    await harness.scheduler.run_pass(NOON)
    [delivery] = await harness.deliveries()
    assert delivery.state == "retry"
    assert delivery.next_attempt_at.replace(tzinfo=timezone.utc) == NOON + timedelta(seconds=600)
    await harness.scheduler.run_pass(NOON + timedelta(seconds=599))
    assert device.hits == 1
    await harness.scheduler.run_pass(NOON + timedelta(seconds=600))
    assert len(device.received) == 1


@pytest.mark.parametrize("zone,quiet_at,awake_at", [
    # 18:30 UTC is 19:30 in Paris but 22:30 in La Réunion (UTC+4); 04:30 UTC is 08:30 there.
    ("Indian/Reunion", datetime(2027, 1, 15, 18, 30), datetime(2027, 1, 15, 4, 30)),
    # 11:00 UTC is 22:00 in Nouméa (UTC+11), 12:00 in Paris.
    ("Pacific/Noumea", datetime(2027, 1, 15, 11, 0), datetime(2027, 1, 15, 21, 30)),
    # 23:30 UTC is 00:30 in Paris (quiet) but 20:30 in Cayenne (UTC-3): awake; 03:00 UTC is midnight there.
    ("America/Cayenne", datetime(2027, 1, 15, 3, 0), datetime(2027, 1, 15, 23, 30)),
    ("Pacific/Tahiti", datetime(2027, 1, 15, 8, 0), datetime(2027, 1, 15, 19, 0)),  # UTC-10
    ("Europe/Paris", datetime(2027, 7, 1, 19, 30), datetime(2027, 7, 1, 6, 30)),  # summer time: 21:30 / 08:30
])
async def test_quiet_hours_in_the_students_time_zone(harness, push_service, zone, quiet_at, awake_at):
    device = push_service.device()
    pid = await harness.person([device], time_zone=zone)
    harness.scheduler.source.reminders = [due(pid)]
    report = await harness.scheduler.run_pass(quiet_at.replace(tzinfo=timezone.utc))
    assert report.skipped_quiet == 1 and device.hits == 0
    await harness.scheduler.run_pass(awake_at.replace(tzinfo=timezone.utc))
    assert len(device.received) == 1


async def test_own_quiet_hours_and_kinds(harness, push_service):
    device = push_service.device()
    pid = await harness.person([device], kinds=["parcoursup"], quiet_start="12:00", quiet_end="14:00")
    harness.scheduler.source.reminders = [due(pid), due(pid, key="stage", kind="stage")]
    report = await harness.scheduler.run_pass(NOON)  # 13:00 in Paris: in their quiet hours
    assert report.skipped_quiet == 1 and report.skipped_choice == 1 and device.hits == 0
    await harness.scheduler.run_pass(NOON + timedelta(hours=1, minutes=30))
    assert [r.doc["kind"] for r in device.received] == ["parcoursup"]


async def test_email_alternative(harness, push_service):
    pid = await harness.person([], address="lea@example.fr", email=True)
    no_choice = await harness.person([], address="tom@example.fr")  # has not asked for e-mail
    harness.scheduler.source.reminders = [due(pid), due(no_choice)]
    await harness.scheduler.run_pass(NOON)
    await harness.scheduler.run_pass(NOON + timedelta(minutes=1))
    [(to, subject, text)] = harness.mails
    assert to == "lea@example.fr" and subject == "Rappel : Tes vœux Parcoursup"
    assert "https://monprojetsup.example.fr/calendrier" in text and "/rappels" in text


async def test_crash_between_send_and_record_never_sends_twice(harness, push_service, monkeypatch):
    device = push_service.device()
    pid = await harness.person([device])
    harness.scheduler.source.reminders = [due(pid)]

    async def crash(self, results, now):
        raise RuntimeError("killed")

    with monkeypatch.context() as m:
        m.setattr(Deliveries, "_record", crash)
        with pytest.raises(RuntimeError):
            await harness.scheduler.run_pass(NOON)
    assert len(device.received) == 1
    await harness.scheduler.run_pass(NOON + timedelta(minutes=1))  # the claim is still there: skipped
    await harness.scheduler.run_pass(NOON + STALE_CLAIM + timedelta(minutes=1))
    [delivery] = await harness.deliveries()
    assert delivery.state == "unconfirmed" and len(device.received) == 1
    assert ("unconfirmed", None) in await harness.outcomes()


async def test_two_workers_send_each_reminder_once(empty_db, vapid_keys, push_service):
    source = Source()
    one, two = Harness(empty_db, vapid_keys, source), Harness(empty_db, vapid_keys, source)
    try:
        devices = {}
        for _ in range(12):
            pair = [push_service.device(), push_service.device()]
            pid = await one.person(pair)
            devices[pid] = pair
            source.reminders += [due(pid, key=k) for k in ("voeux", "confirmation", "profil")]
        for minute in range(3):
            await asyncio.gather(one.scheduler.run_pass(NOON + timedelta(minutes=minute)),
                                 two.scheduler.run_pass(NOON + timedelta(minutes=minute)))
        for pair in devices.values():
            for device in pair:
                assert sorted(r.doc["tag"] for r in device.received) == sorted(
                    {r.doc["tag"] for r in device.received}) and len(device.received) == 3
        deliveries = await one.deliveries()
        assert len(deliveries) == 72 and {d.state for d in deliveries} == {"sent"}
        assert {d.claimed_by for d in deliveries} <= {one.scheduler.worker, two.scheduler.worker}
    finally:
        await one.close()
        await two.close()


async def test_a_mixed_pass_records_each_delivery_its_own_outcome(harness, push_service):
    """Outcomes are written together (one INSERT, one UPDATE per new state): each row still gets its own."""
    devices = [push_service.device() for _ in range(12)]
    script = {0: [(410, {})], 1: [(500, {})] * 3, 2: [(500, {}), (201, {})]}
    for i, device in enumerate(devices):
        device.answers(script.get(i % 4, []))
    pid = await harness.person(devices)
    harness.scheduler.source.reminders = [due(pid)]
    report = await harness.scheduler.run_pass(NOON)
    assert report.outcomes == {"gone": 3, "retry": 3, "sent": 6}
    async with harness.sessionmaker() as db:
        subs = {s.endpoint: s for s in (await db.scalars(select(PushSubscription))).all()}
    by_sub = {d.subscription_id: d for d in await harness.deliveries()}
    for i, device in enumerate(devices):
        kind = i % 4
        if kind == 0:
            assert device.endpoint not in subs
            continue
        sub = subs[device.endpoint]
        delivery = by_sub[sub.id]
        assert (delivery.state, delivery.attempts) == {1: ("retry", 3), 2: ("sent", 2), 3: ("sent", 1)}[kind]
        assert (sub.last_success_at is not None) == (kind != 1)
        assert (delivery.next_attempt_at is not None) == (kind == 1)
    assert sorted(o for o, _ in await harness.outcomes()) == sorted(
        ["gone"] * 3 + ["server_error"] * 9 + ["server_error", "sent"] * 3 + ["sent"] * 3)
