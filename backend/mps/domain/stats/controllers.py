"""Public impact figures: /statistiques and /api/v1/stats."""
from __future__ import annotations

from litestar import Controller, Request, get
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.stats.service import COMPLETE_SHARE, Stats, cached


class StatsPages(Controller):
    include_in_schema = False

    @get("/statistiques")
    async def page(self, request: Request, db: AsyncSession) -> Template:
        return Template("stats/index.html", context={"s": await cached(request.app, db),
                                                     "complete_share": COMPLETE_SHARE})


class StatsApi(Controller):
    path = "/api/v1/stats"
    tags = ["statistiques"]

    @get("", summary="Chiffres d'impact du service (agrégés, sans donnée personnelle)")
    async def stats(self, request: Request, db: AsyncSession) -> Stats:
        return await cached(request.app, db)
