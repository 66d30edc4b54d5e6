"""The application state, typed: what every worker holds for the lifetime of the app.

`create_app` builds it; controllers never reach into it: they declare what they need as parameters
and Litestar's dependency injection (mps/web/deps.py) hands it over: `db`, `settings`, `catalogue`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from litestar.datastructures import State

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

    from litestar.types import ASGIApp

    from mps.domain.reminders.runner import Reminders
    from mps.domain.stages.figures.job import FigureJobs
    from mps.domain.stats.service import CachedStats
    from mps.domain.suggestions.service import SuggestionModels
    from mps.lib.ratelimit import RateLimiter
    from mps.settings import Settings
    from mps.web.area import SessionResolver
    from mps.web.catalogue_store import CatalogueStore


class AppState(State):
    """Litestar's State (a dict with attribute access) with its keys declared and typed."""

    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    catalogue: CatalogueStore  # the worker's in-memory catalogue, swapped when an import lands
    session_resolvers: tuple[SessionResolver, ...]  # from the areas, tried before the anonymous id
    suggestion_models: SuggestionModels  # set at start-up by the suggestions area
    impact_stats: CachedStats  # set at start-up by the stats area
    reminders: Reminders  # set at start-up by the reminders area: VAPID key, jobs running in this process
    stage_figure_jobs: FigureJobs  # set at start-up by the stages area (stages/web/figures_jobs.py)
    rate_limiter: RateLimiter  # made on first use (web/ratelimit.limiter_for)
    piccolo_admin: ASGIApp  # the back-office app, built on first visit (admin/mount.py)

    @classmethod
    def build(cls, *, settings: Settings, engine: AsyncEngine, sessionmaker: async_sessionmaker[AsyncSession],
              catalogue: CatalogueStore, session_resolvers: tuple[SessionResolver, ...]) -> AppState:
        return cls({"settings": settings, "engine": engine, "sessionmaker": sessionmaker, "catalogue": catalogue,
                    "session_resolvers": session_resolvers})


def state_of(app) -> AppState:
    """The typed state of an app (for hooks that receive the app or the ASGI scope, not a request)."""
    return app.state
