"""Offers reported by students and teachers, and how an admin handles them. No Request here."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import StageOffer, StageReport
from mps.domain.stages.now import now_utc
from mps.lib.errors import NotFound


async def report_offer(db: AsyncSession, offer: StageOffer, person_id: str | None, reason: str, comment: str) -> None:
    """A person's report on an offer; reporting it again while theirs is open replaces it, so that one account
    cannot flood the moderators' queue with the same offer."""
    mine = (await db.execute(select(StageReport).where(
        StageReport.offer_id == offer.id, StageReport.person_id == person_id, StageReport.handled.is_(False))
        .limit(1))).scalar_one_or_none() if person_id else None
    if mine is None:
        mine = StageReport(offer_id=offer.id, person_id=person_id, handled=False)
        db.add(mine)
    mine.reason, mine.comment, mine.created_at = reason, comment.strip(), now_utc()


async def open_reports(db: AsyncSession) -> list[tuple[StageReport, StageOffer]]:
    rows = await db.execute(select(StageReport, StageOffer).join(StageOffer, StageOffer.id == StageReport.offer_id)
                            .where(StageReport.handled.is_(False)).order_by(StageReport.created_at.desc()))
    return [(r, o) for r, o in rows.all()]


async def handle_report(db: AsyncSession, report_id: int, close: bool) -> None:
    report = await db.get(StageReport, report_id)
    if report is None:
        raise NotFound("Ce signalement n'existe pas.")
    report.handled = True
    if close:
        offer = await db.get(StageOffer, report.offer_id)
        offer.status, offer.updated_at = "closed", now_utc()


async def count_reports(db: AsyncSession) -> int:
    return (await db.execute(select(func.count()).select_from(StageReport)
                             .where(StageReport.handled.is_(False)))).scalar_one()
