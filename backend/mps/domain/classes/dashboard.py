"""What a teacher sees of a class and of one student (only members, only with their consent)."""
from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Person, SchoolClass, TeacherNote
from mps.domain.classes.schemas import ClassOut, Dashboard, NoteOut, ProfileLine, StudentDetail, StudentRow
from mps.domain.classes.service import code_expires_on, members, notes_between
from mps.domain.favourites.overview import Overview, overview
from mps.domain.plan.counting import Count
from mps.domain.plan.service import SHARED, plan_count, plan_doc
from mps.domain.stages.seekers import stage_statuses
from mps.domain.vocabulary import ADULT_FLAG_WORDS

TEACHER_FLAGS = ADULT_FLAG_WORDS


def class_out(cls: SchoolClass, *, settings=None, origin: str = "", students: int | None = None) -> ClassOut:
    """`settings` and `origin` (mps.web.links.page_origin) for the teacher's view: the code to share."""
    out = ClassOut(id=cls.id, label=cls.label, school_year=cls.school_year, lycee_uai=cls.lycee_uai,
                   lycee_name=cls.lycee_name, lycee_commune=cls.lycee_commune, students=students)
    if settings is not None:  # teacher view: the code to share
        out.join_code = cls.join_code
        out.join_url = f"{origin or settings.public_url}/ma-classe/rejoindre?code={cls.join_code}"
        out.join_code_expires_on = code_expires_on(cls)
    return out


def display_name(person: Person) -> str:
    return person.display_name or person.email or "Élève"


def student_row(person: Person, ov: Overview, plan: Count, stage: str = "none") -> StudentRow:
    check = ov.favourites.check
    return StudentRow(id=person.id, name=display_name(person), completeness=ov.completeness,
                      favourites=len(ov.favourites.formations), reach=check.reach, target=check.target,
                      safe=check.safe, flags=ov.flags, wishes=plan.school, apprenticeship_wishes=plan.apprenticeship,
                      sub_wishes=plan.sub_wishes, plan_warnings=list(dict.fromkeys(w.kind for w in plan.warnings)),
                      stage=stage)


async def dashboard(db: AsyncSession, catalogue, settings, cls: SchoolClass, origin: str = "") -> Dashboard:
    people = await members(db, cls.id)
    stages = await stage_statuses(db, [p.id for p in people])
    # the rows need only the plan's counts and warnings: not its dates, rule texts nor ambition
    rows = [student_row(p, await overview(db, catalogue, p.id), await plan_count(db, catalogue, p.id), stages[p.id])
            for p in people]
    return Dashboard(klass=class_out(cls, settings=settings, origin=origin, students=len(rows)), students=rows)


def note_out(n: TeacherNote) -> NoteOut:
    return NoteOut(id=n.id, kind=n.kind, formation_id=n.formation_id, note=n.note, created_at=n.created_at)


async def student_detail(db: AsyncSession, catalogue, cls: SchoolClass, student: Person) -> StudentDetail:
    ov = await overview(db, catalogue, student.id)
    plan = await plan_doc(db, catalogue, student.id, viewer=SHARED)
    notes = await notes_between(db, cls.id, student.id)
    row = student_row(student, ov, await plan_count(db, catalogue, student.id))
    return StudentDetail(student=row, profile=[ProfileLine(a, b) for a, b in ov.lines],
                         favourites=ov.favourites, notes=[note_out(n) for n in notes], plan=plan)
