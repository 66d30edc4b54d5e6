"""Classes API: teachers (their classes, dashboard, a student, notes) and students (join, leave)."""
from __future__ import annotations

from litestar import Controller, Request, delete, get, post
from litestar.exceptions import NotFoundException, TooManyRequestsException
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Lycee
from mps.domain.accounts.web import api_person
from mps.domain.catalogue.index import Catalogue
from mps.domain.classes import service
from mps.domain.classes.dashboard import class_out, dashboard, note_out, student_detail
from mps.domain.classes.web import class_from_code, too_many
from mps.domain.classes.schemas import (ClassIn, ClassOut, Dashboard, JoinIn, LyceeOut, NoteIn, NoteOut,
                                        StudentDetail)
from mps.settings import Settings
from mps.web.errors import field_error
from mps.web.links import page_origin

TEACHER = "enseignant"


def checked_note(catalogue, data: NoteIn) -> tuple[str | None, str]:
    if data.kind == "formation":
        if not data.formation_id or catalogue.formation(data.formation_id) is None:
            raise field_error("formation_id", "une formation du catalogue est attendue")
        return data.formation_id, data.note.strip()
    return None, data.note.strip()


class ClassesApi(Controller):
    path = "/api/v1"
    tags = ["classes"]

    @get("/lycees", summary="Lycées de l'annuaire, par nom, ville ou UAI")
    async def lycees(self, db: AsyncSession, q: str = Parameter(default="", max_length=100)) -> list[LyceeOut]:
        return [LyceeOut(r.uai, r.name, r.commune, r.departement) for r in await service.find_lycees(db, q)]

    @get("/classes", summary="Mes classes (enseignant)")
    async def my_classes(self, request: Request, settings: Settings, db: AsyncSession) -> list[ClassOut]:
        teacher = await api_person(request, db, TEACHER)
        return [class_out(c, settings=settings, origin=page_origin(request), students=n) for c, n in await service.teacher_classes(db, teacher.id)]

    @post("/classes", summary="Créer une classe (enseignant)")
    async def create(self, request: Request, settings: Settings, db: AsyncSession, data: ClassIn) -> ClassOut:
        teacher = await api_person(request, db, TEACHER)
        lycee = await db.get(Lycee, data.lycee_uai.upper())
        if lycee is None:
            raise field_error("lycee_uai", "lycée introuvable dans l'annuaire")
        cls = await service.create_class(db, teacher, lycee, data.label.strip(),
                                         data.school_year or service.current_school_year())
        return class_out(cls, settings=settings, origin=page_origin(request), students=0)

    @get("/classes/{class_id:str}", summary="Tableau de bord d'une classe (enseignant)")
    async def board(self, request: Request, catalogue: Catalogue, settings: Settings, db: AsyncSession,
                    class_id: str) -> Dashboard:
        teacher = await api_person(request, db, TEACHER)
        cls = await service.teacher_class(db, teacher.id, class_id)
        return await dashboard(db, catalogue, settings, cls, page_origin(request))

    @get("/classes/{class_id:str}/students/{student_id:str}", summary="Un élève de la classe (enseignant)")
    async def student(self, request: Request, catalogue: Catalogue, db: AsyncSession, class_id: str,
                      student_id: str) -> StudentDetail:
        teacher = await api_person(request, db, TEACHER)
        cls, student = await service.class_student(db, teacher.id, class_id, student_id)
        return await student_detail(db, catalogue, cls, student)

    @post("/classes/{class_id:str}/students/{student_id:str}/notes",
          summary="Proposer une formation ou conseiller un rendez-vous PsyEN (enseignant)")
    async def note(self, request: Request, catalogue: Catalogue, db: AsyncSession, class_id: str, student_id: str,
                   data: NoteIn) -> NoteOut:
        teacher = await api_person(request, db, TEACHER)
        cls, student = await service.class_student(db, teacher.id, class_id, student_id)
        formation_id, text = checked_note(catalogue, data)
        return note_out(await service.add_note(db, cls, student, data.kind, formation_id, text))

    @post("/classes/join", summary="Rejoindre une classe avec son code (élève, consentement explicite)")
    async def join(self, request: Request, db: AsyncSession, data: JoinIn) -> ClassOut:
        student = await api_person(request, db, "lyceen")
        if not data.consent:
            raise field_error("consent", "ton accord est nécessaire pour rejoindre la classe")
        cls, refusal = await class_from_code(request, db, student.id, data.code)
        if too_many(refusal):
            raise TooManyRequestsException(detail=refusal, headers={"Retry-After": "3600"})
        if refusal:
            raise field_error("code", refusal)
        await service.join(db, cls, student, service.student_name(data.first_name, data.initial))
        return class_out(cls)

    @get("/me/classes", summary="Les classes que j'ai rejointes (élève)")
    async def joined(self, request: Request, db: AsyncSession) -> list[ClassOut]:
        student = await api_person(request, db)
        return [class_out(c) for c in await service.student_classes(db, student.id)]

    @delete("/me/classes/{class_id:str}", summary="Quitter une classe (le professeur ne voit plus rien)")
    async def leave(self, request: Request, db: AsyncSession, class_id: str) -> None:
        student = await api_person(request, db)
        if not await service.leave(db, class_id, student.id):
            raise NotFoundException(detail=service.NOT_FOUND)
