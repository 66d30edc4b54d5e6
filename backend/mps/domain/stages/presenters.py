"""Offers as documents (API) and as what pages show."""
from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import StageOffer, StageOrganisation
from mps.domain.stages.board import Board
from mps.domain.stages.periods import period_label
from mps.domain.stages.schemas import OfferOut, PeriodOut
from mps.domain.stages.offer_reads import periods_of


async def offer_out(db: AsyncSession, board: Board, offer: StageOffer, org: StageOrganisation,
                    today: date | None = None) -> OfferOut:
    """`today` given: only periods still open (a student's view); else every period (the employer's)."""
    periods = (await periods_of(db, [offer.id]))[offer.id]
    if today is not None:
        periods = [p for p in periods if p.starts_on > today and p.taken < p.seats]
    return OfferOut(
        id=offer.id, title=offer.title, description=offer.description, secteur=offer.secteur,
        secteur_label=board.sector_label(offer.secteur), niveau=offer.niveau, school_year=offer.school_year,
        address=offer.address, commune=offer.commune, postcode=offer.postcode, lat=offer.lat, lon=offer.lon,
        accessible=offer.accessible, reserved=offer.reserved,
        reserved_uais=[u for u in offer.reserved_uais.split("|") if u], status=offer.status,
        refusal_reason=offer.refusal_reason, organisation=org.name, employer_kind=org.employer_kind,
        periods=[PeriodOut(p.code, period_label(offer.niveau, p.code, offer.school_year), p.starts_on.isoformat(),
                           p.ends_on.isoformat(), p.seats, p.seats - p.taken) for p in periods],
        demo=offer.demo)
