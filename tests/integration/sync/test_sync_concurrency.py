"""The same queue sent twice at once (Background Sync and the `online` event): applied once, never a 500."""
import asyncio
import multiprocessing
import secrets
import uuid
from datetime import datetime, timezone

import msgspec
import pytest
from sqlalchemy import func, select

from mps.db.engine import make_engine, make_sessionmaker
from mps.db.models import Person, SyncAppliedOp
from mps.domain.catalogue.index import load
from mps.domain.sync.schemas import SyncIn, SyncOp
from mps.domain.sync.service import sync_and_commit
from tests.conftest import BACKENDS
from tests.integration.sync import two_workers


async def _student(sessions) -> str:
    pid = secrets.token_hex(16)
    async with sessions() as db:
        db.add(Person(id=pid, created_at=datetime.now(timezone.utc), role="lyceen"))
        await db.commit()
    return pid


def test_two_identical_syncs_at_once_apply_each_operation_once(catalogue_db):
    async def go():
        engine = make_engine(catalogue_db)
        sessions = make_sessionmaker(engine)
        try:
            cat, pid = await load(engine), await _student(sessions)
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


HOLD_S = 1.5


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_worker_processes_sending_the_same_queue_apply_it_once(databases, backend):
    """Two processes, as two `mps serve` workers: the in-process lock cannot help. The first holds its
    transaction open after its first read; the second arrives meanwhile. SQLite: the first's read took the write
    lock (before the write-first lock, SQLite answered « database is locked » here), so the second waits for its
    commit, then finds the operations applied. PostgreSQL: nothing is locked before the write, so the second
    applies them, and the first's write finds the counter moved, writes nothing and reads again: duplicates."""
    url = databases.migrated(backend)
    pid, fid = secrets.token_hex(16), "but-informatique"

    async def person():
        engine = make_engine(url)
        async with make_sessionmaker(engine)() as db:
            db.add(Person(id=pid, created_at=datetime.now(timezone.utc), role="lyceen"))
            await db.commit()
        await engine.dispose()
    asyncio.run(person())
    ops = [SyncOp(op_id=str(uuid.uuid4()), device_id="tel", ts=1_767_000_000_000 + i, kind=kind, formation_id=fid,
                  value=value)
           for i, (kind, value) in enumerate([("add_favourite", None), ("set_note", "JPO samedi"),
                                              ("set_ambition", "realiste"), ("add_place", 102)])]
    body = msgspec.json.encode(SyncIn(since=0, ops=ops))

    ctx = multiprocessing.get_context("spawn")
    start, locked, out = ctx.Event(), ctx.Event(), ctx.Queue()
    workers = [ctx.Process(target=two_workers.run, args=(url, pid, fid, body, hold, start, locked, out))
               for hold in (HOLD_S, 0)]
    for w in workers:
        w.start()
    start.set()
    reports = sorted((out.get(timeout=120) for _ in workers), key=lambda r: r[0])  # (holder?, statuses, attempts, moments, error)
    for w in workers:
        w.join(30)
    (_, second, second_attempts, second_at, second_err), (_, first, first_attempts, first_at, first_err) = reports
    assert (first_err, second_err) == (None, None)
    if backend == "sqlite":
        assert (first, second) == (["applied"] * 4, ["duplicate"] * 4)
        assert (first_attempts, second_attempts) == (1, 1)
        # The second read only once the first had stopped holding the lock (then it saw its work).
        assert second_at["read"] >= first_at["held_until"]
    else:
        assert (first, second) == (["duplicate"] * 4, ["applied"] * 4)
        assert (first_attempts, second_attempts) == (2, 1)  # the first read again after its write found a change
        assert second_at["read"] < first_at["held_until"]

    async def mark():
        engine = make_engine(url)
        async with make_sessionmaker(engine)() as db:
            from mps.domain.favourites.service import chosen_places, formation_mark
            row = await formation_mark(db, pid, fid)
            applied = await db.scalar(select(func.count()).select_from(SyncAppliedOp)
                                      .where(SyncAppliedOp.person_id == pid))
            result = (row.kind, row.deleted, row.note, row.ambition, chosen_places(row), row.version, applied)
        await engine.dispose()
        return result
    kind, deleted, note, ambition, places, version, applied = asyncio.run(mark())
    assert (kind, deleted, note, ambition, places, applied) == ("favori", False, "JPO samedi", "realiste", [102], 4)


def test_a_sync_rolled_back_leaves_no_trace(catalogue_db):
    """Every write of a sync is in the request's one transaction, the ones the driver sends itself included
    (mps.domain.sync.store): a sync that fails before its commit is applied later, never half."""
    from mps.db.models import SyncItem, SyncPerson
    from mps.domain.sync import store
    from mps.domain.sync.service import sync

    async def go():
        engine = make_engine(catalogue_db)
        sessions = make_sessionmaker(engine)
        try:
            cat, pid = await load(engine), await _student(sessions)
            body = SyncIn(since=0, ops=[SyncOp(op_id=str(uuid.uuid4()), device_id="tel", ts=1_767_000_000_000,
                                               kind="add_favourite", formation_id="but-informatique")])
            async with sessions() as db:
                assert [r.status for r in (await sync(await store.begin(db), cat, pid, body)).results] == ["applied"]
                await db.rollback()
            async with sessions() as db:
                left = [await db.scalar(select(func.count()).select_from(m).where(m.person_id == pid))
                        for m in (SyncAppliedOp, SyncItem, SyncPerson)]
                assert left == [0, 0, 0]
                out = await sync_and_commit(db, cat, pid, body)  # sent again: applied now
            assert [r.status for r in out.results] == ["applied"] and out.cursor == 1
        finally:
            await engine.dispose()

    asyncio.run(go())


