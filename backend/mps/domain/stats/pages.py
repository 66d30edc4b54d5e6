"""Public impact figures: /statistiques."""
from __future__ import annotations

from litestar import Controller, get
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.stats.service import COMPLETE_SHARE
from mps.web.state import AppState


class StatsPages(Controller):
    include_in_schema = False

    @get("/statistiques")
    async def page(self, state: AppState, db: AsyncSession) -> Template:
        return Template("stats/index.html", context={"s": await state.impact_stats.get(db),
                                                     "complete_share": COMPLETE_SHARE})
