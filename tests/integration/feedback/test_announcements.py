"""Announcements written in the back-office show up as DSFR notices while they are current."""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

from jinja2 import Environment, FileSystemLoader

from mps.admin.announcements import active_announcements, cached_announcements, forget_cache
from mps.admin.db import piccolo_engine, use_engine
from mps.admin.tables import Announcement
from tests.conftest import ROOT

NOW = datetime.now(timezone.utc)


def add(url: str, **fields) -> None:
    async def go():
        with use_engine(piccolo_engine(url)):
            await Announcement.insert(Announcement(**fields))
    asyncio.run(go())


def fake_app(url: str):
    return SimpleNamespace(state=SimpleNamespace(settings=SimpleNamespace(database=SimpleNamespace(url=url))))


def test_only_current_active_announcements_are_shown(empty_db):
    add(empty_db, title="Maintenance ce soir", level="warning", starts_at=NOW - timedelta(hours=1))
    add(empty_db, title="Brouillon", active=False, starts_at=NOW - timedelta(hours=1))
    add(empty_db, title="Finie", starts_at=NOW - timedelta(days=2), ends_at=NOW - timedelta(days=1))
    add(empty_db, title="Pas encore", starts_at=NOW + timedelta(days=1))
    add(empty_db, title="Jusqu'à demain", starts_at=NOW - timedelta(days=1), ends_at=NOW + timedelta(days=1))
    forget_cache()
    shown = asyncio.run(active_announcements(fake_app(empty_db)))
    assert [(a.title, a.level) for a in shown] == [("Maintenance ce soir", "warning"), ("Jusqu'à demain", "info")]


def test_pages_never_wait_for_the_database_and_catch_up_shortly(empty_db):
    add(empty_db, title="Nouveau", starts_at=NOW - timedelta(minutes=1))
    forget_cache()
    request = SimpleNamespace(app=fake_app(empty_db))

    async def two_renders():
        first = cached_announcements(request)  # stale cache: returns at once, refreshes in the background
        await asyncio.sleep(0)
        while any(not t.done() for t in asyncio.all_tasks() if t is not asyncio.current_task()):
            await asyncio.sleep(0.01)
        return first, cached_announcements(request)

    first, second = asyncio.run(two_renders())
    assert first == [] and [a.title for a in second] == ["Nouveau"]


def test_partial_renders_dsfr_notices_and_escapes_text(empty_db):
    add(empty_db, title="<b>Grève</b>", body="Le service reste ouvert.", level="warning",
        starts_at=NOW - timedelta(minutes=1))
    forget_cache()
    items = asyncio.run(active_announcements(fake_app(empty_db)))
    env = Environment(loader=FileSystemLoader(ROOT / "frontend" / "templates"), autoescape=True)
    env.globals["announcements"] = lambda request: items
    html = env.get_template("admin/_announcements.html").render(request=object())
    assert 'class="fr-notice fr-notice--warning"' in html
    assert "&lt;b&gt;Grève&lt;/b&gt;" in html and "Le service reste ouvert." in html
    assert env.get_template("admin/_announcements.html").render().strip() == ""  # not wired: nothing
