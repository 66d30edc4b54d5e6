"""What the job and push machinery looks like right now, read from the database at each scrape of /metrics.

The database is the truth every instance shares: figures read from it are the same whichever instance is
scraped (take their max, not their sum, across instances), and they survive restarts, which per-process
counters would not."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import PushOutcome, ReminderDelivery

RECENT = timedelta(hours=24)


async def job_figures(db: AsyncSession, now: datetime | None = None) -> dict[str, dict[str, int]]:
    """{"deliveries": {state: n}, "push_outcomes_24h": {outcome: n}, "jobs_waiting": {queue: n}}."""
    now = now or datetime.now(timezone.utc)
    deliveries = dict((await db.execute(
        select(ReminderDelivery.state, func.count()).group_by(ReminderDelivery.state))).all())
    outcomes = dict((await db.execute(
        select(PushOutcome.outcome, func.count()).where(PushOutcome.at >= now - RECENT)
        .group_by(PushOutcome.outcome))).all())
    return {"deliveries": deliveries, "push_outcomes_24h": outcomes, "jobs_waiting": await _waiting_jobs(db)}


async def _waiting_jobs(db: AsyncSession) -> dict[str, int]:
    """Jobs waiting in procrastinate's queue (PostgreSQL with MPS_JOBS=procrastinate); none elsewhere."""
    if db.bind.dialect.name != "postgresql":
        return {}
    if not (await db.execute(text("SELECT to_regclass('procrastinate_jobs') IS NOT NULL"))).scalar():
        return {}
    rows = await db.execute(text("SELECT queue_name, count(*) FROM procrastinate_jobs WHERE status = 'todo' "
                                 "GROUP BY queue_name"))
    return {queue: count for queue, count in rows.all()}
