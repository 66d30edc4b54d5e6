"""Reading applications: the public functions other parts of the board call (agreements, preparation,
figures) and the lists the pages show."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import StageApplication, StageApplicationEvent
from mps.domain.stages.applications.states import PENDING


async def application_for(db: AsyncSession, application_id: int) -> StageApplication | None:
    return await db.get(StageApplication, application_id)


async def placement_of(db: AsyncSession, student_id: str, school_year: int) -> list[StageApplication]:
    """The student's confirmed applications for a school year (the June it ends), earliest period first:
    seconde one two-week stage or two one-week stages, 3e one week."""
    rows = await db.execute(select(StageApplication).where(
        StageApplication.student_id == student_id, StageApplication.school_year == school_year,
        StageApplication.status == "confirmed").order_by(StageApplication.period_code, StageApplication.id))
    return list(rows.scalars())


async def applications_of(db: AsyncSession, student_id: str) -> list[StageApplication]:
    rows = await db.execute(select(StageApplication).where(StageApplication.student_id == student_id)
                            .order_by(StageApplication.updated_at.desc(), StageApplication.id.desc()))
    return list(rows.scalars())


async def pending_count(db: AsyncSession, student_id: str) -> int:
    return (await db.execute(select(func.count()).select_from(StageApplication).where(
        StageApplication.student_id == student_id, StageApplication.status.in_(PENDING)))).scalar_one()


async def applications_to(db: AsyncSession, offer_id: int) -> list[StageApplication]:
    rows = await db.execute(select(StageApplication).where(StageApplication.offer_id == offer_id)
                            .order_by(StageApplication.created_at, StageApplication.id))
    return list(rows.scalars())


async def events_of(db: AsyncSession, application_id: int) -> list[StageApplicationEvent]:
    rows = await db.execute(select(StageApplicationEvent).where(StageApplicationEvent.application_id == application_id)
                            .order_by(StageApplicationEvent.at, StageApplicationEvent.id))
    return list(rows.scalars())
