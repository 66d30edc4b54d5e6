"""Public impact figures as JSON: /api/v1/stats."""
from __future__ import annotations

from litestar import Controller, get
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.stats.service import Stats
from mps.web.state import AppState


class StatsApi(Controller):
    path = "/api/v1/stats"
    tags = ["statistiques"]

    @get("", summary="Chiffres d'impact du service (agrégés, sans donnée personnelle)")
    async def stats(self, state: AppState, db: AsyncSession) -> Stats:
        return await state.impact_stats.get(db)
