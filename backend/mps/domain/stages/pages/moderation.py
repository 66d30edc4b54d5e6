"""Admins' pages: offers of new organisations waiting for a decision, reports from students and teachers, and
every application, read-only."""
from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import StageOffer
from mps.db.types import as_utc
from mps.domain.accounts.web import page_person
from mps.domain.stages.applications.overview import PAGE_SIZE, applications_page, status_counts
from mps.domain.stages.applications.states import STATUSES as APPLICATION_STATUSES
from mps.domain.stages.offer_reads import periods_of
from mps.domain.stages.offer_status import moderate, pending_offers
from mps.domain.stages.reports import handle_report, open_reports
from mps.domain.stages.board import PARIS, Board
from mps.domain.stages.schemas import REPORT_REASONS, ModerationIn
from mps.lib.errors import FieldError
from mps.web.forms import FormState, blank, form_int, state_from

ADMIN = "admin"


def moment(at) -> str:
    """« 30/11/2026 21:05 », Paris time (columns give UTC-aware values: mps.db.types)."""
    return as_utc(at).astimezone(PARIS).strftime("%d/%m/%Y %H:%M")


class ModerationPages(Controller):
    include_in_schema = False

    async def _page(self, request, db, board: Board, failed: tuple[int, FormState] | None = None) -> Template:
        pending = await pending_offers(db)
        periods = await periods_of(db, [o.id for o, _ in pending])
        return Template("stages/moderation.html", status_code=400 if failed else 200, context={
            "pending": pending, "periods": periods, "reports": await open_reports(db),
            "reasons": REPORT_REASONS, "board": board, "failed": failed, "blank": blank(ModerationIn),
            "done": request.query_params.get("ok")})

    @get("/stages/moderation")
    async def queue(self, request: Request, db: AsyncSession, stage_board: Board) -> Template:
        await page_person(request, db, ADMIN)
        return await self._page(request, db, stage_board)

    @get("/stages/moderation/candidatures")
    async def applications(self, request: Request, db: AsyncSession) -> Template:
        """Every application, read-only (?statut= one status, ?page= from 1): nothing here changes them."""
        await page_person(request, db, ADMIN)
        status = request.query_params.get("statut") or ""
        if status and status not in APPLICATION_STATUSES:
            raise FieldError("statut", "Choisissez un statut de la liste.")
        page = form_int(request.query_params.get("page") or "1", 1, 10000)
        if page is None:
            raise FieldError("page", "Indiquez un numéro de page entre 1 et 10 000.")
        counts = await status_counts(db)
        lines = await applications_page(db, status or None, page)
        total = counts.get(status, 0) if status else sum(counts.values())
        return Template("stages/moderation_applications.html", context={
            "lines": lines, "counts": counts, "statuses": APPLICATION_STATUSES, "status": status, "page": page,
            "total": total, "more": page * PAGE_SIZE < total, "moment": moment})

    @post("/stages/moderation/offres/{offer_id:int}", status_code=200)
    async def decide(self, request: Request, db: AsyncSession, stage_board: Board, offer_id: int) -> Template | Redirect:
        await page_person(request, db, ADMIN)
        offer = await db.get(StageOffer, offer_id)
        if offer is None:
            raise NotFoundException(detail="Cette offre n'existe pas.")
        form = state_from(await request.form(), ModerationIn)
        if not form.errors:
            try:
                await moderate(db, stage_board, offer, form.data.decision, form.data.reason)
            except FieldError as exc:
                form.add_error(exc.field, exc.message)
        if form.errors:
            form.anchors = {name: f"{name}-{offer_id}" for name in ("decision", "reason")}
            return await self._page(request, db, stage_board, failed=(offer_id, form))
        return Redirect(f"/stages/moderation?ok={form.data.decision}#statut-moderation", status_code=303)

    @post("/stages/moderation/signalements/{report_id:int}")
    async def handle(self, request: Request, db: AsyncSession, report_id: int) -> Redirect:
        await page_person(request, db, ADMIN)
        form = await request.form()
        await handle_report(db, report_id, close=form.get("fermer") == "1")
        return Redirect("/stages/moderation?ok=signalement#statut-signalements", status_code=303)
