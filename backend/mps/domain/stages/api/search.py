"""JSON API of the stage board under /api/v1 (documented in /schema/openapi.json)."""
from __future__ import annotations

from litestar import Controller, Request, get
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.stages.board import Board
from mps.domain.stages.presenters import offer_out
from mps.domain.stages.schemas import OfferOut, StageItem, StageSearchResponse
from mps.domain.stages.nearest import MAX_TOTAL
from mps.domain.stages.search import PAGE_SIZE, StageQuery, search, stage_query, visible_offer
from mps.domain.stages.web import clock, request_viewer
from mps.settings import Settings
from mps.web.db import read_connection


def search_response(query: StageQuery, total: int, items: list[StageItem]) -> StageSearchResponse:
    """The handler's answer, and the short lane's (stages/web/search_lane.py)."""
    return StageSearchResponse(total=min(total, MAX_TOTAL), items=items, page=query.page, page_size=PAGE_SIZE,
                               total_capped=total > MAX_TOTAL)


class StagesApi(Controller):
    path = "/api/v1/stages"
    tags = ["stages"]

    @get("", summary="Chercher des offres de stage autour d'un point", responses=None)
    async def search(
        self, request: Request, stage_board: Board, settings: Settings,
        near: str | None = Parameter(default=None, description="latitude,longitude du point de recherche (obligatoire)"),
        radius_km: str | None = Parameter(default=None, description="rayon en km, de 5 à 60 (20 par défaut)"),
        secteur: str | None = Parameter(default=None, description="code du secteur (s1…s51) ou son nom"),
        niveau: str | None = Parameter(default=None, description="seconde ou 3e"),
        periode: str | None = Parameter(default=None, description="seconde : deux-semaines, semaine-1, semaine-2 ; "
                                                                  "3e : une semaine ISO, par exemple 2026-W05"),
        q: str | None = Parameter(default=None, description="mots libres (accents et fautes de frappe tolérés)"),
        page: str | None = Parameter(default=None, description="page de 20 offres, à partir de 1"),
    ) -> StageSearchResponse:
        """Offers sorted by distance. `periods` lists the periods with a seat left; `seats_left` sums them.
        Offers without a seat left or whose periods have begun are not listed; offers reserved to some
        schools, or still in their early-access window, only for eligible signed-in students."""
        now, today = clock(settings)
        query = stage_query(stage_board, request.query_params, today)
        # Its own read-only connection, no ORM session: a `db` dependency costs each search a task group in
        # Litestar's injection and a commit; the most requested endpoint of the board's opening day writes nothing.
        # (An anonymous visitor's search takes the short lane in front: stages/web/search_lane.py.)
        async with read_connection(request) as conn:
            viewer = await request_viewer(request, conn, stage_board, settings)
            total, items = await search(conn, stage_board, query, viewer, now, today)
        return search_response(query, total, items)

    @get("/{offer_id:int}", summary="Une offre de stage", responses=None)
    async def offer(self, request: Request, db: AsyncSession, stage_board: Board, settings: Settings,
                    offer_id: int) -> OfferOut:
        now, today = clock(settings)
        viewer = await request_viewer(request, db, stage_board, settings)
        offer, organisation = await visible_offer(db, viewer, offer_id, now)
        return await offer_out(db, stage_board, offer, organisation, today)
