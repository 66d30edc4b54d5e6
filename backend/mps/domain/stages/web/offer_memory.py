"""on_startup: the worker reads its copy of the offers for the board search (stages/offer_memory.py) before
it accepts requests: read on the first searches instead, 100,000 offers kept every search of those seconds
waiting (1-9 s on a busy machine). Then, every PRUNE_EVERY seconds, it prunes the change log
(offer_memory.prune_changes; every worker does: a second pass finds nothing to delete)."""
from __future__ import annotations

import asyncio
import logging

from litestar import Litestar
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from mps.domain.stages.nearest import warm
from mps.domain.stages.offer_memory import prune_changes
from mps.web.state import state_of

log = logging.getLogger(__name__)
PRUNE_EVERY = 3600.0


async def read_offer_memory(app: Litestar) -> None:
    state = state_of(app)
    try:
        async with state.engine.connect() as conn:
            await warm(conn)
    except SQLAlchemyError as exc:  # (a database not reachable yet: the first search reads it)
        log.warning("offers not read at start-up (the first board search will): %s", exc)
    state.stage_change_pruning = asyncio.get_running_loop().create_task(_prune_every(state.engine))


async def stop_pruning(app: Litestar) -> None:
    task = state_of(app).get("stage_change_pruning")  # absent when start-up failed before it
    if task is not None:
        task.cancel()


async def _prune_every(engine: AsyncEngine) -> None:
    while True:
        await asyncio.sleep(PRUNE_EVERY)
        try:
            async with engine.begin() as conn:
                pruned = await prune_changes(conn)
            log.info("stage offer changes: %d lines pruned", pruned)
        except SQLAlchemyError as exc:  # (the next pass tries again)
            log.warning("stage offer changes not pruned: %s", exc)
