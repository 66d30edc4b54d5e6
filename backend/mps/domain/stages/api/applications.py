"""Applications in the JSON API (/api/v1/stages/applications, in /schema/openapi.json). Students list, send and
act on their own; an employer's team lists those received for an offer and acts on them; an admin may
cancel. Not theirs -> 404; a role that has no applications -> 403; a refused value or move -> 400."""
from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Person
from mps.domain.accounts.web import signed_in_person
from mps.domain.stages.offer_reads import org_offer
from mps.domain.stages.organisations import organisation_of
from mps.domain.stages.applications import service as applications
from mps.domain.stages.applications.schemas import ActionIn, ApplicationIn, ApplicationList, ApplicationOut
from mps.domain.stages.applications.states import ACTIONS, MAX_PENDING, STATUSES, allowed
from mps.domain.stages.applications.store import applications_of, pending_count
from mps.domain.stages.applications.presenters import EMPLOYER_ROLE, STUDENT, application_out, reachable, received
from mps.domain.stages.board import Board
from mps.domain.stages.pages.applications import commit_and_notify
from mps.domain.stages.search import visible_offer
from mps.domain.stages.web import clock, request_viewer
from mps.lib.errors import FieldError, NotFound
from mps.web.hostile_input import ID_RANGE
from mps.settings import Settings


async def caller(request: Request, db: AsyncSession, *roles: str) -> Person:
    person = await signed_in_person(request, db)
    if person is None:
        raise NotAuthorizedException(detail="Connecte-toi pour accéder à tes candidatures.")
    if roles and person.role not in roles:
        raise PermissionDeniedException(detail="Les candidatures de stage sont réservées aux élèves et aux "
                                               "employeurs concernés.")
    return person


class ApplicationsApi(Controller):
    path = "/api/v1/stages/applications"
    tags = ["stages"]

    @get("", summary="Mes candidatures de stage (élève)")
    async def mine(self, request: Request, db: AsyncSession, stage_board: Board) -> ApplicationList:
        person = await caller(request, db, STUDENT)
        actor = applications.Actor("student", person.id)
        items = [await application_out(db, stage_board, a, actor) for a in await applications_of(db, person.id)]
        return ApplicationList(total=len(items), pending=await pending_count(db, person.id), max_pending=MAX_PENDING,
                               items=items)

    @post("", summary="Postuler à une offre pour une période (élève)", status_code=201)
    async def create(self, request: Request, db: AsyncSession, stage_board: Board, settings: Settings,
                     data: ApplicationIn) -> ApplicationOut:
        """At most 5 pending applications; seconde: one two-week stage or two one-week stages; the motivation
        is refused, never cut, past 1,000 characters. The employer sees the first name, school, level and
        motivation, not the e-mail, until the student confirms."""
        person = await caller(request, db, STUDENT)
        now, today = clock(settings)
        viewer = await request_viewer(request, db, stage_board, settings)
        offer, _ = await visible_offer(db, viewer, data.offer_id, now)
        application = await applications.apply(db, person.id, offer, data.periode, data.motivation, data.prenom,
                                               now, today)
        await commit_and_notify(request, db, stage_board, settings, [(application, "submitted", "")])
        return await application_out(db, stage_board, application, applications.Actor("student", person.id))

    @get("/received", summary="Candidatures reçues pour une offre (employeur)")
    async def received(self, request: Request, db: AsyncSession, stage_board: Board,
                       offer_id: int = Parameter(description="numéro de l'offre de votre organisation", ge=1,
                                                 le=ID_RANGE[1])
                       ) -> ApplicationList:
        person = await caller(request, db, EMPLOYER_ROLE)
        org = await organisation_of(db, person.id)
        if org is None:
            raise NotFound("Cette offre n'existe pas ou n'est pas celle de votre organisation.")
        offer = await org_offer(db, org, offer_id)
        actor = applications.Actor("employer", person.id)
        items = [await application_out(db, stage_board, a, actor) for a in await received(db, offer.id)]
        return ApplicationList(total=len(items), pending=sum(a.status in ("submitted", "read") for a in items),
                               max_pending=MAX_PENDING, items=items)

    @get("/{application_id:int}", summary="Une candidature, avec son historique")
    async def one(self, request: Request, db: AsyncSession, stage_board: Board,
                  application_id: int) -> ApplicationOut:
        person = await caller(request, db)
        application, actor = await reachable(db, person, application_id)
        return await application_out(db, stage_board, application, actor, with_events=True)

    @post("/{application_id:int}/{action:str}", summary="Agir sur une candidature : read, accept, reject, "
                                                        "confirm, cancel", status_code=200)
    async def act(self, request: Request, db: AsyncSession, stage_board: Board, settings: Settings,
                  application_id: int, action: str, data: ActionIn | None = None) -> ApplicationOut:
        """read / accept / reject: the employer; confirm: the student; cancel: either (and an admin). reject
        and cancel need a `reason` the other side reads."""
        person = await caller(request, db)
        application, actor = await reachable(db, person, application_id)
        if action not in ACTIONS:
            raise FieldError("action", "Action inconnue : " + ", ".join(ACTIONS) + ".")
        if not any(allowed(status, ACTIONS[action], actor.role) for status in STATUSES):
            raise PermissionDeniedException(detail="Cette action n'est pas ouverte à votre rôle sur cette candidature.")
        change = await applications.move(db, application, action, actor, clock(settings)[0],
                                         data.reason if data else "", expiry_days=settings.stage_acceptance_days)
        await commit_and_notify(request, db, stage_board, settings, [change])
        return await application_out(db, stage_board, application, actor, with_events=True)
