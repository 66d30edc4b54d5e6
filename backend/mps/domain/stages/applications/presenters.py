"""Applications as their readers see them, and who may see one: the student (their own), the employer's team
(applications to their offers: first name, school, level and motivation only, the e-mail once confirmed),
an admin. Anyone else is told it does not exist (a 404), never that it does."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Person, StageApplication, StageMember, StageOffer, StageOrganisation
from mps.domain.stages.applications.schemas import ApplicationOut, EventOut
from mps.domain.stages.applications.service import Actor
from mps.domain.stages.applications.states import STATUSES, actions_for
from mps.domain.stages.applications.store import events_of
from mps.domain.stages.board import Board
from mps.domain.stages.periods import NIVEAUX, period_label
from mps.lib.errors import NotFound

STUDENT, EMPLOYER_ROLE, ADMIN = "lyceen", "employeur", "admin"
GONE = "Cette candidature n'existe pas ou ne te concerne pas."


async def actor_for(db: AsyncSession, person: Person, application: StageApplication) -> Actor | None:
    """How `person` acts on `application`: its student, a member of the offer's organisation, an admin."""
    if person.role == STUDENT and application.student_id == person.id:
        return Actor("student", person.id)
    if person.role == EMPLOYER_ROLE:
        member = await db.get(StageMember, person.id)
        offer = await db.get(StageOffer, application.offer_id)
        if member is not None and offer is not None and member.organisation_id == offer.organisation_id:
            return Actor("employer", person.id)
    if person.role == ADMIN:
        return Actor("admin", person.id)
    return None


async def reachable(db: AsyncSession, person: Person, application_id: int) -> tuple[StageApplication, Actor]:
    """The application and the person's part in it; NotFound when it is none of their business."""
    application = await db.get(StageApplication, application_id)
    actor = await actor_for(db, person, application) if application is not None else None
    if actor is None:
        raise NotFound(GONE)
    return application, actor


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


async def application_out(db: AsyncSession, board: Board, application: StageApplication, actor: Actor,
                          with_events: bool = False) -> ApplicationOut:
    offer = await db.get(StageOffer, application.offer_id)
    org = await db.get(StageOrganisation, offer.organisation_id)
    school = board.school(application.school_uai)
    email = None
    if actor.role == "admin" or (actor.role == "employer" and application.status == "confirmed"):
        student = await db.get(Person, application.student_id)
        email = student.email if student else None
    events = [EventOut(e.at.isoformat(), e.actor_role, e.from_status, e.to_status, e.reason)
              for e in await events_of(db, application.id)] if with_events else []
    return ApplicationOut(
        id=application.id, offer_id=offer.id, offer_title=offer.title, organisation=org.name, commune=offer.commune,
        niveau=NIVEAUX.get(offer.niveau, offer.niveau), period=application.period_code,
        period_label=period_label(offer.niveau, application.period_code, offer.school_year),
        status=application.status, status_label=STATUSES[application.status], first_name=application.first_name,
        school=school.label if school else "", motivation=application.motivation,
        created_at=application.created_at.isoformat(), updated_at=application.updated_at.isoformat(),
        expires_at=_iso(application.expires_at) if application.status == "accepted" else None,
        reject_reason=application.reject_reason, cancel_reason=application.cancel_reason,
        cancelled_by=application.cancelled_by, actions=actions_for(application.status, actor.role),
        student_email=email, events=events)


async def received(db: AsyncSession, offer_id: int) -> list[StageApplication]:
    """Applications to an offer, those waiting for an answer first, then by date."""
    order = {"submitted": 0, "read": 1, "accepted": 2, "confirmed": 3}
    rows = await db.execute(select(StageApplication).where(StageApplication.offer_id == offer_id)
                            .order_by(StageApplication.created_at, StageApplication.id))
    return sorted(rows.scalars(), key=lambda a: order.get(a.status, 9))
