"""Merging the device's anonymous person into the account at sign-in: nothing is lost.

The profile is merged answer by answer (domain/profile/merge.py, docs/profile.md); marks are united
by the favourites service (`move_marks`: the one place that writes marks).
"""
from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Person
from mps.domain.favourites.service import move_marks
from mps.domain.profile.service import merge_profile_into


async def merge_anonymous(db: AsyncSession, source_id: str, target_id: str) -> None:
    """Move everything the anonymous `source_id` saved into account `target_id`, then delete it."""
    source = await db.get(Person, source_id)
    if source is None or source_id == target_id or source.email is not None:
        return  # only a genuinely anonymous person is merged, never another account
    await merge_profile_into(db, source_id, target_id)
    await move_marks(db, source_id, target_id)
    await db.delete(source)
    await db.flush()
