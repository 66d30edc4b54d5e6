"""The applications' timed work on the reminders' runner (SQLite and PostgreSQL): pushes to the student's
phone for each answer (once per device, not by e-mail a second time), the e-mail and push reminder 48 h
before an acceptance expires (once, even with a second pass), then the expiry itself with its e-mail."""
from __future__ import annotations

from datetime import timedelta

import aiohttp

from mps.db.engine import make_engine, make_sessionmaker
from mps.db.models import StageApplication
from mps.domain.accounts.mail import read_outbox
from mps.domain.reminders import service as reminders
from mps.domain.reminders.runner import build_scheduler
from mps.domain.reminders.sender import push_session
from mps.domain.stages.applications import service as applications
from mps.domain.stages.applications.service import Actor
from tests.conftest import settings_for
from tests.integration.reminders.conftest import push_service, vapid_keys  # noqa: F401 (fixtures)
from tests.integration.stages.application_helpers import apply_to, offer_with, student
from tests.integration.stages.helpers import clock, employer_org


async def test_pushes_reminder_and_expiry(empty_db, board, geocoder, tmp_path, push_service, vapid_keys):  # noqa: F811
    settings = settings_for(empty_db, tmp_path)
    engine = make_engine(empty_db)
    sessionmaker = make_sessionmaker(engine)
    client = push_session(aiohttp.ClientTimeout(total=2.0))
    phone = push_service.device()
    try:
        async with sessionmaker() as db:
            boss, org = await employer_org(db)
            offer = await offer_with(db, board, geocoder, org)
            ines = await student(db)
            ines.email = "ines.b@exemple.fr"
            await reminders.subscribe(db, ines.id, phone.endpoint, phone.p256dh, phone.auth_b64, "test",
                                      allow_local=True)
            # E-mail reminders chosen, no quiet hours: the stage pushes must still not come by e-mail twice.
            await reminders.save_choices(db, ines.id, ["stage"], "00:00", "00:00", "Europe/Paris", True)
            application = await apply_to(db, ines, offer)
            await applications.move(db, application, "accept", Actor("employer", boss.id), clock()[0])
            await db.commit()
            accepted_at = application.decided_at
        scheduler = build_scheduler(settings, sessionmaker, client, keys=vapid_keys)

        await scheduler.run_pass(accepted_at + timedelta(minutes=1))
        await scheduler.run_pass(accepted_at + timedelta(minutes=2))
        assert [r.doc["title"] for r in phone.received] == ["Candidature acceptée"]
        assert phone.received[0].doc["url"] == "/stages/candidatures"
        assert read_outbox(settings) == []  # the acceptance's e-mail is sent by the page, not by the runner

        day5 = accepted_at + timedelta(days=5, hours=12)
        await scheduler.run_pass(day5)
        await scheduler.run_pass(day5 + timedelta(minutes=1))
        assert [r.doc["title"] for r in phone.received][1:] == ["Confirme ton stage"]
        mails = read_outbox(settings)
        assert [(m["to"], m["subject"]) for m in mails] == [("ines.b@exemple.fr", "Ton stage : confirme ton stage")]
        assert "confirme-la avant le" in mails[0]["body"]

        await scheduler.run_pass(accepted_at + timedelta(days=7, minutes=1))
        async with sessionmaker() as db:
            assert (await db.get(StageApplication, application.id)).status == "expired"
        assert [r.doc["title"] for r in phone.received][2:] == ["Acceptation expirée"]
        subjects = [m["subject"] for m in read_outbox(settings)]
        assert sorted(subjects) == ["Ton stage : acceptation expirée", "Ton stage : confirme ton stage"]
        assert not push_service.errors
    finally:
        await client.close()
        await engine.dispose()


async def test_the_team_gets_one_push_for_a_new_application(empty_db, board, geocoder, tmp_path, push_service,  # noqa: F811
                                                            vapid_keys):  # noqa: F811
    from tests.integration.stages.helpers import SIRETS
    settings = settings_for(empty_db, tmp_path)
    engine = make_engine(empty_db)
    sessionmaker = make_sessionmaker(engine)
    client = push_session(aiohttp.ClientTimeout(total=2.0))
    boss_phone, other_phone, student_phone = push_service.device(), push_service.device(), push_service.device()
    try:
        async with sessionmaker() as db:
            boss, org = await employer_org(db)
            other_boss, _ = await employer_org(db, siret=SIRETS[1], name="Mairie de Lille")
            offer = await offer_with(db, board, geocoder, org)
            ines = await student(db)
            for who, phone in ((boss, boss_phone), (other_boss, other_phone), (ines, student_phone)):
                await reminders.subscribe(db, who.id, phone.endpoint, phone.p256dh, phone.auth_b64, "test",
                                          allow_local=True)
                await reminders.save_choices(db, who.id, ["stage"], "00:00", "00:00", "Europe/Paris", False)
            application = await apply_to(db, ines, offer)
            await db.commit()
            sent_at = application.created_at
        scheduler = build_scheduler(settings, sessionmaker, client, keys=vapid_keys)
        await scheduler.run_pass(sent_at + timedelta(minutes=1))
        await scheduler.run_pass(sent_at + timedelta(minutes=2))
        assert [(r.doc["title"], r.doc["url"]) for r in boss_phone.received] == [
            ("Nouvelle candidature", f"/stages/employeur/offres/{offer.id}/candidatures")]
        assert "Inès" in boss_phone.received[0].doc["body"] and offer.title in boss_phone.received[0].doc["body"]
        assert other_phone.received == [] and student_phone.received == []  # another team; the student sent it
        assert not push_service.errors
    finally:
        await client.close()
        await engine.dispose()
