"""The figures' background job: pages never compute them (seconds on a large board), they read what this job
saved (saved.py) and ask for a new run when the data changed since. One run at a time per school year and
level: within a process one task per key, across processes the claim in saved.py, on procrastinate workers
the task's queueing lock as well (at most one run waiting).

Where runs happen follows MPS_JOBS, like the reminders: `inprocess` a task in the server process (the CPU part
in a thread, so the process keeps answering), `procrastinate` its workers, `off` none (`mps chiffres stages`)."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from sqlalchemy.ext.asyncio import async_sessionmaker

from mps.domain.catalogue.geocode import Geocoder
from mps.domain.stages.board import Board
from mps.domain.stages.figures import saved
from mps.domain.stages.figures.geography import Geography, load_geography
from mps.domain.stages.figures.service import Facts, load, with_reach
from mps.domain.stages.figures.tables import GROUPINGS, Row, build
from mps.domain.stages.now import now_utc

log = logging.getLogger("mps.stages")
TASK = "mps.stages.figures"
QUEUE = "stage-figures"


def lock_of(year: int, niveau: str) -> str:
    return f"stage-figures-{year}-{niveau}"


def tables(facts: Facts, geography: Geography) -> dict[str, list[Row]]:
    """Every grouping's rows (CPU only)."""
    with_reach(facts)
    return {grouping: build(facts, geography, grouping) for grouping in GROUPINGS}


async def compute(sessionmaker: async_sessionmaker, board: Board, data_dir: Path, geocoder: Geocoder | None,
                  year: int, niveau: str) -> bool:
    """Compute and save the figures of (year, niveau); False when another run holds them."""
    geography = load_geography(data_dir)
    async with sessionmaker() as db:
        if not await saved.claim(db, year, niveau, now_utc()):
            return False
        try:
            version = await saved.current_version(db)  # read first: a change during the run leaves them stale
            facts = await load(db, board, geography, geocoder, year, niveau)
            await db.commit()
            rows = await asyncio.to_thread(tables, facts, geography)
            await saved.save(db, year, niveau, version, rows, now_utc())
        except BaseException:
            await db.rollback()
            await saved.release(db, year, niveau)
            raise
    log.info("stage figures %s %s computed (%d offers, %d students)", year, niveau, len(facts.offers),
             len(facts.students))
    return True


@runtime_checkable  # Litestar checks the page's `figure_jobs` dependency with isinstance()
class FigureJobs(Protocol):
    """Where runs go: the port the figures page asks; the three classes below are its adapters."""

    async def request(self, year: int, niveau: str) -> bool:
        """Ask for a run; False when one is already waiting (or runs are off)."""
        ...

    async def close(self) -> None:
        """Stop what this process started (the app's shutdown)."""
        ...


@dataclass
class InProcessFigures:
    """Runs in this process's event loop, one task per (year, niveau) at a time."""
    sessionmaker: async_sessionmaker
    board: Callable[[], Board]
    data_dir: Path
    geocoder: Callable[[], Geocoder | None]
    started: int = 0  # runs started by this process (tests, logs)
    _tasks: dict[tuple[int, str], asyncio.Task] = field(default_factory=dict)

    async def request(self, year: int, niveau: str) -> bool:
        task = self._tasks.get((year, niveau))
        if task is not None and not task.done():
            return False
        self.started += 1
        self._tasks[(year, niveau)] = asyncio.get_running_loop().create_task(
            self._run(year, niveau), name=f"stage-figures-{year}-{niveau}")
        return True

    async def _run(self, year: int, niveau: str) -> None:
        try:
            await compute(self.sessionmaker, self.board(), self.data_dir, self.geocoder(), year, niveau)
        except asyncio.CancelledError:
            raise
        except Exception:  # the next visit asks again
            log.exception("stage figures %s %s failed", year, niveau)

    async def drain(self) -> None:
        """Wait for the runs started (tests, shutdown)."""
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)

    async def close(self) -> None:
        for task in self._tasks.values():
            task.cancel()
        await self.drain()


@dataclass
class QueuedFigures:
    """Deferred to procrastinate workers; the queueing lock keeps one run waiting per key."""
    task: object  # procrastinate.Task
    app: object  # procrastinate.App, open for the app's lifetime

    async def request(self, year: int, niveau: str) -> bool:
        from procrastinate.exceptions import AlreadyEnqueued
        try:
            await self.task.configure(queueing_lock=lock_of(year, niveau)).defer_async(year=year, niveau=niveau)
        except AlreadyEnqueued:
            return False
        return True

    async def close(self) -> None:
        await self.app.close_async()


class NoFigureJobs:
    """MPS_JOBS=off: nothing runs here; `mps chiffres stages` computes them."""

    async def request(self, year: int, niveau: str) -> bool:
        return False

    async def close(self) -> None:
        return None
