"""POST /api/v1/sync: a device sends its queued edits and gets back every mark changed since its cursor."""
from __future__ import annotations

from litestar import Controller, Request, post

from mps.domain.catalogue.index import Catalogue
from mps.domain.identity.web import current_person_id, ensure_person
from mps.domain.sync.schemas import SyncIn, SyncOut
from mps.domain.sync.service import sync_and_commit
from mps.web.db import request_session


class SyncApi(Controller):
    path = "/api/v1/sync"
    tags = ["favoris"]

    @post("", status_code=200, summary="Synchroniser les modifications faites hors ligne",
          description="Idempotent : une opération déjà reçue (même op_id) est ignorée. Règle de fusion : docs/sync.md.")
    async def sync(self, request: Request, catalogue: Catalogue, data: SyncIn) -> SyncOut:
        # No `db` parameter: the hottest write opens its session itself (mps.web.db.request_session).
        if not data.ops and not current_person_id(request):
            return SyncOut(cursor=0, full=True, results=[], marks=[])  # nothing saved yet: no person to create
        async with request_session(request) as db:
            pid = await ensure_person(request, db)
            return await sync_and_commit(db, catalogue, pid, data)
