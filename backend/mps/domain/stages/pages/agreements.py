"""The agreement's pages: the list, the agreement (document, parts to fill, signatures, PDF, audit export)."""
from __future__ import annotations

from litestar import Controller, Request, Response, get, post
from litestar.response import Redirect, Template
from litestar.exceptions import TooManyRequestsException
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Person, StageAgreement, StageAgreementSignatory, StageMember
from mps.domain.accounts.mail import send_mail
from mps.domain.accounts.web import TOO_MANY_MAILS, page_person, typed_mail_allowed
from mps.domain.stages.agreements import parts, service
from mps.domain.stages.agreements.access import HIDDEN, Access, require, taught_by
from mps.domain.stages.agreements.audit import Actor, audit_csv, events, record
from mps.domain.stages.agreements.concurrency import ChangedMeanwhile
from mps.domain.stages.agreements.document import WEEKDAYS, from_stored
from mps.domain.stages.agreements.schemas import HostPartIn, SchoolPartIn, StudentPartIn
from mps.domain.stages.agreements.view import document_context
from mps.domain.stages.board import Board
from mps.domain.stages.periods import board_year
from mps.domain.stages.web import clock
from mps.lib.errors import FieldError, NotFound
from mps.settings import Settings
from mps.web.forms import FormState, blank, form_int, state_from
from mps.web.links import mail_origin
from mps.web.pdf import render_pdf

BASE = "/stages/conventions"
DAY_OPTIONS = list(WEEKDAYS.items())
DONE = {"eleve": "C'est enregistré.", "etablissement": "C'est enregistré.", "accueil": "C'est enregistré.",
        "lien": "Un nouveau lien de signature vient d'être envoyé."}


def actor_of(request: Request, settings: Settings, access: Access | None = None, person: Person | None = None) -> Actor:
    """Who acts, from which address (the client address, believed behind trusted proxies only) and browser."""
    return Actor(role=access.role if access else "", name=(person.display_name or person.email or "") if person else "",
                 ip=request.client.host if request.client else "", user_agent=request.headers.get("user-agent", ""),
                 origin=mail_origin(request), secret=settings.secret_key)


async def send_queued(settings: Settings, actor: Actor) -> None:
    for to, subject, text in actor.mails:
        await send_mail(settings, to, subject, text)
    actor.mails.clear()


async def visible_agreements(db: AsyncSession, person: Person) -> list[StageAgreement]:
    q = select(StageAgreement).order_by(StageAgreement.updated_at.desc()).limit(200)
    if person.role == "admin":
        return list((await db.execute(q)).scalars())
    if person.role == "employeur":
        member = await db.get(StageMember, person.id)
        if member is None:
            return []
        q = q.where(StageAgreement.host_orgs.contains(f"|{member.organisation_id}|"))
    elif person.role == "enseignant":
        q = q.where(taught_by(person.id))
    else:
        q = q.where(StageAgreement.student_id == person.id)
    return list((await db.execute(q)).scalars())


