"""Holds the worker's in-memory catalogue and swaps it when a newer import lands in the database."""
from __future__ import annotations

import asyncio
import gc
import logging

from sqlalchemy.ext.asyncio import AsyncEngine

from mps.domain.catalogue.index import Catalogue, current_version, load
from mps.web.outage import DATABASE, is_database_outage

log = logging.getLogger(__name__)
POLL_SECONDS = 15.0


def _settle() -> None:
    """Keep the garbage collector's full passes off the catalogue: its million objects live until the next
    import, yet each full collection walked them all (~100 M instructions, one every few thousand requests).
    The previous catalogue is unfrozen first, so that it can still be collected once the last request using
    it ends; the collection before freezing leaves no garbage among the frozen objects."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class CatalogueStore:
    def __init__(self, engine: AsyncEngine):
        self.engine = engine
        self.current: Catalogue | None = None
        self._task: asyncio.Task | None = None
        self.listeners: list = []  # callables(catalogue) run after each swap (caches to clear)

    @property
    def ready(self) -> bool:
        return self.current is not None

    async def refresh(self) -> bool:
        """Load the catalogue if the database holds a newer version; True when swapped."""
        version = await current_version(self.engine)
        if version is None or (self.current and self.current.version == version):
            return False
        catalogue = await load(self.engine)
        if catalogue is None:
            return False
        self.current = catalogue  # one assignment: requests see the old or the new, never a mix
        for listener in self.listeners:
            listener(catalogue)
        _settle()
        log.info("catalogue version %s loaded (%s formations)", catalogue.version, len(catalogue.formations))
        return True

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(POLL_SECONDS)
            try:
                await self.refresh()
            except Exception as exc:  # a failed poll must not kill the worker; the next one retries
                if is_database_outage(exc):
                    DATABASE.failed(exc)  # once per outage, not every 15 s
                else:
                    log.exception("catalogue refresh failed")

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._poll())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
