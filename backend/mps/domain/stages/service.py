"""The stage board's rules: organisations and their teams, an offer's life (draft -> pending -> published ->
closed, or refused with a reason), moderation and reports. No Request here (docs/architecture.md)."""
from __future__ import annotations

import secrets
from datetime import datetime, timezone

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.dialect_insert import dialect_insert
from mps.db.models import Person, StageMember, StageOffer, StageOfferPeriod, StageOrganisation, StageReport, StageWord
from mps.domain.accounts.service import account_by_email
from mps.domain.catalogue.geocode import Geocoder
from mps.domain.stages.board import PARIS, Board
from mps.domain.stages.periods import board_year, next_year_code, span_of
from mps.domain.stages.schemas import OfferIn, OrganisationIn
from mps.domain.stages.siret import normalise_siret, siret_refusal
from mps.lib.errors import FieldError, NotFound
from mps.lib.text import fold

EMPLOYER = "employeur"
STATUSES = {"draft": "Brouillon", "pending": "En attente de validation", "published": "Publiée",
            "refused": "Refusée", "closed": "Fermée"}
EDITABLE = ("draft", "pending", "refused", "published")


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


# -- organisations and teams ---------------------------------------------------------------------------
async def organisation_of(db: AsyncSession, person_id: str) -> StageOrganisation | None:
    member = await db.get(StageMember, person_id)
    return await db.get(StageOrganisation, member.organisation_id) if member else None


async def save_organisation(db: AsyncSession, person: Person, data: OrganisationIn) -> StageOrganisation:
    """Create the person's organisation, or update it. A SIRET already registered by another team is
    refused: one of its members adds colleagues (add_member)."""
    refusal = siret_refusal(data.siret)
    if refusal:
        raise FieldError("siret", refusal)
    siret = normalise_siret(data.siret)
    mine = await organisation_of(db, person.id)
    other = (await db.execute(select(StageOrganisation).where(StageOrganisation.siret == siret))).scalar_one_or_none()
    if other is not None and (mine is None or other.id != mine.id):
        raise FieldError("siret", "Cette organisation est déjà inscrite : demande à une personne de ton équipe "
                                  "de t'ajouter depuis son espace employeur.")
    org = mine or StageOrganisation(created_at=now_utc(), verified=False)
    org.name, org.siret = data.name.strip(), siret
    org.employer_kind, org.description = data.employer_kind, data.description.strip()
    if mine is None:
        db.add(org)
        await db.flush()
        db.add(StageMember(person_id=person.id, organisation_id=org.id, created_at=now_utc()))
    return org


async def add_member(db: AsyncSession, org: StageOrganisation, email: str) -> Person:
    """A colleague joins the team: their account (created if needed, role employeur) shares the offers."""
    email = email.strip().lower()
    person = await account_by_email(db, email)
    if person is None:
        person = Person(id=secrets.token_hex(16), email=email, role=EMPLOYER, created_at=now_utc(), display_name="")
        db.add(person)
        await db.flush()
    elif person.role not in (EMPLOYER,):
        raise FieldError("email", "Cette adresse est celle d'un compte élève, famille ou enseignant : ta ou ton "
                                  "collègue doit choisir « Employeur » dans son compte d'abord.")
    member = await db.get(StageMember, person.id)
    if member is not None and member.organisation_id != org.id:
        raise FieldError("email", "Cette personne fait déjà partie d'une autre organisation.")
    if member is None:
        db.add(StageMember(person_id=person.id, organisation_id=org.id, created_at=now_utc()))
    return person


async def team(db: AsyncSession, org_id: int) -> list[Person]:
    rows = await db.execute(select(Person).join(StageMember, StageMember.person_id == Person.id)
                            .where(StageMember.organisation_id == org_id).order_by(Person.email))
    return list(rows.scalars())


# -- offers --------------------------------------------------------------------------------------------
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
        raise FieldError("lat" if data.lat is None else "lon", "Indique la latitude et la longitude, ou aucune des deux.")
    if not data.commune.strip():
        raise FieldError("commune", "Indique la ville ou le code postal du lieu de stage.")
    if town is None:
        raise FieldError("commune", f"Ville ou code postal inconnu : « {data.commune.strip()[:100]} ». "
                                    "Essaie le code postal, par exemple 59100.")
    return town.name, town.postcode, town.lat, town.lon


def check_offer(board: Board, data: OfferIn, today) -> int:
    """Refusals no Struct rule says (sector, periods, reserved schools); returns the school year."""
    if data.secteur not in board.sectors:
        raise FieldError("secteur", "Choisis un secteur dans la liste.")
    year = data.school_year or board_year(today)
    if not data.periodes:
        raise FieldError("periodes", "Choisis au moins une période.")
    if len(set(data.periodes)) != len(data.periodes):
        raise FieldError("periodes", "Une période est choisie deux fois.")
    for code in data.periodes:
        span_of(data.niveau, code, year)  # FieldError naming periodes when unknown or out of the year
    if data.reserved == "schools" and not data.reserved_uais:
        raise FieldError("reserved_uais", "Indique au moins un établissement, ou ne réserve pas l'offre.")
    return year


async def refresh_open_until(db: AsyncSession, offer_id: int) -> None:
    """Keep stage_offers.open_until in step with the periods: call after any change of seats or taken seats
    (this module, and the applications of issue 15)."""
    latest = (await db.execute(select(func.max(StageOfferPeriod.starts_on)).where(
        StageOfferPeriod.offer_id == offer_id, StageOfferPeriod.taken < StageOfferPeriod.seats))).scalar_one()
    offer = await db.get(StageOffer, offer_id)
    offer.open_until = latest


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
    await refresh_open_until(db, offer.id)
    await remember_words(db, offer.search_text)
    return offer


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
            raise FieldError("reason", "Indique le motif du refus : l'employeur le lira pour corriger son offre.")
        offer.status, offer.refusal_reason = "refused", reason.strip()
    offer.updated_at = now_utc()


async def close_offer(db: AsyncSession, offer: StageOffer) -> None:
    offer.status, offer.updated_at = "closed", now_utc()


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
    await refresh_open_until(db, copy.id)
    return copy


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


# -- moderation queue and reports ----------------------------------------------------------------------
async def pending_offers(db: AsyncSession) -> list[tuple[StageOffer, StageOrganisation]]:
    rows = await db.execute(select(StageOffer, StageOrganisation)
                            .join(StageOrganisation, StageOrganisation.id == StageOffer.organisation_id)
                            .where(StageOffer.status == "pending").order_by(StageOffer.updated_at))
    return [(o, org) for o, org in rows.all()]


async def report_offer(db: AsyncSession, offer: StageOffer, person_id: str | None, reason: str, comment: str) -> None:
    db.add(StageReport(offer_id=offer.id, person_id=person_id, reason=reason, comment=comment.strip(),
                       created_at=now_utc(), handled=False))


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


async def delete_demo(db: AsyncSession) -> int:
    result = await db.execute(delete(StageOrganisation).where(StageOrganisation.demo.is_(True)))
    return result.rowcount or 0
