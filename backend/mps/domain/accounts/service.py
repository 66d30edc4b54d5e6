"""Accounts: find or create the account of an address, sign a browser in, sign it out."""
from __future__ import annotations

import secrets
from datetime import datetime, timezone

from litestar import Request
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Person
from mps.domain.accounts.merge import merge_anonymous
from mps.domain.accounts.roles import SELF_SERVICE_ROLES
from mps.web.sessions import end_session, session_person_id, start_session
from mps.domain.identity.web import anonymous_id

_FORGET_ANONYMOUS = "mps_forget_anonymous"


async def account_by_email(db: AsyncSession, email: str) -> Person | None:
    return await db.scalar(select(Person).where(Person.email == email))


async def complete_sign_in(request: Request, db: AsyncSession, email: str, role: str, provider: str) -> Person:
    """The end of every sign-in (e-mail link today, OIDC later): the account, with the device's work merged.

    A first sign-in turns the device's anonymous person into the account (same id, nothing to move);
    otherwise what the device saved anonymously is merged into the existing account.
    """
    anon_id = anonymous_id(request)
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
    start_session(request, person.id, provider)
    request.scope[_FORGET_ANONYMOUS] = True  # type: ignore[index]
    return person


def sign_out(request: Request) -> None:
    end_session(request)
    request.scope[_FORGET_ANONYMOUS] = True  # type: ignore[index]


async def signed_in_person(request: Request, db: AsyncSession) -> Person | None:
    """The signed-in account, or None (anonymous device, or an account deleted since)."""
    pid = session_person_id(request)
    if not pid:
        return None
    person = await db.get(Person, pid)
    if person is None or person.email is None:
        return None
    return person


def forget_anonymous_requested(scope) -> bool:
    return bool(scope.get(_FORGET_ANONYMOUS))
