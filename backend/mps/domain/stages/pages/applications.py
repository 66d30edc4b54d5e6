"""Students' application pages: « Postuler » to an offer (one period, a short motivation with a counter, never
cut), « Mes candidatures » with each status and what can be done (confirm, cancel with a reason). Also the
helper every applications route ends with: commit, then tell the people concerned (notify.py)."""
from __future__ import annotations

from datetime import datetime

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.accounts.mail import send_mail
from mps.domain.accounts.web import page_person
from mps.domain.stages.applications import service as applications
from mps.domain.stages.applications.notify import mails_for, send_all, when
from mps.domain.stages.applications.placement import complete
from mps.domain.stages.applications.schemas import ActionIn, ApplicationFormIn
from mps.domain.stages.applications.service import AUTO_CANCEL_REASON, Change
from mps.domain.stages.applications.states import ACTIVE, MAX_PENDING, MOTIVATION_MAX, REASON_MAX
from mps.domain.stages.applications.store import applications_of, pending_count, placement_of
from mps.domain.stages.applications.presenters import STUDENT, application_out, reachable
from mps.domain.stages.board import Board
from mps.domain.stages.presenters import offer_out
from mps.domain.stages.search import visible_offer
from mps.domain.stages.web import clock, request_viewer
from mps.lib.errors import FieldError, NotFound
from mps.lib.french import count
from mps.settings import Settings
from mps.web.forms import FormState, blank, state_from
from mps.web.links import mail_origin

STUDENT_ACTIONS = ("confirm", "cancel")
DONE = {"envoyee": "Candidature envoyée : l'employeur la lira bientôt. Tu recevras un e-mail à chaque réponse.",
        "confirm": "Stage confirmé ! Tes autres candidatures pour la même période ont été annulées.",
        "cancel": "Candidature annulée."}


async def commit_and_notify(request: Request, db: AsyncSession, board: Board, settings: Settings,
                            changes: list[tuple]) -> None:
    """Commit the change first (nobody is told of something that did not happen), then send the e-mails.
    `changes`: (application, to_status, reason) or a service Change (with what it cancelled on the way)."""
    await db.commit()
    origin = mail_origin(request)
    items = []
    for change in changes:
        if isinstance(change, Change):
            items.append((change.application, change.to_status, change.reason))
            items += [(other, "cancelled", AUTO_CANCEL_REASON) for other in change.also_cancelled]
        else:
            items.append(change)
    mails = [m for application, to_status, reason in items
             for m in await mails_for(db, board, application, to_status, reason, origin)]

    async def mailer(to: str, subject: str, text: str) -> None:
        await send_mail(settings, to, subject, text)
    await send_all(mailer, mails)


def moment(iso: str | None) -> str:
    """An ISO moment as a French student reads it: « 12/06 à 17 h 05 » (Paris time)."""
    return when(datetime.fromisoformat(iso)) if iso else ""


def first_name_of(display_name: str) -> str:
    """« Inès B. » (the class's display name) -> « Inès »."""
    return display_name.split(" ")[0] if display_name else ""


class StudentApplicationPages(Controller):
    include_in_schema = False

    async def _apply_page(self, request, db, board, settings, person, offer_id: int, form: FormState | None = None,
                          status: int = 200) -> Template:
        now, today = clock(settings)
        viewer = await request_viewer(request, db, board, settings)
        offer, org = await visible_offer(db, viewer, offer_id, now)
        mine = [a for a in await applications_of(db, person.id) if a.offer_id == offer.id and a.status in ACTIVE]
        out = await offer_out(db, board, offer, org, today)
        # A complete stage refuses any new application (placement.py): say so instead of offering a form.
        placed = complete(offer.niveau, [a.period_code for a in await placement_of(db, person.id, offer.school_year)])
        form = form or blank(ApplicationFormIn, {"prenom": first_name_of(person.display_name),
                                                 "periode": out.periods[0].code if len(out.periods) == 1 else ""})
        return Template("stages/apply.html", status_code=status, context={
            "o": out, "form": form, "placed": placed, "mine": [await application_out(db, board, a, applications.Actor("student", person.id))
                                             for a in mine],
            "pending": await pending_count(db, person.id), "max_pending": MAX_PENDING,
            "max_motivation": MOTIVATION_MAX, "periods": [(p.code, p.label, count(p.seats_left, "place libre", "places libres"))
                                                            for p in out.periods]})

    @get("/stages/offres/{offer_id:int}/postuler")
    async def apply_form(self, request: Request, db: AsyncSession, stage_board: Board, settings: Settings,
                         offer_id: int) -> Template:
        person = await page_person(request, db, STUDENT)
        return await self._apply_page(request, db, stage_board, settings, person, offer_id)

    @post("/stages/offres/{offer_id:int}/postuler", status_code=200)
    async def apply(self, request: Request, db: AsyncSession, stage_board: Board, settings: Settings,
                    offer_id: int) -> Template | Redirect:
        person = await page_person(request, db, STUDENT)
        now, today = clock(settings)
        viewer = await request_viewer(request, db, stage_board, settings)
        offer, _ = await visible_offer(db, viewer, offer_id, now)
        form = state_from(await request.form(), ApplicationFormIn)
        if not form.errors:
            try:
                application = await applications.apply(db, person.id, offer, form.data.periode, form.data.motivation,
                                                       form.data.prenom, now, today)
            except FieldError as exc:
                form.add_error(exc.field if exc.field in ("periode", "prenom", "motivation") else "periode",
                               exc.message)
        if form.errors:
            return await self._apply_page(request, db, stage_board, settings, person, offer_id, form, status=400)
        await commit_and_notify(request, db, stage_board, settings, [(application, "submitted", "")])
        return Redirect("/stages/candidatures?ok=envoyee#statut-candidatures", status_code=303)

    async def _list(self, request, db, board, person, failed: tuple[int, FormState] | None = None,
                    status: int = 200) -> Template:
        rows = [await application_out(db, board, a, applications.Actor("student", person.id))
                for a in await applications_of(db, person.id)]
        return Template("stages/applications.html", status_code=status, context={
            "current": [a for a in rows if a.status in ACTIVE], "past": [a for a in rows if a.status not in ACTIVE],
            "pending": await pending_count(db, person.id), "max_pending": MAX_PENDING, "max_reason": REASON_MAX,
            "done": DONE.get(request.query_params.get("ok") or "", ""), "failed": failed,
            "blank": blank(ActionIn), "moment": moment})

    @get("/stages/candidatures")
    async def mine(self, request: Request, db: AsyncSession, stage_board: Board) -> Template:
        person = await page_person(request, db, STUDENT)
        return await self._list(request, db, stage_board, person)

    @post("/stages/candidatures/{application_id:int}/{action:str}", status_code=200)
    async def act(self, request: Request, db: AsyncSession, stage_board: Board, settings: Settings,
                  application_id: int, action: str) -> Template | Redirect:
        person = await page_person(request, db, STUDENT)
        application, actor = await reachable(db, person, application_id)
        if action not in STUDENT_ACTIONS:
            raise NotFound("Cette action n'existe pas.")
        form = state_from(await request.form(), ActionIn)
        if not form.errors:
            try:
                change = await applications.move(db, application, action, actor, clock(settings)[0],
                                                 form.data.reason)
            except FieldError as exc:
                form.add_error("reason", exc.message)
        if form.errors:
            return await self._list(request, db, stage_board, person, (application_id, form), status=400)
        await commit_and_notify(request, db, stage_board, settings, [change])
        return Redirect(f"/stages/candidatures?ok={action}#statut-candidatures", status_code=303)

