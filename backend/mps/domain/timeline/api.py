"""JSON API of the timeline: the current person's steps, class events and tasks; a teacher's class events."""
from __future__ import annotations

from litestar import Controller, Request, delete, get, post
from litestar.exceptions import NotFoundException
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.accounts.web import api_person
from mps.domain.catalogue.index import Catalogue
from mps.domain.classes.service import teacher_class
from mps.domain.identity.web import current_person_id
from mps.domain.timeline.schemas import ClassEventIn, ClassEventOut, TimelineDoc, timeline_doc
from mps.domain.timeline.service import add_class_event, delete_class_event, events_of_class, timeline_for

TEACHER = "enseignant"


class TimelineApi(Controller):
    path = "/api/v1"
    tags = ["frise"]

    @get("/me/timeline", summary="Ma frise : étapes datées de ma classe, événements de ma classe, tâches")
    async def mine(self, request: Request, catalogue: Catalogue, db: AsyncSession) -> TimelineDoc:
        return timeline_doc(await timeline_for(db, current_person_id(request), catalogue))

    @get("/classes/{class_id:str}/events", summary="Événements d'une classe (enseignant)")
    async def class_events(self, request: Request, db: AsyncSession, class_id: str) -> list[ClassEventOut]:
        teacher = await api_person(request, db, TEACHER)
        cls = await teacher_class(db, teacher.id, class_id)
        return [ClassEventOut(e.id, e.title, e.day) for e in await events_of_class(db, cls.id)]

    @post("/classes/{class_id:str}/events", summary="Ajouter un événement aux étapes des élèves d'une classe")
    async def add_event(self, request: Request, db: AsyncSession, class_id: str, data: ClassEventIn) -> ClassEventOut:
        teacher = await api_person(request, db, TEACHER)
        cls = await teacher_class(db, teacher.id, class_id)
        event = await add_class_event(db, cls, teacher.id, data.title, data.day)
        return ClassEventOut(event.id, event.title, event.day)

    @delete("/classes/{class_id:str}/events/{event_id:str}", summary="Retirer un événement de la classe")
    async def remove_event(self, request: Request, db: AsyncSession, class_id: str, event_id: str) -> None:
        teacher = await api_person(request, db, TEACHER)
        cls = await teacher_class(db, teacher.id, class_id)
        if not await delete_class_event(db, cls.id, event_id):
            raise NotFoundException(detail="Cet événement n'existe pas.")
