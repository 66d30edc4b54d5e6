"""The same queue sent twice at once (Background Sync and the `online` event): applied once, never a 500."""
import asyncio
import secrets
import uuid
from datetime import datetime, timezone

from mps.db.engine import make_engine, make_sessionmaker
from mps.db.models import Person
from mps.domain.catalogue.index import load
from mps.domain.sync.schemas import SyncIn, SyncOp
from mps.domain.sync.service import sync_and_commit


def test_two_identical_syncs_at_once_apply_each_operation_once(catalogue_db):
    async def go():
        engine = make_engine(catalogue_db)
        sessions = make_sessionmaker(engine)
        try:
            cat = await load(engine)
            pid = secrets.token_hex(16)
            async with sessions() as db:
                db.add(Person(id=pid, created_at=datetime.now(timezone.utc), role="lyceen"))
                await db.commit()
            ops = [SyncOp(op_id=str(uuid.uuid4()), device_id="tel", ts=1_767_000_000_000 + i, kind=kind,
                          formation_id="but-informatique", value=value)
                   for i, (kind, value) in enumerate([("add_favourite", None), ("set_note", "JPO samedi"),
                                                      ("set_ambition", "realiste")])]
            body = SyncIn(since=0, ops=ops)

            async def send():
                async with sessions() as db:
                    return await sync_and_commit(db, cat, pid, body)

            first, second = await asyncio.gather(send(), send())
            async with sessions() as db:
                from mps.domain.favourites.service import formation_mark
                mark = await formation_mark(db, pid, "but-informatique")
            return first, second, mark
        finally:
            await engine.dispose()

    first, second, mark = asyncio.run(go())
    statuses = sorted([r.status for r in first.results] + [r.status for r in second.results])
    assert statuses == ["applied"] * 3 + ["duplicate"] * 3
    assert (mark.kind, mark.deleted, mark.note, mark.ambition) == ("favori", False, "JPO samedi", "realiste")
