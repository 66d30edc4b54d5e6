"""Family links: signed, expiring, revocable, read-only.

The URL carries the link id signed with itsdangerous (no guessing, no forging); the row decides
whether it still works (not revoked, not expired). A link shows one student, the one who made it.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone
from enum import Enum

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import FamilyLink, Person
from mps.lib.errors import NotFound

_SALT = "family-link"
DURATIONS = {7: "1 semaine", 30: "1 mois", 90: "3 mois", 365: "1 an"}


class LinkState(Enum):
    OK = "ok"
    UNKNOWN = "unknown"  # not a link of ours (tampered, or deleted with the account)
    REVOKED = "revoked"
    EXPIRED = "expired"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def link_token(secret_key: str, link: FamilyLink) -> str:
    return URLSafeSerializer(secret_key, salt=_SALT).dumps(link.id)


def link_url(origin: str, secret_key: str, link: FamilyLink) -> str:
    """`origin`: mps.web.links.page_origin or mail_origin of the request."""
    return f"{origin}/partage/{link_token(secret_key, link)}"


async def create_link(db: AsyncSession, person: Person, label: str, days: int, email: str | None) -> FamilyLink:
    now = _now()
    link = FamilyLink(id=secrets.token_hex(12), person_id=person.id, label=label[:80], email=email,
                      created_at=now, expires_at=now + timedelta(days=days))
    db.add(link)
    await db.flush()
    return link


async def links_of(db: AsyncSession, person_id: str) -> list[FamilyLink]:
    rows = await db.scalars(select(FamilyLink).where(FamilyLink.person_id == person_id)
                            .order_by(FamilyLink.created_at.desc()))
    return list(rows.all())


def state_of(link: FamilyLink | None) -> LinkState:
    if link is None:
        return LinkState.UNKNOWN
    if link.revoked_at is not None:
        return LinkState.REVOKED
    if link.expires_at <= _now():
        return LinkState.EXPIRED
    return LinkState.OK


async def open_link(db: AsyncSession, secret_key: str, token: str) -> tuple[LinkState, FamilyLink | None]:
    try:
        link_id = URLSafeSerializer(secret_key, salt=_SALT).loads(token)
    except BadSignature:
        return LinkState.UNKNOWN, None
    link = await db.get(FamilyLink, link_id) if isinstance(link_id, str) else None
    state = state_of(link)
    if state is LinkState.OK:
        link.last_used_at = _now()
        return state, link
    return state, None


async def revoke(db: AsyncSession, person_id: str, link_id: str) -> None:
    link = await db.get(FamilyLink, link_id)
    if link is None or link.person_id != person_id:
        raise NotFound("Ce lien n'existe pas.")
    if link.revoked_at is None:
        link.revoked_at = _now()
    await db.flush()
