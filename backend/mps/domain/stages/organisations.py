"""Employers' organisations and their teams: one organisation per SIRET, colleagues share its offers.
No Request here (docs/architecture.md)."""
from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Person, StageMember, StageOrganisation
from mps.domain.accounts.service import account_by_email
from mps.domain.stages.now import now_utc
from mps.domain.stages.schemas import OrganisationIn
from mps.domain.stages.siret import normalise_siret, siret_refusal
from mps.lib.errors import FieldError

EMPLOYER = "employeur"


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
        raise FieldError("siret", "Cette organisation est déjà inscrite : demandez à une personne de votre équipe "
                                  "de vous ajouter depuis son espace employeur.")
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
        raise FieldError("email", "Cette adresse est celle d'un compte élève, famille ou enseignant : votre "
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
