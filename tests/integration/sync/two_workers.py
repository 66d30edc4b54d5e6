"""A sync request in a process of its own, as a second `mps serve` worker would run it (used by
test_sync_concurrency.py through multiprocessing: nothing is shared with the test process but the database)."""
from __future__ import annotations

import asyncio
import time
from types import SimpleNamespace

import msgspec

from mps.db.engine import make_engine, make_sessionmaker
from mps.domain.sync import service
from mps.domain.sync.schemas import SyncIn

PLACES = (101, 102)


class OneFormationCatalogue:
    """The two calls sync makes on the catalogue, for the one formation the test edits."""

    def __init__(self, formation_id: str):
        self.formation_id = formation_id

    def formation(self, formation_id: str):
        if formation_id != self.formation_id:
            return None
        return SimpleNamespace(places=[SimpleNamespace(cod_aff_form=c) for c in PLACES])

    def resolve(self, formation_id: str) -> str:
        return formation_id


def run(url: str, person_id: str, formation_id: str, body: bytes, hold_s: float, start, locked, out) -> None:
    """Send `body`; with hold_s, wait that long once sync's first read is done (and tell `locked`), the transaction
    open, so that the other worker's request arrives in the middle of this one."""
    async def go():
        engine = make_engine(url)
        attempts, moments = 0, {}
        first_read = service._read

        async def read(db, pid, *args):
            nonlocal attempts
            attempts += 1
            row = await first_read(db, pid, *args)
            moments.setdefault("read", time.time())  # wall clock: compared across the two processes
            if hold_s and attempts == 1:
                locked.set()
                await asyncio.sleep(hold_s)
                moments["held_until"] = time.time()
            return row

        service._read = read
        try:
            async with make_sessionmaker(engine)() as db:
                result = await service.sync_and_commit(db, OneFormationCatalogue(formation_id), person_id,
                                                       msgspec.json.decode(body, type=SyncIn))
                return result, attempts, moments
        finally:
            await engine.dispose()

    start.wait(30)
    if not hold_s:
        locked.wait(30)
    try:
        result, attempts, moments = asyncio.run(go())
        out.put((hold_s > 0, [r.status for r in result.results], attempts, moments, None))
    except Exception as exc:  # reported to the test, which shows it
        out.put((hold_s > 0, [], 0, {}, f"{type(exc).__name__}: {exc}"))
