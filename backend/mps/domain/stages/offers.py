"""Writing an offer: checked, placed on the map, its periods and seats kept in step, searchable words
remembered; a copy for next school year. No Request here (docs/architecture.md)."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.dialect_insert import dialect_insert
from mps.db.models import StageOffer, StageOfferPeriod, StageOrganisation, StageWord
from mps.domain.catalogue.geocode import Geocoder
from mps.domain.stages.board import PARIS, Board
from mps.domain.stages.now import now_utc
from mps.domain.stages.periods import board_year, next_year_code, period_mask, span_of
from mps.domain.stages.schemas import OfferIn
from mps.lib.errors import FieldError
from mps.lib.text import fold

EDITABLE = ("draft", "pending", "refused", "published")


def search_text(title: str, description: str, commune: str, org_name: str) -> str:
    return f" {fold(' '.join((title, description, commune, org_name)))} "


async def remember_words(db: AsyncSession, text: str) -> None:
    words = sorted({w for w in text.split() if 3 <= len(w) <= 60})
    if not words:
        return
    await db.execute(dialect_insert(db, StageWord).values([{"word": w} for w in words]).on_conflict_do_nothing())


def place_offer(geocoder: Geocoder, data: OfferIn) -> tuple[str, str, float, float]:
    """(commune, postcode, lat, lon): precise coordinates when given, else the commune's centre."""
    town = geocoder.lookup(data.commune[:100]) if data.commune.strip() else None
    if data.lat is not None and data.lon is not None:
        return (town.name if town else data.commune.strip()), (town.postcode if town else ""), data.lat, data.lon
    if (data.lat is None) != (data.lon is None):
        raise FieldError("lat" if data.lat is None else "lon", "Indiquez la latitude et la longitude, ou aucune des deux.")
    if not data.commune.strip():
        raise FieldError("commune", "Indiquez la ville ou le code postal du lieu de stage.")
    if town is None:
        raise FieldError("commune", f"Ville ou code postal inconnu : « {data.commune.strip()[:100]} ». "
                                    "Essayez le code postal, par exemple 59100.")
    return town.name, town.postcode, town.lat, town.lon


def check_offer(board: Board, data: OfferIn, today) -> int:
    """Refusals no Struct rule says (sector, periods, reserved schools); returns the school year."""
    if data.secteur not in board.sectors:
        raise FieldError("secteur", "Choisissez un secteur dans la liste.")
    year = data.school_year or board_year(today)
    if not data.periodes:
        raise FieldError("periodes", "Choisissez au moins une période.")
    if len(set(data.periodes)) != len(data.periodes):
        raise FieldError("periodes", "Une période est choisie deux fois.")
    for code in data.periodes:
        span_of(data.niveau, code, year)  # FieldError naming periodes when unknown or out of the year
    if data.reserved == "schools" and not data.reserved_uais:
        raise FieldError("reserved_uais", "Indiquez au moins un établissement, ou ne réservez pas l'offre.")
    return year


async def refresh_open_periods(db: AsyncSession, offer_id: int) -> None:
    """Keep stage_offers.open_until and period_mask in step with the periods that have a seat left: call after
    any change of periods, seats or taken seats (this module, and the applications of issue 15)."""
    # The offer's row locked first (PostgreSQL): two seats taken at once in two of its periods then write, one
    # after the other, a mask that has read both (READ COMMITTED reads what committed before each statement).
    offer = await db.get(StageOffer, offer_id, with_for_update=True)
    open_ = (await db.execute(select(StageOfferPeriod.code, StageOfferPeriod.starts_on).where(
        StageOfferPeriod.offer_id == offer_id, StageOfferPeriod.taken < StageOfferPeriod.seats))).all()
    offer.open_until = max((starts_on for _, starts_on in open_), default=None)
    offer.period_mask = period_mask(code for code, _ in open_)


