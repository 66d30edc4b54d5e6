"""Employers' side of applications: those received for an offer, one opened (which marks it read), accept,
refuse or cancel with a reason. Before the student confirms, the team sees their first name, school, level
and motivation only. Employers are addressed with « vous »."""
from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import StageOffer
from mps.domain.accounts.web import page_person
from mps.domain.stages.offer_reads import org_offer, periods_of
from mps.domain.stages.organisations import organisation_of
from mps.domain.stages.applications import service as applications
from mps.domain.stages.applications.schemas import ActionIn
from mps.domain.stages.applications.states import REASON_MAX, STATUSES
from mps.domain.stages.applications.presenters import EMPLOYER_ROLE, application_out, reachable, received
from mps.domain.stages.board import Board
from mps.domain.stages.periods import period_label
from mps.domain.stages.pages.applications import commit_and_notify, moment
from mps.domain.stages.web import clock
from mps.lib.errors import FieldError, NotFound
from mps.settings import Settings
from mps.web.forms import FormState, blank, state_from

EMPLOYER_ACTIONS = ("accept", "reject", "cancel")
DONE = {"accept": "Candidature acceptée : l'élève a {days} jours pour confirmer. Vous recevrez un e-mail.",
        "reject": "Candidature refusée : l'élève est prévenu avec votre raison.",
        "cancel": "Candidature annulée : l'élève est prévenu avec votre raison."}


class EmployerApplicationPages(Controller):
    include_in_schema = False

    async def _offer(self, db, person, offer_id: int) -> StageOffer:
        org = await organisation_of(db, person.id)
        if org is None:
            raise NotFound("Présentez d'abord votre organisation.")
        return await org_offer(db, org, offer_id)

    @get("/stages/employeur/offres/{offer_id:int}/candidatures")
    async def offer_applications(self, request: Request, db: AsyncSession, stage_board: Board,
                                 offer_id: int) -> Template:
        person = await page_person(request, db, EMPLOYER_ROLE)
        offer = await self._offer(db, person, offer_id)
        actor = applications.Actor("employer", person.id)
        items = [await application_out(db, stage_board, a, actor) for a in await received(db, offer.id)]
        periods = [(period_label(offer.niveau, p.code, offer.school_year), p.taken, p.seats)
                   for p in (await periods_of(db, [offer.id]))[offer.id]]
        return Template("stages/received.html", context={
            "offer": offer, "items": items, "periods": periods, "moment": moment,
            "waiting": sum(1 for a in items if a.status in ("submitted", "read"))})

    async def _one(self, request, db, board, settings, person, application_id: int,
                   failed: tuple[str, FormState] | None = None, status: int = 200) -> Template:
        application, actor = await reachable(db, person, application_id)
        if actor.role != "employer":
            raise NotFound("Cette candidature n'existe pas ou ne concerne pas votre organisation.")
        done = request.query_params.get("ok") or ""
        return Template("stages/received_one.html", status_code=status, context={
            "a": await application_out(db, board, application, actor, with_events=True), "failed": failed,
            "blank": blank(ActionIn), "max_reason": REASON_MAX, "moment": moment, "statuses": STATUSES,
            "done": DONE.get(done, "").format(days=settings.stage_acceptance_days)})

    @get("/stages/employeur/candidatures/{application_id:int}")
    async def one(self, request: Request, db: AsyncSession, stage_board: Board, settings: Settings,
                  application_id: int) -> Template:
        """Opening a new application marks it read: the student learns it was read."""
        person = await page_person(request, db, EMPLOYER_ROLE)
        application, actor = await reachable(db, person, application_id)
        if actor.role == "employer" and application.status == "submitted":
            change = await applications.move(db, application, "read", actor, clock(settings)[0])
            await commit_and_notify(request, db, stage_board, settings, [change])
        return await self._one(request, db, stage_board, settings, person, application_id)

    @post("/stages/employeur/candidatures/{application_id:int}/{action:str}", status_code=200)
    async def act(self, request: Request, db: AsyncSession, stage_board: Board, settings: Settings,
                  application_id: int, action: str) -> Template | Redirect:
        person = await page_person(request, db, EMPLOYER_ROLE)
        application, actor = await reachable(db, person, application_id)
        if actor.role != "employer" or action not in EMPLOYER_ACTIONS:
            raise NotFound("Cette candidature ou cette action n'existe pas.")
        form = state_from(await request.form(), ActionIn)
        if not form.errors:
            try:
                change = await applications.move(db, application, action, actor, clock(settings)[0],
                                                 form.data.reason, expiry_days=settings.stage_acceptance_days)
            except FieldError as exc:
                form.add_error("reason", exc.message)
        if form.errors:
            return await self._one(request, db, stage_board, settings, person, application_id, (action, form), 400)
        await commit_and_notify(request, db, stage_board, settings, [change])
        return Redirect(f"/stages/employeur/candidatures/{application_id}?ok={action}#statut-candidature",
                        status_code=303)
