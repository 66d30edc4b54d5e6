"""End to end: the timeline's due reminders reach a student's phone through the scheduler, once; and the
app's start-up hook runs passes in the server process (embedded default)."""
from __future__ import annotations

import dataclasses
import secrets
import time
from datetime import datetime, timedelta, timezone

from mps.db.models import FormationMark, Person, Profile
from mps.domain.reminders import runner, service
from mps.domain.timeline.reminders import due_reminders
from tests.conftest import settings_for
from tests.integration.accounts.fixtures import run_db
from tests.integration.reminders.helpers import Harness, Source, due

NOW = datetime(2027, 3, 4, 16, 30, tzinfo=timezone.utc)  # Thursday 4 March 2027, 17:30 in Paris
T0 = datetime(2026, 9, 1, tzinfo=timezone.utc)
STUDENT = {"classe": "terminale", "bac": "G", "specialites": ["Maths"], "interets": ["x"], "metiers": ["MET_1"],
           "duree": "longue", "alternance": "indifferent", "villes": [{"nom": "Lille (59)", "lat": 50.6, "lon": 3.0}]}


async def test_timeline_reminder_reaches_the_phone_once(empty_db, vapid_keys, push_service):
    h = Harness(empty_db, vapid_keys, due_reminders)
    try:
        phone = push_service.device()
        pid = await h.person([phone])
        async with h.sessionmaker() as db:
            db.add(Profile(person_id=pid, data=STUDENT, updated_at=T0))
            for i in range(3):
                db.add(FormationMark(person_id=pid, formation_id=f"f{i}", kind="favori", places=[1], updated_at=T0))
            await db.commit()
        await h.scheduler.run_pass(NOW)
        await h.scheduler.run_pass(NOW + timedelta(minutes=1))
        voeux = [r for r in phone.received if r.doc["kind"] == "parcoursup"]
        assert len(voeux) == 1 and len({r.doc["tag"] for r in phone.received}) == len(phone.received)
        assert voeux[0].doc["body"].startswith("Dans 7 jours") and voeux[0].doc["url"].startswith("/etapes")
        assert voeux[0].headers["urgency"] == "high" and not push_service.errors
    finally:
        await h.close()


def test_app_runs_passes_in_process(catalogue_db, tmp_path, push_service, monkeypatch):
    """The area's start-up hook starts a pass loop (no server to install) that sends, and stops with the app."""
    from litestar.testing import TestClient

    from mps.asgi import create_app

    phone = push_service.device()
    base = settings_for(catalogue_db, tmp_path)
    settings = dataclasses.replace(base, push=dataclasses.replace(base.push, jobs="inprocess", interval_s=0.2))
    source = Source()
    monkeypatch.setattr(runner, "timeline_source", lambda: source)
    with TestClient(app=create_app(settings)) as client:
        pid = secrets.token_hex(16)

        async def seed(db):
            db.add(Person(id=pid, created_at=T0, role="lyceen"))
            await db.flush()
            await service.subscribe(db, pid, phone.endpoint, phone.p256dh, phone.auth_b64, "test", allow_local=True)
            # No quiet hours: the test must pass at any time of day.
            await service.save_choices(db, pid, ["parcoursup"], "00:00", "00:00", "Europe/Paris", False)

        run_db(catalogue_db, seed)
        source.reminders = [dataclasses.replace(due(pid), key=f"loop-{pid}")]
        deadline = time.monotonic() + 10
        while not phone.received and time.monotonic() < deadline:
            time.sleep(0.1)
    assert [r.doc["title"] for r in phone.received] == ["Tes vœux Parcoursup"]
