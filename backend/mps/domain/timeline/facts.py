"""What the timeline needs to know of students, read in a few queries for one person or for everyone."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import ClassMember, FormationMark, Lycee, Person, Profile, SchoolClass
from mps.db.models.stage_applications import StageApplication
from mps.domain.profile.completeness import completeness
from mps.domain.timeline.data import CLASSES
from mps.domain.timeline.tasks import StudentFacts
from mps.domain.timeline.zones import PARIS, METROPOLE, zone_of_code, zone_of_town
from mps.lib.school_calendar import school_year_of, seconde_stage_covered

def _document(data: dict | None) -> dict:
    return data if isinstance(data, dict) else {}


def _first_town(doc: dict) -> str | None:
    villes = doc.get("villes")
    if isinstance(villes, list) and villes and isinstance(villes[0], dict):
        nom = villes[0].get("nom")
        return nom if isinstance(nom, str) else None
    return None


def _has_places(places: list | None) -> bool:
    return bool(places) and isinstance(places, list)


async def read_facts(db: AsyncSession, person_ids: list[str] | None = None,
                     today: date | None = None) -> dict[str, StudentFacts]:
    """Facts of the given people, or of every lycéen with a profile or a class when person_ids is None."""
    def only(query, column):
        return query.where(column.in_(person_ids)) if person_ids is not None else query

    profiles = {pid: _document(data) for pid, data in
                (await db.execute(only(select(Profile.person_id, Profile.data), Profile.person_id))).all()}
    favourites: dict[str, list[bool]] = {}
    for pid, places in (await db.execute(only(
            select(FormationMark.person_id, FormationMark.places)
            .where(FormationMark.kind == "favori", FormationMark.deleted.is_(False)), FormationMark.person_id))).all():
        favourites.setdefault(pid, []).append(_has_places(places))
    classes: dict[str, list[tuple[str, str | None]]] = {}
    for pid, class_id, postcode in (await db.execute(only(
            select(ClassMember.person_id, ClassMember.class_id, Lycee.postcode)
            .join(SchoolClass, SchoolClass.id == ClassMember.class_id)
            .outerjoin(Lycee, Lycee.uai == SchoolClass.lycee_uai), ClassMember.person_id))).all():
        classes.setdefault(pid, []).append((class_id, postcode))
    placed = await _stage_placed(db, only, today or datetime.now(PARIS).date())
    ids = set(profiles) | set(classes)
    if person_ids is None and ids:  # everyone: only students (teachers and families get no student timeline)
        ids = set((await db.scalars(select(Person.id).where(Person.role == "lyceen"))).all()) & ids
    elif person_ids is not None:
        ids = set(person_ids)
    facts = {}
    for pid in ids:
        doc = profiles.get(pid, {})
        classe = doc.get("classe") if doc.get("classe") in CLASSES else None
        memberships = classes.get(pid, [])
        zone = zone_of_town(_first_town(doc))
        if zone is None:
            zone = next((zone_of_code(pc) for _, pc in memberships if pc), METROPOLE)
        favs = favourites.get(pid, [])
        facts[pid] = StudentFacts(person_id=pid, classe=classe, zone=zone, completeness=completeness(doc),
                                  favourites=len(favs), with_places=sum(favs),
                                  class_ids=tuple(sorted(c for c, _ in memberships)), stage_placed=pid in placed)
    return facts


async def _stage_placed(db: AsyncSession, only, today: date) -> set[str]:
    """Students whose confirmed seconde stage periods of this school year cover both weeks."""
    periods: dict[str, list[str]] = {}
    for pid, code in (await db.execute(only(
            select(StageApplication.student_id, StageApplication.period_code)
            .where(StageApplication.status == "confirmed",
                   StageApplication.school_year == school_year_of(today) + 1), StageApplication.student_id))).all():
        periods.setdefault(pid, []).append(code)
    return {pid for pid, codes in periods.items() if seconde_stage_covered(codes)}
