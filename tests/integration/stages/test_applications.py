"""Applications on SQLite and PostgreSQL: apply, every move of the state machine with the database, the limit
of 5 pending, the seconde rule, confirmation (seats, other applications cancelled), cancellation, expiry."""
from __future__ import annotations

from datetime import timedelta

import pytest

from mps.domain.stages.applications import service as applications
from mps.domain.stages.applications.service import AUTO_CANCEL_REASON, Actor
from mps.domain.stages.applications.store import application_for, events_of, placement_of
from mps.lib.errors import FieldError
from tests.integration.stages.application_helpers import (MOTIVATION, accepted, apply_to, later, offer_with, period,
                                                          student)
from tests.integration.stages.helpers import SIRETS, YEAR, clock, employer_org, run


def _refused(field: str, words: str):
    class Check:
        def __enter__(self):
            self.ctx = pytest.raises(FieldError)
            self.info = self.ctx.__enter__()
            return self

        def __exit__(self, *exc):
            handled = self.ctx.__exit__(*exc)
            assert self.info.value.field == field, self.info.value
            assert words in self.info.value.message, self.info.value.message
            return handled
    return Check()


def test_apply_read_accept_confirm_takes_a_seat_and_is_the_placement(empty_db, board, geocoder):
    async def work(db):
        boss, org = await employer_org(db)
        offer = await offer_with(db, board, geocoder, org, seats=1)
        ines = await student(db)
        app = await apply_to(db, ines, offer)
        assert (app.status, app.first_name, app.motivation, app.school_year) == ("submitted", "Inès", MOTIVATION, YEAR)
        employer = Actor("employer", boss.id)
        now = clock()[0]
        assert (await applications.move(db, app, "read", employer, now)).to_status == "read"
        assert app.read_at is not None
        await applications.move(db, app, "accept", employer, now, expiry_days=7)
        assert app.status == "accepted" and app.expires_at == now + timedelta(days=7)
        change = await applications.move(db, app, "confirm", Actor("student", ines.id), now)
        assert change.to_status == "confirmed" and app.confirmed_at is not None
        assert (await period(db, offer, "deux-semaines")).taken == 1
        await db.refresh(offer)
        assert offer.open_until is None  # the only seat is taken: the search no longer lists it
        assert [a.id for a in await placement_of(db, ines.id, YEAR)] == [app.id]
        assert (await application_for(db, app.id)).status == "confirmed"
        moves = [(e.from_status, e.to_status, e.actor_role) for e in await events_of(db, app.id)]
        assert moves == [("", "submitted", "student"), ("submitted", "read", "employer"),
                         ("read", "accepted", "employer"), ("accepted", "confirmed", "student")]
    run(empty_db, work)


def test_every_refusal_of_the_state_machine_with_the_database(empty_db, board, geocoder):
    async def work(db):
        boss, org = await employer_org(db)
        offer = await offer_with(db, board, geocoder, org, seats=3)
        ines = await student(db)
        employer, me, now = Actor("employer", boss.id), Actor("student", ines.id), clock()[0]
        app = await apply_to(db, ines, offer)
        with _refused("action", "n'est pas ouverte à ton rôle"):
            await applications.move(db, app, "accept", me, now)
        with _refused("action", "ne peut plus passer"):
            await applications.move(db, app, "confirm", me, now)
        with _refused("reason", "Indiquez une raison"):
            await applications.move(db, app, "reject", employer, now, reason="  ")
        with _refused("action", "Action inconnue"):
            await applications.move(db, app, "archive", employer, now)
        await applications.move(db, app, "reject", employer, now, reason="Nous avons déjà un stagiaire.")
        assert app.status == "rejected" and app.reject_reason == "Nous avons déjà un stagiaire."
        for action, actor in (("cancel", me), ("accept", employer), ("read", employer)):
            with _refused("action", "ne peut plus passer"):
                await applications.move(db, app, action, actor, now, reason="x")
        # The same period again is allowed once the first answer was no.
        again = await apply_to(db, ines, offer)
        with _refused("periode", "déjà candidaté"):
            await apply_to(db, ines, offer)
        await applications.move(db, again, "cancel", me, now, reason="J'ai changé d'avis.")
        assert (again.status, again.cancelled_by, again.cancel_reason) == ("cancelled", "student", "J'ai changé d'avis.")
    run(empty_db, work)


