"""Marks follow their formation when its id changes (twins merged into one filière, a relabelled formation).

Called by the catalogue import, in its transaction, with the aliases it recorded (old id -> new id).
A mark on an old id is merged into the person's mark on the new id and the old one becomes a
tombstone, so offline devices drop the old id and fetch the merged mark at their next sync (both
rows get a new version). Nothing a student wrote is lost: two notes are kept one after the other,
chosen places are united, a live favourite wins over a removal or « pas intéressé ».
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import FormationMark, TeacherNote
from mps.domain.favourites.schemas import MAX_PLACES
from mps.domain.favourites.service import added, chosen_places


def _rank(mark: FormationMark) -> int:
    """Which membership wins a merge: a live favourite, then a live « pas intéressé », then a removal."""
    return 0 if mark.deleted else 2 if mark.kind == "favori" else 1


def _notes(first: str, second: str) -> str:
    first, second = first or "", second or ""
    if not second.strip() or second.strip() in first:
        return first
    if not first.strip() or first.strip() in second:
        return second
    return f"{first}\n\n{second}"


def _merge_into(target: FormationMark, mark: FormationMark) -> None:
    if _rank(mark) > _rank(target):
        target.kind, target.deleted = mark.kind, mark.deleted
    target.ambition = target.ambition or mark.ambition
    places = list(dict.fromkeys(chosen_places(target) + chosen_places(mark)))[:MAX_PLACES]
    target.places = places
    target.note = _notes(target.note, mark.note)
    target.on_parcoursup = bool(target.on_parcoursup or mark.on_parcoursup)
    target.added_places = sorted(set(added(target)) | set(added(mark)))
    target.note_shared = bool(target.note_shared and mark.note_shared)  # shared only if both were


async def _on_old_ids(db: AsyncSession, model, aliases: dict[str, str], *where) -> list:
    ids, out = list(aliases), []
    for i in range(0, len(ids), 500):  # SQLite caps the number of bound values of one statement
        out += (await db.scalars(select(model).where(model.formation_id.in_(ids[i:i + 500]), *where))).all()
    return out


async def follow_aliases(db: AsyncSession, aliases: dict[str, str]) -> int:
    """Move every mark and teacher proposal on an old id to its formation; returns the marks moved."""
    if not aliases:
        return 0
    now = datetime.now(timezone.utc)
    old_marks = await _on_old_ids(db, FormationMark, aliases, FormationMark.deleted.is_(False))
    old_marks.sort(key=lambda m: (m.updated_at, m.id))
    for mark in old_marks:
        new_id = aliases[mark.formation_id]
        target = await db.scalar(select(FormationMark).where(
            FormationMark.person_id == mark.person_id, FormationMark.formation_id == new_id))
        if target is None:
            target = FormationMark(person_id=mark.person_id, formation_id=new_id, kind=mark.kind,
                                   ambition=mark.ambition, places=list(mark.places or []), note=mark.note,
                                   on_parcoursup=mark.on_parcoursup, note_shared=mark.note_shared,
                                   added_places=added(mark),
                                   deleted=False, version=0, updated_at=now)
            db.add(target)
        else:
            _merge_into(target, mark)
        target.version, target.updated_at = (target.version or 0) + 1, now
        mark.deleted, mark.version, mark.updated_at = True, mark.version + 1, now
        await db.flush()
    for note in await _on_old_ids(db, TeacherNote, aliases):
        note.formation_id = aliases[note.formation_id]
    await db.flush()
    return len(old_marks)
