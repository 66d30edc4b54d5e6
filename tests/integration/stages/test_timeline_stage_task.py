"""The timeline's « Trouve ton stage » task is gone once the stage board holds confirmed applications that cover
the whole stage de seconde (one two-week stage, or both weeks in two structures); one week is not enough."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from mps.domain.stages.applications import service as applications
from mps.domain.stages.applications.service import Actor
from mps.domain.timeline.data import load_timeline, school_year_name
from mps.domain.timeline.facts import read_facts
from mps.domain.timeline.tasks import open_tasks
from mps.lib.school_calendar import school_year_of
from tests.integration.stages.application_helpers import accepted, offer_with, student
from tests.integration.stages.helpers import YEAR, clock, employer_org, run


async def _stage_task(db, person_id: str) -> bool:
    today = clock()[1]
    facts = (await read_facts(db, [person_id], today=today))[person_id]
    before_stage = date(YEAR, 5, 1)  # the task is shown until the stage starts
    year = load_timeline()[school_year_name(school_year_of(before_stage))]
    return "stage" in {t.id for t in open_tasks(replace(facts, classe="seconde"), year, before_stage)}


def test_the_stage_task_goes_once_both_weeks_are_confirmed(empty_db, board, geocoder):
    async def work(db):
        boss, org = await employer_org(db)
        offer = await offer_with(db, board, geocoder, org, seats=3, periodes=("semaine-1", "semaine-2"))
        ines = await student(db)
        assert await _stage_task(db, ines.id)
        now = clock()[0]
        first = await accepted(db, ines, offer, boss, "semaine-1")
        await applications.move(db, first, "confirm", Actor("student", ines.id), now)
        assert await _stage_task(db, ines.id), "one week of two: the stage is not found yet"
        second = await accepted(db, ines, offer, boss, "semaine-2")
        await applications.move(db, second, "confirm", Actor("student", ines.id), now)
        assert not await _stage_task(db, ines.id)
    run(empty_db, work)


def test_a_two_week_confirmation_is_a_placement_but_an_accepted_one_is_not(empty_db, board, geocoder):
    async def work(db):
        boss, org = await employer_org(db)
        offer = await offer_with(db, board, geocoder, org, seats=3)
        ines = await student(db)
        app = await accepted(db, ines, offer, boss)
        assert await _stage_task(db, ines.id), "accepted but not confirmed: still to do"
        await applications.move(db, app, "confirm", Actor("student", ines.id), clock()[0])
        assert not await _stage_task(db, ines.id)
    run(empty_db, work)
