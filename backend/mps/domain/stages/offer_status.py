"""An offer's life after writing: draft -> pending -> published -> closed, or refused with a reason; an
admin's moderation queue. An organisation an admin trusted publishes at once. No Request here."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import StageOffer, StageOrganisation
from mps.domain.stages.board import Board
from mps.domain.stages.now import now_utc
from mps.lib.errors import FieldError

STATUSES = {"draft": "Brouillon", "pending": "En attente de validation", "published": "Publiée",
            "refused": "Refusée", "closed": "Fermée"}


def _publish(board: Board, offer: StageOffer, now: datetime) -> None:
    offer.status, offer.refusal_reason = "published", ""
    offer.published_at = now
    offer.open_to_all_at = board.open_to_all_at(offer.school_year, now)


async def submit_offer(db: AsyncSession, board: Board, org: StageOrganisation, offer: StageOffer) -> str:
    """The employer sends the offer: published at once for a verified organisation, else it waits for an admin."""
    if offer.status not in ("draft", "refused"):
        raise FieldError("status", "Cette offre a déjà été envoyée.")
    if org.verified:
        _publish(board, offer, now_utc())
    else:
        offer.status = "pending"
    offer.updated_at = now_utc()
    return offer.status


async def moderate(db: AsyncSession, board: Board, offer: StageOffer, decision: str, reason: str) -> None:
    """An admin publishes (the organisation is then trusted) or refuses with a reason the employer reads."""
    if offer.status != "pending":
        raise FieldError("decision", "Cette offre n'attend pas de validation.")
    if decision == "publier":
        _publish(board, offer, now_utc())
        org = await db.get(StageOrganisation, offer.organisation_id)
        org.verified = True
    else:
        if not reason.strip():
            raise FieldError("reason", "Indiquez le motif du refus : l'employeur le lira pour corriger son offre.")
        offer.status, offer.refusal_reason = "refused", reason.strip()
    offer.updated_at = now_utc()


async def close_offer(db: AsyncSession, offer: StageOffer) -> None:
    offer.status, offer.updated_at = "closed", now_utc()


async def pending_offers(db: AsyncSession) -> list[tuple[StageOffer, StageOrganisation]]:
    rows = await db.execute(select(StageOffer, StageOrganisation)
                            .join(StageOrganisation, StageOrganisation.id == StageOffer.organisation_id)
                            .where(StageOffer.status == "pending").order_by(StageOffer.updated_at))
    return [(o, org) for o, org in rows.all()]
