"""The figures' background job (SQLite and PostgreSQL): a visit never computes them, the first visit of a year
and level says so in French and asks for one run, the claim lets one run at a time compute, procrastinate
workers run a deferred job once."""
from __future__ import annotations

import asyncio
import dataclasses
from datetime import datetime, timedelta, timezone

import pytest
from procrastinate.exceptions import AlreadyEnqueued
from sqlalchemy import delete

from mps.db.engine import make_engine, make_sessionmaker
from mps.db.models import StageFigures
from mps.domain.stages.figures import saved
from mps.domain.stages.figures.job import TASK, QueuedFigures
from mps.domain.stages.periods import board_year
from mps.domain.stages.service import now_utc
from tests.conftest import ROOT, settings_for
from tests.integration.accounts.fixtures import db_url
from tests.integration.stages.figures_helpers import drain, figure_jobs  # noqa: F401
from tests.integration.stages.helpers import run

NEXT_YEAR = board_year(datetime.now(timezone.utc).date()) + 1


def forget(site, year: int, niveau: str) -> None:
    async def work(db):
        await db.execute(delete(StageFigures).where(StageFigures.school_year == year, StageFigures.niveau == niveau))
    run(db_url(site), work)


def test_a_visit_never_computes_them(site):
    """With jobs off (the test site), the page answers at once with a French message and nothing is computed."""
    forget(site, NEXT_YEAR, "3e")
    page = site.get("/stages/chiffres", params={"annee": NEXT_YEAR, "niveau": "3e"})
    assert page.status_code == 200 and "pas encore été calculés" in page.text and 'data-row="total"' not in page.text

    async def stored(db):
        return await db.get(StageFigures, (NEXT_YEAR, "3e"))
    assert run(db_url(site), stored) is None


def test_first_visit_asks_for_one_run_then_shows_them_dated(site, figure_jobs):
    forget(site, NEXT_YEAR, "3e")
    params = {"annee": NEXT_YEAR, "niveau": "3e"}
    r = site.get("/stages/chiffres.csv", params=params)
    assert r.status_code == 202 and r.headers["retry-after"] == "60" and "pas encore été calculés" in r.text
    for _ in range(3):
        assert site.get("/stages/chiffres", params=params).status_code == 200
    drain(site, figure_jobs)
    assert figure_jobs.started == 1
    page = site.get("/stages/chiffres", params=params)
    assert "Chiffres mis à jour le " in page.text and 'data-row="total"' in page.text
    assert "Des changements plus récents" not in page.text
    assert site.get("/stages/chiffres.csv", params=params).status_code == 200
    assert figure_jobs.started == 1  # nothing changed since: no other run


def test_one_run_at_a_time_holds_the_claim(site):
    year = NEXT_YEAR + 5  # a key no page uses

    async def work(db):
        now = now_utc()
        first, second = await saved.claim(db, year, "seconde", now), await saved.claim(db, year, "seconde", now)
        running = (await saved.read(db, year, "seconde", now)).running
        await saved.save(db, year, "seconde", "v1", {}, now)
        after_save = await saved.claim(db, year, "seconde", now)
        # A claim older than CLAIM_TIMEOUT is a crashed run's: taken over.
        later = await saved.claim(db, year, "seconde", now + saved.CLAIM_TIMEOUT + timedelta(minutes=1))
        await db.execute(delete(StageFigures).where(StageFigures.school_year == year))
        return first, second, running, after_save, later
    assert run(db_url(site), work) == (True, False, True, True, True)


@pytest.fixture
def pg_db(databases):
    url = databases.migrated("postgresql")
    return url


async def test_procrastinate_runs_a_deferred_run_once(pg_db, tmp_path):
    from mps.domain.reminders.jobs import FIGURES_QUEUE, apply_schema, make_app

    base = settings_for(pg_db, tmp_path)
    settings = dataclasses.replace(base, paths=dataclasses.replace(base.paths, data_dir=ROOT / "data"))
    app = make_app(settings)
    year = board_year(now_utc().date())
    async with app.open_async():
        await apply_schema(app)
        jobs = QueuedFigures(app.tasks[TASK], app)
        assert await jobs.request(year, "seconde") is True
        assert await jobs.request(year, "seconde") is False  # one run waiting at most
        with pytest.raises(AlreadyEnqueued):
            await app.tasks[TASK].configure(queueing_lock=f"stage-figures-{year}-seconde").defer_async(
                year=year, niveau="seconde")
        await asyncio.wait_for(app.run_worker_async(queues=[FIGURES_QUEUE], wait=False,
                                                    install_signal_handlers=False), 120)
        done = await app.job_manager.list_jobs_async(task=TASK)
    assert [j.status for j in done] == ["succeeded"]
    engine = make_engine(pg_db)
    try:
        async with make_sessionmaker(engine)() as db:
            figures = await saved.read(db, year, "seconde", now_utc())
    finally:
        await engine.dispose()
    assert figures.computed_at is not None and not figures.stale and not figures.running
    assert figures.rows["departement"][-1].key == "total"
