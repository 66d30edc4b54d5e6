"""Every write to a person's formation and métier marks goes through here (sync and the account merge
reuse it; no other module sets a mark's fields, version or updated_at).

Rules that offline sync relies on: each change bumps `version` and `updated_at`; a removal keeps the
row as a tombstone (`deleted=True`); adding again revives the row. A formation holds one mark:
favourite (kind favori, with ambition, chosen places and note) or « pas intéressé » (corbeille).
"""
from __future__ import annotations

from datetime import datetime, timezone

import msgspec
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import FormationMark, MetierMark
from mps.lib.errors import FieldError

KINDS = ("favori", "corbeille")
UNSET = msgspec.UNSET


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _touch(row, now: datetime | None = None) -> None:
    row.version = (row.version or 0) + 1
    row.updated_at = now or _now()


def check_places(formation, places) -> None:
    """Chosen places must be places of `formation` (a catalogue entry, None once it left): the API, the
    pages and offline sync refuse the same codes, whole (FieldError on « places »), never dropping some."""
    if places is UNSET or not places:
        return
    own = {p.cod_aff_form for p in formation.places} if formation is not None else set()
    wrong = [c for c in places if c not in own]
    if wrong:
        raise FieldError("places", not_a_place(wrong[0]))


def not_a_place(code) -> str:
    return f"{code} n'est pas un lieu de cette formation : rien n'a été enregistré."


def chosen_places(mark: FormationMark) -> list[int]:
    try:
        return [int(c) for c in mark.places or []]
    except (ValueError, TypeError):
        return []


def added(mark: FormationMark) -> list[int]:
    """The places marked « déjà ajouté sur Parcoursup » (sorted), whether still chosen or not."""
    try:
        return sorted(set(int(c) for c in mark.added_places or []))
    except (ValueError, TypeError):
        return []


async def set_places_added(db: AsyncSession, person_id: str, formation_id: str, marks: dict[int, bool]) -> bool:
    """Mark or unmark places of a live favourite as added on Parcoursup ({cod_aff_form: added}); the
    favourite's other places keep their mark. False when it is not a live favourite."""
    row = await formation_mark(db, person_id, formation_id)
    if row is None or row.deleted or row.kind != "favori":
        return False
    now = set(added(row))
    now |= {c for c, on in marks.items() if on}
    now -= {c for c, on in marks.items() if not on}
    await edit_favourite(db, person_id, formation_id, added_places=sorted(now))
    return True


async def formation_marks(db: AsyncSession, person_id: str, *, with_deleted: bool = False) -> list[FormationMark]:
    stmt = select(FormationMark).where(FormationMark.person_id == person_id)
    if not with_deleted:
        stmt = stmt.where(FormationMark.deleted.is_(False))
    return list((await db.scalars(stmt.order_by(FormationMark.position, FormationMark.id))).all())


async def metier_marks(db: AsyncSession, person_id: str, *, with_deleted: bool = False) -> list[MetierMark]:
    stmt = select(MetierMark).where(MetierMark.person_id == person_id)
    if not with_deleted:
        stmt = stmt.where(MetierMark.deleted.is_(False))
    return list((await db.scalars(stmt.order_by(MetierMark.updated_at, MetierMark.id))).all())


async def formation_mark(db: AsyncSession, person_id: str, formation_id: str) -> FormationMark | None:
    return await db.scalar(select(FormationMark).where(
        FormationMark.person_id == person_id, FormationMark.formation_id == formation_id))


async def _last_position(db: AsyncSession, person_id: str) -> int:
    return await db.scalar(select(func.max(FormationMark.position)).where(FormationMark.person_id == person_id)) or 0


def new_mark(person_id: str, formation_id: str, kind: str, position: int) -> dict:
    """A new mark's columns: set_mark's, and sync's for the plain rows it writes itself."""
    return dict(person_id=person_id, formation_id=formation_id, kind=kind, ambition=None, places=[], note="",
                deleted=False, version=1, updated_at=_now(), position=position, added_places=[],
                on_parcoursup=False, note_shared=False)


