"""Reading an organisation's offers and their periods (employer pages, presenters). No Request here."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import StageOffer, StageOfferPeriod, StageOrganisation
from mps.lib.errors import NotFound


async def org_offer(db: AsyncSession, org: StageOrganisation, offer_id: int) -> StageOffer:
    offer = await db.get(StageOffer, offer_id)
    if offer is None or offer.organisation_id != org.id:
        raise NotFound("Cette offre n'existe pas ou n'est pas celle de ton organisation.")
    return offer


async def org_offers(db: AsyncSession, org_id: int) -> list[StageOffer]:
    rows = await db.execute(select(StageOffer).where(StageOffer.organisation_id == org_id)
                            .order_by(StageOffer.school_year.desc(), StageOffer.updated_at.desc()))
    return list(rows.scalars())


async def periods_of(db: AsyncSession, offer_ids: list[int]) -> dict[int, list[StageOfferPeriod]]:
    out: dict[int, list[StageOfferPeriod]] = {i: [] for i in offer_ids}
    if not offer_ids:
        return out
    rows = await db.execute(select(StageOfferPeriod).where(StageOfferPeriod.offer_id.in_(offer_ids))
                            .order_by(StageOfferPeriod.starts_on, StageOfferPeriod.code))
    for p in rows.scalars():
        out[p.offer_id].append(p)
    return out
