"""The figures' job runner for the app's lifetime (figures/job.py), picked by MPS_JOBS like the reminders':
started with the app, closed with it, handed to the figures page as the `figure_jobs` dependency."""
from __future__ import annotations

from litestar import Litestar
from litestar.di import Provide

from mps.domain.stages.board import load_board
from mps.domain.stages.figures.job import FigureJobs, InProcessFigures, NoFigureJobs, QueuedFigures
from mps.web.state import AppState, state_of


async def start_figure_jobs(app: Litestar) -> None:
    state = state_of(app)
    settings = state.settings
    jobs: FigureJobs
    if settings.push.jobs == "inprocess":
        store = state.catalogue
        jobs = InProcessFigures(state.sessionmaker, lambda: load_board(settings.paths.data_dir),
                                settings.paths.data_dir, lambda: store.current.geocoder if store.current else None)
    elif settings.push.jobs == "procrastinate":
        from mps.domain.reminders.jobs import make_app
        from mps.domain.stages.figures.job import TASK
        queue = make_app(settings)
        await queue.open_async()
        jobs = QueuedFigures(queue.tasks[TASK], queue)
    else:
        jobs = NoFigureJobs()
    state.stage_figure_jobs = jobs


async def stop_figure_jobs(app: Litestar) -> None:
    jobs = state_of(app).get("stage_figure_jobs")  # absent when start-up failed before it
    if jobs is not None:
        await jobs.close()


def provide_figure_jobs(state: AppState) -> FigureJobs:
    return state.stage_figure_jobs


FIGURE_JOBS = {"figure_jobs": Provide(provide_figure_jobs, sync_to_thread=False)}