async def agreement_pdf(request: Request, db: AsyncSession, board: Board, settings: Settings, agreement: StageAgreement,
                        actor: Actor, headers: dict | None = None) -> Response[bytes]:
    """Today's document as PDF (regenerated first: a PDF never shows a hash that is no longer the document's)."""
    await service.refresh(db, board, agreement, actor)
    await send_queued(settings, actor)
    html = request.app.template_engine.get_template("stages/agreement/print.html").render(
        **document_context(agreement, await service.signatories(db, agreement.id)))
    name = from_stored(agreement.document).reference
    return Response(await render_pdf(html), media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="convention-{name}.pdf"', **(headers or {})})


def _part_forms(agreement: StageAgreement, access: Access) -> dict:
    inputs = agreement.inputs or {}
    s, g, h = inputs.get("student") or {}, inputs.get("guardian") or {}, inputs.get("head") or {}
    forms = {}
    if access.student:
        forms["eleve"] = blank(StudentPartIn, {**s, "guardian_name": g.get("name", ""),
                                               "guardian_email": g.get("email", "")})
    if access.student or access.school or access.admin:
        forms["etablissement"] = blank(SchoolPartIn, {"head_name": h.get("name", ""), "head_email": h.get("email", "")})
    for key in sorted(access.host_keys):
        own = (inputs.get("hosts") or {}).get(key) or {}
        sig, tut, sch = own.get("signer") or {}, own.get("tutor") or {}, own.get("schedule") or {}
        form = blank(HostPartIn, {"host": key, **{f"signer_{k}": v for k, v in sig.items()},
                                  **{f"tutor_{k}": v for k, v in tut.items()}, "days": sch.get("days") or [],
                                  "start": sch.get("start", "09:00"), "end": sch.get("end", "16:30"),
                                  "pause_minutes": str(sch.get("pause_minutes", 60))})
        forms[key] = _host_anchors(form, key)
    return forms


def _host_anchors(form: FormState, key: str) -> FormState:
    """Host forms repeat on a page (two weeks in one organisation): their ids carry the host's key."""
    form.anchors = {name: f"{name}-{key}" for name in form.fields}
    return form


class AgreementPages(Controller):
    include_in_schema = False

    @get(BASE)
    async def index(self, request: Request, db: AsyncSession, settings: Settings) -> Template:
        person = await page_person(request, db)
        return await self._index(request, db, settings, person)

    async def _index(self, request, db, settings, person, error: str = "", status: int = 200) -> Template:
        mine = await visible_agreements(db, person)
        names = {p.id: p for p in (await db.execute(select(Person).where(
            Person.id.in_({a.student_id for a in mine})))).scalars()} if mine else {}
        year = board_year(clock(settings)[1])
        return Template("stages/agreement/index.html", status_code=status, context={
            "person": person, "agreements": [(a, from_stored(a.document)) for a in mine], "names": names,
            "statuses": service.STATUSES, "error": error, "year": year,
            "form": {"errors": {"stage": error} if error else {}},
            "own_this_year": any(a.student_id == person.id and a.school_year == year for a in mine)})

    @post(BASE, status_code=200)
    async def open(self, request: Request, db: AsyncSession, settings: Settings, stage_board: Board) -> Template | Redirect:
        person = await page_person(request, db, "lyceen")
        actor = actor_of(request, settings, Access(student=True), person)
        try:
            agreement = await service.open_agreement(db, stage_board, person.id, board_year(clock(settings)[1]), actor)
        except FieldError as exc:
            return await self._index(request, db, settings, person, error=exc.message, status=400)
        await send_queued(settings, actor)
        return Redirect(f"{BASE}/{agreement.id}", status_code=303)

    async def _load(self, request, db, agreement_id: int) -> tuple[Person, StageAgreement, Access]:
        person = await page_person(request, db)
        agreement = await db.get(StageAgreement, agreement_id)
        if agreement is None:
            raise NotFound(HIDDEN)
        return person, agreement, await require(db, person, agreement)

    async def _page(self, request, db, board, settings, person, agreement, access, *, forms=None,
                    status: int = 200) -> Template:
        actor = actor_of(request, settings, access, person)
        await service.refresh(db, board, agreement, actor)  # today's data: an edited offer shows (and voids)
        await send_queued(settings, actor)
        shown = _part_forms(agreement, access)
        shown.update(forms or {})
        return Template("stages/agreement/page.html", status_code=status, context={
            **document_context(agreement, await service.signatories(db, agreement.id)), "agreement": agreement,
            "access": access, "forms": shown, "form": next(iter((forms or {}).values()), None), "days": DAY_OPTIONS,
            "done": DONE.get(request.query_params.get("ok", "")),
            "base": f"{BASE}/{agreement.id}"})

    @get(BASE + "/{agreement_id:int}")
    async def page(self, request: Request, db: AsyncSession, settings: Settings, stage_board: Board,
                   agreement_id: int) -> Template:
        person, agreement, access = await self._load(request, db, agreement_id)
        return await self._page(request, db, stage_board, settings, person, agreement, access)

    async def _save(self, request, db, settings, board, agreement_id: int, part: str, struct, allowed, save):
        person, agreement, access = await self._load(request, db, agreement_id)
        if not allowed(access):
            raise NotFound(HIDDEN)
        raw = await request.form()
        form = state_from(raw, struct)
        key = str(raw.get("host") or "")
        if part == "accueil":
            form = _host_anchors(form, key)
        actor = actor_of(request, settings, access, person)
        if not form.errors:
            try:
                await save(db, board, agreement, form.data, actor)
            except ChangedMeanwhile:  # a 400 that rolls back: this edit, read before the other, is not kept
                raise
            except FieldError as exc:
                form.add_error(exc.field, exc.message)
        if form.errors:
            return await self._page(request, db, board, settings, person, agreement, access,
                                    forms={key if part == "accueil" else part: form}, status=400)
        # An edit that mails signatories (a new one invited, signatures voided) counts as one of the editor's mails
        # to typed addresses, else an account could relay mail to any address or flood the signatories. Past the
        # allowance the edit is not kept either: the exception rolls the request's transaction back.
        if actor.mails and not await typed_mail_allowed(request, person.id):
            raise TooManyRequestsException(detail=TOO_MANY_MAILS)
        await send_queued(settings, actor)
        return Redirect(f"{BASE}/{agreement.id}?ok={part}#statut-{part}", status_code=303)

    @post(BASE + "/{agreement_id:int}/eleve", status_code=200)
    async def student_part(self, request: Request, db: AsyncSession, settings: Settings, stage_board: Board,
                           agreement_id: int) -> Template | Redirect:
        return await self._save(request, db, settings, stage_board, agreement_id, "eleve", StudentPartIn,
                                lambda a: a.student, parts.save_student)

    @post(BASE + "/{agreement_id:int}/etablissement", status_code=200)
    async def school_part(self, request: Request, db: AsyncSession, settings: Settings, stage_board: Board,
                          agreement_id: int) -> Template | Redirect:
        return await self._save(request, db, settings, stage_board, agreement_id, "etablissement", SchoolPartIn,
                                lambda a: a.student or a.school or a.admin, parts.save_school)

    @post(BASE + "/{agreement_id:int}/accueil", status_code=200)
    async def host_part(self, request: Request, db: AsyncSession, settings: Settings, stage_board: Board,
                        agreement_id: int) -> Template | Redirect:
        holder: dict = {}

        async def save(db, board, agreement, data, actor):
            await parts.save_host(db, board, agreement, data, holder["keys"], actor)

        def allowed(access):
            holder["keys"] = access.host_keys
            return bool(access.host_keys)
        return await self._save(request, db, settings, stage_board, agreement_id, "accueil", HostPartIn, allowed, save)

    @post(BASE + "/{agreement_id:int}/relancer")
    async def resend_link(self, request: Request, db: AsyncSession, settings: Settings, stage_board: Board,
                          agreement_id: int) -> Redirect:
        """A party sends a signatory their link again (a new one: the older links stop working)."""
        person, agreement, access = await self._load(request, db, agreement_id)
        raw = await request.form()
        row = await db.get(StageAgreementSignatory, form_int(raw.get("signataire")) or 0)
        if row is None or row.agreement_id != agreement.id:
            raise FieldError("signataire", "Ce signataire n'est pas celui de cette convention.")
        if not await typed_mail_allowed(request, person.id):  # else any party could mail-bomb a signatory
            raise TooManyRequestsException(detail=TOO_MANY_MAILS)
        actor = actor_of(request, settings, access, person)
        doc = await service.refresh(db, stage_board, agreement, actor)
        await service.new_link(db, agreement, doc, row, actor)
        await send_queued(settings, actor)
        return Redirect(f"{BASE}/{agreement.id}?ok=lien#statut-signatures", status_code=303)

    @get(BASE + "/{agreement_id:int}/convention.pdf")
    async def pdf(self, request: Request, db: AsyncSession, settings: Settings, stage_board: Board,
                  agreement_id: int) -> Response[bytes]:
        person, agreement, access = await self._load(request, db, agreement_id)
        actor = actor_of(request, settings, access, person)
        return await agreement_pdf(request, db, stage_board, settings, agreement, actor)

    @get(BASE + "/{agreement_id:int}/journal.csv")
    async def audit(self, request: Request, db: AsyncSession, settings: Settings, agreement_id: int) -> Response[bytes]:
        """The audit trail for the school (teachers of the school, its head) and admins only."""
        person, agreement, access = await self._load(request, db, agreement_id)
        if not access.audit:
            raise NotFound(HIDDEN)
        record(db, agreement, "export", actor_of(request, settings, access, person))
        await db.flush()
        body = audit_csv(await events(db, agreement.id))
        name = from_stored(agreement.document).reference
        return Response(body, media_type="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="journal-{name}.csv"'})