def test_bad_input_is_refused_naming_the_field(empty_db, board, geocoder):
    async def work(db):
        _, org = await employer_org(db)
        offer = await offer_with(db, board, geocoder, org, periodes=["semaine-1"])
        ines = await student(db)
        now, today = clock()
        with _refused("motivation", "quelques lignes"):
            await applications.apply(db, ines.id, offer, "semaine-1", "   ", "Inès", now, today)
        with _refused("motivation", "rien n'a été coupé"):
            await applications.apply(db, ines.id, offer, "semaine-1", "a" * 1001, "Inès", now, today)
        with _refused("periode", "périodes proposées"):
            await applications.apply(db, ines.id, offer, "semaine-2", MOTIVATION, "Inès", now, today)
        with _refused("prenom", "prénom"):
            await applications.apply(db, ines.id, offer, "semaine-1", MOTIVATION, " ", now, today)
        collegien = await student(db, niveau="3e")
        with _refused("periode", "tu as indiqué"):
            await applications.apply(db, collegien.id, offer, "semaine-1", MOTIVATION, "Léo", now, today)
        app = await applications.apply(db, ines.id, offer, "semaine-1", "a" * 1000, "Inès", now, today)
        assert len(app.motivation) == 1000  # the limit itself fits, never cut
    run(empty_db, work)


def test_at_most_five_pending_applications(empty_db, board, geocoder):
    async def work(db):
        boss, org = await employer_org(db)
        offers = [await offer_with(db, board, geocoder, org, title=f"Offre numéro {i}") for i in range(7)]
        ines = await student(db)
        apps = [await apply_to(db, ines, o) for o in offers[:5]]
        with _refused("offre", "5 candidatures en attente"):
            await apply_to(db, ines, offers[5])
        # An answer frees a place in the list; accepted still counts as pending.
        await applications.move(db, apps[0], "reject", Actor("employer", boss.id), clock()[0], reason="Complet.")
        await applications.move(db, apps[1], "accept", Actor("employer", boss.id), clock()[0])
        await apply_to(db, ines, offers[5])
        with _refused("offre", "maximum"):
            await apply_to(db, ines, offers[6])
    run(empty_db, work)


def test_seconde_rule_two_weeks_or_two_one_week_stages(empty_db, board, geocoder):
    async def work(db):
        boss, org = await employer_org(db)
        week1 = await offer_with(db, board, geocoder, org, periodes=["semaine-1"], title="Semaine une")
        week2 = await offer_with(db, board, geocoder, org, periodes=["semaine-2"], title="Semaine deux")
        both = await offer_with(db, board, geocoder, org, periodes=["deux-semaines", "semaine-1"], title="Les deux")
        ines = await student(db)
        me, now = Actor("student", ines.id), clock()[0]
        a1 = await accepted(db, ines, week1, boss, "semaine-1")
        a_both = await accepted(db, ines, both, boss, "deux-semaines")
        a_w1_bis = await apply_to(db, ines, both, "semaine-1")
        a2 = await apply_to(db, ines, week2, "semaine-2")
        change = await applications.move(db, a1, "confirm", me, now)
        # Week 1 is taken: the two-week application and the other week-1 one are cancelled, week 2 stays.
        assert sorted(a.id for a in change.also_cancelled) == sorted([a_both.id, a_w1_bis.id])
        for other in (a_both, a_w1_bis):
            await db.refresh(other)
            assert (other.status, other.cancelled_by, other.cancel_reason) == ("cancelled", "system", AUTO_CANCEL_REASON)
        await db.refresh(a2)
        assert a2.status == "submitted"
        with _refused("periode", "semaine 1"):
            await apply_to(db, ines, both, "deux-semaines")
        await applications.move(db, a2, "accept", Actor("employer", boss.id), now)
        await applications.move(db, a2, "confirm", me, now)
        assert sorted(a.period_code for a in await placement_of(db, ines.id, YEAR)) == ["semaine-1", "semaine-2"]
        other_org_boss, other_org = await employer_org(db, siret=SIRETS[1], name="Autre structure")
        third = await offer_with(db, board, geocoder, other_org, periodes=["semaine-2"], title="Une troisième")
        with _refused("periode", "déjà complet"):
            await apply_to(db, ines, third, "semaine-2")
    run(empty_db, work)


def test_a_confirmation_that_no_longer_fits_is_refused(empty_db, board, geocoder):
    async def work(db):
        boss, org = await employer_org(db)
        week1 = await offer_with(db, board, geocoder, org, periodes=["semaine-1"], title="Semaine une")
        both = await offer_with(db, board, geocoder, org, periodes=["deux-semaines"], title="Les deux")
        ines = await student(db)
        a_both = await accepted(db, ines, both, boss, "deux-semaines")
        a1 = await accepted(db, ines, week1, boss, "semaine-1")
        # Confirmed by hand on the side (as if another device had confirmed meanwhile without the cancellation).
        a1.status = "confirmed"
        await db.flush()
        with _refused("action", "semaine 1"):
            await applications.move(db, a_both, "confirm", Actor("student", ines.id), clock()[0])
        assert (await period(db, both, "deux-semaines")).taken == 0
    run(empty_db, work)


