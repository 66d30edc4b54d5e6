"""The applications' timed work, run by the reminders' job runner before each pass (MPS_JOBS: in each
server process, or procrastinate workers): acceptances not confirmed in time expire (the seat offered to
others) and, 48 h before, the student gets an e-mail reminder. Each application in its own transaction with
conditional UPDATEs, so two workers never expire or remind the same one twice."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import async_sessionmaker

from mps.db.models import StageApplication
from mps.domain.stages.applications.notify import EXPIRY_REMINDER, Mailer, mails_for, send_all
from mps.domain.stages.applications.service import (Actor, due_for_expiry, due_for_reminder, mark_reminded,
                                                    move)
from mps.lib.errors import FieldError

log = logging.getLogger("mps.stages")


@dataclass
class PassCounts:
    expired: int = 0
    reminded: int = 0
    mails: int = 0


async def applications_pass(sessionmaker: async_sessionmaker, mailer: Mailer, origin: str,
                            now: datetime) -> PassCounts:
    counts = PassCounts()
    async with sessionmaker() as db:
        expiring = [a.id for a in await due_for_expiry(db, now)]
        reminding = [a.id for a in await due_for_reminder(db, now, EXPIRY_REMINDER)]
    for application_id in expiring:
        async with sessionmaker() as db:
            application = await db.get(StageApplication, application_id)
            try:
                await move(db, application, "expire", Actor("system"), now)
            except FieldError:  # confirmed or cancelled meanwhile, or another worker expired it
                await db.rollback()
                continue
            await db.commit()
            counts.expired += 1
            counts.mails += await send_all(mailer, await mails_for(db, None, application, "expired", "", origin))
    for application_id in reminding:
        async with sessionmaker() as db:
            application = await db.get(StageApplication, application_id)
            if not await mark_reminded(db, application, now):
                continue
            await db.commit()
            counts.reminded += 1
            counts.mails += await send_all(mailer, await mails_for(db, None, application, "reminder", "", origin))
    if counts.expired or counts.reminded:
        log.info("stage applications: %d expired, %d reminded, %d mails", counts.expired, counts.reminded,
                 counts.mails)
    return counts
