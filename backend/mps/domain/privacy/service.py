"""Personal data: everything we hold about a person, as one JSON document; and deleting it all.

Deleting the person row removes the rest through ON DELETE CASCADE: profile, marks, family links,
class memberships, notes received or written, classes taught (and their memberships), sync state.
The test in tests/integration/privacy checks every table holding a person_id is emptied.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import (ClassMember, FamilyLink, FormationMark, MetierMark, Person, Profile, SchoolClass,
                           TeacherNote)


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).isoformat()


async def export(db: AsyncSession, person_id: str) -> dict:
    person = await db.get(Person, person_id)
    if person is None:
        return {"compte": None}
    profile = await db.get(Profile, person_id)
    marks = (await db.scalars(select(FormationMark).where(FormationMark.person_id == person_id))).all()
    metiers = (await db.scalars(select(MetierMark).where(MetierMark.person_id == person_id))).all()
    links = (await db.scalars(select(FamilyLink).where(FamilyLink.person_id == person_id))).all()
    joined = (await db.execute(select(SchoolClass, ClassMember.consent_at)
                               .join(ClassMember, ClassMember.class_id == SchoolClass.id)
                               .where(ClassMember.person_id == person_id))).all()
    taught = (await db.scalars(select(SchoolClass).where(SchoolClass.teacher_id == person_id))).all()
    notes = (await db.scalars(select(TeacherNote).where(
        or_(TeacherNote.student_id == person_id, TeacherNote.teacher_id == person_id)))).all()
    return {
        "exporte_le": _iso(datetime.now(timezone.utc)),
        "compte": {"id": person.id, "email": person.email, "role": person.role, "nom": person.display_name,
                   "cree_le": _iso(person.created_at)},
        "profil": json.loads(profile.data) if profile else None,
        "profil_modifie_le": _iso(profile.updated_at) if profile else None,
        "formations": [{"formation_id": m.formation_id, "type": m.kind, "ambition": m.ambition,
                        "lieux": json.loads(m.places or "[]"), "note": m.note, "supprime": m.deleted,
                        "version": m.version, "modifie_le": _iso(m.updated_at)} for m in marks],
        "metiers": [{"metier_id": m.metier_id, "supprime": m.deleted, "modifie_le": _iso(m.updated_at)}
                    for m in metiers],
        "liens_famille": [{"id": link.id, "libelle": link.label, "email": link.email, "cree_le": _iso(link.created_at),
                           "expire_le": _iso(link.expires_at), "desactive_le": _iso(link.revoked_at),
                           "dernier_acces": _iso(link.last_used_at)} for link in links],
        "classes_rejointes": [{"classe": c.label, "annee": c.school_year, "lycee": c.lycee_name,
                               "accord_donne_le": _iso(at)} for c, at in joined],
        "classes_enseignees": [{"id": c.id, "classe": c.label, "annee": c.school_year, "lycee": c.lycee_name}
                               for c in taught],
        "messages_enseignants": [{"type": n.kind, "formation_id": n.formation_id, "note": n.note,
                                  "recu": n.student_id == person_id, "le": _iso(n.created_at)} for n in notes],
    }


async def delete_person(db: AsyncSession, person_id: str) -> bool:
    """Remove the person and, by cascade, everything about them. True when something was deleted."""
    # Explicit deletes first: they do not depend on the database enforcing cascades.
    await db.execute(delete(TeacherNote).where(or_(TeacherNote.student_id == person_id,
                                                   TeacherNote.teacher_id == person_id)))
    await db.execute(delete(ClassMember).where(ClassMember.person_id == person_id))
    await db.execute(delete(FamilyLink).where(FamilyLink.person_id == person_id))
    done = await db.execute(delete(Person).where(Person.id == person_id))
    return done.rowcount > 0
