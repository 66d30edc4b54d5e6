"""« Mes données » pages: download everything as JSON, delete the account."""
from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Response, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.catalogue.index import Catalogue
from mps.domain.accounts.web import sign_out, signed_in_person
from mps.domain.identity.web import current_person_id
from mps.domain.privacy.schemas import EraseIn
from mps.domain.privacy.service import erase_account, export
from mps.settings import Settings
from mps.web.forms import blank, read_form

DOWNLOAD = {"Content-Disposition": 'attachment; filename="monprojetsup-mes-donnees.json"', "Cache-Control": "no-store"}


class PrivacyPages(Controller):
    include_in_schema = False

    @get("/mes-donnees")
    async def page(self, request: Request, db: AsyncSession) -> Template:
        return Template("privacy/my_data.html", context={
            "person": await signed_in_person(request, db), "has_data": current_person_id(request) is not None,
            "form": blank(EraseIn)})

    @get("/mes-donnees/export.json")
    async def download(self, request: Request, db: AsyncSession, catalogue: Catalogue) -> Response[dict[str, Any]]:
        pid = current_person_id(request)
        return Response(await export(db, pid, catalogue) if pid else {"compte": None}, headers=DOWNLOAD)

    @post("/mes-donnees/supprimer", status_code=200)
    async def erase(self, request: Request, db: AsyncSession, settings: Settings) -> Template | Redirect:
        form = await read_form(request, EraseIn)
        if form.errors:
            return Template("privacy/my_data.html", status_code=400, context={
                "person": await signed_in_person(request, db), "has_data": True, "form": form})
        if pid := current_person_id(request):
            await erase_account(db, settings, pid)
        await sign_out(request, db)
        return Template("privacy/deleted.html")