def _with_a_website_note_after_the_first_read(catalogue_db, monkeypatch, first: SyncOp | None, edit: SyncOp):
    """Sync `edit` (after `first`, if given, synced alone), a website edit of its formation's note committed right
    after sync's first read. Returns (the answer, the mark as stored, what each read found: (seq, marks, fresh op
    ids)). PostgreSQL only: on SQLite a web edit waits for the sync's write lock, held from its first statement."""
    if not catalogue_db.startswith("postgresql"):
        pytest.skip("SQLite: a web edit waits for the sync's write lock")
    from mps.domain.favourites.service import edit_favourite, formation_mark
    from mps.domain.sync import service

    reads = []

    async def go():
        engine = make_engine(catalogue_db)
        sessions = make_sessionmaker(engine)
        try:
            cat, pid = await load(engine), await _student(sessions)
            cursor = 0
            if first is not None:
                async with sessions() as db:
                    cursor = (await sync_and_commit(db, cat, pid, SyncIn(since=0, ops=[first]))).cursor
            read = service._read

            async def then_the_website_edits(tx, *args):
                found = await read(tx, *args)
                reads.append((found.seq, len(found.marks), len(found.fresh)))
                if len(reads) == 1:
                    async with sessions() as web:
                        await edit_favourite(web, pid, edit.formation_id, note="Vu au salon")
                        await web.commit()
                return found

            monkeypatch.setattr(service, "_read", then_the_website_edits)
            async with sessions() as db:
                out = await sync_and_commit(db, cat, pid, SyncIn(since=cursor, ops=[edit]))
            async with sessions() as db:
                mark = await formation_mark(db, pid, edit.formation_id)
            return out, mark
        finally:
            await engine.dispose()

    return (*asyncio.run(go()), reads)


def _op(kind: str, value=None, ts: int = 1_767_000_000_000) -> SyncOp:
    return SyncOp(op_id=str(uuid.uuid4()), device_id="tel", ts=ts, kind=kind, formation_id="but-informatique",
                  value=value)


def test_a_mark_edited_on_the_website_during_a_sync_is_adopted_not_overwritten(catalogue_db, monkeypatch):
    """The website writes marks without sync's counter: an edit committed between sync's read of the mark and its
    write makes the write find another version, write nothing (not even the op id) and read again
    (mps.domain.sync.store.write). Before, the sync's UPDATE gave the row the website's version number, so its
    note never reached the devices."""
    out, mark, reads = _with_a_website_note_after_the_first_read(
        catalogue_db, monkeypatch, _op("add_favourite"), _op("set_ambition", "realiste", ts=1_767_000_000_001))
    assert reads == [(1, 1, 1), (1, 1, 1)]
    assert [r.status for r in out.results] == ["applied"]
    assert (mark.ambition, mark.note) == ("realiste", "Vu au salon")
    assert [(m.ambition, m.note, m.version) for m in out.marks] == [("realiste", "Vu au salon", mark.version)]


def test_a_favourite_added_on_the_website_during_a_sync_that_adds_it_is_kept_with_both_edits(catalogue_db, monkeypatch):
    """The same formation made a favourite on the website (with a note) between sync's read, which found no mark,
    and its write, which would insert one: the insert finds the website's row, so the write writes nothing at all
    (not the counter, not the op id) and the sync reads again: the website's note and the device's ambition are
    both kept, the op applied once."""
    out, mark, reads = _with_a_website_note_after_the_first_read(
        catalogue_db, monkeypatch, None, _op("set_ambition", "ambitieux"))
    assert reads == [(0, 0, 1), (0, 1, 1)]  # nothing of the first attempt was written: same counter, op still fresh
    assert [r.status for r in out.results] == ["applied"] and out.cursor == 2  # the website's edit adopted, then the op
    assert (mark.kind, mark.deleted, mark.ambition, mark.note) == ("favori", False, "ambitieux", "Vu au salon")


def test_a_signed_in_sync_failing_after_its_writes_keeps_the_edit_once(site, monkeypatch):
    """An error after the writes: the edit is kept once or not at all, never half, and the connection goes back to
    the pool with no transaction open (the next request on it commits what it writes). PostgreSQL: a signed-in
    sync's write is one statement in autocommit (mps.domain.sync.store), committed as it runs, so the device's
    retry is a duplicate, as after a lost answer; SQLite: the request's transaction is rolled back, the retry
    applies it."""
    from mps.domain.sync import store
    from tests.integration.accounts.fixtures import Browser, new_email
    from tests.integration.favourites.helpers import formation_with_places
    from tests.integration.sync.test_sync_api import T0, op, sync

    student = Browser(site)
    student.sign_in(new_email())
    f, _ = formation_with_places(site)
    first = sync(student, [op("add_favourite", f.id, ts=T0)])
    write = store.write

    async def then_fails(*args):
        await write(*args)
        raise RuntimeError("after the writes")

    monkeypatch.setattr(store, "write", then_fails)
    edit = op("set_ambition", f.id, "realiste", ts=T0 + 1)
    assert student.api("POST", "/api/v1/sync", json={"since": first["cursor"], "ops": [edit]}).status_code == 500
    monkeypatch.setattr(store, "write", write)
    again = sync(student, [edit], since=first["cursor"])
    pg = site.app.state.engine.dialect.name == "postgresql"
    assert [r["status"] for r in again["results"]] == ["duplicate" if pg else "applied"]
    assert again["cursor"] == first["cursor"] + 1
    later = sync(student, [op("set_ambition", f.id, "ambitieux", ts=T0 + 2)], since=again["cursor"])
    assert [r["status"] for r in later["results"]] == ["applied"] and later["cursor"] == first["cursor"] + 2
    assert sync(student, since=0)["marks"][0]["ambition"] == "ambitieux"  # committed, on a connection of the pool
