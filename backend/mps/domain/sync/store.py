"""Every statement of a sync: the person's counter and which op ids are new, the marks to look at with their merge
state, and at the end the marks favourites.service's rules changed, the merge states, the op ids and the counter.

No ORM: the marks are plain rows (Mark), and their writes come back to this module.

PostgreSQL: two statements, no transaction of their own (a signed-in request sends nothing else: no BEGIN, no
COMMIT). read() takes no lock; write() is one statement, so one transaction, that writes only if nothing it
depends on changed since the read: the counter still at the seq read (another sync of the person would have
moved it), each mark still at the version read (a website edit), each new mark still absent, each op id still
unclaimed. Else it fails whole (statements.STALE) and the sync reads again (MarkChanged). Statements are sent by asyncpg
itself (through SQLAlchemy a statement costs the app about twice the CPU: issue 16, bench/sync_cost.py).
SQLite: the counter's upsert first takes the database's write lock, then the same reads and writes through
SQLAlchemy Core. The statements themselves: mps.domain.sync.statements.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg
import msgspec
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from mps.db.driver import driver_in_transaction, driver_of, fetch_pg
from mps.domain.sync import statements as sql
from mps.domain.sync.statements import Item, Mark

__all__ = ["Item", "Mark", "MarkChanged", "NoSession", "Read", "Tx", "Whose", "begin", "by_device", "by_session",
           "last_position", "read", "write"]

_JSON = msgspec.json.Encoder()
MAX_SEQ = 2**31 - 1  # sync_people.seq and sync_items.seq are INTEGER columns


@dataclass(slots=True)
class Read:
    """What a sync starts from: the person's counter, the op ids not applied before, the marks to look at."""
    seq: int
    fresh: set[str]
    marks: list[tuple[Mark, Item | None]]
    to_claim: list[str]  # PostgreSQL: the fresh op ids, claimed by write() (SQLite: claimed by read())
    person_id: str


class NoSession(Exception):
    """The read found no person (tx.whose: a session unknown, expired or ended; an anonymous person gone)."""


class MarkChanged(Exception):
    """Something sync read changed before its write (a web form, another worker's sync of the same person): nothing
    was written; read again."""


@dataclass(slots=True)
class Tx:
    """The request's transaction as sync's statements need it: the session, and on PostgreSQL the asyncpg
    connection, in the session's transaction or (`autocommit`) in none: each statement is its own."""
    db: AsyncSession | None
    driver: object | None
    autocommit: bool = False
    whose: Whose | None = None  # PostgreSQL, the person found by read() (a session's, an anonymous device's)

    async def commit(self) -> None:
        if not self.autocommit:
            await self.db.commit()

    async def rollback(self) -> None:
        if not self.autocommit:
            await self.db.rollback()


async def begin(db: AsyncSession) -> Tx:
    """A signed-in request's session works on the connection its session lookup used (mps.web.sessions) and, on
    PostgreSQL, has sent nothing yet: sync's two statements then go on that connection's driver in autocommit
    (write() is one statement: all or nothing without BEGIN and COMMIT, two round trips)."""
    if db.bind.dialect.name != "postgresql":
        return Tx(db, None)
    if isinstance(db.bind, AsyncConnection) and not db.in_transaction() \
            and db.bind.sync_connection.connection.dbapi_connection._transaction is None:
        return Tx(db, driver_of(db.bind), autocommit=True)
    return Tx(db, await driver_in_transaction(db))


@dataclass(frozen=True, slots=True)
class Whose:
    """PostgreSQL, the person not known before the read: the read that finds them, its parameters, and the key
    one browser's requests queue on within a worker."""
    read: object
    params: dict
    key: str


def by_session(token_hash: str) -> Whose:
    return Whose(sql.PG_READ_BY_SESSION, {"token_hash": token_hash}, token_hash)


def by_device(person_id: str) -> Whose:
    return Whose(sql.PG_READ_BY_DEVICE, {"device_pid": person_id}, person_id)  # the full path's key for that person


def _marks(rows, skip: int) -> list[tuple[Mark, Item | None]]:
    return [(Mark(*r[skip:-3]), None if r[-2] is None else Item(*r[-3:])) for r in rows if r[skip] is not None]


