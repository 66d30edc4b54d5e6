"""The signing page a signatory reaches by their link: the document and its hash, « send me a code », then
the code and « I sign ». No account needed: the link and the code sent to the signatory's address prove who
signs. The link's token travels in the query string or the form, never to other sites (no-referrer)."""
from __future__ import annotations

from litestar import Controller, Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.stages.agreements import signing
from mps.domain.stages.agreements.codes import LinkRefused
from mps.domain.stages.agreements.document import ROLES
from mps.domain.stages.pages.agreements import BASE, actor_of, agreement_pdf, send_queued
from mps.domain.stages.agreements.service import refresh, signatories
from mps.domain.stages.agreements.view import document_context, role_label
from mps.domain.stages.board import Board
from mps.settings import Settings

NO_REFERRER = {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}


def _actor(request: Request, settings: Settings, holder: signing.Holder):
    actor = actor_of(request, settings)
    actor.role, actor.name = holder.row.role, holder.row.name
    return actor


class SignPages(Controller):
    include_in_schema = False

    async def _page(self, request, db, board, settings, token: str, *, message: str = "", kind: str = "success",
                    error: str = "", status: int = 200) -> Template:
        try:
            holder = await signing.holder_of(db, settings.secret_key, token)
        except LinkRefused as exc:
            return Template("stages/agreement/sign.html", status_code=400 if token else 404, headers=NO_REFERRER,
                            context={"refused": str(exc), "form": {"errors": {"t": str(exc)}}})
        actor = _actor(request, settings, holder)
        doc = await refresh(db, board, holder.agreement, actor)
        await send_queued(settings, actor)
        row = holder.row
        return Template("stages/agreement/sign.html", status_code=status, headers=NO_REFERRER, context={
            **document_context(holder.agreement, await signatories(db, holder.agreement.id)), "token": token,
            "me": row, "my_role": role_label(doc, row.role, row.slot), "student_self": row.role == "eleve",
            "message": message, "kind": kind, "error": error, "form": {"errors": {"code": error} if error else {}},
            "action": f"{BASE}/signer", "roles": ROLES})

    @get(BASE + "/signer")
    async def show(self, request: Request, db: AsyncSession, settings: Settings, stage_board: Board) -> Template:
        return await self._page(request, db, stage_board, settings, request.query_params.get("t") or "")

    @get(BASE + "/signer/convention.pdf")
    async def pdf(self, request: Request, db: AsyncSession, settings: Settings, stage_board: Board) -> Response[bytes]:
        """The document a signatory is asked to sign, as PDF, for the holder of the link (no account needed)."""
        try:
            holder = await signing.holder_of(db, settings.secret_key, request.query_params.get("t") or "")
        except LinkRefused as exc:
            raise NotFoundException(detail=str(exc)) from None
        return await agreement_pdf(request, db, stage_board, settings, holder.agreement,
                                   _actor(request, settings, holder), headers=NO_REFERRER)

    @post(BASE + "/signer/code", status_code=200)
    async def code(self, request: Request, db: AsyncSession, settings: Settings, stage_board: Board) -> Template:
        token = str((await request.form()).get("t") or "")
        try:
            holder = await signing.holder_of(db, settings.secret_key, token)
        except LinkRefused:
            return await self._page(request, db, stage_board, settings, token)
        actor = _actor(request, settings, holder)
        doc = await refresh(db, stage_board, holder.agreement, actor)
        refusal = await signing.send_code(db, holder, doc, actor)
        await send_queued(settings, actor)
        if refusal:
            return await self._page(request, db, stage_board, settings, token, error=refusal, status=400)
        sent = "Un code à 6 chiffres vient d'être envoyé à " + holder.row.email + " (valable 15 minutes)."
        return await self._page(request, db, stage_board, settings, token, message=sent)

    @post(BASE + "/signer", status_code=200)
    async def sign(self, request: Request, db: AsyncSession, settings: Settings, stage_board: Board) -> Template:
        raw = await request.form()
        token = str(raw.get("t") or "")
        try:
            holder = await signing.holder_of(db, settings.secret_key, token)
        except LinkRefused:
            return await self._page(request, db, stage_board, settings, token)
        if raw.get("accord") != "1":
            return await self._page(request, db, stage_board, settings, token, status=400,
                                    error="Coche la case pour confirmer que tu as lu ta convention."
                                    if holder.row.role == "eleve" else
                                    "Cochez la case pour confirmer que vous avez lu la convention.")
        actor = _actor(request, settings, holder)
        refusal = await signing.sign(db, stage_board, holder, str(raw.get("code") or ""),
                                     str(raw.get("empreinte") or ""), actor)
        await send_queued(settings, actor)
        if refusal:
            return await self._page(request, db, stage_board, settings, token, error=refusal, status=400)
        return await self._page(request, db, stage_board, settings, token, message="Signature enregistrée. Merci !")
