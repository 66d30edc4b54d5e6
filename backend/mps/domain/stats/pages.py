"""Public impact figures: /statistiques and /api/v1/stats."""
from __future__ import annotations

from litestar import Controller, Litestar, get
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.stats.service import CACHE_SECONDS, COMPLETE_SHARE, CachedStats, Stats
from mps.web.state import AppState, state_of


def start_stats_cache(app: Litestar) -> None:
    """on_startup: this worker's cache of the figures (settings.extra["stats_cache_s"] shortens it in tests)."""
    state = state_of(app)
    state.impact_stats = CachedStats(state.settings.extra.get("stats_cache_s", CACHE_SECONDS))


class StatsPages(Controller):
    include_in_schema = False

    @get("/statistiques")
    async def page(self, state: AppState, db: AsyncSession) -> Template:
        return Template("stats/index.html", context={"s": await state.impact_stats.get(db),
                                                     "complete_share": COMPLETE_SHARE})


class StatsApi(Controller):
    path = "/api/v1/stats"
    tags = ["statistiques"]

    @get("", summary="Chiffres d'impact du service (agrégés, sans donnée personnelle)")
    async def stats(self, state: AppState, db: AsyncSession) -> Stats:
        return await state.impact_stats.get(db)
