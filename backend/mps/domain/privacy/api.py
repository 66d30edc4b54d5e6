"""Personal data API: everything about me, as JSON (deleting is DELETE /api/v1/me, accounts area)."""
from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.response import Response
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.catalogue.index import Catalogue
from mps.domain.identity.web import current_person_id
from mps.domain.privacy.service import export


class PrivacyApi(Controller):
    path = "/api/v1/me"
    tags = ["mes données"]

    @get("/export", summary="Toutes mes données (JSON)")
    async def download(self, request: Request, db: AsyncSession, catalogue: Catalogue) -> Response[dict[str, Any]]:
        pid = current_person_id(request)
        return Response(await export(db, pid, catalogue) if pid else {"compte": None},
                        headers={"Cache-Control": "no-store"})