def goes_last(row, kind: str, keep_position: bool = False) -> bool:
    """Whether marking `row` (None: no mark yet) as `kind` puts it at the end of the student's list: a new mark,
    or one revived or changing kind (unless keep_position: an undo puts it back where it was)."""
    return row is None or (not keep_position and (row.deleted or row.kind != kind))


# The rules below change a mark row in place (the ORM's, or the plain rows sync reads and writes itself, issue
# 16) and say whether it changed; the async functions after them read and flush ORM rows around them.

def mark_as(row, kind: str, position: int | None) -> bool:
    """set_mark's rule on an existing row: revived, or its kind changed, at `position` (None: where it was)."""
    assert kind in KINDS
    if not (row.deleted or row.kind != kind):
        return False
    if position is not None:
        row.position = position
    row.kind, row.deleted = kind, False
    _touch(row)
    return True


def unmark(row, kind: str) -> bool:
    """remove_mark's rule: a mark of this kind becomes a tombstone."""
    if row is None or row.deleted or row.kind != kind:
        return False
    row.deleted = True
    _touch(row)
    return True


def change_fields(row, *, ambition=UNSET, places=UNSET, note=UNSET, on_parcoursup=UNSET, note_shared=UNSET,
                  added_places=UNSET, position=UNSET) -> bool:
    """edit_favourite's rule on a favourite: only the given fields (validated by the caller) change."""
    changed = False
    if ambition is not UNSET and ambition != row.ambition:
        row.ambition, changed = ambition, True
    if places is not UNSET:
        wanted = list(dict.fromkeys(int(c) for c in places))
        if wanted != row.places:
            if wanted and not chosen_places(row) and row.on_parcoursup and added_places is UNSET \
                    and on_parcoursup is UNSET:
                # Marked « déjà sur Parcoursup » before any place was chosen: the places chosen now are
                # where it was added (each wish or sub-wish holds the mark from now on).
                added_places, on_parcoursup = sorted(set(added(row)) | set(wanted)), False
            row.places, changed = wanted, True
    if note is not UNSET and note != row.note:
        row.note, changed = note, True
    if on_parcoursup is not UNSET and bool(on_parcoursup) != row.on_parcoursup:
        row.on_parcoursup, changed = bool(on_parcoursup), True
    if note_shared is not UNSET and bool(note_shared) != row.note_shared:
        row.note_shared, changed = bool(note_shared), True
    if added_places is not UNSET:
        wanted = sorted(set(int(c) for c in added_places))
        if wanted != added(row):
            row.added_places, changed = wanted, True
    if position is not UNSET and position != row.position:  # sync only: the web moves with move_favourite
        row.position, changed = position, True
    if changed:
        _touch(row)
    return changed


def keep_fields(row, *, ambition: str | None, places: list[int], note: str, on_parcoursup: bool = False,
                note_shared: bool = False, added_places: tuple[int, ...] | list[int] = ()) -> bool:
    """Set the favourite's fields on a mark that is not a favourite right now (sync: adding it back brings
    them back), without making it one as edit_favourite would."""
    wanted = (ambition, list(places), note, bool(on_parcoursup), bool(note_shared), sorted(set(added_places)))
    if (row.ambition, chosen_places(row), row.note, bool(row.on_parcoursup), bool(row.note_shared),
            added(row)) == wanted:
        return False
    row.ambition, row.places, row.note = ambition, list(places), note
    row.on_parcoursup, row.note_shared = bool(on_parcoursup), bool(note_shared)
    row.added_places = sorted(set(added_places))
    _touch(row)
    return True


async def set_mark(db: AsyncSession, person_id: str, formation_id: str, kind: str, *,
                   keep_position: bool = False) -> FormationMark:
    """Like (favori) or set aside (corbeille). Re-adding a removed mark revives it (at the end of the
    list, or where it was with keep_position: an undo); the latest kind wins."""
    assert kind in KINDS
    row = await formation_mark(db, person_id, formation_id)
    position = await _last_position(db, person_id) + 1 if goes_last(row, kind, keep_position) else None
    if row is None:
        row = FormationMark(**new_mark(person_id, formation_id, kind, position))
        db.add(row)
    else:
        mark_as(row, kind, position)
    await db.flush()
    return row


