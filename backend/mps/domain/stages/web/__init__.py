"""The stage area's request helpers: its reference data as a dependency, demo mode, who is searching."""
from __future__ import annotations

from datetime import date, datetime

from litestar import Request
from litestar.di import Provide
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from mps.domain.identity.web import current_person_id
from mps.domain.stages.board import PARIS, Board, load_board
from mps.domain.stages.search import Viewer
from mps.domain.stages.seekers import viewer_for
from mps.domain.stages.now import now_utc
from mps.settings import Settings
from mps.web.state import state_of


def provide_board(settings: Settings) -> Board:
    """From `settings`, not the app state: Litestar then resolves settings and the board one after the other,
    where two dependencies of the same level cost each request a task group (the board's search declares both)."""
    return load_board(settings.paths.data_dir)


DEPENDENCIES = {"stage_board": Provide(provide_board, sync_to_thread=False)}


def demo_mode(settings: Settings) -> bool:
    """Demo offers (`mps demo stages`) are shown, labelled, only on a server started with MPS_DEMO=1; they
    are never mixed with real offers."""
    return settings.demo


def clock(settings: Settings) -> tuple[datetime, date]:
    """Now (UTC) and today in Paris; tests move the board's clock with settings.fixed_now."""
    now = settings.fixed_now or now_utc()
    return now, now.astimezone(PARIS).date()


async def request_viewer(request: Request, db: AsyncSession | AsyncConnection, board: Board,
                         settings: Settings) -> Viewer:
    """On a bare connection (the search API's), an ORM session is opened on it only for a visitor the board
    may know (signed in, or a device with its anonymous id): an anonymous visitor needs no read."""
    person_id = current_person_id(request)
    if person_id and isinstance(db, AsyncConnection):
        async with state_of(request.app).sessionmaker(bind=db) as session:
            return await viewer_for(session, board, person_id, demo=demo_mode(settings))
    return await viewer_for(db, board, person_id, demo=demo_mode(settings))
