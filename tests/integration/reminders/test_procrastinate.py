"""Reminder passes on procrastinate workers (PostgreSQL): two workers, each reminder once per device."""
from __future__ import annotations

import asyncio
import dataclasses

import pytest
from procrastinate.exceptions import AlreadyEnqueued

from mps.domain.reminders.jobs import QUEUE, TASK, apply_schema, libpq_dsn, make_app, run_worker
from mps.settings import PushSettings
from tests.conftest import settings_for
from tests.integration.reminders.helpers import Harness, Source, due


@pytest.fixture
def pg_db(databases):
    url = databases.migrated("postgresql")
    return url


def test_libpq_dsn():
    assert libpq_dsn("postgresql+asyncpg://postgres@127.0.0.1:5432/mps") == "postgresql://postgres@127.0.0.1:5432/mps"
    with pytest.raises(ValueError):
        libpq_dsn("sqlite+aiosqlite:///var/mps.sqlite")


def test_a_pass_every_minute_with_one_waiting_at_most(tmp_path):
    app = make_app(settings_for("postgresql+asyncpg://postgres@127.0.0.1/x", tmp_path))
    [periodic] = app.periodic_registry.periodic_tasks.values()
    assert periodic.task.name == TASK and periodic.cron == "* * * * *"
    assert app.tasks[TASK].queue == QUEUE and app.tasks[TASK].queueing_lock == "reminders-pass"


async def test_two_workers_send_each_reminder_once(pg_db, tmp_path, vapid_keys, push_service):
    source = Source()
    harness = Harness(pg_db, vapid_keys, source)
    devices = []
    try:
        for _ in range(8):
            pair = [push_service.device(), push_service.device()]
            # No quiet hours: the passes run at the real time of day.
            pid = await harness.person(pair, quiet_start="00:00", quiet_end="00:00")
            devices += pair
            source.reminders += [due(pid, key=k) for k in ("voeux", "confirmation")]
        base = settings_for(pg_db, tmp_path)
        settings = dataclasses.replace(base, push=PushSettings(vapid_private_key=vapid_keys.private_pem.decode(),
                                                               vapid_subject="mailto:rappels@monprojetsup.fr"))
        one, two = make_app(settings, source), make_app(settings, source)
        async with one.open_async():
            assert await apply_schema(one) is True and await apply_schema(one) is False
            task = one.tasks[TASK]
            await task.defer_async(timestamp=1)
            with pytest.raises(AlreadyEnqueued):  # one pass waiting at most
                await task.defer_async(timestamp=2)
            await task.configure(queueing_lock="test-3").defer_async(timestamp=3)
            await task.configure(queueing_lock="test-4").defer_async(timestamp=4)
            await asyncio.gather(one.run_worker_async(queues=[QUEUE], wait=False, install_signal_handlers=False),
                                 run_worker(two, wait=False, name="two"))
            jobs = await one.job_manager.list_jobs_async(task=TASK)
        # Ours, and the tick of this minute the workers' periodic deferrer adds.
        assert len(jobs) >= 3 and {j.status for j in jobs} == {"succeeded"}
        for device in devices:
            assert sorted(r.doc["tag"] for r in device.received) == sorted({r.doc["tag"] for r in device.received})
            assert len(device.received) == 2
        assert {d.state for d in await harness.deliveries()} == {"sent"}
    finally:
        await harness.close()


async def test_jobs_waiting_in_the_queue_are_the_metrics_queue_depth(pg_db, tmp_path):
    """`mps_jobs_waiting{queue}` counts procrastinate's jobs still to do, per queue; done jobs leave it."""
    from mps.db.engine import make_engine, make_sessionmaker
    from mps.domain.reminders.metrics import job_figures
    from mps.domain.stages.figures.job import QUEUE as FIGURES_QUEUE, TASK as FIGURES_TASK
    from mps.web.observability import job_metrics

    engine = make_engine(pg_db)
    jobs = make_app(settings_for(pg_db, tmp_path))
    try:
        async with jobs.open_async():
            await apply_schema(jobs)
            await jobs.tasks[TASK].defer_async(timestamp=1)
            for niveau in ("seconde", "3e"):
                await jobs.tasks[FIGURES_TASK].defer_async(year=2027, niveau=niveau)
            async with make_sessionmaker(engine)() as db:
                assert (await job_figures(db))["jobs_waiting"] == {QUEUE: 1, FIGURES_QUEUE: 2}
                text = (await job_metrics(db)).decode()
            assert f'mps_jobs_waiting{{queue="{FIGURES_QUEUE}"}} 2.0' in text
            assert f'mps_jobs_waiting{{queue="{QUEUE}"}} 1.0' in text
            [reminder_job] = await jobs.job_manager.list_jobs_async(task=TASK)
            assert await jobs.job_manager.cancel_job_by_id_async(reminder_job.id)  # no longer waiting
            async with make_sessionmaker(engine)() as db:
                assert (await job_figures(db))["jobs_waiting"] == {FIGURES_QUEUE: 2}
    finally:
        await engine.dispose()
