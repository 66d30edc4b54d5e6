"""JSON API of the timeline: the current person's steps, class events and tasks."""
from __future__ import annotations

from litestar import Controller, Request, get
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.catalogue.index import Catalogue
from mps.domain.identity.web import current_person_id
from mps.domain.timeline.schemas import TimelineDoc, timeline_doc
from mps.domain.timeline.service import timeline_for


class TimelineApi(Controller):
    path = "/api/v1"
    tags = ["frise"]

    @get("/me/timeline", summary="Ma frise : étapes datées de ma classe, événements de ma classe, tâches")
    async def mine(self, request: Request, catalogue: Catalogue, db: AsyncSession) -> TimelineDoc:
        return timeline_doc(await timeline_for(db, current_person_id(request), catalogue))
