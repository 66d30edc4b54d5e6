"""Where reminder passes run: a task in each server process on the embedded default (no server to install).

`MPS_JOBS=procrastinate` hands them to procrastinate workers on PostgreSQL instead (jobs.py); `off` runs none.
Several processes running passes at once is safe: the claim (delivery.py) lets one send each reminder.
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from mps.domain.accounts.mail import send_mail
from mps.domain.reminders.encryption import close_pools
from mps.domain.reminders.keys import VapidKeys, load_keys, vapid_subject
from mps.domain.reminders.scheduler import Scheduler, Source
from mps.domain.reminders.public_net import allow_local
from mps.domain.reminders.sender import PushSender, push_session
from mps.domain.stages.applications.jobs import applications_pass
from mps.domain.stages.applications.notify import push_notices
from mps.domain.stages.board import PARIS
from mps.domain.timeline.reminders import DueReminder, due_reminders

log = logging.getLogger("mps.reminders")
INTERVAL = 60.0  # seconds between passes; reminders are dated by the day, a minute late is on time



def timeline_source() -> Source:
    """The timeline's due reminders: a date approaching, a task not done (mps.domain.timeline.reminders)."""
    return due_reminders


@dataclass(frozen=True)
class PushOnly(DueReminder):
    """Sent to the student's devices only: its e-mail went out with the change (stage applications)."""
    by_mail: bool = False


async def stage_pushes(db: AsyncSession, now: datetime) -> list[PushOnly]:
    """Stage applications' news for the student's phone: read, accepted, refused, cancelled, expired, and
    « confirme ton stage » 48 h before an acceptance expires; a new application for the employer's team (mps.domain.stages.applications.notify)."""
    return [PushOnly(p.person_id, p.key, p.at.astimezone(PARIS).date().isoformat(), "stage", p.title, p.body,
                     p.url, p.at) for p in await push_notices(db, now)]


def every_source() -> Source:
    """The timeline's reminders and the stage applications' pushes, in one pass."""
    timeline = timeline_source()

    async def source(db: AsyncSession, now: datetime):
        return [*await timeline(db, now), *await stage_pushes(db, now)]
    return source


def build_scheduler(settings, sessionmaker: async_sessionmaker, client: aiohttp.ClientSession,
                    source: Source | None = None, keys: VapidKeys | None = None) -> Scheduler:
    sender = PushSender(keys or load_keys(settings), vapid_subject(settings), client)

    async def mailer(to: str, subject: str, text: str) -> None:
        await send_mail(settings, to, subject, text)

    async def stage_applications(now: datetime) -> None:
        await applications_pass(sessionmaker, mailer, settings.public_url, now)

    return Scheduler(sessionmaker=sessionmaker, source=source or every_source(), sender=sender, mailer=mailer,
                     public_url=settings.public_url, chores=(stage_applications,))


@dataclass
class InProcessJobs:
    """A pass every `interval` seconds in this process, until stopped."""
    scheduler: Scheduler
    interval: float = INTERVAL
    _task: asyncio.Task | None = field(default=None, init=False)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._loop(), name="reminders")

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                report = await self.scheduler.run_pass()
                if report.claimed:
                    log.info("reminders: %d due, %d sent or tried: %s", report.due, report.claimed,
                             dict(report.outcomes))
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the database away for a while: the next pass tries again
                log.error("reminders: pass failed (%s)", type(exc).__name__)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None


@dataclass
class Reminders:
    """What the reminders area holds for the app's lifetime."""
    keys: VapidKeys
    jobs: InProcessJobs | None = None
    client: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self.jobs is not None:
            await self.jobs.stop()
        if self.client is not None:
            await self.client.close()
        close_pools()  # the encryption workers of large passes, if any ran


def start(settings, sessionmaker: async_sessionmaker) -> Reminders:
    """The VAPID key (made on first run on the embedded default) and, unless MPS_JOBS says otherwise, a pass
    every minute in this process."""
    keys = load_keys(settings)
    reminders = Reminders(keys)
    if settings.push.jobs == "inprocess":
        reminders.client = push_session(allow_local=allow_local(settings))
        reminders.jobs = InProcessJobs(build_scheduler(settings, sessionmaker, reminders.client, keys=keys),
                                       interval=settings.push.interval_s or INTERVAL)
        reminders.jobs.start()
    return reminders
