"""The figures' in-process job runner on the shared test site (whose jobs are off), and a page read once the
runs it asked for are over."""
from __future__ import annotations

import pytest

from mps.domain.stages.figures.job import InProcessFigures
from tests.conftest import ROOT


@pytest.fixture
def figure_jobs(site, board, geocoder):
    state = site.app.state
    before = state.stage_figure_jobs
    jobs = InProcessFigures(state.sessionmaker, lambda: board, ROOT / "data", lambda: geocoder)
    state.stage_figure_jobs = jobs
    yield jobs
    site.blocking_portal.call(jobs.drain)
    state.stage_figure_jobs = before


def drain(site, jobs: InProcessFigures) -> None:
    site.blocking_portal.call(jobs.drain)


def fresh(site, jobs: InProcessFigures, path: str = "/stages/chiffres", **params):
    """The page after the run it asked for (if any) is over: what a visitor sees a few minutes later."""
    site.get(path, params=params)
    drain(site, jobs)
    return site.get(path, params=params)
