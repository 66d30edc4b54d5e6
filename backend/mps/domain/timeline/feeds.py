"""Calendar feeds: a signed, revocable URL per feed. The URL carries the feed id signed with itsdangerous
(no guessing, no forging); the row says whether it still works (revoked, or deleted with the account)."""
from __future__ import annotations

import secrets
from datetime import datetime, timezone

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import CalendarFeed
from mps.lib.errors import NotFound

_SALT = "calendar-feed"
MAX_FEEDS = 5


def _now() -> datetime:
    return datetime.now(timezone.utc)


def feed_token(secret_key: str, feed: CalendarFeed) -> str:
    return URLSafeSerializer(secret_key, salt=_SALT).dumps(feed.id)


def feed_url(origin: str, secret_key: str, feed: CalendarFeed) -> str:
    return f"{origin}/agenda/{feed_token(secret_key, feed)}.ics"


async def live_feeds(db: AsyncSession, person_id: str) -> list[CalendarFeed]:
    rows = await db.scalars(select(CalendarFeed).where(CalendarFeed.person_id == person_id,
                                                       CalendarFeed.revoked_at.is_(None))
                            .order_by(CalendarFeed.created_at))
    return list(rows.all())


async def create_feed(db: AsyncSession, person_id: str) -> CalendarFeed:
    """A new feed; at most MAX_FEEDS live ones (the oldest is revoked to make room)."""
    live = await live_feeds(db, person_id)
    for old in live[: max(0, len(live) - MAX_FEEDS + 1)]:
        old.revoked_at = _now()
    feed = CalendarFeed(id=secrets.token_hex(12), person_id=person_id, created_at=_now())
    db.add(feed)
    await db.flush()
    return feed


async def revoke_feed(db: AsyncSession, person_id: str, feed_id: str) -> None:
    feed = await db.get(CalendarFeed, feed_id)
    if feed is None or feed.person_id != person_id:
        raise NotFound("Ce lien d'agenda n'existe pas.")
    if feed.revoked_at is None:
        feed.revoked_at = _now()
    await db.flush()


async def open_feed(db: AsyncSession, secret_key: str, token: str) -> CalendarFeed | None:
    """The live feed behind a token, or None (tampered, unknown, revoked)."""
    try:
        feed_id = URLSafeSerializer(secret_key, salt=_SALT).loads(token)
    except BadSignature:
        return None
    feed = await db.get(CalendarFeed, feed_id) if isinstance(feed_id, str) else None
    if feed is None or feed.revoked_at is not None:
        return None
    feed.last_used_at = _now()
    return feed
