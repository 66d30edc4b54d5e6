"""Admins' pages: offers of new organisations waiting for a decision, and reports from students and teachers."""
from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import StageOffer
from mps.domain.accounts.web import page_person
from mps.domain.stages.offer_reads import periods_of
from mps.domain.stages.offer_status import moderate, pending_offers
from mps.domain.stages.reports import handle_report, open_reports
from mps.domain.stages.board import Board
from mps.domain.stages.schemas import REPORT_REASONS, ModerationIn
from mps.lib.errors import FieldError
from mps.web.forms import FormState, blank, state_from

ADMIN = "admin"


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
