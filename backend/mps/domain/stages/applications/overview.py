"""Every application of the board for admins, read-only: newest first, filtered by status, a page at a
time, with the count per status. No student's motivation nor contact here: what the back-office needs to
answer a question or spot a problem (which offer, which period, where it stands)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import StageApplication, StageOffer, StageOrganisation

PAGE_SIZE = 50


@dataclass(frozen=True)
class Line:
    id: int
    created_at: datetime
    updated_at: datetime
    status: str
    period_code: str
    school_year: int
    school_uai: str
    offer_id: int
    offer_title: str
    organisation: str


async def status_counts(db: AsyncSession) -> dict[str, int]:
    rows = await db.execute(select(StageApplication.status, func.count()).group_by(StageApplication.status))
    return {status: n for status, n in rows.all()}


async def applications_page(db: AsyncSession, status: str | None, page: int) -> list[Line]:
    query = (select(StageApplication, StageOffer.title, StageOrganisation.name)
             .join(StageOffer, StageOffer.id == StageApplication.offer_id)
             .join(StageOrganisation, StageOrganisation.id == StageOffer.organisation_id)
             .order_by(StageApplication.created_at.desc(), StageApplication.id.desc())
             .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE))
    if status:
        query = query.where(StageApplication.status == status)
    return [Line(a.id, a.created_at, a.updated_at, a.status, a.period_code, a.school_year, a.school_uai, a.offer_id,
                 title, name) for a, title, name in (await db.execute(query)).all()]
