"""Announcements edited in the back-office, shown on every page (cached ~30 s per database).

Templates render synchronously and cannot await a query, so pages read `cached_announcements(request)`:
it returns what the cache holds and, when that is older than CACHE_S, refreshes it in the background.
An announcement therefore appears (or disappears) within about 30 s, without a query per page.
"""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timezone

from mps.admin.db import piccolo_engine, use_engine
from mps.admin.tables import Announcement
from mps.web.outage import DATABASE, is_database_outage

log = logging.getLogger(__name__)
CACHE_S = 30
MAX_SHOWN = 3


@dataclass(frozen=True)
class AnnouncementView:
    id: int
    title: str
    body: str
    level: str  # info | warning


_cache: dict[str, tuple[float, list[AnnouncementView]]] = {}  # database URL -> (fetched at, items)
_refreshing: dict[str, asyncio.Task] = {}


async def _fetch(url: str) -> list[AnnouncementView]:
    now = datetime.now(timezone.utc)
    a = Announcement
    with use_engine(piccolo_engine(url)):
        rows = await a.select(a.id, a.title, a.body, a.level).where(
            (a.active == True) & (a.starts_at <= now) & (a.ends_at.is_null() | (a.ends_at > now))  # noqa: E712
        ).order_by(a.starts_at, ascending=False).limit(MAX_SHOWN)
    return [AnnouncementView(r["id"], r["title"], r["body"], r["level"] if r["level"] == "warning" else "info")
            for r in rows]


async def active_announcements(app, max_age_s: float = CACHE_S) -> list[AnnouncementView]:
    """Current announcements of this app's database, at most max_age_s old."""
    url = app.state.settings.database.url
    fetched_at, items = _cache.get(url, (float("-inf"), []))
    if time.monotonic() - fetched_at < max_age_s:
        return items
    try:
        items = await _fetch(url)
    except Exception as exc:  # noqa: BLE001 - a back-office hiccup must never break a page
        if is_database_outage(exc):
            DATABASE.failed(exc)  # once per outage
        else:
            log.exception("could not load announcements")
    _cache[url] = (time.monotonic(), items)
    return items


def cached_announcements(request) -> list[AnnouncementView]:
    """For templates: never waits; schedules a refresh when the cache is stale."""
    app = request.app
    url = app.state.settings.database.url
    fetched_at, items = _cache.get(url, (float("-inf"), []))
    if time.monotonic() - fetched_at >= CACHE_S and url not in _refreshing:
        try:
            task = asyncio.get_running_loop().create_task(active_announcements(app))
        except RuntimeError:  # no loop (rendered outside a request): show what we have
            return items
        _refreshing[url] = task
        task.add_done_callback(lambda _t: _refreshing.pop(url, None))
    return items


def forget_cache() -> None:
    """Tests and the back-office: the next read goes to the database."""
    _cache.clear()
