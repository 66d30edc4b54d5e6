"""Every saved thing belongs to a Person; a visitor without an account gets an anonymous one on their first save."""
from __future__ import annotations

import secrets
from datetime import datetime, timezone

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Person


_EXISTS = select(Person.id).where(Person.id == bindparam("pid"))  # built once


async def person_exists(db: AsyncSession, person_id: str) -> bool:
    """Every anonymous write asks: its id alone, not an ORM row the session would then hold (and have to close)."""
    return (await db.execute(_EXISTS, {"pid": person_id})).first() is not None


async def new_anonymous_person(db: AsyncSession) -> str:
    """A new anonymous Person (role lycéen); its id is what the device's signed cookie will carry."""
    pid = secrets.token_hex(16)
    db.add(Person(id=pid, created_at=datetime.now(timezone.utc), role="lyceen"))
    await db.flush()
    return pid
