"""Classes: creation, short join codes, consent, leaving; the one place that decides who sees whom.

Every teacher read goes through `teacher_class` and `class_student`: a class that is not theirs, or a
student who is not (or no longer) a member, is simply « not found » — never « forbidden », so that
nothing tells an outsider that it exists.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import ClassMember, Lycee, Person, SchoolClass, TeacherNote
from mps.lib.errors import NotFound
from mps.lib.text import fold

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read off a whiteboard without doubt
CODE_LENGTH = 8  # 31^8 ≈ 850 billion codes, and wrong guesses are rate-limited (classes/web.py)
JOIN_CODE = re.compile(f"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
NOT_FOUND = "Cette classe ou cet élève n'existe pas, ou ce compte n'y a pas accès."


def _now() -> datetime:
    return datetime.now(timezone.utc)


def current_school_year(today: datetime | None = None) -> str:
    today = today or _now()
    start = today.year if today.month >= 8 else today.year - 1
    return f"{start}-{start + 1}"


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """What a student typed or pasted -> the code: any case, spaces or dashes, or the whole join link."""
    text = (raw or "").strip()
    if "code=" in text:  # the join link pasted into the field
        text = text.split("code=", 1)[1].split("&", 1)[0]
    return re.sub(r"[\s\-.]", "", text).upper()[:40]


def code_expires_on(cls: SchoolClass) -> date:
    """The last day the code works: 31 August at the end of the class's school year."""
    return date(int(cls.school_year[5:]), 8, 31)


def code_expired(cls: SchoolClass, today: date | None = None) -> bool:
    return (today or _now().date()) > code_expires_on(cls)


async def class_for_code(db: AsyncSession, code: str) -> SchoolClass | None:
    """The class whose code this is, whatever its year (the caller tells an expired code apart)."""
    code = normalise_code(code)
    if not JOIN_CODE.match(code):
        return None
    return await db.scalar(select(SchoolClass).where(SchoolClass.join_code == code))


async def _unused_code(db: AsyncSession) -> str:
    while True:  # 31^8 codes: a second draw is already most unlikely
        code = new_join_code()
        if await db.scalar(select(SchoolClass.id).where(SchoolClass.join_code == code)) is None:
            return code


async def find_lycees(db: AsyncSession, query: str, limit: int = 12) -> list[Lycee]:
    """By UAI (exact) or by words of the name and town."""
    q = query.strip()
    if not q:
        return []
    exact = await db.get(Lycee, q.upper())
    if exact is not None:
        return [exact]
    words = [w for w in fold(q).split() if len(w) > 1][:6]
    if not words:
        return []
    # A few thousand short rows: folding in Python matches accents and hyphens the way people type.
    rows = (await db.execute(select(Lycee.uai, Lycee.name, Lycee.commune))).all()
    uais = [r.uai for r in rows if all(w in fold(f"{r.name} {r.commune}") for w in words)][:limit]
    keep = list((await db.scalars(select(Lycee).where(Lycee.uai.in_(uais)))).all()) if uais else []
    return sorted(keep, key=lambda r: (r.commune, r.name))[:limit]


async def create_class(db: AsyncSession, teacher: Person, lycee: Lycee, label: str, school_year: str) -> SchoolClass:
    cls = SchoolClass(id=secrets.token_hex(8), teacher_id=teacher.id, lycee_uai=lycee.uai, lycee_name=lycee.name,
                      lycee_commune=lycee.commune, label=label, school_year=school_year,
                      join_code=await _unused_code(db), created_at=_now())
    db.add(cls)
    await db.flush()
    return cls


async def renew_code(db: AsyncSession, cls: SchoolClass) -> None:
    cls.join_code = await _unused_code(db)
    await db.flush()


async def teacher_classes(db: AsyncSession, teacher_id: str) -> list[tuple[SchoolClass, int]]:
    counts = (select(ClassMember.class_id, func.count().label("n")).group_by(ClassMember.class_id).subquery())
    rows = await db.execute(select(SchoolClass, func.coalesce(counts.c.n, 0))
                            .outerjoin(counts, counts.c.class_id == SchoolClass.id)
                            .where(SchoolClass.teacher_id == teacher_id)
                            .order_by(SchoolClass.school_year.desc(), SchoolClass.label))
    return [(c, n) for c, n in rows.all()]