async def _set_periods(db: AsyncSession, offer: StageOffer, codes: list[str], seats: int) -> None:
    """Replace the offer's periods; a period already partly taken keeps its taken seats (never below)."""
    old = {p.code: p for p in (await db.execute(
        select(StageOfferPeriod).where(StageOfferPeriod.offer_id == offer.id))).scalars()}
    for code, p in old.items():
        if code not in codes and p.taken == 0:
            await db.delete(p)
    for code in codes:
        span = span_of(offer.niveau, code, offer.school_year)
        p = old.get(code)
        if p is None:
            db.add(StageOfferPeriod(offer_id=offer.id, code=code, starts_on=span.starts_on, ends_on=span.ends_on,
                                    seats=seats, taken=0))
        else:
            if seats < p.taken:
                raise FieldError("seats", f"{p.taken} élèves sont déjà accueillis sur une période : "
                                          f"garde au moins {p.taken} places.")
            p.seats, p.starts_on, p.ends_on = seats, span.starts_on, span.ends_on


async def save_offer(db: AsyncSession, board: Board, geocoder: Geocoder, org: StageOrganisation, data: OfferIn,
                     offer: StageOffer | None = None) -> StageOffer:
    """Create a draft or edit an offer. Editing a published offer of an organisation not yet verified sends
    it back to moderation: what an admin checked is what students see."""
    now = now_utc()
    year = check_offer(board, data, now.astimezone(PARIS).date())
    commune, postcode, lat, lon = place_offer(geocoder, data)
    if offer is None:
        offer = StageOffer(organisation_id=org.id, status="draft", created_at=now, demo=org.demo)
        db.add(offer)
    elif offer.status not in EDITABLE:
        raise FieldError("status", "Une offre fermée ne se modifie plus : duplique-la.")
    offer.title, offer.description, offer.secteur = data.title.strip(), data.description.strip(), data.secteur
    offer.niveau, offer.school_year = data.niveau, year
    offer.address, offer.commune, offer.postcode, offer.lat, offer.lon = data.address.strip(), commune, postcode, lat, lon
    offer.accessible, offer.reserved = data.accessible, data.reserved
    offer.reserved_uais = "|" + "|".join(u.upper() for u in data.reserved_uais) + "|" if data.reserved == "schools" else ""
    offer.search_text = search_text(offer.title, offer.description, commune, org.name)
    offer.updated_at = now
    if offer.status == "published" and not org.verified:
        offer.status = "pending"
    if offer.status == "refused":
        offer.status, offer.refusal_reason = "draft", ""
    await db.flush()
    await _set_periods(db, offer, data.periodes, data.seats)
    await db.flush()
    await refresh_open_periods(db, offer.id)
    await remember_words(db, offer.search_text)
    return offer


async def duplicate_for_next_year(db: AsyncSession, offer: StageOffer) -> StageOffer:
    """A draft copy for the next school year: the same periods moved a year on (3e weeks keep their number)."""
    periods = list((await db.execute(select(StageOfferPeriod).where(StageOfferPeriod.offer_id == offer.id)
                                     .order_by(StageOfferPeriod.starts_on))).scalars())
    now = now_utc()
    copy = StageOffer(organisation_id=offer.organisation_id, title=offer.title, description=offer.description,
                      secteur=offer.secteur, niveau=offer.niveau, school_year=offer.school_year + 1,
                      address=offer.address, commune=offer.commune, postcode=offer.postcode, lat=offer.lat,
                      lon=offer.lon, accessible=offer.accessible, reserved=offer.reserved,
                      reserved_uais=offer.reserved_uais, status="draft", search_text=offer.search_text,
                      demo=offer.demo, created_at=now, updated_at=now)
    db.add(copy)
    await db.flush()
    for p in periods:
        code = next_year_code(offer.niveau, p.code)
        if code is None:
            continue
        try:
            span = span_of(copy.niveau, code, copy.school_year)
        except FieldError:
            continue  # a 3e week that falls outside next school year: the employer picks again
        db.add(StageOfferPeriod(offer_id=copy.id, code=code, starts_on=span.starts_on, ends_on=span.ends_on,
                                seats=p.seats, taken=0))
    await db.flush()
    await refresh_open_periods(db, copy.id)
    return copy
