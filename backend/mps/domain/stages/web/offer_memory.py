"""on_startup: the worker reads its copy of the offers for the board search (stages/offer_memory.py) before
it accepts requests: read on the first searches instead, 100,000 offers kept every search of those seconds
waiting (1-9 s on a busy machine)."""
from __future__ import annotations

import logging

from litestar import Litestar
from sqlalchemy.exc import SQLAlchemyError

from mps.domain.stages.nearest import warm
from mps.web.state import state_of

log = logging.getLogger(__name__)


async def read_offer_memory(app: Litestar) -> None:
    try:
        async with state_of(app).engine.connect() as conn:
            await warm(conn)
    except SQLAlchemyError as exc:  # (a database not reachable yet: the first search reads it)
        log.warning("offers not read at start-up (the first board search will): %s", exc)
