"""Accounts: find or create the account of an address, with what the device saved anonymously merged in."""
from __future__ import annotations

import secrets
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Person
from mps.domain.accounts.merge import merge_anonymous
from mps.domain.accounts.roles import SELF_SERVICE_ROLES


async def account_by_email(db: AsyncSession, email: str) -> Person | None:
    return await db.scalar(select(Person).where(Person.email == email))


async def sign_in_account(db: AsyncSession, email: str, role: str, anon_id: str | None) -> Person:
    """The end of every sign-in (e-mail link today, OIDC later): the account, with the device's work merged.

    A first sign-in turns the device's anonymous person into the account (same id, nothing to move);
    otherwise what the device saved anonymously is merged into the existing account.
    """
    anon = await db.get(Person, anon_id) if anon_id else None
    if anon is not None and anon.email is not None:
        anon = None  # the cookie names an account, not an anonymous device: never merge accounts
    person = await account_by_email(db, email)
    if person is None:
        if anon is not None:
            person, anon = anon, None
            person.email = email
        else:
            person = Person(id=secrets.token_hex(16), created_at=datetime.now(timezone.utc), email=email)
            db.add(person)
        person.role = role if role in SELF_SERVICE_ROLES else "lyceen"
    if anon is not None:
        await merge_anonymous(db, anon.id, person.id)
    await db.flush()
    return person


async def account(db: AsyncSession, person_id: str | None) -> Person | None:
    """The account of a person id, or None (no id, an anonymous person, or an account deleted since)."""
    person = await db.get(Person, person_id) if person_id else None
    return person if person is not None and person.email is not None else None
