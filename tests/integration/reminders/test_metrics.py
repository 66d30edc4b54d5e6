"""The job and push figures of /metrics, read from the database (SQLite and PostgreSQL)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.exc import OperationalError

from mps.domain.reminders.metrics import job_figures
from mps.web.observability import job_metrics
from tests.integration.reminders.helpers import Harness, Source, due
from tests.integration.reminders.test_scheduler import NOON


@pytest.fixture
async def harness(empty_db, vapid_keys):
    h = Harness(empty_db, vapid_keys, Source())
    yield h
    await h.close()


async def test_deliveries_and_recent_push_outcomes_are_counted(harness, push_service):
    gone, kept = push_service.device(), push_service.device()
    gone.answers([(410, {})])
    pid = await harness.person([gone, kept])
    harness.scheduler.source.reminders = [due(pid)]
    await harness.scheduler.run_pass(NOON)
    async with harness.sessionmaker() as db:
        figures = await job_figures(db, now=NOON + timedelta(minutes=1))
        assert figures["deliveries"] == {"gone": 1, "sent": 1}
        assert figures["push_outcomes_24h"] == {"gone": 1, "sent": 1}
        assert figures["jobs_waiting"] == {}  # no procrastinate queue in this database
        assert (await job_figures(db, now=NOON + timedelta(days=2)))["push_outcomes_24h"] == {}
        text = (await job_metrics(db)).decode()
    assert "mps_job_figures_up 1.0" in text
    assert 'mps_deliveries{state="sent"} 1.0' in text and 'mps_deliveries{state="gone"} 1.0' in text


async def test_a_database_outage_gives_figures_down_not_an_error():
    class Away:
        async def execute(self, *_a, **_k):
            raise OperationalError("SELECT 1", {}, Exception("connection refused"))

        bind = type("Bind", (), {"dialect": type("D", (), {"name": "postgresql"})()})()

    text = (await job_metrics(Away())).decode()
    assert "mps_job_figures_up 0.0" in text and "mps_deliveries" not in text
