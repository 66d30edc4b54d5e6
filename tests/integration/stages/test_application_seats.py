"""Seats are never oversold (SQLite file and PostgreSQL): 200 students whose applications were accepted
confirm at the same moment from 8 OS processes (each with its own engine: 25 connections on SQLite, 4 on
PostgreSQL whose server takes 100 clients for everyone) for one
period of 50 seats: exactly 50 are confirmed, taken == 50, the other 150 are told no seat is left, and
nothing fails. Then one confirmed student cancels: the seat is free again and one more can confirm."""
from __future__ import annotations

import multiprocessing
from collections import Counter

from sqlalchemy import func, select

from mps.db.models import StageApplication
from mps.domain.stages.applications import service as applications
from mps.domain.stages.applications.service import Actor
from tests.integration.stages.application_helpers import accepted, offer_with, period, student
from tests.integration.stages.helpers import clock, employer_org, run
from tests.integration.stages.seat_race import confirm_share

SEATS, STUDENTS, PROCESSES = 50, 200, 8


def test_200_concurrent_confirmations_for_50_seats(empty_db, board, geocoder):
    async def setup(db):
        boss, org = await employer_org(db)
        offer = await offer_with(db, board, geocoder, org, seats=SEATS, periodes=["deux-semaines"])
        apps = [await accepted(db, await student(db), offer, boss) for _ in range(STUDENTS)]
        return offer.id, {a.id: a.student_id for a in apps}
    offer_id, students = run(empty_db, setup)
    ids = sorted(students)

    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(PROCESSES), ctx.Queue()
    workers = [ctx.Process(target=confirm_share, args=(empty_db, ids[i::PROCESSES], students, barrier, results))
               for i in range(PROCESSES)]
    for w in workers:
        w.start()
    outcomes = Counter(o for _ in workers for o in results.get(timeout=300))
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    assert outcomes == {"confirmed": SEATS, "no seat": STUDENTS - SEATS}, outcomes

    async def check(db):
        from mps.db.models import StageOffer
        offer = await db.get(StageOffer, offer_id)
        seats = await period(db, offer, "deux-semaines")
        confirmed = (await db.execute(select(func.count()).select_from(StageApplication).where(
            StageApplication.offer_id == offer_id, StageApplication.status == "confirmed"))).scalar_one()
        assert (seats.taken, confirmed) == (SEATS, SEATS)
        assert offer.open_until is None  # full: the search no longer lists it
        # One confirmed student cancels: their seat goes back; one of those refused can now confirm.
        first = (await db.execute(select(StageApplication).where(
            StageApplication.offer_id == offer_id, StageApplication.status == "confirmed").limit(1))).scalar_one()
        await applications.move(db, first, "cancel", Actor("student", first.student_id), clock()[0],
                                reason="Je pars à l'étranger.")
        await db.refresh(seats)
        assert seats.taken == SEATS - 1
        waiting = (await db.execute(select(StageApplication).where(
            StageApplication.offer_id == offer_id, StageApplication.status == "accepted").limit(1))).scalar_one()
        await applications.move(db, waiting, "confirm", Actor("student", waiting.student_id), clock()[0])
        await db.refresh(seats)
        assert seats.taken == SEATS
    run(empty_db, check)