async def read(tx: Tx, person_id: str, op_ids: list[str], now: datetime, since: int, fids: set[str]) -> Read:
    """The person's counter, which of `op_ids` were not applied before, and the marks to look at (with their sync
    item or None). SQLite: the counter's row is created if need be and the op ids claimed first, under the
    database's write lock (counter_and_fresh_ops). PostgreSQL: read only; write() checks nothing moved since."""
    # a cursor past any counter (the column is a 32-bit INTEGER) means the same as the largest one: a full answer
    params = {"pid": person_id, "since": min(since, MAX_SEQ), "fids": sorted(fids)}
    if tx.whose is not None:  # the person is found by the same read (a session's, a device's)
        rows = await fetch_pg(tx.driver, tx.whose.read, {**params, "op_ids": op_ids, "now": now, **tx.whose.params})
        if rows[0][0] is None:
            raise NoSession
        person_id, rows = rows[0][0], [r[1:] for r in rows]
    elif tx.driver is not None:  # JSON columns come decoded (the codec SQLAlchemy's dialect sets on its connections)
        rows = await fetch_pg(tx.driver, sql.PG_READ, {**params, "op_ids": op_ids})
    else:
        seq, fresh = await counter_and_fresh_ops(tx, person_id, op_ids, now)
        return Read(seq, fresh, _marks(await tx.db.execute(sql.MARKS, params), 0), [], person_id)
    fresh = [i for i in op_ids if i not in (rows[0][1] or ())]
    return Read(rows[0][0] or 0, set(fresh), _marks(rows, 2), fresh, person_id)


# -- SQLite: the counter and the op ids, under the write lock ---------------------------------------------

async def counter_and_fresh_ops(tx: Tx, person_id: str, op_ids: list[str], now: datetime) -> tuple[int, set[str]]:
    """SQLite: the person's change counter, its row created if need be, and which of `op_ids` were not applied
    before, now recorded as applied. The counter first, before anything is read: SQLite takes its database write
    lock, so another worker's sync waits for this one's commit (busy timeout) instead of reading a state that is
    about to change and failing to write (« database is locked »: a stale read cannot be upgraded to a write)."""
    db = tx.db
    seq = (await db.execute(sql.upsert_counter(db), {"pid": person_id})).scalar_one()
    if not op_ids:
        return seq, set()
    if len(op_ids) == 1:  # the usual batch
        claimed = await db.execute(sql.claim_ops(db), {"pid": person_id, "op_id": op_ids[0], "now": now})
    else:
        claimed = await db.execute(sql.claim_ops(db, [{"person_id": person_id, "op_id": i, "applied_at": now}
                                                      for i in op_ids]))
    return seq, set(claimed.scalars())


async def last_position(tx: Tx, person_id: str) -> int:
    """The highest position of the person's marks (0: none), for a mark that goes at the end of the list."""
    if tx.driver is not None:
        return (await fetch_pg(tx.driver, sql.LAST_POSITION, {"pid": person_id}))[0][0] or 0
    return (await tx.db.execute(sql.LAST_POSITION, {"pid": person_id})).scalar() or 0


# -- the writes ------------------------------------------------------------------------------------------

async def write(tx: Tx, person_id: str, marks: list[tuple[Mark, int | None]], items: dict[str, Item],
                seq: int, start: Read, now: datetime) -> None:
    """Write the marks favourites.service's rules changed ((mark, the version read; None: a new mark)), the
    sync items this request changed (created or replaced) and the person's counter, now `seq`; on PostgreSQL also
    claim the op ids read as fresh (start.to_claim). MarkChanged if anything moved since `start` was read; the caller
    then rolls back and starts again."""
    if tx.driver is not None:
        row = lambda m: {c: getattr(m, c) for c in sql.WRITTEN}  # noqa: E731
        changed = [{"id": m.id, "read_version": v, **row(m)} for m, v in marks if m.id is not None]
        added = [{"formation_id": m.formation_id, **row(m)} for m, _ in marks if m.id is None]
        item_rows = [{"formation_id": fid, "seq": i.seq, "row_version": i.row_version, "state": i.state}
                     for fid, i in items.items()]
        try:
            await tx.driver.fetchval(sql.PG_WRITE, person_id, _JSON.encode(item_rows).decode(), seq,
                                     _JSON.encode(changed).decode(), _JSON.encode(added).decode(), start.seq,
                                     start.to_claim, now, len(marks))
        except asyncpg.InvalidTextRepresentationError as exc:
            if sql.STALE not in str(exc):
                raise
            raise MarkChanged from None
        except asyncpg.DeadlockDetectedError:  # a web form locked two of these marks the other way round
            raise MarkChanged from None
        return
    db = tx.db
    for mark, read_version in marks:
        values = {c: getattr(mark, c) for c in sql.WRITTEN}
        if mark.id is not None:
            if (await db.execute(sql.UPDATE_MARK, {"b_id": mark.id, "read_version": read_version, **values})).rowcount != 1:
                raise MarkChanged
        else:
            await db.execute(sql.INSERT_MARK, {"person_id": person_id, "formation_id": mark.formation_id, **values})
    rows = [{"person_id": person_id, "formation_id": fid, "seq": i.seq, "row_version": i.row_version,
             "state": i.state} for fid, i in items.items()]
    if len(rows) == 1:
        await db.execute(sql.upsert_items(db, rows), rows[0])
    elif rows:
        await db.execute(sql.upsert_items(db, rows))
    await db.execute(sql.SET_COUNTER, {"pid": person_id, "new_seq": seq})