def test_cancelling_a_confirmed_stage_frees_the_seat(empty_db, board, geocoder):
    async def work(db):
        boss, org = await employer_org(db)
        offer = await offer_with(db, board, geocoder, org, seats=1)
        ines, leo = await student(db), await student(db)
        app = await accepted(db, ines, offer, boss)
        await applications.move(db, app, "confirm", Actor("student", ines.id), clock()[0])
        with _refused("periode", "plus de place"):
            await apply_to(db, leo, offer)
        await applications.move(db, app, "cancel", Actor("employer", boss.id), clock()[0],
                                reason="L'atelier ferme pour travaux.")
        assert app.cancelled_by == "employer" and (await period(db, offer, "deux-semaines")).taken == 0
        await db.refresh(offer)
        assert offer.open_until is not None
        assert (await apply_to(db, leo, offer)).status == "submitted"
    run(empty_db, work)


def test_no_seat_left_at_confirmation(empty_db, board, geocoder):
    async def work(db):
        boss, org = await employer_org(db)
        offer = await offer_with(db, board, geocoder, org, seats=1)
        ines, leo = await student(db), await student(db)
        a, b = await accepted(db, ines, offer, boss), await accepted(db, leo, offer, boss)
        await applications.move(db, a, "confirm", Actor("student", ines.id), clock()[0])
        with _refused("action", "viennent d'être prises"):
            await applications.move(db, b, "confirm", Actor("student", leo.id), clock()[0])
        await db.refresh(b)
        assert b.status == "accepted" and (await period(db, offer, "deux-semaines")).taken == 1
    run(empty_db, work)


def test_acceptance_expires_and_is_reminded_once(empty_db, board, geocoder):
    async def work(db):
        boss, org = await employer_org(db)
        offer = await offer_with(db, board, geocoder, org)
        ines = await student(db)
        app = await accepted(db, ines, offer, boss)
        assert await applications.due_for_reminder(db, later(1), timedelta(hours=48)) == []
        due = await applications.due_for_reminder(db, later(5.5), timedelta(hours=48))
        assert [a.id for a in due] == [app.id]
        assert await applications.mark_reminded(db, app, later(5.5))
        assert not await applications.mark_reminded(db, app, later(5.6))
        assert await applications.due_for_reminder(db, later(5.6), timedelta(hours=48)) == []
        assert await applications.due_for_expiry(db, later(6.9)) == []
        assert [a.id for a in await applications.due_for_expiry(db, later(7.1))] == [app.id]
        with _refused("action", "délai"):
            await applications.move(db, app, "confirm", Actor("student", ines.id), later(7.1))
        await applications.move(db, app, "expire", Actor("system"), later(7.1))
        assert app.status == "expired"
    run(empty_db, work)


def test_the_teachers_status_follows_the_applications(empty_db, board, geocoder):
    from mps.db.models import StageSeeker
    from mps.domain.stages.seekers import stage_statuses
    from tests.integration.stages.helpers import new_person

    async def work(db):
        boss, org = await employer_org(db)
        both = await offer_with(db, board, geocoder, org, seats=5, periodes=["deux-semaines", "semaine-1"])
        employer, now = Actor("employer", boss.id), clock()[0]
        nobody = await new_person(db, role="lyceen")
        searching, waiting, placed, half, refused = [await student(db) for _ in range(5)]
        await apply_to(db, waiting, both)
        done = await accepted(db, placed, both, boss)
        await applications.move(db, done, "confirm", Actor("student", placed.id), now)
        week = await accepted(db, half, both, boss, "semaine-1")
        await applications.move(db, week, "confirm", Actor("student", half.id), now)
        no = await apply_to(db, refused, both)
        await applications.move(db, no, "reject", employer, now, reason="Complet.")
        await db.delete(await db.get(StageSeeker, refused.id))  # answered no, even without search settings
        people = [nobody, searching, waiting, placed, half, refused]
        statuses = await stage_statuses(db, [p.id for p in people])
        assert [statuses[p.id] for p in people] == ["none", "searching", "pending", "placed", "pending", "searching"]
    run(empty_db, work)
