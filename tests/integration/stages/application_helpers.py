"""Material for the applications' tests: a student who searches the board, an offer with seats per period."""
from __future__ import annotations

from datetime import timedelta

from mps.db.models import StageOfferPeriod
from mps.domain.stages.applications import service as applications
from mps.domain.stages.applications.service import Actor
from mps.domain.stages.seekers import save_seeker
from tests.integration.stages.helpers import clock, employer_org, new_person, published

MOTIVATION = "J'aimerais découvrir le travail du bois et voir comment on organise un atelier."


async def student(db, niveau: str = "seconde", uai: str = ""):
    person = await new_person(db, role="lyceen")
    person.display_name = "Inès B."
    await save_seeker(db, person.id, school_uai=uai, niveau=niveau)
    return person


async def offer_with(db, board, geocoder, org, seats: int = 2, periodes=("deux-semaines",), niveau="seconde", **kw):
    return await published(db, board, geocoder, org, periodes=list(periodes), seats=seats, niveau=niveau, **kw)


async def period(db, offer, code: str) -> StageOfferPeriod:
    from sqlalchemy import select
    return (await db.execute(select(StageOfferPeriod).where(StageOfferPeriod.offer_id == offer.id,
                                                            StageOfferPeriod.code == code))).scalar_one()


async def apply_to(db, who, offer, code: str = "deux-semaines"):
    now, today = clock()
    return await applications.apply(db, who.id, offer, code, MOTIVATION, "Inès", now, today)


async def accepted(db, who, offer, employer, code: str = "deux-semaines", now=None):
    app = await apply_to(db, who, offer, code)
    await applications.move(db, app, "accept", Actor("employer", employer.id), now or clock()[0])
    return app


def later(days: float):
    return clock()[0] + timedelta(days=days)


def fresh_siret() -> str:
    """A SIRET whose Luhn key checks, different each call (tests sharing one site's database)."""
    import secrets

    from mps.domain.stages.siret import luhn_ok
    stem = "".join(secrets.choice("0123456789") for _ in range(13))
    return next(stem + d for d in "0123456789" if luhn_ok(stem + d))


async def organisation_for(db, email: str, board, geocoder, **offer):
    """The signed-in employer `email` gets an organisation (verified) and one published offer."""
    from sqlalchemy import select

    from mps.db.models import Person
    from mps.domain.stages import service
    from mps.domain.stages.schemas import OrganisationIn
    person = (await db.execute(select(Person).where(Person.email == email))).scalar_one()
    org = await service.save_organisation(db, person, OrganisationIn(name="Menuiserie Dupont", siret=fresh_siret(),
                                                                     employer_kind="prive"))
    org.verified = True
    created = await offer_with(db, board, geocoder, org, **offer)
    return org.id, created.id
