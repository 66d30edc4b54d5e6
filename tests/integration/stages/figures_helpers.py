"""The figures' in-process job runner on the shared test site (whose jobs are off), and a page read once the
runs it asked for are over."""
from __future__ import annotations

import pytest

from mps.domain.stages.figures.job import InProcessFigures
from mps.domain.stages.pages.figures_jobs import KEY
from tests.conftest import ROOT


@pytest.fixture
def figure_jobs(site, board, geocoder):
    state = site.app.state
    before = state[KEY]
    jobs = InProcessFigures(state.sessionmaker, lambda: board, ROOT / "data", lambda: geocoder)
    state[KEY] = jobs
    yield jobs
    site.blocking_portal.call(jobs.drain)
    state[KEY] = before


def drain(site, jobs: InProcessFigures) -> None:
    site.blocking_portal.call(jobs.drain)


def fresh(site, jobs: InProcessFigures, path: str = "/stages/chiffres", **params):
    """The page after the run it asked for (if any) is over: what a visitor sees a few minutes later."""
    site.get(path, params=params)
    drain(site, jobs)
    return site.get(path, params=params)
