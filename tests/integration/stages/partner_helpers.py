"""Partner API test material: organisations with a fresh SIRET and a token, made through the services."""
from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import delete

from mps.db.models import StageOrganisation
from mps.domain.stages.partners import tokens
from mps.domain.stages.siret import LA_POSTE_SIREN, luhn_ok
from tests.integration.accounts.fixtures import db_url
from tests.integration.stages.helpers import LILLE, YEAR, employer_org, run

API = "/api/v1/partner/stages/offers"


def fresh_siret() -> str:
    """A SIRET whose Luhn key checks and that no other test uses."""
    while True:
        body = "".join(random.choice("0123456789") for _ in range(13))
        if not body.startswith(LA_POSTE_SIREN[:5]):
            return next(body + d for d in "0123456789" if luhn_ok(body + d))


@dataclass
class Partner:
    org_id: int
    person_id: str
    token: str
    token_id: int

    @property
    def headers(self) -> dict:
        return {"Authorization": f"Bearer {self.token}"}


def make_partner(site, verified: bool = True, name: str = "Plateforme Stages Solidaires") -> Partner:
    async def work(db):
        person, org = await employer_org(db, siret=fresh_siret(), name=name, verified=verified)
        row, token = await tokens.create_token(db, org, person.id, "Plateforme de test")
        return Partner(org.id, person.id, token, row.id)
    return run(db_url(site), work)


def drop_organisation(site, org_id: int) -> None:
    async def work(db):
        await db.execute(delete(StageOrganisation).where(StageOrganisation.id == org_id))
    run(db_url(site), work)


def offer_body(remote_id: str = "offre-1", **kw) -> dict:
    body = {"remote_id": remote_id, "title": "Découvrir un atelier de réparation de vélos",
            "description": "Tu suis les mécaniciens de l'atelier et tu répares ton premier vélo.", "secteur": "s24",
            "commune": "Lille", "lat": LILLE[0], "lon": LILLE[1], "niveau": "seconde", "school_year": YEAR,
            "periodes": ["semaine-1", "semaine-2"], "seats": 2}
    body.update(kw)
    return {k: v for k, v in body.items() if v is not None}