async def teacher_class(db: AsyncSession, teacher_id: str, class_id: str) -> SchoolClass:
    cls = await db.get(SchoolClass, class_id)
    if cls is None or cls.teacher_id != teacher_id:
        raise NotFound(NOT_FOUND)
    return cls


async def members(db: AsyncSession, class_id: str) -> list[Person]:
    rows = await db.scalars(select(Person).join(ClassMember, ClassMember.person_id == Person.id)
                            .where(ClassMember.class_id == class_id).order_by(Person.display_name, Person.email))
    return list(rows.all())


async def class_student(db: AsyncSession, teacher_id: str, class_id: str, student_id: str) -> tuple[SchoolClass, Person]:
    cls = await teacher_class(db, teacher_id, class_id)
    member = await db.scalar(select(ClassMember).where(ClassMember.class_id == class_id,
                                                       ClassMember.person_id == student_id))
    student = await db.get(Person, student_id) if member else None
    if student is None:
        raise NotFound(NOT_FOUND)
    return cls, student


def student_name(first_name: str, initial: str = "") -> str:
    """« Léa » and « m » -> « Léa M. »: how the teacher sees the student in the class."""
    first = " ".join(first_name.split())
    letter = initial.strip().rstrip(".").strip()[:1].upper()
    return f"{first} {letter}." if letter else first


async def join(db: AsyncSession, cls: SchoolClass, student: Person, name: str = "") -> bool:
    """Add the student (consent given by the caller) under the name they gave; False when already a member."""
    if name:
        student.display_name = name
    existing = await db.scalar(select(ClassMember).where(ClassMember.class_id == cls.id,
                                                         ClassMember.person_id == student.id))
    if existing is not None:
        return False
    db.add(ClassMember(class_id=cls.id, person_id=student.id, consent_at=_now()))
    await db.flush()
    return True


async def leave(db: AsyncSession, class_id: str, student_id: str) -> bool:
    done = await db.execute(delete(ClassMember).where(ClassMember.class_id == class_id,
                                                      ClassMember.person_id == student_id))
    return done.rowcount > 0


async def student_classes(db: AsyncSession, student_id: str) -> list[SchoolClass]:
    rows = await db.scalars(select(SchoolClass).join(ClassMember, ClassMember.class_id == SchoolClass.id)
                            .where(ClassMember.person_id == student_id).order_by(SchoolClass.school_year.desc()))
    return list(rows.all())


async def add_note(db: AsyncSession, cls: SchoolClass, student: Person, kind: str, formation_id: str | None,
                   note: str) -> TeacherNote:
    row = TeacherNote(class_id=cls.id, teacher_id=cls.teacher_id, student_id=student.id, kind=kind,
                      formation_id=formation_id, note=note, created_at=_now())
    db.add(row)
    await db.flush()
    return row


async def notes_between(db: AsyncSession, class_id: str, student_id: str) -> list[TeacherNote]:
    rows = await db.scalars(select(TeacherNote).where(TeacherNote.class_id == class_id,
                                                      TeacherNote.student_id == student_id)
                            .order_by(TeacherNote.created_at.desc()))
    return list(rows.all())


@dataclass
class StudentNote:
    kind: str
    formation_id: str | None
    label: str
    note: str
    created_at: datetime


async def notes_for_student(db: AsyncSession, student_id: str, catalogue=None) -> list[StudentNote]:
    """What teachers proposed to this student, newest first (shown on /favoris)."""
    rows = await db.scalars(select(TeacherNote).where(TeacherNote.student_id == student_id)
                            .order_by(TeacherNote.created_at.desc()))
    out = []
    for n in rows.all():
        f = catalogue.formation(n.formation_id) if catalogue is not None and n.formation_id else None
        out.append(StudentNote(n.kind, n.formation_id, f.label if f else (n.formation_id or ""), n.note,
                               n.created_at))
    return out
