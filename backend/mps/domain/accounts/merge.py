"""Merging the device's anonymous person into the account at sign-in: nothing is lost.

Rules: the profile is merged answer by answer (domain/profile/merge.py, docs/profile.md); marks are
united per formation / métier; on a conflict the most recent updated_at wins, except that a removal
never wins over a live mark (union of favourites). Every mark that changes owner or content gets a
new version and updated_at, so the account's other devices pick it up at sync.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import FormationMark, MetierMark, Person
from mps.domain.profile.service import merge_profile_into


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _wins(candidate, current) -> bool:
    """Whether `candidate` (from the anonymous side) should replace `current` (the account's)."""
    if candidate.deleted != current.deleted:
        return not candidate.deleted
    return _aware(candidate.updated_at) > _aware(current.updated_at)


async def _merge_marks(db: AsyncSession, model, key: str, fields: tuple[str, ...],
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
            mark.version += 1
            mark.updated_at = now
            continue
        if _wins(mark, existing):
            for name in fields:
                setattr(existing, name, getattr(mark, name))
            existing.version = max(existing.version, mark.version) + 1
            existing.updated_at = now
        await db.delete(mark)
    await db.flush()


async def merge_anonymous(db: AsyncSession, source_id: str, target_id: str) -> None:
    """Move everything the anonymous `source_id` saved into account `target_id`, then delete it."""
    source = await db.get(Person, source_id)
    if source is None or source_id == target_id or source.email is not None:
        return  # only a genuinely anonymous person is merged, never another account
    now = datetime.now(timezone.utc)
    await merge_profile_into(db, source_id, target_id)
    await _merge_marks(db, FormationMark, "formation_id", ("kind", "ambition", "places", "note", "deleted"),
                       source_id, target_id, now)
    await _merge_marks(db, MetierMark, "metier_id", ("deleted",), source_id, target_id, now)
    await db.delete(source)
    await db.flush()
