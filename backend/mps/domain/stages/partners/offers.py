"""Offers a partner platform keeps in step with its own catalogue, known by its `remote_id` (unique within the
organisation). They go through the site's own rules: save_offer validates them and the organisation's
moderation applies (published at once when verified, else waiting for an admin). No Request here."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import StageOffer, StageOrganisation
from mps.domain.catalogue.geocode import Geocoder
from mps.domain.stages.offer_status import close_offer, submit_offer
from mps.domain.stages.offers import save_offer
from mps.domain.stages.board import Board
from mps.domain.stages.schemas import OfferIn
from mps.domain.stages.search import forget_vocabulary
from mps.lib.errors import NotFound

PAGE_SIZE = 100


class RemoteIdTaken(Exception):
    """The organisation already has a live offer with this remote_id (HTTP 409)."""

    def __init__(self, offer_id: int):
        super().__init__(offer_id)
        self.offer_id = offer_id


async def by_remote_id(db: AsyncSession, org_id: int, remote_id: str) -> StageOffer:
    """The organisation's offer; another organisation's offer with the same remote_id is never seen."""
    offer = (await db.execute(select(StageOffer).where(StageOffer.organisation_id == org_id,
                                                       StageOffer.remote_id == remote_id))).scalar_one_or_none()
    if offer is None:
        raise NotFound(f"Aucune offre de votre organisation n'a l'identifiant « {remote_id[:100]} ».")
    return offer


async def create(db: AsyncSession, board: Board, geocoder: Geocoder, org: StageOrganisation, remote_id: str,
                 data: OfferIn) -> StageOffer:
    taken = (await db.execute(select(StageOffer.id).where(StageOffer.organisation_id == org.id,
                                                          StageOffer.remote_id == remote_id))).scalar_one_or_none()
    if taken is not None:
        raise RemoteIdTaken(taken)
    offer = await save_offer(db, board, geocoder, org, data)
    offer.remote_id = remote_id
    try:
        await db.flush()  # two creations at once: the unique index lets one through
    except IntegrityError:
        raise RemoteIdTaken(0) from None
    await submit_offer(db, board, org, offer)
    forget_vocabulary(db)  # its words are searchable at once
    return offer


async def update(db: AsyncSession, board: Board, geocoder: Geocoder, org: StageOrganisation, remote_id: str,
                 data: OfferIn) -> StageOffer:
    """Replace the offer's content. An offer sent back to moderation or refused is sent again."""
    offer = await by_remote_id(db, org.id, remote_id)
    offer = await save_offer(db, board, geocoder, org, data, offer)
    if offer.status == "draft":
        await submit_offer(db, board, org, offer)
    forget_vocabulary(db)
    return offer


async def withdraw(db: AsyncSession, org_id: int, remote_id: str) -> None:
    """The partner deleted it: the offer closes (students who applied keep their history) and its
    remote_id is free again."""
    offer = await by_remote_id(db, org_id, remote_id)
    await close_offer(db, offer)
    offer.remote_id = None


async def listed(db: AsyncSession, org_id: int, page: int) -> tuple[int, list[StageOffer]]:
    where = (StageOffer.organisation_id == org_id, StageOffer.remote_id.is_not(None))
    total = (await db.execute(select(func.count()).select_from(StageOffer).where(*where))).scalar_one()
    rows = await db.execute(select(StageOffer).where(*where).order_by(StageOffer.remote_id)
                            .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE))
    return total, list(rows.scalars())
