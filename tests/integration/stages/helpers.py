"""The stage board's test material: real reference data (sectors, schools, communes) and offers written
through the service, at known places around Lille (distances checked against lib/geo)."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from mps.db.models import Person
from mps.domain.catalogue.geocode import Geocoder
from mps.domain.stages import service
from mps.domain.stages.board import PARIS, load_board
from mps.domain.stages.periods import board_year
from mps.domain.stages.schemas import OfferIn, OrganisationIn
from mps.etl.reference import read_communes
from mps.etl.source import Rejects
from tests.conftest import ROOT
from tests.integration.accounts.fixtures import run_db

LILLE = (50.6365, 3.0635)
# Points at known distances from LILLE (km, great circle): Roubaix 10.1, Lens 27.9, Arras 43.4, Amiens 99.0.
ROUBAIX, LENS, ARRAS, AMIENS = (50.6942, 3.1746), (50.4322, 2.8333), (50.2910, 2.7775), (49.8941, 2.2957)
# Sirets whose Luhn key checks (the first is the INSEE example; the others computed for the tests).
SIRETS = ["73282932000074", "55210055400013", "44306184100047", "35600000000048", "35600000049837"]


@pytest.fixture(scope="session")
def board():
    return load_board(ROOT / "data")


@pytest.fixture(scope="session")
def geocoder():
    return Geocoder(read_communes(ROOT / "data/geo/communes-departement-region.csv", Rejects()), [])


run = run_db  # `await work(db)` on its own engine, committed (accounts fixtures)


async def new_person(db, role: str = "employeur", email: str | None = None) -> Person:
    import secrets
    person = Person(id=secrets.token_hex(16), email=email or f"{secrets.token_hex(5)}@exemple.fr", role=role,
                    created_at=datetime.now(timezone.utc), display_name="")
    db.add(person)
    await db.flush()
    return person


def offer_in(**kw) -> OfferIn:
    values = dict(title="Découvrir l'atelier de menuiserie", description="Tu suis l'équipe de l'atelier toute la semaine.",
                  secteur="s24", lat=LILLE[0], lon=LILLE[1], commune="Lille", niveau="seconde", school_year=YEAR,
                  periodes=["deux-semaines"], seats=2)
    values.update(kw)
    return OfferIn(**values)


async def employer_org(db, siret: str = SIRETS[0], name: str = "Menuiserie Dupont", verified: bool = False):
    person = await new_person(db)
    org = await service.save_organisation(db, person, OrganisationIn(name=name, siret=siret, employer_kind="prive"))
    org.verified = verified
    return person, org


async def published(db, board, geocoder, org, early: bool = False, **kw):
    """An offer published now (the organisation verified); open to all at once unless `early` keeps the
    calendar's early-access window for REP / REP+ students."""
    offer = await service.save_offer(db, board, geocoder, org, offer_in(**kw))
    org.verified = True
    await service.submit_offer(db, board, org, offer)
    if not early:
        offer.open_to_all_at = offer.published_at
    return offer


def clock() -> tuple[datetime, date]:
    now = service.now_utc()
    return now, now.astimezone(PARIS).date()


# The board's year as the service computes it: offers of the tests are for the coming June.
YEAR = board_year(clock()[1])
