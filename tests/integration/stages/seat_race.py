"""One OS process of the seat race (test_application_seats.py): its own engine, its share of the accepted
applications confirmed at once (all started together, on concurrent connections), after every process is
ready (a barrier)."""
from __future__ import annotations

import asyncio
from datetime import datetime, timezone


def confirm_share(url: str, ids: list[int], students: dict[int, str], barrier, results) -> None:
    from mps.db.engine import make_engine, make_sessionmaker
    from mps.domain.stages.applications import service as applications
    from mps.db.models import StageApplication
    from mps.lib.errors import FieldError

    async def one(sessionmaker, application_id: int) -> str:
        async with sessionmaker() as db:
            try:
                application = await db.get(StageApplication, application_id)
                await applications.move(db, application, "confirm",
                                        applications.Actor("student", students[application_id]),
                                        datetime.now(timezone.utc))
                await db.commit()
                return "confirmed"
            except FieldError as exc:
                await db.rollback()
                return "no seat" if "places" in exc.message else f"refused: {exc.message}"
            except Exception as exc:  # noqa: BLE001 - the test counts them: there must be none
                await db.rollback()
                return f"error: {type(exc).__name__}: {exc}"[:300]

    async def main() -> list[str]:
        # PostgreSQL's server takes 100 clients, shared with other tests: 4 connections per process, the
        # rest of the process's confirmations wait for one (still all in flight at once). SQLite: one each.
        connections = 4 if url.startswith("postgresql") else len(ids)
        engine = make_engine(url, pool_size=connections, max_overflow=0, pool_timeout=120)
        try:
            sessionmaker = make_sessionmaker(engine)
            async with engine.connect():  # connected before the start, so the race is about the seats
                pass
            barrier.wait()
            return await asyncio.gather(*(one(sessionmaker, i) for i in ids))
        finally:
            await engine.dispose()

    results.put(asyncio.run(main()))
