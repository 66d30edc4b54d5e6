"""Every saved thing belongs to a Person; a visitor without an account gets an anonymous one on their first save."""
from __future__ import annotations

import secrets
from datetime import datetime, timezone

from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Person


async def person_exists(db: AsyncSession, person_id: str) -> bool:
    return await db.get(Person, person_id) is not None


async def new_anonymous_person(db: AsyncSession) -> str:
    """A new anonymous Person (role lycéen); its id is what the device's signed cookie will carry."""
    pid = secrets.token_hex(16)
    db.add(Person(id=pid, created_at=datetime.now(timezone.utc), role="lyceen"))
    await db.flush()
    return pid
