"""An announcement written in the back-office shows on every page; an expired one does not."""
import asyncio
from datetime import datetime, timedelta, timezone

from litestar.testing import TestClient

from mps.admin.announcements import active_announcements
from mps.admin.db import piccolo_engine, use_engine
from mps.admin.tables import Announcement
from mps.asgi import create_app
from tests.integration.admin.backoffice import app_settings


def add(url: str, title: str, ends_at=None) -> None:
    async def go():
        with use_engine(piccolo_engine(url)):
            await Announcement.insert(Announcement(
                title=title, body="Les vœux s'ouvrent bientôt.", level="info", active=True,
                starts_at=datetime.now(timezone.utc) - timedelta(hours=1), ends_at=ends_at))
    asyncio.run(go())


def test_current_announcement_is_on_pages_and_expired_one_is_not(empty_db, tmp_path):
    add(empty_db, "Parcoursup ouvre le 15 janvier")
    add(empty_db, "Annonce périmée", ends_at=datetime.now(timezone.utc) - timedelta(minutes=5))
    app = create_app(app_settings(empty_db, tmp_path))
    with TestClient(app=app) as client:
        with client.portal() as portal:
            portal.call(active_announcements, app, 0)
        html = client.get("/sources").text
    assert "Parcoursup ouvre le 15 janvier" in html and "fr-notice" in html
    assert "Annonce périmée" not in html