async def add_marks(db: AsyncSession, person_id: str, favoris: list[str], corbeille: list[str]) -> None:
    """A profile document's lists as marks (PUT /api/v1/profile): each added, none removed."""
    for formation_id in favoris:
        await set_mark(db, person_id, formation_id, "favori")
    for formation_id in corbeille:
        await set_mark(db, person_id, formation_id, "corbeille")


async def move_favourite(db: AsyncSession, person_id: str, formation_id: str, step: int) -> bool:
    """Move a live favourite `step` places up (negative) or down in the student's own order."""
    favs = [m for m in await formation_marks(db, person_id) if m.kind == "favori"]
    ids = [m.formation_id for m in favs]
    if formation_id not in ids:
        return False
    i = ids.index(formation_id)
    j = min(max(i + step, 0), len(favs) - 1)
    if i == j:
        return False
    favs.insert(j, favs.pop(i))
    for rank, mark in enumerate(favs, start=1):  # renumber: positions stay small and unique
        if mark.position != rank:
            mark.position = rank
            _touch(mark)  # other devices learn the new order at their next sync
    await db.flush()
    return True


async def remove_mark(db: AsyncSession, person_id: str, formation_id: str, kind: str) -> bool:
    """Undo a mark of this kind (remove a favourite, restore from « pas intéressé »): a tombstone stays."""
    removed = unmark(await formation_mark(db, person_id, formation_id), kind)
    await db.flush()
    return removed


async def edit_favourite(db: AsyncSession, person_id: str, formation_id: str, **fields) -> FormationMark:
    """Make it a favourite if needed, then change only the given fields (change_fields)."""
    row = await set_mark(db, person_id, formation_id, "favori")
    change_fields(row, **fields)
    await db.flush()
    return row


async def set_metier(db: AsyncSession, person_id: str, metier_id: str, keep: bool) -> MetierMark | None:
    """Keep a métier in mind (keep=True) or let it go (tombstone)."""
    row = await db.scalar(select(MetierMark).where(MetierMark.person_id == person_id,
                                                   MetierMark.metier_id == metier_id))
    if row is None:
        if not keep:
            return None
        row = MetierMark(person_id=person_id, metier_id=metier_id, deleted=False, version=1, updated_at=_now())
        db.add(row)
    elif row.deleted == keep:
        row.deleted = not keep
        _touch(row)
    await db.flush()
    return row


def _wins(candidate, current) -> bool:
    """Whether `candidate` (from the anonymous side) should replace `current` (the account's)."""
    if candidate.deleted != current.deleted:
        return not candidate.deleted
    return candidate.updated_at > current.updated_at


async def _move_marks(db: AsyncSession, model, key: str, fields: tuple[str, ...],
                      source_id: str, target_id: str, now: datetime) -> None:
    theirs = {getattr(m, key): m for m in (await db.scalars(select(model).where(model.person_id == target_id)))}
    last = max((getattr(m, "position", 0) for m in theirs.values()), default=0)
    for mark in (await db.scalars(select(model).where(model.person_id == source_id)
                                  .order_by(*([model.position] if hasattr(model, "position") else []), model.id))).all():
        existing = theirs.get(getattr(mark, key))
        if existing is None:
            mark.person_id = target_id
            if hasattr(mark, "position"):  # the device's favourites come after the account's, in their order
                last += 1
                mark.position = last
            _touch(mark, now)
            continue
        if _wins(mark, existing):
            for name in fields:
                setattr(existing, name, getattr(mark, name))
            existing.version = max(existing.version, mark.version)
            _touch(existing, now)
        await db.delete(mark)
    await db.flush()


async def move_marks(db: AsyncSession, source_id: str, target_id: str) -> None:
    """Unite `source_id`'s marks into `target_id`'s (signing in merges a device's anonymous person).

    Per formation / métier the most recent updated_at wins, except that a removal never wins over a live
    mark (union of favourites). Every mark that changes owner or content gets a new version and
    updated_at, so the account's other devices pick it up at sync."""
    now = _now()
    await _move_marks(db, FormationMark, "formation_id", ("kind", "ambition", "places", "note", "deleted",
                                                          "on_parcoursup", "note_shared", "added_places"),
                      source_id, target_id, now)
    await _move_marks(db, MetierMark, "metier_id", ("deleted",), source_id, target_id, now)
