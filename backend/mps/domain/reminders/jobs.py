"""Reminder passes on procrastinate workers (MPS_JOBS=procrastinate): PostgreSQL is the queue.

Chosen over SAQ (Redis): the reminders' truth (claims, outcomes) is already in PostgreSQL, procrastinate
needs no other service and keeps its queue in the same database, in tables of its own (`mps push worker`
creates them once). A periodic task defers one pass a minute (procrastinate defers each tick once, whatever
the number of workers; `queueing_lock` keeps at most one pass waiting); any worker may run it, and two passes
at the same time would still send each reminder once (the claim in delivery.py). The same workers compute
the stage board's figures when the figures page defers them (queue stage-figures).
"""
from __future__ import annotations

import logging

import procrastinate
from sqlalchemy.engine import make_url

from mps.db.engine import make_engine, make_sessionmaker
from mps.domain.catalogue.index import load as load_catalogue
from mps.domain.reminders.runner import build_scheduler
from mps.domain.reminders.public_net import allow_local
from mps.domain.reminders.sender import push_session
from mps.domain.reminders.scheduler import Source
from mps.domain.stages.board import load_board
from mps.domain.stages.figures.job import QUEUE as FIGURES_QUEUE, TASK as FIGURES_TASK, compute

log = logging.getLogger("mps.reminders")
QUEUE = "reminders"
TASK = "mps.reminders.pass"


def libpq_dsn(database_url: str) -> str:
    """postgresql+asyncpg://… (SQLAlchemy) as the libpq address psycopg wants."""
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        raise ValueError("procrastinate needs PostgreSQL (DATABASE_URL postgresql+asyncpg://…)")
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def make_app(settings, source: Source | None = None) -> procrastinate.App:
    jobs = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=libpq_dsn(settings.database.url)))

    @jobs.periodic(cron="* * * * *", periodic_id="every-minute")
    @jobs.task(name=TASK, queue=QUEUE, queueing_lock="reminders-pass", pass_context=False)
    async def reminders_pass(timestamp: int | None = None) -> dict:
        engine = make_engine(settings.database.url)
        client = push_session(allow_local=allow_local(settings))
        try:
            scheduler = build_scheduler(settings, make_sessionmaker(engine), client, source=source)
            report = await scheduler.run_pass()
            return {"due": report.due, "claimed": report.claimed, **dict(report.outcomes)}
        finally:
            await client.close()
            await engine.dispose()

    @jobs.task(name=FIGURES_TASK, queue=FIGURES_QUEUE, pass_context=False)
    async def stage_figures(year: int, niveau: str) -> bool:
        """The stage board's figures (mps.domain.stages.figures.job), deferred by the figures page."""
        engine = make_engine(settings.database.url)
        try:
            catalogue = await load_catalogue(engine)
            return await compute(make_sessionmaker(engine), load_board(settings.paths.data_dir),
                                 settings.paths.data_dir, catalogue.geocoder if catalogue else None, year, niveau)
        finally:
            await engine.dispose()

    return jobs


async def apply_schema(jobs: procrastinate.App) -> bool:
    """procrastinate's tables, once (True when they were created now)."""
    exists = await jobs.connector.execute_query_one_async(
        "SELECT to_regclass('procrastinate_jobs') IS NOT NULL AS present")
    if exists["present"]:
        return False
    await jobs.schema_manager.apply_schema_async()
    return True


async def run_worker(jobs: procrastinate.App, wait: bool = True, name: str | None = None) -> None:
    async with jobs.open_async():
        await apply_schema(jobs)
        await jobs.run_worker_async(queues=[QUEUE, FIGURES_QUEUE], wait=wait, name=name, install_signal_handlers=wait)
